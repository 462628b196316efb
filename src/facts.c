/*
 * The facts of a live cluster, one table and one function per fact.
 * The definitions follow Kafka's own tools where they have one:
 * kafka-topics --describe reports the replication factor as the number
 * of a partition's replicas, and calls a partition under-replicated when
 * its ISR is smaller than that.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cluster.h"
#include "facts.h"
#include "settings.h"
#include "version.h"
#include "xmalloc.h"

static char *
num(long long n)
{
	return xasprintf("%lld", n);
}

static char *
boolean(int b)
{
	return xstrdup(b ? "true" : "false");
}

static char *
f_topic(const struct ka_settings *s)
{
	return xstrdup(s->topic->name);
}

static char *
f_internal(const struct ka_settings *s)
{
	return boolean(s->topic->internal);
}

static char *
f_partitions(const struct ka_settings *s)
{
	return num((long long)s->topic->nparts);
}

/*
 * A topic's replication factor is that of its partitions; should they
 * differ (after a partial reassignment), the smallest is the one that
 * loses data first.
 */
static char *
f_replication_factor(const struct ka_settings *s)
{
	size_t	 i, rf;

	if (s->part != NULL)
		return num((long long)s->part->nreplicas);
	if (s->topic->nparts == 0)
		return NULL;
	rf = s->topic->parts[0].nreplicas;
	for (i = 1; i < s->topic->nparts; i++)
		if (s->topic->parts[i].nreplicas < rf)
			rf = s->topic->parts[i].nreplicas;
	return num((long long)rf);
}

static char *
f_partition(const struct ka_settings *s)
{
	return num(s->part->id);
}

static char *
f_isr(const struct ka_settings *s)
{
	return num((long long)s->part->nisr);
}

static char *
f_leader(const struct ka_settings *s)
{
	return num(s->part->leader);
}

/* As kafka-topics --unavailable-partitions: a leader that is alive. */
static char *
f_leader_available(const struct ka_settings *s)
{
	return boolean(s->part->leader >= 0 &&
	    ka_cluster_broker(s->cluster, s->part->leader) != NULL);
}

/*
 * The racks of a partition's replicas: how many distinct racks hold
 * them, and how many replicas the rack holding the most of them has.
 * Unknown (-1) when a replica's broker is not in the metadata or has no
 * rack, since nothing can then be said about racks.
 */
static int
rack_counts(const struct ka_settings *s, size_t *distinct, size_t *most)
{
	const struct ka_partition	*p = s->part;
	const struct ka_broker		*b;
	const char			*racks[64];
	size_t				 i, j, n, same;

	n = p->nreplicas < 64 ? p->nreplicas : 64;
	for (i = 0; i < n; i++) {
		b = ka_cluster_broker(s->cluster, p->replicas[i]);
		if (b == NULL || b->rack == NULL)
			return -1;
		racks[i] = b->rack;
	}
	*distinct = *most = 0;
	for (i = 0; i < n; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(racks[j], racks[i]) == 0)
				break;
		if (j < i)
			continue;	/* counted at its first replica */
		(*distinct)++;
		for (same = 0, j = i; j < n; j++)
			same += strcmp(racks[j], racks[i]) == 0;
		if (same > *most)
			*most = same;
	}
	return 0;
}

static char *
f_racks(const struct ka_settings *s)
{
	size_t	 distinct, most;

	if (rack_counts(s, &distinct, &most) == -1)
		return NULL;
	return num((long long)distinct);
}

static char *
f_replicas_after_rack_loss(const struct ka_settings *s)
{
	size_t	 distinct, most;

	if (rack_counts(s, &distinct, &most) == -1)
		return NULL;
	return num((long long)(s->part->nreplicas - most));
}

/*
 * The minimum ISR the leader applies: the topic's min.insync.replicas,
 * which since Kafka 3.7 (KAFKA-15583) it caps at the number of replicas.
 * Unknown when the topic's configs could not be read.
 */
static char *
f_effective_min_isr(const struct ka_settings *s)
{
	const struct ka_config	*c;
	long long		 min;
	char			*end;

	if (s->topic->configs.state != KA_FETCH_OK ||
	    (c = ka_configs_get(&s->topic->configs,
	    "min.insync.replicas")) == NULL || c->value == NULL)
		return NULL;
	min = strtoll(c->value, &end, 10);
	if (end == c->value || *end != '\0')
		return NULL;
	if (s->version >= KA_VERSION(3, 7, 0, 0) &&
	    min > (long long)s->part->nreplicas)
		min = (long long)s->part->nreplicas;
	return num(min);
}

static char *
f_brokers(const struct ka_settings *s)
{
	return num((long long)s->cluster->nbrokers);
}

static char *
f_broker_id(const struct ka_settings *s)
{
	return num(s->broker->id);
}

static char *
f_broker_rack(const struct ka_settings *s)
{
	return s->broker->rack != NULL ? xstrdup(s->broker->rack) : NULL;
}

#define T	KA_FACT_TOPIC
#define P	KA_FACT_PARTITION

/* Sorted by name; fns[] below gives each fact's value, in this order. */
static const struct ka_fact facts[] = {
	{ "broker.id", KA_FACT_BROKER, KA_TYPE_INT, "the broker's id" },
	{ "broker.rack", KA_FACT_BROKER, KA_TYPE_STRING,
	    "the broker's rack, or null" },
	{ "brokers", KA_FACT_CLUSTER, KA_TYPE_INT,
	    "the brokers in the metadata" },
	{ "effective.min.insync.replicas", P, KA_TYPE_INT,
	    "min.insync.replicas as the leader applies it: since Kafka 3.7 "
	    "at most the replicas" },
	{ "internal", T | P, KA_TYPE_BOOLEAN,
	    "whether Kafka made the topic for itself" },
	{ "isr", P, KA_TYPE_INT, "the replicas in the in-sync replica set" },
	{ "leader", P, KA_TYPE_INT, "the leader's broker id, -1 for none" },
	{ "leader.available", P, KA_TYPE_BOOLEAN,
	    "whether the partition has a leader that is a live broker" },
	{ "partition", P, KA_TYPE_INT, "the partition's number" },
	{ "partitions", T, KA_TYPE_INT, "the topic's partitions" },
	{ "racks", P, KA_TYPE_INT, "the racks that hold a replica" },
	{ "replicas.after.rack.loss", P, KA_TYPE_INT,
	    "the replicas left when the rack with the most of them is lost" },
	{ "replication.factor", T | P, KA_TYPE_INT,
	    "the replicas of the partition (of a topic: of its smallest)" },
	{ "topic", T | P, KA_TYPE_STRING, "the topic's name" },
};

static char	*(*const fns[])(const struct ka_settings *) = {
	f_broker_id, f_broker_rack, f_brokers, f_effective_min_isr,
	f_internal, f_isr, f_leader,
	f_leader_available, f_partition, f_partitions, f_racks,
	f_replicas_after_rack_loss, f_replication_factor, f_topic,
};

#undef T
#undef P

#define NFACTS	(sizeof(facts) / sizeof(facts[0]))
_Static_assert(sizeof(fns) / sizeof(fns[0]) == NFACTS,
    "one function per fact");

const struct ka_fact *
ka_facts_find(const char *name, unsigned int kinds)
{
	size_t	 i;

	for (i = 0; i < NFACTS; i++)
		if ((facts[i].kinds & kinds) != 0 &&
		    strcmp(facts[i].name, name) == 0)
			return &facts[i];
	return NULL;
}

const struct ka_fact *
ka_facts_all(size_t *count)
{
	*count = NFACTS;
	return facts;
}

char *
ka_facts_value(const struct ka_settings *s, const struct ka_fact *f)
{
	if (f < facts || f >= facts + NFACTS ||
	    (f->kinds & ka_facts_kind(s)) == 0)
		return NULL;
	return fns[f - facts](s);
}

unsigned int
ka_facts_kind(const struct ka_settings *s)
{
	static const unsigned int bits[] = {
		[KA_KIND_FILE] = 0,
		[KA_KIND_BROKER] = KA_FACT_BROKER,
		[KA_KIND_TOPIC] = KA_FACT_TOPIC,
		[KA_KIND_PARTITION] = KA_FACT_PARTITION,
		[KA_KIND_CLUSTER] = KA_FACT_CLUSTER,
	};

	return bits[s->kind];
}
