#include "config.h"

#include <string.h>

#include "check_util.h"
#include "catalog.h"
#include "diag.h"
#include "props.h"
#include "settings.h"
#include "source.h"
#include "version.h"

/*
 * Effective values: what Kafka will use for a key, and where it comes
 * from.  Expected defaults are those of shared/reference/
 * kafka-config-facts.md §1g (the release matrix).
 */
static const struct {
	const char	*text;		/* the file */
	enum ka_role	 role;
	enum ka_client	 client;
	const char	*version;
	const char	*key;
	enum ka_origin	 origin;
	const char	*value;		/* canonical, NULL = null/invalid */
	int		 valid;
	const char	*set_as;	/* NULL when not set */
	const char	*provenance;	/* a fragment */
} cases[] = {
	/* Java producer defaults follow the release. */
	{ "linger.ms=1\n", KA_ROLE_PRODUCER, KA_CLIENT_JAVA, "2.8", "acks",
	    KA_ORIGIN_DEFAULT, "1", 1, NULL, "default of the java producer" },
	{ "linger.ms=1\n", KA_ROLE_PRODUCER, KA_CLIENT_JAVA, "4.1", "acks",
	    KA_ORIGIN_DEFAULT, "all", 1, NULL, "since Kafka 3.0" },
	{ "linger.ms=1\n", KA_ROLE_PRODUCER, KA_CLIENT_JAVA, "2.0", "retries",
	    KA_ORIGIN_DEFAULT, "0", 1, NULL, "default" },
	{ "acks=1\n", KA_ROLE_PRODUCER, KA_CLIENT_JAVA, "3.9", "linger.ms",
	    KA_ORIGIN_DEFAULT, "0", 1, NULL, "default" },
	{ "acks=1\n", KA_ROLE_PRODUCER, KA_CLIENT_JAVA, "4.0", "linger.ms",
	    KA_ORIGIN_DEFAULT, "5", 1, NULL, "since Kafka 4.0" },
	/* Values are read as Kafka reads them. */
	{ "acks=-1\n", KA_ROLE_PRODUCER, KA_CLIENT_JAVA, "4.1", "acks",
	    KA_ORIGIN_FILE, "all", 1, "acks", "<mem>:1:6" },
	{ "acks = all  \n", KA_ROLE_PRODUCER, KA_CLIENT_JAVA, "4.1", "acks",
	    KA_ORIGIN_FILE, "all", 1, "acks", "<mem>:1:8" },
	{ "acks=ALL\n", KA_ROLE_PRODUCER, KA_CLIENT_JAVA, "4.1", "acks",
	    KA_ORIGIN_FILE, NULL, 0, "acks", "<mem>:1:6" },
	{ "acks=all # safe\n", KA_ROLE_PRODUCER, KA_CLIENT_JAVA, "4.1",
	    "acks", KA_ORIGIN_FILE, NULL, 0, "acks", "<mem>:1:6" },
	{ "enable.idempotence=TRUE\n", KA_ROLE_PRODUCER, KA_CLIENT_JAVA,
	    "4.1", "enable.idempotence", KA_ORIGIN_FILE, "true", 1,
	    "enable.idempotence", "<mem>" },
	/* The last entry wins. */
	{ "acks=0\nacks=1\n", KA_ROLE_PRODUCER, KA_CLIENT_JAVA, "4.1",
	    "acks", KA_ORIGIN_FILE, "1", 1, "acks", "<mem>:2:6" },
	/* librdkafka names and aliases map onto the Java key. */
	{ "request.required.acks=1\n", KA_ROLE_PRODUCER, KA_CLIENT_LIBRDKAFKA,
	    "4.1", "acks", KA_ORIGIN_FILE, "1", 1, "request.required.acks",
	    "set as request.required.acks" },
	{ "acks=0\nrequest.required.acks=all\n", KA_ROLE_PRODUCER,
	    KA_CLIENT_LIBRDKAFKA, "4.1", "acks", KA_ORIGIN_FILE, "all", 1,
	    "request.required.acks", "<mem>:2" },
	{ "request.required.acks=all\nacks=0\n", KA_ROLE_PRODUCER,
	    KA_CLIENT_LIBRDKAFKA, "4.1", "acks", KA_ORIGIN_FILE, "0", 1,
	    "acks", "<mem>:2" },
	{ "client.id=x\n", KA_ROLE_PRODUCER, KA_CLIENT_LIBRDKAFKA, "4.1",
	    "acks", KA_ORIGIN_DEFAULT, "all", 1, NULL, "librdkafka default" },
	{ "queue.buffering.max.ms=50\n", KA_ROLE_PRODUCER,
	    KA_CLIENT_LIBRDKAFKA, "4.1", "linger.ms", KA_ORIGIN_FILE, NULL, 1,
	    "queue.buffering.max.ms", "set as" },
	{ "client.id=x\n", KA_ROLE_CONSUMER, KA_CLIENT_LIBRDKAFKA, "4.1",
	    "isolation.level", KA_ORIGIN_DEFAULT, "read_committed", 1, NULL,
	    "librdkafka" },
	{ "client.id=x\n", KA_ROLE_CONSUMER, KA_CLIENT_JAVA, "4.1",
	    "isolation.level", KA_ORIGIN_DEFAULT, "read_uncommitted", 1, NULL,
	    "java consumer" },
	{ "auto.offset.reset=smallest\n", KA_ROLE_CONSUMER,
	    KA_CLIENT_LIBRDKAFKA, "4.1", "auto.offset.reset", KA_ORIGIN_FILE,
	    "earliest", 1, "auto.offset.reset", "<mem>" },
	/* A key the release does not have is ignored by it. */
	{ "delivery.timeout.ms=1000\n", KA_ROLE_PRODUCER, KA_CLIENT_JAVA,
	    "2.0", "delivery.timeout.ms", KA_ORIGIN_NONE, NULL, 1, NULL,
	    "not a key of Kafka 2.0" },
	{ "delivery.timeout.ms=1000\n", KA_ROLE_PRODUCER, KA_CLIENT_JAVA,
	    "2.1", "delivery.timeout.ms", KA_ORIGIN_FILE, "1000", 1,
	    "delivery.timeout.ms", "<mem>" },
	/* Broker defaults by release. */
	{ "node.id=1\n", KA_ROLE_BROKER, KA_CLIENT_JAVA, "0.10.2",
	    "unclean.leader.election.enable", KA_ORIGIN_DEFAULT, "true", 1,
	    NULL, "broker" },
	{ "node.id=1\n", KA_ROLE_BROKER, KA_CLIENT_JAVA, "0.11",
	    "unclean.leader.election.enable", KA_ORIGIN_DEFAULT, "false", 1,
	    NULL, "since Kafka 0.11" },
	{ "node.id=1\n", KA_ROLE_BROKER, KA_CLIENT_JAVA, "4.1",
	    "min.insync.replicas", KA_ORIGIN_DEFAULT, "1", 1, NULL, "broker" },
	{ "node.id=1\n", KA_ROLE_BROKER, KA_CLIENT_JAVA, "4.1",
	    "transactional.id", KA_ORIGIN_NONE, NULL, 1, NULL, "no default" },
	/* Unknown keys resolve to their text, or to nothing. */
	{ "my.custom=5\n", KA_ROLE_PRODUCER, KA_CLIENT_JAVA, "4.1",
	    "my.custom", KA_ORIGIN_FILE, "5", 1, "my.custom", "<mem>" },
	{ "my.custom=5\n", KA_ROLE_PRODUCER, KA_CLIENT_JAVA, "4.1",
	    "other.custom", KA_ORIGIN_NONE, NULL, 1, NULL, "no default" },
};

static void
load(struct ka_settings *s, struct ka_source **src, const char *text,
    enum ka_role role, enum ka_client client, const char *version)
{
	struct ka_diags	 ds;

	ka_diags_init(&ds);
	*src = ka_source_new("<mem>", text, strlen(text));
	memset(s, 0, sizeof(*s));
	s->src = *src;
	ck_assert_int_eq(ka_props_parse(&s->props, *src, &ds), 0);
	s->role = role;
	s->client = client;
	s->dialect = ka_catalog_dialect(role, client);
	ck_assert_int_eq(ka_version_parse(version, &s->version), 0);
	ka_diags_clear(&ds);
}

START_TEST(test_resolve)
{
	struct ka_settings	 s;
	struct ka_source	*src;
	struct ka_value		 v;
	char			*prov;

	load(&s, &src, cases[_i].text, cases[_i].role, cases[_i].client,
	    cases[_i].version);
	ka_settings_resolve(&s, cases[_i].key, &v);
	ck_assert_int_eq(v.origin, cases[_i].origin);
	ck_assert_int_eq(v.valid, cases[_i].valid);
	if (cases[_i].value == NULL && cases[_i].valid == 0)
		ck_assert_ptr_null(v.text);
	else if (cases[_i].value != NULL)
		ck_assert_pstr_eq(v.text, cases[_i].value);
	ck_assert_pstr_eq(v.set_as, cases[_i].set_as);
	prov = ka_settings_provenance(&s, &v);
	ck_assert_msg(strstr(prov, cases[_i].provenance) != NULL,
	    "provenance '%s' lacks '%s'", prov, cases[_i].provenance);
	free(prov);
	ka_value_clear(&v);
	ka_props_clear(&s.props);
	ka_source_free(src);
}
END_TEST

/* Secrets are marked so that no reporter prints them. */
START_TEST(test_sensitive)
{
	static const char *const keys[] = { "sasl.jaas.config",
	    "ssl.keystore.password", "ssl.key.password" };
	struct ka_settings	 s;
	struct ka_source	*src;
	struct ka_value		 v;
	size_t			 i;

	load(&s, &src, "sasl.jaas.config=x required password=\"p\";\n"
	    "ssl.keystore.password=p\nssl.key.password=p\n",
	    KA_ROLE_PRODUCER, KA_CLIENT_JAVA, "4.1");
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		ka_settings_resolve(&s, keys[i], &v);
		ck_assert_msg(v.sensitive, "%s not sensitive", keys[i]);
		ka_value_clear(&v);
	}
	ka_settings_resolve(&s, "acks", &v);
	ck_assert_int_eq(v.sensitive, 0);
	ka_value_clear(&v);
	ka_props_clear(&s.props);
	ka_source_free(src);
}
END_TEST

/* The index of a file's entries says what the catalogue says. */
START_TEST(test_index)
{
	struct ka_settings	 s;
	struct ka_source	*src;
	size_t			 i;

	load(&s, &src, "acks=all\nqueue.buffering.max.ms=5\nacks=1\n"
	    "no.such.key=1\n", KA_ROLE_PRODUCER, KA_CLIENT_JAVA, "4.1");
	ck_assert_ptr_null(s.defs);
	for (i = 0; i < s.props.len; i++)
		ck_assert_ptr_eq(ka_settings_def(&s, i),
		    ka_catalog_find(s.dialect, s.props.v[i].key));
	ka_settings_index(&s);
	ck_assert_ptr_nonnull(s.defs);
	for (i = 0; i < s.props.len; i++)
		ck_assert_ptr_eq(ka_settings_def(&s, i),
		    ka_catalog_find(s.dialect, s.props.v[i].key));
	ck_assert_ptr_nonnull(ka_settings_def(&s, 0));
	ck_assert_ptr_null(ka_settings_def(&s, 3));
	ka_settings_clear(&s);
	ck_assert_ptr_null(s.defs);
	ck_assert_uint_eq(s.props.len, 0);
	ka_source_free(src);
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("settings");
	TCase	*tc = tcase_create("resolve");

	tcase_add_loop_test(tc, test_resolve, 0,
	    sizeof(cases) / sizeof(cases[0]));
	tcase_add_test(tc, test_sensitive);
	tcase_add_test(tc, test_index);
	suite_add_tcase(s, tc);
	return s;
}

KA_CHECK_MAIN(suite)
