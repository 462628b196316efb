#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_util.h"
#include "cluster.h"
#include "diag.h"
#include "snapshot.h"
#include "xmalloc.h"

static void
cfg(struct ka_configs *cs, const char *name, const char *value,
    enum ka_cfg_source src, int sensitive, int read_only)
{
	struct ka_config	*c;

	c = ka_configs_add(cs);
	c->name = xstrdup(name);
	c->value = value != NULL ? xstrdup(value) : NULL;
	c->source = src;
	c->sensitive = sensitive;
	c->read_only = read_only;
	cs->state = KA_FETCH_OK;
}

static int32_t *
ids(size_t n, int32_t a, int32_t b, int32_t c)
{
	int32_t	*v = xcalloc(3, sizeof(*v));

	v[0] = a;
	v[1] = b;
	v[2] = c;
	(void)n;
	return v;
}

/*
 * A cluster with a bit of everything, built out of order: a broker whose
 * configs were denied, a secret in the model, a topic whose configs could
 * not be read, an offline partition, an internal topic, bad UTF-8.
 */
static void
sample(struct ka_cluster *c)
{
	struct ka_broker	*b;
	struct ka_topic		*t;
	struct ka_partition	*p;

	ka_cluster_init(c);
	c->origin = xstrdup("live");
	c->bootstrap = xstrdup("k1:9092,k2:9092");
	c->cluster_id = xstrdup("5iEHZBlxSYuTYK2dXQccmw");
	c->controller = 2;
	c->fetched_at = xstrdup("2026-11-30T09:00:00Z");
	c->complete = 0;

	b = ka_cluster_add_broker(c);
	b->id = 2;
	b->host = xstrdup("k2");
	b->port = 9092;
	ka_configs_fail(&b->configs, "CLUSTER_AUTHORIZATION_FAILED: denied");
	b = ka_cluster_add_broker(c);
	b->id = 1;
	b->host = xstrdup("k1");
	b->port = 9092;
	b->rack = xstrdup("rack-1");
	cfg(&b->configs, "min.insync.replicas", "2", KA_CFG_STATIC_BROKER, 0,
	    0);
	cfg(&b->configs, "broker.rack", "rack-1", KA_CFG_STATIC_BROKER, 0, 1);
	cfg(&b->configs, "ssl.key.password", "hunter2", KA_CFG_STATIC_BROKER,
	    1, 0);
	cfg(&b->configs, "a/b~c", NULL, KA_CFG_DEFAULT, 0, 1);

	t = ka_cluster_add_topic(c);
	t->name = xstrdup("orders");
	p = ka_topic_add_partition(t);
	p->id = 1;
	p->leader = -1;
	p->replicas = ids(3, 1, 2, 3);
	p->nreplicas = 3;
	p->error = xstrdup("LEADER_NOT_AVAILABLE: no leader");
	p = ka_topic_add_partition(t);
	p->id = 0;
	p->leader = 3;
	p->replicas = ids(3, 3, 1, 2);
	p->nreplicas = 3;
	p->isr = ids(2, 3, 1, 0);
	p->nisr = 2;
	cfg(&t->configs, "unclean.leader.election.enable", "false",
	    KA_CFG_DEFAULT, 0, 0);
	cfg(&t->configs, "min.insync.replicas", "2", KA_CFG_TOPIC, 0, 0);
	cfg(&t->configs, "message.format.version", "caf\xe9 \xf0\x9f\x98\x80",
	    KA_CFG_OTHER, 0, 0);
	t = ka_cluster_add_topic(c);
	t->name = xstrdup("__consumer_offsets");
	t->internal = 1;
	ka_configs_fail(&t->configs, "TOPIC_AUTHORIZATION_FAILED: denied");
	t = ka_cluster_add_topic(c);
	t->name = xstrdup("gone");
	t->error = xstrdup("UNKNOWN_TOPIC_OR_PART: deleted");
	ka_cluster_sort(c);
}

static char *
write_mem(const struct ka_cluster *c, size_t *len)
{
	char	*buf = NULL;
	FILE	*fp;

	fp = open_memstream(&buf, len);
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(ka_snapshot_write(c, fp), 0);
	ck_assert_int_eq(fclose(fp), 0);
	return buf;
}

/* The format, byte for byte, for a small cluster. */
START_TEST(test_write_exact)
{
	static const char want[] =
	    "{\n"
	    "  \"kafkaAuditSnapshot\": 1,\n"
	    "  \"fetchedAt\": \"2026-11-30T09:00:00Z\",\n"
	    "  \"bootstrap\": \"k:9092\",\n"
	    "  \"clusterId\": null,\n"
	    "  \"controller\": -1,\n"
	    "  \"complete\": true,\n"
	    "  \"brokers\": [\n"
	    "    {\n"
	    "      \"id\": 1,\n"
	    "      \"host\": \"k\",\n"
	    "      \"port\": 9092,\n"
	    "      \"rack\": null,\n"
	    "      \"configs\": {\n"
	    "        \"state\": \"ok\",\n"
	    "        \"error\": null,\n"
	    "        \"entries\": {\n"
	    "          \"sasl.jaas.config\": {\n"
	    "            \"value\": null,\n"
	    "            \"source\": \"dynamic-broker\",\n"
	    "            \"sensitive\": true,\n"
	    "            \"readOnly\": false\n"
	    "          }\n"
	    "        }\n"
	    "      }\n"
	    "    }\n"
	    "  ],\n"
	    "  \"topics\": [\n"
	    "    {\n"
	    "      \"name\": \"t\",\n"
	    "      \"internal\": false,\n"
	    "      \"error\": null,\n"
	    "      \"partitions\": [\n"
	    "        {\n"
	    "          \"id\": 0,\n"
	    "          \"leader\": 1,\n"
	    "          \"replicas\": [\n"
	    "            1\n"
	    "          ],\n"
	    "          \"isr\": [],\n"
	    "          \"error\": null\n"
	    "        }\n"
	    "      ],\n"
	    "      \"configs\": {\n"
	    "        \"state\": \"none\",\n"
	    "        \"error\": null,\n"
	    "        \"entries\": {}\n"
	    "      }\n"
	    "    }\n"
	    "  ]\n"
	    "}\n";
	struct ka_cluster	 c;
	struct ka_broker	*b;
	struct ka_topic		*t;
	struct ka_partition	*p;
	char			*out;
	size_t			 len;

	ka_cluster_init(&c);
	c.bootstrap = xstrdup("k:9092");
	c.fetched_at = xstrdup("2026-11-30T09:00:00Z");
	c.complete = 1;
	b = ka_cluster_add_broker(&c);
	b->id = 1;
	b->host = xstrdup("k");
	b->port = 9092;
	cfg(&b->configs, "sasl.jaas.config", "secret", KA_CFG_DYNAMIC_BROKER,
	    1, 0);
	t = ka_cluster_add_topic(&c);
	t->name = xstrdup("t");
	p = ka_topic_add_partition(&t[0]);
	p->leader = 1;
	p->replicas = ids(1, 1, 0, 0);
	p->nreplicas = 1;
	out = write_mem(&c, &len);
	ck_assert_str_eq(out, want);
	ck_assert_uint_eq(len, strlen(want));
	free(out);
	ka_cluster_clear(&c);
}
END_TEST

/* Write, read, write: the same bytes, the same model, no secret. */
START_TEST(test_round_trip)
{
	struct ka_cluster	 c, back;
	struct ka_diags		 d;
	const struct ka_topic	*t;
	const struct ka_broker	*b;
	const struct ka_config	*k;
	char			*one, *two;
	size_t			 len1, len2;

	sample(&c);
	one = write_mem(&c, &len1);
	ck_assert_ptr_null(strstr(one, "hunter2"));
	ck_assert_ptr_nonnull(strstr(one, "caf\xef\xbf\xbd \xf0\x9f\x98\x80"));

	ka_cluster_init(&back);
	ka_diags_init(&d);
	ck_assert_int_eq(ka_snapshot_parse(&back, "s.json", one, len1, &d), 0);
	ck_assert_uint_eq(d.len, 0);
	two = write_mem(&back, &len2);
	ck_assert_uint_eq(len1, len2);
	ck_assert_int_eq(memcmp(one, two, len1), 0);

	ck_assert_str_eq(back.origin, "s.json");
	ck_assert_str_eq(back.bootstrap, "k1:9092,k2:9092");
	ck_assert_int_eq(back.controller, 2);
	ck_assert_int_eq(back.complete, 0);
	ck_assert_uint_eq(back.nbrokers, 2);
	b = ka_cluster_broker(&back, 1);
	ck_assert_str_eq(b->rack, "rack-1");
	k = ka_configs_get(&b->configs, "ssl.key.password");
	ck_assert_int_eq(k->sensitive, 1);
	ck_assert_ptr_null(k->value);
	k = ka_configs_get(&b->configs, "broker.rack");
	ck_assert_int_eq(k->read_only, 1);
	ck_assert_int_eq(k->source, KA_CFG_STATIC_BROKER);
	b = ka_cluster_broker(&back, 2);
	ck_assert_int_eq(b->configs.state, KA_FETCH_FAILED);
	ck_assert_str_eq(b->configs.error,
	    "CLUSTER_AUTHORIZATION_FAILED: denied");
	ck_assert_ptr_null(b->rack);

	ck_assert_str_eq(back.topics[0].name, "__consumer_offsets");
	ck_assert_int_eq(back.topics[0].internal, 1);
	t = ka_cluster_topic(&back, "orders");
	ck_assert_uint_eq(t->nparts, 2);
	ck_assert_int_eq(t->parts[0].leader, 3);
	ck_assert_uint_eq(t->parts[0].nisr, 2);
	ck_assert_int_eq(t->parts[0].isr[1], 1);
	ck_assert_int_eq(t->parts[1].leader, -1);
	ck_assert_uint_eq(t->parts[1].nisr, 0);
	ck_assert_str_eq(t->parts[1].error, "LEADER_NOT_AVAILABLE: no leader");
	ck_assert_int_eq(ka_configs_get(&t->configs, "min.insync.replicas")->
	    source, KA_CFG_TOPIC);
	ck_assert_int_eq(ka_configs_get(&t->configs,
	    "message.format.version")->source, KA_CFG_OTHER);
	t = ka_cluster_topic(&back, "gone");
	ck_assert_str_eq(t->error, "UNKNOWN_TOPIC_OR_PART: deleted");
	ck_assert_int_eq(t->configs.state, KA_FETCH_NONE);

	free(one);
	free(two);
	ka_diags_clear(&d);
	ka_cluster_clear(&back);
	ka_cluster_clear(&c);
}
END_TEST

/*
 * A link, a device or a pipe is written through, never replaced: -o
 * /dev/null as root must leave /dev/null a device.
 */
START_TEST(test_save_through_link)
{
	struct ka_cluster	 c;
	struct ka_diags		 d;
	struct stat		 st;
	char			 dir[] = "/tmp/check_snapshot.XXXXXX";
	char			*target, *link;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	target = xasprintf("%s/target.json", dir);
	link = xasprintf("%s/link.json", dir);
	ck_assert_int_eq(symlink(target, link), 0);
	sample(&c);
	ka_diags_init(&d);
	ck_assert_int_eq(ka_snapshot_save(&c, link, &d), 0);
	ck_assert_int_eq(lstat(link, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	ck_assert_int_eq(stat(target, &st), 0);
	ck_assert(S_ISREG(st.st_mode));
	ck_assert_int_gt(st.st_size, 100);
	ck_assert_uint_eq(d.len, 0);
	unlink(link);
	unlink(target);
	rmdir(dir);
	free(link);
	free(target);
	ka_diags_clear(&d);
	ka_cluster_clear(&c);
}
END_TEST

/* Through files: save, then read, and the same bytes again. */
START_TEST(test_save_read)
{
	struct ka_cluster	 c, back;
	struct ka_diags		 d;
	char			 dir[] = "/tmp/check_snapshot.XXXXXX";
	char			*path, *bad, *one, *two;
	size_t			 l1, l2;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = xasprintf("%s/cluster.json", dir);
	bad = xasprintf("%s/no/such/dir/cluster.json", dir);
	sample(&c);
	ka_diags_init(&d);
	ck_assert_int_eq(ka_snapshot_save(&c, path, &d), 0);
	ck_assert_int_eq(access(path, R_OK), 0);
	ka_cluster_init(&back);
	ck_assert_int_eq(ka_snapshot_read(&back, path, &d), 0);
	ck_assert_uint_eq(d.len, 0);
	one = write_mem(&c, &l1);
	two = write_mem(&back, &l2);
	ck_assert_str_eq(one, two);
	ck_assert_str_eq(back.origin, path);

	ck_assert_int_eq(ka_snapshot_save(&c, bad, &d), -1);
	ck_assert_uint_eq(d.len, 1);
	ck_assert_int_eq(d.v[0].code, KA_D_OUTPUT_WRITE);
	ck_assert_int_eq(d.v[0].level, KA_LEVEL_INTERNAL);

	ka_cluster_clear(&back);
	ka_cluster_init(&back);
	ck_assert_int_eq(ka_snapshot_read(&back, bad, &d), -1);
	ck_assert_int_eq(d.v[1].code, KA_D_SOURCE_OPEN);
	ck_assert_str_eq(d.v[1].loc.path, bad);

	unlink(path);
	rmdir(dir);
	free(one);
	free(two);
	free(path);
	free(bad);
	ka_diags_clear(&d);
	ka_cluster_clear(&back);
	ka_cluster_clear(&c);
}
END_TEST

#define HEAD(v)	"{\"kafkaAuditSnapshot\": " v ", \"fetchedAt\": \"x\", " \
		"\"bootstrap\": \"k:1\", \"clusterId\": null, " \
		"\"controller\": 1, \"complete\": true, "
#define DOC(brokers, topics) \
		HEAD("1") "\"brokers\": [" brokers "], \"topics\": [" \
		topics "]}"
#define NOCFG	"{\"state\": \"none\", \"error\": null, \"entries\": {}}"
#define CFGS(e)	"{\"state\": \"ok\", \"error\": null, \"entries\": {" e "}}"
#define ENTRY(n, v, src, sens) "\"" n "\": {\"value\": " v ", \"source\": " \
		"\"" src "\", \"sensitive\": " sens ", \"readOnly\": false}"
#define BROKER(id, port) "{\"id\": " id ", \"host\": \"h\", \"port\": " \
		port ", \"rack\": null, \"configs\": " NOCFG "}"
#define TOPIC(name, parts, cfgs) "{\"name\": \"" name "\", \"internal\": " \
		"false, \"error\": null, \"partitions\": [" parts "], " \
		"\"configs\": " cfgs "}"
#define PART(id, leader, replicas) "{\"id\": " id ", \"leader\": " leader \
		", \"replicas\": [" replicas "], \"isr\": [], \"error\": null}"

/* A bad snapshot: its diagnostic, line and column (0: none), message. */
static const struct {
	const char		*text;
	enum ka_diag_code	 code;
	unsigned int		 line, col;
	const char		*frag;
} bad[] = {
	{ "", KA_D_SNAPSHOT_SYNTAX, 1, 0, "not valid JSON" },
	{ "{\n  \"a\": 1,\n}\n", KA_D_SNAPSHOT_SYNTAX, 3, 1,
	    "string or '}' expected" },
	{ "{\"a\": 1, \"a\": 2}", KA_D_SNAPSHOT_SYNTAX, 1, 0,
	    "duplicate object key" },
	{ "[]", KA_D_SNAPSHOT_SCHEMA, 0, 0,
	    "(the document): expected an object, not an array" },
	{ "{}", KA_D_SNAPSHOT_SCHEMA, 0, 0, "not a kafka-audit snapshot" },
	{ HEAD("2") "\"brokers\": [], \"topics\": []}", KA_D_SNAPSHOT_SCHEMA,
	    0, 0, "/kafkaAuditSnapshot: snapshot format 2 is not one this "
	    "kafka-audit reads (it reads 1)" },
	{ HEAD("\"1\"") "\"brokers\": [], \"topics\": []}",
	    KA_D_SNAPSHOT_SCHEMA, 0, 0,
	    "/kafkaAuditSnapshot: expected the format version 1" },
	{ HEAD("1") "\"brokers\": []}", KA_D_SNAPSHOT_SCHEMA, 0, 0,
	    "(the document): the member \"topics\" is missing" },
	{ HEAD("1") "\"brokers\": [], \"topics\": [], \"extra\": 0}",
	    KA_D_SNAPSHOT_SCHEMA, 0, 0, "/extra: unknown member" },
	{ HEAD("1") "\"brokers\": {}, \"topics\": []}", KA_D_SNAPSHOT_SCHEMA,
	    0, 0, "/brokers: expected an array, not an object" },
	{ DOC(BROKER("1", "1") "," BROKER("\"2\"", "1"), ""),
	    KA_D_SNAPSHOT_SCHEMA, 0, 0,
	    "/brokers/1/id: expected an integer, not a string" },
	{ DOC(BROKER("1", "70000"), ""), KA_D_SNAPSHOT_SCHEMA, 0, 0,
	    "/brokers/0/port: 70000 is out of range (0 to 65535)" },
	{ DOC(BROKER("1.5", "1"), ""), KA_D_SNAPSHOT_SCHEMA, 0, 0,
	    "/brokers/0/id: expected an integer, not a number with a "
	    "fraction" },
	{ DOC(BROKER("1", "1") "," BROKER("1", "2"), ""),
	    KA_D_SNAPSHOT_SCHEMA, 0, 0, "/brokers: broker 1 is listed twice" },
	{ DOC("", TOPIC("t", PART("0", "-2", "1"), NOCFG)),
	    KA_D_SNAPSHOT_SCHEMA, 0, 0,
	    "/topics/0/partitions/0/leader: -2 is out of range" },
	{ DOC("", TOPIC("t", PART("0", "1", "1, null"), NOCFG)),
	    KA_D_SNAPSHOT_SCHEMA, 0, 0,
	    "/topics/0/partitions/0/replicas/1: expected an integer, not "
	    "null" },
	{ DOC("", TOPIC("t", PART("0", "1", "1") "," PART("0", "1", "1"),
	    NOCFG)), KA_D_SNAPSHOT_SCHEMA, 0, 0,
	    "partition 0 of topic \"t\" is listed twice" },
	{ DOC("", TOPIC("t", "", NOCFG) "," TOPIC("t", "", NOCFG)),
	    KA_D_SNAPSHOT_SCHEMA, 0, 0, "topic \"t\" is listed twice" },
	{ DOC("", TOPIC("t", "", "{\"state\": \"done\", \"error\": null, "
	    "\"entries\": {}}")), KA_D_SNAPSHOT_SCHEMA, 0, 0,
	    "/topics/0/configs/state: expected \"none\", \"ok\" or "
	    "\"failed\"" },
	{ DOC("", TOPIC("t", "", "{\"state\": \"failed\", \"error\": null, "
	    "\"entries\": {}}")), KA_D_SNAPSHOT_SCHEMA, 0, 0,
	    "/topics/0/configs/error: expected a string exactly when" },
	{ DOC("", TOPIC("t", "", "{\"state\": \"none\", \"error\": null, "
	    "\"entries\": {" ENTRY("a", "null", "topic", "false") "}}")),
	    KA_D_SNAPSHOT_SCHEMA, 0, 0,
	    "/topics/0/configs/entries: configs that were not read" },
	{ DOC("", TOPIC("t", "", CFGS(ENTRY("sasl.jaas.config",
	    "\"x required password=hunter2;\"", "topic", "true")))),
	    KA_D_SNAPSHOT_SCHEMA, 0, 0,
	    "/topics/0/configs/entries/sasl.jaas.config/value: a sensitive "
	    "config must have a null value; snapshots never hold secrets" },
	{ DOC("", TOPIC("t", "", CFGS(ENTRY("a/b~c", "null", "dynamic",
	    "false")))), KA_D_SNAPSHOT_SCHEMA, 0, 0,
	    "/topics/0/configs/entries/a~1b~0c/source: not a config source" },
	{ DOC("", TOPIC("t", "", CFGS("\"a\": {\"value\": null}"))),
	    KA_D_SNAPSHOT_SCHEMA, 0, 0,
	    "/topics/0/configs/entries/a: the member \"source\" is missing" },
	{ DOC("", TOPIC("t", "", CFGS(ENTRY("a", "1", "topic", "false")))),
	    KA_D_SNAPSHOT_SCHEMA, 0, 0,
	    "/topics/0/configs/entries/a/value: expected a string or null, "
	    "not an integer" },
	{ DOC("", TOPIC("t", "", CFGS(ENTRY("a", "null", "topic", "0")))),
	    KA_D_SNAPSHOT_SCHEMA, 0, 0,
	    "/topics/0/configs/entries/a/sensitive: expected true or false" },
};

START_TEST(test_bad)
{
	struct ka_cluster	 c;
	struct ka_diags		 d;

	ka_cluster_init(&c);
	ka_diags_init(&d);
	ck_assert_int_eq(ka_snapshot_parse(&c, "s.json", bad[_i].text,
	    strlen(bad[_i].text), &d), -1);
	ck_assert_uint_eq(d.len, 1);
	ck_assert_int_eq(d.v[0].code, bad[_i].code);
	ck_assert_int_eq(d.v[0].level, KA_LEVEL_INPUT);
	ck_assert_str_eq(d.v[0].loc.path, "s.json");
	ck_assert_uint_eq(d.v[0].loc.line, bad[_i].line);
	if (bad[_i].col != 0)
		ck_assert_uint_eq(d.v[0].loc.col, bad[_i].col);
	ck_assert_msg(strstr(d.v[0].detail, bad[_i].frag) != NULL,
	    "'%s' lacks '%s'", d.v[0].detail, bad[_i].frag);
	ck_assert_ptr_null(strstr(d.v[0].detail, "hunter2"));
	ka_diags_clear(&d);
	ka_cluster_clear(&c);
}
END_TEST

/* A good minimal document reads, and the macros above are valid. */
START_TEST(test_minimal)
{
	static const char text[] = DOC(BROKER("1", "9092"),
	    TOPIC("t", PART("0", "1", "1"), CFGS(ENTRY("a", "\"1\"", "topic",
	    "false"))));
	struct ka_cluster	 c;
	struct ka_diags		 d;

	ka_cluster_init(&c);
	ka_diags_init(&d);
	ck_assert_int_eq(ka_snapshot_parse(&c, "s.json", text, strlen(text),
	    &d), 0);
	ck_assert_uint_eq(c.ntopics, 1);
	ck_assert_str_eq(ka_configs_get(&c.topics[0].configs, "a")->value,
	    "1");
	ka_diags_clear(&d);
	ka_cluster_clear(&c);
}
END_TEST

static Suite *
snapshot_suite(void)
{
	Suite	*s = suite_create("snapshot");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_write_exact);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_save_read);
	tcase_add_test(tc, test_save_through_link);
	tcase_add_test(tc, test_minimal);
	tcase_add_loop_test(tc, test_bad, 0, sizeof(bad) / sizeof(bad[0]));
	suite_add_tcase(s, tc);
	return s;
}

KA_CHECK_MAIN(snapshot_suite)
