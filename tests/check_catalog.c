#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "catalog.h"
#include "version.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define V(a, b, c)	KA_VERSION(a, b, c, 0)

#define BRK	KA_DIALECT_BROKER
#define TOP	KA_DIALECT_TOPIC
#define PRO	KA_DIALECT_PRODUCER
#define CON	KA_DIALECT_CONSUMER
#define SPR	KA_DIALECT_SCALA_PRODUCER
#define SCO	KA_DIALECT_SCALA_CONSUMER
#define LRK	KA_DIALECT_LIBRDKAFKA

/*
 * The table is what every lookup relies on: sorted by dialect and name,
 * no duplicates, and each default already in the canonical form that
 * ka_catalog_normalize() produces, for every release it holds in.
 */
START_TEST(test_table)
{
	const struct ka_keydef	*keys, *k;
	const char		*why, *d;
	char			*out;
	size_t			 n, i;
	unsigned long		 v, since;
	int			 rc;
	static const unsigned long versions[] = { V(0, 9, 0), V(0, 10, 1),
	    V(0, 11, 0), V(2, 0, 0), V(2, 5, 0), V(3, 0, 0), V(3, 7, 0),
	    V(4, 0, 0), V(4, 1, 0), V(4, 2, 0), V(4, 3, 0), V(4, 4, 0) };

	keys = ka_catalog_keys(&n);
	ck_assert_uint_gt(n, 800);
	for (i = 0; i < n; i++) {
		k = &keys[i];
		ck_assert_int_lt(k->dialect, KA_DIALECT__MAX);
		ck_assert_int_lt(k->type, KA_TYPE__MAX);
		if (i > 0)
			ck_assert_msg(keys[i - 1].dialect < k->dialect ||
			    (keys[i - 1].dialect == k->dialect &&
			    strcmp(keys[i - 1].name, k->name) < 0),
			    "%s is out of order or repeated", k->name);
		ck_assert_ptr_eq(ka_catalog_find(k->dialect, k->name), k);
		if (k->type == KA_TYPE_ENUM)
			ck_assert_ptr_nonnull(k->values);
		if (k->type == KA_TYPE_PASSWORD)
			ck_assert(k->flags & KA_KEY_SENSITIVE);
		if (k->since != 0 && k->until != 0)
			ck_assert_uint_lt(k->since, k->until);
		for (v = 0; v < NELEM(versions); v++) {
			d = ka_catalog_default(k, versions[v], &since);
			ck_assert_uint_le(since, versions[v]);
			if (d == NULL || (k->flags & KA_KEY_API_ONLY))
				continue;
			/*
			 * The row's validator is the newest release's, so
			 * an old default may fail it (node.id was -1 before
			 * 4.0 needed it at least 0); its form must hold.
			 * The Scala consumer's canonical offsets, earliest
			 * and latest, are not words it reads.
			 */
			rc = ka_catalog_normalize(k, d, &out, &why);
			if (rc == -1 && (d != k->dflt || k->dialect == SCO))
				continue;
			ck_assert_msg(rc == 0, "%s %s: default '%s': %s",
			    ka_catalog_dialect_name(k->dialect), k->name, d,
			    why);
			ck_assert_msg(strcmp(out, d) == 0,
			    "%s %s: default '%s' reads as '%s'",
			    ka_catalog_dialect_name(k->dialect), k->name, d,
			    out);
			free(out);
		}
	}
}
END_TEST

/* Keys of every dialect, and keys that are not there. */
static const struct {
	enum ka_dialect	 dialect;
	const char	*name;
	int		 found;
	enum ka_type	 type;
	unsigned int	 flags;		/* must be set */
} finds[] = {
	{ BRK, "min.insync.replicas", 1, KA_TYPE_INT, KA_KEY_RANGE },
	{ BRK, "unclean.leader.election.enable", 1, KA_TYPE_BOOLEAN, 0 },
	{ BRK, "default.replication.factor", 1, KA_TYPE_INT, 0 },
	{ BRK, "offsets.topic.replication.factor", 1, KA_TYPE_SHORT, 0 },
	{ BRK, "process.roles", 1, KA_TYPE_LIST, 0 },
	{ BRK, "log.cleanup.policy", 1, KA_TYPE_LIST, 0 },
	{ BRK, "ssl.keystore.password", 1, KA_TYPE_PASSWORD,
	    KA_KEY_SENSITIVE },
	{ BRK, "unstable.api.versions.enable", 1, KA_TYPE_BOOLEAN,
	    KA_KEY_INTERNAL },
	{ BRK, "retention.ms", 0, 0, 0 },
	{ BRK, "acks", 0, 0, 0 },
	{ TOP, "retention.ms", 1, KA_TYPE_LONG, 0 },
	{ TOP, "min.insync.replicas", 1, KA_TYPE_INT, 0 },
	{ TOP, "cleanup.policy", 1, KA_TYPE_LIST, 0 },
	{ TOP, "log.retention.ms", 0, 0, 0 },
	{ PRO, "acks", 1, KA_TYPE_ENUM, 0 },
	{ PRO, "enable.idempotence", 1, KA_TYPE_BOOLEAN, 0 },
	{ PRO, "delivery.timeout.ms", 1, KA_TYPE_INT, 0 },
	{ PRO, "linger.ms", 1, KA_TYPE_LONG, 0 },
	{ PRO, "sasl.jaas.config", 1, KA_TYPE_PASSWORD, KA_KEY_SENSITIVE },
	{ PRO, "request.required.acks", 0, 0, 0 },
	{ PRO, "group.id", 0, 0, 0 },
	{ CON, "enable.auto.commit", 1, KA_TYPE_BOOLEAN, 0 },
	{ CON, "auto.offset.reset", 1, KA_TYPE_ENUM, 0 },
	{ CON, "isolation.level", 1, KA_TYPE_ENUM, 0 },
	{ CON, "group.protocol", 1, KA_TYPE_ENUM, KA_KEY_ENUM_NOCASE },
	{ CON, "acks", 0, 0, 0 },
	{ SPR, "request.required.acks", 1, KA_TYPE_SHORT, 0 },
	{ SPR, "producer.type", 1, KA_TYPE_ENUM, 0 },
	{ SCO, "auto.commit.enable", 1, KA_TYPE_BOOLEAN, 0 },
	{ SCO, "zookeeper.connect", 1, KA_TYPE_STRING, 0 },
	{ LRK, "request.required.acks", 1, KA_TYPE_INT,
	    KA_KEY_PRODUCER | KA_KEY_TOPIC_LEVEL },
	{ LRK, "acks", 1, KA_TYPE_INT, KA_KEY_PRODUCER },
	{ LRK, "queue.buffering.max.ms", 1, KA_TYPE_DOUBLE, KA_KEY_PRODUCER },
	{ LRK, "enable.auto.offset.store", 1, KA_TYPE_BOOLEAN,
	    KA_KEY_CONSUMER },
	{ LRK, "auto.commit.enable", 1, KA_TYPE_BOOLEAN,
	    KA_KEY_CONSUMER | KA_KEY_TOPIC_LEVEL },
	{ LRK, "enable.auto.commit", 1, KA_TYPE_BOOLEAN, KA_KEY_CONSUMER },
	{ LRK, "auto.offset.reset", 1, KA_TYPE_ENUM,
	    KA_KEY_CONSUMER | KA_KEY_TOPIC_LEVEL | KA_KEY_ENUM_NOCASE },
	{ LRK, "bootstrap.servers", 1, KA_TYPE_STRING,
	    KA_KEY_PRODUCER | KA_KEY_CONSUMER },
	{ LRK, "sasl.password", 1, KA_TYPE_STRING, KA_KEY_SENSITIVE },
	{ LRK, "dr_msg_cb", 1, KA_TYPE_STRING, KA_KEY_API_ONLY },
	{ LRK, "debug", 1, KA_TYPE_LIST, 0 },
	{ LRK, "max.block.ms", 0, 0, 0 },
	{ LRK, "", 0, 0, 0 },
};

START_TEST(test_find)
{
	const struct ka_keydef	*k;

	k = ka_catalog_find(finds[_i].dialect, finds[_i].name);
	if (!finds[_i].found) {
		ck_assert_ptr_null(k);
		return;
	}
	ck_assert_msg(k != NULL, "%s not found", finds[_i].name);
	ck_assert_str_eq(k->name, finds[_i].name);
	ck_assert_int_eq(k->dialect, finds[_i].dialect);
	ck_assert_int_eq(k->type, finds[_i].type);
	ck_assert_uint_eq(k->flags & finds[_i].flags, finds[_i].flags);
}
END_TEST

/*
 * Aliases: the librdkafka names that carry a Java key's meaning.  The
 * legacy topic-level auto.commit.enable is not one of enable.auto.commit
 * (rules/consumer.yaml KA3003).
 */
static const struct {
	enum ka_dialect	 dialect;
	const char	*canon;
	const char	*names[3];
} synonyms[] = {
	{ LRK, "acks", { "acks", "request.required.acks" } },
	{ LRK, "retries", { "retries", "message.send.max.retries" } },
	{ LRK, "linger.ms", { "linger.ms", "queue.buffering.max.ms" } },
	{ LRK, "delivery.timeout.ms", { "delivery.timeout.ms",
	    "message.timeout.ms" } },
	{ LRK, "max.in.flight.requests.per.connection", {
	    "max.in.flight.requests.per.connection", "max.in.flight" } },
	{ LRK, "bootstrap.servers", { "bootstrap.servers",
	    "metadata.broker.list" } },
	{ LRK, "enable.auto.commit", { "enable.auto.commit" } },
	{ LRK, "auto.commit.enable", { "auto.commit.enable" } },
	{ LRK, "enable.idempotence", { "enable.idempotence" } },
	{ LRK, "isolation.level", { "isolation.level" } },
	{ LRK, "max.block.ms", { NULL } },
	{ PRO, "acks", { "acks" } },
	{ PRO, "request.required.acks", { NULL } },
	{ SPR, "acks", { "request.required.acks" } },
	{ SCO, "enable.auto.commit", { "auto.commit.enable" } },
};

START_TEST(test_synonyms)
{
	const struct ka_keydef	*out[8];
	size_t			 n, want, i, j;

	for (want = 0; want < 3 && synonyms[_i].names[want] != NULL; want++)
		continue;
	n = ka_catalog_synonyms(synonyms[_i].dialect, synonyms[_i].canon,
	    out, NELEM(out));
	ck_assert_uint_eq(n, want);
	for (i = 0; i < want; i++) {
		for (j = 0; j < n; j++)
			if (strcmp(out[j]->name, synonyms[_i].names[i]) == 0)
				break;
		ck_assert_msg(j < n, "%s is not a synonym of %s",
		    synonyms[_i].names[i], synonyms[_i].canon);
		ck_assert_int_eq(out[j]->dialect, synonyms[_i].dialect);
	}
	/* The count is the whole count, however little room there is. */
	ck_assert_uint_eq(ka_catalog_synonyms(synonyms[_i].dialect,
	    synonyms[_i].canon, out, 0), want);
}
END_TEST

/* "Did you mean": typos, case and separators; nothing for strangers. */
static const struct {
	enum ka_dialect	 dialect;
	const char	*unknown;
	const char	*hint;		/* NULL: no suggestion */
} suggests[] = {
	{ BRK, "min.insync.replica", "min.insync.replicas" },
	{ BRK, "unclean.leader.election.enabled",
	    "unclean.leader.election.enable" },
	{ BRK, "defualt.replication.factor", "default.replication.factor" },
	{ BRK, "auto.create.topic.enable", "auto.create.topics.enable" },
	{ BRK, "log.retention.hour", "log.retention.hours" },
	{ TOP, "min.insync.replica", "min.insync.replicas" },
	{ TOP, "retention.msec", "retention.ms" },
	{ TOP, "segment.bytes.total.max", NULL },
	{ PRO, "ack", "acks" },
	{ PRO, "Acks", "acks" },
	{ PRO, "enable.idempotency", "enable.idempotence" },
	{ PRO, "lingers.ms", "linger.ms" },
	{ CON, "enable_auto_commit", "enable.auto.commit" },
	{ CON, "auto-offset-reset", "auto.offset.reset" },
	{ CON, "isolation.levle", "isolation.level" },
	{ LRK, "enable.auto.ofset.store", "enable.auto.offset.store" },
	{ LRK, "queue.buffering.max.msg", "queue.buffering.max.ms" },
	{ LRK, "socket.timeout.seconds", NULL },
	{ PRO, "my.custom", NULL },
	{ PRO, "x", NULL },
	{ PRO, "acks", NULL },
	{ BRK, "completely.unrelated.setting", NULL },
};

START_TEST(test_suggest)
{
	const char	*hint;

	hint = ka_catalog_suggest(suggests[_i].dialect, suggests[_i].unknown);
	ck_assert_pstr_eq(hint, suggests[_i].hint);
}
END_TEST

/* Values read as Kafka and librdkafka read them. */
static const struct {
	enum ka_dialect	 dialect;
	const char	*key;
	const char	*raw;
	const char	*out;		/* NULL: rejected */
} values[] = {
	/* Java BOOLEAN: trimmed, either case, nothing else. */
	{ PRO, "enable.idempotence", "true", "true" },
	{ PRO, "enable.idempotence", " TRUE \t", "true" },
	{ PRO, "enable.idempotence", "False", "false" },
	{ PRO, "enable.idempotence", "yes", NULL },
	{ PRO, "enable.idempotence", "1", NULL },
	{ PRO, "enable.idempotence", "true # on", NULL },
	{ PRO, "enable.idempotence", "", NULL },
	/* INT, SHORT, LONG: parseInt, no units, and the validator's range. */
	{ BRK, "min.insync.replicas", "2", "2" },
	{ BRK, "min.insync.replicas", " +02 ", "2" },
	{ BRK, "min.insync.replicas", "0", NULL },
	{ BRK, "min.insync.replicas", "2 # two", NULL },
	{ BRK, "min.insync.replicas", "0x2", NULL },
	{ BRK, "min.insync.replicas", "2.0", NULL },
	{ BRK, "min.insync.replicas", "2147483648", NULL },
	{ BRK, "default.replication.factor", "-1", "-1" },
	{ BRK, "offsets.topic.replication.factor", "32767", "32767" },
	{ BRK, "offsets.topic.replication.factor", "32768", NULL },
	{ PRO, "retries", "2147483647", "2147483647" },
	{ PRO, "retries", "-1", NULL },
	{ PRO, "linger.ms", "9223372036854775807", "9223372036854775807" },
	{ PRO, "linger.ms", "9223372036854775808", NULL },
	{ PRO, "linger.ms", "5ms", NULL },
	{ TOP, "retention.ms", "-1", "-1" },
	{ TOP, "retention.ms", "-2", NULL },
	{ BRK, "log.retention.bytes", "-9223372036854775808",
	    "-9223372036854775808" },
	/* DOUBLE: parseDouble and the range. */
	{ BRK, "log.cleaner.min.cleanable.ratio", "0.5", "0.5" },
	{ BRK, "log.cleaner.min.cleanable.ratio", "5e-1", "0.5" },
	{ BRK, "log.cleaner.min.cleanable.ratio", "0.5d", "0.5" },
	{ BRK, "log.cleaner.min.cleanable.ratio", "1.5", NULL },
	{ BRK, "log.cleaner.min.cleanable.ratio", "half", NULL },
	{ BRK, "log.cleaner.min.cleanable.ratio", "0.5.1", NULL },
	/* Enumerations: case-sensitive unless CaseInsensitiveValidString. */
	{ PRO, "acks", "all", "all" },
	{ PRO, "acks", "-1", "all" },
	{ PRO, "acks", " 1 ", "1" },
	{ PRO, "acks", "0", "0" },
	{ PRO, "acks", "ALL", NULL },
	{ PRO, "acks", "2", NULL },
	{ PRO, "acks", "all # safe", NULL },
	{ CON, "isolation.level", "read_committed", "read_committed" },
	{ CON, "isolation.level", "READ_COMMITTED", NULL },
	{ CON, "auto.offset.reset", "earliest", "earliest" },
	{ CON, "auto.offset.reset", "Earliest", NULL },
	{ CON, "auto.offset.reset", "smallest", NULL },
	{ CON, "auto.offset.reset", "by_duration:PT1H", "by_duration:PT1H" },
	{ CON, "auto.offset.reset", "by_duration:P1DT2H3M4.5S",
	    "by_duration:P1DT2H3M4.5S" },
	{ CON, "auto.offset.reset", "by_duration:-PT1H", NULL },
	{ CON, "auto.offset.reset", "by_duration:PT", NULL },
	{ CON, "auto.offset.reset", "by_duration", NULL },
	{ CON, "group.protocol", "CONSUMER", "consumer" },
	{ CON, "group.protocol", "Classic", "classic" },
	{ CON, "group.protocol", "new", NULL },
	{ PRO, "security.protocol", "sasl_ssl", "SASL_SSL" },
	/* STRING, PASSWORD and CLASS: trimmed. */
	{ PRO, "client.id", "  app-1  ", "app-1" },
	{ PRO, "ssl.key.password", " secret ", "secret" },
	{ PRO, "partitioner.class", " org.example.MyPartitioner ",
	    "org.example.MyPartitioner" },
	{ PRO, "partitioner.class", "org.example.My Partitioner", NULL },
	/* LIST: trimmed elements; ValidList values. */
	{ TOP, "cleanup.policy", "compact , delete", "compact,delete" },
	{ TOP, "cleanup.policy", "compact", "compact" },
	{ TOP, "cleanup.policy", "Compact", NULL },
	{ TOP, "cleanup.policy", "compact,", NULL },
	{ PRO, "bootstrap.servers", " a:9092 ,\tb:9092 ", "a:9092,b:9092" },
	{ PRO, "bootstrap.servers", "", "" },
	/* The old Scala clients do not trim. */
	{ SPR, "request.required.acks", "-1", "all" },
	{ SPR, "request.required.acks", "1", "1" },
	{ SPR, "request.required.acks", " 1", NULL },
	{ SCO, "auto.commit.enable", "false", "false" },
	{ SCO, "auto.offset.reset", "smallest", "earliest" },
	{ SCO, "auto.offset.reset", "earliest", NULL },
	/* librdkafka booleans: true/t/1, false/f/0, no trimming. */
	{ LRK, "enable.auto.commit", "true", "true" },
	{ LRK, "enable.auto.commit", "T", "true" },
	{ LRK, "enable.auto.commit", "1", "true" },
	{ LRK, "enable.auto.commit", "FALSE", "false" },
	{ LRK, "enable.auto.commit", "f", "false" },
	{ LRK, "enable.auto.commit", "0", "false" },
	{ LRK, "enable.auto.commit", "yes", NULL },
	{ LRK, "enable.auto.commit", "true ", NULL },
	/* Integers: strtol base 0, trailing text ignored, named values. */
	{ LRK, "request.required.acks", "all", "all" },
	{ LRK, "request.required.acks", "ALL", "all" },
	{ LRK, "request.required.acks", "-1", "all" },
	{ LRK, "request.required.acks", "1", "1" },
	{ LRK, "acks", "all", "all" },
	{ LRK, "acks", "0", "0" },
	{ LRK, "acks", "-2", NULL },
	{ LRK, "acks", "every", NULL },
	{ LRK, "message.send.max.retries", "0x10", "16" },
	{ LRK, "message.send.max.retries", "010", "8" },
	{ LRK, "message.send.max.retries", "5 # five", "5" },
	{ LRK, "message.send.max.retries", " 7", "7" },
	{ LRK, "message.send.max.retries", "-1", NULL },
	{ LRK, "message.send.max.retries", "", NULL },
	{ LRK, "message.timeout.ms", "300000", "300000" },
	/* Floats: strtod. */
	{ LRK, "queue.buffering.max.ms", "0.5", "0.5" },
	{ LRK, "queue.buffering.max.ms", "5", "5" },
	{ LRK, "linger.ms", "1e3", "1000" },
	{ LRK, "linger.ms", "900001", NULL },
	{ LRK, "linger.ms", "soon", NULL },
	/* Enumerations: either case; Java's names for offsets. */
	{ LRK, "auto.offset.reset", "smallest", "earliest" },
	{ LRK, "auto.offset.reset", "beginning", "earliest" },
	{ LRK, "auto.offset.reset", "Largest", "latest" },
	{ LRK, "auto.offset.reset", "end", "latest" },
	{ LRK, "auto.offset.reset", "error", "none" },
	{ LRK, "auto.offset.reset", " earliest", "earliest" },
	{ LRK, "auto.offset.reset", "earliest ", NULL },
	{ LRK, "auto.offset.reset", "first", NULL },
	{ LRK, "isolation.level", "READ_UNCOMMITTED", "read_uncommitted" },
	{ LRK, "compression.codec", "LZ4", "lz4" },
	/* Flags: comma-separated words. */
	{ LRK, "debug", "broker, topic,msg", "broker,topic,msg" },
	{ LRK, "debug", "Broker", "broker" },
	{ LRK, "debug", "broker ,topic", NULL },
	{ LRK, "debug", "nonsense", NULL },
	/* Strings lose leading white space only. */
	{ LRK, "client.id", "  app ", "app " },
	{ LRK, "dr_msg_cb", "0x1234", NULL },
};

START_TEST(test_normalize)
{
	const struct ka_keydef	*k;
	static char		 unset[] = "unset";
	const char		*why = unset;
	char			*out = unset;
	int			 rc;

	k = ka_catalog_find(values[_i].dialect, values[_i].key);
	ck_assert_msg(k != NULL, "%s not found", values[_i].key);
	rc = ka_catalog_normalize(k, values[_i].raw, &out, &why);
	if (values[_i].out == NULL) {
		ck_assert_msg(rc == -1, "'%s' accepted as '%s'",
		    values[_i].raw, rc == 0 ? out : "");
		ck_assert_ptr_null(out);
		ck_assert_ptr_nonnull(why);
		return;
	}
	ck_assert_msg(rc == 0, "'%s' rejected: %s", values[_i].raw, why);
	ck_assert_msg(strcmp(out, values[_i].out) == 0, "%s '%s' reads as "
	    "'%s'", values[_i].key, values[_i].raw, out);
	free(out);
}
END_TEST

/*
 * Defaults by release, from the ConfigDefs (kafka-config-facts.md §1 and
 * its release matrix §1g), and librdkafka's, whatever the release.
 */
static const struct {
	enum ka_dialect	 dialect;
	const char	*key;
	unsigned long	 version;
	const char	*dflt;		/* NULL: no default */
	unsigned long	 since;
} defaults[] = {
	{ PRO, "acks", V(0, 11, 0), "1", 0 },
	{ PRO, "acks", V(2, 8, 0), "1", 0 },
	{ PRO, "acks", V(3, 0, 0), "all", V(3, 0, 0) },
	{ PRO, "acks", V(4, 1, 0), "all", V(3, 0, 0) },
	{ PRO, "retries", V(2, 0, 0), "0", 0 },
	{ PRO, "retries", V(2, 1, 0), "2147483647", V(2, 1, 0) },
	{ PRO, "enable.idempotence", V(2, 8, 0), "false", 0 },
	{ PRO, "enable.idempotence", V(3, 0, 1), "true", V(3, 0, 0) },
	{ PRO, "linger.ms", V(3, 9, 0), "0", 0 },
	{ PRO, "linger.ms", V(4, 0, 0), "5", V(4, 0, 0) },
	{ PRO, "delivery.timeout.ms", V(2, 1, 0), "120000", 0 },
	{ PRO, "max.in.flight.requests.per.connection", V(4, 1, 0), "5", 0 },
	{ PRO, "request.timeout.ms", V(3, 7, 0), "30000", 0 },
	{ PRO, "transactional.id", V(4, 1, 0), NULL, 0 },
	{ CON, "session.timeout.ms", V(0, 10, 0), "30000", 0 },
	{ CON, "session.timeout.ms", V(0, 10, 1), "10000", V(0, 10, 1) },
	{ CON, "session.timeout.ms", V(2, 8, 0), "10000", V(0, 10, 1) },
	{ CON, "session.timeout.ms", V(3, 0, 0), "45000", V(3, 0, 0) },
	{ CON, "request.timeout.ms", V(0, 10, 0), "40000", 0 },
	{ CON, "request.timeout.ms", V(1, 1, 0), "305000", V(0, 10, 1) },
	{ CON, "request.timeout.ms", V(2, 0, 0), "30000", V(2, 0, 0) },
	{ CON, "enable.auto.commit", V(4, 1, 0), "true", 0 },
	{ CON, "auto.offset.reset", V(4, 1, 0), "latest", 0 },
	{ CON, "isolation.level", V(0, 11, 0), "read_uncommitted", 0 },
	{ CON, "group.protocol", V(4, 1, 0), "classic", 0 },
	{ CON, "group.id", V(2, 1, 0), "", 0 },
	{ CON, "group.id", V(2, 2, 0), NULL, V(2, 2, 0) },
	{ BRK, "unclean.leader.election.enable", V(0, 10, 2), "true", 0 },
	{ BRK, "unclean.leader.election.enable", V(0, 11, 0), "false",
	    V(0, 11, 0) },
	{ TOP, "unclean.leader.election.enable", V(0, 9, 0), "true", 0 },
	{ BRK, "replica.lag.time.max.ms", V(2, 4, 0), "10000", 0 },
	{ BRK, "replica.lag.time.max.ms", V(2, 5, 0), "30000", V(2, 5, 0) },
	{ BRK, "message.max.bytes", V(1, 0, 0), "1000012", 0 },
	{ BRK, "message.max.bytes", V(4, 1, 0), "1048588", V(2, 5, 0) },
	{ TOP, "max.message.bytes", V(2, 5, 0), "1048588", V(2, 5, 0) },
	{ BRK, "offsets.retention.minutes", V(1, 1, 0), "1440", 0 },
	{ BRK, "offsets.retention.minutes", V(2, 0, 0), "10080", V(2, 0, 0) },
	{ BRK, "delete.topic.enable", V(0, 11, 0), "false", 0 },
	{ BRK, "delete.topic.enable", V(1, 0, 0), "true", V(1, 0, 0) },
	{ BRK, "log.message.timestamp.after.max.ms", V(3, 9, 0),
	    "9223372036854775807", 0 },
	{ BRK, "log.message.timestamp.after.max.ms", V(4, 0, 0), "3600000",
	    V(4, 0, 0) },
	{ BRK, "default.replication.factor", V(4, 1, 0), "1", 0 },
	{ BRK, "min.insync.replicas", V(4, 1, 0), "1", 0 },
	{ BRK, "offsets.topic.replication.factor", V(4, 1, 0), "3", 0 },
	{ BRK, "transaction.state.log.replication.factor", V(4, 1, 0), "3",
	    0 },
	{ BRK, "transaction.state.log.min.isr", V(4, 1, 0), "2", 0 },
	{ BRK, "auto.create.topics.enable", V(4, 1, 0), "true", 0 },
	{ BRK, "log.retention.hours", V(4, 1, 0), "168", 0 },
	{ BRK, "log.retention.ms", V(4, 1, 0), NULL, 0 },
	{ LRK, "acks", V(0, 9, 0), "all", 0 },
	{ LRK, "request.required.acks", V(4, 1, 0), "all", 0 },
	{ LRK, "enable.idempotence", V(4, 1, 0), "false", 0 },
	{ LRK, "message.send.max.retries", V(4, 1, 0), "2147483647", 0 },
	{ LRK, "linger.ms", V(4, 1, 0), "5", 0 },
	{ LRK, "message.timeout.ms", V(4, 1, 0), "300000", 0 },
	{ LRK, "max.in.flight", V(4, 1, 0), "1000000", 0 },
	{ LRK, "enable.auto.commit", V(4, 1, 0), "true", 0 },
	{ LRK, "enable.auto.offset.store", V(4, 1, 0), "true", 0 },
	{ LRK, "auto.offset.reset", V(4, 1, 0), "latest", 0 },
	{ LRK, "isolation.level", V(4, 1, 0), "read_committed", 0 },
	{ LRK, "session.timeout.ms", V(4, 1, 0), "45000", 0 },
	{ SPR, "request.required.acks", V(0, 10, 0), "0", 0 },
	{ SCO, "auto.offset.reset", V(0, 10, 0), "latest", 0 },
};

START_TEST(test_default)
{
	const struct ka_keydef	*k;
	const char		*d;
	unsigned long		 since = 12345;

	k = ka_catalog_find(defaults[_i].dialect, defaults[_i].key);
	ck_assert_msg(k != NULL, "%s not found", defaults[_i].key);
	d = ka_catalog_default(k, defaults[_i].version, &since);
	ck_assert_pstr_eq(d, defaults[_i].dflt);
	ck_assert_uint_eq(since, defaults[_i].since);
	ck_assert_pstr_eq(ka_catalog_default(k, defaults[_i].version, NULL),
	    defaults[_i].dflt);
}
END_TEST

/* The first release with a key and the first without it. */
static const struct {
	enum ka_dialect	 dialect;
	const char	*key;
	unsigned long	 since;
	unsigned long	 until;
} lifetimes[] = {
	{ PRO, "delivery.timeout.ms", V(2, 1, 0), 0 },
	{ PRO, "enable.idempotence", V(0, 11, 0), 0 },
	{ PRO, "transactional.id", V(0, 11, 0), 0 },
	{ PRO, "acks", 0, 0 },
	{ PRO, "block.on.buffer.full", 0, V(0, 11, 0) },
	{ CON, "isolation.level", V(0, 11, 0), 0 },
	{ CON, "max.poll.interval.ms", V(0, 10, 1), 0 },
	{ CON, "allow.auto.create.topics", V(2, 3, 0), 0 },
	{ CON, "group.protocol", V(3, 7, 0), 0 },
	{ BRK, "zookeeper.connect", 0, V(4, 0, 0) },
	{ BRK, "log.message.format.version", V(0, 10, 0), V(4, 0, 0) },
	{ BRK, "log.message.timestamp.difference.max.ms", V(0, 10, 0),
	    V(4, 0, 0) },
	{ BRK, "log.message.timestamp.after.max.ms", V(3, 6, 0), 0 },
	{ BRK, "transaction.state.log.min.isr", V(0, 11, 0), 0 },
	{ BRK, "process.roles", V(2, 8, 0), 0 },
	{ BRK, "broker.rack", V(0, 10, 0), 0 },
	{ BRK, "offsets.commit.required.acks", 0, V(4, 0, 0) },
	{ TOP, "message.format.version", V(0, 10, 0), V(4, 0, 0) },
	{ TOP, "message.timestamp.after.max.ms", V(3, 6, 0), 0 },
	{ SPR, "request.required.acks", 0, V(2, 0, 0) },
	{ SCO, "auto.commit.enable", 0, V(2, 0, 0) },
	{ LRK, "request.required.acks", 0, 0 },
};

START_TEST(test_lifetime)
{
	const struct ka_keydef	*k;

	k = ka_catalog_find(lifetimes[_i].dialect, lifetimes[_i].key);
	ck_assert_msg(k != NULL, "%s not found", lifetimes[_i].key);
	ck_assert_msg(k->since == lifetimes[_i].since, "%s since %#lx",
	    k->name, k->since);
	ck_assert_msg(k->until == lifetimes[_i].until, "%s until %#lx",
	    k->name, k->until);
}
END_TEST

static const struct {
	const char	*name;
	int		 sensitive;
} secrets[] = {
	{ "sasl.jaas.config", 1 },
	{ "ssl.keystore.password", 1 },
	{ "ssl.key.password", 1 },
	{ "ssl.keystore.key", 1 },
	{ "ssl.truststore.certificates", 1 },
	{ "sasl.oauthbearer.client.credentials.client.secret", 1 },
	{ "sasl.oauthbearer.client.secret", 1 },
	{ "sasl.password", 1 },
	{ "sasl.username", 1 },
	{ "ssl.key.pem", 1 },
	{ "delegation.token.secret.key", 1 },
	{ "basic.auth.user.info", 1 },
	{ "schema.registry.basic.auth.user.info", 1 },
	{ "listener.name.internal.ssl.keystore.password", 1 },
	{ "listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config", 1 },
	{ "producer.override.sasl.jaas.config", 1 },
	{ "my.plugin.password", 1 },
	{ "my.plugin.secret", 1 },
	{ "acks", 0 },
	{ "bootstrap.servers", 0 },
	{ "sasl.mechanism", 0 },
	{ "ssl.truststore.location", 0 },
	{ "password.encoder.iterations", 0 },
	{ "", 0 },
};

START_TEST(test_sensitive)
{
	ck_assert_msg(ka_catalog_is_sensitive(secrets[_i].name) ==
	    secrets[_i].sensitive, "%s", secrets[_i].name);
}
END_TEST

/* The dialect of a file, and the names used on the command line. */
START_TEST(test_names)
{
	enum ka_role	 r;
	enum ka_client	 c;
	int		 i;

	ck_assert_int_eq(ka_catalog_dialect(KA_ROLE_BROKER, KA_CLIENT_JAVA),
	    KA_DIALECT_BROKER);
	ck_assert_int_eq(ka_catalog_dialect(KA_ROLE_TOPIC,
	    KA_CLIENT_LIBRDKAFKA), KA_DIALECT_TOPIC);
	ck_assert_int_eq(ka_catalog_dialect(KA_ROLE_PRODUCER,
	    KA_CLIENT_JAVA), KA_DIALECT_PRODUCER);
	ck_assert_int_eq(ka_catalog_dialect(KA_ROLE_CONSUMER,
	    KA_CLIENT_JAVA), KA_DIALECT_CONSUMER);
	ck_assert_int_eq(ka_catalog_dialect(KA_ROLE_PRODUCER,
	    KA_CLIENT_LIBRDKAFKA), KA_DIALECT_LIBRDKAFKA);
	ck_assert_int_eq(ka_catalog_dialect(KA_ROLE_CONSUMER,
	    KA_CLIENT_LIBRDKAFKA), KA_DIALECT_LIBRDKAFKA);
	for (i = 0; i < KA_ROLE__MAX; i++) {
		ck_assert_int_eq(ka_catalog_role_parse(
		    ka_catalog_role_name((enum ka_role)i), &r), 0);
		ck_assert_int_eq(r, i);
	}
	for (i = 0; i < KA_CLIENT__MAX; i++) {
		ck_assert_int_eq(ka_catalog_client_parse(
		    ka_catalog_client_name((enum ka_client)i), &c), 0);
		ck_assert_int_eq(c, i);
	}
	ck_assert_str_eq(ka_catalog_role_name(KA_ROLE_BROKER), "broker");
	ck_assert_str_eq(ka_catalog_client_name(KA_CLIENT_LIBRDKAFKA),
	    "librdkafka");
	ck_assert_int_eq(ka_catalog_role_parse("Broker", &r), -1);
	ck_assert_int_eq(ka_catalog_client_parse("rdkafka", &c), -1);
	for (i = 0; i < KA_DIALECT__MAX; i++)
		ck_assert_ptr_nonnull(ka_catalog_dialect_name(
		    (enum ka_dialect)i));
	for (i = 0; i < KA_TYPE__MAX; i++)
		ck_assert_ptr_nonnull(ka_catalog_type_name((enum ka_type)i));
	ck_assert_str_eq(ka_catalog_dialect_name(KA_DIALECT_LIBRDKAFKA),
	    "librdkafka");
	ck_assert_str_eq(ka_catalog_type_name(KA_TYPE_BOOLEAN), "boolean");
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("catalog");
	TCase	*tc = tcase_create("catalog");

	tcase_add_test(tc, test_table);
	tcase_add_loop_test(tc, test_find, 0, NELEM(finds));
	tcase_add_loop_test(tc, test_synonyms, 0, NELEM(synonyms));
	tcase_add_loop_test(tc, test_suggest, 0, NELEM(suggests));
	tcase_add_loop_test(tc, test_normalize, 0, NELEM(values));
	tcase_add_loop_test(tc, test_default, 0, NELEM(defaults));
	tcase_add_loop_test(tc, test_lifetime, 0, NELEM(lifetimes));
	tcase_add_loop_test(tc, test_sensitive, 0, NELEM(secrets));
	tcase_add_test(tc, test_names);
	suite_add_tcase(s, tc);
	return s;
}

KA_CHECK_MAIN(suite)
