/*
 * The JSON reporter and the JSON rule catalogue: the only file that talks
 * to jansson.  The catalogue is built as one json_t tree, dumped and
 * dropped; no jansson object leaves this file.  The report, which may
 * hold many thousand findings, is written as it goes by a small writer
 * that writes what jansson would (see struct jw).
 *
 * The key order of every object is API (golden files compare bytes), so
 * objects are filled in the documented order and dumped with
 * JSON_PRESERVE_ORDER.
 *
 * Construction errors (jansson allocating, a string it refuses) are
 * collected in an int that every step ORs into, so the builders read as a
 * list of fields; set() never hands jansson a NULL value.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "report.h"
#include "xmalloc.h"

#define SCHEMA_VERSION	1

/*
 * Well-formed UTF-8 (RFC 3629): for each lead byte range, the length of
 * the sequence and the range of its second byte, which is what rules out
 * overlong forms, surrogates and code points above U+10FFFF.  Later bytes
 * are always 0x80 to 0xbf.
 */
static const struct {
	unsigned char	 lo, hi;	/* lead byte */
	unsigned int	 len;
	unsigned char	 lo2, hi2;	/* second byte */
} utf8_lead[] = {
	{ 0xc2, 0xdf, 2, 0x80, 0xbf },
	{ 0xe0, 0xe0, 3, 0xa0, 0xbf },
	{ 0xe1, 0xec, 3, 0x80, 0xbf },
	{ 0xed, 0xed, 3, 0x80, 0x9f },
	{ 0xee, 0xef, 3, 0x80, 0xbf },
	{ 0xf0, 0xf0, 4, 0x90, 0xbf },
	{ 0xf1, 0xf3, 4, 0x80, 0xbf },
	{ 0xf4, 0xf4, 4, 0x80, 0x8f },
};

#define UTF8_REPLACEMENT	"\xef\xbf\xbd"	/* U+FFFD */

/*
 * The length of the well-formed UTF-8 sequence at s, or 0 if s does not
 * start one.  A NUL ends the string and fails every continuation test, so
 * this never reads past it.
 */
static size_t
utf8_seq(const unsigned char *s)
{
	size_t	 i, k;

	if (s[0] < 0x80)
		return 1;
	for (i = 0; i < sizeof(utf8_lead) / sizeof(utf8_lead[0]); i++) {
		if (s[0] < utf8_lead[i].lo || s[0] > utf8_lead[i].hi)
			continue;
		if (s[1] < utf8_lead[i].lo2 || s[1] > utf8_lead[i].hi2)
			return 0;
		for (k = 2; k < utf8_lead[i].len; k++)
			if (s[k] < 0x80 || s[k] > 0xbf)
				return 0;
		return utf8_lead[i].len;
	}
	return 0;
}

/*
 * A JSON string for s, or JSON null for NULL.  jansson refuses strings
 * that are not UTF-8, and a file may hold anything, so each byte that does
 * not belong to a well-formed sequence becomes U+FFFD.  Returns NULL only
 * if jansson fails.
 */
static json_t *
jstr(const char *s)
{
	const unsigned char	*p;
	json_t			*j;
	char			*copy, *q;
	size_t			 n;

	if (s == NULL)
		return json_null();
	for (p = (const unsigned char *)s; *p != '\0'; p += n) {
		n = utf8_seq(p);
		if (n == 0)
			break;
	}
	if (*p == '\0')
		return json_string(s);

	q = copy = xmalloc(strlen(s) * 3 + 1);
	for (p = (const unsigned char *)s; *p != '\0'; p += n) {
		n = utf8_seq(p);
		if (n == 0) {
			memcpy(q, UTF8_REPLACEMENT, 3);
			q += 3;
			n = 1;
		} else {
			memcpy(q, p, n);
			q += n;
		}
	}
	*q = '\0';
	j = json_string(copy);
	free(copy);
	return j;
}

static json_t *
jint(unsigned long long n)
{
	return json_integer((json_int_t)n);
}

/* Add v to obj under key; -1 if v is NULL or jansson fails. */
static int
set(json_t *obj, const char *key, json_t *v)
{
	if (v == NULL)
		return -1;
	return json_object_set_new(obj, key, v);	/* steals v */
}

static int
append(json_t *arr, json_t *v)
{
	if (v == NULL)
		return -1;
	return json_array_append_new(arr, v);		/* steals v */
}

/* Drop obj and return NULL if building it failed. */
static json_t *
done(json_t *obj, int err)
{
	if (err != 0) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

static const char *
severity_name(int s)
{
	return s >= 0 && s < KA_SEV__MAX ? ka_rules_severity_name(s) : NULL;
}

#define DUMP_FLAGS	(JSON_INDENT(2) | JSON_PRESERVE_ORDER)

/*
 * Dump root with a final newline, drop it, and flush: an I/O error shows
 * up in the return value, not later.  A NULL root (building failed) is an
 * error with nothing written.
 */
static int
dump(json_t *root, FILE *fp)
{
	int	 rc = 0;

	if (root == NULL)
		return -1;
	if (json_dumpf(root, fp, DUMP_FLAGS) != 0 ||
	    putc('\n', fp) == EOF || fflush(fp) == EOF || ferror(fp))
		rc = -1;
	json_decref(root);
	return rc;
}

/*
 * The report is written as it goes, one finding after the other, byte
 * for byte as json_dumpf() with DUMP_FLAGS writes the same tree (the
 * unit tests compare the two): building a jansson tree of every finding
 * and dumping it took two thirds of a JSON report of 10,000 files.
 * Strings are made UTF-8 as jstr() makes them and escaped as jansson
 * escapes them.  Nesting is at most JW_DEPTH deep.
 */
#define JW_DEPTH	5

struct jw {
	FILE		*fp;
	unsigned int	 depth;
	int		 empty[JW_DEPTH + 1];	/* nothing yet at a depth */
};

/* A line end and the indentation of the current depth. */
static void
jw_line(struct jw *w)
{
	/* Two spaces for each level of JW_DEPTH. */
	static const char	 spaces[] = "          ";

	putc('\n', w->fp);
	fwrite(spaces, 1, 2 * (size_t)w->depth, w->fp);
}

/* Start the next member or element of the object or array open. */
static void
jw_next(struct jw *w)
{
	if (!w->empty[w->depth])
		putc(',', w->fp);
	w->empty[w->depth] = 0;
	jw_line(w);
}

static void
jw_open(struct jw *w, int c)
{
	putc(c, w->fp);
	w->empty[++w->depth] = 1;
}

static void
jw_close(struct jw *w, int c)
{
	if (!w->empty[w->depth--])
		jw_line(w);
	putc(c, w->fp);
}

/*
 * A string, or null for NULL.  A byte that does not start well-formed
 * UTF-8 becomes U+FFFD; '"', '\\' and the C0 controls are escaped, and
 * nothing else is, as jansson does it.
 */
/* The escapes jansson writes by name; other C0 controls are \\uXXXX. */
static const char *const escapes['\\' + 1] = {
	['\b'] = "\\b",
	['\t'] = "\\t",
	['\n'] = "\\n",
	['\f'] = "\\f",
	['\r'] = "\\r",
	['"'] = "\\\"",
	['\\'] = "\\\\",
};

static void
jw_str(struct jw *w, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s, *run;
	size_t			 n;

	if (s == NULL) {
		fputs("null", w->fp);
		return;
	}
	putc('"', w->fp);
	for (;;) {
		for (run = p; *p != '\0'; p += n) {
			if (*p < 0x20 || *p == '"' || *p == '\\')
				break;
			if ((n = utf8_seq(p)) == 0)
				break;
		}
		fwrite(run, 1, (size_t)(p - run), w->fp);
		if (*p == '\0')
			break;
		if (*p < sizeof(escapes) / sizeof(escapes[0]) &&
		    escapes[*p] != NULL)
			fputs(escapes[*p], w->fp);
		else if (*p < 0x20)
			fprintf(w->fp, "\\u%04X", (unsigned int)*p);
		else
			fputs(UTF8_REPLACEMENT, w->fp);
		p++;
	}
	putc('"', w->fp);
}

static void
jw_int(struct jw *w, long long n)
{
	fprintf(w->fp, "%lld", n);
}

/* A member whose value the caller writes next. */
static void
jw_key(struct jw *w, const char *key)
{
	jw_next(w);
	jw_str(w, key);
	fputs(": ", w->fp);
}

static void
jw_key_str(struct jw *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_str(w, s);
}

static void
jw_key_int(struct jw *w, const char *key, long long n)
{
	jw_key(w, key);
	jw_int(w, n);
}

/* {"file", "line", "column"}, without line or column when 0; no path: null. */
static void
jw_loc(struct jw *w, const char *key, const struct ka_loc *loc)
{
	jw_key(w, key);
	if (loc->path == NULL) {
		fputs("null", w->fp);
		return;
	}
	jw_open(w, '{');
	jw_key_str(w, "file", loc->path);
	if (loc->line != 0)
		jw_key_int(w, "line", loc->line);
	if (loc->col != 0)
		jw_key_int(w, "column", loc->col);
	jw_close(w, '}');
}

static void
jw_finding(struct jw *w, const struct ka_finding *f)
{
	const struct ka_rule	*r = f->rule;
	size_t			 i;

	jw_next(w);
	jw_open(w, '{');
	jw_key_str(w, "ruleId", r != NULL ? r->id : NULL);
	jw_key_str(w, "slug", r != NULL ? r->slug : NULL);
	jw_key_str(w, "title", r != NULL ? r->title : NULL);
	jw_key_str(w, "severity", severity_name(f->severity));
	jw_key_str(w, "category",
	    r != NULL ? ka_rules_category_name(r->category) : NULL);
	jw_key_str(w, "subject", f->subject);
	/* A live finding names its broker(s), topic and partition. */
	if (f->kind == KA_KIND_BROKER && f->nbrokers <= 1)
		jw_key_int(w, "broker", f->broker);
	if (f->nbrokers > 1 || (f->nbrokers == 1 &&
	    f->kind != KA_KIND_BROKER)) {
		jw_key(w, "brokers");
		jw_open(w, '[');
		for (i = 0; i < f->nbrokers; i++) {
			jw_next(w);
			jw_int(w, f->brokers[i]);
		}
		jw_close(w, ']');
	}
	if (f->topic != NULL)
		jw_key_str(w, "topic", f->topic);
	if (f->kind == KA_KIND_PARTITION)
		jw_key_int(w, "partition", f->partition);
	jw_loc(w, "location", &f->loc);
	jw_key_str(w, "key", f->key);
	jw_key_str(w, "value", f->value);
	jw_key(w, "provenance");
	jw_open(w, '{');
	jw_key_str(w, "origin", ka_settings_origin_name(f->origin));
	jw_key_str(w, "detail", f->provenance);
	jw_close(w, '}');
	jw_key_str(w, "message", f->message);
	jw_key_str(w, "fix", f->fix != NULL ? f->fix :
	    r != NULL ? r->fix : NULL);
	if (f->related.line != 0)
		jw_loc(w, "related", &f->related);
	if (f->suppressed.kind != KA_SUPPRESS_NONE) {
		jw_key(w, "suppression");
		jw_open(w, '{');
		jw_key_str(w, "kind",
		    ka_report_suppress_name(f->suppressed.kind));
		jw_key_str(w, "reason", f->suppressed.reason);
		jw_key_str(w, "until", f->suppressed.until);
		jw_loc(w, "location", &f->suppressed.loc);
		jw_close(w, '}');
	}
	jw_close(w, '}');
}

static void
jw_diag(struct jw *w, const struct ka_diag *d)
{
	jw_next(w);
	jw_open(w, '{');
	jw_key_str(w, "id", ka_diag_id(d->code));
	jw_key_str(w, "level", ka_level_name(d->level));
	jw_loc(w, "location", &d->loc);
	jw_key_str(w, "message", d->detail);
	jw_close(w, '}');
}

int
ka_report_json_emit(FILE *fp, const struct ka_report_ctx *c)
{
	const struct ka_report	*r = c->report;
	struct jw		 w;
	char			 vbuf[32];
	size_t			 i, e, wn, in;

	memset(&w, 0, sizeof(w));
	w.fp = fp;
	jw_open(&w, '{');
	jw_key_int(&w, "schemaVersion", SCHEMA_VERSION);
	jw_key(&w, "tool");
	jw_open(&w, '{');
	jw_key_str(&w, "name", PACKAGE_NAME);
	jw_key_str(&w, "version", PACKAGE_VERSION);
	jw_close(&w, '}');
	jw_key_str(&w, "kafkaVersion",
	    ka_version_format(c->version, vbuf, sizeof(vbuf)));
	jw_key_int(&w, "exitCode", c->exit_status);
	jw_key_str(&w, "failureThreshold",
	    c->threshold < 0 ? "none" : severity_name(c->threshold));

	jw_key(&w, "summary");
	jw_open(&w, '{');
	jw_key_int(&w, "files", (long long)r->nfiles);
	if (r->cluster) {
		jw_key(&w, "cluster");
		jw_open(&w, '{');
		jw_key_int(&w, "brokers", (long long)r->nbrokers);
		jw_key_int(&w, "topics", (long long)r->ntopics);
		jw_key_int(&w, "partitions", (long long)r->npartitions);
		jw_close(&w, '}');
	}
	e = ka_report_count(r, KA_SEV_ERROR);
	wn = ka_report_count(r, KA_SEV_WARNING);
	in = ka_report_count(r, KA_SEV_INFO);
	jw_key_int(&w, "findings", (long long)(e + wn + in));
	jw_key_int(&w, "error", (long long)e);
	jw_key_int(&w, "warning", (long long)wn);
	jw_key_int(&w, "info", (long long)in);
	jw_key_int(&w, "suppressed", (long long)ka_report_suppressed(r));
	jw_close(&w, '}');

	jw_key(&w, "files");
	jw_open(&w, '[');
	for (i = 0; i < r->nfiles; i++) {
		jw_next(&w);
		jw_str(&w, r->files[i]);
	}
	jw_close(&w, ']');

	jw_key(&w, "findings");
	jw_open(&w, '[');
	for (i = 0; i < r->len; i++)
		if (ka_report_shown(c, &r->v[i]))
			jw_finding(&w, &r->v[i]);
	jw_close(&w, ']');

	jw_key(&w, "diagnostics");
	jw_open(&w, '[');
	for (i = 0; c->diags != NULL && i < c->diags->len; i++)
		jw_diag(&w, &c->diags->v[i]);
	jw_close(&w, ']');
	jw_close(&w, '}');
	putc('\n', fp);
	return fflush(fp) == EOF || ferror(fp) ? -1 : 0;
}

/* An option of a rule: its name, type, default, value in force and doc. */
static json_t *
jopt(const struct ka_ruleopt *opt)
{
	json_t	*o;
	int	 err = 0;

	o = json_object();
	err |= set(o, "name", jstr(opt->name));
	err |= set(o, "type", jstr(opt->type == KA_OPT_INTEGER ? "integer" :
	    "string"));
	err |= set(o, "default", jstr(opt->deflt));
	err |= set(o, "value", jstr(opt->value));
	err |= set(o, "doc", jstr(opt->doc));
	return done(o, err);
}

static json_t *
jrule(const struct ka_rule *r)
{
	json_t		*o, *scopes, *clients, *options;
	unsigned int	 bit, cl;
	size_t		 i;
	int		 err = 0;

	o = json_object();
	err |= set(o, "id", jstr(r->id));
	err |= set(o, "slug", jstr(r->slug));
	err |= set(o, "title", jstr(r->title));
	scopes = json_array();
	for (bit = KA_SCOPE_BROKER; bit <= KA_SCOPE_CLUSTER; bit <<= 1)
		if (r->scopes & bit)
			err |= append(scopes, jstr(ka_rules_scope_name(bit)));
	err |= set(o, "scope", scopes);
	err |= set(o, "category", jstr(ka_rules_category_name(r->category)));
	err |= set(o, "severity", jstr(severity_name(r->severity)));
	err |= set(o, "kafka", jstr(r->versions_text));
	/* An empty list means every client, as clients == 0 does. */
	clients = json_array();
	for (cl = 0; cl < KA_CLIENT__MAX; cl++)
		if (r->clients & (1u << cl))
			err |= append(clients,
			    jstr(ka_catalog_client_name(cl)));
	err |= set(o, "clients", clients);
	err |= set(o, "key", jstr(r->key));
	err |= set(o, "message", jstr(r->message));
	err |= set(o, "rationale", jstr(r->rationale));
	err |= set(o, "fix", jstr(r->fix));
	err |= set(o, "enabled", json_boolean(!r->off));
	err |= set(o, "suppressible", json_boolean(r->suppressible));
	options = json_array();
	for (i = 0; i < r->noptions; i++)
		err |= append(options, jopt(&r->options[i]));
	err |= set(o, "options", options);
	return done(o, err);
}

int
ka_report_json_rules(FILE *fp, const struct ka_ruleset *rs)
{
	json_t	*root, *rules;
	size_t	 i;
	int	 err = 0;

	root = json_object();
	err |= set(root, "schemaVersion", jint(SCHEMA_VERSION));
	rules = json_array();
	for (i = 0; i < rs->len; i++)
		err |= append(rules, jrule(&rs->v[i]));
	err |= set(root, "rules", rules);
	return dump(done(root, err), fp);
}
