/*
 * The JSON reporter and the JSON rule catalogue: the only file that talks
 * to jansson.  The catalogue is built as one json_t tree, dumped and
 * dropped; no jansson object leaves this file.  The report, which may
 * hold many thousand findings, is written as it goes by the streaming
 * writer of jsonw.h, which writes what jansson would.
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

#include "jsonw.h"
#include "report.h"
#include "xmalloc.h"

#define SCHEMA_VERSION	1

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
		n = ka_jsonw_utf8_seq(p);
		if (n == 0)
			break;
	}
	if (*p == '\0')
		return json_string(s);

	q = copy = xmalloc(strlen(s) * 3 + 1);
	for (p = (const unsigned char *)s; *p != '\0'; p += n) {
		n = ka_jsonw_utf8_seq(p);
		if (n == 0) {
			memcpy(q, KA_UTF8_REPLACEMENT, 3);
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

/* {"file", "line", "column"}, without line or column when 0; no path: null. */
static void
jw_loc(struct ka_jsonw *w, const char *key, const struct ka_loc *loc)
{
	ka_jsonw_key(w, key);
	if (loc->path == NULL) {
		ka_jsonw_str(w, NULL);
		return;
	}
	ka_jsonw_open(w, '{');
	ka_jsonw_key_str(w, "file", loc->path);
	if (loc->line != 0)
		ka_jsonw_key_int(w, "line", loc->line);
	if (loc->col != 0)
		ka_jsonw_key_int(w, "column", loc->col);
	ka_jsonw_close(w, '}');
}

static void
jw_finding(struct ka_jsonw *w, const struct ka_finding *f)
{
	const struct ka_rule	*r = f->rule;
	size_t			 i;

	ka_jsonw_next(w);
	ka_jsonw_open(w, '{');
	ka_jsonw_key_str(w, "ruleId", r != NULL ? r->id : NULL);
	ka_jsonw_key_str(w, "slug", r != NULL ? r->slug : NULL);
	ka_jsonw_key_str(w, "title", r != NULL ? r->title : NULL);
	ka_jsonw_key_str(w, "severity", severity_name(f->severity));
	ka_jsonw_key_str(w, "category",
	    r != NULL ? ka_rules_category_name(r->category) : NULL);
	ka_jsonw_key_str(w, "subject", f->subject);
	/* A live finding names its broker(s), topic and partition. */
	if (f->kind == KA_KIND_BROKER && f->nbrokers <= 1)
		ka_jsonw_key_int(w, "broker", f->broker);
	if (f->nbrokers > 1 || (f->nbrokers == 1 &&
	    f->kind != KA_KIND_BROKER)) {
		ka_jsonw_key(w, "brokers");
		ka_jsonw_open(w, '[');
		for (i = 0; i < f->nbrokers; i++) {
			ka_jsonw_next(w);
			ka_jsonw_int(w, f->brokers[i]);
		}
		ka_jsonw_close(w, ']');
	}
	if (f->topic != NULL)
		ka_jsonw_key_str(w, "topic", f->topic);
	if (f->kind == KA_KIND_PARTITION)
		ka_jsonw_key_int(w, "partition", f->partition);
	jw_loc(w, "location", &f->loc);
	ka_jsonw_key_str(w, "key", f->key);
	ka_jsonw_key_str(w, "value", f->value);
	ka_jsonw_key(w, "provenance");
	ka_jsonw_open(w, '{');
	ka_jsonw_key_str(w, "origin", ka_settings_origin_name(f->origin));
	ka_jsonw_key_str(w, "detail", f->provenance);
	ka_jsonw_close(w, '}');
	ka_jsonw_key_str(w, "message", f->message);
	ka_jsonw_key_str(w, "fix", f->fix != NULL ? f->fix :
	    r != NULL ? r->fix : NULL);
	if (f->related.line != 0)
		jw_loc(w, "related", &f->related);
	ka_jsonw_key_str(w, "fingerprint", f->fingerprint);
	if (f->suppressed.kind != KA_SUPPRESS_NONE) {
		ka_jsonw_key(w, "suppression");
		ka_jsonw_open(w, '{');
		ka_jsonw_key_str(w, "kind",
		    ka_report_suppress_name(f->suppressed.kind));
		ka_jsonw_key_str(w, "reason", f->suppressed.reason);
		ka_jsonw_key_str(w, "until", f->suppressed.until);
		jw_loc(w, "location", &f->suppressed.loc);
		ka_jsonw_close(w, '}');
	}
	ka_jsonw_close(w, '}');
}

static void
jw_diag(struct ka_jsonw *w, const struct ka_diag *d)
{
	ka_jsonw_next(w);
	ka_jsonw_open(w, '{');
	ka_jsonw_key_str(w, "id", ka_diag_id(d->code));
	ka_jsonw_key_str(w, "level", ka_level_name(d->level));
	jw_loc(w, "location", &d->loc);
	ka_jsonw_key_str(w, "message", d->detail);
	ka_jsonw_close(w, '}');
}

int
ka_report_json_emit(FILE *fp, const struct ka_report_ctx *c)
{
	const struct ka_report	*r = c->report;
	struct ka_jsonw		 w;
	char			 vbuf[32];
	size_t			 i, e, wn, in;

	ka_jsonw_init(&w, fp);
	ka_jsonw_open(&w, '{');
	ka_jsonw_key_int(&w, "schemaVersion", SCHEMA_VERSION);
	ka_jsonw_key(&w, "tool");
	ka_jsonw_open(&w, '{');
	ka_jsonw_key_str(&w, "name", PACKAGE_NAME);
	ka_jsonw_key_str(&w, "version", PACKAGE_VERSION);
	ka_jsonw_close(&w, '}');
	ka_jsonw_key_str(&w, "kafkaVersion",
	    ka_version_format(c->version, vbuf, sizeof(vbuf)));
	ka_jsonw_key_int(&w, "exitCode", c->exit_status);
	ka_jsonw_key_str(&w, "failureThreshold",
	    c->threshold < 0 ? "none" : severity_name(c->threshold));

	ka_jsonw_key(&w, "summary");
	ka_jsonw_open(&w, '{');
	ka_jsonw_key_int(&w, "files", (long long)r->nfiles);
	if (r->cluster) {
		ka_jsonw_key(&w, "cluster");
		ka_jsonw_open(&w, '{');
		ka_jsonw_key_int(&w, "brokers", (long long)r->nbrokers);
		ka_jsonw_key_int(&w, "topics", (long long)r->ntopics);
		ka_jsonw_key_int(&w, "partitions", (long long)r->npartitions);
		ka_jsonw_close(&w, '}');
	}
	e = ka_report_count(r, KA_SEV_ERROR);
	wn = ka_report_count(r, KA_SEV_WARNING);
	in = ka_report_count(r, KA_SEV_INFO);
	ka_jsonw_key_int(&w, "findings", (long long)(e + wn + in));
	ka_jsonw_key_int(&w, "error", (long long)e);
	ka_jsonw_key_int(&w, "warning", (long long)wn);
	ka_jsonw_key_int(&w, "info", (long long)in);
	ka_jsonw_key_int(&w, "suppressed", (long long)ka_report_waived(r));
	ka_jsonw_key_int(&w, "baselined",
	    (long long)ka_report_suppressed(r, KA_SUPPRESS_BASELINE));
	ka_jsonw_close(&w, '}');

	ka_jsonw_key(&w, "files");
	ka_jsonw_open(&w, '[');
	for (i = 0; i < r->nfiles; i++) {
		ka_jsonw_next(&w);
		ka_jsonw_str(&w, r->files[i]);
	}
	ka_jsonw_close(&w, ']');

	ka_jsonw_key(&w, "findings");
	ka_jsonw_open(&w, '[');
	for (i = 0; i < r->len; i++)
		if (ka_report_shown(c, &r->v[i]))
			jw_finding(&w, &r->v[i]);
	ka_jsonw_close(&w, ']');

	ka_jsonw_key(&w, "diagnostics");
	ka_jsonw_open(&w, '[');
	for (i = 0; c->diags != NULL && i < c->diags->len; i++)
		jw_diag(&w, &c->diags->v[i]);
	ka_jsonw_close(&w, ']');
	ka_jsonw_close(&w, '}');
	ka_jsonw_flush(&w);
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
