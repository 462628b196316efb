#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_util.h"

#include "diag.h"
#include "rules.h"
#include "rules_yaml.h"
#include "xmalloc.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* A fresh directory under $TMPDIR; the caller removes it with rmtmp(). */
static char *
mktmp(void)
{
	const char	*base = getenv("TMPDIR");
	char		*dir;

	dir = xasprintf("%s/check_rules_yaml.XXXXXX",
	    base != NULL && *base != '\0' ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	return dir;
}

static void
rmtmp(char *dir)
{
	struct dirent	*de;
	DIR		*d;
	char		*p;

	d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		ck_assert_int_eq(unlink(p), 0);
		free(p);
	}
	closedir(d);
	ck_assert_int_eq(rmdir(dir), 0);
	free(dir);
}

/* Write len bytes to dir/name; returns the path, owned by the caller. */
static char *
put_bytes(const char *dir, const char *name, const char *text, size_t len)
{
	char	*path;
	int	 fd;

	path = xasprintf("%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ck_assert_int_ne(fd, -1);
	ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
	ck_assert_int_eq(close(fd), 0);
	return path;
}

static char *
put(const char *dir, const char *name, const char *text)
{
	return put_bytes(dir, name, text, strlen(text));
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t	 ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

/* One diagnostic: code, file name, line, column and a fragment. */
static void
assert_diag(const struct ka_diag *d, enum ka_diag_code code,
    const char *file, unsigned int line, unsigned int col, const char *frag)
{
	ck_assert_msg(d->code == code, "code %s, expected %s: %s",
	    ka_diag_id(d->code), ka_diag_id(code),
	    d->detail != NULL ? d->detail : "");
	ck_assert_ptr_nonnull(d->loc.path);
	ck_assert_msg(ends_with(d->loc.path, file), "path %s, expected %s",
	    d->loc.path, file);
	ck_assert_msg(d->loc.line == line && d->loc.col == col,
	    "at %u:%u, expected %u:%u: %s", d->loc.line, d->loc.col, line,
	    col, d->detail);
	ck_assert_ptr_nonnull(d->detail);
	ck_assert_msg(strstr(d->detail, frag) != NULL,
	    "'%s' does not contain '%s'", d->detail, frag);
}

/*
 * A file exercising every field and operator.  Rule and condition
 * locations are asserted below, so keep the lines where they are.
 */
static const char good_yaml[] =
    "# A rule file.\n"						/* 1 */
    "rules:\n"
    "  - id: KA2001\n"
    "    slug: producer-acks-not-all\n"
    "    title: The producer does not wait for the in-sync replicas\n"
    "    scope: producer\n"
    "    category: config\n"
    "    severity: error\n"
    "    kafka: \">=0.11 <3.0 || =3.0.1\"\n"
    "    client: java\n"						/* 10 */
    "    key: acks\n"
    "    when: {unset: transactional.id}\n"
    "    condition:\n"
    "      any:\n"
    "        - {key: acks, in: [\"0\", \"1\"]}\n"
    "        - not: {key: acks, eq: -1}\n"
    "        - {key: retries, lt-key: broker:min.insync.replicas}\n"
    "    message: \"acks={value}: {{only}} the leader, {value:broker:"
    "min.insync.replicas}}}\"\n"
    "    rationale: |\n"
    "      Line one.\n"						/* 20 */
    "      Line two.\n"
    "    fix: >\n"
    "      Set acks=all.\n"
    "  - id: KA3001\n"
    "    slug: consumer-auto-commit\n"
    "    title: Auto commit\n"
    "    scope: [consumer, producer]\n"
    "    category: state\n"
    "    severity: warning\n"
    "    client: [librdkafka, java]\n"				/* 30 */
    "    condition:\n"
    "      all:\n"
    "        - set: broker:log.dirs\n"
    "        - {key: enable.auto.commit, ne: \"false\"}\n"
    "        - {key: a, not-in: [x, \"y z\"]}\n"
    "        - {key: a, eq-key: b}\n"
    "        - {key: a, ne-key: b}\n"
    "        - {key: a, le-key: b}\n"
    "        - {key: a, gt-key: b}\n"
    "        - {key: a, ge-key: b}\n"					/* 40 */
    "        - {key: a, lt: \"1\"}\n"
    "        - {key: a, le: '2'}\n"
    "        - {key: a, gt: 3}\n"
    "        - {key: a, ge: \"\"}\n"
    "    message: m {key} {version} {client} {role} {detail} {broker} "
    "{default}\n"
    "    rationale: r\n"
    "    fix: f\n"
    "  - id: KA0001\n"
    "    slug: file-duplicate-key\n"
    "    title: A key is set twice\n"				/* 50 */
    "    scope: [broker, topic, producer, consumer]\n"
    "    severity: info\n"
    "    condition: {check: duplicate-key}\n"
    "    message: \"{key} is set twice\"\n"
    "    rationale: r\n"
    "    fix: f\n";

START_TEST(test_model)
{
	struct ka_ruleset	 rs;
	struct ka_diags		 ds;
	const struct ka_rule	*r;
	const struct ka_cond	*c, *s;
	char			*dir, *path;

	dir = mktmp();
	path = put(dir, "good.yaml", good_yaml);
	ka_rules_init(&rs);
	ka_diags_init(&ds);
	ck_assert_int_eq(ka_rules_yaml_load(&rs, path, &ds), 0);
	ck_assert_uint_eq(ds.len, 0);
	ck_assert_uint_eq(rs.len, 3);
	ck_assert_uint_eq(rs.npaths, 1);
	ck_assert_str_eq(rs.paths[0], path);

	r = &rs.v[0];
	ck_assert_str_eq(r->id, "KA2001");
	ck_assert_str_eq(r->slug, "producer-acks-not-all");
	ck_assert_str_eq(r->title,
	    "The producer does not wait for the in-sync replicas");
	ck_assert_uint_eq(r->scopes, KA_SCOPE_PRODUCER);
	ck_assert_int_eq(r->category, KA_CAT_CONFIG);
	ck_assert_int_eq(r->severity, KA_SEV_ERROR);
	ck_assert_str_eq(r->versions_text, ">=0.11 <3.0 || =3.0.1");
	ck_assert_uint_eq(r->versions.len, 2);
	ck_assert(ka_version_ranges_match(&r->versions,
	    KA_VERSION(2, 8, 0, 0)));
	ck_assert(!ka_version_ranges_match(&r->versions,
	    KA_VERSION(3, 0, 0, 0)));
	ck_assert(ka_version_ranges_match(&r->versions,
	    KA_VERSION(3, 0, 1, 0)));
	ck_assert(!ka_version_ranges_match(&r->versions,
	    KA_VERSION(0, 10, 2, 1)));
	ck_assert_uint_eq(r->clients, 1u << KA_CLIENT_JAVA);
	ck_assert_str_eq(r->key, "acks");
	ck_assert_ptr_eq(r->loc.path, rs.paths[0]);
	ck_assert_uint_eq(r->loc.line, 3);
	ck_assert_uint_eq(r->loc.col, 5);

	c = r->when;
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(c->op, KA_COND_UNSET);
	ck_assert_str_eq(c->key.name, "transactional.id");
	ck_assert_int_eq(c->key.broker, 0);
	ck_assert_uint_eq(c->loc.line, 12);
	ck_assert_uint_eq(c->loc.col, 11);

	c = r->cond;
	ck_assert_int_eq(c->op, KA_COND_ANY);
	ck_assert_uint_eq(c->loc.line, 14);
	ck_assert_uint_eq(c->loc.col, 7);
	ck_assert_ptr_null(c->key.name);
	ck_assert_uint_eq(c->nsub, 3);
	s = &c->sub[0];
	ck_assert_int_eq(s->op, KA_COND_IN);
	ck_assert_str_eq(s->key.name, "acks");
	ck_assert_uint_eq(s->nset, 2);
	ck_assert_str_eq(s->set[0], "0");
	ck_assert_str_eq(s->set[1], "1");
	ck_assert_uint_eq(s->loc.line, 15);
	ck_assert_uint_eq(s->loc.col, 11);
	s = &c->sub[1];
	ck_assert_int_eq(s->op, KA_COND_NOT);
	ck_assert_uint_eq(s->nsub, 1);
	ck_assert_int_eq(s->sub[0].op, KA_COND_EQ);
	ck_assert_str_eq(s->sub[0].key.name, "acks");
	ck_assert_str_eq(s->sub[0].value, "-1");
	ck_assert_uint_eq(s->sub[0].loc.line, 16);
	ck_assert_uint_eq(s->sub[0].loc.col, 16);
	s = &c->sub[2];
	ck_assert_int_eq(s->op, KA_COND_LT_KEY);
	ck_assert_str_eq(s->key.name, "retries");
	ck_assert_int_eq(s->key.broker, 0);
	ck_assert_str_eq(s->rkey.name, "min.insync.replicas");
	ck_assert_int_eq(s->rkey.broker, 1);

	ck_assert_str_eq(r->message, "acks={value}: {{only}} the leader, "
	    "{value:broker:min.insync.replicas}}}");
	ck_assert_str_eq(r->rationale, "Line one.\nLine two.");
	ck_assert_str_eq(r->fix, "Set acks=all.");

	r = &rs.v[1];
	ck_assert_str_eq(r->id, "KA3001");
	ck_assert_uint_eq(r->scopes, KA_SCOPE_CONSUMER | KA_SCOPE_PRODUCER);
	ck_assert_int_eq(r->category, KA_CAT_STATE);
	ck_assert_int_eq(r->severity, KA_SEV_WARNING);
	ck_assert_uint_eq(r->versions.len, 0);
	ck_assert_ptr_null(r->versions_text);
	ck_assert_uint_eq(r->clients,
	    (1u << KA_CLIENT_JAVA) | (1u << KA_CLIENT_LIBRDKAFKA));
	ck_assert_ptr_null(r->key);
	ck_assert_ptr_null(r->when);
	c = r->cond;
	ck_assert_int_eq(c->op, KA_COND_ALL);
	ck_assert_uint_eq(c->nsub, 12);
	ck_assert_int_eq(c->sub[0].op, KA_COND_SET);
	ck_assert_str_eq(c->sub[0].key.name, "log.dirs");
	ck_assert_int_eq(c->sub[0].key.broker, 1);
	ck_assert_uint_eq(c->sub[0].loc.line, 33);
	ck_assert_uint_eq(c->sub[0].loc.col, 11);
	ck_assert_int_eq(c->sub[1].op, KA_COND_NE);
	ck_assert_str_eq(c->sub[1].value, "false");
	ck_assert_int_eq(c->sub[2].op, KA_COND_NOT_IN);
	ck_assert_uint_eq(c->sub[2].nset, 2);
	ck_assert_str_eq(c->sub[2].set[1], "y z");
	ck_assert_int_eq(c->sub[3].op, KA_COND_EQ_KEY);
	ck_assert_str_eq(c->sub[3].rkey.name, "b");
	ck_assert_int_eq(c->sub[3].rkey.broker, 0);
	ck_assert_int_eq(c->sub[4].op, KA_COND_NE_KEY);
	ck_assert_int_eq(c->sub[5].op, KA_COND_LE_KEY);
	ck_assert_int_eq(c->sub[6].op, KA_COND_GT_KEY);
	ck_assert_int_eq(c->sub[7].op, KA_COND_GE_KEY);
	ck_assert_int_eq(c->sub[8].op, KA_COND_LT);
	ck_assert_str_eq(c->sub[8].value, "1");
	ck_assert_int_eq(c->sub[9].op, KA_COND_LE);
	ck_assert_str_eq(c->sub[9].value, "2");
	ck_assert_int_eq(c->sub[10].op, KA_COND_GT);
	ck_assert_str_eq(c->sub[10].value, "3");
	ck_assert_int_eq(c->sub[11].op, KA_COND_GE);
	ck_assert_str_eq(c->sub[11].value, "");

	r = &rs.v[2];
	ck_assert_str_eq(r->id, "KA0001");
	ck_assert_uint_eq(r->scopes, KA_SCOPE_BROKER | KA_SCOPE_TOPIC |
	    KA_SCOPE_PRODUCER | KA_SCOPE_CONSUMER);
	ck_assert_int_eq(r->category, KA_CAT_CONFIG);
	ck_assert_int_eq(r->severity, KA_SEV_INFO);
	ck_assert_uint_eq(r->clients, 0);
	ck_assert_int_eq(r->cond->op, KA_COND_CHECK);
	ck_assert_int_eq(r->cond->check, KA_CHECK_DUPLICATE_KEY);
	ck_assert_ptr_null(r->cond->key.name);
	ck_assert_str_eq(r->message, "{key} is set twice");

	ka_rules_clear(&rs);
	ka_diags_clear(&ds);
	free(path);
	rmtmp(dir);
}
END_TEST

/* Sums of keys on the right of a comparison, and glob matches. */
START_TEST(test_sum_and_matches)
{
	static const char yaml[] =
	    "rules:\n"
	    "  - id: KA2009\n"
	    "    slug: s\n"
	    "    title: t\n"
	    "    scope: producer\n"
	    "    severity: error\n"
	    "    condition:\n"
	    "      all:\n"
	    "        - {key: acks, lt-key: [acks, broker:acks]}\n"
	    "        - {key: acks, matches: \"/tmp/*\"}\n"
	    "    message: m\n"
	    "    rationale: r\n"
	    "    fix: f\n";
	struct ka_ruleset	 rs;
	struct ka_diags		 ds;
	const struct ka_cond	*c;
	char			*dir, *path;

	dir = mktmp();
	path = put(dir, "sum.yaml", yaml);
	ka_rules_init(&rs);
	ka_diags_init(&ds);
	ck_assert_int_eq(ka_rules_yaml_load(&rs, path, &ds), 0);
	ck_assert_uint_eq(rs.len, 1);
	c = &rs.v[0].cond->sub[0];
	ck_assert_int_eq(c->op, KA_COND_LT_KEY);
	ck_assert_ptr_null(c->rkey.name);
	ck_assert_uint_eq(c->nrsum, 2);
	ck_assert_str_eq(c->rsum[0].name, "acks");
	ck_assert_int_eq(c->rsum[0].broker, 0);
	ck_assert_str_eq(c->rsum[1].name, "acks");
	ck_assert_int_eq(c->rsum[1].broker, 1);
	c = &rs.v[0].cond->sub[1];
	ck_assert_int_eq(c->op, KA_COND_MATCHES);
	ck_assert_str_eq(c->value, "/tmp/*");
	ka_rules_clear(&rs);
	ka_diags_clear(&ds);
	free(path);
	rmtmp(dir);
}
END_TEST

/*
 * The bad files.  RULE() writes a rule whose lines 1 to 8 are fixed; rest
 * starts on line 9.  Columns: id value 2:9, slug 3:11, scope 5:12,
 * severity 6:15; "    condition: {" puts the brace at column 16.
 */
#define RULE(id, slug, scope, sev, rest)				\
	"rules:\n"							\
	"  - id: " id "\n"						\
	"    slug: " slug "\n"						\
	"    title: A title\n"						\
	"    scope: " scope "\n"					\
	"    severity: " sev "\n"					\
	"    rationale: Because.\n"					\
	"    fix: Do it.\n"						\
	rest
#define MSG	"    message: m\n"
#define COND	"    condition: {set: acks}\n"
#define P(rest)	RULE("KA2001", "s-one", "producer", "error", rest)
/* An option declaration of six lines, and its first three. */
#define OPT_HEAD							\
	"    options:\n"						\
	"      target:\n"						\
	"        type: integer\n"
#define OPT	OPT_HEAD						\
	"        default: 3\n"						\
	"        min: 1\n"						\
	"        doc: The target.\n"

static const struct bad {
	const char		*name;
	const char		*yaml;
	int			 finish;	/* ka_rules_finish's error */
	enum ka_diag_code	 code;
	unsigned int		 line, col;
	const char		*frag;
} bad[] = {
	{ "yaml-syntax", "rules: [\n", 0, KA_D_RULES_YAML, 2, 1,
	    "invalid YAML: did not find expected node content" },
	{ "tab-indent", "rules:\n\t- id: KA2001\n", 0, KA_D_RULES_YAML, 2, 1,
	    "never tabs" },
	{ "bad-utf8", "rules: \xff\n", 0, KA_D_RULES_YAML, 1, 8,
	    "expected UTF-8 text" },
	{ "top-sequence", "- id: KA2001\n", 0, KA_D_RULES_SCHEMA, 1, 1,
	    "expected a mapping with the one key rules:, found a list" },
	{ "top-unknown", "rules: []\nrulez: []\n", 0, KA_D_RULES_SCHEMA, 2, 1,
	    "unknown top-level key 'rulez'; did you mean 'rules'?" },
	{ "top-no-rules", "{}\n", 0, KA_D_RULES_SCHEMA, 1, 1,
	    "missing the key rules:" },
	{ "comments-only", "# nothing here\n", 0, KA_D_RULES_SCHEMA, 1, 1,
	    "only comments" },
	{ "two-documents", "rules: []\n---\nrules: []\n", 0,
	    KA_D_RULES_SCHEMA, 2, 1, "a second YAML document" },
	{ "rules-mapping", "rules: {a: b}\n", 0, KA_D_RULES_SCHEMA, 1, 8,
	    "rules: expected a list of rules, found a mapping" },
	{ "rule-scalar", "rules:\n  - KA2001\n", 0, KA_D_RULES_SCHEMA, 2, 5,
	    "expected a rule, a mapping of fields" },
	{ "unknown-field", P(MSG COND "    severty: error\n"), 0,
	    KA_D_RULES_SCHEMA, 11, 5,
	    "unknown field 'severty'; did you mean 'severity'?" },
	{ "missing-message", P(COND), 0, KA_D_RULES_SCHEMA, 2, 5,
	    "rule KA2001: missing the required field message:" },
	{ "missing-condition", P(MSG), 0, KA_D_RULES_SCHEMA, 2, 5,
	    "missing the required field condition:" },
	{ "field-twice", P(MSG COND "    title: Again\n"), 0,
	    KA_D_RULES_SCHEMA, 11, 5,
	    "title: given twice; the first is at line 4" },
	{ "field-kind", P(MSG COND "    key: [acks]\n"), 0, KA_D_RULES_SCHEMA,
	    11, 10, "key: expected a key name such as min.insync.replicas, "
	    "found a list" },
	{ "bad-severity", RULE("KA2001", "s-one", "producer", "fatal",
	    MSG COND), 0, KA_D_RULES_SCHEMA, 6, 15,
	    "unknown severity 'fatal'; expected error, warning or info" },
	{ "bad-id", RULE("KA21", "s-one", "producer", "error", MSG COND), 0,
	    KA_D_RULES_SCHEMA, 2, 9, "id: 'KA21' is not a rule id" },
	{ "bad-slug", RULE("KA2001", "Acks_not_all", "producer", "error",
	    MSG COND), 0, KA_D_RULES_SCHEMA, 3, 11,
	    "slug: 'Acks_not_all' is not a slug" },
	{ "scope-unknown", RULE("KA2001", "s-one", "brokers", "error",
	    MSG COND), 0, KA_D_RULES_SCHEMA, 5, 12,
	    "unknown scope 'brokers'; did you mean 'broker'?" },
	{ "scope-empty", RULE("KA2001", "s-one", "[]", "error", MSG COND), 0,
	    KA_D_RULES_SCHEMA, 5, 12, "found an empty list" },
	{ "scope-twice", RULE("KA2001", "s-one", "[producer, producer]",
	    "error", MSG COND), 0, KA_D_RULES_SCHEMA, 5, 23,
	    "scope: 'producer' is listed twice" },
	{ "scope-nested", RULE("KA2001", "s-one", "[producer, [x]]",
	    "error", MSG COND), 0, KA_D_RULES_SCHEMA, 5, 23,
	    "scope: expected broker, topic, producer, consumer, partition or "
	    "cluster, or a list of them, found a list" },
	{ "scope-mapping", RULE("KA2001", "s-one", "{a: b}", "error",
	    MSG COND), 0, KA_D_RULES_SCHEMA, 5, 12,
	    "scope: expected broker, topic, producer, consumer, partition or "
	    "cluster, or a list of them, found a mapping" },
	{ "client-unknown", P(MSG COND "    client: rdkafka\n"), 0,
	    KA_D_RULES_SCHEMA, 11, 13,
	    "unknown client 'rdkafka'; did you mean 'librdkafka'?" },
	{ "category-unknown", P(MSG COND "    category: live\n"), 0,
	    KA_D_RULES_SCHEMA, 11, 15,
	    "unknown category 'live'; expected config or state" },
	{ "range-garbage", P(MSG COND "    kafka: \">=3.0 <abc\"\n"), 0,
	    KA_D_RULES_SCHEMA, 11, 12,
	    "kafka: '>=3.0 <abc' is not a version range" },
	{ "range-inverted", P(MSG COND "    kafka: \">=3.0 <2.0\"\n"), 0,
	    KA_D_RULES_SCHEMA, 11, 12, "matches no Kafka release" },
	{ "range-empty", P(MSG COND "    kafka: \"\"\n"), 0,
	    KA_D_RULES_SCHEMA, 11, 12, "found an empty string" },
	{ "check-in-all",
	    P(MSG "    condition: {all: [{check: duplicate-key}]}\n"), 0,
	    KA_D_RULES_SCHEMA, 10, 24, "not inside all, any or not" },
	{ "check-in-when", P(MSG COND "    when: {check: unknown-key}\n"), 0,
	    KA_D_RULES_SCHEMA, 11, 12, "not in when:" },
	{ "check-unknown", P(MSG "    condition: {check: dupe-key}\n"), 0,
	    KA_D_RULES_SCHEMA, 10, 24, "unknown check 'dupe-key'" },
	{ "check-with-key",
	    P(MSG "    key: acks\n    condition: {check: duplicate-key}\n"),
	    0, KA_D_RULES_SCHEMA, 10, 5, "key: is not used by a check:" },
	{ "two-operators",
	    P(MSG "    condition: {key: acks, eq: \"1\", ne: \"2\"}\n"), 0,
	    KA_D_RULES_SCHEMA, 10, 37, "a second operator in one condition" },
	{ "no-operator", P(MSG "    condition: {key: acks}\n"), 0,
	    KA_D_RULES_SCHEMA, 10, 16, "found only key:" },
	{ "unknown-operator", P(MSG "    condition: {ekq: acks}\n"), 0,
	    KA_D_RULES_SCHEMA, 10, 17,
	    "unknown operator 'ekq'; did you mean 'eq'?" },
	{ "operator-needs-key", P(MSG "    condition: {eq: \"1\"}\n"), 0,
	    KA_D_RULES_SCHEMA, 10, 16, "eq: expected key: beside it" },
	{ "set-with-key", P(MSG "    condition: {key: acks, set: acks}\n"),
	    0, KA_D_RULES_SCHEMA, 10, 17, "key: does not go with set:" },
	{ "empty-any", P(MSG "    condition: {any: []}\n"), 0,
	    KA_D_RULES_SCHEMA, 10, 22,
	    "any: expected a non-empty list of conditions" },
	{ "sum-of-one", P(MSG "    condition: {key: acks, lt-key: [acks]}\n"),
	    0, KA_D_RULES_SCHEMA, 10, 36, "needs at least two" },
	{ "sum-of-lists", P(MSG "    condition: {key: acks, lt-key: "
	    "[acks, [retries]]}\n"), 0, KA_D_RULES_SCHEMA, 10, 43,
	    "a key name" },
	{ "matches-list", P(MSG "    condition: {key: acks, matches: [a]}\n"),
	    0, KA_D_RULES_SCHEMA, 10, 37, "matches: expected a value" },
	{ "empty-in", P(MSG "    condition: {key: acks, in: []}\n"), 0,
	    KA_D_RULES_SCHEMA, 10, 32, "in: expected a non-empty list" },
	{ "eq-null", P(MSG "    condition: {key: acks, eq: }\n"), 0,
	    KA_D_RULES_SCHEMA, 10, 32, "eq: expected a value" },
	{ "condition-scalar", P(MSG "    condition: acks\n"), 0,
	    KA_D_RULES_SCHEMA, 10, 16,
	    "expected a condition, a mapping with one operator" },
	{ "not-a-key", P(MSG "    condition: {set: \"acks all\"}\n"), 0,
	    KA_D_RULES_SCHEMA, 10, 22, "'acks all' is not a key name" },
	{ "unknown-placeholder", P("    message: \"acks={valeu}\"\n" COND), 0,
	    KA_D_RULES_SCHEMA, 9, 14,
	    "unknown placeholder {valeu} (did you mean {value}?)" },
	{ "unbalanced-open", P("    message: acks={value\n" COND), 0,
	    KA_D_RULES_SCHEMA, 9, 14, "message: unbalanced '{'" },
	{ "unbalanced-close", P("    message: acks=value}\n" COND), 0,
	    KA_D_RULES_SCHEMA, 9, 14, "message: unbalanced '}'" },
	{ "placeholder-in-fix", "rules:\n  - id: KA2001\n    slug: s\n"
	    "    title: T\n    scope: producer\n    severity: info\n" COND
	    MSG "    rationale: r\n    fix: \"Set {acks}.\"\n", 0,
	    KA_D_RULES_SCHEMA, 10, 10, "fix: unknown placeholder {acks}" },
	{ "message-lines", P("    message: |\n      one\n      two\n" COND),
	    0, KA_D_RULES_SCHEMA, 9, 14,
	    "message: expected one line of text, found several" },
	{ "broker-in-broker-rule", RULE("KA1001", "s-one", "broker", "error",
	    MSG "    condition: {key: broker:acks, eq: \"1\"}\n"), 0,
	    KA_D_RULES_SCHEMA, 10, 22,
	    "scope includes producer or consumer" },
	{ "broker-placeholder-in-topic-rule", RULE("KA1001", "s-one",
	    "topic", "error", "    message: \"{value:broker:acks}\"\n" COND),
	    0, KA_D_RULES_SCHEMA, 9, 14,
	    "scope includes producer or consumer" },
	{ "broker-in-rule-key", P(MSG COND "    key: broker:acks\n"), 0,
	    KA_D_RULES_SCHEMA, 11, 10, "has the prefix broker:" },
	{ "alias", P(MSG "    condition: &c {set: acks}\n    when: *c\n"), 0,
	    KA_D_RULES_SCHEMA, 11, 11, "an alias (*c)" },
	{ "empty-file", "", 0, KA_D_SOURCE_EMPTY, 0, 0, "empty" },
	{ "unknown-key", P(MSG "    condition: {set: no.such.key}\n"), 1,
	    KA_D_RULES_UNKNOWN_KEY, 10, 16,
	    "names the key 'no.such.key', which no producer configuration "
	    "has" },
	{ "unknown-broker-key",
	    P(MSG "    condition: {key: acks, eq-key: broker:acks}\n"), 1,
	    KA_D_RULES_UNKNOWN_KEY, 10, 16, "the broker key 'acks', which no "
	    "broker configuration has" },
	{ "unknown-rule-key", P(MSG COND "    key: no.such.key\n"), 1,
	    KA_D_RULES_UNKNOWN_KEY, 2, 5, "names the key 'no.such.key'" },
	{ "unknown-placeholder-key",
	    P("    message: \"{value:no.such.key}\"\n" COND), 1,
	    KA_D_RULES_UNKNOWN_KEY, 2, 5, "names the key 'no.such.key'" },
	{ "option-unknown-ref", P(MSG OPT
	    "    condition: {key: retries, lt: {option: targte}}\n"), 0,
	    KA_D_RULES_SCHEMA, 16, 44,
	    "rule KA2001 has no option 'targte' (did you mean 'target'?)" },
	{ "option-not-an-option", P(MSG OPT
	    "    condition: {key: retries, lt: {opt: target}}\n"), 0,
	    KA_D_RULES_SCHEMA, 16, 35,
	    "lt: expected a value, or {option: NAME}" },
	{ "option-placeholder-unknown", P("    message: \"{option:nope}\"\n"
	    COND), 0, KA_D_RULES_SCHEMA, 9, 14,
	    "rule KA2001 has no option 'nope'" },
	{ "option-bad-default", P(MSG COND "    options:\n      target:\n"
	    "        type: integer\n        default: three\n"
	    "        doc: d\n"), 0, KA_D_RULES_SCHEMA, 14, 18,
	    "option target: the default 'three' is invalid; expected an "
	    "integer" },
	{ "option-default-range", P(MSG COND OPT_HEAD
	    "        default: 0\n        min: 1\n        doc: d\n"), 0,
	    KA_D_RULES_SCHEMA, 14, 18, "the default '0' is too small; "
	    "expected an integer of at least 1" },
	{ "option-missing-doc", P(MSG COND OPT_HEAD "        default: 1\n"),
	    0, KA_D_RULES_SCHEMA, 13, 9,
	    "option target: missing the required field doc:" },
	{ "option-field-unknown", P(MSG COND OPT_HEAD "        default: 1\n"
	    "        doc: d\n        mni: 1\n"), 0, KA_D_RULES_SCHEMA, 16, 9,
	    "unknown option field 'mni'; did you mean 'min'?" },
	{ "option-string-bound", P(MSG COND "    options:\n      target:\n"
	    "        type: string\n        default: a\n        doc: d\n"
	    "        max: 3\n"), 0, KA_D_RULES_SCHEMA, 16, 9,
	    "min: and max: bound integer options only" },
	{ "option-bad-type", P(MSG COND "    options:\n      target:\n"
	    "        type: int\n        default: 1\n        doc: d\n"), 0,
	    KA_D_RULES_SCHEMA, 13, 15,
	    "unknown option type 'int'; expected integer or string" },
	{ "option-bad-name", P(MSG COND "    options:\n      Target:\n"
	    "        type: integer\n        default: 1\n        doc: d\n"),
	    0, KA_D_RULES_SCHEMA, 12, 7, "'Target' is not an option name" },
	{ "options-empty", P(MSG COND "    options: {}\n"), 0,
	    KA_D_RULES_SCHEMA, 11, 14, "options: expected a mapping of "
	    "option names" },
	{ "suppressible-bad", P(MSG COND "    suppressible: no\n"), 0,
	    KA_D_RULES_SCHEMA, 11, 19,
	    "unknown value of suppressible 'no'; expected true or false" },
	{ "duplicate-id-in-file", P(MSG COND)
	    "  - id: KA2001\n    slug: s-two\n    title: T\n"
	    "    scope: producer\n    severity: info\n    message: m\n"
	    "    rationale: r\n    fix: f\n" COND, 1,
	    KA_D_RULES_DUPLICATE_ID, 11, 5,
	    "the id KA2001 is already used by the rule at " },
};

START_TEST(test_bad)
{
	const struct bad	*b = &bad[_i];
	struct ka_ruleset	 rs;
	struct ka_diags		 ds;
	char			*dir, *path;

	dir = mktmp();
	path = put(dir, "bad.yaml", b->yaml);
	ka_rules_init(&rs);
	ka_diags_init(&ds);
	if (b->finish) {
		ck_assert_msg(ka_rules_yaml_load(&rs, path, &ds) == 0,
		    "%s: loading failed: %s", b->name,
		    ds.len > 0 ? ds.v[0].detail : "");
		ck_assert_int_eq(ka_rules_finish(&rs, &ds), -1);
	} else {
		ck_assert_int_eq(ka_rules_yaml_load(&rs, path, &ds), -1);
		ck_assert_uint_eq(rs.len, 0);
	}
	ck_assert_msg(ds.len >= 1, "%s: no diagnostic", b->name);
	assert_diag(&ds.v[0], b->code, "/bad.yaml", b->line, b->col,
	    b->frag);
	ck_assert_int_eq(ds.worst, KA_LEVEL_INPUT);
	ka_rules_clear(&rs);
	ka_diags_clear(&ds);
	free(path);
	rmtmp(dir);
}
END_TEST

/* Nesting one level past KA_RULES_MAX_DEPTH is refused where it starts. */
START_TEST(test_too_deep)
{
	struct ka_ruleset	 rs;
	struct ka_diags		 ds;
	char			*dir, *path, *cond, *yaml, *t;
	int			 i, n;

	/* Levels 1 to 3 are the top mapping, rules: and the rule. */
	n = KA_RULES_MAX_DEPTH - 3;
	cond = xstrdup("{set: acks}");
	for (i = 0; i < n; i++) {
		t = xasprintf("{not: %s}", cond);
		free(cond);
		cond = t;
	}
	yaml = xasprintf("%s    condition: %s\n", P(MSG), cond);
	dir = mktmp();
	path = put(dir, "deep.yaml", yaml);
	ka_rules_init(&rs);
	ka_diags_init(&ds);
	ck_assert_int_eq(ka_rules_yaml_load(&rs, path, &ds), -1);
	ck_assert_uint_eq(rs.len, 0);
	ck_assert_uint_eq(ds.len, 1);
	/* The 33rd collection is the 30th "{", six columns apart. */
	assert_diag(&ds.v[0], KA_D_RULES_LIMIT, "/deep.yaml", 10,
	    16 + 6 * (KA_RULES_MAX_DEPTH - 3), "nested more than 32 deep");
	ka_rules_clear(&rs);
	ka_diags_clear(&ds);
	free(path);
	free(yaml);

	/* One level less loads. */
	t = xstrdup(cond + 6);
	t[strlen(t) - 1] = '\0';
	yaml = xasprintf("%s    condition: %s\n", P(MSG), t);
	path = put(dir, "deep.yaml", yaml);
	ck_assert_int_eq(ka_rules_yaml_load(&rs, path, &ds), 0);
	ck_assert_uint_eq(rs.len, 1);
	ka_rules_clear(&rs);
	ka_diags_clear(&ds);
	free(t);
	free(cond);
	free(path);
	free(yaml);
	rmtmp(dir);
}
END_TEST

/* A file of n one-line rules with ids from first on. */
static char *
many_rules(unsigned int first, unsigned int n)
{
	char		*s, *t;
	size_t		 len = 0, cap = 64 + (size_t)n * 160;
	unsigned int	 i;

	s = xmalloc(cap);
	len = (size_t)snprintf(s, cap, "rules:\n");
	for (i = 0; i < n; i++) {
		t = s + len;
		len += (size_t)snprintf(t, cap - len, "  - {id: KA%u, slug: "
		    "r%u, title: T, scope: producer, severity: info, "
		    "condition: {set: acks}, message: m, rationale: r, fix: "
		    "f}\n", first + i, first + i);
	}
	return s;
}

/* The limit counts the rules of the whole ruleset, across files. */
START_TEST(test_too_many)
{
	struct ka_ruleset	 rs;
	struct ka_diags		 ds;
	char			*dir, *a, *b, *yaml;

	dir = mktmp();
	yaml = many_rules(100000, KA_RULES_MAX_RULES - 1);
	a = put(dir, "a.yaml", yaml);
	free(yaml);
	yaml = many_rules(200000, 2);
	b = put(dir, "b.yaml", yaml);
	free(yaml);
	ka_rules_init(&rs);
	ka_diags_init(&ds);
	ck_assert_int_eq(ka_rules_yaml_load(&rs, a, &ds), 0);
	ck_assert_uint_eq(rs.len, KA_RULES_MAX_RULES - 1);
	ck_assert_int_eq(ka_rules_yaml_load(&rs, b, &ds), -1);
	ck_assert_uint_eq(rs.len, KA_RULES_MAX_RULES - 1);
	ck_assert_uint_eq(ds.len, 1);
	assert_diag(&ds.v[0], KA_D_RULES_LIMIT, "/b.yaml", 3, 5,
	    "the limit is 10000 rules");
	ck_assert_int_eq(ka_rules_finish(&rs, &ds), 0);
	ka_rules_clear(&rs);
	ka_diags_clear(&ds);
	free(a);
	free(b);
	rmtmp(dir);
}
END_TEST

#define GOOD(id, slug)	"rules:\n" GOOD_RULE(id, slug)
#define GOOD_RULE(id, slug)						\
	"  - id: " id "\n"						\
	"    slug: " slug "\n"						\
	"    title: T\n"						\
	"    scope: producer\n"						\
	"    severity: warning\n"					\
	"    key: acks\n"						\
	"    condition: {key: acks, in: [\"0\", \"1\"]}\n"		\
	"    message: \"acks={value}\"\n"				\
	"    rationale: R\n"						\
	"    fix: F\n"

/*
 * A directory: *.yaml and *.yml in name order, other and hidden files
 * ignored; the file with a bad rule gives nothing, the others load.
 */
START_TEST(test_directory)
{
	struct ka_ruleset	 rs;
	struct ka_diags		 ds;
	char			*dir, *p[5];
	size_t			 i;

	dir = mktmp();
	p[0] = put(dir, "z.yaml", GOOD("KA2003", "zed"));
	p[1] = put(dir, "b.yml", GOOD("KA2004", "bee")
	    GOOD_RULE("KA2005", "Bad_Slug"));
	p[2] = put(dir, "a.yaml", GOOD("KA2002", "ay"));
	p[3] = put(dir, "notes.txt", "not: [yaml");
	p[4] = put(dir, ".#a.yaml", "not: [yaml");
	ka_rules_init(&rs);
	ka_diags_init(&ds);
	ck_assert_int_eq(ka_rules_yaml_load(&rs, dir, &ds), -1);
	ck_assert_uint_eq(ds.len, 1);
	assert_diag(&ds.v[0], KA_D_RULES_SCHEMA, "/b.yml", 13, 11,
	    "slug: 'Bad_Slug' is not a slug");
	ck_assert_uint_eq(rs.len, 2);
	ck_assert_str_eq(rs.v[0].id, "KA2002");
	ck_assert_ptr_nonnull(rs.v[0].loc.path);
	ck_assert(ends_with(rs.v[0].loc.path, "/a.yaml"));
	ck_assert_str_eq(rs.v[1].id, "KA2003");
	ck_assert(ends_with(rs.v[1].loc.path, "/z.yaml"));
	ck_assert_uint_eq(rs.npaths, 3);
	ck_assert_ptr_eq(rs.v[1].loc.path, rs.paths[2]);
	ck_assert_int_eq(ka_rules_finish(&rs, &ds), 0);
	ka_rules_clear(&rs);
	ka_diags_clear(&ds);
	for (i = 0; i < NELEM(p); i++)
		free(p[i]);
	rmtmp(dir);
}
END_TEST

START_TEST(test_directory_empty)
{
	struct ka_ruleset	 rs;
	struct ka_diags		 ds;
	char			*dir, *p;

	dir = mktmp();
	p = put(dir, "rules.txt", GOOD("KA2001", "a"));
	ka_rules_init(&rs);
	ka_diags_init(&ds);
	ck_assert_int_eq(ka_rules_yaml_load(&rs, dir, &ds), -1);
	ck_assert_uint_eq(ds.len, 1);
	ck_assert_int_eq(ds.v[0].code, KA_D_RULES_NONE);
	ck_assert_str_eq(ds.v[0].loc.path, dir);
	ck_assert_uint_eq(ds.v[0].loc.line, 0);
	ck_assert_ptr_nonnull(strstr(ds.v[0].detail, "*.yaml or *.yml"));
	ck_assert_uint_eq(rs.len, 0);
	ka_rules_clear(&rs);
	ka_diags_clear(&ds);
	free(p);
	rmtmp(dir);
}
END_TEST

/* source.c's diagnostics reach the caller unchanged. */
START_TEST(test_unreadable)
{
	struct ka_ruleset	 rs;
	struct ka_diags		 ds;
	char			*dir, *p, *missing;

	dir = mktmp();
	p = put_bytes(dir, "bin.yaml", "rules: []\n\0\1", 12);
	missing = xasprintf("%s/missing.yaml", dir);
	ka_rules_init(&rs);
	ka_diags_init(&ds);
	ck_assert_int_eq(ka_rules_yaml_load(&rs, p, &ds), -1);
	ck_assert_int_eq(ka_rules_yaml_load(&rs, missing, &ds), -1);
	ck_assert_uint_eq(ds.len, 2);
	ck_assert_int_eq(ds.v[0].code, KA_D_SOURCE_BINARY);
	ck_assert_str_eq(ds.v[0].loc.path, p);
	ck_assert_int_eq(ds.v[1].code, KA_D_SOURCE_OPEN);
	ck_assert_str_eq(ds.v[1].loc.path, missing);
	ck_assert_uint_eq(rs.len, 0);
	ka_rules_clear(&rs);
	ka_diags_clear(&ds);
	free(p);
	free(missing);
	rmtmp(dir);
}
END_TEST

START_TEST(test_duplicate_across_files)
{
	struct ka_ruleset	 rs;
	struct ka_diags		 ds;
	char			*dir, *a, *b, *first;

	dir = mktmp();
	a = put(dir, "a.yaml", GOOD("KA2001", "one"));
	b = put(dir, "b.yaml", GOOD("KA2002", "two")
	    GOOD_RULE("KA2001", "two"));
	ka_rules_init(&rs);
	ka_diags_init(&ds);
	ck_assert_int_eq(ka_rules_yaml_load(&rs, a, &ds), 0);
	ck_assert_int_eq(ka_rules_yaml_load(&rs, b, &ds), 0);
	ck_assert_int_eq(ka_rules_finish(&rs, &ds), -1);
	ck_assert_uint_eq(ds.len, 2);
	first = xasprintf("used by the rule at %s:2:5", a);
	assert_diag(&ds.v[0], KA_D_RULES_DUPLICATE_ID, "/b.yaml", 12, 5,
	    first);
	free(first);
	first = xasprintf("the slug 'two' is already used by rule KA2002 at "
	    "%s:2:5", b);
	assert_diag(&ds.v[1], KA_D_RULES_DUPLICATE_ID, "/b.yaml", 12, 5,
	    first);
	free(first);
	ka_rules_clear(&rs);
	ka_diags_clear(&ds);
	free(a);
	free(b);
	rmtmp(dir);
}
END_TEST

/* Finish sorts by id; lookups ignore case and suggest near misses. */
START_TEST(test_finish_find)
{
	struct ka_ruleset	 rs;
	struct ka_diags		 ds;
	const struct ka_rule	*r;
	char			*dir, *a;

	dir = mktmp();
	a = put(dir, "a.yaml", GOOD("KA2010", "producer-acks-not-all")
	    "  - id: KA4001\n    slug: partition-under-min-isr\n"
	    "    title: T\n    scope: partition\n    severity: error\n"
	    "    category: state\n"
	    "    condition: {key: isr, lt-key: min.insync.replicas}\n"
	    "    message: m\n    rationale: r\n    fix: f\n"
	    "  - id: KA2001\n    slug: producer-no-idempotence\n"
	    "    title: T\n    scope: producer\n    severity: info\n"
	    "    condition: {unset: acks}\n"
	    "    message: m\n    rationale: r\n    fix: f\n");
	ka_rules_init(&rs);
	ka_diags_init(&ds);
	ck_assert_int_eq(ka_rules_yaml_load(&rs, a, &ds), 0);
	ck_assert_int_eq(ka_rules_finish(&rs, &ds), 0);
	ck_assert_uint_eq(ds.len, 0);
	ck_assert_uint_eq(rs.len, 3);
	ck_assert_str_eq(rs.v[0].id, "KA2001");
	ck_assert_str_eq(rs.v[1].id, "KA2010");
	ck_assert_str_eq(rs.v[2].id, "KA4001");

	r = ka_rules_find(&rs, "ka2010");
	ck_assert_ptr_eq(r, &rs.v[1]);
	r = ka_rules_find(&rs, "Producer-Acks-Not-All");
	ck_assert_ptr_eq(r, &rs.v[1]);
	ck_assert_ptr_null(ka_rules_find(&rs, "KA2011"));
	ck_assert_str_eq(ka_rules_suggest(&rs, "KA2019"), "KA2010");
	ck_assert_str_eq(ka_rules_suggest(&rs, "producer-acks-not-al"),
	    "producer-acks-not-all");
	ck_assert_str_eq(ka_rules_suggest(&rs, "partition-under-min-irs"),
	    "partition-under-min-isr");
	ck_assert_ptr_null(ka_rules_suggest(&rs, "unclean-leader"));
	ck_assert_ptr_null(ka_rules_suggest(&rs, "KA9"));
	ka_rules_clear(&rs);
	ka_diags_clear(&ds);
	free(a);
	rmtmp(dir);
}
END_TEST

/* An unknown key is reported once per rule, however often it is named. */
START_TEST(test_unknown_key_once)
{
	struct ka_ruleset	 rs;
	struct ka_diags		 ds;
	char			*dir, *a;

	dir = mktmp();
	a = put(dir, "a.yaml", P("    key: no.such.key\n"
	    "    message: \"{value:no.such.key} {value:broker:no.such.key}\"\n"
	    "    condition: {all: [{set: no.such.key}, {unset: no.such.key},\n"
	    "        {key: acks, eq-key: no.such.key}]}\n"));
	ka_rules_init(&rs);
	ka_diags_init(&ds);
	ck_assert_int_eq(ka_rules_yaml_load(&rs, a, &ds), 0);
	ck_assert_int_eq(ka_rules_finish(&rs, &ds), -1);
	ck_assert_uint_eq(ds.len, 2);
	assert_diag(&ds.v[0], KA_D_RULES_UNKNOWN_KEY, "/a.yaml", 2, 5,
	    "names the key 'no.such.key'");
	assert_diag(&ds.v[1], KA_D_RULES_UNKNOWN_KEY, "/a.yaml", 2, 5,
	    "names the broker key 'no.such.key'");
	ka_rules_clear(&rs);
	ka_diags_clear(&ds);
	free(a);
	rmtmp(dir);
}
END_TEST

/* options:, {option: NAME} in a condition, {option:NAME}, suppressible:. */
START_TEST(test_options)
{
	static const char	 yaml[] =
	    "rules:\n"
	    "  - id: KA1103\n"
	    "    slug: topic-rf-low\n"
	    "    title: T\n"
	    "    scope: topic\n"
	    "    severity: error\n"
	    "    suppressible: false\n"
	    "    options:\n"
	    "      note:\n"
	    "        type: string\n"
	    "        default: see {{docs}}\n"
	    "        doc: A string.\n"
	    "      target-replication-factor:\n"
	    "        type: integer\n"
	    "        default: \"03\"\n"
	    "        min: 1\n"
	    "        max: 5\n"
	    "        doc: The target.\n"
	    "    key: replication.factor\n"
	    "    condition:\n"
	    "      any:\n"
	    "        - {key: replication.factor, lt: 2}\n"
	    "        - {key: replication.factor, lt: "
	    "{option: target-replication-factor}}\n"
	    "    message: \"{value} below {option:target-replication-factor}"
	    "\"\n"
	    "    rationale: r\n"
	    "    fix: \"Use {option:target-replication-factor} {{x}} "
	    "{option:note}\"\n";
	struct ka_ruleset	 rs;
	struct ka_diags		 ds;
	const struct ka_rule	*r;
	struct ka_ruleopt	*o;
	const char		*why;
	char			*dir, *path, *v;

	dir = mktmp();
	path = put(dir, "opts.yaml", yaml);
	ka_rules_init(&rs);
	ka_diags_init(&ds);
	ck_assert_int_eq(ka_rules_yaml_load(&rs, path, &ds), 0);
	ck_assert_int_eq(ka_rules_finish(&rs, &ds), 0);
	r = &rs.v[0];
	ck_assert_int_eq(r->suppressible, 0);
	ck_assert_uint_eq(r->noptions, 2);
	o = ka_rules_option(r, "target-replication-factor");
	ck_assert_ptr_nonnull(o);
	ck_assert_int_eq(o->type, KA_OPT_INTEGER);
	ck_assert_str_eq(o->deflt, "03");
	ck_assert_str_eq(o->value, "3");
	ck_assert_int_eq(o->min, 1);
	ck_assert_int_eq(o->max, 5);
	ck_assert_int_eq(o->set.kind, KA_SET_PACK);
	ck_assert_uint_eq(o->loc.line, 13);
	ck_assert_ptr_null(ka_rules_option(r, "target"));
	ck_assert_ptr_null(r->cond->sub[0].option);
	ck_assert_str_eq(r->cond->sub[1].option,
	    "target-replication-factor");
	ck_assert_uint_eq(r->cond->sub[1].optidx, 1);

	v = ka_rules_option_value(o, "5", &why);
	ck_assert_str_eq(v, "5");
	free(v);
	ck_assert_ptr_null(ka_rules_option_value(o, "6", &why));
	ck_assert_str_eq(why, "too large");
	ck_assert_ptr_null(ka_rules_option_value(o, "2x", &why));
	ck_assert_str_eq(why, "invalid");
	v = ka_rules_option_expect(o);
	ck_assert_str_eq(v, "an integer from 1 to 5");
	free(v);

	/* Only {option:...} is replaced; {{ and other placeholders stay. */
	v = ka_rules_expand_options(r, r->fix);
	ck_assert_str_eq(v, "Use 3 {{x}} see {{docs}}");
	free(v);

	/* Loaded rules are suppressible unless they say otherwise. */
	ka_rules_clear(&rs);
	free(path);
	path = put(dir, "opts.yaml", RULE("KA2001", "s-one", "producer",
	    "error", MSG COND));
	ck_assert_int_eq(ka_rules_yaml_load(&rs, path, &ds), 0);
	ck_assert_int_eq(rs.v[0].suppressible, 1);
	ck_assert_uint_eq(rs.v[0].noptions, 0);
	ck_assert_uint_eq(ds.len, 0);
	ka_rules_clear(&rs);
	ka_diags_clear(&ds);
	free(path);
	rmtmp(dir);
}
END_TEST

START_TEST(test_names)
{
	enum ka_severity	 sev;
	enum ka_check		 chk;
	unsigned int		 i;

	for (i = 0; i < KA_SEV__MAX; i++) {
		ck_assert_int_eq(ka_rules_severity_parse(
		    ka_rules_severity_name((enum ka_severity)i), &sev), 0);
		ck_assert_int_eq(sev, (int)i);
	}
	ck_assert_int_eq(ka_rules_severity_parse("Error", &sev), -1);
	ck_assert(KA_SEV_ERROR > KA_SEV_WARNING && KA_SEV_WARNING >
	    KA_SEV_INFO);
	for (i = 0; i < KA_CHECK__MAX; i++) {
		ck_assert_ptr_nonnull(ka_rules_check_name((enum ka_check)i));
		ck_assert_int_eq(ka_rules_check_parse(
		    ka_rules_check_name((enum ka_check)i), &chk), 0);
		ck_assert_int_eq(chk, (int)i);
	}
	ck_assert_int_eq(ka_rules_check_parse("dupe", &chk), -1);
	ck_assert_str_eq(ka_rules_check_name(KA_CHECK_INLINE_COMMENT),
	    "inline-comment");
	ck_assert_str_eq(ka_rules_category_name(KA_CAT_STATE), "state");
	ck_assert_str_eq(ka_rules_scope_name(KA_SCOPE_BROKER), "broker");
	ck_assert_str_eq(ka_rules_scope_name(KA_SCOPE_CLUSTER), "cluster");
	ck_assert_ptr_null(ka_rules_scope_name(KA_SCOPE_BROKER |
	    KA_SCOPE_TOPIC));
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("rules_yaml");
	TCase	*tc;

	tc = tcase_create("model");
	tcase_add_test(tc, test_model);
	tcase_add_test(tc, test_sum_and_matches);
	tcase_add_test(tc, test_finish_find);
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_options);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_loop_test(tc, test_bad, 0, (int)NELEM(bad));
	tcase_add_test(tc, test_too_deep);
	tcase_add_test(tc, test_unreadable);
	tcase_add_test(tc, test_duplicate_across_files);
	tcase_add_test(tc, test_unknown_key_once);
	suite_add_tcase(s, tc);

	tc = tcase_create("files");
	tcase_add_test(tc, test_directory);
	tcase_add_test(tc, test_directory_empty);
	tcase_add_test(tc, test_too_many);
	suite_add_tcase(s, tc);
	return s;
}

KA_CHECK_MAIN(suite)
