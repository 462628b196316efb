#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "cluster.h"
#include "xmalloc.h"

static void
add_config(struct ka_configs *cs, const char *name, const char *value,
    enum ka_cfg_source src)
{
	struct ka_config	*c;

	c = ka_configs_add(cs);
	c->name = xstrdup(name);
	c->value = value != NULL ? xstrdup(value) : NULL;
	c->source = src;
	cs->state = KA_FETCH_OK;
}

static struct ka_topic *
add_topic(struct ka_cluster *c, const char *name, int nparts)
{
	struct ka_topic		*t;
	struct ka_partition	*p;
	int			 i;

	t = ka_cluster_add_topic(c);
	t->name = xstrdup(name);
	t->internal = ka_cluster_internal_topic(name);
	for (i = nparts - 1; i >= 0; i--) {
		p = ka_topic_add_partition(t);
		ck_assert_int_eq(p->leader, -1);
		p->id = i;
	}
	return t;
}

START_TEST(test_init_clear)
{
	struct ka_cluster	 c;

	ka_cluster_init(&c);
	ck_assert_int_eq(c.controller, -1);
	ck_assert_uint_eq(c.ntopics, 0);
	ck_assert_ptr_null(ka_cluster_topic(&c, "x"));
	ck_assert_ptr_null(ka_cluster_broker(&c, 1));
	ka_cluster_clear(&c);
	ka_cluster_clear(&c);
	ck_assert_int_eq(c.controller, -1);
}
END_TEST

/* Many appends keep earlier elements, then sorting orders everything. */
START_TEST(test_build_sort_lookup)
{
	static const char *const names[] = { "orders", "__consumer_offsets",
	    "a", "payments", "zeta" };
	struct ka_cluster	 c;
	struct ka_broker	*b;
	struct ka_topic		*t;
	const struct ka_topic	*ft;
	const struct ka_config	*cfg;
	char			 name[32];
	size_t			 i;

	ka_cluster_init(&c);
	for (i = 0; i < 100; i++) {
		b = ka_cluster_add_broker(&c);
		b->id = (int32_t)(100 - i);
		b->host = xasprintf("h%zu", i);
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		t = add_topic(&c, names[i], 20);
		add_config(&t->configs, "retention.ms", "1", KA_CFG_DEFAULT);
		add_config(&t->configs, "min.insync.replicas", "2",
		    KA_CFG_TOPIC);
		add_config(&t->configs, "cleanup.policy", "delete",
		    KA_CFG_DEFAULT);
	}
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "gen-%03zu", 299 - i);
		add_topic(&c, name, 1);
	}
	ka_cluster_sort(&c);

	for (i = 1; i < c.nbrokers; i++)
		ck_assert_int_lt(c.brokers[i - 1].id, c.brokers[i].id);
	for (i = 1; i < c.ntopics; i++)
		ck_assert_int_lt(strcmp(c.topics[i - 1].name,
		    c.topics[i].name), 0);
	ck_assert_str_eq(c.topics[0].name, "__consumer_offsets");
	ck_assert_int_eq(c.topics[0].internal, 1);

	ck_assert_str_eq(ka_cluster_broker(&c, 1)->host, "h99");
	ck_assert_ptr_null(ka_cluster_broker(&c, 0));
	ck_assert_ptr_null(ka_cluster_broker(&c, 101));
	ft = ka_cluster_topic(&c, "orders");
	ck_assert_ptr_nonnull(ft);
	ck_assert_int_eq(ft->internal, 0);
	ck_assert_uint_eq(ft->nparts, 20);
	for (i = 0; i < ft->nparts; i++)
		ck_assert_int_eq(ft->parts[i].id, (int32_t)i);
	ck_assert_ptr_nonnull(ka_cluster_topic(&c, "gen-000"));
	ck_assert_ptr_nonnull(ka_cluster_topic(&c, "gen-299"));
	ck_assert_ptr_null(ka_cluster_topic(&c, "gen-300"));
	ck_assert_ptr_null(ka_cluster_topic(&c, ""));

	ck_assert_str_eq(ft->configs.v[0].name, "cleanup.policy");
	cfg = ka_configs_get(&ft->configs, "min.insync.replicas");
	ck_assert_ptr_nonnull(cfg);
	ck_assert_str_eq(cfg->value, "2");
	ck_assert_int_eq(cfg->source, KA_CFG_TOPIC);
	ck_assert_ptr_null(ka_configs_get(&ft->configs, "nope"));
	ck_assert_ptr_null(ka_configs_get(&c.topics[10].configs, "x"));
	ka_cluster_clear(&c);
}
END_TEST

START_TEST(test_configs_fail)
{
	struct ka_configs	 cs;

	memset(&cs, 0, sizeof(cs));
	add_config(&cs, "a", "1", KA_CFG_DEFAULT);
	ka_configs_fail(&cs, "TOPIC_AUTHORIZATION_FAILED: denied");
	ck_assert_int_eq(cs.state, KA_FETCH_FAILED);
	ck_assert_uint_eq(cs.len, 0);
	ck_assert_str_eq(cs.error, "TOPIC_AUTHORIZATION_FAILED: denied");
	ck_assert_ptr_null(ka_configs_get(&cs, "a"));
	ka_configs_fail(&cs, NULL);
	ck_assert_ptr_null(cs.error);
	free(cs.error);
}
END_TEST

static const struct {
	const char	*include[3];
	const char	*exclude[3];
	const char	*topic;
	int		 want;
} filters[] = {
	{ { NULL }, { NULL }, "anything", 1 },
	{ { "orders*" }, { NULL }, "orders.eu", 1 },
	{ { "orders*" }, { NULL }, "payments", 0 },
	{ { "orders*", "pay?ents" }, { NULL }, "payments", 1 },
	{ { NULL }, { "__*" }, "__consumer_offsets", 0 },
	{ { NULL }, { "__*" }, "orders", 1 },
	{ { "*" }, { "*.tmp", "scratch" }, "a.tmp", 0 },
	{ { "*" }, { "*.tmp", "scratch" }, "scratch", 0 },
	{ { "*" }, { "*.tmp", "scratch" }, "scratch2", 1 },
	{ { "[ab]*" }, { NULL }, "b1", 1 },
	{ { "[ab]*" }, { NULL }, "c1", 0 },
};

static size_t
count(const char *const *v)
{
	size_t	 n = 0;

	while (n < 3 && v[n] != NULL)
		n++;
	return n;
}

START_TEST(test_filter_match)
{
	struct ka_topic_filter	 f;

	f.include = filters[_i].include;
	f.ninclude = count(filters[_i].include);
	f.exclude = filters[_i].exclude;
	f.nexclude = count(filters[_i].exclude);
	ck_assert_int_eq(ka_topic_filter_match(&f, filters[_i].topic),
	    filters[_i].want);
}
END_TEST

START_TEST(test_filter_cluster)
{
	static const char *const inc[] = { "o*", "nomatch", "p*" };
	static const char *const exc[] = { "*.tmp" };
	struct ka_topic_filter	 f = { inc, 3, exc, 1 };
	struct ka_cluster	 c;
	int			 matched[3] = { 0, 0, 0 };

	ka_cluster_init(&c);
	add_topic(&c, "orders", 3);
	add_topic(&c, "orders.tmp", 1);
	add_topic(&c, "scratch", 1);
	add_topic(&c, "payments", 2);
	ka_cluster_filter(&c, &f, matched);
	ck_assert_uint_eq(c.ntopics, 2);
	ck_assert_str_eq(c.topics[0].name, "orders");
	ck_assert_str_eq(c.topics[1].name, "payments");
	ck_assert_uint_eq(c.topics[1].nparts, 2);
	ck_assert_int_eq(matched[0], 1);
	ck_assert_int_eq(matched[1], 0);
	ck_assert_int_eq(matched[2], 1);
	ka_cluster_filter(&c, &f, NULL);
	ck_assert_uint_eq(c.ntopics, 2);
	ka_cluster_clear(&c);
}
END_TEST

START_TEST(test_internal)
{
	ck_assert_int_eq(ka_cluster_internal_topic("__consumer_offsets"), 1);
	ck_assert_int_eq(ka_cluster_internal_topic("__transaction_state"), 1);
	ck_assert_int_eq(ka_cluster_internal_topic("__share_group_state"), 1);
	ck_assert_int_eq(ka_cluster_internal_topic("__consumer_offsets2"), 0);
	ck_assert_int_eq(ka_cluster_internal_topic("_schemas"), 0);
	ck_assert_int_eq(ka_cluster_internal_topic(""), 0);
}
END_TEST

/* Every source and state has a distinct name that parses back to it. */
START_TEST(test_names)
{
	enum ka_cfg_source	 s;
	enum ka_fetch_state	 st;
	int			 i, j;

	for (i = 0; i < KA_CFG__MAX; i++) {
		ck_assert_ptr_nonnull(ka_cfg_source_name(i));
		ck_assert_int_eq(ka_cfg_source_parse(ka_cfg_source_name(i),
		    &s), 0);
		ck_assert_int_eq(s, i);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(ka_cfg_source_name(i),
			    ka_cfg_source_name(j));
	}
	ck_assert_ptr_null(ka_cfg_source_name(KA_CFG__MAX));
	ck_assert_str_eq(ka_cfg_source_name(KA_CFG_TOPIC), "topic");
	ck_assert_str_eq(ka_cfg_source_name(KA_CFG_DYNAMIC_DEFAULT),
	    "dynamic-default");
	ck_assert_int_eq(ka_cfg_source_parse("Topic", &s), -1);
	ck_assert_int_eq(ka_cfg_source_parse("", &s), -1);

	for (i = KA_FETCH_NONE; i <= KA_FETCH_FAILED; i++) {
		ck_assert_ptr_nonnull(ka_fetch_state_name(i));
		ck_assert_int_eq(ka_fetch_state_parse(ka_fetch_state_name(i),
		    &st), 0);
		ck_assert_int_eq(st, i);
	}
	ck_assert_int_eq(ka_fetch_state_parse("done", &st), -1);
}
END_TEST

static Suite *
cluster_suite(void)
{
	Suite	*s = suite_create("cluster");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_init_clear);
	tcase_add_test(tc, test_build_sort_lookup);
	tcase_add_test(tc, test_configs_fail);
	tcase_add_loop_test(tc, test_filter_match, 0,
	    sizeof(filters) / sizeof(filters[0]));
	tcase_add_test(tc, test_filter_cluster);
	tcase_add_test(tc, test_internal);
	tcase_add_test(tc, test_names);
	suite_add_tcase(s, tc);
	return s;
}

KA_CHECK_MAIN(cluster_suite)
