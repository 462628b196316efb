/*
 * The catalogue of known Kafka configuration keys: every key of the broker,
 * topic, Java producer and Java consumer of Kafka 0.9 to 4.4, of
 * librdkafka, and the legacy keys of the old Scala clients, with type,
 * sensitivity, valid values and defaults per Kafka version.  It is
 * read-only data plus pure lookups: nothing here allocates except
 * ka_catalog_normalize().
 *
 * catalog_data.c holds the key table and catalog_history.c the defaults
 * that changed between release lines.  tools/catalog/gen.sh generates both
 * from the ConfigDefs of every Kafka release line from 0.9 to 4.4 (the
 * latest patch release of each, read by reflection), from librdkafka's
 * CONFIGURATION.md, and from a hand-written table of the Scala clients'
 * keys.  Kafka 0.8 has no broker ConfigDef: versions before 0.9 get the
 * keys and defaults of 0.9.
 */
#ifndef KA_CATALOG_H
#define KA_CATALOG_H

#include <stddef.h>

enum ka_role {
	KA_ROLE_BROKER,		/* server.properties, KRaft broker or
				   controller */
	KA_ROLE_TOPIC,		/* topic-level configs (kafka-configs
				   --entity-type topics) */
	KA_ROLE_PRODUCER,
	KA_ROLE_CONSUMER,
	KA_ROLE__MAX
};

enum ka_client {
	KA_CLIENT_JAVA,		/* Apache Kafka's Java clients */
	KA_CLIENT_LIBRDKAFKA,	/* librdkafka and the clients built on it */
	KA_CLIENT__MAX
};

/* A dialect is one family of key names with one meaning. */
enum ka_dialect {
	KA_DIALECT_BROKER,		/* KafkaConfig */
	KA_DIALECT_TOPIC,		/* LogConfig (topic-level names) */
	KA_DIALECT_PRODUCER,		/* Java ProducerConfig */
	KA_DIALECT_CONSUMER,		/* Java ConsumerConfig */
	KA_DIALECT_SCALA_PRODUCER,	/* old Scala producer, gone in 2.0 */
	KA_DIALECT_SCALA_CONSUMER,	/* old Scala consumer, gone in 2.0 */
	KA_DIALECT_LIBRDKAFKA,		/* librdkafka global and topic
					   properties */
	KA_DIALECT__MAX
};

enum ka_type {
	KA_TYPE_BOOLEAN,
	KA_TYPE_SHORT,
	KA_TYPE_INT,
	KA_TYPE_LONG,
	KA_TYPE_DOUBLE,
	KA_TYPE_STRING,
	KA_TYPE_ENUM,		/* a string from def->values */
	KA_TYPE_LIST,
	KA_TYPE_CLASS,
	KA_TYPE_PASSWORD,
	KA_TYPE__MAX
};

/* struct ka_keydef flags */
#define KA_KEY_SENSITIVE	0x01	/* never print the value */
#define KA_KEY_PRODUCER		0x02	/* librdkafka: applies to producers */
#define KA_KEY_CONSUMER		0x04	/* librdkafka: applies to consumers */
#define KA_KEY_TOPIC_LEVEL	0x08	/* librdkafka: a topic-level property */
#define KA_KEY_ENUM_NOCASE	0x10	/* enum values match ignoring case */
#define KA_KEY_INTERNAL		0x20	/* Java: an internal, undocumented key
					   (honoured, never suggested) */
#define KA_KEY_RANGE		0x40	/* min and max bound a number */
#define KA_KEY_API_ONLY		0x80	/* librdkafka: set only through its
					   own API call, never as a string */

struct ka_keydef {
	const char	*name;
	enum ka_dialect	 dialect;
	enum ka_type	 type;
	unsigned int	 flags;
	const char	*dflt;		/* default in the newest release, in
					   canonical form; NULL = no default */
	const char	*values;	/* the valid values, or NULL for any:
					   KA_TYPE_ENUM: "a,b,c", where an
					   entry "p:PnDTnHnMn.nS" stands for
					   p: and an ISO-8601 duration;
					   KA_TYPE_LIST: the valid elements;
					   librdkafka KA_TYPE_INT: named
					   values, "all=-1" */
	const char	*canon;		/* librdkafka and Scala rows: the
					   Java name with the same meaning,
					   else NULL */
	unsigned long	 since;		/* first Kafka release with the key
					   (KA_VERSION), 0 if always there */
	unsigned long	 until;		/* first release without it, 0 if
					   none */
	double		 min, max;	/* KA_KEY_RANGE: the valid range
					   (-HUGE_VAL/HUGE_VAL for none) */
};

/* The dialect that applies to a file of this role for this client. */
enum ka_dialect		 ka_catalog_dialect(enum ka_role, enum ka_client);

/* Names for output and for parsing flags; static strings. */
const char		*ka_catalog_role_name(enum ka_role);	/* "broker" */
const char		*ka_catalog_client_name(enum ka_client); /* "java" */
const char		*ka_catalog_dialect_name(enum ka_dialect);
const char		*ka_catalog_type_name(enum ka_type);
int			 ka_catalog_role_parse(const char *, enum ka_role *);
int			 ka_catalog_client_parse(const char *,
			    enum ka_client *);

/* The definition of name in a dialect, or NULL; borrowed, static. */
const struct ka_keydef	*ka_catalog_find(enum ka_dialect, const char *name);

/*
 * The definitions in dialect d that carry the meaning of the Java key
 * canon: the key of that name and every alias whose canon is that name
 * (librdkafka "acks" and "request.required.acks" for "acks").  Writes at
 * most max pointers to out and returns how many there are in all.
 */
size_t			 ka_catalog_synonyms(enum ka_dialect d,
			    const char *canon, const struct ka_keydef **out,
			    size_t max);

/*
 * The known key of dialect d closest to an unknown name, for "did you
 * mean"; NULL when nothing is close enough to be a likely typo.
 */
const char		*ka_catalog_suggest(enum ka_dialect d,
			    const char *unknown);

/*
 * Topic configs and the broker configs that give their defaults, which
 * for historical reasons have other names (retention.ms and
 * log.retention.ms, max.message.bytes and message.max.bytes), as Kafka's
 * ServerTopicConfigSynonyms pairs them.  The topic name of a broker key,
 * or the broker name (the first, when several) of a topic key; NULL when
 * there is none.  Static strings.
 */
const char		*ka_catalog_topic_name(const char *broker_key);
const char		*ka_catalog_broker_name(const char *topic_key);

/*
 * Interpret raw the way the dialect's Kafka or librdkafka code does (Java
 * trims and parses strictly, enums are case-sensitive; librdkafka takes
 * true/t/1, named integers and strtol with base 0).  On success return 0
 * and set *out to a new canonical string that rules compare against:
 * booleans "true"/"false", integers in decimal, doubles in the shortest
 * %g form that reads back exactly, lists with their elements trimmed and
 * joined by ",", enums their canonical name (acks -1 -> "all"; librdkafka
 * auto.offset.reset smallest -> "earliest", error -> "none").  Every
 * default in the catalogue is in this form already.  On failure return
 * -1 with *why set to a static explanation and *out to NULL.
 */
int			 ka_catalog_normalize(const struct ka_keydef *,
			    const char *raw, char **out, const char **why);

/*
 * The default that applies to def in Kafka release version (librdkafka
 * rows ignore the version), in canonical form; NULL when the key has no
 * default.  *since (if not NULL) is set to the release from which that
 * default holds, 0 when it always has.  Static string.
 */
const char		*ka_catalog_default(const struct ka_keydef *,
			    unsigned long version, unsigned long *since);

/*
 * 1 if the value of a key of this name must never be shown: a PASSWORD or
 * librdkafka-sensitive key of any dialect, such a key behind a prefix
 * (listener.name.x.ssl.keystore.password, producer.sasl.jaas.config), or
 * a name that looks like a secret (*.password, *.secret, ssl.key*, ...).
 */
int			 ka_catalog_is_sensitive(const char *name);

/*
 * The whole table, for tests and tools; sorted by dialect, then name (as
 * strcmp orders it), without duplicates.
 */
const struct ka_keydef	*ka_catalog_keys(size_t *count);

#endif
