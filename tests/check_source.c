#include "config.h"

#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_util.h"
#include "diag.h"
#include "source.h"

static char	 dir[] = "/tmp/ka-source-XXXXXX";

static void
setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
teardown(void)
{
	char	 cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	strcpy(dir, "/tmp/ka-source-XXXXXX");
}

static char *
write_file(const char *name, const char *text, size_t len)
{
	static char	 path[256];
	FILE		*fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "wb");
	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(text, 1, len, fp), len);
	fclose(fp);
	return path;
}

static void
expect_failure(const char *path, enum ka_diag_code code, const char *frag)
{
	struct ka_diags	 ds;

	ka_diags_init(&ds);
	ck_assert_ptr_null(ka_source_read(path, NULL, &ds));
	ck_assert_uint_eq(ds.len, 1);
	ck_assert_int_eq(ds.v[0].code, code);
	ck_assert_str_eq(ds.v[0].loc.path, path);
	ck_assert_msg(strstr(ds.v[0].detail, frag) != NULL, "'%s' lacks '%s'",
	    ds.v[0].detail, frag);
	ka_diags_clear(&ds);
}

START_TEST(test_reads_file)
{
	struct ka_diags		 ds;
	struct ka_source	*src;
	char			*path;

	ka_diags_init(&ds);
	path = write_file("server.properties", "acks=all\n", 9);
	src = ka_source_read(path, "shown.properties", &ds);
	ck_assert_ptr_nonnull(src);
	ck_assert_str_eq(src->path, "shown.properties");
	ck_assert_uint_eq(src->len, 9);
	ck_assert_str_eq(src->text, "acks=all\n");
	ck_assert_uint_eq(ds.len, 0);
	ka_source_free(src);
	ka_diags_clear(&ds);
}
END_TEST

START_TEST(test_missing)
{
	expect_failure("/nonexistent/dir/server.properties", KA_D_SOURCE_OPEN,
	    "No such file");
}
END_TEST

START_TEST(test_directory)
{
	expect_failure(dir, KA_D_SOURCE_NOT_REGULAR, "not a regular file");
}
END_TEST

START_TEST(test_empty)
{
	expect_failure(write_file("e.properties", "", 0), KA_D_SOURCE_EMPTY,
	    "empty");
}
END_TEST

START_TEST(test_binary)
{
	expect_failure(write_file("b.properties", "a=b\0c", 5),
	    KA_D_SOURCE_BINARY, "NUL");
}
END_TEST

START_TEST(test_too_large)
{
	char	*path;
	int	 fd;

	path = write_file("huge.properties", "a=b\n", 4);
	fd = open(path, O_WRONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, KA_SOURCE_MAX_BYTES + 1), 0);
	close(fd);
	expect_failure(path, KA_D_SOURCE_TOO_LARGE, "limit");
}
END_TEST

START_TEST(test_unreadable)
{
	char	*path;

	if (geteuid() == 0)
		return;		/* root reads everything */
	path = write_file("secret.properties", "a=b\n", 4);
	ck_assert_int_eq(chmod(path, 0), 0);
	expect_failure(path, KA_D_SOURCE_OPEN, "Permission denied");
}
END_TEST

START_TEST(test_in_memory)
{
	struct ka_source	*src;

	src = ka_source_new("<stdin>", "x=1", 3);
	ck_assert_str_eq(src->path, "<stdin>");
	ck_assert_uint_eq(src->len, 3);
	ck_assert_int_eq(src->text[3], '\0');
	ka_source_free(src);
	ka_source_free(NULL);
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("source");
	TCase	*tc = tcase_create("source");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_reads_file);
	tcase_add_test(tc, test_missing);
	tcase_add_test(tc, test_directory);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_binary);
	tcase_add_test(tc, test_too_large);
	tcase_add_test(tc, test_unreadable);
	tcase_add_test(tc, test_in_memory);
	suite_add_tcase(s, tc);
	return s;
}

KA_CHECK_MAIN(suite)
