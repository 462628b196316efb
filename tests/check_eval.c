#include "config.h"

#include "check_util.h"

START_TEST(test_placeholder)
{
	ck_assert_int_eq(1, 1);
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("eval");
	TCase	*tc = tcase_create("placeholder");

	tcase_add_test(tc, test_placeholder);
	suite_add_tcase(s, tc);
	return s;
}

KA_CHECK_MAIN(suite)
