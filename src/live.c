/*
 * The live fetch, on librdkafka 2.0.2's API: the only file that includes
 * rdkafka.h.
 *
 * One producer handle (it sends no message) and one private queue.  The
 * steps share one deadline, --timeout from the start:
 *
 *  1. wait until a bootstrap broker has answered (its cluster id is in
 *     the metadata cache), serving the error callback in between, so that
 *     a refused connection or a failed authentication ends the wait at
 *     once rather than at the deadline;
 *  2. Metadata for all topics: brokers, topics, partitions, leader,
 *     replicas and ISR (the broker list holds the live brokers only);
 *  3. DescribeConfigs: the selected topics in batches of at most
 *     TOPICS_PER_REQUEST, and every broker, all in flight at once on the
 *     queue, each with a request timeout of what remains of the budget,
 *     so that a broker that dies mid-audit costs at most the budget,
 *     never a hang.  librdkafka sends a request to the controller unless
 *     it holds a BROKER resource (one at most), which sends it to that
 *     broker; a broker answers one connection's requests one at a time.
 *     So each batch of topics rides with a BROKER resource, the batches
 *     dealt out to the brokers in turn, and the brokers work on them
 *     side by side rather than the controller alone; a broker asked
 *     again only to carry a batch has that answer dropped.
 *
 * Failures are kept per resource in the model (KA_FETCH_FAILED and the
 * error) and summed up at the end into one diagnostic per kind: denied,
 * timed out, other.  librdkafka's log lines are captured by a callback
 * that runs on librdkafka's threads, hence the mutex; they reach the
 * user only as diagnostics, scrubbed of every secret.
 */
#include "config.h"

#include <fnmatch.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <dlfcn.h>

#include <librdkafka/rdkafka.h>

#include "clientconf.h"
#include "cluster.h"
#include "diag.h"
#include "live.h"
#include "xmalloc.h"

#define NELEM(a)		(sizeof(a) / sizeof((a)[0]))

/*
 * librdkafka is loaded when a cluster is audited, not when the program
 * starts: mapping it and the TLS and SASL libraries it pulls in cost a
 * third of the audit of one file, which reads no cluster.  Every
 * function of it used here goes through a pointer that load_rdkafka()
 * fills from the library; the names below stand for the pointers, so
 * the calls read as librdkafka's own.
 */
#define RDKAFKA_FUNCS(X) \
	X(rd_kafka_AdminOptions_destroy) \
	X(rd_kafka_AdminOptions_new) \
	X(rd_kafka_AdminOptions_set_opaque) \
	X(rd_kafka_AdminOptions_set_request_timeout) \
	X(rd_kafka_ConfigEntry_is_read_only) \
	X(rd_kafka_ConfigEntry_is_sensitive) \
	X(rd_kafka_ConfigEntry_is_synonym) \
	X(rd_kafka_ConfigEntry_name) \
	X(rd_kafka_ConfigEntry_source) \
	X(rd_kafka_ConfigEntry_value) \
	X(rd_kafka_ConfigResource_configs) \
	X(rd_kafka_ConfigResource_destroy_array) \
	X(rd_kafka_ConfigResource_error) \
	X(rd_kafka_ConfigResource_error_string) \
	X(rd_kafka_ConfigResource_name) \
	X(rd_kafka_ConfigResource_new) \
	X(rd_kafka_ConfigResource_set_config) \
	X(rd_kafka_ConfigResource_type) \
	X(rd_kafka_DescribeConfigs) \
	X(rd_kafka_DescribeConfigs_result_resources) \
	X(rd_kafka_clusterid) \
	X(rd_kafka_conf_destroy) \
	X(rd_kafka_conf_new) \
	X(rd_kafka_conf_set) \
	X(rd_kafka_conf_set_error_cb) \
	X(rd_kafka_conf_set_log_cb) \
	X(rd_kafka_conf_set_opaque) \
	X(rd_kafka_controllerid) \
	X(rd_kafka_destroy) \
	X(rd_kafka_err2name) \
	X(rd_kafka_err2str) \
	X(rd_kafka_event_DescribeConfigs_result) \
	X(rd_kafka_event_destroy) \
	X(rd_kafka_event_error) \
	X(rd_kafka_event_error_string) \
	X(rd_kafka_event_opaque) \
	X(rd_kafka_event_type) \
	X(rd_kafka_mem_free) \
	X(rd_kafka_metadata) \
	X(rd_kafka_metadata_destroy) \
	X(rd_kafka_new) \
	X(rd_kafka_opaque) \
	X(rd_kafka_poll) \
	X(rd_kafka_queue_destroy) \
	X(rd_kafka_queue_new) \
	X(rd_kafka_queue_poll)

#define RDKAFKA_POINTER(f)	static __typeof__(f) *p_##f;
RDKAFKA_FUNCS(RDKAFKA_POINTER)
#undef RDKAFKA_POINTER

#define rd_kafka_AdminOptions_destroy(...) \
	(*p_rd_kafka_AdminOptions_destroy)(__VA_ARGS__)
#define rd_kafka_AdminOptions_new(...) \
	(*p_rd_kafka_AdminOptions_new)(__VA_ARGS__)
#define rd_kafka_AdminOptions_set_opaque(...) \
	(*p_rd_kafka_AdminOptions_set_opaque)(__VA_ARGS__)
#define rd_kafka_AdminOptions_set_request_timeout(...) \
	(*p_rd_kafka_AdminOptions_set_request_timeout)(__VA_ARGS__)
#define rd_kafka_ConfigEntry_is_read_only(...) \
	(*p_rd_kafka_ConfigEntry_is_read_only)(__VA_ARGS__)
#define rd_kafka_ConfigEntry_is_sensitive(...) \
	(*p_rd_kafka_ConfigEntry_is_sensitive)(__VA_ARGS__)
#define rd_kafka_ConfigEntry_is_synonym(...) \
	(*p_rd_kafka_ConfigEntry_is_synonym)(__VA_ARGS__)
#define rd_kafka_ConfigEntry_name(...) \
	(*p_rd_kafka_ConfigEntry_name)(__VA_ARGS__)
#define rd_kafka_ConfigEntry_source(...) \
	(*p_rd_kafka_ConfigEntry_source)(__VA_ARGS__)
#define rd_kafka_ConfigEntry_value(...) \
	(*p_rd_kafka_ConfigEntry_value)(__VA_ARGS__)
#define rd_kafka_ConfigResource_configs(...) \
	(*p_rd_kafka_ConfigResource_configs)(__VA_ARGS__)
#define rd_kafka_ConfigResource_destroy_array(...) \
	(*p_rd_kafka_ConfigResource_destroy_array)(__VA_ARGS__)
#define rd_kafka_ConfigResource_error(...) \
	(*p_rd_kafka_ConfigResource_error)(__VA_ARGS__)
#define rd_kafka_ConfigResource_error_string(...) \
	(*p_rd_kafka_ConfigResource_error_string)(__VA_ARGS__)
#define rd_kafka_ConfigResource_name(...) \
	(*p_rd_kafka_ConfigResource_name)(__VA_ARGS__)
#define rd_kafka_ConfigResource_new(...) \
	(*p_rd_kafka_ConfigResource_new)(__VA_ARGS__)
#define rd_kafka_ConfigResource_set_config(...) \
	(*p_rd_kafka_ConfigResource_set_config)(__VA_ARGS__)
#define rd_kafka_ConfigResource_type(...) \
	(*p_rd_kafka_ConfigResource_type)(__VA_ARGS__)
#define rd_kafka_DescribeConfigs(...) \
	(*p_rd_kafka_DescribeConfigs)(__VA_ARGS__)
#define rd_kafka_DescribeConfigs_result_resources(...) \
	(*p_rd_kafka_DescribeConfigs_result_resources)(__VA_ARGS__)
#define rd_kafka_clusterid(...) \
	(*p_rd_kafka_clusterid)(__VA_ARGS__)
#define rd_kafka_conf_destroy(...) \
	(*p_rd_kafka_conf_destroy)(__VA_ARGS__)
#define rd_kafka_conf_new(...) \
	(*p_rd_kafka_conf_new)(__VA_ARGS__)
#define rd_kafka_conf_set(...) \
	(*p_rd_kafka_conf_set)(__VA_ARGS__)
#define rd_kafka_conf_set_error_cb(...) \
	(*p_rd_kafka_conf_set_error_cb)(__VA_ARGS__)
#define rd_kafka_conf_set_log_cb(...) \
	(*p_rd_kafka_conf_set_log_cb)(__VA_ARGS__)
#define rd_kafka_conf_set_opaque(...) \
	(*p_rd_kafka_conf_set_opaque)(__VA_ARGS__)
#define rd_kafka_controllerid(...) \
	(*p_rd_kafka_controllerid)(__VA_ARGS__)
#define rd_kafka_destroy(...) \
	(*p_rd_kafka_destroy)(__VA_ARGS__)
#define rd_kafka_err2name(...) \
	(*p_rd_kafka_err2name)(__VA_ARGS__)
#define rd_kafka_err2str(...) \
	(*p_rd_kafka_err2str)(__VA_ARGS__)
#define rd_kafka_event_DescribeConfigs_result(...) \
	(*p_rd_kafka_event_DescribeConfigs_result)(__VA_ARGS__)
#define rd_kafka_event_destroy(...) \
	(*p_rd_kafka_event_destroy)(__VA_ARGS__)
#define rd_kafka_event_error(...) \
	(*p_rd_kafka_event_error)(__VA_ARGS__)
#define rd_kafka_event_error_string(...) \
	(*p_rd_kafka_event_error_string)(__VA_ARGS__)
#define rd_kafka_event_opaque(...) \
	(*p_rd_kafka_event_opaque)(__VA_ARGS__)
#define rd_kafka_event_type(...) \
	(*p_rd_kafka_event_type)(__VA_ARGS__)
#define rd_kafka_mem_free(...) \
	(*p_rd_kafka_mem_free)(__VA_ARGS__)
#define rd_kafka_metadata(...) \
	(*p_rd_kafka_metadata)(__VA_ARGS__)
#define rd_kafka_metadata_destroy(...) \
	(*p_rd_kafka_metadata_destroy)(__VA_ARGS__)
#define rd_kafka_new(...) \
	(*p_rd_kafka_new)(__VA_ARGS__)
#define rd_kafka_opaque(...) \
	(*p_rd_kafka_opaque)(__VA_ARGS__)
#define rd_kafka_poll(...) \
	(*p_rd_kafka_poll)(__VA_ARGS__)
#define rd_kafka_queue_destroy(...) \
	(*p_rd_kafka_queue_destroy)(__VA_ARGS__)
#define rd_kafka_queue_new(...) \
	(*p_rd_kafka_queue_new)(__VA_ARGS__)
#define rd_kafka_queue_poll(...) \
	(*p_rd_kafka_queue_poll)(__VA_ARGS__)

/*
 * Load librdkafka from the shared object name, once; 0, or -1 with *why
 * set (static or dlerror()).
 */
static int
load_rdkafka(const char *name, const char **why)
{
	static int	 loaded;
	void		*lib, *sym;

	if (loaded)
		return 0;
	if ((lib = dlopen(name, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		*why = dlerror();
		return -1;
	}
#define RDKAFKA_LOAD(f)							\
	if ((sym = dlsym(lib, #f)) == NULL) {				\
		*why = "a function is missing: " #f;			\
		return -1;						\
	}								\
	memcpy(&p_##f, &sym, sizeof(sym));
	RDKAFKA_FUNCS(RDKAFKA_LOAD)
#undef RDKAFKA_LOAD
	loaded = 1;
	return 0;
}

#define TOPICS_PER_REQUEST	200	/* TOPIC resources in one request */
#define POLL_MS			100	/* longest wait between checks */
#define LOG_MAX			1000	/* log lines kept; later ones counted */
#define SAMPLES			3	/* names quoted in a diagnostic */
#define RETRY_MS		500	/* before asking again for a topic */

/* DescribeConfigs sources, librdkafka's enum to ours. */
static const struct {
	rd_kafka_ConfigSource_t	 rd;
	enum ka_cfg_source	 ka;
} sources[] = {
	{ RD_KAFKA_CONFIG_SOURCE_UNKNOWN_CONFIG, KA_CFG_UNKNOWN },
	{ RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG, KA_CFG_TOPIC },
	{ RD_KAFKA_CONFIG_SOURCE_DYNAMIC_BROKER_CONFIG,
	    KA_CFG_DYNAMIC_BROKER },
	{ RD_KAFKA_CONFIG_SOURCE_DYNAMIC_DEFAULT_BROKER_CONFIG,
	    KA_CFG_DYNAMIC_DEFAULT },
	{ RD_KAFKA_CONFIG_SOURCE_STATIC_BROKER_CONFIG, KA_CFG_STATIC_BROKER },
	{ RD_KAFKA_CONFIG_SOURCE_DEFAULT_CONFIG, KA_CFG_DEFAULT },
};

/* Properties set before the user's, which may override them. */
static const struct {
	const char	*name;
	const char	*value;
} defaults[] = {
	{ "client.id", "kafka-audit" },
};

/* What the error callback makes of an error while connecting. */
enum conn_error {
	CE_AUTH,		/* authentication failed */
	CE_TLS,			/* the TLS handshake failed */
	CE_DOWN,		/* every broker is down */
	CE_TRANSPORT		/* one connection failed; say why */
};

static const struct {
	rd_kafka_resp_err_t	 err;
	enum conn_error		 kind;
} conn_errors[] = {
	{ RD_KAFKA_RESP_ERR__AUTHENTICATION, CE_AUTH },
	{ RD_KAFKA_RESP_ERR__SSL, CE_TLS },
	{ RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN, CE_DOWN },
	{ RD_KAFKA_RESP_ERR__TRANSPORT, CE_TRANSPORT },
	{ RD_KAFKA_RESP_ERR__RESOLVE, CE_TRANSPORT },
};

/* Config errors that say more than their name, and what to do. */
static const struct {
	rd_kafka_resp_err_t	 err;
	enum ka_diag_code	 code;
	const char		*advice;
} config_errors[] = {
	{ RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED, KA_D_LIVE_DENIED,
	    "the principal needs DescribeConfigs on each topic" },
	{ RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED, KA_D_LIVE_DENIED,
	    "the principal needs DescribeConfigs on the cluster resource, "
	    "so broker settings and racks are not checked" },
	{ RD_KAFKA_RESP_ERR__TIMED_OUT, KA_D_LIVE_TIMEOUT,
	    "a broker is down or slow, or --timeout too short" },
	{ RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, KA_D_LIVE_CONFIGS,
	    "deleted during the audit, or not yet known to every broker" },
};

struct logline {
	int	 level;
	char	*fac;		/* owned */
	char	*text;		/* owned */
};

/*
 * One resource of a DescribeConfigs request and where its answer goes:
 * nowhere (configs NULL) for a broker that only routes the request.
 */
struct target {
	rd_kafka_ResourceType_t	 type;
	char			*name;		/* owned: topic, or broker id */
	struct ka_configs	*configs;	/* borrowed from the cluster, or
						   NULL */
	struct ka_broker	*broker;	/* borrowed; NULL for a topic */
	rd_kafka_resp_err_t	 err;
	int			 done;
};

struct request {
	size_t			 first, n;	/* targets[first..first+n) */
	int			 done;
};

struct live {
	const struct ka_live_opts	*o;
	struct ka_diags			*d;
	struct ka_cluster		*c;
	rd_kafka_t			*rk;
	const char			*bootstrap;
	int64_t				 start, deadline;	/* ms */

	/* Written by librdkafka's threads. */
	pthread_mutex_t			 lock;
	struct logline			*logs;		/* owned */
	size_t				 nlogs, dropped;

	/* Written by the error callback, on our thread. */
	char				*auth;		/* owned */
	int				 auth_tls;	/* auth is CE_TLS */
	char				*transport;	/* owned */
	int				 down;

	struct target			*targets;	/* owned */
	size_t				 ntargets;
	struct request			*reqs;		/* owned */
	size_t				 nreqs;
};

static int64_t
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* What remains of the budget, in ms; 0 when it is spent. */
static int
remaining(const struct live *l)
{
	int64_t	 r;

	r = l->deadline - now_ms();
	if (r < 0)
		return 0;
	return r > INT_MAX ? INT_MAX : (int)r;
}

static int
min_int(int a, int b)
{
	return a < b ? a : b;
}

static void
on_log(const rd_kafka_t *rk, int level, const char *fac, const char *buf)
{
	struct live	*l = rd_kafka_opaque(rk);
	struct logline	*ll;

	if (l == NULL)
		return;
	pthread_mutex_lock(&l->lock);
	if (l->nlogs == LOG_MAX)
		l->dropped++;
	else {
		if (l->logs == NULL)
			l->logs = xcalloc(LOG_MAX, sizeof(*l->logs));
		ll = &l->logs[l->nlogs++];
		ll->level = level;
		ll->fac = xstrdup(fac);
		ll->text = xstrdup(buf);
	}
	pthread_mutex_unlock(&l->lock);
}

static void
on_error(rd_kafka_t *rk, int err, const char *reason, void *opaque)
{
	struct live	*l = opaque;
	size_t		 i;

	(void)rk;
	for (i = 0; i < NELEM(conn_errors); i++)
		if ((int)conn_errors[i].err == err)
			break;
	if (i == NELEM(conn_errors))
		return;
	switch (conn_errors[i].kind) {
	case CE_AUTH:
	case CE_TLS:
		if (l->auth == NULL) {
			l->auth = xstrdup(reason);
			l->auth_tls = conn_errors[i].kind == CE_TLS;
		}
		break;
	case CE_DOWN:
		l->down = 1;
		break;
	case CE_TRANSPORT:
		free(l->transport);
		l->transport = xstrdup(reason);
		break;
	}
}

/* A diagnostic whose text passes through the secret scrubber. */
static void
say(struct live *l, enum ka_diag_code code, const struct ka_loc *loc,
    const char *fmt, ...) __attribute__((__format__(__printf__, 4, 5)));

static void
say(struct live *l, enum ka_diag_code code, const struct ka_loc *loc,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*raw, *clean;

	va_start(ap, fmt);
	raw = xvasprintf(fmt, ap);
	va_end(ap);
	clean = ka_clientconf_scrub(l->o->conf, raw);
	ka_diag(l->d, code, loc, "%s", clean);
	free(clean);
	free(raw);
}

/*
 * The configuration: kafka-audit's defaults, then the user's properties
 * in order.  Every refused property is reported, where it was given.
 */
static rd_kafka_conf_t *
configure(struct live *l)
{
	const struct ka_clientconf	*cc = l->o->conf;
	const struct ka_clientprop	*p;
	rd_kafka_conf_t			*conf;
	char				 errstr[512], *where;
	size_t				 i;
	int				 bad = 0;

	conf = rd_kafka_conf_new();
	for (i = 0; i < NELEM(defaults); i++)
		rd_kafka_conf_set(conf, defaults[i].name, defaults[i].value,
		    errstr, sizeof(errstr));
	for (i = 0; i < cc->len; i++) {
		p = &cc->v[i];
		if (rd_kafka_conf_set(conf, p->name, p->value, errstr,
		    sizeof(errstr)) == RD_KAFKA_CONF_OK)
			continue;
		bad = 1;
		if (p->loc.path != NULL)
			say(l, KA_D_CONNECT_REJECTED, &p->loc, "%s%s%s%s: %s",
			    p->given_as != NULL ? p->given_as : p->name,
			    p->given_as != NULL ? " (as " : "",
			    p->given_as != NULL ? p->name : "",
			    p->given_as != NULL ? ")" : "", errstr);
		else {
			where = ka_clientconf_where(p);
			say(l, KA_D_CONNECT_REJECTED, NULL, "%s: %s", where,
			    errstr);
			free(where);
		}
	}
	if (bad) {
		rd_kafka_conf_destroy(conf);
		return NULL;
	}
	rd_kafka_conf_set_opaque(conf, l);
	rd_kafka_conf_set_log_cb(conf, on_log);
	rd_kafka_conf_set_error_cb(conf, on_error);
	return conf;
}

/* "NAME: text", from an error code and librdkafka's or the broker's text. */
static char *
errtext(rd_kafka_resp_err_t err, const char *text)
{
	size_t	 len;

	if (text == NULL || *text == '\0')
		text = rd_kafka_err2str(err);
	/* Kafka's texts end in a full stop, which reads badly before ';'. */
	len = strlen(text);
	if (len > 0 && text[len - 1] == '.')
		len--;
	return xasprintf("%s: %.*s", rd_kafka_err2name(err), (int)len, text);
}

/* Step 1: wait for a first answer, or a reason why none will come. */
static int
connect_wait(struct live *l)
{
	char	*id;

	for (;;) {
		rd_kafka_poll(l->rk, 0);
		if (l->auth != NULL && l->auth_tls) {
			say(l, KA_D_LIVE_AUTH, NULL, "the TLS handshake with "
			    "%s failed, so nothing of the cluster is checked: "
			    "%s", l->bootstrap, l->auth);
			return -1;
		}
		if (l->auth != NULL) {
			say(l, KA_D_LIVE_AUTH, NULL, "cannot authenticate to "
			    "%s, so nothing of the cluster is checked: %s",
			    l->bootstrap, l->auth);
			return -1;
		}
		if (l->down) {
			say(l, KA_D_LIVE_CONNECT, NULL, "no broker of %s can "
			    "be reached, so nothing of the cluster is "
			    "checked: %s", l->bootstrap,
			    l->transport != NULL ? l->transport :
			    "all brokers are down");
			return -1;
		}
		if (remaining(l) == 0) {
			say(l, KA_D_LIVE_TIMEOUT, NULL, "no broker of %s "
			    "answered within the %u s timeout, so nothing of "
			    "the cluster is checked%s%s", l->bootstrap,
			    l->o->timeout_ms / 1000,
			    l->transport != NULL ? ": " : "",
			    l->transport != NULL ? l->transport : "");
			return -1;
		}
		id = rd_kafka_clusterid(l->rk, min_int(remaining(l), POLL_MS));
		if (id != NULL) {
			l->c->cluster_id = xstrdup(id);
			rd_kafka_mem_free(l->rk, id);
			return 0;
		}
	}
}

static int32_t *
ids(const int32_t *v, int n, size_t *len)
{
	int32_t	*out;

	*len = n > 0 ? (size_t)n : 0;
	if (*len == 0)
		return NULL;
	out = xreallocarray(NULL, *len, sizeof(*out));
	memcpy(out, v, *len * sizeof(*out));
	return out;
}

/* Names quoted in a summary: the first SAMPLES, then how many more. */
static void
sample(char **list, size_t *n, const char *name)
{
	char	*s;

	(*n)++;
	if (*n > SAMPLES)
		return;
	s = *list == NULL ? xstrdup(name) : xasprintf("%s, %s", *list, name);
	free(*list);
	*list = s;
}

static char *
samples(const char *list, size_t n)
{
	if (n > SAMPLES)
		return xasprintf("%s and %zu more", list, n - SAMPLES);
	return xstrdup(list);
}

/* Step 2: Metadata for all topics, copied into the cluster. */
static int
fetch_metadata(struct live *l)
{
	const struct rd_kafka_metadata		*md;
	const struct rd_kafka_metadata_topic	*mt;
	const struct rd_kafka_metadata_partition *mp;
	struct ka_cluster			*c = l->c;
	struct ka_broker			*b;
	struct ka_topic				*t;
	struct ka_partition			*p;
	rd_kafka_resp_err_t			 err, first = 0;
	char					*list = NULL, *more;
	int					*matched = NULL;
	size_t					 i, nbad = 0;
	int					 j, k;

	err = rd_kafka_metadata(l->rk, 1, NULL, &md, remaining(l));
	if (err == RD_KAFKA_RESP_ERR__TIMED_OUT) {
		say(l, KA_D_LIVE_TIMEOUT, NULL, "the metadata of %s did not "
		    "arrive within the %u s timeout, so nothing of the cluster "
		    "is checked", l->bootstrap, l->o->timeout_ms / 1000);
		return -1;
	}
	if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
		say(l, KA_D_LIVE_METADATA, NULL, "the metadata of %s cannot "
		    "be read, so nothing of the cluster is checked: %s: %s",
		    l->bootstrap, rd_kafka_err2name(err),
		    rd_kafka_err2str(err));
		return -1;
	}
	for (j = 0; j < md->broker_cnt; j++) {
		b = ka_cluster_add_broker(c);
		b->id = md->brokers[j].id;
		b->host = xstrdup(md->brokers[j].host);
		b->port = md->brokers[j].port;
	}
	if (l->o->filter.ninclude > 0)
		matched = xcalloc(l->o->filter.ninclude, sizeof(*matched));
	for (j = 0; j < md->topic_cnt; j++) {
		mt = &md->topics[j];
		if (!ka_topic_filter_match(&l->o->filter, mt->topic))
			continue;
		for (i = 0; i < l->o->filter.ninclude; i++)
			if (fnmatch(l->o->filter.include[i], mt->topic,
			    0) == 0)
				matched[i] = 1;
		t = ka_cluster_add_topic(c);
		t->name = xstrdup(mt->topic);
		t->internal = ka_cluster_internal_topic(mt->topic);
		if (mt->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
			t->error = errtext(mt->err, NULL);
			if (nbad == 0)
				first = mt->err;
			sample(&list, &nbad, mt->topic);
		}
		for (k = 0; k < mt->partition_cnt; k++) {
			mp = &mt->partitions[k];
			p = ka_topic_add_partition(t);
			p->id = mp->id;
			p->leader = mp->leader;
			p->replicas = ids(mp->replicas, mp->replica_cnt,
			    &p->nreplicas);
			p->isr = ids(mp->isrs, mp->isr_cnt, &p->nisr);
			if (mp->err != RD_KAFKA_RESP_ERR_NO_ERROR)
				p->error = errtext(mp->err, NULL);
		}
	}
	rd_kafka_metadata_destroy(md);
	c->controller = rd_kafka_controllerid(l->rk, 0);

	for (i = 0; i < l->o->filter.ninclude; i++)
		if (!matched[i])
			ka_diag(l->d, KA_D_LIVE_NO_TOPIC, NULL, "--topic '%s' "
			    "matches no topic of %s that the principal may "
			    "describe", l->o->filter.include[i], l->bootstrap);
	free(matched);
	if (nbad > 0) {
		more = samples(list, nbad);
		say(l, KA_D_LIVE_METADATA, NULL, "the metadata of %zu topic%s "
		    "cannot be read, so %s not checked: %s: %s (%s)", nbad,
		    nbad == 1 ? "" : "s", nbad == 1 ? "it is" : "they are",
		    rd_kafka_err2name(first), rd_kafka_err2str(first), more);
		free(more);
		c->complete = 0;
	}
	return 0;
}

static void
target_add(struct live *l, rd_kafka_ResourceType_t type, char *name,
    struct ka_configs *configs, struct ka_broker *b)
{
	struct target	*t;

	l->targets = xreallocarray(l->targets, l->ntargets + 1,
	    sizeof(*l->targets));
	t = &l->targets[l->ntargets++];
	memset(t, 0, sizeof(*t));
	t->type = type;
	t->name = name;
	t->configs = configs;
	t->broker = b;
}

static void
target_fail(struct live *l, struct target *t, rd_kafka_resp_err_t err,
    const char *text)
{
	char	*e, *clean;

	t->done = 1;
	if (t->configs == NULL)
		return;
	e = errtext(err, text);
	clean = ka_clientconf_scrub(l->o->conf, e);
	ka_configs_fail(t->configs, clean);
	free(clean);
	free(e);
	t->err = err;
}

static void
copy_configs(struct target *t, const rd_kafka_ConfigResource_t *res)
{
	const rd_kafka_ConfigEntry_t	**entries, *e;
	struct ka_config		 *cfg;
	const char			 *v;
	size_t				  i, j, n;

	t->done = 1;
	if (t->configs == NULL)
		return;
	entries = rd_kafka_ConfigResource_configs(res, &n);
	for (i = 0; i < n; i++) {
		e = entries[i];
		if (e == NULL || rd_kafka_ConfigEntry_is_synonym(e))
			continue;
		cfg = ka_configs_add(t->configs);
		cfg->name = xstrdup(rd_kafka_ConfigEntry_name(e));
		cfg->sensitive = rd_kafka_ConfigEntry_is_sensitive(e) != 0;
		cfg->read_only = rd_kafka_ConfigEntry_is_read_only(e) != 0;
		v = rd_kafka_ConfigEntry_value(e);
		cfg->value = v != NULL && !cfg->sensitive ? xstrdup(v) : NULL;
		cfg->source = KA_CFG_OTHER;
		for (j = 0; j < NELEM(sources); j++)
			if (sources[j].rd == rd_kafka_ConfigEntry_source(e))
				cfg->source = sources[j].ka;
		if (t->broker != NULL && cfg->value != NULL &&
		    strcmp(cfg->name, "broker.rack") == 0) {
			free(t->broker->rack);
			t->broker->rack = xstrdup(cfg->value);
		}
	}
	t->configs->state = KA_FETCH_OK;
}

/*
 * Name the configs wanted, when only some are: a ConfigResource with
 * entries asks for those keys (librdkafka 2.0.2 takes their names from
 * the entries and wants a value, which the request does not carry).
 */
static void
ask_keys(struct live *l, rd_kafka_ConfigResource_t *res,
    rd_kafka_ResourceType_t type)
{
	char *const	*keys;
	size_t		 i, n;

	if (type == RD_KAFKA_RESOURCE_TOPIC) {
		keys = l->o->topic_keys;
		n = l->o->ntopic_keys;
	} else {
		keys = l->o->broker_keys;
		n = l->o->nbroker_keys;
	}
	for (i = 0; keys != NULL && i < n; i++)
		rd_kafka_ConfigResource_set_config(res, keys[i], "");
}

/* Send one request for targets[first..first+n). */
static void
send_request(struct live *l, rd_kafka_queue_t *q, size_t r)
{
	struct request			 *req = &l->reqs[r];
	rd_kafka_ConfigResource_t	**res;
	rd_kafka_AdminOptions_t		 *opts;
	char				  errstr[256];
	size_t				  i;

	res = xcalloc(req->n, sizeof(*res));
	for (i = 0; i < req->n; i++) {
		res[i] = rd_kafka_ConfigResource_new(
		    l->targets[req->first + i].type,
		    l->targets[req->first + i].name);
		ask_keys(l, res[i], l->targets[req->first + i].type);
	}
	opts = rd_kafka_AdminOptions_new(l->rk,
	    RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS);
	rd_kafka_AdminOptions_set_request_timeout(opts,
	    remaining(l) > 0 ? remaining(l) : 1, errstr, sizeof(errstr));
	rd_kafka_AdminOptions_set_opaque(opts, req);
	rd_kafka_DescribeConfigs(l->rk, res, req->n, opts, q);
	rd_kafka_AdminOptions_destroy(opts);
	rd_kafka_ConfigResource_destroy_array(res, req->n);
	free(res);
}

static void
request_add(struct live *l, size_t first, size_t n)
{
	l->reqs = xreallocarray(l->reqs, l->nreqs + 1, sizeof(*l->reqs));
	l->reqs[l->nreqs].first = first;
	l->reqs[l->nreqs].n = n;
	l->reqs[l->nreqs].done = 0;
	l->nreqs++;
}

/* One DescribeConfigs answer, into the targets of its request. */
static void
answer(struct live *l, rd_kafka_event_t *ev)
{
	const rd_kafka_DescribeConfigs_result_t	 *result;
	const rd_kafka_ConfigResource_t		**res;
	struct request				 *req;
	struct target				 *t;
	rd_kafka_resp_err_t			  err;
	const char				 *name;
	size_t					  i, j, n;

	req = rd_kafka_event_opaque(ev);
	if (req == NULL || req->done)
		return;
	req->done = 1;
	err = rd_kafka_event_error(ev);
	if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
		for (i = 0; i < req->n; i++)
			target_fail(l, &l->targets[req->first + i], err,
			    rd_kafka_event_error_string(ev));
		return;
	}
	result = rd_kafka_event_DescribeConfigs_result(ev);
	res = rd_kafka_DescribeConfigs_result_resources(result, &n);
	for (i = 0; i < n; i++) {
		if (res[i] == NULL)
			continue;
		name = rd_kafka_ConfigResource_name(res[i]);
		/* Answers come in request order; look further if not. */
		t = NULL;
		for (j = 0; j < req->n; j++) {
			t = &l->targets[req->first + (i + j) % req->n];
			if (!t->done && t->type ==
			    rd_kafka_ConfigResource_type(res[i]) &&
			    strcmp(t->name, name) == 0)
				break;
			t = NULL;
		}
		if (t == NULL)
			continue;
		err = rd_kafka_ConfigResource_error(res[i]);
		if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
			target_fail(l, t, err,
			    rd_kafka_ConfigResource_error_string(res[i]));
		else
			copy_configs(t, res[i]);
	}
	for (i = 0; i < req->n; i++)
		if (!l->targets[req->first + i].done)
			target_fail(l, &l->targets[req->first + i],
			    RD_KAFKA_RESP_ERR__BAD_MSG,
			    "the answer left it out");
}

/* Send reqs[from..] and wait for their answers, or the deadline. */
static void
wait_requests(struct live *l, rd_kafka_queue_t *q, size_t from)
{
	rd_kafka_event_t	*ev;
	size_t			 i, open;

	for (i = from; i < l->nreqs; i++)
		send_request(l, q, i);
	open = l->nreqs - from;
	while (open > 0 && remaining(l) > 0) {
		rd_kafka_poll(l->rk, 0);
		ev = rd_kafka_queue_poll(q, min_int(remaining(l), POLL_MS));
		if (ev == NULL)
			continue;
		if (rd_kafka_event_type(ev) ==
		    RD_KAFKA_EVENT_DESCRIBECONFIGS_RESULT) {
			answer(l, ev);
			open = 0;
			for (i = from; i < l->nreqs; i++)
				open += !l->reqs[i].done;
		}
		rd_kafka_event_destroy(ev);
	}
}

/*
 * A topic that Metadata has just listed but the broker asked did not know:
 * brokers apply metadata changes on their own schedule, so right after a
 * topic is created one of them may not know it yet.  Ask once more, after
 * RETRY_MS, if the budget allows; otherwise the failure stands.
 */
static void
retry_unknown(struct live *l, rd_kafka_queue_t *q)
{
	struct ka_configs	*cs;
	size_t			 i, n = l->ntargets, first = l->ntargets;
	size_t			 from = l->nreqs;

	if (remaining(l) < 2 * RETRY_MS)
		return;
	for (i = 0; i < n; i++) {
		if (l->targets[i].type != RD_KAFKA_RESOURCE_TOPIC ||
		    l->targets[i].err !=
		    RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
			continue;
		/* The new target supersedes this one. */
		l->targets[i].err = RD_KAFKA_RESP_ERR_NO_ERROR;
		cs = l->targets[i].configs;
		ka_configs_fail(cs, NULL);
		cs->state = KA_FETCH_NONE;
		target_add(l, RD_KAFKA_RESOURCE_TOPIC,
		    xstrdup(l->targets[i].name), cs, NULL);
	}
	if (l->ntargets == first)
		return;
	rd_kafka_poll(l->rk, RETRY_MS);
	for (i = first; i < l->ntargets; i += TOPICS_PER_REQUEST)
		request_add(l, i, l->ntargets - i < TOPICS_PER_REQUEST ?
		    l->ntargets - i : TOPICS_PER_REQUEST);
	wait_requests(l, q, from);
}

/* The BROKER resource of broker b, real or only routing; returns 1. */
static size_t
broker_target(struct live *l, struct ka_broker *b, int route_only)
{
	target_add(l, RD_KAFKA_RESOURCE_BROKER, xasprintf("%d", (int)b->id),
	    route_only ? NULL : &b->configs, b);
	return 1;
}

/*
 * Step 3: DescribeConfigs for the selected topics and every broker.
 * Batch k of the topics goes to broker k mod nbrokers; there are as many
 * batches as it takes to keep each at TOPICS_PER_REQUEST or fewer, made
 * a multiple of the brokers so that each gets as many.
 */
static void
fetch_configs(struct live *l)
{
	struct ka_cluster	*c = l->c;
	rd_kafka_queue_t	*q;
	size_t			 i, k, n, nb = c->nbrokers, nt = 0, nreq, per;
	size_t			 first;

	for (i = 0; i < c->ntopics; i++)
		nt += c->topics[i].error == NULL;
	nreq = (nt + TOPICS_PER_REQUEST - 1) / TOPICS_PER_REQUEST;
	if (nb > 0 && nreq % nb != 0 && nreq > 0)
		nreq += nb - nreq % nb;
	per = nreq > 0 ? (nt + nreq - 1) / nreq : 0;
	i = 0;
	for (k = 0; k < nreq && i < c->ntopics; k++) {
		first = l->ntargets;
		for (n = 0; n < per && i < c->ntopics; i++) {
			if (c->topics[i].error != NULL)
				continue;
			target_add(l, RD_KAFKA_RESOURCE_TOPIC,
			    xstrdup(c->topics[i].name), &c->topics[i].configs,
			    NULL);
			n++;
		}
		if (nb > 0)
			n += broker_target(l, &c->brokers[k % nb], k >= nb);
		request_add(l, first, n);
	}
	/* Brokers that carried no batch: k batches were made. */
	for (; k < nb; k++) {
		first = l->ntargets;
		request_add(l, first, broker_target(l, &c->brokers[k], 0));
	}

	q = rd_kafka_queue_new(l->rk);
	wait_requests(l, q, 0);
	retry_unknown(l, q);
	for (i = 0; i < l->ntargets; i++)
		if (!l->targets[i].done)
			target_fail(l, &l->targets[i],
			    RD_KAFKA_RESP_ERR__TIMED_OUT, "no answer within "
			    "--timeout");
	rd_kafka_queue_destroy(q);
}

/* "12 topics", "1 broker", "3 topics and 1 broker". */
static char *
counted(size_t ntopics, size_t nbrokers)
{
	if (nbrokers == 0)
		return xasprintf("%zu topic%s", ntopics, ntopics == 1 ? "" :
		    "s");
	if (ntopics == 0)
		return xasprintf("%zu broker%s", nbrokers, nbrokers == 1 ?
		    "" : "s");
	return xasprintf("%zu topic%s and %zu broker%s", ntopics,
	    ntopics == 1 ? "" : "s", nbrokers, nbrokers == 1 ? "" : "s");
}

/* One diagnostic for every failed target with the error of targets[at]. */
static void
report_error(struct live *l, size_t at)
{
	rd_kafka_resp_err_t	 err = l->targets[at].err;
	enum ka_diag_code	 code = KA_D_LIVE_CONFIGS;
	const char		*advice = NULL;
	char			*what, *list = NULL, *names;
	size_t			 i, nt = 0, nb = 0, ns = 0;

	for (i = 0; i < NELEM(config_errors); i++)
		if (config_errors[i].err == err) {
			code = config_errors[i].code;
			advice = config_errors[i].advice;
		}
	for (i = at; i < l->ntargets; i++) {
		if (l->targets[i].configs == NULL ||
		    l->targets[i].configs->state != KA_FETCH_FAILED ||
		    l->targets[i].err != err)
			continue;
		if (l->targets[i].broker != NULL) {
			nb++;
			names = xasprintf("broker %s", l->targets[i].name);
			sample(&list, &ns, names);
			free(names);
		} else {
			nt++;
			sample(&list, &ns, l->targets[i].name);
		}
		/* Reported: not again for a later target. */
		l->targets[i].err = RD_KAFKA_RESP_ERR_NO_ERROR;
	}
	what = counted(nt, nb);
	names = samples(list, ns);
	say(l, code, NULL, "configs of %s could not be read: %s%s%s (%s)",
	    what, l->targets[at].configs->error, advice != NULL ? "; " : "",
	    advice != NULL ? advice : "", names);
	free(names);
	free(what);
	free(list);
}

/* Sum up failed targets by error, one diagnostic per error. */
static void
report_configs(struct live *l)
{
	size_t	 i;

	for (i = 0; i < l->ntargets; i++)
		if (l->targets[i].configs != NULL &&
		    l->targets[i].configs->state == KA_FETCH_FAILED &&
		    l->targets[i].err != RD_KAFKA_RESP_ERR_NO_ERROR) {
			l->c->complete = 0;
			report_error(l, i);
		}
}

static const char *const log_levels[] = {
	"emerg", "alert", "crit", "error", "warning", "notice", "info",
	"debug"
};

/* With -vv, librdkafka's log lines as notes. */
static void
report_log(struct live *l)
{
	const struct logline	*ll;
	size_t			 i;

	for (i = 0; i < l->nlogs; i++) {
		ll = &l->logs[i];
		if (l->o->verbose >= 2)
			say(l, KA_D_LIVE_LOG, NULL, "librdkafka %s %s: %s",
			    ll->level >= 0 && ll->level < (int)NELEM(log_levels)
			    ? log_levels[ll->level] : "log", ll->fac, ll->text);
	}
	if (l->o->verbose >= 2 && l->dropped > 0)
		ka_diag(l->d, KA_D_LIVE_LOG, NULL, "%zu more librdkafka log "
		    "lines were dropped", l->dropped);
}

static void
summary(struct live *l)
{
	size_t	 i, nparts = 0;

	for (i = 0; i < l->c->ntopics; i++)
		nparts += l->c->topics[i].nparts;
	ka_diag(l->d, KA_D_LIVE_SUMMARY, NULL, "fetched %zu broker%s, %zu "
	    "topic%s and %zu partition%s from %s in %.2f s%s",
	    l->c->nbrokers, l->c->nbrokers == 1 ? "" : "s", l->c->ntopics,
	    l->c->ntopics == 1 ? "" : "s", nparts, nparts == 1 ? "" : "s",
	    l->bootstrap, (double)(now_ms() - l->start) / 1000,
	    l->c->complete ? "" : "; incomplete");
}

static char *
utc_now(void)
{
	struct tm	 tm;
	time_t		 t;
	char		 buf[32];

	t = time(NULL);
	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return xstrdup(buf);
}

static void
live_clear(struct live *l)
{
	size_t	 i;

	for (i = 0; i < l->nlogs; i++) {
		free(l->logs[i].fac);
		free(l->logs[i].text);
	}
	free(l->logs);
	for (i = 0; i < l->ntargets; i++)
		free(l->targets[i].name);
	free(l->targets);
	free(l->reqs);
	free(l->auth);
	free(l->transport);
	pthread_mutex_destroy(&l->lock);
}

int
ka_live_fetch(struct ka_cluster *c, const struct ka_live_opts *o,
    struct ka_diags *d)
{
	struct live		 l;
	rd_kafka_conf_t		*conf;
	const char		*why = NULL, *lib;
	char			 errstr[512];
	int			 rc = -1;

	lib = o->library != NULL ? o->library : KA_RDKAFKA_SONAME;
	if (load_rdkafka(lib, &why) == -1) {
		ka_diag(d, KA_D_LIVE_LIBRARY, NULL, "%s could not be loaded, "
		    "so no cluster is read: %s (install librdkafka)", lib,
		    why != NULL ? why : "unknown error");
		return -1;
	}
	memset(&l, 0, sizeof(l));
	l.o = o;
	l.d = d;
	l.c = c;
	l.start = now_ms();
	l.deadline = l.start + o->timeout_ms;
	pthread_mutex_init(&l.lock, NULL);
	l.bootstrap = ka_clientconf_get(o->conf, "bootstrap.servers");
	if (l.bootstrap == NULL)
		l.bootstrap = ka_clientconf_get(o->conf,
		    "metadata.broker.list");
	if (l.bootstrap == NULL)
		l.bootstrap = "";
	c->origin = xstrdup("live");
	c->bootstrap = xstrdup(l.bootstrap);
	c->complete = 1;

	conf = configure(&l);
	if (conf == NULL)
		goto out;
	l.rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
	if (l.rk == NULL) {
		/* rd_kafka_new() takes the conf only when it succeeds. */
		rd_kafka_conf_destroy(conf);
		say(&l, KA_D_CONNECT_REJECTED, NULL, "librdkafka refused the "
		    "client configuration: %s", errstr);
		goto out;
	}
	conf = NULL;

	if (connect_wait(&l) == -1 || fetch_metadata(&l) == -1)
		goto out;
	c->fetched_at = utc_now();
	ka_cluster_sort(c);
	fetch_configs(&l);
	ka_cluster_sort(c);	/* configs arrived in the broker's order */
	report_configs(&l);
	rc = 0;
out:
	if (l.rk != NULL)
		rd_kafka_destroy(l.rk);
	if (rc == -1)
		c->complete = 0;
	report_log(&l);
	if (rc == 0 && o->verbose >= 1)
		summary(&l);
	live_clear(&l);
	return rc;
}
