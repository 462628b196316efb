/*
 * The configuration model: one audited subject with its role, client and
 * the Kafka version whose defaults apply, and the effective value of any
 * key with where that value came from.  A subject is a file, or a broker,
 * topic or partition of a live cluster (or the cluster itself), whose
 * values are the configs and facts the cluster reported.  Built by run.c
 * after parsing and role inference, then read-only: eval gets it const.
 */
#ifndef KA_SETTINGS_H
#define KA_SETTINGS_H

#include <stddef.h>

#include "catalog.h"
#include "cluster.h"
#include "props.h"

struct ka_directive;
struct ka_source;

/* Where an effective value comes from. */
enum ka_origin {
	KA_ORIGIN_NONE,		/* unset and no default: Kafka uses null */
	KA_ORIGIN_FILE,		/* set in the file, at value.loc */
	KA_ORIGIN_DEFAULT,	/* the default of version/client */
	KA_ORIGIN_LIVE,		/* a config the cluster reported, see source */
	KA_ORIGIN_METADATA,	/* a fact of the cluster's metadata */
	KA_ORIGIN_UNKNOWN	/* the cluster did not say: its configs could
				   not be read */
};

/* What a settings object describes. */
enum ka_kind {
	KA_KIND_FILE,
	KA_KIND_BROKER,		/* a live broker */
	KA_KIND_TOPIC,		/* a live topic */
	KA_KIND_PARTITION,	/* a partition of a live topic */
	KA_KIND_CLUSTER		/* the live cluster as a whole */
};

/* How the role of a file was decided. */
enum ka_basis {
	KA_BASIS_NAME,		/* its file name */
	KA_BASIS_KEYS,		/* the keys it sets */
	KA_BASIS_FLAG,		/* --type or --client */
	KA_BASIS_DIRECTIVE,	/* a "# kafka-audit:" comment */
	KA_BASIS_DEFAULT	/* nothing said otherwise */
};

/*
 * A file has src and props.  A live subject has no src and empty props;
 * it borrows the cluster and, by kind, the broker, the topic, or the topic
 * and the partition, all of which outlive it.
 */
struct ka_settings {
	enum ka_kind		 kind;
	const struct ka_source	*src;		/* borrowed; outlives this */
	struct ka_props		 props;		/* owned */
	const struct ka_cluster	*cluster;
	const struct ka_broker	*broker;
	const struct ka_topic	*topic;
	const struct ka_partition *part;
	enum ka_role		 role;
	enum ka_basis		 role_basis;
	enum ka_client		 client;	/* producers, consumers */
	enum ka_basis		 client_basis;
	unsigned long		 version;	/* Kafka release for defaults */
	enum ka_dialect		 dialect;
	const struct ka_keydef	**defs;		/* owned: the definition of
						   each entry of props in
						   dialect, or NULL; NULL
						   until ka_settings_index() */
	struct ka_directive	*directives;	/* owned: its "# kafka-audit:"
						   comments, in file order */
	size_t			 ndirectives;
};

/*
 * The effective value of a key.  All pointers borrow from the settings, the
 * catalogue or text (which the caller owns via ka_value_clear).
 */
struct ka_value {
	const char		*key;	 /* the key asked for (Java name) */
	const char		*set_as; /* the name the file used (an alias
					    such as request.required.acks), or
					    NULL when not set */
	const struct ka_prop	*prop;	 /* the winning entry, or NULL */
	const struct ka_keydef	*def;	 /* catalogue entry, or NULL */
	enum ka_origin		 origin;
	char			*text;	 /* owned: canonical value, or NULL
					    (null, or invalid: see valid) */
	const char		*raw;	 /* the value as written, or NULL */
	int			 valid;	 /* 0: Kafka rejects raw */
	const char		*why;	 /* static: why it is invalid */
	unsigned long		 since;	 /* DEFAULT: release it holds from */
	enum ka_cfg_source	 source; /* LIVE: where the cluster has it */
	int			 sensitive;
};

/*
 * Resolve key in s.  In a file, an entry set under the key or any alias
 * wins (the last one in file order, as Java and librdkafka apply them);
 * else the default of s->version for s->client.  For a live subject, a
 * fact of its kind, else the config the cluster reported (a partition has
 * its topic's configs), else nothing: the cluster reports every config it
 * knows, defaults included.  Never fails: an unknown key resolves to
 * KA_ORIGIN_NONE.
 */
void	ka_settings_resolve(const struct ka_settings *, const char *key,
	    struct ka_value *);
void	ka_value_clear(struct ka_value *);

/*
 * Look every entry of a file up in the catalogue of its dialect once,
 * when its role and client are settled, for the checks that read every
 * entry.  ka_settings_def() is the definition of entry i, or NULL for an
 * unknown key; it looks it up if the file has not been indexed.
 */
void			 ka_settings_index(struct ka_settings *);
const struct ka_keydef	*ka_settings_def(const struct ka_settings *,
			    size_t i);

/* Free what a file owns: its entries, directives and index; not src. */
void			 ka_settings_clear(struct ka_settings *);

/*
 * Human provenance: "file.properties:3:6", "not set; default of the java
 * producer since Kafka 3.0", "topic override", "broker 2's
 * server.properties".
 */
char	*ka_settings_provenance(const struct ka_settings *,
	    const struct ka_value *);		/* owned by the caller */

const char	*ka_settings_basis_name(enum ka_basis);
const char	*ka_settings_origin_name(enum ka_origin);	/* "file" */

/*
 * The subject as people name it: "broker 2", "topic orders", "topic
 * orders partition 3", "cluster"; a file's path.  Owned by the caller.
 */
char		*ka_settings_subject(const struct ka_settings *);

#endif
