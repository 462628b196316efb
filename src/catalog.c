/*
 * The catalogue of Kafka keys: lookups on the generated tables of
 * catalog_data.c and catalog_history.c, and the readers that interpret a
 * value the way the Java code or librdkafka does.  Everything here is pure;
 * only ka_catalog_normalize() allocates, for its result.
 */
#include "config.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalog.h"
#include "catalog_data.h"
#include "version.h"
#include "xmalloc.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* How a values entry "prefix:" DURATION asks for an ISO-8601 duration. */
#define DURATION	"PnDTnHnMn.nS"

/* The longest name "did you mean" compares; Kafka's are below 80. */
#define SUGGEST_MAX	127

/* How a dialect's client reads a value. */
enum reader {
	READ_JAVA,		/* ConfigDef.parseType: trims, strict */
	READ_SCALA,		/* VerifiableProperties: strict, no trim */
	READ_LIBRDKAFKA		/* rd_kafka_anyconf_set_prop() */
};

static const struct {
	const char	*name;
	enum reader	 reader;
} dialects[KA_DIALECT__MAX] = {
	[KA_DIALECT_BROKER] = { "broker", READ_JAVA },
	[KA_DIALECT_TOPIC] = { "topic", READ_JAVA },
	[KA_DIALECT_PRODUCER] = { "producer", READ_JAVA },
	[KA_DIALECT_CONSUMER] = { "consumer", READ_JAVA },
	[KA_DIALECT_SCALA_PRODUCER] = { "scala-producer", READ_SCALA },
	[KA_DIALECT_SCALA_CONSUMER] = { "scala-consumer", READ_SCALA },
	[KA_DIALECT_LIBRDKAFKA] = { "librdkafka", READ_LIBRDKAFKA },
};

static const char *const role_names[KA_ROLE__MAX] = {
	[KA_ROLE_BROKER] = "broker",
	[KA_ROLE_TOPIC] = "topic",
	[KA_ROLE_PRODUCER] = "producer",
	[KA_ROLE_CONSUMER] = "consumer",
};

static const char *const client_names[KA_CLIENT__MAX] = {
	[KA_CLIENT_JAVA] = "java",
	[KA_CLIENT_LIBRDKAFKA] = "librdkafka",
};

static const char *const type_names[KA_TYPE__MAX] = {
	[KA_TYPE_BOOLEAN] = "boolean",
	[KA_TYPE_SHORT] = "short",
	[KA_TYPE_INT] = "int",
	[KA_TYPE_LONG] = "long",
	[KA_TYPE_DOUBLE] = "double",
	[KA_TYPE_STRING] = "string",
	[KA_TYPE_ENUM] = "enum",
	[KA_TYPE_LIST] = "list",
	[KA_TYPE_CLASS] = "class",
	[KA_TYPE_PASSWORD] = "password",
};

/*
 * Brokers and topics are Kafka's own whatever the client; librdkafka
 * has one set of properties for producers and consumers alike.
 */
static const enum ka_dialect dialect_of[KA_ROLE__MAX][KA_CLIENT__MAX] = {
	[KA_ROLE_BROKER] = {
		[KA_CLIENT_JAVA] = KA_DIALECT_BROKER,
		[KA_CLIENT_LIBRDKAFKA] = KA_DIALECT_BROKER,
	},
	[KA_ROLE_TOPIC] = {
		[KA_CLIENT_JAVA] = KA_DIALECT_TOPIC,
		[KA_CLIENT_LIBRDKAFKA] = KA_DIALECT_TOPIC,
	},
	[KA_ROLE_PRODUCER] = {
		[KA_CLIENT_JAVA] = KA_DIALECT_PRODUCER,
		[KA_CLIENT_LIBRDKAFKA] = KA_DIALECT_LIBRDKAFKA,
	},
	[KA_ROLE_CONSUMER] = {
		[KA_CLIENT_JAVA] = KA_DIALECT_CONSUMER,
		[KA_CLIENT_LIBRDKAFKA] = KA_DIALECT_LIBRDKAFKA,
	},
};

/*
 * Values that mean the same, by dialect and Java key (the row's canon,
 * else its name): the canonical form is the one rules are written in.
 * tools/catalog/merge.py applies the same table to the defaults.
 */
static const struct {
	enum ka_dialect	 dialect;
	const char	*key;
	const char	*from;
	const char	*to;
} value_aliases[] = {
	{ KA_DIALECT_PRODUCER, "acks", "-1", "all" },
	{ KA_DIALECT_SCALA_PRODUCER, "acks", "-1", "all" },
	{ KA_DIALECT_SCALA_CONSUMER, "auto.offset.reset", "smallest",
	    "earliest" },
	{ KA_DIALECT_SCALA_CONSUMER, "auto.offset.reset", "largest",
	    "latest" },
	{ KA_DIALECT_LIBRDKAFKA, "auto.offset.reset", "smallest", "earliest" },
	{ KA_DIALECT_LIBRDKAFKA, "auto.offset.reset", "beginning",
	    "earliest" },
	{ KA_DIALECT_LIBRDKAFKA, "auto.offset.reset", "largest", "latest" },
	{ KA_DIALECT_LIBRDKAFKA, "auto.offset.reset", "end", "latest" },
	{ KA_DIALECT_LIBRDKAFKA, "auto.offset.reset", "error", "none" },
};

/*
 * Names that hold secrets although no catalogue row says so: keys of
 * plugins, of Schema Registry clients and of future releases.  Plain
 * string tests, since fnmatch() on every key of every file was the
 * slowest part of an audit.
 */
enum match {
	MATCH_SUFFIX,		/* *text */
	MATCH_PREFIX,		/* text* */
	MATCH_INSIDE		/* *text* */
};

static const struct {
	enum match	 how;
	const char	*text;
} secret_names[] = {
	{ MATCH_SUFFIX, ".password" },
	{ MATCH_SUFFIX, ".passphrase" },
	{ MATCH_SUFFIX, ".secret" },
	{ MATCH_SUFFIX, "sasl.jaas.config" },
	{ MATCH_SUFFIX, "basic.auth.user.info" },
	{ MATCH_PREFIX, "ssl.key" },
	{ MATCH_INSIDE, ".ssl.key" },
};

/*
 * A misspelled secret is still a secret: a name no dialect knows that
 * mentions a password, a JAAS login or a credential, even with a typo
 * (ssl.truststore.pasword, sasl.jaas.confg), is never shown.  Known keys
 * such as password.encoder.iterations are judged by the catalogue.
 */
static const char *const secret_words[] = {
	"pass", "pasw", "secret", "jaas", "credential", "private",
};

/* ------------------------------------------------------------ names */

enum ka_dialect
ka_catalog_dialect(enum ka_role r, enum ka_client c)
{
	return dialect_of[r][c];
}

const char *
ka_catalog_role_name(enum ka_role r)
{
	return role_names[r];
}

const char *
ka_catalog_client_name(enum ka_client c)
{
	return client_names[c];
}

const char *
ka_catalog_dialect_name(enum ka_dialect d)
{
	return dialects[d].name;
}

const char *
ka_catalog_type_name(enum ka_type t)
{
	return type_names[t];
}

int
ka_catalog_role_parse(const char *s, enum ka_role *r)
{
	int	 i;

	for (i = 0; i < KA_ROLE__MAX; i++)
		if (strcmp(s, role_names[i]) == 0) {
			*r = (enum ka_role)i;
			return 0;
		}
	return -1;
}

int
ka_catalog_client_parse(const char *s, enum ka_client *c)
{
	int	 i;

	for (i = 0; i < KA_CLIENT__MAX; i++)
		if (strcmp(s, client_names[i]) == 0) {
			*c = (enum ka_client)i;
			return 0;
		}
	return -1;
}

/* ---------------------------------------------------------- lookups */

const struct ka_keydef *
ka_catalog_find(enum ka_dialect d, const char *name)
{
	size_t	 lo, hi, mid;
	int	 c;

	lo = ka_catalog_data_first[d];
	hi = ka_catalog_data_first[d + 1];
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(name, ka_catalog_data_keys[mid].name);
		if (c == 0)
			return &ka_catalog_data_keys[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Order (dialect, canon) against the canon index entry i. */
static int
cmp_canon(enum ka_dialect d, const char *canon, size_t i)
{
	const struct ka_keydef	*k;

	k = &ka_catalog_data_keys[ka_catalog_data_bycanon[i]];
	if (d != k->dialect)
		return d < k->dialect ? -1 : 1;
	return strcmp(canon, k->canon);
}

size_t
ka_catalog_synonyms(enum ka_dialect d, const char *canon,
    const struct ka_keydef **out, size_t max)
{
	const struct ka_keydef	*named, *k;
	size_t			 lo = 0, hi, mid, n = 0;

	hi = ka_catalog_data_nbycanon;
	named = ka_catalog_find(d, canon);
	if (named != NULL) {
		if (max > 0)
			out[0] = named;
		n = 1;
	}
	/* The first index entry not ordered before (d, canon). */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cmp_canon(d, canon, mid) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < ka_catalog_data_nbycanon &&
	    cmp_canon(d, canon, lo) == 0; lo++) {
		k = &ka_catalog_data_keys[ka_catalog_data_bycanon[lo]];
		if (k == named)
			continue;
		if (n < max)
			out[n] = k;
		n++;
	}
	return n;
}

/* Fold the differences a typo of case or separator makes. */
static void
fold(const char *s, char *out, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++) {
		out[i] = s[i];
		if (s[i] == '_' || s[i] == '-')
			out[i] = '.';
		else if (s[i] >= 'A' && s[i] <= 'Z')
			out[i] = (char)(s[i] - 'A' + 'a');
	}
}

/*
 * The optimal string alignment distance (Damerau-Levenshtein where a
 * transposed pair is not edited again) of a and b, or limit + 1 as soon
 * as it must exceed limit.
 */
static size_t
distance(const char *a, size_t la, const char *b, size_t lb, size_t limit)
{
	size_t	 row[3][SUGGEST_MAX + 1], *pp, *p, *c, *t, i, j, v, best;

	pp = row[0];
	p = row[1];
	c = row[2];
	for (j = 0; j <= lb; j++)
		p[j] = j;
	for (i = 1; i <= la; i++) {
		c[0] = i;
		best = c[0];
		for (j = 1; j <= lb; j++) {
			v = p[j - 1] + (a[i - 1] != b[j - 1]);
			if (p[j] + 1 < v)
				v = p[j] + 1;
			if (c[j - 1] + 1 < v)
				v = c[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			c[j] = v;
			if (v < best)
				best = v;
		}
		if (best > limit)
			return limit + 1;
		/* Rotate: this row becomes the previous one. */
		t = pp;
		pp = p;
		p = c;
		c = t;
	}
	return p[lb];
}

/*
 * A typo is a few edits: one in a short name, up to three in a long one.
 * Case and the separator (_ or - for .) count for nothing, since Kafka's
 * names are lower case with dots and such slips are the usual ones.
 */
/*
 * A known key that is the unknown name with its last component dropped
 * or one added: unclean.leader.election for
 * unclean.leader.election.enable.  Too far apart for edit distance, but
 * as likely a slip.
 */
static const struct ka_keydef *
dropped_component(enum ka_dialect d, const char *unknown, size_t lu)
{
	const struct ka_keydef	*k;
	size_t			 i, ln;

	for (i = ka_catalog_data_first[d]; i < ka_catalog_data_first[d + 1];
	    i++) {
		k = &ka_catalog_data_keys[i];
		if (k->flags & (KA_KEY_INTERNAL | KA_KEY_API_ONLY))
			continue;
		ln = strlen(k->name);
		if (ln > lu && strncmp(k->name, unknown, lu) == 0 &&
		    k->name[lu] == '.' && strchr(k->name + lu + 1, '.') ==
		    NULL)
			return k;
		if (lu > ln && strncmp(unknown, k->name, ln) == 0 &&
		    unknown[ln] == '.' && strchr(unknown + ln + 1, '.') ==
		    NULL && ln >= 8)
			return k;
	}
	return NULL;
}

const char *
ka_catalog_suggest(enum ka_dialect d, const char *unknown)
{
	const struct ka_keydef	*k, *best = NULL;
	char			 u[SUGGEST_MAX], n[SUGGEST_MAX];
	size_t			 lu, ln, i, limit, dist, bestd = 0;

	lu = strlen(unknown);
	if (lu < 3 || lu > SUGGEST_MAX)
		return NULL;
	limit = lu <= 9 ? 1 : lu <= 15 ? 2 : 3;
	fold(unknown, u, lu);
	for (i = ka_catalog_data_first[d]; i < ka_catalog_data_first[d + 1];
	    i++) {
		k = &ka_catalog_data_keys[i];
		if (k->flags & (KA_KEY_INTERNAL | KA_KEY_API_ONLY))
			continue;
		ln = strlen(k->name);
		if (ln > SUGGEST_MAX || (ln > lu ? ln - lu : lu - ln) > limit)
			continue;
		if (strcmp(k->name, unknown) == 0)
			return NULL;
		fold(k->name, n, ln);
		dist = distance(u, lu, n, ln, limit);
		if (dist > limit)
			continue;
		/* The closest; among equals, one the newest release has. */
		if (best == NULL || dist < bestd || (dist == bestd &&
		    best->until != 0 && k->until == 0)) {
			best = k;
			bestd = dist;
		}
	}
	if (best == NULL)
		best = dropped_component(d, unknown, lu);
	return best != NULL ? best->name : NULL;
}

/* Order (dialect, name) against history row i. */
static int
cmp_history(const struct ka_keydef *k, size_t i)
{
	const struct ka_catalog_change	*h = &ka_catalog_data_history[i];

	if (k->dialect != h->dialect)
		return k->dialect < h->dialect ? -1 : 1;
	return strcmp(k->name, h->name);
}

const char *
ka_catalog_default(const struct ka_keydef *k, unsigned long version,
    unsigned long *since)
{
	const struct ka_catalog_change	*h;
	size_t				 lo = 0, hi, mid;

	if (since != NULL)
		*since = 0;
	hi = ka_catalog_data_nhistory;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cmp_history(k, mid) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == ka_catalog_data_nhistory || cmp_history(k, lo) != 0)
		return k->dflt;
	/* The last change at or before version; the first row is from 0. */
	h = &ka_catalog_data_history[lo];
	for (lo++; lo < ka_catalog_data_nhistory && cmp_history(k, lo) == 0 &&
	    ka_catalog_data_history[lo].since <= version; lo++)
		h = &ka_catalog_data_history[lo];
	if (since != NULL)
		*since = h->since;
	return h->dflt;
}

static int
is_sensitive_name(const char *name)
{
	size_t	 lo = 0, hi = ka_catalog_data_nsensitive, mid;
	int	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(name, ka_catalog_data_sensitive[mid]);
		if (c == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/*
 * ServerTopicConfigSynonyms of Kafka 4.4, in the order Kafka consults the
 * broker names: log.retention.ms before .minutes before .hours; and the
 * three pairs that 4.0 dropped (3.9 has them), for files of older
 * releases.
 */
static const struct {
	const char	*topic;
	const char	*broker;
} topic_broker[] = {
	{ "cleanup.policy", "log.cleanup.policy" },
	{ "compression.gzip.level", "compression.gzip.level" },
	{ "compression.lz4.level", "compression.lz4.level" },
	{ "compression.type", "compression.type" },
	{ "compression.zstd.level", "compression.zstd.level" },
	{ "delete.retention.ms", "log.cleaner.delete.retention.ms" },
	{ "file.delete.delay.ms", "log.segment.delete.delay.ms" },
	{ "flush.messages", "log.flush.interval.messages" },
	{ "flush.ms", "log.flush.interval.ms" },
	{ "flush.ms", "log.flush.scheduler.interval.ms" },
	{ "index.interval.bytes", "log.index.interval.bytes" },
	{ "local.retention.bytes", "log.local.retention.bytes" },
	{ "local.retention.ms", "log.local.retention.ms" },
	{ "max.compaction.lag.ms", "log.cleaner.max.compaction.lag.ms" },
	{ "max.decompressed.message.bytes", "max.decompressed.message.bytes" },
	{ "max.message.bytes", "message.max.bytes" },
	{ "message.downconversion.enable",
	    "log.message.downconversion.enable" },
	{ "message.format.version", "log.message.format.version" },
	{ "message.timestamp.after.max.ms",
	    "log.message.timestamp.after.max.ms" },
	{ "message.timestamp.before.max.ms",
	    "log.message.timestamp.before.max.ms" },
	{ "message.timestamp.difference.max.ms",
	    "log.message.timestamp.difference.max.ms" },
	{ "message.timestamp.type", "log.message.timestamp.type" },
	{ "min.cleanable.dirty.ratio", "log.cleaner.min.cleanable.ratio" },
	{ "min.compaction.lag.ms", "log.cleaner.min.compaction.lag.ms" },
	{ "min.insync.replicas", "min.insync.replicas" },
	{ "preallocate", "log.preallocate" },
	{ "remote.copy.lag.bytes", "log.remote.copy.lag.bytes" },
	{ "remote.copy.lag.ms", "log.remote.copy.lag.ms" },
	{ "retention.bytes", "log.retention.bytes" },
	{ "retention.ms", "log.retention.ms" },
	{ "retention.ms", "log.retention.minutes" },
	{ "retention.ms", "log.retention.hours" },
	{ "segment.bytes", "log.segment.bytes" },
	{ "segment.index.bytes", "log.index.size.max.bytes" },
	{ "segment.jitter.ms", "log.roll.jitter.ms" },
	{ "segment.jitter.ms", "log.roll.jitter.hours" },
	{ "segment.ms", "log.roll.ms" },
	{ "segment.ms", "log.roll.hours" },
	{ "unclean.leader.election.enable",
	    "unclean.leader.election.enable" },
};

const char *
ka_catalog_topic_name(const char *broker_key)
{
	size_t	 i;

	for (i = 0; i < sizeof(topic_broker) / sizeof(topic_broker[0]); i++)
		if (strcmp(topic_broker[i].broker, broker_key) == 0)
			return topic_broker[i].topic;
	return NULL;
}

const char *
ka_catalog_broker_name(const char *topic_key)
{
	size_t	 i;

	for (i = 0; i < sizeof(topic_broker) / sizeof(topic_broker[0]); i++)
		if (strcmp(topic_broker[i].topic, topic_key) == 0)
			return topic_broker[i].broker;
	return NULL;
}

int
ka_catalog_is_sensitive(const char *name)
{
	const char	*p, *t;
	size_t		 i, len, tlen;

	/* The name itself, or a sensitive key behind a prefix. */
	for (p = name; p != NULL; p = strchr(p, '.')) {
		if (*p == '.')
			p++;
		if (is_sensitive_name(p))
			return 1;
	}
	/* A secret word first: it is rare, the dialects are seven. */
	for (i = 0; i < NELEM(secret_words); i++)
		if (strstr(name, secret_words[i]) != NULL)
			break;
	if (i < NELEM(secret_words)) {
		for (i = 0; i < KA_DIALECT__MAX; i++)
			if (ka_catalog_find((enum ka_dialect)i, name) != NULL)
				break;
		if (i == KA_DIALECT__MAX)
			return 1;
	}
	len = strlen(name);
	for (i = 0; i < NELEM(secret_names); i++) {
		t = secret_names[i].text;
		tlen = strlen(t);
		switch (secret_names[i].how) {
		case MATCH_SUFFIX:
			if (len >= tlen && strcmp(name + len - tlen, t) == 0)
				return 1;
			break;
		case MATCH_PREFIX:
			if (strncmp(name, t, tlen) == 0)
				return 1;
			break;
		case MATCH_INSIDE:
			if (strstr(name, t) != NULL)
				return 1;
			break;
		}
	}
	return 0;
}

const struct ka_keydef *
ka_catalog_keys(size_t *count)
{
	*count = ka_catalog_data_nkeys;
	return ka_catalog_data_keys;
}

/* ---------------------------------------------------- normalisation */

/*
 * A reader: the value as the client sees it (already trimmed where the
 * client trims), to its canonical form in *out, or -1 with *why set.
 */
typedef int (*reader_fn)(const struct ka_keydef *, const char *, char **,
    const char **);

/* The canonical form of a value that passed, through value_aliases. */
static int
done(const struct ka_keydef *k, const char *text, size_t len, char **out)
{
	const char	*key = k->canon != NULL ? k->canon : k->name;
	size_t		 i;

	for (i = 0; i < NELEM(value_aliases); i++)
		if (value_aliases[i].dialect == k->dialect &&
		    strcmp(value_aliases[i].key, key) == 0 &&
		    strlen(value_aliases[i].from) == len &&
		    strncmp(value_aliases[i].from, text, len) == 0) {
			*out = xstrdup(value_aliases[i].to);
			return 0;
		}
	*out = xstrndup(text, len);
	return 0;
}

static int
fail(const char *reason, const char **why)
{
	*why = reason;
	return -1;
}

/*
 * A whole number below 10^15 in plain digits, else the shortest %g form
 * that reads back as d; merge.py writes the defaults the same way.
 */
static char *
shortest(double d)
{
	char	 buf[64];
	int	 p;

	if (isnan(d))
		return xstrdup("NaN");
	if (isinf(d))
		return xstrdup(d < 0 ? "-Infinity" : "Infinity");
	if (d > -1e15 && d < 1e15 && d == (double)(long long)d)
		return xasprintf("%.0f", d);
	for (p = 1; p < 17; p++) {
		snprintf(buf, sizeof(buf), "%.*g", p, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	snprintf(buf, sizeof(buf), "%.*g", p, d);
	return xstrdup(buf);
}

static int
in_range(const struct ka_keydef *k, double v)
{
	return (k->flags & KA_KEY_RANGE) == 0 || (v >= k->min && v <= k->max);
}

/* One entry of a "a,b,c" list, from *p on; advances *p past it. */
static int
next_entry(const char **p, const char **s, size_t *len)
{
	const char	*e;

	if (*p == NULL)
		return 0;
	*s = *p;
	e = strchr(*p, ',');
	*len = e == NULL ? strlen(*p) : (size_t)(e - *p);
	*p = e == NULL ? NULL : e + 1;
	return 1;
}

/*
 * java.time.Duration.parse: [-+]P[nD][T[nH][nM][n[.f]S]], letters in
 * either case, at least one part, and a T only with a part after it.
 * Kafka wants a duration that is not negative.
 */
static int
iso_duration(const char *s, size_t len)
{
	static const char	 units[] = "DHMS";
	const char		*end = s + len;
	long double		 total = 0, part, scale[] = { 86400, 3600, 60,
				     1 };
	int			 neg = 0, sign, t = 0, parts = 0, after_t = 0;
	unsigned int		 next = 0, u, digits;

	if (s < end && (*s == '-' || *s == '+'))
		neg = *s++ == '-';
	if (s == end || (*s != 'P' && *s != 'p'))
		return -1;
	for (s++; s < end; ) {
		if ((*s == 'T' || *s == 't') && !t) {
			t = 1;
			next = 1;
			s++;
			continue;
		}
		sign = 1;
		if (*s == '-' || *s == '+')
			sign = *s++ == '-' ? -1 : 1;
		part = 0;
		for (digits = 0; s < end && *s >= '0' && *s <= '9'; s++)
			part = part * 10 + (*s - '0'), digits++;
		if (digits == 0 || digits > 18)
			return -1;
		if (s < end && (*s == '.' || *s == ',') && t) {
			long double	 f = 0.1L;

			for (s++; s < end && *s >= '0' && *s <= '9'; s++)
				part += (*s - '0') * f, f /= 10;
			if (s == end || (*s != 'S' && *s != 's'))
				return -1;
		}
		if (s == end)
			return -1;
		for (u = next; u < 4; u++)
			if ((*s & ~0x20) == units[u])
				break;
		if (u == 4 || (u == 0) == t)
			return -1;
		total += sign * part * scale[u];
		next = u + 1;
		parts++;
		after_t += t;
		s++;
	}
	if (parts == 0 || (t && after_t == 0))
		return -1;
	return (neg ? -total : total) < 0 ? -1 : 0;
}

/*
 * 1 if v (len bytes) is one of def's values: a listed value, or the
 * prefix of a "prefix:PnDTnHnMn.nS" entry and a duration.  *canon is set
 * to the listed spelling.
 */
static int
is_value(const struct ka_keydef *k, const char *v, size_t len,
    const char **canon, size_t *clen)
{
	const char	*p = k->values, *s, *colon;
	size_t		 n;
	int		 nocase = (k->flags & KA_KEY_ENUM_NOCASE) != 0;

	while (next_entry(&p, &s, &n)) {
		colon = memchr(s, ':', n);
		if (colon != NULL && n - (size_t)(colon - s) - 1 ==
		    strlen(DURATION) && strncmp(colon + 1, DURATION,
		    strlen(DURATION)) == 0) {
			n = (size_t)(colon - s) + 1;
			if (len > n && strncmp(v, s, n) == 0 &&
			    iso_duration(v + n, len - n) == 0) {
				*canon = v;
				*clen = len;
				return 1;
			}
			continue;
		}
		if (n == len && (nocase ? strncasecmp(v, s, n) :
		    strncmp(v, s, n)) == 0) {
			*canon = s;
			*clen = n;
			return 1;
		}
	}
	return 0;
}

/* Java's Integer/Short/Long.parseX: [+-]digits, nothing else. */
static int
java_whole(const struct ka_keydef *k, const char *v, char **out,
    const char **why)
{
	unsigned long long	 acc = 0, lim;
	long long		 lo, hi, x;
	const char		*p = v;
	char			 buf[32];
	int			 neg = 0;

	lo = k->type == KA_TYPE_SHORT ? -32768 : k->type == KA_TYPE_INT ?
	    -2147483647LL - 1 : LLONG_MIN;
	hi = k->type == KA_TYPE_SHORT ? 32767 : k->type == KA_TYPE_INT ?
	    2147483647 : LLONG_MAX;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (*p == '\0')
		return fail("not a whole number", why);
	lim = neg ? (unsigned long long)-(lo + 1) + 1 : (unsigned long long)hi;
	for (; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return fail("not a whole number: digits only, no "
			    "units", why);
		if (acc > (lim - (unsigned long long)(*p - '0')) / 10)
			return fail(k->type == KA_TYPE_LONG ? "too large for "
			    "a 64-bit integer" : k->type == KA_TYPE_INT ?
			    "too large for a 32-bit integer" :
			    "too large for a 16-bit integer", why);
		acc = acc * 10 + (unsigned long long)(*p - '0');
	}
	x = !neg ? (long long)acc : acc == 0 ? 0 : -(long long)(acc - 1) - 1;
	if (!in_range(k, (double)x))
		return fail("out of the key's valid range", why);
	snprintf(buf, sizeof(buf), "%lld", x);
	return done(k, buf, strlen(buf), out);
}

static int
java_hex_digit(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

/*
 * Double.parseDouble: [+-] then NaN, Infinity, a decimal with optional
 * exponent, or a hexadecimal with a binary exponent, then an optional
 * f/F/d/D.  Returns the length without the suffix, or 0.
 */
static size_t
java_double_syntax(const char *v)
{
	const char	*p = v, *start;
	int		 hex, digits = 0;

	if (*p == '+' || *p == '-')
		p++;
	if (strcmp(p, "NaN") == 0 || strcmp(p, "Infinity") == 0)
		return strlen(v);
	hex = p[0] == '0' && (p[1] == 'x' || p[1] == 'X');
	if (hex)
		p += 2;
	start = p;
	while (hex ? java_hex_digit(*p) : (*p >= '0' && *p <= '9'))
		p++, digits++;
	if (*p == '.')
		for (p++; hex ? java_hex_digit(*p) : (*p >= '0' && *p <= '9');
		    p++)
			digits++;
	if (digits == 0 || p == start)
		return 0;
	if (hex ? (*p == 'p' || *p == 'P') : (*p == 'e' || *p == 'E')) {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (*p < '0' || *p > '9')
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	} else if (hex)
		return 0;
	if (*p == '\0')
		return (size_t)(p - v);
	if (strchr("fFdD", *p) != NULL && p[1] == '\0')
		return (size_t)(p - v);
	return 0;
}

static int
java_double(const struct ka_keydef *k, const char *v, char **out,
    const char **why)
{
	char	*copy;
	double	 d;
	size_t	 len;

	len = java_double_syntax(v);
	if (len == 0)
		return fail("not a number", why);
	copy = xstrndup(v, len);
	d = strtod(copy, NULL);
	free(copy);
	/* Range.ensureValid compares doubles, so NaN passes it. */
	if (!isnan(d) && !in_range(k, d))
		return fail("out of the key's valid range", why);
	*out = shortest(d);
	return 0;
}

static int
java_boolean(const struct ka_keydef *k, const char *v, char **out,
    const char **why)
{
	(void)k;
	if (strcasecmp(v, "true") == 0)
		*out = xstrdup("true");
	else if (strcasecmp(v, "false") == 0)
		*out = xstrdup("false");
	else
		return fail("expected true or false", why);
	return 0;
}

static int
java_string(const struct ka_keydef *k, const char *v, char **out,
    const char **why)
{
	(void)why;
	return done(k, v, strlen(v), out);
}

static int
java_enum(const struct ka_keydef *k, const char *v, char **out,
    const char **why)
{
	const char	*canon;
	size_t		 clen;

	if (!is_value(k, v, strlen(v), &canon, &clen))
		return fail(k->flags & KA_KEY_ENUM_NOCASE ?
		    "not one of the key's valid values" :
		    "not one of the key's valid values (case matters)", why);
	return done(k, canon, clen, out);
}

static int
java_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' ||
	    c == '\f' || c == '\r';
}

/*
 * ConfigDef LIST: "" is the empty list, else split on \s*,\s* and keep
 * empty elements; ValidList checks every element against the values.
 */
static int
java_list(const struct ka_keydef *k, const char *v, char **out,
    const char **why)
{
	const char	*p = v, *e, *canon;
	char		*buf, *w;
	size_t		 len, clen;

	buf = xmalloc(strlen(v) + 1);
	w = buf;
	while (*p != '\0') {
		e = strchr(p, ',');
		len = e == NULL ? strlen(p) : (size_t)(e - p);
		while (len > 0 && java_space(p[len - 1]))
			len--;
		canon = p;
		clen = len;
		if (k->values != NULL && !is_value(k, p, len, &canon, &clen)) {
			free(buf);
			return fail("an element is not one of the key's "
			    "valid values", why);
		}
		memcpy(w, canon, clen);
		w += clen;
		if (e == NULL)
			break;
		*w++ = ',';
		for (p = e + 1; java_space(*p); p++)
			continue;
		if (*p == '\0' && k->values != NULL) {
			free(buf);
			return fail("an element is not one of the key's "
			    "valid values", why);
		}
	}
	*w = '\0';
	*out = buf;
	return 0;
}

/* A binary class name; whether the class exists cannot be told here. */
static int
java_class(const struct ka_keydef *k, const char *v, char **out,
    const char **why)
{
	const char	*p;

	if (*v == '\0' || *v == '.' || v[strlen(v) - 1] == '.' ||
	    strstr(v, "..") != NULL)
		return fail("not a Java class name", why);
	for (p = v; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '_' || *p == '$' ||
		    *p == '.' || (unsigned char)*p >= 0x80))
			return fail("not a Java class name", why);
	return done(k, v, strlen(v), out);
}

static const reader_fn java_readers[KA_TYPE__MAX] = {
	[KA_TYPE_BOOLEAN] = java_boolean,
	[KA_TYPE_SHORT] = java_whole,
	[KA_TYPE_INT] = java_whole,
	[KA_TYPE_LONG] = java_whole,
	[KA_TYPE_DOUBLE] = java_double,
	[KA_TYPE_STRING] = java_string,
	[KA_TYPE_ENUM] = java_enum,
	[KA_TYPE_LIST] = java_list,
	[KA_TYPE_CLASS] = java_class,
	[KA_TYPE_PASSWORD] = java_string,
};

static int
c_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* rd_kafka_anyconf_set_prop(), _RK_C_BOOL: exact words, no trimming. */
static int
lrk_boolean(const struct ka_keydef *k, const char *v, char **out,
    const char **why)
{
	(void)k;
	if (strcasecmp(v, "true") == 0 || strcasecmp(v, "t") == 0 ||
	    strcmp(v, "1") == 0)
		*out = xstrdup("true");
	else if (strcasecmp(v, "false") == 0 || strcasecmp(v, "f") == 0 ||
	    strcmp(v, "0") == 0)
		*out = xstrdup("false");
	else
		return fail("expected true, t, 1, false, f or 0", why);
	return 0;
}

/*
 * _RK_C_INT: (int)strtol(v, &end, 0), so 0x10 and 010 are numbers,
 * trailing text is ignored, and a number too large for a long becomes
 * LONG_MAX and then, cut to an int, -1.  Only when no digit leads does a
 * name ("all") count, ignoring case.  Canonical: the name if the number
 * has one.
 */
static int
lrk_int(const struct ka_keydef *k, const char *v, char **out,
    const char **why)
{
	const char	*p, *s, *eq;
	char		*end;
	size_t		 n;
	long		 l;
	int		 ival, found = 0;

	l = strtol(v, &end, 0);
	ival = (int)l;
	if (end == v) {
		for (p = k->values; next_entry(&p, &s, &n) && !found; ) {
			eq = memchr(s, '=', n);
			if (eq != NULL && strlen(v) == (size_t)(eq - s) &&
			    strncasecmp(v, s, (size_t)(eq - s)) == 0) {
				ival = (int)strtol(eq + 1, NULL, 10);
				found = 1;
			}
		}
		if (!found)
			return fail("not a number", why);
	}
	if (!in_range(k, ival))
		return fail("out of the property's range", why);
	for (p = k->values; next_entry(&p, &s, &n); ) {
		eq = memchr(s, '=', n);
		if (eq != NULL && strtol(eq + 1, NULL, 10) == ival)
			return done(k, s, (size_t)(eq - s), out);
	}
	*out = xasprintf("%d", ival);
	return 0;
}

/* _RK_C_DBL: strtod, trailing text ignored. */
static int
lrk_double(const struct ka_keydef *k, const char *v, char **out,
    const char **why)
{
	char	*end;
	double	 d;

	d = strtod(v, &end);
	if (end == v)
		return fail("not a number", why);
	if (!in_range(k, d))
		return fail("out of the property's range", why);
	*out = shortest(d);
	return 0;
}

/* _RK_C_STR: leading white space is dropped. */
static int
lrk_string(const struct ka_keydef *k, const char *v, char **out,
    const char **why)
{
	(void)why;
	while (c_space(*v))
		v++;
	return done(k, v, strlen(v), out);
}

/*
 * _RK_C_S2I and _RK_C_S2F: each comma-separated word (one for S2I) loses
 * its leading white space, not its trailing (librdkafka's right trim
 * starts past the end), and a flag may carry + or -.  A value of nothing
 * but white space sets nothing, so the default stays.
 */
static int
lrk_words(const struct ka_keydef *k, const char *v, char **out,
    const char **why)
{
	const char	*s, *t, *canon = NULL;
	char		*buf, *w, sign;
	size_t		 clen = 0;
	int		 flags = k->type == KA_TYPE_LIST;

	buf = xmalloc(strlen(v) + 1);
	w = buf;
	for (s = v; s != NULL; s = *t == ',' ? t + 1 : NULL) {
		t = flags ? strchr(s, ',') : NULL;
		if (t == NULL)
			t = s + strlen(s);
		while (s < t && c_space(*s))
			s++;
		sign = '\0';
		if (flags && s < t && (*s == '+' || *s == '-'))
			sign = *s++;
		if (s == t)
			continue;
		canon = s;
		clen = (size_t)(t - s);
		if (k->values != NULL &&
		    !is_value(k, s, (size_t)(t - s), &canon, &clen)) {
			free(buf);
			return fail("not one of the property's values", why);
		}
		if (w != buf)
			*w++ = ',';
		if (sign != '\0')
			*w++ = sign;
		memcpy(w, canon, clen);
		w += clen;
	}
	*w = '\0';
	if (flags) {
		*out = buf;
		return 0;
	}
	free(buf);
	if (canon == NULL) {
		*out = xstrdup(k->dflt != NULL ? k->dflt : "");
		return 0;
	}
	return done(k, canon, clen, out);
}

static const reader_fn lrk_readers[KA_TYPE__MAX] = {
	[KA_TYPE_BOOLEAN] = lrk_boolean,
	[KA_TYPE_SHORT] = lrk_int,
	[KA_TYPE_INT] = lrk_int,
	[KA_TYPE_LONG] = lrk_int,
	[KA_TYPE_DOUBLE] = lrk_double,
	[KA_TYPE_STRING] = lrk_string,
	[KA_TYPE_ENUM] = lrk_words,
	[KA_TYPE_LIST] = lrk_words,
	[KA_TYPE_CLASS] = lrk_string,
	[KA_TYPE_PASSWORD] = lrk_string,
};

/* String.trim(): every char up to U+0020 goes, at both ends. */
static char *
java_trim(const char *raw)
{
	size_t	 len;

	while (*raw != '\0' && (unsigned char)*raw <= ' ')
		raw++;
	len = strlen(raw);
	while (len > 0 && (unsigned char)raw[len - 1] <= ' ')
		len--;
	return xstrndup(raw, len);
}

int
ka_catalog_normalize(const struct ka_keydef *k, const char *raw, char **out,
    const char **why)
{
	char	*v;
	int	 rc;

	*out = NULL;
	*why = NULL;
	switch (dialects[k->dialect].reader) {
	case READ_LIBRDKAFKA:
		if (k->flags & KA_KEY_API_ONLY)
			return fail("set only through librdkafka's own API "
			    "call, never from a string", why);
		return lrk_readers[k->type](k, raw, out, why);
	case READ_SCALA:
		return java_readers[k->type](k, raw, out, why);
	case READ_JAVA:
		break;
	}
	v = java_trim(raw);
	rc = java_readers[k->type](k, v, out, why);
	free(v);
	return rc;
}
