/*
 * Cluster snapshots as JSON, through jansson: the writer builds one json_t
 * tree from the cluster and dumps it with a fixed key order; the reader
 * walks a loaded tree strictly, member by member, keeping the JSON pointer
 * (RFC 6901) of where it is so that any error can name the member.  No
 * jansson object leaves this file.
 *
 * Version 1:
 *
 *	{ "kafkaAuditSnapshot": 1, "fetchedAt": "...Z", "bootstrap": "...",
 *	  "clusterId": "..." | null, "controller": id | -1,
 *	  "complete": bool,
 *	  "brokers": [ { "id", "host", "port", "rack": str | null,
 *	                 "configs": CONFIGS } ],
 *	  "topics": [ { "name", "internal": bool, "error": str | null,
 *	                "partitions": [ { "id", "leader", "replicas": [id],
 *	                                  "isr": [id], "error": str | null } ],
 *	                "configs": CONFIGS } ] }
 *
 *	CONFIGS: { "state": "none" | "ok" | "failed", "error": str | null,
 *	           "entries": { NAME: { "value": str | null, "source": SOURCE,
 *	                                "sensitive": bool,
 *	                                "readOnly": bool } } }
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "cluster.h"
#include "diag.h"
#include "jsonpos.h"
#include "snapshot.h"
#include "xmalloc.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

#define VERSION_KEY	"kafkaAuditSnapshot"

/* The members of each object, in the order they are written. */
static const char *const top_keys[] = {
	VERSION_KEY, "fetchedAt", "bootstrap", "clusterId", "controller",
	"complete", "brokers", "topics"
};
static const char *const broker_keys[] = {
	"id", "host", "port", "rack", "configs"
};
static const char *const topic_keys[] = {
	"name", "internal", "error", "partitions", "configs"
};
static const char *const partition_keys[] = {
	"id", "leader", "replicas", "isr", "error"
};
static const char *const configs_keys[] = {
	"state", "error", "entries"
};
static const char *const entry_keys[] = {
	"value", "source", "sensitive", "readOnly"
};

/* ---- Writing ---------------------------------------------------------- */

/*
 * The length of the well-formed UTF-8 sequence at s (RFC 3629), or 0.
 * Model strings come from Kafka, which speaks UTF-8, but a broker's
 * config value is not checked by anyone, and jansson refuses bad UTF-8.
 */
static size_t
utf8_len(const unsigned char *s)
{
	size_t	 n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] > 0x9f) ||
	    (s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] > 0x8f))
		return 0;
	return n;
}

/* A JSON string, or null for NULL; bad UTF-8 becomes U+FFFD. */
static json_t *
jstr(const char *s)
{
	json_t	*j;
	char	*fixed;
	size_t	 i, n, len, seq;

	if (s == NULL)
		return json_null();
	j = json_string(s);
	if (j != NULL)
		return j;
	len = strlen(s);
	fixed = xmalloc(len * 3 + 1);
	for (i = n = 0; i < len; i += seq) {
		seq = utf8_len((const unsigned char *)s + i);
		if (seq == 0) {
			memcpy(fixed + n, "\xef\xbf\xbd", 3);
			n += 3;
			seq = 1;
		} else {
			memcpy(fixed + n, s + i, seq);
			n += seq;
		}
	}
	fixed[n] = '\0';
	j = json_string(fixed);
	free(fixed);
	return j;
}

/* Set a member; a NULL value (jansson out of memory) is a failure. */
static int
set(json_t *o, const char *key, json_t *v)
{
	if (v == NULL)
		return -1;
	return json_object_set_new(o, key, v);
}

static int
push(json_t *a, json_t *v)
{
	if (v == NULL)
		return -1;
	return json_array_append_new(a, v);
}

static json_t *
ids(const int32_t *v, size_t n, int *bad)
{
	json_t	*a;
	size_t	 i;

	a = json_array();
	if (a == NULL) {
		*bad = 1;
		return NULL;
	}
	for (i = 0; i < n; i++)
		*bad |= push(a, json_integer(v[i])) != 0;
	return a;
}

static json_t *
configs_json(const struct ka_configs *cs, int *bad)
{
	const struct ka_config	*c;
	json_t			*o, *entries, *e;
	size_t			 i;
	int			 b = 0;

	o = json_object();
	entries = json_object();
	if (o == NULL || entries == NULL) {
		*bad = 1;
		json_decref(o);
		json_decref(entries);
		return NULL;
	}
	b |= set(o, "state", jstr(ka_fetch_state_name(cs->state)));
	b |= set(o, "error", jstr(cs->error));
	for (i = 0; i < cs->len; i++) {
		c = &cs->v[i];
		e = json_object();
		if (e == NULL) {
			b = 1;
			continue;
		}
		/* A secret is never written, whatever the model holds. */
		b |= set(e, "value", jstr(c->sensitive ? NULL : c->value));
		b |= set(e, "source", jstr(ka_cfg_source_name(c->source)));
		b |= set(e, "sensitive", json_boolean(c->sensitive));
		b |= set(e, "readOnly", json_boolean(c->read_only));
		b |= set(entries, c->name, e);
	}
	b |= set(o, "entries", entries);
	*bad |= b != 0;
	return o;
}

static json_t *
broker_json(const struct ka_broker *br, int *bad)
{
	json_t	*o;
	int	 b = 0;

	o = json_object();
	if (o == NULL) {
		*bad = 1;
		return NULL;
	}
	b |= set(o, "id", json_integer(br->id));
	b |= set(o, "host", jstr(br->host != NULL ? br->host : ""));
	b |= set(o, "port", json_integer(br->port));
	b |= set(o, "rack", jstr(br->rack));
	b |= set(o, "configs", configs_json(&br->configs, bad));
	*bad |= b != 0;
	return o;
}

static json_t *
topic_json(const struct ka_topic *t, int *bad)
{
	const struct ka_partition	*p;
	json_t				*o, *parts, *po;
	size_t				 i;
	int				 b = 0;

	o = json_object();
	parts = json_array();
	if (o == NULL || parts == NULL) {
		*bad = 1;
		json_decref(o);
		json_decref(parts);
		return NULL;
	}
	b |= set(o, "name", jstr(t->name));
	b |= set(o, "internal", json_boolean(t->internal));
	b |= set(o, "error", jstr(t->error));
	for (i = 0; i < t->nparts; i++) {
		p = &t->parts[i];
		po = json_object();
		if (po == NULL) {
			b = 1;
			continue;
		}
		b |= set(po, "id", json_integer(p->id));
		b |= set(po, "leader", json_integer(p->leader));
		b |= set(po, "replicas", ids(p->replicas, p->nreplicas, bad));
		b |= set(po, "isr", ids(p->isr, p->nisr, bad));
		b |= set(po, "error", jstr(p->error));
		b |= push(parts, po);
	}
	b |= set(o, "partitions", parts);
	b |= set(o, "configs", configs_json(&t->configs, bad));
	*bad |= b != 0;
	return o;
}

int
ka_snapshot_write(const struct ka_cluster *c, FILE *fp)
{
	json_t	*root, *brokers, *topics;
	size_t	 i;
	int	 bad = 0, rc;

	root = json_object();
	brokers = json_array();
	topics = json_array();
	if (root == NULL || brokers == NULL || topics == NULL) {
		json_decref(root);
		json_decref(brokers);
		json_decref(topics);
		return -1;
	}
	bad |= set(root, VERSION_KEY, json_integer(KA_SNAPSHOT_VERSION));
	bad |= set(root, "fetchedAt", jstr(c->fetched_at != NULL ?
	    c->fetched_at : ""));
	bad |= set(root, "bootstrap", jstr(c->bootstrap != NULL ?
	    c->bootstrap : ""));
	bad |= set(root, "clusterId", jstr(c->cluster_id));
	bad |= set(root, "controller", json_integer(c->controller));
	bad |= set(root, "complete", json_boolean(c->complete));
	for (i = 0; i < c->nbrokers; i++)
		bad |= push(brokers, broker_json(&c->brokers[i], &bad));
	for (i = 0; i < c->ntopics; i++)
		bad |= push(topics, topic_json(&c->topics[i], &bad));
	bad |= set(root, "brokers", brokers);
	bad |= set(root, "topics", topics);
	rc = bad ? -1 : json_dumpf(root, fp, JSON_INDENT(2) |
	    JSON_PRESERVE_ORDER);
	json_decref(root);
	if (rc == 0 && fputc('\n', fp) == EOF)
		rc = -1;
	return rc == 0 ? 0 : -1;
}

static mode_t
current_umask(void)
{
	mode_t	 m;

	m = umask(077);
	umask(m);
	return m;
}

int
ka_snapshot_save(const struct ka_cluster *c, const char *path,
    struct ka_diags *d)
{
	struct stat	 st;
	FILE		*fp;
	char		*tmp;
	int		 fd, rc;

	if (strcmp(path, "-") == 0) {
		if (ka_snapshot_write(c, stdout) == -1 || fflush(stdout) != 0) {
			ka_diag(d, KA_D_OUTPUT_WRITE, NULL, "cannot write the "
			    "snapshot to standard output: %s", strerror(errno));
			return -1;
		}
		return 0;
	}
	/*
	 * A new or regular file is replaced at once, by renaming a
	 * finished copy over it, so that a failed run leaves the old
	 * snapshot whole.  Anything else (/dev/null, a pipe, a link) is
	 * written in place: renaming over it would replace the device or
	 * the link itself.
	 */
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if ((fp = fopen(path, "w")) == NULL)
			rc = -1;
		else {
			rc = ka_snapshot_write(c, fp);
			if (fclose(fp) != 0)
				rc = -1;
		}
		if (rc == -1)
			ka_diag(d, KA_D_OUTPUT_WRITE, NULL, "cannot write the "
			    "snapshot to %s: %s", path, strerror(errno));
		return rc;
	}
	tmp = xasprintf("%s.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd == -1) {
		ka_diag(d, KA_D_OUTPUT_WRITE, NULL, "cannot write the "
		    "snapshot to %s: %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	/* mkstemp makes the file 0600; a snapshot holds no secret. */
	fchmod(fd, 0666 & ~current_umask());
	fp = fdopen(fd, "w");
	if (fp == NULL) {
		close(fd);
		rc = -1;
	} else {
		rc = ka_snapshot_write(c, fp);
		if (fflush(fp) != 0 || ferror(fp))
			rc = -1;
		if (fclose(fp) != 0)
			rc = -1;
	}
	if (rc == 0 && rename(tmp, path) == -1)
		rc = -1;
	if (rc == -1) {
		ka_diag(d, KA_D_OUTPUT_WRITE, NULL, "cannot write the "
		    "snapshot to %s: %s", path, strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return rc;
}

/* ---- Reading ---------------------------------------------------------- */

/*
 * The lines of the snapshot's brokers, topics and partitions, in file
 * order, so that a live finding can point at its place in the snapshot
 * (SARIF, Code Quality), found by jsonpos.h; tfirst[i] is the index in
 * plines of the first partition of topic i.
 */
struct lines {
	unsigned int	*blines, *tlines, *plines;	/* owned */
	size_t		*tfirst;			/* owned */
	size_t		 nb, nt, np;
};

struct reader {
	const char	*name;		/* the file, for messages */
	struct ka_diags	*d;
	char		*ptr;		/* owned: JSON pointer of the place */
	size_t		 len, cap;
	struct lines	 lines;
};

static void
line_add(unsigned int **v, size_t *n, unsigned int line)
{
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = line;
}

/* The lines of the objects of "brokers", "topics" and "partitions". */
static void
on_object(void *arg, unsigned int depth, const char *key, size_t keylen,
    unsigned int line, unsigned int col)
{
	struct lines	*l = arg;

	(void)col;
	if (depth == 1 && keylen == 7 && memcmp(key, "brokers", 7) == 0)
		line_add(&l->blines, &l->nb, line);
	else if (depth == 1 && keylen == 6 &&
	    memcmp(key, "topics", 6) == 0) {
		l->tfirst = xreallocarray(l->tfirst, l->nt + 1,
		    sizeof(*l->tfirst));
		l->tfirst[l->nt] = l->np;
		line_add(&l->tlines, &l->nt, line);
	} else if (depth == 3 && keylen == 10 &&
	    memcmp(key, "partitions", 10) == 0)
		line_add(&l->plines, &l->np, line);
}

static void
lines_clear(struct lines *l)
{
	free(l->blines);
	free(l->tlines);
	free(l->plines);
	free(l->tfirst);
	memset(l, 0, sizeof(*l));
}

static void
ptr_add(struct reader *r, const char *s, size_t n)
{
	if (r->len + n + 1 > r->cap) {
		r->cap = (r->len + n + 1) * 2;
		r->ptr = xreallocarray(r->ptr, r->cap, 1);
	}
	memcpy(r->ptr + r->len, s, n);
	r->len += n;
	r->ptr[r->len] = '\0';
}

/* Descend into a member: "/" and the key, escaped as RFC 6901 says. */
static size_t
enter(struct reader *r, const char *key)
{
	size_t	 at = r->len;

	ptr_add(r, "/", 1);
	for (; *key != '\0'; key++)
		if (*key == '~')
			ptr_add(r, "~0", 2);
		else if (*key == '/')
			ptr_add(r, "~1", 2);
		else
			ptr_add(r, key, 1);
	return at;
}

static size_t
enter_index(struct reader *r, size_t i)
{
	char	 buf[32];

	snprintf(buf, sizeof(buf), "%zu", i);
	return enter(r, buf);
}

static void
leave(struct reader *r, size_t at)
{
	r->len = at;
	if (r->ptr != NULL)
		r->ptr[at] = '\0';
}

static int
bad(struct reader *r, const char *fmt, ...)
    __attribute__((__format__(__printf__, 2, 3)));

static int
bad(struct reader *r, const char *fmt, ...)
{
	struct ka_loc	 loc;
	va_list		 ap;
	char		*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	loc.path = r->name;
	loc.line = loc.col = 0;
	ka_diag(r->d, KA_D_SNAPSHOT_SCHEMA, &loc, "%s: %s",
	    r->len > 0 ? r->ptr : "(the document)", msg);
	free(msg);
	return -1;
}

static const char *
type_name(const json_t *j)
{
	static const struct {
		json_type	 type;
		const char	*name;
	} names[] = {
		{ JSON_OBJECT, "an object" },
		{ JSON_ARRAY, "an array" },
		{ JSON_STRING, "a string" },
		{ JSON_INTEGER, "an integer" },
		{ JSON_REAL, "a number with a fraction" },
		{ JSON_TRUE, "true" },
		{ JSON_FALSE, "false" },
		{ JSON_NULL, "null" },
	};
	size_t	 i;

	for (i = 0; i < NELEM(names); i++)
		if (json_typeof(j) == names[i].type)
			return names[i].name;
	return "a value";
}

/* o must be an object with exactly these members. */
static int
members(struct reader *r, const json_t *o, const char *const *keys,
    size_t n)
{
	const char	*key;
	json_t		*v;
	size_t		 i, at;

	if (!json_is_object(o))
		return bad(r, "expected an object, not %s", type_name(o));
	for (i = 0; i < n; i++)
		if (json_object_get(o, keys[i]) == NULL)
			return bad(r, "the member \"%s\" is missing", keys[i]);
	json_object_foreach((json_t *)(uintptr_t)o, key, v) {
		for (i = 0; i < n; i++)
			if (strcmp(keys[i], key) == 0)
				break;
		if (i == n) {
			at = enter(r, key);
			bad(r, "unknown member");
			leave(r, at);
			return -1;
		}
	}
	return 0;
}

static int
get_str(struct reader *r, const json_t *o, const char *key, int nullable,
    char **out)
{
	json_t	*v = json_object_get(o, key);
	size_t	 at;
	int	 rc = 0;

	at = enter(r, key);
	if (nullable && json_is_null(v))
		*out = NULL;
	else if (json_is_string(v))
		*out = xstrdup(json_string_value(v));
	else
		rc = bad(r, "expected a string%s, not %s",
		    nullable ? " or null" : "", type_name(v));
	leave(r, at);
	return rc;
}

static int
int_value(struct reader *r, const json_t *v, long long min, long long max,
    long long *out)
{
	if (!json_is_integer(v))
		return bad(r, "expected an integer, not %s", type_name(v));
	*out = json_integer_value(v);
	if (*out < min || *out > max)
		return bad(r, "%lld is out of range (%lld to %lld)", *out, min,
		    max);
	return 0;
}

static int
get_int(struct reader *r, const json_t *o, const char *key, long long min,
    long long max, long long *out)
{
	size_t	 at;
	int	 rc;

	at = enter(r, key);
	rc = int_value(r, json_object_get(o, key), min, max, out);
	leave(r, at);
	return rc;
}

static int
get_bool(struct reader *r, const json_t *o, const char *key, int *out)
{
	json_t	*v = json_object_get(o, key);
	size_t	 at;
	int	 rc = 0;

	at = enter(r, key);
	if (json_is_boolean(v))
		*out = json_is_true(v);
	else
		rc = bad(r, "expected true or false, not %s", type_name(v));
	leave(r, at);
	return rc;
}

static int
get_ids(struct reader *r, const json_t *o, const char *key, int32_t **v,
    size_t *n)
{
	json_t		*a = json_object_get(o, key);
	long long	 id;
	size_t		 i, at, at2;
	int		 rc = 0;

	at = enter(r, key);
	if (!json_is_array(a)) {
		rc = bad(r, "expected an array, not %s", type_name(a));
		goto out;
	}
	*n = json_array_size(a);
	*v = *n > 0 ? xreallocarray(NULL, *n, sizeof(**v)) : NULL;
	for (i = 0; i < *n && rc == 0; i++) {
		at2 = enter_index(r, i);
		rc = int_value(r, json_array_get(a, i), 0, INT32_MAX, &id);
		leave(r, at2);
		(*v)[i] = (int32_t)id;
	}
out:
	leave(r, at);
	return rc;
}

static int
read_configs(struct reader *r, const json_t *o, struct ka_configs *cs)
{
	const char		*name;
	struct ka_config	*c;
	json_t			*entries, *e;
	char			*s;
	size_t			 at, at2;
	int			 rc = -1;

	at = enter(r, "configs");
	if (members(r, o, configs_keys, NELEM(configs_keys)) == -1)
		goto out;
	if (get_str(r, o, "state", 0, &s) == -1)
		goto out;
	if (ka_fetch_state_parse(s, &cs->state) == -1) {
		free(s);
		enter(r, "state");
		bad(r, "expected \"none\", \"ok\" or \"failed\"");
		goto out;
	}
	free(s);
	if (get_str(r, o, "error", 1, &cs->error) == -1)
		goto out;
	if ((cs->state == KA_FETCH_FAILED) != (cs->error != NULL)) {
		enter(r, "error");
		bad(r, "expected a string exactly when the state is "
		    "\"failed\"");
		goto out;
	}
	entries = json_object_get(o, "entries");
	at2 = enter(r, "entries");
	if (!json_is_object(entries)) {
		bad(r, "expected an object, not %s", type_name(entries));
		goto out;
	}
	if (cs->state != KA_FETCH_OK && json_object_size(entries) > 0) {
		bad(r, "configs that were not read have no entries");
		goto out;
	}
	json_object_foreach(entries, name, e) {
		size_t	 at3 = enter(r, name);

		c = ka_configs_add(cs);
		c->name = xstrdup(name);
		if (members(r, e, entry_keys, NELEM(entry_keys)) == -1 ||
		    get_str(r, e, "value", 1, &c->value) == -1 ||
		    get_str(r, e, "source", 0, &s) == -1)
			goto out;
		if (ka_cfg_source_parse(s, &c->source) == -1) {
			free(s);
			enter(r, "source");
			bad(r, "not a config source kafka-audit knows");
			goto out;
		}
		free(s);
		if (get_bool(r, e, "sensitive", &c->sensitive) == -1 ||
		    get_bool(r, e, "readOnly", &c->read_only) == -1)
			goto out;
		if (c->sensitive && c->value != NULL) {
			enter(r, "value");
			bad(r, "a sensitive config must have a null value; "
			    "snapshots never hold secrets");
			goto out;
		}
		leave(r, at3);
	}
	leave(r, at2);
	rc = 0;
out:
	if (rc == 0)
		leave(r, at);
	return rc;
}

static int
read_broker(struct reader *r, const json_t *o, struct ka_cluster *c)
{
	struct ka_broker	*b;
	long long		 v;

	b = ka_cluster_add_broker(c);
	if (c->nbrokers <= r->lines.nb)
		b->line = r->lines.blines[c->nbrokers - 1];
	if (members(r, o, broker_keys, NELEM(broker_keys)) == -1 ||
	    get_int(r, o, "id", 0, INT32_MAX, &v) == -1)
		return -1;
	b->id = (int32_t)v;
	if (get_str(r, o, "host", 0, &b->host) == -1 ||
	    get_int(r, o, "port", 0, 65535, &v) == -1)
		return -1;
	b->port = (int)v;
	if (get_str(r, o, "rack", 1, &b->rack) == -1)
		return -1;
	return read_configs(r, json_object_get(o, "configs"), &b->configs);
}

static int
read_partition(struct reader *r, const json_t *o, struct ka_topic *t,
    size_t ti)
{
	struct ka_partition	*p;
	long long		 v;
	size_t			 at;

	p = ka_topic_add_partition(t);
	if (ti < r->lines.nt) {
		at = r->lines.tfirst[ti] + t->nparts - 1;
		if (at < r->lines.np && (ti + 1 == r->lines.nt ||
		    at < r->lines.tfirst[ti + 1]))
			p->line = r->lines.plines[at];
	}
	if (members(r, o, partition_keys, NELEM(partition_keys)) == -1 ||
	    get_int(r, o, "id", 0, INT32_MAX, &v) == -1)
		return -1;
	p->id = (int32_t)v;
	if (get_int(r, o, "leader", -1, INT32_MAX, &v) == -1)
		return -1;
	p->leader = (int32_t)v;
	if (get_ids(r, o, "replicas", &p->replicas, &p->nreplicas) == -1 ||
	    get_ids(r, o, "isr", &p->isr, &p->nisr) == -1 ||
	    get_str(r, o, "error", 1, &p->error) == -1)
		return -1;
	return 0;
}

static int
read_topic(struct reader *r, const json_t *o, struct ka_cluster *c)
{
	struct ka_topic	*t;
	json_t		*parts;
	size_t		 i, at, at2, ti;

	t = ka_cluster_add_topic(c);
	ti = c->ntopics - 1;
	if (ti < r->lines.nt)
		t->line = r->lines.tlines[ti];
	if (members(r, o, topic_keys, NELEM(topic_keys)) == -1 ||
	    get_str(r, o, "name", 0, &t->name) == -1 ||
	    get_bool(r, o, "internal", &t->internal) == -1 ||
	    get_str(r, o, "error", 1, &t->error) == -1)
		return -1;
	parts = json_object_get(o, "partitions");
	at = enter(r, "partitions");
	if (!json_is_array(parts))
		return bad(r, "expected an array, not %s", type_name(parts));
	for (i = 0; i < json_array_size(parts); i++) {
		at2 = enter_index(r, i);
		if (read_partition(r, json_array_get(parts, i), t,
		    ti) == -1)
			return -1;
		leave(r, at2);
	}
	leave(r, at);
	return read_configs(r, json_object_get(o, "configs"), &t->configs);
}

/* Walk an array member, calling fn on each element. */
static int
read_array(struct reader *r, const json_t *root, const char *key,
    int (*fn)(struct reader *, const json_t *, struct ka_cluster *),
    struct ka_cluster *c)
{
	json_t	*a = json_object_get(root, key);
	size_t	 i, at, at2;

	at = enter(r, key);
	if (!json_is_array(a))
		return bad(r, "expected an array, not %s", type_name(a));
	for (i = 0; i < json_array_size(a); i++) {
		at2 = enter_index(r, i);
		if (fn(r, json_array_get(a, i), c) == -1)
			return -1;
		leave(r, at2);
	}
	leave(r, at);
	return 0;
}

/* After sorting: a broker id, topic name or partition id given twice. */
static int
duplicates(struct reader *r, const struct ka_cluster *c)
{
	const struct ka_topic	*t;
	size_t			 i, j;

	for (i = 1; i < c->nbrokers; i++)
		if (c->brokers[i].id == c->brokers[i - 1].id) {
			enter(r, "brokers");
			return bad(r, "broker %d is listed twice",
			    (int)c->brokers[i].id);
		}
	for (i = 0; i < c->ntopics; i++) {
		t = &c->topics[i];
		if (i > 0 && strcmp(t->name, c->topics[i - 1].name) == 0) {
			enter(r, "topics");
			return bad(r, "topic \"%s\" is listed twice", t->name);
		}
		for (j = 1; j < t->nparts; j++)
			if (t->parts[j].id == t->parts[j - 1].id) {
				enter(r, "topics");
				return bad(r, "partition %d of topic \"%s\" is "
				    "listed twice", (int)t->parts[j].id,
				    t->name);
			}
	}
	return 0;
}

static int
read_root(struct reader *r, const json_t *root, struct ka_cluster *c)
{
	json_t		*ver;
	long long	 v;
	size_t		 at;

	if (!json_is_object(root))
		return bad(r, "expected an object, not %s", type_name(root));
	ver = json_object_get(root, VERSION_KEY);
	if (ver == NULL)
		return bad(r, "not a kafka-audit snapshot: the member \"%s\" "
		    "is missing", VERSION_KEY);
	at = enter(r, VERSION_KEY);
	if (!json_is_integer(ver) ||
	    json_integer_value(ver) != KA_SNAPSHOT_VERSION) {
		if (json_is_integer(ver))
			return bad(r, "snapshot format %lld is not one this "
			    "kafka-audit reads (it reads %d)",
			    (long long)json_integer_value(ver),
			    KA_SNAPSHOT_VERSION);
		return bad(r, "expected the format version %d, not %s",
		    KA_SNAPSHOT_VERSION, type_name(ver));
	}
	leave(r, at);
	if (members(r, root, top_keys, NELEM(top_keys)) == -1 ||
	    get_str(r, root, "fetchedAt", 0, &c->fetched_at) == -1 ||
	    get_str(r, root, "bootstrap", 0, &c->bootstrap) == -1 ||
	    get_str(r, root, "clusterId", 1, &c->cluster_id) == -1 ||
	    get_int(r, root, "controller", -1, INT32_MAX, &v) == -1)
		return -1;
	c->controller = (int32_t)v;
	if (get_bool(r, root, "complete", &c->complete) == -1 ||
	    read_array(r, root, "brokers", read_broker, c) == -1 ||
	    read_array(r, root, "topics", read_topic, c) == -1)
		return -1;
	ka_cluster_sort(c);
	return duplicates(r, c);
}

static int
load(struct ka_cluster *c, const char *name, json_t *root,
    const json_error_t *jerr, const char *text, size_t len,
    struct ka_diags *d)
{
	struct reader	 r;
	struct ka_loc	 loc;
	int		 rc;

	loc.path = name;
	loc.line = loc.col = 0;
	if (root == NULL) {
		if (jerr->line > 0) {
			loc.line = (unsigned int)jerr->line;
			loc.col = jerr->column > 0 ?
			    (unsigned int)jerr->column : 0;
		}
		ka_diag(d, KA_D_SNAPSHOT_SYNTAX, &loc, "not valid JSON: %s",
		    jerr->text);
		return -1;
	}
	memset(&r, 0, sizeof(r));
	r.name = name;
	r.d = d;
	ka_jsonpos_objects(text, len, on_object, &r.lines);
	c->origin = xstrdup(name);
	rc = read_root(&r, root, c);
	free(r.ptr);
	lines_clear(&r.lines);
	json_decref(root);
	return rc;
}

int
ka_snapshot_parse(struct ka_cluster *c, const char *name, const char *text,
    size_t len, struct ka_diags *d)
{
	json_error_t	 jerr;
	json_t		*root;

	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	return load(c, name, root, &jerr, text, len, d);
}

/*
 * The whole of fp, at most KA_SNAPSHOT_MAX_BYTES; owned by the caller.
 * NULL, with errno set, on a read error, and with *big set when larger.
 */
static char *
slurp(FILE *fp, size_t *len, int *big)
{
	char	*buf = NULL;
	size_t	 cap = 0, n;

	*len = 0;
	*big = 0;
	for (;;) {
		if (*len == cap) {
			cap = cap == 0 ? 65536 : cap * 2;
			buf = xreallocarray(buf, cap, 1);
		}
		n = fread(buf + *len, 1, cap - *len, fp);
		*len += n;
		if (*len > KA_SNAPSHOT_MAX_BYTES) {
			*big = 1;
			free(buf);
			return NULL;
		}
		if (n == 0)
			break;
	}
	if (ferror(fp)) {
		free(buf);
		return NULL;
	}
	return buf;
}

int
ka_snapshot_read(struct ka_cluster *c, const char *path, struct ka_diags *d)
{
	struct ka_loc	 loc;
	struct stat	 st;
	FILE		*fp;
	const char	*name;
	char		*text;
	size_t		 len;
	int		 big, rc;

	name = strcmp(path, "-") == 0 ? "(standard input)" : path;
	loc.path = name;
	loc.line = loc.col = 0;
	fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (fp == NULL) {
		ka_diag(d, KA_D_SOURCE_OPEN, &loc, "cannot open the snapshot: "
		    "%s", strerror(errno));
		return -1;
	}
	big = fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) &&
	    (unsigned long long)st.st_size > KA_SNAPSHOT_MAX_BYTES;
	text = big ? NULL : slurp(fp, &len, &big);
	if (text == NULL && !big)
		ka_diag(d, KA_D_SOURCE_READ, &loc, "cannot read the snapshot: "
		    "%s", strerror(errno));
	if (fp != stdin)
		fclose(fp);
	if (big) {
		ka_diag(d, KA_D_SOURCE_TOO_LARGE, &loc, "the snapshot is "
		    "larger than %u MiB", KA_SNAPSHOT_MAX_BYTES >> 20);
		return -1;
	}
	if (text == NULL)
		return -1;
	rc = ka_snapshot_parse(c, name, text, len, d);
	free(text);
	return rc;
}
