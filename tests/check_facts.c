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
#include "facts.h"
#include "report.h"
#include "rules.h"
#include "rules_yaml.h"
#include "settings.h"
#include "version.h"
#include "xmalloc.h"

/*
 * Live subjects: the facts of a cluster's metadata, the values of its
 * configs with their sources, and the rules that read them, on a cluster
 * built by hand.  Brokers 1 and 2 share rack a, broker 3 is in rack b,
 * broker 4 has no rack and is not in the metadata (a replica on it is
 * on a dead broker).
 */
struct fixture {
	struct ka_cluster	 c;
	struct ka_settings	*subj;		/* cluster, brokers, topics,
						   partitions */
	size_t			 n;
};

static void
config(struct ka_configs *cs, const char *name, const char *value,
    enum ka_cfg_source src)
{
	struct ka_config	*c = ka_configs_add(cs);

	c->name = xstrdup(name);
	c->value = value != NULL ? xstrdup(value) : NULL;
	c->source = src;
	cs->state = KA_FETCH_OK;
}

static void
partition(struct ka_topic *t, int32_t leader, const char *replicas,
    const char *isr)
{
	struct ka_partition	*p = ka_topic_add_partition(t);
	const char		*s;

	p->id = (int32_t)t->nparts - 1;
	p->leader = leader;
	p->replicas = xcalloc(8, sizeof(*p->replicas));
	p->isr = xcalloc(8, sizeof(*p->isr));
	for (s = replicas; *s != '\0'; s++)
		p->replicas[p->nreplicas++] = *s - '0';
	for (s = isr; *s != '\0'; s++)
		p->isr[p->nisr++] = *s - '0';
}

static struct ka_settings *
subject(struct fixture *fx, enum ka_kind k, enum ka_role role)
{
	struct ka_settings	*s = &fx->subj[fx->n++];

	memset(s, 0, sizeof(*s));
	s->kind = k;
	s->role = role;
	s->cluster = &fx->c;
	s->version = KA_VERSION_NEWEST;
	s->dialect = ka_catalog_dialect(role, KA_CLIENT_JAVA);
	return s;
}

static void
setup(struct fixture *fx)
{
	static const char *const racks[] = { "a", "a", "b" };
	struct ka_broker	*b;
	struct ka_topic		*t;
	struct ka_settings	*s;
	size_t			 i, j;

	memset(fx, 0, sizeof(*fx));
	ka_cluster_init(&fx->c);
	for (i = 0; i < 3; i++) {
		b = ka_cluster_add_broker(&fx->c);
		b->id = (int32_t)i + 1;
		b->host = xstrdup("localhost");
		b->rack = xstrdup(racks[i]);
		config(&b->configs, "min.insync.replicas", i == 2 ? "1" :
		    "2", i == 2 ? KA_CFG_DYNAMIC_BROKER : KA_CFG_STATIC_BROKER);
		config(&b->configs, "log.dirs", "/var/lib/kafka",
		    KA_CFG_STATIC_BROKER);
		config(&b->configs, "ssl.key.password", NULL,
		    KA_CFG_STATIC_BROKER);
		b->configs.v[b->configs.len - 1].sensitive = 1;
	}
	/* orders: RF 3 over racks a, a, b; partition 1 lost broker 3. */
	t = ka_cluster_add_topic(&fx->c);
	t->name = xstrdup("orders");
	partition(t, 1, "123", "123");
	partition(t, 2, "213", "21");
	config(&t->configs, "min.insync.replicas", "2", KA_CFG_TOPIC);
	config(&t->configs, "unclean.leader.election.enable", "false",
	    KA_CFG_DEFAULT);
	/* thin: its only replica is on broker 4, which is gone. */
	t = ka_cluster_add_topic(&fx->c);
	t->name = xstrdup("thin");
	partition(t, -1, "4", "");
	config(&t->configs, "min.insync.replicas", "1",
	    KA_CFG_STATIC_BROKER);
	/* secret: configs denied. */
	t = ka_cluster_add_topic(&fx->c);
	t->name = xstrdup("secret");
	partition(t, 3, "31", "31");
	ka_configs_fail(&t->configs, "TOPIC_AUTHORIZATION_FAILED");
	t = ka_cluster_add_topic(&fx->c);
	t->name = xstrdup("__consumer_offsets");
	t->internal = 1;
	partition(t, 1, "1", "1");
	ka_configs_fail(&t->configs, "TOPIC_AUTHORIZATION_FAILED");
	ka_cluster_sort(&fx->c);

	fx->subj = xcalloc(32, sizeof(*fx->subj));
	(void)subject(fx, KA_KIND_CLUSTER, KA_ROLE_BROKER);
	for (i = 0; i < fx->c.nbrokers; i++) {
		s = subject(fx, KA_KIND_BROKER, KA_ROLE_BROKER);
		s->broker = &fx->c.brokers[i];
	}
	for (i = 0; i < fx->c.ntopics; i++) {
		s = subject(fx, KA_KIND_TOPIC, KA_ROLE_TOPIC);
		s->topic = &fx->c.topics[i];
		for (j = 0; j < fx->c.topics[i].nparts; j++) {
			s = subject(fx, KA_KIND_PARTITION, KA_ROLE_TOPIC);
			s->topic = &fx->c.topics[i];
			s->part = &fx->c.topics[i].parts[j];
		}
	}
}

static void
teardown(struct fixture *fx)
{
	free(fx->subj);
	ka_cluster_clear(&fx->c);
}

/* The subject of that kind and name ("orders", "orders/1", "2"). */
static const struct ka_settings *
find(const struct fixture *fx, const char *name)
{
	char	*want;
	char	*got;
	size_t	 i;
	int	 hit;

	want = xstrdup(name);
	for (i = 0; i < fx->n; i++) {
		got = ka_settings_subject(&fx->subj[i]);
		hit = strcmp(got, want) == 0;
		free(got);
		if (hit) {
			free(want);
			return &fx->subj[i];
		}
	}
	ck_abort_msg("no subject %s", name);
	free(want);
	return NULL;
}

static const struct {
	const char	*subject;
	const char	*key;
	enum ka_origin	 origin;
	const char	*value;		/* NULL: null */
	const char	*provenance;	/* a fragment */
} values[] = {
	{ "topic orders", "replication.factor", KA_ORIGIN_METADATA, "3",
	    "metadata" },
	{ "topic orders", "partitions", KA_ORIGIN_METADATA, "2", NULL },
	{ "topic orders", "internal", KA_ORIGIN_METADATA, "false", NULL },
	{ "topic orders", "min.insync.replicas", KA_ORIGIN_LIVE, "2",
	    "topic override" },
	{ "topic orders", "unclean.leader.election.enable", KA_ORIGIN_LIVE,
	    "false", "Kafka's default" },
	{ "topic orders", "retention.ms", KA_ORIGIN_NONE, NULL,
	    "not reported" },
	{ "topic orders partition 0", "isr", KA_ORIGIN_METADATA, "3", NULL },
	{ "topic orders partition 1", "isr", KA_ORIGIN_METADATA, "2", NULL },
	{ "topic orders partition 1", "replication.factor",
	    KA_ORIGIN_METADATA, "3", NULL },
	{ "topic orders partition 1", "min.insync.replicas", KA_ORIGIN_LIVE,
	    "2", "topic override" },
	{ "topic orders partition 1", "leader.available", KA_ORIGIN_METADATA,
	    "true", NULL },
	/* Racks a, a, b: two racks, one replica left without rack a. */
	{ "topic orders partition 0", "racks", KA_ORIGIN_METADATA, "2",
	    NULL },
	{ "topic orders partition 0", "replicas.after.rack.loss",
	    KA_ORIGIN_METADATA, "1", NULL },
	/* A replica on a broker the metadata lacks: racks unknown. */
	{ "topic thin partition 0", "racks", KA_ORIGIN_UNKNOWN, NULL,
	    "unknown" },
	{ "topic thin partition 0", "leader", KA_ORIGIN_METADATA, "-1",
	    NULL },
	{ "topic thin partition 0", "leader.available", KA_ORIGIN_METADATA,
	    "false", NULL },
	{ "topic thin partition 0", "isr", KA_ORIGIN_METADATA, "0", NULL },
	{ "topic thin", "min.insync.replicas", KA_ORIGIN_LIVE, "1",
	    "the broker's server.properties" },
	/* Configs that could not be read are unknown, facts are not. */
	{ "topic secret", "min.insync.replicas", KA_ORIGIN_UNKNOWN, NULL,
	    "TOPIC_AUTHORIZATION_FAILED" },
	{ "topic secret", "replication.factor", KA_ORIGIN_METADATA, "2",
	    NULL },
	{ "topic __consumer_offsets", "internal", KA_ORIGIN_METADATA, "true",
	    NULL },
	{ "broker 3", "min.insync.replicas", KA_ORIGIN_LIVE, "1",
	    "dynamic config of broker 3" },
	{ "broker 1", "min.insync.replicas", KA_ORIGIN_LIVE, "2",
	    "server.properties of broker 1" },
	{ "broker 1", "broker.rack", KA_ORIGIN_METADATA, "a", NULL },
	{ "cluster", "brokers", KA_ORIGIN_METADATA, "3", NULL },
	/* A fact of another kind is no fact here. */
	{ "cluster", "isr", KA_ORIGIN_NONE, NULL, NULL },
};

START_TEST(test_values)
{
	struct fixture	 fx;
	struct ka_value	 v;
	char		*prov;

	setup(&fx);
	ka_settings_resolve(find(&fx, values[_i].subject), values[_i].key,
	    &v);
	ck_assert_int_eq(v.origin, values[_i].origin);
	ck_assert_pstr_eq(v.text, values[_i].value);
	if (values[_i].provenance != NULL) {
		prov = ka_settings_provenance(find(&fx, values[_i].subject),
		    &v);
		ck_assert_msg(strstr(prov, values[_i].provenance) != NULL,
		    "provenance '%s' lacks '%s'", prov,
		    values[_i].provenance);
		free(prov);
	}
	ka_value_clear(&v);
	teardown(&fx);
}
END_TEST

/* A secret config is marked sensitive and has no value. */
START_TEST(test_sensitive)
{
	struct fixture	 fx;
	struct ka_value	 v;

	setup(&fx);
	ka_settings_resolve(find(&fx, "broker 2"), "ssl.key.password", &v);
	ck_assert(v.sensitive);
	ck_assert_ptr_null(v.text);
	ka_value_clear(&v);
	teardown(&fx);
}
END_TEST

/* Every fact has a kind and a documented type. */
START_TEST(test_table)
{
	const struct ka_fact	*f;
	size_t			 n, i;

	f = ka_facts_all(&n);
	ck_assert_uint_gt(n, 10);
	for (i = 0; i < n; i++) {
		ck_assert_uint_ne(f[i].kinds, 0);
		ck_assert_ptr_nonnull(f[i].doc);
		ck_assert_ptr_eq(ka_facts_find(f[i].name, f[i].kinds), &f[i]);
		if (i > 0)
			ck_assert_int_lt(strcmp(f[i - 1].name, f[i].name), 0);
	}
	ck_assert_ptr_null(ka_facts_find("isr", KA_FACT_TOPIC));
}
END_TEST

/* The rules of a test pack, one case each: which subjects they fire on. */
static const char rules_yaml[] =
    "rules:\n"
    "  - {id: KA9001, slug: a, title: t, scope: partition,"
    " severity: error, key: isr,"
    " condition: {key: isr, lt-key: min.insync.replicas},"
    " message: m, rationale: r, fix: f}\n"
    "  - {id: KA9002, slug: b, title: t, scope: partition,"
    " severity: error, key: isr,"
    " condition: {not: {key: isr, ge-key: min.insync.replicas}},"
    " message: m, rationale: r, fix: f}\n"
    "  - {id: KA9003, slug: c, title: t, scope: topic, severity: error,"
    " condition: {any: [{key: min.insync.replicas, lt: 2},"
    " {key: replication.factor, lt: 3}]},"
    " message: m, rationale: r, fix: f}\n"
    "  - {id: KA9004, slug: d, title: t, scope: topic, severity: error,"
    " condition: {set: min.insync.replicas},"
    " message: m, rationale: r, fix: f}\n"
    "  - {id: KA9005, slug: e, title: t, scope: broker, severity: error,"
    " condition: {key: min.insync.replicas, lt: 2},"
    " message: 'on {subject}', rationale: r, fix: f}\n"
    "  - {id: KA9006, slug: g, title: t, scope: cluster,"
    " severity: warning, condition: {check: brokers-disagree},"
    " message: '{key}: {detail}', rationale: r, fix: f}\n"
    "  - {id: KA9007, slug: h, title: t, scope: partition,"
    " severity: error, key: leader,"
    " condition: {key: leader.available, eq: false},"
    " message: m, rationale: r, fix: f}\n";

static const struct {
	const char	*rule;
	const char	*fires_on;	/* subjects, "|"-separated, sorted
					   as the report sorts them */
} fires[] = {
	/*
	 * thin/0 is under min ISR, orders/1 exactly at it; secret's min ISR
	 * is unknown, so neither the rule nor its negation fires there.
	 */
	{ "KA9001", "topic thin partition 0" },
	{ "KA9002", "topic thin partition 0" },
	/*
	 * any: decides on a known replication factor whatever the unknown
	 * configs: secret has 2 replicas, __consumer_offsets 1.
	 */
	{ "KA9003", "topic __consumer_offsets|topic secret|topic thin" },
	/* Only a topic override is set on the topic. */
	{ "KA9004", "topic orders" },
	{ "KA9005", "broker 3" },
	{ "KA9006", "cluster" },
	{ "KA9007", "topic thin partition 0" },
};

START_TEST(test_rules)
{
	const struct ka_settings	**all;
	struct ka_ruleset		  rs;
	struct ka_report		  rep;
	struct ka_diags			  ds;
	struct fixture			  fx;
	char				  path[] = "/tmp/check_facts.XXXXXX";
	char				 *got = NULL, *s;
	size_t				  i;
	FILE				 *fp;
	int				  fd;

	fd = mkstemp(path);
	ck_assert_int_ne(fd, -1);
	fp = fdopen(fd, "w");
	fputs(rules_yaml, fp);
	fclose(fp);
	ka_rules_init(&rs);
	ka_diags_init(&ds);
	ck_assert_int_eq(ka_rules_yaml_load(&rs, path, &ds), 0);
	ck_assert_int_eq(ka_rules_finish(&rs, &ds), 0);
	unlink(path);

	setup(&fx);
	all = xcalloc(fx.n, sizeof(*all));
	for (i = 0; i < fx.n; i++)
		all[i] = &fx.subj[i];
	ka_report_init(&rep);
	ka_eval(&rs, all, fx.n, &rep);
	ka_report_sort(&rep);
	for (i = 0; i < rep.len; i++) {
		if (strcmp(rep.v[i].rule->id, fires[_i].rule) != 0)
			continue;
		s = got == NULL ? xstrdup(rep.v[i].subject) :
		    xasprintf("%s|%s", got, rep.v[i].subject);
		free(got);
		got = s;
		if (strcmp(fires[_i].rule, "KA9006") == 0) {
			ck_assert_str_eq(rep.v[i].message,
			    "min.insync.replicas: 2 on brokers 1, 2; 1 on "
			    "broker 3");
		}
	}
	ck_assert_pstr_eq(got, fires[_i].fires_on);
	free(got);
	ka_report_clear(&rep);
	free(all);
	teardown(&fx);
	ka_rules_clear(&rs);
	ka_diags_clear(&ds);
}
END_TEST

/* The keys a live fetch asks for: those the rules read, per scope. */
START_TEST(test_keys)
{
	static const struct {
		unsigned int	 scope;
		const char	*keys;
	} want[] = {
		{ KA_SCOPE_BROKER, "min.insync.replicas" },
		{ KA_SCOPE_TOPIC, "min.insync.replicas replication.factor" },
		{ KA_SCOPE_PARTITION, "isr leader leader.available "
		    "min.insync.replicas" },
		{ KA_SCOPE_PRODUCER, "" },
	};
	struct ka_ruleset	 rs;
	struct ka_diags		 ds;
	char			 path[] = "/tmp/check_facts.XXXXXX";
	char			**keys, *got, *s;
	size_t			 i, j, n;
	FILE			*fp;
	int			 fd;

	fd = mkstemp(path);
	ck_assert_int_ne(fd, -1);
	fp = fdopen(fd, "w");
	fputs(rules_yaml, fp);
	fclose(fp);
	ka_rules_init(&rs);
	ka_diags_init(&ds);
	ck_assert_int_eq(ka_rules_yaml_load(&rs, path, &ds), 0);
	unlink(path);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		keys = ka_rules_keys(&rs, want[i].scope, &n);
		got = xstrdup("");
		for (j = 0; j < n; j++) {
			s = xasprintf("%s%s%s", got, j == 0 ? "" : " ",
			    keys[j]);
			free(got);
			got = s;
		}
		ck_assert_str_eq(got, want[i].keys);
		free(got);
		ka_rules_keys_free(keys, n);
	}
	ka_rules_clear(&rs);
	ka_diags_clear(&ds);
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("facts");
	TCase	*tc = tcase_create("live");

	tcase_add_loop_test(tc, test_values, 0,
	    sizeof(values) / sizeof(values[0]));
	tcase_add_test(tc, test_sensitive);
	tcase_add_test(tc, test_table);
	tcase_add_test(tc, test_keys);
	tcase_add_loop_test(tc, test_rules, 0,
	    sizeof(fires) / sizeof(fires[0]));
	suite_add_tcase(s, tc);
	return s;
}

KA_CHECK_MAIN(suite)
