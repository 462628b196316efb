#include "config.h"

#include <limits.h>
#include <string.h>

#include "check_util.h"
#include "version.h"

static const struct {
	const char	*in;
	int		 ok;
	const char	*out;	/* formatted back */
} parses[] = {
	{ "4.1", 1, "4.1" },
	{ "3.0.1", 1, "3.0.1" },
	{ "0.10", 1, "0.10" },
	{ "0.10.2.1", 1, "0.10.2.1" },
	{ "2.8.0", 1, "2.8" },
	{ "4", 0, NULL },
	{ "4.", 0, NULL },
	{ ".4", 0, NULL },
	{ "4.1.0.0.0", 0, NULL },
	{ "v4.1", 0, NULL },
	{ "4.1-rc1", 0, NULL },
	{ "4.256", 0, NULL },
	{ "", 0, NULL },
};

START_TEST(test_parse)
{
	unsigned long	 v;
	char		 buf[32];
	int		 rc;

	rc = ka_version_parse(parses[_i].in, &v);
	ck_assert_msg((rc == 0) == parses[_i].ok, "'%s'", parses[_i].in);
	if (rc == 0)
		ck_assert_str_eq(ka_version_format(v, buf, sizeof(buf)),
		    parses[_i].out);
}
END_TEST

START_TEST(test_order)
{
	ck_assert_uint_lt(KA_VERSION(0, 10, 2, 1), KA_VERSION(0, 11, 0, 0));
	ck_assert_uint_lt(KA_VERSION(0, 11, 0, 3), KA_VERSION(1, 0, 0, 0));
	ck_assert_uint_lt(KA_VERSION(3, 0, 1, 0), KA_VERSION(3, 1, 0, 0));
	ck_assert_uint_lt(KA_VERSION(3, 9, 0, 0), KA_VERSION(3, 10, 0, 0));
}
END_TEST

static const struct {
	const char	*range;
	const char	*version;
	int		 match;
} ranges[] = {
	{ "", "0.8", 1 },
	{ ">=3.7", "3.7", 1 },
	{ ">=3.7", "3.6.2", 0 },
	{ "<3.7", "3.6.2", 1 },
	{ "<3.7", "3.7", 0 },
	{ ">=0.11 <3.0", "2.8.2", 1 },
	{ ">=0.11 <3.0", "3.0", 0 },
	{ ">=0.11 <3.0", "0.10.2.1", 0 },
	{ ">=3.0.1 <3.1 || >=3.1.1", "3.0.0", 0 },
	{ ">=3.0.1 <3.1 || >=3.1.1", "3.0.1", 1 },
	{ ">=3.0.1 <3.1 || >=3.1.1", "3.1.0", 0 },
	{ ">=3.0.1 <3.1 || >=3.1.1", "3.1.1", 1 },
	{ ">=3.0.1 <3.1 || >=3.1.1", "4.1", 1 },
	{ "=3.0", "3.0", 1 },
	{ "=3.0", "3.0.1", 0 },
	{ ">3.0", "3.0", 0 },
	{ ">3.0", "3.0.0.1", 1 },
	{ "<=3.0", "3.0", 1 },
	{ "<=3.0", "3.0.1", 0 },
};

START_TEST(test_ranges)
{
	struct ka_vranges	 rs;
	const char		*err;
	unsigned long		 v;

	ck_assert_int_eq(ka_version_ranges_parse(ranges[_i].range, &rs, &err),
	    0);
	ck_assert_int_eq(ka_version_parse(ranges[_i].version, &v), 0);
	ck_assert_msg(ka_version_ranges_match(&rs, v) == ranges[_i].match,
	    "'%s' vs %s", ranges[_i].range, ranges[_i].version);
}
END_TEST

static const char *const bad_ranges[] = {
	"3.0", ">=", ">=x", ">= 3.0 ||", "=>3.0", ">=3.0abc", "~3.0",
	">=1.0 || || <2.0",
};

START_TEST(test_bad_ranges)
{
	struct ka_vranges	 rs;
	const char		*err = NULL;

	ck_assert_int_eq(ka_version_ranges_parse(bad_ranges[_i], &rs, &err),
	    -1);
	ck_assert_ptr_nonnull(err);
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("version");
	TCase	*tc = tcase_create("version");

	tcase_add_loop_test(tc, test_parse, 0,
	    sizeof(parses) / sizeof(parses[0]));
	tcase_add_test(tc, test_order);
	tcase_add_loop_test(tc, test_ranges, 0,
	    sizeof(ranges) / sizeof(ranges[0]));
	tcase_add_loop_test(tc, test_bad_ranges, 0,
	    sizeof(bad_ranges) / sizeof(bad_ranges[0]));
	suite_add_tcase(s, tc);
	return s;
}

KA_CHECK_MAIN(suite)
