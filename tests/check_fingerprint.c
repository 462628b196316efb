/*
 * Fingerprints (fingerprint.c), the SHA-256 under them (sha256.c) and the
 * relative paths they hash (pathbase.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_util.h"
#include "fingerprint.h"
#include "pathbase.h"
#include "report.h"
#include "sha256.h"
#include "xmalloc.h"

/* FIPS 180-2 appendix B and the NIST example values. */
static const struct {
	const char	*in, *want;
} vectors[] = {
	{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
	{ "abc",
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
	{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
	    "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
	    "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
};

#define NVECTORS	(sizeof(vectors) / sizeof(vectors[0]))

/*
 * Each test runs twice: with the block function the processor is given
 * (its SHA instructions where it has them) and with the portable one.
 */
START_TEST(test_sha256_vectors)
{
	char	 hex[KA_SHA256_HEX];

	ka_sha256_portable(_i >= (int)NVECTORS);
	ka_sha256_hex(vectors[_i % NVECTORS].in,
	    strlen(vectors[_i % NVECTORS].in), hex);
	ka_sha256_portable(0);
	ck_assert_str_eq(hex, vectors[_i % NVECTORS].want);
}
END_TEST

/* A million 'a's, fed in pieces of every size from 1 to 97 bytes. */
START_TEST(test_sha256_pieces)
{
	struct ka_sha256	 s;
	char			 buf[97], hex[KA_SHA256_HEX];
	size_t			 left = 1000000, n, k = 1;

	ka_sha256_portable(_i);
	memset(buf, 'a', sizeof(buf));
	ka_sha256_init(&s);
	while (left > 0) {
		n = k < left ? k : left;
		ka_sha256_update(&s, buf, n);
		left -= n;
		k = k % sizeof(buf) + 1;
	}
	ka_sha256_final_hex(&s, hex);
	ka_sha256_portable(0);
	ck_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67"
	    "f1809a48a497200e046d39ccc7112cd0");
}
END_TEST

/* Both block functions agree on every length from 0 to 300 bytes. */
START_TEST(test_sha256_both)
{
	unsigned char	 buf[300];
	char		 a[KA_SHA256_HEX], b[KA_SHA256_HEX];
	unsigned int	 x = 2463534242u;
	size_t		 i, n;

	for (i = 0; i < sizeof(buf); i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = (unsigned char)x;
	}
	for (n = 0; n <= sizeof(buf); n++) {
		ka_sha256_hex(buf, n, a);
		ka_sha256_portable(1);
		ka_sha256_hex(buf, n, b);
		ka_sha256_portable(0);
		ck_assert_msg(strcmp(a, b) == 0, "%zu bytes: %s, portable %s",
		    n, a, b);
	}
}
END_TEST

/* The recipe, spelt out: SHA-256 of rule, target, key and occurrence. */
START_TEST(test_fingerprint_recipe)
{
	static const char	 in[] = "KA1002\0config/server.properties\0"
	    "min.insync.replicas\0" "2";
	char			 got[KA_SHA256_HEX], want[KA_SHA256_HEX];

	ka_sha256_hex(in, sizeof(in) - 1, want);
	ka_fingerprint("KA1002", "config/server.properties",
	    "min.insync.replicas", 2, got);
	ck_assert_str_eq(got, want);
}
END_TEST

static char		 id_a[] = "KA1002", id_b[] = "KA2001";
static struct ka_rule	 rule_a = { .id = id_a };
static struct ka_rule	 rule_b = { .id = id_b };

static struct ka_finding *
add(struct ka_report *r, const struct ka_rule *rule, const char *path,
    unsigned int line, const char *key)
{
	struct ka_finding	*f = ka_report_add(r);

	f->rule = rule;
	f->kind = KA_KIND_FILE;
	f->loc.path = path;
	f->loc.line = line;
	f->key = key != NULL ? xstrdup(key) : NULL;
	f->broker = f->partition = -1;
	return f;
}

/* Fingerprint findings of a report whose paths are relative to cwd. */
static void
fingerprint(struct ka_report *r)
{
	struct ka_pathbase	 pb;

	ck_assert_int_eq(ka_pathbase_init(&pb, NULL, NULL), 0);
	ka_report_sort(r);
	ka_report_locate(r, &pb);
	ka_fingerprint_report(r);
	ka_pathbase_clear(&pb);
}

/*
 * Lines do not count; the rule, the file, the key and the occurrence
 * do, and a path is the same however it is spelt.
 */
START_TEST(test_fingerprint_lines)
{
	struct ka_report	 a, b;
	size_t			 i;

	ka_report_init(&a);
	ka_report_init(&b);
	ka_report_add_file(&a, "conf/server.properties");
	ka_report_add_file(&b, "./conf//x/../server.properties");
	add(&a, &rule_a, a.files[0], 3, "min.insync.replicas");
	add(&a, &rule_a, a.files[0], 9, "unclean.leader.election.enable");
	add(&b, &rule_a, b.files[0], 30, "min.insync.replicas");
	add(&b, &rule_a, b.files[0], 12, "unclean.leader.election.enable");
	fingerprint(&a);
	fingerprint(&b);
	for (i = 0; i < 2; i++) {
		ck_assert_ptr_nonnull(a.v[i].fingerprint);
		ck_assert_uint_eq(strlen(a.v[i].fingerprint), 64);
	}
	/* b is sorted by line, so its order is the other way round. */
	ck_assert_str_eq(a.v[0].fingerprint, b.v[1].fingerprint);
	ck_assert_str_eq(a.v[1].fingerprint, b.v[0].fingerprint);
	ck_assert_str_ne(a.v[0].fingerprint, a.v[1].fingerprint);
	ka_report_clear(&a);
	ka_report_clear(&b);
}
END_TEST

START_TEST(test_fingerprint_occurrence)
{
	struct ka_report	 r;
	char			 want[KA_SHA256_HEX];

	ka_report_init(&r);
	ka_report_add_file(&r, "p.properties");
	ka_report_add_file(&r, "q.properties");
	add(&r, &rule_b, r.files[0], 2, "acks");
	add(&r, &rule_b, r.files[0], 5, "acks");
	add(&r, &rule_a, r.files[0], 7, "acks");
	add(&r, &rule_b, r.files[1], 2, "acks");
	add(&r, &rule_b, r.files[1], 3, NULL);
	fingerprint(&r);
	ck_assert_uint_eq(r.v[0].occurrence, 1);
	ck_assert_uint_eq(r.v[1].occurrence, 2);
	ck_assert_uint_eq(r.v[2].occurrence, 1);
	ck_assert_uint_eq(r.v[3].occurrence, 1);
	ck_assert_str_ne(r.v[0].fingerprint, r.v[1].fingerprint);
	ck_assert_str_ne(r.v[0].fingerprint, r.v[2].fingerprint);
	ck_assert_str_ne(r.v[0].fingerprint, r.v[3].fingerprint);
	ka_fingerprint("KA2001", "q.properties", "", 1, want);
	ck_assert_str_eq(r.v[4].fingerprint, want);
	ka_report_clear(&r);
}
END_TEST

/* Live findings: their target names what they are about. */
START_TEST(test_fingerprint_targets)
{
	struct ka_finding	 f;
	int32_t			 ids[] = { 1, 2, 3 };
	char			*t, topic[] = "orders";

	memset(&f, 0, sizeof(f));
	f.kind = KA_KIND_PARTITION;
	f.topic = topic;
	f.partition = 3;
	t = ka_fingerprint_target(&f, NULL);
	ck_assert_str_eq(t, "topic:orders/partition:3");
	free(t);
	f.kind = KA_KIND_TOPIC;
	t = ka_fingerprint_target(&f, NULL);
	ck_assert_str_eq(t, "topic:orders");
	free(t);
	f.kind = KA_KIND_BROKER;
	f.broker = 2;
	t = ka_fingerprint_target(&f, NULL);
	ck_assert_str_eq(t, "broker:2");
	free(t);
	f.brokers = ids;
	f.nbrokers = 3;
	t = ka_fingerprint_target(&f, NULL);
	ck_assert_str_eq(t, "brokers:1,2,3");
	free(t);
	f.kind = KA_KIND_CLUSTER;
	t = ka_fingerprint_target(&f, NULL);
	ck_assert_str_eq(t, "cluster");
	free(t);
	f.kind = KA_KIND_FILE;
	t = ka_fingerprint_target(&f, "a/b.properties");
	ck_assert_str_eq(t, "a/b.properties");
	free(t);
}
END_TEST

static const struct {
	const char	*base, *cwd, *path, *want;
	int		 inside;
} rels[] = {
	{ "/repo", "/repo", "config/server.properties",
	    "config/server.properties", 1 },
	{ "/repo", "/repo", "./config//a/../server.properties",
	    "config/server.properties", 1 },
	{ "/repo", "/repo/config", "server.properties",
	    "config/server.properties", 1 },
	{ "/repo", "/repo", "/repo/x.properties", "x.properties", 1 },
	{ "/repo", "/repo", "/repository/x.properties",
	    "/repository/x.properties", 0 },
	{ "/repo", "/repo", "../etc/x.properties", "/etc/x.properties", 0 },
	{ "/repo", "/repo", ".", ".", 1 },
	{ "/", "/", "etc/kafka/server.properties",
	    "etc/kafka/server.properties", 1 },
	{ "/repo", "/repo", "/../../repo/a", "a", 1 },
};

START_TEST(test_pathbase_rel)
{
	struct ka_pathbase	 pb;
	char			*got;
	int			 inside;

	pb.base = xstrdup(rels[_i].base);
	pb.cwd = xstrdup(rels[_i].cwd);
	got = ka_pathbase_rel(&pb, rels[_i].path, &inside);
	ck_assert_str_eq(got, rels[_i].want);
	ck_assert_int_eq(inside, rels[_i].inside);
	free(got);
	ka_pathbase_clear(&pb);
}
END_TEST

static Suite *
fingerprint_suite(void)
{
	Suite	*s = suite_create("fingerprint");
	TCase	*tc;

	tc = tcase_create("sha256");
	tcase_add_loop_test(tc, test_sha256_vectors, 0, 2 * NVECTORS);
	tcase_add_loop_test(tc, test_sha256_pieces, 0, 2);
	tcase_add_test(tc, test_sha256_both);
	suite_add_tcase(s, tc);

	tc = tcase_create("fingerprint");
	tcase_add_test(tc, test_fingerprint_recipe);
	tcase_add_test(tc, test_fingerprint_lines);
	tcase_add_test(tc, test_fingerprint_occurrence);
	tcase_add_test(tc, test_fingerprint_targets);
	suite_add_tcase(s, tc);

	tc = tcase_create("pathbase");
	tcase_add_loop_test(tc, test_pathbase_rel, 0,
	    sizeof(rels) / sizeof(rels[0]));
	suite_add_tcase(s, tc);
	return s;
}

KA_CHECK_MAIN(fingerprint_suite)
