#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_util.h"
#include "catalog.h"
#include "cluster.h"
#include "diag.h"
#include "eval.h"
#include "props.h"
#include "report.h"
#include "rules.h"
#include "rules_yaml.h"
#include "settings.h"
#include "source.h"
#include "version.h"
#include "xmalloc.h"

/*
 * The engine, one behaviour a case: a rule written in YAML, the files it
 * sees, and the findings it must produce (and no others).
 */

/* The fields every rule needs, around the part a case is about. */
#define RULE(id, scope, body)						\
	"rules:\n"							\
	"  - id: " id "\n"						\
	"    slug: a-test-rule\n"					\
	"    title: A test rule\n"					\
	"    scope: " scope "\n"					\
	"    severity: error\n"						\
	body								\
	"    rationale: Because.\n"					\
	"    fix: Fix it.\n"

#define J	KA_CLIENT_JAVA
#define L	KA_CLIENT_LIBRDKAFKA
#define P	KA_ROLE_PRODUCER
#define C	KA_ROLE_CONSUMER
#define B	KA_ROLE_BROKER

#define MAXFILES	5

struct file {
	const char	*path;
	const char	*text;
	enum ka_role	 role;
	enum ka_client	 client;
};

struct expect {
	const char	*path;
	unsigned int	 line, col;
	const char	*key;		/* NULL: no key */
	const char	*value;		/* NULL: null */
	enum ka_origin	 origin;
	const char	*message;	/* exact */
	unsigned int	 related_line;
};

static const struct {
	const char	*name;
	const char	*version;
	const char	*rules;
	struct file	 files[MAXFILES];
	size_t		 nexpect;
	struct expect	 expect[MAXFILES];
} cases[] = {
	{ "a constant is read the way the key is: -1 is all", "4.1",
	    RULE("KA9001", "producer", "    key: acks\n"
	    "    condition: {key: acks, eq: -1}\n"
	    "    message: \"acks={value}\"\n"),
	    { { "p.properties", "acks=all\n", P, J } }, 1,
	    { { "p.properties", 1, 1, "acks", "all", KA_ORIGIN_FILE,
	    "acks=all", 0 } } },
	{ "ne fires on a file value", "4.1",
	    RULE("KA9001", "producer", "    key: acks\n"
	    "    condition: {key: acks, ne: all}\n"
	    "    message: \"acks={value}\"\n"),
	    { { "p.properties", "linger.ms=5\nacks = 1\n", P, J } }, 1,
	    { { "p.properties", 2, 1, "acks", "1", KA_ORIGIN_FILE,
	    "acks=1", 0 } } },
	{ "ne does not fire on an equal value", "4.1",
	    RULE("KA9001", "producer", "    key: acks\n"
	    "    condition: {key: acks, ne: all}\n"
	    "    message: \"acks={value}\"\n"),
	    { { "p.properties", "acks=-1\n", P, J } }, 0, { { NULL } } },
	{ "an absent key takes the release's default, at the file", "2.8",
	    RULE("KA9001", "producer", "    key: acks\n"
	    "    condition: {key: acks, ne: all}\n"
	    "    message: \"acks={value} (default {default})\"\n"),
	    { { "p.properties", "linger.ms=5\n", P, J } }, 1,
	    { { "p.properties", 0, 0, "acks", "1", KA_ORIGIN_DEFAULT,
	    "acks=1 (default 1)", 0 } } },
	{ "null values compare false, ne included", "4.1",
	    RULE("KA9001", "producer", "    key: transactional.id\n"
	    "    condition: {key: transactional.id, ne: x}\n"
	    "    message: m\n"),
	    { { "p.properties", "acks=all\n", P, J } }, 0, { { NULL } } },
	{ "invalid values compare false", "4.1",
	    RULE("KA9001", "producer", "    key: acks\n"
	    "    condition: {key: acks, ne: all}\n"
	    "    message: m\n"),
	    { { "p.properties", "acks=ALL\n", P, J } }, 0, { { NULL } } },
	{ "a comparison with an option reads its value, as does the message",
	    "4.1",
	    RULE("KA9001", "broker", "    key: min.insync.replicas\n"
	    "    options:\n      target:\n        type: integer\n"
	    "        default: 3\n        doc: d\n"
	    "    condition: {key: min.insync.replicas, lt: {option: target}}\n"
	    "    message: \"{value} < {option:target}\"\n"),
	    { { "server.properties", "min.insync.replicas=2\n", B, J } }, 1,
	    { { "server.properties", 1, 1, "min.insync.replicas", "2",
	    KA_ORIGIN_FILE, "2 < 3", 0 } } },
	{ "numbers compare as numbers, not text", "4.1",
	    RULE("KA9001", "broker", "    key: min.insync.replicas\n"
	    "    condition: {key: min.insync.replicas, lt: 2}\n"
	    "    message: m\n"),
	    { { "server.properties", "min.insync.replicas=10\n", B, J } }, 0,
	    { { NULL } } },
	{ "numbers of 19 digits compare exactly", "4.1",
	    RULE("KA9001", "producer", "    key: buffer.memory\n"
	    "    condition: {key: buffer.memory, gt: 9223372036854775806}\n"
	    "    message: \"{value}\"\n"),
	    { { "p.properties", "buffer.memory=9223372036854775807\n", P,
	    J } }, 1,
	    { { "p.properties", 1, 1, "buffer.memory", "9223372036854775807",
	    KA_ORIGIN_FILE, "9223372036854775807", 0 } } },
	{ "negative numbers compare as numbers", "4.1",
	    RULE("KA9001", "broker", "    key: log.retention.ms\n"
	    "    condition: {key: log.retention.ms, lt: -0.5}\n"
	    "    message: \"{value}\"\n"),
	    { { "server.properties", "log.retention.ms=-1\n", B, J } }, 1,
	    { { "server.properties", 1, 1, "log.retention.ms", "-1",
	    KA_ORIGIN_FILE, "-1", 0 } } },
	{ "lt fires below", "4.1",
	    RULE("KA9001", "broker", "    key: min.insync.replicas\n"
	    "    condition: {key: min.insync.replicas, lt: 2}\n"
	    "    message: \"min.insync.replicas={value}\"\n"),
	    { { "server.properties", "min.insync.replicas=1\n", B, J } }, 1,
	    { { "server.properties", 1, 1, "min.insync.replicas", "1",
	    KA_ORIGIN_FILE, "min.insync.replicas=1", 0 } } },
	{ "set looks at the file only", "4.1",
	    RULE("KA9001", "producer", "    key: transactional.id\n"
	    "    condition: {all: [{set: transactional.id}, "
	    "{unset: enable.idempotence}]}\n"
	    "    message: \"{key}={value}\"\n"),
	    { { "p.properties", "transactional.id=tx-1\n", P, J } }, 1,
	    { { "p.properties", 1, 1, "transactional.id", "tx-1",
	    KA_ORIGIN_FILE, "transactional.id=tx-1", 0 } } },
	{ "any, not and in", "4.1",
	    RULE("KA9001", "consumer", "    key: auto.offset.reset\n"
	    "    condition: {any: [{not: {key: enable.auto.commit, "
	    "eq: true}}, {key: auto.offset.reset, in: [latest, none]}]}\n"
	    "    message: \"{value}\"\n"),
	    { { "c.properties", "group.id=g\n", C, J } }, 1,
	    { { "c.properties", 0, 0, "auto.offset.reset", "latest",
	    KA_ORIGIN_DEFAULT, "latest", 0 } } },
	{ "not-in", "4.1",
	    RULE("KA9001", "consumer", "    key: auto.offset.reset\n"
	    "    condition: {key: auto.offset.reset, not-in: [earliest]}\n"
	    "    message: \"{value}\"\n"),
	    { { "c.properties", "auto.offset.reset=earliest\n", C, J } }, 0,
	    { { NULL } } },
	{ "key against key", "4.1",
	    RULE("KA9001", "broker", "    key: default.replication.factor\n"
	    "    condition: {key: default.replication.factor, "
	    "le-key: min.insync.replicas}\n"
	    "    message: \"{value} <= {value:min.insync.replicas}\"\n"),
	    { { "server.properties", "default.replication.factor=2\n"
	    "min.insync.replicas=2\n", B, J } }, 1,
	    { { "server.properties", 1, 1, "default.replication.factor", "2",
	    KA_ORIGIN_FILE, "2 <= 2", 0 } } },
	{ "key against a sum of keys", "4.1",
	    RULE("KA9001", "producer", "    key: delivery.timeout.ms\n"
	    "    condition: {key: delivery.timeout.ms, "
	    "lt-key: [linger.ms, request.timeout.ms]}\n"
	    "    message: \"{value}\"\n"),
	    { { "p.properties", "delivery.timeout.ms=30000\nlinger.ms=5\n",
	    P, J }, { "q.properties", "delivery.timeout.ms=30005\n"
	    "linger.ms=5\n", P, J } }, 1,
	    { { "p.properties", 1, 1, "delivery.timeout.ms", "30000",
	    KA_ORIGIN_FILE, "30000", 0 } } },
	{ "matches any element of a list", "4.1",
	    RULE("KA9001", "broker", "    key: log.dirs\n"
	    "    condition: {key: log.dirs, matches: \"/tmp/*\"}\n"
	    "    message: \"{value}\"\n"),
	    { { "a/server.properties", "log.dirs=/data/a, /tmp/b\n", B, J },
	    { "b/server.properties", "log.dirs=/data/tmp/b\n", B, J } }, 1,
	    { { "a/server.properties", 1, 1, "log.dirs", "/data/a,/tmp/b",
	    KA_ORIGIN_FILE, "/data/a,/tmp/b", 0 } } },
	{ "broker: keys are checked against each broker file", "4.1",
	    RULE("KA9001", "producer", "    key: acks\n"
	    "    condition: {all: [{key: acks, eq: all}, "
	    "{key: \"broker:min.insync.replicas\", lt: 2}]}\n"
	    "    message: \"{broker} has {value:broker:min.insync.replicas}\"\n"),
	    { { "p.properties", "acks=all\n", P, J },
	    { "a/server.properties", "min.insync.replicas=1\n", B, J },
	    { "b/server.properties", "min.insync.replicas=2\n", B, J } }, 1,
	    { { "p.properties", 1, 1, "acks", "all", KA_ORIGIN_FILE,
	    "a/server.properties has 1", 1 } } },
	{ "broker: keys are read in the nearest broker files", "4.1",
	    RULE("KA9001", "producer", "    key: acks\n"
	    "    condition: {key: \"broker:min.insync.replicas\", lt: 2}\n"
	    "    message: \"{broker}\"\n"),
	    { { "prod/apps/p.properties", "acks=all\n", P, J },
	    { "staging/apps/p.properties", "acks=all\n", P, J },
	    { "prod/kafka/server.properties", "min.insync.replicas=1\n",
	    B, J },
	    { "staging/kafka/server.properties", "min.insync.replicas=1\n",
	    B, J },
	    { "p.properties", "acks=all\n", P, J } }, 4,
	    { { "p.properties", 1, 1, "acks", "all", KA_ORIGIN_FILE,
	    "prod/kafka/server.properties", 1 },
	    { "p.properties", 1, 1, "acks", "all", KA_ORIGIN_FILE,
	    "staging/kafka/server.properties", 1 },
	    { "prod/apps/p.properties", 1, 1, "acks", "all", KA_ORIGIN_FILE,
	    "prod/kafka/server.properties", 1 },
	    { "staging/apps/p.properties", 1, 1, "acks", "all",
	    KA_ORIGIN_FILE, "staging/kafka/server.properties", 1 } } },
	{ "broker: rules need a broker file", "4.1",
	    RULE("KA9001", "producer", "    key: acks\n"
	    "    condition: {key: \"broker:min.insync.replicas\", lt: 2}\n"
	    "    message: m\n"),
	    { { "p.properties", "acks=all\n", P, J } }, 0, { { NULL } } },
	{ "version ranges gate rules", "3.6",
	    RULE("KA9001", "broker", "    kafka: \">=3.7\"\n"
	    "    key: min.insync.replicas\n"
	    "    condition: {key: min.insync.replicas, lt: 2}\n"
	    "    message: m\n"),
	    { { "server.properties", "node.id=1\n", B, J } }, 0,
	    { { NULL } } },
	{ "clients gate rules", "4.1",
	    RULE("KA9001", "producer", "    client: librdkafka\n"
	    "    key: acks\n"
	    "    condition: {key: acks, ne: all}\n"
	    "    message: m\n"),
	    { { "p.properties", "acks=1\n", P, J },
	    { "l.properties", "request.required.acks=1\n", P, L } }, 1,
	    { { "l.properties", 1, 1, "request.required.acks", "1",
	    KA_ORIGIN_FILE, "m", 0 } } },
	{ "scopes gate rules", "4.1",
	    RULE("KA9001", "producer", "    key: acks\n"
	    "    condition: {key: acks, ne: all}\n"
	    "    message: m\n"),
	    { { "c.properties", "acks=1\n", C, J } }, 0, { { NULL } } },
	{ "duplicate keys: at the later entry, which wins", "4.1",
	    RULE("KA9001", "producer", "    condition: {check: duplicate-key}\n"
	    "    message: \"{key}: {detail}\"\n"),
	    { { "p.properties", "acks=0\nlinger.ms=1\nacks=1\n", P, J } }, 1,
	    { { "p.properties", 3, 1, "acks", "1", KA_ORIGIN_FILE,
	    "acks: also set on line 1", 1 } } },
	{ "unknown keys close to a known one", "4.1",
	    RULE("KA9001", "broker", "    condition: {check: unknown-key}\n"
	    "    message: \"{key}: {detail}\"\n"),
	    { { "server.properties", "min.insync.replica=2\n"
	    "my.plugin.setting=1\n", B, J } }, 1,
	    { { "server.properties", 1, 1, "min.insync.replica", "2",
	    KA_ORIGIN_FILE, "min.insync.replica: did you mean "
	    "min.insync.replicas?", 0 } } },
	{ "would-be inline comments, at the value", "4.1",
	    RULE("KA9001", "producer", "    condition: {check: inline-comment}\n"
	    "    message: \"{value}\"\n"),
	    { { "p.properties", "acks=all # safe\nclient.id=a#b\n", P, J } },
	    1, { { "p.properties", 1, 6, "acks", "all # safe",
	    KA_ORIGIN_FILE, "all # safe", 0 } } },
	{ "invalid values", "4.1",
	    RULE("KA9001", "producer", "    condition: {check: invalid-value}\n"
	    "    message: \"{key}={value}\"\n"),
	    { { "p.properties", "acks=ALL\nretries=3\n", P, J } }, 1,
	    { { "p.properties", 1, 6, "acks", "ALL", KA_ORIGIN_FILE,
	    "acks=ALL", 0 } } },
	{ "Scala keys in a Java client file", "4.1",
	    RULE("KA9001", "producer", "    condition: {check: legacy-key}\n"
	    "    message: \"{key}: {detail}\"\n"),
	    { { "p.properties", "request.required.acks=-1\n", P, J },
	    { "l.properties", "request.required.acks=-1\n", P, L } }, 1,
	    { { "p.properties", 1, 1, "request.required.acks", "-1",
	    KA_ORIGIN_FILE, "request.required.acks: the Java client's key "
	    "is acks", 0 } } },
	{ "keys the release does not have", "2.0",
	    RULE("KA9001", "producer", "    condition: {check: version-key}\n"
	    "    message: \"{key}: {detail}\"\n"),
	    { { "p.properties", "delivery.timeout.ms=1000\n", P, J } }, 1,
	    { { "p.properties", 1, 1, "delivery.timeout.ms", "1000",
	    KA_ORIGIN_FILE, "delivery.timeout.ms: added in Kafka 2.1", 0 } } },
	{ "secrets are never shown", "4.1",
	    RULE("KA9001", "producer", "    key: sasl.jaas.config\n"
	    "    condition: {set: sasl.jaas.config}\n"
	    "    message: \"{value} {value:sasl.jaas.config}\"\n"),
	    { { "p.properties", "sasl.jaas.config=x password=\"hunter2\";\n",
	    P, J } }, 1,
	    { { "p.properties", 1, 1, "sasl.jaas.config", "(redacted)",
	    KA_ORIGIN_FILE, "(redacted) (redacted)", 0 } } },
	{ "secrets in a structural check", "4.1",
	    RULE("KA9001", "producer", "    condition: {check: duplicate-key}\n"
	    "    message: \"{value}\"\n"),
	    { { "p.properties", "ssl.key.password=a\nssl.key.password=b\n",
	    P, J } }, 1,
	    { { "p.properties", 2, 1, "ssl.key.password", "(redacted)",
	    KA_ORIGIN_FILE, "(redacted)", 1 } } },
	{ "placeholders", "3.9",
	    RULE("KA9001", "producer", "    key: retries\n"
	    "    condition: {key: retries, eq: 0}\n"
	    "    message: \"{role} {client} {version} {{x}} {value:acks} "
	    "{key}\"\n"),
	    { { "p.properties", "retries=0\n", P, L } }, 1,
	    { { "p.properties", 1, 1, "retries", "0", KA_ORIGIN_FILE,
	    "producer librdkafka 3.9 {x} all retries", 0 } } },
};

/* Load a rule file written out from yaml; it must load cleanly. */
static void
load_rules(struct ka_ruleset *rs, const char *yaml, struct ka_diags *ds)
{
	char	 path[] = "/tmp/ka-eval-XXXXXX";
	FILE	*fp;
	int	 fd;

	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	fp = fdopen(fd, "w");
	fputs(yaml, fp);
	fclose(fp);
	ck_assert_int_eq(ka_rules_yaml_load(rs, path, ds), 0);
	ck_assert_int_eq(ka_rules_finish(rs, ds), 0);
	unlink(path);
}

START_TEST(test_eval)
{
	struct ka_settings	 settings[MAXFILES];
	const struct ka_settings *files[MAXFILES];
	struct ka_source	*srcs[MAXFILES];
	struct ka_ruleset	 rs;
	struct ka_report	 rep;
	struct ka_diags		 ds;
	const struct ka_finding	*f;
	const struct expect	*e;
	size_t			 i, n = 0;

	ka_diags_init(&ds);
	ka_rules_init(&rs);
	ka_report_init(&rep);
	load_rules(&rs, cases[_i].rules, &ds);

	for (i = 0; i < MAXFILES && cases[_i].files[i].path != NULL;
	    i++, n++) {
		const struct file *fi = &cases[_i].files[i];

		srcs[i] = ka_source_new(fi->path, fi->text, strlen(fi->text));
		memset(&settings[i], 0, sizeof(settings[i]));
		settings[i].src = srcs[i];
		ck_assert_int_eq(ka_props_parse(&settings[i].props, srcs[i],
		    &ds), 0);
		settings[i].role = fi->role;
		settings[i].client = fi->client;
		settings[i].dialect = ka_catalog_dialect(fi->role, fi->client);
		ck_assert_int_eq(ka_version_parse(cases[_i].version,
		    &settings[i].version), 0);
		files[i] = &settings[i];
	}
	ka_eval(&rs, files, n, &rep);
	ka_report_sort(&rep);

	ck_assert_msg(rep.len == cases[_i].nexpect, "%s: %zu findings, "
	    "expected %zu%s%s", cases[_i].name, rep.len, cases[_i].nexpect,
	    rep.len > 0 ? ": " : "", rep.len > 0 ? rep.v[0].message : "");
	for (i = 0; i < rep.len; i++) {
		f = &rep.v[i];
		e = &cases[_i].expect[i];
		ck_assert_str_eq(f->loc.path, e->path);
		ck_assert_uint_eq(f->loc.line, e->line);
		ck_assert_uint_eq(f->loc.col, e->col);
		ck_assert_pstr_eq(f->key, e->key);
		ck_assert_pstr_eq(f->value, e->value);
		ck_assert_int_eq(f->origin, e->origin);
		ck_assert_str_eq(f->message, e->message);
		ck_assert_uint_eq(f->related.line, e->related_line);
		ck_assert_str_eq(f->rule->id, "KA9001");
	}

	ka_report_clear(&rep);
	for (i = 0; i < n; i++) {
		ka_props_clear(&settings[i].props);
		ka_source_free(srcs[i]);
	}
	ka_rules_clear(&rs);
	ka_diags_clear(&ds);
}
END_TEST

/*
 * A topics: condition of a live cluster: every client file gets the same
 * answer and the same topics, however many files there are.
 */
START_TEST(test_topics)
{
	static const char *const names[] = { "a", "b", "c" };
	static const char *const misr[] = { "1", "2", "1" };
	struct ka_cluster	 cl;
	struct ka_topic		*t;
	struct ka_config	*cf;
	struct ka_settings	 files[2], topics[3];
	const struct ka_settings *all[5];
	struct ka_source	*srcs[2];
	struct ka_ruleset	 rs;
	struct ka_report	 rep;
	struct ka_diags		 ds;
	size_t			 i;

	ka_diags_init(&ds);
	ka_rules_init(&rs);
	ka_report_init(&rep);
	load_rules(&rs, RULE("KA9001", "producer", "    key: acks\n"
	    "    condition: {all: [{key: acks, eq: all}, "
	    "{topics: {key: min.insync.replicas, le: 1}}]}\n"
	    "    message: \"{count}: {topics}\"\n"), &ds);

	ka_cluster_init(&cl);
	for (i = 0; i < 3; i++) {
		t = ka_cluster_add_topic(&cl);
		t->name = xstrdup(names[i]);
		t->configs.state = KA_FETCH_OK;
		cf = ka_configs_add(&t->configs);
		cf->name = xstrdup("min.insync.replicas");
		cf->value = xstrdup(misr[i]);
		cf->source = KA_CFG_TOPIC;
	}
	ka_cluster_sort(&cl);
	for (i = 0; i < 2; i++) {
		srcs[i] = ka_source_new(i == 0 ? "p.properties" :
		    "q.properties", "acks=all\n", 9);
		memset(&files[i], 0, sizeof(files[i]));
		files[i].src = srcs[i];
		ck_assert_int_eq(ka_props_parse(&files[i].props, srcs[i],
		    &ds), 0);
		files[i].role = P;
		files[i].client = J;
		files[i].dialect = ka_catalog_dialect(P, J);
		files[i].version = KA_VERSION(4, 1, 0, 0);
		all[i] = &files[i];
	}
	for (i = 0; i < 3; i++) {
		memset(&topics[i], 0, sizeof(topics[i]));
		topics[i].kind = KA_KIND_TOPIC;
		topics[i].role = KA_ROLE_TOPIC;
		topics[i].cluster = &cl;
		topics[i].topic = &cl.topics[i];
		topics[i].dialect = ka_catalog_dialect(KA_ROLE_TOPIC, J);
		topics[i].version = KA_VERSION(4, 1, 0, 0);
		all[2 + i] = &topics[i];
	}
	ka_eval(&rs, all, 5, &rep);
	ka_report_sort(&rep);
	ck_assert_uint_eq(rep.len, 2);
	ck_assert_str_eq(rep.v[0].loc.path, "p.properties");
	ck_assert_str_eq(rep.v[0].message, "2: a and c");
	ck_assert_str_eq(rep.v[1].loc.path, "q.properties");
	ck_assert_str_eq(rep.v[1].message, "2: a and c");

	ka_report_clear(&rep);
	for (i = 0; i < 2; i++) {
		ka_props_clear(&files[i].props);
		ka_source_free(srcs[i]);
	}
	ka_cluster_clear(&cl);
	ka_rules_clear(&rs);
	ka_diags_clear(&ds);
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("eval");
	TCase	*tc = tcase_create("eval");

	tcase_add_loop_test(tc, test_eval, 0,
	    sizeof(cases) / sizeof(cases[0]));
	tcase_add_test(tc, test_topics);
	suite_add_tcase(s, tc);
	return s;
}

KA_CHECK_MAIN(suite)
