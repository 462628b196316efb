/*
 * The cluster model: allocation, sorting and lookups.  Nothing here knows
 * where the data came from; live.c and snapshot.c fill it, eval reads it.
 */
#include "config.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "cluster.h"
#include "xmalloc.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const char *const source_names[KA_CFG__MAX] = {
	[KA_CFG_UNKNOWN] = "unknown",
	[KA_CFG_TOPIC] = "topic",
	[KA_CFG_DYNAMIC_BROKER] = "dynamic-broker",
	[KA_CFG_DYNAMIC_DEFAULT] = "dynamic-default",
	[KA_CFG_STATIC_BROKER] = "static-broker",
	[KA_CFG_DEFAULT] = "default",
	[KA_CFG_OTHER] = "other",
};

static const char *const state_names[] = {
	[KA_FETCH_NONE] = "none",
	[KA_FETCH_OK] = "ok",
	[KA_FETCH_FAILED] = "failed",
};

/*
 * The topics Kafka itself marks internal (Topic.INTERNAL_TOPICS in
 * Kafka 4.1): group offsets, transaction state, share-group state.
 */
static const char *const internal_topics[] = {
	"__consumer_offsets",
	"__share_group_state",
	"__transaction_state",
};

void
ka_cluster_init(struct ka_cluster *c)
{
	memset(c, 0, sizeof(*c));
	c->controller = -1;
}

static void
configs_clear(struct ka_configs *cs)
{
	size_t	 i;

	for (i = 0; i < cs->len; i++) {
		free(cs->v[i].name);
		free(cs->v[i].value);
	}
	free(cs->v);
	free(cs->error);
	memset(cs, 0, sizeof(*cs));
}

static void
topic_clear(struct ka_topic *t)
{
	size_t	 i;

	for (i = 0; i < t->nparts; i++) {
		free(t->parts[i].replicas);
		free(t->parts[i].isr);
		free(t->parts[i].error);
	}
	free(t->parts);
	free(t->name);
	free(t->error);
	configs_clear(&t->configs);
	memset(t, 0, sizeof(*t));
}

void
ka_cluster_clear(struct ka_cluster *c)
{
	size_t	 i;

	for (i = 0; i < c->nbrokers; i++) {
		free(c->brokers[i].host);
		free(c->brokers[i].rack);
		configs_clear(&c->brokers[i].configs);
	}
	free(c->brokers);
	for (i = 0; i < c->ntopics; i++)
		topic_clear(&c->topics[i]);
	free(c->topics);
	free(c->origin);
	free(c->bootstrap);
	free(c->cluster_id);
	free(c->fetched_at);
	ka_cluster_init(c);
}

/* Make room for one more element of size sz in *v; returns it, zeroed. */
static void *
grow(void *v, size_t *len, size_t *cap, size_t sz, void **out)
{
	if (*len == *cap) {
		*cap = *cap == 0 ? 8 : *cap * 2;
		v = xreallocarray(v, *cap, sz);
	}
	*out = (char *)v + *len * sz;
	memset(*out, 0, sz);
	(*len)++;
	return v;
}

struct ka_broker *
ka_cluster_add_broker(struct ka_cluster *c)
{
	void	*b;

	c->brokers = grow(c->brokers, &c->nbrokers, &c->brokerscap,
	    sizeof(*c->brokers), &b);
	return b;
}

struct ka_topic *
ka_cluster_add_topic(struct ka_cluster *c)
{
	void	*t;

	c->topics = grow(c->topics, &c->ntopics, &c->topicscap,
	    sizeof(*c->topics), &t);
	return t;
}

struct ka_partition *
ka_topic_add_partition(struct ka_topic *t)
{
	struct ka_partition	*p;
	void			*v;

	t->parts = grow(t->parts, &t->nparts, &t->partscap,
	    sizeof(*t->parts), &v);
	p = v;
	p->leader = -1;
	return p;
}

struct ka_config *
ka_configs_add(struct ka_configs *cs)
{
	void	*c;

	cs->v = grow(cs->v, &cs->len, &cs->cap, sizeof(*cs->v), &c);
	return c;
}

void
ka_configs_fail(struct ka_configs *cs, const char *error)
{
	configs_clear(cs);
	cs->state = KA_FETCH_FAILED;
	cs->error = error != NULL ? xstrdup(error) : NULL;
}

static int
broker_cmp(const void *a, const void *b)
{
	const struct ka_broker	*x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

static int
topic_cmp(const void *a, const void *b)
{
	const struct ka_topic	*x = a, *y = b;

	return strcmp(x->name, y->name);
}

static int
part_cmp(const void *a, const void *b)
{
	const struct ka_partition	*x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

static int
config_cmp(const void *a, const void *b)
{
	const struct ka_config	*x = a, *y = b;

	return strcmp(x->name, y->name);
}

static void
configs_sort(struct ka_configs *cs)
{
	if (cs->len > 1)
		qsort(cs->v, cs->len, sizeof(*cs->v), config_cmp);
}

void
ka_cluster_sort(struct ka_cluster *c)
{
	struct ka_topic	*t;
	size_t		 i;

	if (c->nbrokers > 1)
		qsort(c->brokers, c->nbrokers, sizeof(*c->brokers),
		    broker_cmp);
	for (i = 0; i < c->nbrokers; i++)
		configs_sort(&c->brokers[i].configs);
	if (c->ntopics > 1)
		qsort(c->topics, c->ntopics, sizeof(*c->topics), topic_cmp);
	for (i = 0; i < c->ntopics; i++) {
		t = &c->topics[i];
		if (t->nparts > 1)
			qsort(t->parts, t->nparts, sizeof(*t->parts),
			    part_cmp);
		configs_sort(&t->configs);
	}
}

const struct ka_broker *
ka_cluster_broker(const struct ka_cluster *c, int32_t id)
{
	struct ka_broker	 key;

	if (c->nbrokers == 0)
		return NULL;
	key.id = id;
	return bsearch(&key, c->brokers, c->nbrokers, sizeof(*c->brokers),
	    broker_cmp);
}

const struct ka_topic *
ka_cluster_topic(const struct ka_cluster *c, const char *name)
{
	struct ka_topic	 key;

	if (c->ntopics == 0)
		return NULL;
	key.name = (char *)(uintptr_t)name;
	return bsearch(&key, c->topics, c->ntopics, sizeof(*c->topics),
	    topic_cmp);
}

const struct ka_config *
ka_configs_get(const struct ka_configs *cs, const char *name)
{
	struct ka_config	 key;

	if (cs->len == 0)
		return NULL;
	key.name = (char *)(uintptr_t)name;
	return bsearch(&key, cs->v, cs->len, sizeof(*cs->v), config_cmp);
}

int
ka_topic_filter_match(const struct ka_topic_filter *f, const char *topic)
{
	size_t	 i;
	int	 in;

	in = f->ninclude == 0;
	for (i = 0; !in && i < f->ninclude; i++)
		if (fnmatch(f->include[i], topic, 0) == 0)
			in = 1;
	for (i = 0; in && i < f->nexclude; i++)
		if (fnmatch(f->exclude[i], topic, 0) == 0)
			in = 0;
	return in;
}

void
ka_cluster_filter(struct ka_cluster *c, const struct ka_topic_filter *f,
    int *matched)
{
	size_t	 i, j, n = 0;

	for (i = 0; i < c->ntopics; i++) {
		if (!ka_topic_filter_match(f, c->topics[i].name)) {
			topic_clear(&c->topics[i]);
			continue;
		}
		for (j = 0; matched != NULL && j < f->ninclude; j++)
			if (fnmatch(f->include[j], c->topics[i].name, 0) == 0)
				matched[j] = 1;
		if (n != i)
			c->topics[n] = c->topics[i];
		n++;
	}
	c->ntopics = n;
}

int
ka_cluster_internal_topic(const char *name)
{
	size_t	 i;

	for (i = 0; i < NELEM(internal_topics); i++)
		if (strcmp(internal_topics[i], name) == 0)
			return 1;
	return 0;
}

const char *
ka_cfg_source_name(enum ka_cfg_source s)
{
	if ((unsigned int)s >= KA_CFG__MAX)
		return NULL;
	return source_names[s];
}

int
ka_cfg_source_parse(const char *name, enum ka_cfg_source *s)
{
	int	 i;

	for (i = 0; i < KA_CFG__MAX; i++)
		if (strcmp(source_names[i], name) == 0) {
			*s = (enum ka_cfg_source)i;
			return 0;
		}
	return -1;
}

const char *
ka_fetch_state_name(enum ka_fetch_state s)
{
	if ((size_t)s >= NELEM(state_names))
		return NULL;
	return state_names[s];
}

int
ka_fetch_state_parse(const char *name, enum ka_fetch_state *s)
{
	size_t	 i;

	for (i = 0; i < NELEM(state_names); i++)
		if (strcmp(state_names[i], name) == 0) {
			*s = (enum ka_fetch_state)i;
			return 0;
		}
	return -1;
}
