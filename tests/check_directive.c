#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "catalog.h"
#include "diag.h"
#include "directive.h"
#include "props.h"
#include "source.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * The "# kafka-audit:" parser: what each directive reads as, and every
 * way one can be wrong, at its line and column.
 */

/* Parse text as a file named f.properties; the caller frees. */
static struct ka_directive *
scan(const char *text, size_t *n, int *rc, struct ka_diags *ds,
    struct ka_props *props, struct ka_source **src)
{
	struct ka_directive	*v;

	*src = ka_source_new("f.properties", text, strlen(text));
	ck_assert_int_eq(ka_props_parse(props, *src, ds), 0);
	*rc = ka_directive_scan(props, &v, n, ds);
	return v;
}

START_TEST(test_good)
{
	static const char	 text[] =
	    "# Staging brokers\n"					/* 1 */
	    "# kafka-audit: type=broker\n"
	    "#kafka-audit:disable-file=KA1007 -- two brokers  \n"
	    "broker.id=1\n"
	    "! kafka-audit: disable=KA1001,broker-min-insync-replicas-low "
	    "until=2026-12-31 -- single-AZ -- tracked in OPS-1\n"	/* 5 */
	    "min.insync.replicas=1\n"
	    "# kafka-audit: client=librdkafka disable=all\n"
	    "# kafka-audit-like words are no directive\n"
	    "# see kafka-audit(1)\n"
	    "acks=all\n";
	struct ka_directive	*v;
	struct ka_props		 props;
	struct ka_source	*src;
	struct ka_diags		 ds;
	size_t			 n;
	int			 rc;

	ka_diags_init(&ds);
	v = scan(text, &n, &rc, &ds, &props, &src);
	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(ds.len, 0);
	ck_assert_uint_eq(n, 4);

	ck_assert_uint_eq(v[0].loc.line, 2);
	ck_assert_uint_eq(v[0].words, 1u << KA_DW_TYPE);
	ck_assert_int_eq(v[0].type, KA_ROLE_BROKER);
	ck_assert_ptr_null(v[0].reason);

	ck_assert_uint_eq(v[1].loc.line, 3);
	ck_assert(KA_DIRECTIVE_HAS(&v[1], KA_DW_DISABLE_FILE));
	ck_assert_uint_eq(v[1].nids, 1);
	ck_assert_str_eq(v[1].ids[0].name, "KA1007");
	ck_assert_uint_eq(v[1].ids[0].col, 27);
	ck_assert_str_eq(v[1].until, "");
	ck_assert_str_eq(v[1].reason, "two brokers");

	ck_assert_uint_eq(v[2].loc.line, 5);
	ck_assert_uint_eq(v[2].words, (1u << KA_DW_DISABLE) |
	    (1u << KA_DW_UNTIL));
	ck_assert_uint_eq(v[2].nids, 2);
	ck_assert_str_eq(v[2].ids[0].name, "KA1001");
	ck_assert_uint_eq(v[2].ids[0].col, 24);
	ck_assert_str_eq(v[2].ids[1].name, "broker-min-insync-replicas-low");
	ck_assert_uint_eq(v[2].ids[1].col, 31);
	ck_assert_uint_eq(v[2].col[KA_DW_UNTIL], 62);
	ck_assert_str_eq(v[2].until, "2026-12-31");
	/* The first " -- " starts the reason; later ones belong to it. */
	ck_assert_str_eq(v[2].reason, "single-AZ -- tracked in OPS-1");

	ck_assert_uint_eq(v[3].loc.line, 7);
	ck_assert_int_eq(v[3].client, KA_CLIENT_LIBRDKAFKA);
	ck_assert_str_eq(v[3].ids[0].name, "all");

	ka_directive_free(v, n);
	ka_props_clear(&props);
	ka_source_free(src);
	ka_diags_clear(&ds);
}
END_TEST

static const struct {
	const char	*text;
	int		 rc;		/* of ka_directive_scan */
	unsigned int	 line, col;
	const char	*frag;
} bad[] = {
	{ "a=1\n# kafka-audit disable=KA1001\n", 0, 2, 2,
	    "kafka-audit without a colon" },
	{ "# kafka-audit: disabel=KA1001\n", 0, 1, 16,
	    "'disabel=KA1001' is not understood; did you mean disable=?" },
	{ "# kafka-audit: disable KA1001\n", 0, 1, 16,
	    "'disable' is not understood; did you mean disable=?" },
	{ "# kafka-audit: colour=red\n", 0, 1, 16,
	    "'colour=red' is not understood; a directive takes type=" },
	{ "# kafka-audit: type=producr\n", -1, 1, 16,
	    "'type=producr' is not understood; type= takes broker, topic, "
	    "producer or consumer" },
	{ "# kafka-audit: client=rdkafka\n", -1, 1, 16,
	    "client= takes java or librdkafka" },
	{ "# kafka-audit: type=broker disabel=KA1\n", -1, 1, 28,
	    "'disabel=KA1' is not understood" },
	{ "# kafka-audit: disabel=KA1 client=java\n", -1, 1, 16,
	    "'disabel=KA1' is not understood" },
	{ "# kafka-audit: disable=\n", 0, 1, 16,
	    "disable= names no rule; expected rule ids or slugs" },
	{ "# kafka-audit: disable-file=KA1001,,KA1002\n", 0, 1, 36,
	    "disable-file=KA1001,,KA1002 has an empty rule name" },
	{ "# kafka-audit: disable=KA1001,\n", 0, 1, 31,
	    "has an empty rule name" },
	{ "# kafka-audit: disable=KA1001 until=2026-02-29\n", 0, 1, 31,
	    "'until=2026-02-29' is not a date; expected until=YYYY-MM-DD" },
	{ "# kafka-audit: disable=KA1001 until=2026-13-01\n", 0, 1, 31,
	    "is not a date" },
	{ "# kafka-audit: disable=KA1001 until=31.12.2026\n", 0, 1, 31,
	    "is not a date" },
	{ "# kafka-audit: disable=KA1001 disable=KA1002\n", 0, 1, 31,
	    "disable= is given twice; the first is at column 16" },
	{ "# kafka-audit: disable=KA1001 disable-file=KA1002\n", 0, 1, 31,
	    "disable= and disable-file= in one directive" },
	{ "# kafka-audit: until=2026-12-31\n", 0, 1, 16,
	    "until= bounds a suppression" },
	{ "# kafka-audit: disable=KA1001 --   \n", 0, 1, 31,
	    "nothing follows --; expected the reason" },
	{ "# kafka-audit:\n", 0, 1, 2, "an empty directive" },
	{ "# kafka-audit: -- just a reason\n", 0, 1, 2, "an empty directive" },
};

START_TEST(test_bad)
{
	struct ka_directive	*v;
	struct ka_props		 props;
	struct ka_source	*src;
	struct ka_diags		 ds;
	size_t			 n;
	int			 rc;

	ka_diags_init(&ds);
	v = scan(bad[_i].text, &n, &rc, &ds, &props, &src);
	ck_assert_int_eq(rc, bad[_i].rc);
	/* A directive with a problem is left out as a whole. */
	ck_assert_uint_eq(n, 0);
	ck_assert_uint_eq(ds.len, 1);
	ck_assert_int_eq(ds.v[0].code, KA_D_DIRECTIVE_BAD);
	ck_assert_int_eq(ds.v[0].level, KA_LEVEL_INPUT);
	ck_assert_str_eq(ds.v[0].loc.path, "f.properties");
	ck_assert_msg(ds.v[0].loc.line == bad[_i].line &&
	    ds.v[0].loc.col == bad[_i].col, "at %u:%u, expected %u:%u: %s",
	    ds.v[0].loc.line, ds.v[0].loc.col, bad[_i].line, bad[_i].col,
	    ds.v[0].detail);
	ck_assert_msg(strstr(ds.v[0].detail, bad[_i].frag) != NULL,
	    "'%s' does not contain '%s'", ds.v[0].detail, bad[_i].frag);
	ka_directive_free(v, n);
	ka_props_clear(&props);
	ka_source_free(src);
	ka_diags_clear(&ds);
}
END_TEST

START_TEST(test_dates)
{
	static const struct {
		const char	*s;
		int		 ok;
	} d[] = {
		{ "2026-12-31", 1 }, { "2024-02-29", 1 }, { "2000-02-29", 1 },
		{ "1900-02-29", 0 }, { "2026-02-29", 0 }, { "2026-04-31", 0 },
		{ "2026-00-10", 0 }, { "2026-01-00", 0 }, { "2026-1-10", 0 },
		{ "2026-01-10x", 0 }, { "", 0 }, { "20260110", 0 },
	};
	size_t	 i;

	for (i = 0; i < NELEM(d); i++)
		ck_assert_msg(ka_directive_date_ok(d[i].s) == d[i].ok,
		    "%s", d[i].s);
	ck_assert_str_eq(ka_directive_word(KA_DW_DISABLE_FILE),
	    "disable-file");
	ck_assert_ptr_null(ka_directive_word(KA_DW__MAX));
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("directive");
	TCase	*tc = tcase_create("parse");

	tcase_add_test(tc, test_good);
	tcase_add_loop_test(tc, test_bad, 0, (int)NELEM(bad));
	tcase_add_test(tc, test_dates);
	suite_add_tcase(s, tc);
	return s;
}

KA_CHECK_MAIN(suite)
