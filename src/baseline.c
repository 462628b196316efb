/*
 * Baselines (baseline.h): read through jansson, written as they go by
 * the streaming writer, matched by fingerprint through a hash table.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "baseline.h"
#include "diag.h"
#include "hash.h"
#include "jsonpos.h"
#include "jsonw.h"
#include "report.h"
#include "xmalloc.h"

#define VERSION_KEY	"kafkaAuditBaseline"
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const char *const top_keys[] = {
	VERSION_KEY, "createdBy", "entries"
};
static const char *const entry_keys[] = {
	"rule", "fingerprint", "path", "subject", "key", "message"
};

void
ka_baseline_init(struct ka_baseline *b)
{
	memset(b, 0, sizeof(*b));
}

void
ka_baseline_clear(struct ka_baseline *b)
{
	size_t	 i;

	for (i = 0; i < b->len; i++) {
		free(b->v[i].rule);
		free(b->v[i].fingerprint);
		free(b->v[i].path);
		free(b->v[i].subject);
		free(b->v[i].key);
		free(b->v[i].message);
	}
	free(b->v);
	free(b->path);
	ka_baseline_init(b);
}

/* The lines of the entries, in file order, from jsonpos. */
struct pos {
	unsigned int	*line, *col;	/* owned */
	size_t		 n;
};

static void
on_entry(void *arg, unsigned int depth, const char *key, size_t keylen,
    unsigned int line, unsigned int col)
{
	struct pos	*p = arg;

	if (depth != 1 || keylen != 7 || memcmp(key, "entries", 7) != 0)
		return;
	p->line = xreallocarray(p->line, p->n + 1, sizeof(*p->line));
	p->col = xreallocarray(p->col, p->n + 1, sizeof(*p->col));
	p->line[p->n] = line;
	p->col[p->n++] = col;
}

static int
known(const char *key, const char *const *keys, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(key, keys[i]) == 0)
			return 1;
	return 0;
}

static int
is_fingerprint(const char *s)
{
	return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

/* A string member (NULL when null or absent and optional); -1 if bad. */
static int
member(const json_t *o, const char *name, int required, char **out)
{
	const json_t	*v = json_object_get(o, name);

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return required ? -1 : 0;
	if (!json_is_string(v))
		return -1;
	*out = xstrdup(json_string_value(v));
	return 0;
}

/* Check one entry and append it; the reason it is bad, or NULL. */
static const char *
read_entry(struct ka_baseline *b, const json_t *o)
{
	struct ka_baseline_entry	*e;
	const char			*k;
	json_t				*v;

	if (!json_is_object(o))
		return "an entry is not an object";
	json_object_foreach((json_t *)(uintptr_t)o, k, v)
		if (!known(k, entry_keys, NELEM(entry_keys)))
			return "an entry has a member kafka-audit does not "
			    "know";
	if (b->len == b->cap) {
		b->cap = b->cap == 0 ? 64 : b->cap * 2;
		b->v = xreallocarray(b->v, b->cap, sizeof(*b->v));
	}
	e = &b->v[b->len++];
	memset(e, 0, sizeof(*e));
	if (member(o, "rule", 1, &e->rule) == -1)
		return "an entry has no \"rule\" string";
	if (member(o, "fingerprint", 1, &e->fingerprint) == -1 ||
	    !is_fingerprint(e->fingerprint))
		return "an entry has no \"fingerprint\" of 64 hex digits";
	if (member(o, "path", 0, &e->path) == -1 ||
	    member(o, "subject", 0, &e->subject) == -1 ||
	    member(o, "key", 0, &e->key) == -1 ||
	    member(o, "message", 0, &e->message) == -1)
		return "an entry has a member that is not a string or null";
	return NULL;
}

/* The reason a baseline's tree is bad, or NULL; *at is the entry. */
static const char *
read_root(struct ka_baseline *b, const json_t *root, size_t *at)
{
	const json_t	*ver, *entries, *v;
	const char	*k, *why;
	size_t		 i;

	*at = (size_t)-1;
	if (!json_is_object(root))
		return "not a kafka-audit baseline: not a JSON object";
	ver = json_object_get(root, VERSION_KEY);
	if (ver == NULL)
		return "not a kafka-audit baseline: the member \""
		    VERSION_KEY "\" is missing";
	if (!json_is_integer(ver) ||
	    json_integer_value(ver) != KA_BASELINE_VERSION)
		return "a baseline format this kafka-audit does not read "
		    "(it reads 1)";
	json_object_foreach((json_t *)(uintptr_t)root, k, v)
		if (!known(k, top_keys, NELEM(top_keys)))
			return "the baseline has a member kafka-audit does not "
			    "know";
	entries = json_object_get(root, "entries");
	if (!json_is_array(entries))
		return "\"entries\" is not an array";
	for (i = 0; i < json_array_size(entries); i++) {
		why = read_entry(b, json_array_get(entries, i));
		if (why != NULL) {
			*at = i;
			return why;
		}
	}
	return NULL;
}

/* The whole of a regular file; owned, NUL-terminated; NULL on error. */
static char *
load_text(const char *path, size_t *len, struct ka_diags *d)
{
	struct ka_loc	 loc;
	struct stat	 st;
	FILE		*fp;
	char		*text;

	loc.path = path;
	loc.line = loc.col = 0;
	if ((fp = fopen(path, "r")) == NULL) {
		ka_diag(d, KA_D_SOURCE_OPEN, &loc, "cannot open the baseline: "
		    "%s", strerror(errno));
		return NULL;
	}
	if (fstat(fileno(fp), &st) == -1 || !S_ISREG(st.st_mode)) {
		ka_diag(d, KA_D_SOURCE_NOT_REGULAR, &loc, "the baseline is "
		    "not a regular file");
		fclose(fp);
		return NULL;
	}
	if ((unsigned long long)st.st_size > KA_BASELINE_MAX_BYTES) {
		ka_diag(d, KA_D_SOURCE_TOO_LARGE, &loc, "the baseline is "
		    "larger than %u MiB", KA_BASELINE_MAX_BYTES >> 20);
		fclose(fp);
		return NULL;
	}
	text = xmalloc((size_t)st.st_size + 1);
	*len = fread(text, 1, (size_t)st.st_size, fp);
	if (ferror(fp)) {
		ka_diag(d, KA_D_SOURCE_READ, &loc, "cannot read the baseline: "
		    "%s", strerror(errno));
		free(text);
		fclose(fp);
		return NULL;
	}
	text[*len] = '\0';
	fclose(fp);
	return text;
}

int
ka_baseline_read(struct ka_baseline *b, const char *path,
    struct ka_diags *d)
{
	struct ka_loc	 loc;
	struct pos	 pos;
	json_error_t	 jerr;
	json_t		*root;
	const char	*why;
	char		*text;
	size_t		 len, at, i;

	ka_baseline_clear(b);
	b->path = xstrdup(path);
	loc.path = path;
	loc.line = loc.col = 0;
	if ((text = load_text(path, &len, d)) == NULL)
		return -1;
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		loc.line = jerr.line > 0 ? (unsigned int)jerr.line : 0;
		loc.col = jerr.column > 0 ? (unsigned int)jerr.column : 0;
		ka_diag(d, KA_D_BASELINE_SYNTAX, &loc, "not valid JSON: %s",
		    jerr.text);
		free(text);
		return -1;
	}
	memset(&pos, 0, sizeof(pos));
	ka_jsonpos_objects(text, len, on_entry, &pos);
	free(text);
	why = read_root(b, root, &at);
	json_decref(root);
	for (i = 0; i < b->len && i < pos.n; i++) {
		b->v[i].line = pos.line[i];
		b->v[i].col = pos.col[i];
	}
	if (why != NULL && at < pos.n) {
		loc.line = pos.line[at];
		loc.col = pos.col[at];
	}
	free(pos.line);
	free(pos.col);
	if (why != NULL) {
		ka_diag(d, KA_D_BASELINE_SCHEMA, &loc, "%s", why);
		return -1;
	}
	return 0;
}

static int
cmp_path(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The audited files as the baseline names them, sorted; owned. */
static const char **
audited_paths(const struct ka_report *r)
{
	const char	**v;
	size_t		  i;

	v = xcalloc(r->nfiles + 1, sizeof(*v));
	for (i = 0; i < r->nfiles; i++)
		v[i] = ka_report_path(r, r->files[i]);
	qsort(v, r->nfiles, sizeof(*v), cmp_path);
	return v;
}

size_t
ka_baseline_apply(struct ka_baseline *b, struct ka_report *r,
    struct ka_diags *d, int stale)
{
	struct ka_baseline_entry	*e;
	struct ka_finding		*f;
	struct ka_loc			 loc;
	const char			**audited;
	size_t				*idx, cap, mask, h, i, n = 0;

	for (cap = 16; cap < 2 * b->len; cap *= 2)
		;
	mask = cap - 1;
	idx = xcalloc(cap, sizeof(*idx));
	for (i = 0; i < b->len; i++) {
		h = (size_t)ka_hash(b->v[i].fingerprint, 64) & mask;
		while (idx[h] != 0)
			h = (h + 1) & mask;
		idx[h] = i + 1;
	}
	for (i = 0; i < r->len; i++) {
		f = &r->v[i];
		if (f->fingerprint == NULL)
			continue;
		h = (size_t)ka_hash(f->fingerprint, 64) & mask;
		for (; idx[h] != 0; h = (h + 1) & mask) {
			e = &b->v[idx[h] - 1];
			if (strcmp(e->fingerprint, f->fingerprint) != 0)
				continue;
			e->used = 1;
			if (f->suppressed.kind != KA_SUPPRESS_NONE)
				continue;
			f->suppressed.kind = KA_SUPPRESS_BASELINE;
			f->suppressed.loc.path = b->path;
			f->suppressed.loc.line = e->line;
			f->suppressed.loc.col = e->col;
		}
	}
	free(idx);
	audited = audited_paths(r);
	for (i = 0; i < b->len; i++) {
		e = &b->v[i];
		if (e->used)
			continue;
		/* An entry of a file or cluster not audited now is kept. */
		if (e->path != NULL ? bsearch(&e->path, audited, r->nfiles,
		    sizeof(*audited), cmp_path) == NULL : !r->cluster) {
			e->used = 1;
			continue;
		}
		n++;
		if (!stale)
			continue;
		loc.path = b->path;
		loc.line = e->line;
		loc.col = e->col;
		ka_diag(d, KA_D_BASELINE_STALE, &loc, "%s%s%s%s%s no longer "
		    "fires; 'kafka-audit baseline prune' drops this entry",
		    e->rule, e->key != NULL ? " on " : "",
		    e->key != NULL ? e->key : "", e->path != NULL ? " in " :
		    e->subject != NULL ? " of " : "", e->path != NULL ?
		    e->path : e->subject != NULL ? e->subject : "");
	}
	free(audited);
	return n;
}

/* An entry to write: borrowed strings, and the target to sort by. */
struct out {
	const char	*rule, *fingerprint, *path, *subject, *key, *message;
};

static int
cmp_str_null(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == NULL) - (b == NULL);
	return strcmp(a, b);
}

/*
 * Sorted by path (live findings last, by subject), rule, key and
 * fingerprint: an order that create and prune agree on, and that keeps
 * a reviewer's diff small.
 */
static int
cmp_out(const void *va, const void *vb)
{
	const struct out	*a = va, *b = vb;
	int			 c;

	c = cmp_str_null(a->path, b->path);
	if (c == 0)
		c = cmp_str_null(a->subject, b->subject);
	if (c == 0)
		c = strcmp(a->rule, b->rule);
	if (c == 0)
		c = cmp_str_null(a->key, b->key);
	if (c == 0)
		c = strcmp(a->fingerprint, b->fingerprint);
	return c;
}

static int
write_entries(FILE *fp, struct out *v, size_t n)
{
	struct ka_jsonw	 w;
	size_t		 i;

	qsort(v, n, sizeof(*v), cmp_out);
	ka_jsonw_init(&w, fp);
	ka_jsonw_open(&w, '{');
	ka_jsonw_key_int(&w, VERSION_KEY, KA_BASELINE_VERSION);
	ka_jsonw_key_str(&w, "createdBy", PACKAGE_NAME " " PACKAGE_VERSION);
	ka_jsonw_key(&w, "entries");
	ka_jsonw_open(&w, '[');
	for (i = 0; i < n; i++) {
		ka_jsonw_next(&w);
		ka_jsonw_open(&w, '{');
		ka_jsonw_key_str(&w, "rule", v[i].rule);
		ka_jsonw_key_str(&w, "fingerprint", v[i].fingerprint);
		ka_jsonw_key_str(&w, "path", v[i].path);
		ka_jsonw_key_str(&w, "subject", v[i].subject);
		ka_jsonw_key_str(&w, "key", v[i].key);
		ka_jsonw_key_str(&w, "message", v[i].message);
		ka_jsonw_close(&w, '}');
	}
	ka_jsonw_close(&w, ']');
	ka_jsonw_close(&w, '}');
	ka_jsonw_flush(&w);
	putc('\n', fp);
	return fflush(fp) == EOF || ferror(fp) ? -1 : 0;
}

/* Write n entries to path and free the array; -1 after a diag. */
static long
save(struct out *v, size_t n, const char *path, struct ka_diags *d)
{
	FILE	*fp;
	int	 rc;

	fp = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");
	rc = fp == NULL ? -1 : write_entries(fp, v, n);
	if (fp != NULL && fp != stdout && fclose(fp) == EOF)
		rc = -1;
	if (rc == -1)
		ka_diag(d, KA_D_OUTPUT_WRITE, NULL, "cannot write the "
		    "baseline to %s: %s", strcmp(path, "-") == 0 ?
		    "standard output" : path, strerror(errno));
	free(v);
	return rc == -1 ? -1 : (long)n;
}

long
ka_baseline_save_report(const struct ka_report *r, const char *path,
    struct ka_diags *d)
{
	const struct ka_finding	*f;
	struct out		*v;
	size_t			 i, n = 0;

	v = xcalloc(r->len + 1, sizeof(*v));
	for (i = 0; i < r->len; i++) {
		f = &r->v[i];
		if (f->suppressed.kind != KA_SUPPRESS_NONE ||
		    f->fingerprint == NULL || f->rule == NULL)
			continue;
		v[n].rule = f->rule->id;
		v[n].fingerprint = f->fingerprint;
		v[n].path = f->loc.path != NULL ?
		    ka_report_path(r, f->loc.path) : NULL;
		v[n].subject = f->subject;
		v[n].key = f->key;
		v[n++].message = f->message;
	}
	return save(v, n, path, d);
}

long
ka_baseline_save_used(const struct ka_baseline *b, const char *path,
    struct ka_diags *d)
{
	const struct ka_baseline_entry	*e;
	struct out			*v;
	size_t				 i, n = 0;

	v = xcalloc(b->len + 1, sizeof(*v));
	for (i = 0; i < b->len; i++) {
		e = &b->v[i];
		if (!e->used)
			continue;
		v[n].rule = e->rule;
		v[n].fingerprint = e->fingerprint;
		v[n].path = e->path;
		v[n].subject = e->subject;
		v[n].key = e->key;
		v[n++].message = e->message;
	}
	return save(v, n, path, d);
}
