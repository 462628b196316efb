#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "cluster.h"
#include "peers.h"
#include "settings.h"
#include "source.h"

/*
 * Which broker files a client is cross-checked against: those under the
 * deepest directory above it that holds any.
 */

static const char *const brokers[] = {
	"a/server.properties",
	"a-c/server.properties",
	"a/b/server.properties",
	"./x//y/server.properties",
	"/abs/server.properties",
	"a.b/server.properties",
};
#define NBROKERS	(sizeof(brokers) / sizeof(brokers[0]))

static const struct {
	const char	*client;
	const char	*peers;		/* the broker files, by index */
} cases[] = {
	{ "a/p.properties", "02" },
	{ "a/b/p.properties", "2" },
	{ "a/b/c/d/p.properties", "2" },
	{ "a-c/p.properties", "1" },
	{ "a.b/p.properties", "5" },
	{ "x/y/z/p.properties", "3" },
	{ "x/./y/p.properties", "3" },
	{ "x/p.properties", "3" },
	{ "./x/p.properties", "3" },
	{ "/abs/sub/p.properties", "4" },
	{ "/elsewhere/p.properties", "012345" },
	{ "q/p.properties", "012345" },
	{ "p.properties", "012345" },
	{ "<stdin>", "012345" },
	{ "../a/p.properties", "012345" },
};

/* A file subject and the source it borrows its path from. */
struct subj {
	struct ka_settings	 s;
	struct ka_source	*src;
};

static struct ka_settings *
file(const char *path, enum ka_role role)
{
	struct subj	*f;

	f = calloc(1, sizeof(*f));
	ck_assert_ptr_nonnull(f);
	f->src = ka_source_new(path, "", 0);
	f->s.kind = KA_KIND_FILE;
	f->s.role = role;
	f->s.src = f->src;
	return &f->s;
}

/* s is the first member of its struct subj. */
static void
file_free(struct ka_settings *s)
{
	struct subj	*f = (struct subj *)(void *)s;

	ka_source_free(f->src);
	free(f);
}

START_TEST(test_nearest)
{
	struct ka_settings		*b[NBROKERS], *c, *other;
	const struct ka_settings	*subjects[NBROKERS + 1];
	const struct ka_settings *const	*near;
	struct ka_peers			 p;
	const char			*want = cases[_i].peers;
	size_t				 i, j, n;

	for (i = 0; i < NBROKERS; i++)
		subjects[i] = b[i] = file(brokers[i], KA_ROLE_BROKER);
	other = file("a/other-producer.properties", KA_ROLE_PRODUCER);
	subjects[NBROKERS] = other;
	ka_peers_init(&p, subjects, NBROKERS + 1);
	ck_assert_uint_eq(p.nfiles, NBROKERS);
	ck_assert_uint_eq(p.nlive, 0);

	c = file(cases[_i].client, KA_ROLE_PRODUCER);
	near = ka_peers_files(&p, c, &n);
	ck_assert_msg(n == strlen(want), "%s: %zu peers, expected %zu",
	    cases[_i].client, n, strlen(want));
	for (i = 0; want[i] != '\0'; i++) {
		for (j = 0; j < n; j++)
			if (near[j] == b[want[i] - '0'])
				break;
		ck_assert_msg(j < n, "%s: %s is not a peer", cases[_i].client,
		    brokers[want[i] - '0']);
	}

	file_free(c);
	ka_peers_clear(&p);
	file_free(other);
	for (i = 0; i < NBROKERS; i++)
		file_free(b[i]);
}
END_TEST

START_TEST(test_no_brokers)
{
	struct ka_settings		*c;
	const struct ka_settings	*subjects[1];
	struct ka_peers			 p;
	size_t				 n;

	c = file("a/p.properties", KA_ROLE_PRODUCER);
	subjects[0] = c;
	ka_peers_init(&p, subjects, 1);
	(void)ka_peers_files(&p, c, &n);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(ka_peers_live(&p, 1));
	ka_peers_clear(&p);
	file_free(c);
}
END_TEST

/* Live brokers: peers of all, found by id, the first of equal ids. */
START_TEST(test_live)
{
	static const int32_t		 ids[] = { 3, 1, 3, 2 };
	struct ka_broker		 br[4];
	struct ka_settings		 live[4], topic, *f;
	const struct ka_settings	*subjects[6];
	struct ka_peers			 p;
	size_t				 i, n;

	memset(br, 0, sizeof(br));
	memset(live, 0, sizeof(live));
	for (i = 0; i < 4; i++) {
		br[i].id = ids[i];
		live[i].kind = KA_KIND_BROKER;
		live[i].role = KA_ROLE_BROKER;
		live[i].broker = &br[i];
		subjects[i] = &live[i];
	}
	memset(&topic, 0, sizeof(topic));
	topic.kind = KA_KIND_TOPIC;
	topic.role = KA_ROLE_TOPIC;
	subjects[4] = &topic;
	f = file("k/server.properties", KA_ROLE_BROKER);
	subjects[5] = f;
	ka_peers_init(&p, subjects, 6);
	ck_assert_uint_eq(p.nlive, 4);
	ck_assert_uint_eq(p.nfiles, 1);
	for (i = 0; i < 4; i++)
		ck_assert_ptr_eq(p.live[i], &live[i]);
	ck_assert_ptr_eq(ka_peers_live(&p, 3), &live[0]);
	ck_assert_ptr_eq(ka_peers_live(&p, 1), &live[1]);
	ck_assert_ptr_eq(ka_peers_live(&p, 2), &live[3]);
	ck_assert_ptr_null(ka_peers_live(&p, 0));
	ck_assert_ptr_null(ka_peers_live(&p, 4));
	/* A subject without a path stands at the top. */
	(void)ka_peers_files(&p, &topic, &n);
	ck_assert_uint_eq(n, 1);
	ka_peers_clear(&p);
	file_free(f);
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("peers");
	TCase	*tc = tcase_create("peers");

	tcase_add_loop_test(tc, test_nearest, 0,
	    sizeof(cases) / sizeof(cases[0]));
	tcase_add_test(tc, test_no_brokers);
	tcase_add_test(tc, test_live);
	suite_add_tcase(s, tc);
	return s;
}

KA_CHECK_MAIN(suite)
