/*
 * The cluster model: what the live rules need to know about a running
 * Kafka cluster, whether it was fetched just now (live.c) or read from a
 * snapshot (snapshot.c).  Brokers with their configs, topics with their
 * configs and partitions with their replicas and ISR.  It holds plain C
 * data only, so eval never sees librdkafka or jansson.  Filled once, then
 * read-only; the cluster owns every string and array in it.
 *
 * Additions to the first design, and why: the arrays carry their capacity
 * (brokerscap, topicscap, partscap) so that appending is amortised O(1)
 * for clusters of many thousand partitions; ka_topic_add_partition()
 * appends partitions the way the other _add functions do; struct
 * ka_topic_filter holds the --topic/--exclude-topic patterns, which live
 * fetches and snapshot loads both apply; ka_cluster_internal_topic() is
 * the one list of Kafka's internal topic names (Metadata v4 does not say
 * which are internal); ka_configs_fail() records why configs are missing.
 */
#ifndef KA_CLUSTER_H
#define KA_CLUSTER_H

#include <stddef.h>
#include <stdint.h>

/*
 * Where a config value comes from, as DescribeConfigs reports it: the
 * topic's own override, the broker's dynamic config, the cluster-wide
 * dynamic default, the broker's server.properties, or Kafka's default.
 */
enum ka_cfg_source {
	KA_CFG_UNKNOWN,
	KA_CFG_TOPIC,			/* kafka-configs --entity-type topics */
	KA_CFG_DYNAMIC_BROKER,		/* --entity-name <id> */
	KA_CFG_DYNAMIC_DEFAULT,		/* --entity-default */
	KA_CFG_STATIC_BROKER,		/* server.properties */
	KA_CFG_DEFAULT,			/* Kafka's own default */
	KA_CFG_OTHER,			/* a source kafka-audit does not know */
	KA_CFG__MAX
};

struct ka_config {
	char			*name;		/* owned */
	char			*value;		/* owned; NULL for null, and
						   always for a sensitive one */
	enum ka_cfg_source	 source;
	int			 sensitive;
	int			 read_only;
};

/*
 * The configs of one resource.  state says whether they could be read;
 * when not, error says why (owned, e.g. "TOPIC_AUTHORIZATION_FAILED:
 * ...") and v is empty.
 */
enum ka_fetch_state {
	KA_FETCH_NONE,		/* not asked for (filtered out, or no time) */
	KA_FETCH_OK,
	KA_FETCH_FAILED
};

struct ka_configs {
	struct ka_config	*v;		/* owned, sorted by name */
	size_t			 len, cap;
	enum ka_fetch_state	 state;
	char			*error;		/* owned, or NULL */
};

struct ka_broker {
	int32_t			 id;
	char			*host;		/* owned */
	int			 port;
	char			*rack;		/* owned; NULL when none */
	struct ka_configs	 configs;
	unsigned int		 line;		/* of its object in the
						   snapshot; 0 when live */
};

struct ka_partition {
	int32_t			 id;
	int32_t			 leader;	/* -1 when there is none */
	int32_t			*replicas;	/* owned, in assignment order */
	size_t			 nreplicas;
	int32_t			*isr;		/* owned */
	size_t			 nisr;
	char			*error;		/* owned: the partition's
						   metadata error, or NULL */
	unsigned int		 line;		/* as for brokers */
};

struct ka_topic {
	char			*name;		/* owned */
	int			 internal;	/* __consumer_offsets and
						   the like */
	char			*error;		/* owned: the topic's metadata
						   error, or NULL */
	struct ka_partition	*parts;		/* owned, sorted by id */
	size_t			 nparts, partscap;
	struct ka_configs	 configs;
	unsigned int		 line;		/* as for brokers */
};

struct ka_cluster {
	char			*origin;	/* owned: "live" for a fetch,
						   else the snapshot's path */
	char			*bootstrap;	/* owned: the servers asked,
						   as given; never a secret */
	char			*cluster_id;	/* owned, or NULL */
	int32_t			 controller;	/* -1 when unknown */
	char			*fetched_at;	/* owned: RFC 3339 UTC time */
	struct ka_broker	*brokers;	/* owned, sorted by id */
	size_t			 nbrokers, brokerscap;
	struct ka_topic		*topics;	/* owned, sorted by name */
	size_t			 ntopics, topicscap;
	int			 complete;	/* 1 if nothing was missing */
};

void			 ka_cluster_init(struct ka_cluster *);
void			 ka_cluster_clear(struct ka_cluster *);

/* Append zeroed elements; borrowed until the next append to the array. */
struct ka_broker	*ka_cluster_add_broker(struct ka_cluster *);
struct ka_topic		*ka_cluster_add_topic(struct ka_cluster *);
struct ka_partition	*ka_topic_add_partition(struct ka_topic *);
struct ka_config	*ka_configs_add(struct ka_configs *);

/* Mark configs as not read, dropping any entries; error is copied. */
void			 ka_configs_fail(struct ka_configs *,
			    const char *error);

/* Sort brokers, topics, partitions and configs; call once when filled. */
void			 ka_cluster_sort(struct ka_cluster *);

/* Lookups on a sorted cluster; borrowed, or NULL. */
const struct ka_broker	*ka_cluster_broker(const struct ka_cluster *,
			    int32_t id);
const struct ka_topic	*ka_cluster_topic(const struct ka_cluster *,
			    const char *name);
const struct ka_config	*ka_configs_get(const struct ka_configs *,
			    const char *name);

/*
 * Which topics an audit covers: a topic is selected when it matches one
 * of the include patterns (or there are none) and none of the exclude
 * patterns; fnmatch(3) globs, no flags.  The patterns are borrowed.
 */
struct ka_topic_filter {
	const char *const	*include;	/* borrowed */
	size_t			 ninclude;
	const char *const	*exclude;	/* borrowed */
	size_t			 nexclude;
};

int			 ka_topic_filter_match(const struct ka_topic_filter *,
			    const char *topic);

/*
 * Drop the topics the filter does not select.  Sets matched[i] (an array
 * of filter->ninclude ints, or NULL) to 1 for each include pattern that
 * selected a topic.
 */
void			 ka_cluster_filter(struct ka_cluster *,
			    const struct ka_topic_filter *, int *matched);

/* 1 if Kafka creates and uses a topic of this name for itself. */
int			 ka_cluster_internal_topic(const char *name);

/* "topic", "dynamic-broker", ...: stable names, used in snapshots. */
const char		*ka_cfg_source_name(enum ka_cfg_source);
int			 ka_cfg_source_parse(const char *,
			    enum ka_cfg_source *);	/* 0, or -1 */

/* "none", "ok", "failed": the same, for enum ka_fetch_state. */
const char		*ka_fetch_state_name(enum ka_fetch_state);
int			 ka_fetch_state_parse(const char *,
			    enum ka_fetch_state *);	/* 0, or -1 */

#endif
