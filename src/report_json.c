/*
 * The JSON reporter and the JSON rule catalogue: the only file that talks
 * to jansson.  Each function builds json_t trees, dumps them, and drops
 * them: the catalogue as one tree, the report one member and one finding
 * at a time; no jansson object leaves this file.
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

/* Names of enum ka_origin, as JSON spells them. */
static const char *const origin_name[] = {
	[KA_ORIGIN_NONE] = "none",
	[KA_ORIGIN_FILE] = "file",
	[KA_ORIGIN_DEFAULT] = "default",
};

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

/* {"file", "line", "column"}, without line or column when 0; no path: null. */
static json_t *
jloc(const struct ka_loc *loc)
{
	json_t	*o;
	int	 err = 0;

	if (loc->path == NULL)
		return json_null();
	o = json_object();
	err |= set(o, "file", jstr(loc->path));
	if (loc->line != 0)
		err |= set(o, "line", jint(loc->line));
	if (loc->col != 0)
		err |= set(o, "column", jint(loc->col));
	return done(o, err);
}

static const char *
severity_name(int s)
{
	return s >= 0 && s < KA_SEV__MAX ? ka_rules_severity_name(s) : NULL;
}

static json_t *
jfinding(const struct ka_finding *f)
{
	const struct ka_rule	*r = f->rule;
	json_t			*o, *prov;
	int			 err = 0;

	o = json_object();
	err |= set(o, "ruleId", jstr(r != NULL ? r->id : NULL));
	err |= set(o, "slug", jstr(r != NULL ? r->slug : NULL));
	err |= set(o, "title", jstr(r != NULL ? r->title : NULL));
	err |= set(o, "severity", jstr(severity_name(f->severity)));
	err |= set(o, "category",
	    jstr(r != NULL ? ka_rules_category_name(r->category) : NULL));
	err |= set(o, "subject", jstr(f->subject));
	err |= set(o, "location", jloc(&f->loc));
	err |= set(o, "key", jstr(f->key));
	err |= set(o, "value", jstr(f->value));

	prov = json_object();
	err |= set(prov, "origin", jstr((size_t)f->origin <
	    sizeof(origin_name) / sizeof(origin_name[0]) ?
	    origin_name[f->origin] : NULL));
	err |= set(prov, "detail", jstr(f->provenance));
	err |= set(o, "provenance", prov);

	err |= set(o, "message", jstr(f->message));
	err |= set(o, "fix", jstr(f->fix != NULL ? f->fix :
	    r != NULL ? r->fix : NULL));
	if (f->related.line != 0)
		err |= set(o, "related", jloc(&f->related));
	return done(o, err);
}

static json_t *
jdiag(const struct ka_diag *d)
{
	json_t	*o;
	int	 err = 0;

	o = json_object();
	err |= set(o, "id", jstr(ka_diag_id(d->code)));
	err |= set(o, "level", jstr(ka_level_name(d->level)));
	err |= set(o, "location", jloc(&d->loc));
	err |= set(o, "message", jstr(d->detail));
	return done(o, err);
}

static json_t *
jsummary(const struct ka_report *r)
{
	json_t	*o;
	int	 err = 0;

	o = json_object();
	err |= set(o, "files", jint(r->nfiles));
	err |= set(o, "findings", jint(r->len));
	err |= set(o, "error", jint(ka_report_count(r, KA_SEV_ERROR)));
	err |= set(o, "warning", jint(ka_report_count(r, KA_SEV_WARNING)));
	err |= set(o, "info", jint(ka_report_count(r, KA_SEV_INFO)));
	return done(o, err);
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
 * Write v as json_dumpf() writes it inside a parent depth levels deep (1
 * or 2), then drop it: with JSON_INDENT(2), 2 * depth more spaces after
 * every line end.  No string of a dump holds a raw line end (JSON escapes it),
 * so each one is jansson's own.  -1 if v is NULL or jansson fails.
 */
static int
put_value(FILE *fp, json_t *v, unsigned int depth)
{
	static const char	 indent[] = "    ";
	char			*text, *p, *nl;
	int			 rc = 0;

	if (v == NULL)
		return -1;
	text = json_dumps(v, DUMP_FLAGS | JSON_ENCODE_ANY);
	json_decref(v);
	if (text == NULL)
		return -1;
	for (p = text; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
		if (fwrite(p, 1, (size_t)(nl - p) + 1, fp) !=
		    (size_t)(nl - p) + 1 ||
		    fwrite(indent, 1, 2 * (size_t)depth, fp) !=
		    2 * (size_t)depth)
			rc = -1;
	if (fputs(p, fp) == EOF)
		rc = -1;
	free(text);
	return rc;
}

/* A member of the report's top object: "name": value, after a comma. */
static int
put_member(FILE *fp, size_t *n, const char *name, json_t *v)
{
	if (fprintf(fp, "%s\n  \"%s\": ", (*n)++ == 0 ? "" : ",", name) < 0) {
		json_decref(v);
		return -1;
	}
	return put_value(fp, v, 1);
}

/* Open or close an array member of the top object, or go to its next. */
static int
put_item(FILE *fp, size_t i)
{
	return fputs(i == 0 ? "\n    " : ",\n    ", fp) == EOF ? -1 : 0;
}

static int
put_end(FILE *fp, size_t n)
{
	return fputs(n == 0 ? "]" : "\n  ]", fp) == EOF ? -1 : 0;
}

/*
 * The report, byte for byte what dumping it as one tree would write, but
 * one finding at a time: a run of many thousand files has hundreds of
 * megabytes of findings as a tree.  A failure of jansson leaves the
 * output cut short and returns -1.
 */
int
ka_report_json_emit(FILE *fp, const struct ka_report_ctx *c)
{
	const struct ka_report	*r = c->report;
	json_t			*tool;
	char			 vbuf[32];
	size_t			 i, n = 0, nd;
	int			 err = 0, terr = 0;

	tool = json_object();
	terr |= set(tool, "name", jstr(PACKAGE_NAME));
	terr |= set(tool, "version", jstr(PACKAGE_VERSION));
	err |= putc('{', fp) == EOF;
	err |= put_member(fp, &n, "schemaVersion", jint(SCHEMA_VERSION));
	err |= put_member(fp, &n, "tool", done(tool, terr));
	err |= put_member(fp, &n, "kafkaVersion",
	    jstr(ka_version_format(c->version, vbuf, sizeof(vbuf))));
	err |= put_member(fp, &n, "exitCode", json_integer(c->exit_status));
	err |= put_member(fp, &n, "failureThreshold",
	    jstr(c->threshold < 0 ? "none" : severity_name(c->threshold)));
	err |= put_member(fp, &n, "summary", jsummary(r));

	err |= fputs(",\n  \"files\": [", fp) == EOF;
	for (i = 0; i < r->nfiles && err == 0; i++) {
		err |= put_item(fp, i);
		err |= put_value(fp, jstr(r->files[i]), 2);
	}
	err |= put_end(fp, r->nfiles);

	err |= fputs(",\n  \"findings\": [", fp) == EOF;
	for (i = 0; i < r->len && err == 0; i++) {
		err |= put_item(fp, i);
		err |= put_value(fp, jfinding(&r->v[i]), 2);
	}
	err |= put_end(fp, r->len);

	nd = c->diags != NULL ? c->diags->len : 0;
	err |= fputs(",\n  \"diagnostics\": [", fp) == EOF;
	for (i = 0; i < nd && err == 0; i++) {
		err |= put_item(fp, i);
		err |= put_value(fp, jdiag(&c->diags->v[i]), 2);
	}
	err |= put_end(fp, nd);

	err |= fputs("\n}\n", fp) == EOF;
	if (fflush(fp) == EOF || ferror(fp))
		err = -1;
	return err != 0 ? -1 : 0;
}

static json_t *
jrule(const struct ka_rule *r)
{
	json_t		*o, *scopes, *clients;
	unsigned int	 bit, cl;
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
