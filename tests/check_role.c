#include "config.h"

#include <string.h>

#include "check_util.h"
#include "catalog.h"
#include "diag.h"
#include "directive.h"
#include "props.h"
#include "role.h"
#include "settings.h"
#include "source.h"
#include "version.h"

#define NONE	(-1)

/* How kafka-audit decides what a file is. */
static const struct {
	const char	*path;
	const char	*text;
	enum ka_input	 found;		/* how the file came */
	int		 type;		/* --type, or NONE */
	int		 client_flag;	/* --client, or NONE */
	int		 rc;		/* KA_ROLE_FOUND_* */
	int		 role;
	enum ka_basis	 role_basis;
	int		 client;
	enum ka_basis	 client_basis;
	int		 diag;		/* expected diagnostic, or NONE */
	unsigned int	 diag_line;
} cases[] = {
	/* File names first. */
	{ "config/server.properties", "foo=1\n", 0, NONE, NONE,
	    KA_ROLE_FOUND_OK, KA_ROLE_BROKER, KA_BASIS_NAME, NONE, 0, NONE, 0 },
	{ "config/kraft/broker.properties", "foo=1\n", 0, NONE, NONE,
	    KA_ROLE_FOUND_OK, KA_ROLE_BROKER, KA_BASIS_NAME, NONE, 0, NONE, 0 },
	{ "config/kraft/reconfig-server.properties", "foo=1\n", 0, NONE, NONE,
	    KA_ROLE_FOUND_OK, KA_ROLE_BROKER, KA_BASIS_NAME, NONE, 0, NONE, 0 },
	{ "app/orders-producer.properties", "acks=all\n", 0, NONE, NONE,
	    KA_ROLE_FOUND_OK, KA_ROLE_PRODUCER, KA_BASIS_NAME,
	    KA_CLIENT_JAVA, KA_BASIS_DEFAULT, NONE, 0 },
	{ "consumer.properties", "group.id=g\n", 0, NONE, NONE,
	    KA_ROLE_FOUND_OK, KA_ROLE_CONSUMER, KA_BASIS_NAME,
	    KA_CLIENT_JAVA, KA_BASIS_DEFAULT, NONE, 0 },
	{ "config/connect-distributed.properties", "group.id=g\n", 0, NONE,
	    NONE, KA_ROLE_FOUND_NONE, NONE, 0, NONE, 0,
	    KA_D_ROLE_UNSUPPORTED, 0 },
	/* Then keys. */
	{ "app.properties", "key.serializer=x.Y\nacks=all\n", 0, NONE, NONE,
	    KA_ROLE_FOUND_OK, KA_ROLE_PRODUCER, KA_BASIS_KEYS,
	    KA_CLIENT_JAVA, KA_BASIS_KEYS, NONE, 0 },
	{ "app.properties", "group.id=g\nenable.auto.offset.store=false\n", 0,
	    NONE, NONE, KA_ROLE_FOUND_OK, KA_ROLE_CONSUMER, KA_BASIS_KEYS,
	    KA_CLIENT_LIBRDKAFKA, KA_BASIS_KEYS, NONE, 0 },
	{ "app.properties", "queue.buffering.max.messages=10\n", 0, NONE,
	    NONE, KA_ROLE_FOUND_OK, KA_ROLE_PRODUCER, KA_BASIS_KEYS,
	    KA_CLIENT_LIBRDKAFKA, KA_BASIS_KEYS, NONE, 0 },
	{ "node.properties", "process.roles=broker\nnode.id=1\n", 0, NONE,
	    NONE, KA_ROLE_FOUND_OK, KA_ROLE_BROKER, KA_BASIS_KEYS, NONE, 0,
	    NONE, 0 },
	{ "t.properties", "retention.ms=1000\ncleanup.policy=compact\n", 0,
	    NONE, NONE, KA_ROLE_FOUND_OK, KA_ROLE_TOPIC, KA_BASIS_KEYS, NONE,
	    0, NONE, 0 },
	/* Keys of two roles are an error, not a guess. */
	{ "client.properties", "acks=all\ngroup.id=g\n", 0, NONE, NONE,
	    KA_ROLE_FOUND_ERROR, NONE, 0, NONE, 0, KA_D_ROLE_AMBIGUOUS, 0 },
	/* No Kafka key: skipped in a directory, an error when named. */
	{ "log4j.properties", "log4j.rootLogger=INFO, stdout\n", KA_INPUT_FOUND,
	    NONE, NONE,
	    KA_ROLE_FOUND_NONE, NONE, 0, NONE, 0, NONE, 0 },
	{ "log4j.properties", "log4j.rootLogger=INFO, stdout\n", 0, NONE, NONE,
	    KA_ROLE_FOUND_ERROR, NONE, 0, NONE, 0, KA_D_ROLE_UNKNOWN, 0 },
	{ "client.properties", "bootstrap.servers=a:9092\n", 0, NONE, NONE,
	    KA_ROLE_FOUND_ERROR, NONE, 0, NONE, 0, KA_D_ROLE_UNKNOWN, 0 },
	/* In a directory, only keys make a non-properties file a config. */
	{ "src/producer.py", "import kafka\n", KA_INPUT_FOUND_OTHER, NONE,
	    NONE, KA_ROLE_FOUND_NONE, NONE, 0, NONE, 0, NONE, 0 },
	{ "src/producer.py", "import kafka\n", KA_INPUT_FOUND_OTHER,
	    KA_ROLE_PRODUCER, NONE, KA_ROLE_FOUND_NONE, NONE, 0, NONE, 0,
	    NONE, 0 },
	{ "conf/app-consumer.conf", "acks=all\nlinger.ms=5\n",
	    KA_INPUT_FOUND_OTHER, NONE, NONE, KA_ROLE_FOUND_OK,
	    KA_ROLE_PRODUCER, KA_BASIS_KEYS, KA_CLIENT_JAVA, KA_BASIS_DEFAULT,
	    NONE, 0 },
	/* Directives beat names and keys; the flag beats the directive. */
	{ "producer.properties", "# kafka-audit: type=consumer\nacks=all\n",
	    0, NONE, NONE, KA_ROLE_FOUND_OK, KA_ROLE_CONSUMER,
	    KA_BASIS_DIRECTIVE, KA_CLIENT_JAVA, KA_BASIS_DEFAULT, NONE, 0 },
	{ "producer.properties",
	    "#kafka-audit: client=librdkafka\nacks=all\n", 0, NONE, NONE,
	    KA_ROLE_FOUND_OK, KA_ROLE_PRODUCER, KA_BASIS_NAME,
	    KA_CLIENT_LIBRDKAFKA, KA_BASIS_DIRECTIVE, NONE, 0 },
	{ "producer.properties", "# kafka-audit: type=consumer\nacks=all\n",
	    0, KA_ROLE_BROKER, NONE, KA_ROLE_FOUND_OK, KA_ROLE_BROKER,
	    KA_BASIS_FLAG, NONE, 0, NONE, 0 },
	{ "producer.properties", "acks=all\n", 0, NONE, KA_CLIENT_LIBRDKAFKA,
	    KA_ROLE_FOUND_OK, KA_ROLE_PRODUCER, KA_BASIS_NAME,
	    KA_CLIENT_LIBRDKAFKA, KA_BASIS_FLAG, NONE, 0 },
	{ "producer.properties", "acks=all\n! kafka-audit: type=banana\n", 0,
	    NONE, NONE, KA_ROLE_FOUND_ERROR, NONE, 0, NONE, 0,
	    KA_D_DIRECTIVE_BAD, 2 },
	/* A word that is not understood leaves the role to the name. */
	{ "producer.properties", "# kafka-audit: color=red\n", 0, NONE, NONE,
	    KA_ROLE_FOUND_OK, KA_ROLE_PRODUCER, KA_BASIS_NAME, NONE, 0,
	    KA_D_DIRECTIVE_BAD, 1 },
	/* An ordinary comment that mentions the tool is no directive. */
	{ "producer.properties", "# checked by kafka-audit\nacks=all\n", 0,
	    NONE, NONE, KA_ROLE_FOUND_OK, KA_ROLE_PRODUCER, KA_BASIS_NAME,
	    KA_CLIENT_JAVA, KA_BASIS_DEFAULT, NONE, 0 },
	/* Keys of both clients: the Java client, with a warning. */
	{ "producer.properties",
	    "key.serializer=x.Y\nqueue.buffering.max.kbytes=5\n", 0, NONE,
	    NONE, KA_ROLE_FOUND_OK, KA_ROLE_PRODUCER, KA_BASIS_NAME,
	    KA_CLIENT_JAVA, KA_BASIS_DEFAULT, KA_D_CLIENT_AMBIGUOUS, 2 },
	/*
	 * A name librdkafka took over from the old Scala producer, next to
	 * Java keys, is a leftover (legacy-key reports it), not a librdkafka
	 * file; alone it still says librdkafka.
	 */
	{ "producer.properties",
	    "key.serializer=x.Y\nqueue.buffering.max.messages=5\n", 0, NONE,
	    NONE, KA_ROLE_FOUND_OK, KA_ROLE_PRODUCER, KA_BASIS_NAME,
	    KA_CLIENT_JAVA, KA_BASIS_KEYS, NONE, 0 },
	{ "producer.properties", "queue.buffering.max.messages=5\n", 0, NONE,
	    NONE, KA_ROLE_FOUND_OK, KA_ROLE_PRODUCER, KA_BASIS_NAME,
	    KA_CLIENT_LIBRDKAFKA, KA_BASIS_KEYS, NONE, 0 },
};

START_TEST(test_classify)
{
	struct ka_role_opts	 ro;
	struct ka_settings	 s;
	struct ka_source	*src;
	struct ka_diags		 ds;
	int			 rc;

	ka_diags_init(&ds);
	src = ka_source_new(cases[_i].path, cases[_i].text,
	    strlen(cases[_i].text));
	memset(&s, 0, sizeof(s));
	s.src = src;
	s.version = KA_VERSION_NEWEST;
	ck_assert_int_eq(ka_props_parse(&s.props, src, &ds), 0);
	memset(&ro, 0, sizeof(ro));
	ro.version = KA_VERSION_NEWEST;
	if (cases[_i].type != NONE) {
		ro.type_forced = 1;
		ro.type = cases[_i].type;
	}
	if (cases[_i].client_flag != NONE) {
		ro.client_forced = 1;
		ro.client = cases[_i].client_flag;
	}
	/* As run.c does: a bad type= or client= leaves the role unknown. */
	if (ka_directive_scan(&s.props, &s.directives, &s.ndirectives,
	    &ds) == -1)
		rc = KA_ROLE_FOUND_ERROR;
	else
		rc = ka_role_classify(&s, &ro, cases[_i].found, &ds);
	ck_assert_int_eq(rc, cases[_i].rc);
	if (rc == KA_ROLE_FOUND_OK) {
		ck_assert_int_eq(s.role, cases[_i].role);
		ck_assert_int_eq(s.role_basis, cases[_i].role_basis);
		if (cases[_i].client != NONE) {
			ck_assert_int_eq(s.client, cases[_i].client);
			ck_assert_int_eq(s.client_basis,
			    cases[_i].client_basis);
		}
		ck_assert_int_eq(s.dialect, ka_catalog_dialect(s.role,
		    s.client));
	}
	if (cases[_i].diag == NONE)
		ck_assert_uint_eq(ds.len, 0);
	else {
		ck_assert_uint_eq(ds.len, 1);
		ck_assert_int_eq(ds.v[0].code, cases[_i].diag);
		ck_assert_str_eq(ds.v[0].loc.path, cases[_i].path);
		ck_assert_uint_eq(ds.v[0].loc.line, cases[_i].diag_line);
	}
	ka_settings_clear(&s);
	ka_source_free(src);
	ka_diags_clear(&ds);
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("role");
	TCase	*tc = tcase_create("classify");

	tcase_add_loop_test(tc, test_classify, 0,
	    sizeof(cases) / sizeof(cases[0]));
	suite_add_tcase(s, tc);
	return s;
}

KA_CHECK_MAIN(suite)
