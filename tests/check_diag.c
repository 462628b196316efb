#include "config.h"

#include <string.h>

#include "check_util.h"
#include "diag.h"

/* Every slot of the catalogue is filled, and every id is unique. */
START_TEST(test_catalogue_complete)
{
	int	 i, j;

	for (i = 0; i < KA_D__MAX; i++) {
		ck_assert_msg(ka_diag_id(i) != NULL, "code %d has no id", i);
		ck_assert_msg(ka_diag_summary(i) != NULL &&
		    ka_diag_summary(i)[0] != '\0', "code %d has no summary", i);
		for (j = 0; j < i; j++)
			ck_assert_msg(strcmp(ka_diag_id(i), ka_diag_id(j)) != 0,
			    "id %s used twice", ka_diag_id(i));
	}
	ck_assert_ptr_null(ka_diag_id(KA_D__MAX));
}
END_TEST

START_TEST(test_sink)
{
	struct ka_diags	 ds;
	struct ka_loc	 loc;
	char		 path[] = "a/server.properties";

	ka_diags_init(&ds);
	ck_assert_int_eq(ds.worst, KA_LEVEL_NOTE);
	loc.path = path;
	loc.line = 3;
	loc.col = 7;
	ka_diag(&ds, KA_D_PROPS_NON_ASCII, &loc, "byte 0x%02X", 0xe9);
	ck_assert_int_eq(ds.worst, KA_LEVEL_WARNING);
	ka_diag(&ds, KA_D_PROPS_BAD_ESCAPE, &loc, "bad");
	ka_diag(&ds, KA_D_WALK_SKIPPED, NULL, "skipped");
	/* The sink owns a copy of the path: the source may go first. */
	path[0] = 'X';
	ck_assert_str_eq(ds.v[0].loc.path, "a/server.properties");
	ck_assert_uint_eq(ds.v[0].loc.line, 3);
	ck_assert_str_eq(ds.v[0].detail, "byte 0xE9");
	ck_assert_ptr_null(ds.v[2].loc.path);
	ck_assert_int_eq(ds.worst, KA_LEVEL_INPUT);
	ck_assert_uint_eq(ka_diags_count(&ds, KA_LEVEL_WARNING), 2);
	ck_assert_uint_eq(ka_diags_count(&ds, KA_LEVEL_NOTE), 3);
	ka_diags_clear(&ds);
	ck_assert_uint_eq(ds.len, 0);
}
END_TEST

/* The levels decide exit statuses, so their order is API. */
START_TEST(test_levels)
{
	ck_assert_int_lt(KA_LEVEL_WARNING, KA_LEVEL_CLUSTER);
	ck_assert_int_lt(KA_LEVEL_CLUSTER, KA_LEVEL_INPUT);
	ck_assert_int_lt(KA_LEVEL_INPUT, KA_LEVEL_INTERNAL);
	ck_assert_str_eq(ka_level_name(KA_LEVEL_INPUT), "error");
	ck_assert_str_eq(ka_level_name(KA_LEVEL_NOTE), "note");
	ck_assert_int_eq(ka_diag_level(KA_D_SOURCE_EMPTY), KA_LEVEL_INPUT);
	ck_assert_int_eq(ka_diag_level(KA_D_OUTPUT_WRITE), KA_LEVEL_INTERNAL);
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("diag");
	TCase	*tc = tcase_create("diag");

	tcase_add_test(tc, test_catalogue_complete);
	tcase_add_test(tc, test_sink);
	tcase_add_test(tc, test_levels);
	suite_add_tcase(s, tc);
	return s;
}

KA_CHECK_MAIN(suite)
