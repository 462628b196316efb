/*
 * The live fetch: reads what the live rules need from a running cluster
 * through librdkafka, the only module that includes rdkafka.h.  Nothing
 * of librdkafka leaves it: the result is a struct ka_cluster, and every
 * problem a diagnostic.
 */
#ifndef KA_LIVE_H
#define KA_LIVE_H

#include "cluster.h"

struct ka_clientconf;
struct ka_diags;

struct ka_live_opts {
	const struct ka_clientconf	*conf;		/* borrowed */
	struct ka_topic_filter		 filter;	/* borrowed patterns */
	unsigned int			 timeout_ms;	/* the whole fetch */
	/*
	 * The configs to ask for, by name, of topics and of brokers;
	 * every config when NULL.  Asking only for what the rules read
	 * spares the brokers most of the work of a large cluster.
	 */
	char *const			*topic_keys;	/* borrowed */
	size_t				 ntopic_keys;
	char *const			*broker_keys;	/* borrowed */
	size_t				 nbroker_keys;
	const char			*library;	/* librdkafka's shared
							   object, or NULL for
							   the one configure
							   chose */
	int				 verbose;	/* 1: a summary;
							   2: the log too */
};

/*
 * Fill c (initialised, empty) from the cluster: Metadata for all topics,
 * then DescribeConfigs for the selected topics (batched) and for every
 * broker (one per request), all within o->timeout_ms.  Everything that
 * could be fetched is kept; what could not is marked KA_FETCH_FAILED in
 * the model, c->complete is 0, and one diagnostic per kind of failure
 * says what was not checked.  librdkafka's log goes to the diagnostics,
 * never to stderr, and no secret of o->conf appears in any of them.
 *
 * Returns 0 when the metadata was read (the cluster may be incomplete);
 * -1 when nothing could be: librdkafka refused the configuration (an
 * input error) or the cluster could not be reached, authenticated or
 * read in time (a cluster error).
 */
int	ka_live_fetch(struct ka_cluster *c, const struct ka_live_opts *o,
	    struct ka_diags *);

#endif
