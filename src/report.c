/*
 * The report: the findings of a run, the files it audited, the order in
 * which every reporter prints them, and the table of output formats.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cluster.h"
#include "hash.h"
#include "pathbase.h"
#include "report.h"
#include "xmalloc.h"

/*
 * The output formats.  The names are API (--format); the order is the one
 * ka_report_format_list() shows, and check_report proves the two agree.
 */
static const struct {
	const char	*name;
	int		(*emit)(FILE *, const struct ka_report_ctx *);
} formats[] = {
	{ "text", ka_report_text_emit },
	{ "compact", ka_report_text_compact },
	{ "json", ka_report_json_emit },
	{ "sarif", ka_report_sarif_emit },
	{ "junit", ka_report_junit_emit },
	{ "github", ka_report_github_emit },
	{ "codequality", ka_report_codequality_emit },
};

#define NFORMATS	(sizeof(formats) / sizeof(formats[0]))

void
ka_report_init(struct ka_report *r)
{
	memset(r, 0, sizeof(*r));
}

void
ka_report_drop(struct ka_report *r, size_t i)
{
	struct ka_finding	*f = &r->v[i];

	free(f->subject);
	free(f->topic);
	free(f->brokers);
	free(f->key);
	free(f->value);
	free(f->provenance);
	free(f->message);
	free(f->fix);
	free(f->suppressed.reason);
	free(f->suppressed.until);
	free(f->fingerprint);
	memset(f, 0, sizeof(*f));
}

/* Free every finding's owned strings, then the arrays themselves. */
void
ka_report_clear(struct ka_report *r)
{
	size_t	 i;

	for (i = 0; i < r->len; i++)
		ka_report_drop(r, i);
	for (i = 0; r->rel != NULL && i < r->nfiles; i++)
		free(r->rel[i]);
	free(r->rel);
	free(r->v);
	free(r->files);
	free(r->fileidx);
	ka_report_init(r);
}

struct ka_finding *
ka_report_add(struct ka_report *r)
{
	if (r->len == r->cap) {
		r->cap = r->cap == 0 ? 16 : r->cap * 2;
		r->v = xreallocarray(r->v, r->cap, sizeof(*r->v));
	}
	memset(&r->v[r->len], 0, sizeof(r->v[0]));
	return &r->v[r->len++];
}

/* Size the index of files for n of them, at most half full. */
static void
reindex(struct ka_report *r, size_t n)
{
	size_t	 cap, mask, h, i;

	if (2 * n <= r->fileidxcap)
		return;
	for (cap = r->fileidxcap == 0 ? 16 : r->fileidxcap; cap < 2 * n;)
		cap *= 2;
	free(r->fileidx);
	r->fileidx = xcalloc(cap, sizeof(*r->fileidx));
	r->fileidxcap = cap;
	mask = cap - 1;
	for (i = 0; i < r->nfiles; i++) {
		h = (size_t)ka_hash(r->files[i], strlen(r->files[i])) & mask;
		while (r->fileidx[h] != 0)
			h = (h + 1) & mask;
		r->fileidx[h] = i + 1;
	}
}

/*
 * Remember an audited path, once, in the order first seen: the order of
 * the command line.  The hash index finds a path seen before without
 * comparing it with every other, for runs of many thousand files.
 */
void
ka_report_add_file(struct ka_report *r, const char *path)
{
	size_t	 h, mask;

	if (path == NULL)
		return;
	reindex(r, r->nfiles + 1);
	mask = r->fileidxcap - 1;
	h = (size_t)ka_hash(path, strlen(path)) & mask;
	for (; r->fileidx[h] != 0; h = (h + 1) & mask)
		if (strcmp(r->files[r->fileidx[h] - 1], path) == 0)
			return;
	if (r->nfiles == r->filescap) {
		r->filescap = r->filescap == 0 ? 8 : r->filescap * 2;
		r->files = xreallocarray(r->files, r->filescap,
		    sizeof(*r->files));
	}
	r->files[r->nfiles++] = path;
	r->fileidx[h] = r->nfiles;
}

/*
 * Strings compare bytewise, with NULL after every string.  The paths of
 * one file's findings are one string, borrowed from its source, and so
 * are the ids of one rule's: most comparisons end at the pointers.
 */
static int
strcmp_null_last(const char *a, const char *b)
{
	if (a == b)
		return 0;
	if (a == NULL || b == NULL)
		return (a == NULL) - (b == NULL);
	return strcmp(a, b);
}

static int
cmp_uint(unsigned int a, unsigned int b)
{
	return (a > b) - (a < b);
}

static int
cmp_int(long a, long b)
{
	return (a > b) - (a < b);
}

/*
 * Live subjects have no path: they come after the files, the cluster
 * first, then the brokers by id, then each topic followed by its
 * partitions in numeric order.
 */
static int
cmp_live(const struct ka_finding *a, const struct ka_finding *b)
{
	static const int order[] = {
		[KA_KIND_FILE] = 0,
		[KA_KIND_CLUSTER] = 1,
		[KA_KIND_BROKER] = 2,
		[KA_KIND_TOPIC] = 3,
		[KA_KIND_PARTITION] = 3,
	};
	int	 c;

	c = cmp_int(order[a->kind], order[b->kind]);
	if (c == 0 && a->kind == KA_KIND_BROKER)
		c = cmp_int(a->broker, b->broker);
	if (c == 0)
		c = strcmp_null_last(a->topic, b->topic);
	if (c == 0)
		c = cmp_int(a->kind == KA_KIND_PARTITION ? a->partition : -1,
		    b->kind == KA_KIND_PARTITION ? b->partition : -1);
	return c;
}

/*
 * The order of the contract is (path, line, col, rule id, subject, key,
 * message); a live subject sorts as cmp_live() says.  The fields after
 * that only break ties between findings that would otherwise be printed
 * in qsort's unspecified order, so the output stays byte-for-byte the
 * same from run to run.
 */
static int
cmp_finding(const void *va, const void *vb)
{
	const struct ka_finding	*a = va, *b = vb;
	int			 c;

	c = strcmp_null_last(a->loc.path, b->loc.path);
	if (c == 0 && a->loc.path == NULL)
		c = cmp_live(a, b);
	if (c == 0)
		c = cmp_uint(a->loc.line, b->loc.line);
	if (c == 0)
		c = cmp_uint(a->loc.col, b->loc.col);
	if (c == 0)
		c = strcmp_null_last(a->rule != NULL ? a->rule->id : NULL,
		    b->rule != NULL ? b->rule->id : NULL);
	if (c == 0)
		c = strcmp_null_last(a->subject, b->subject);
	if (c == 0)
		c = strcmp_null_last(a->key, b->key);
	if (c == 0)
		c = strcmp_null_last(a->message, b->message);
	/* Ties only: the worse finding first, then the remaining fields. */
	if (c == 0)
		c = cmp_uint(b->severity, a->severity);
	if (c == 0)
		c = strcmp_null_last(a->value, b->value);
	if (c == 0)
		c = cmp_uint(a->origin, b->origin);
	if (c == 0)
		c = strcmp_null_last(a->provenance, b->provenance);
	if (c == 0)
		c = strcmp_null_last(a->related.path, b->related.path);
	if (c == 0)
		c = cmp_uint(a->related.line, b->related.line);
	if (c == 0)
		c = cmp_uint(a->related.col, b->related.col);
	return c;
}

void
ka_report_sort(struct ka_report *r)
{
	if (r->len > 1)
		qsort(r->v, r->len, sizeof(*r->v), cmp_finding);
}

size_t
ka_report_count(const struct ka_report *r, enum ka_severity s)
{
	size_t	 i, n = 0;

	for (i = 0; i < r->len; i++)
		if (r->v[i].severity == s &&
		    r->v[i].suppressed.kind == KA_SUPPRESS_NONE)
			n++;
	return n;
}

size_t
ka_report_suppressed(const struct ka_report *r, enum ka_suppress_kind k)
{
	size_t	 i, n = 0;

	for (i = 0; i < r->len; i++)
		if (r->v[i].suppressed.kind == k)
			n++;
	return n;
}

size_t
ka_report_waived(const struct ka_report *r)
{
	return ka_report_suppressed(r, KA_SUPPRESS_INLINE) +
	    ka_report_suppressed(r, KA_SUPPRESS_CONFIG);
}

const char *
ka_report_first_line(const char *s, size_t *len)
{
	size_t	 n;

	*len = 0;
	if (s == NULL)
		return "";
	s += strspn(s, " \t\r\n");
	n = strcspn(s, "\r\n");
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*len = n;
	return s;
}

int
ka_report_shown(const struct ka_report_ctx *c, const struct ka_finding *f)
{
	return f->suppressed.kind == KA_SUPPRESS_NONE || c->show_suppressed;
}

long
ka_report_file_index(const struct ka_report *r, const char *path)
{
	size_t	 h, mask;

	if (path == NULL || r->fileidxcap == 0)
		return -1;
	mask = r->fileidxcap - 1;
	h = (size_t)ka_hash(path, strlen(path)) & mask;
	for (; r->fileidx[h] != 0; h = (h + 1) & mask)
		if (strcmp(r->files[r->fileidx[h] - 1], path) == 0)
			return (long)r->fileidx[h] - 1;
	return -1;
}

void
ka_report_locate(struct ka_report *r, const struct ka_pathbase *pb)
{
	size_t	 i;

	if (r->rel != NULL)
		return;
	r->rel = xcalloc(r->nfiles + 1, sizeof(*r->rel));
	for (i = 0; i < r->nfiles; i++)
		r->rel[i] = ka_pathbase_rel(pb, r->files[i], NULL);
}

const char *
ka_report_path(const struct ka_report *r, const char *path)
{
	long	 i;

	if (r->rel == NULL)
		return path;
	i = ka_report_file_index(r, path);
	return i == -1 ? path : r->rel[i];
}

const char *
ka_report_file_path(const struct ka_report *r, size_t i)
{
	return r->rel != NULL ? r->rel[i] : r->files[i];
}

const char *
ka_report_path_cached(const struct ka_report *r,
    struct ka_report_pathcache *pc, const char *path)
{
	size_t	 h;

	if (path == NULL)
		return NULL;
	/* Allocations align to 16 bytes: the bits above tell paths apart. */
	h = ((uintptr_t)path >> 4) & (KA_REPORT_PATHCACHE - 1);
	if (pc->path[h] != path) {
		pc->path[h] = path;
		pc->rel[h] = ka_report_path(r, path);
	}
	return pc->rel[h];
}

/* The line of a live finding's broker, topic or partition in a snapshot. */
unsigned int
ka_report_snapshot_line(const struct ka_report_ctx *ctx,
    const struct ka_finding *f)
{
	const struct ka_broker	*b;
	const struct ka_topic	*t;
	const struct ka_cluster	*c = ctx->cluster;
	size_t			 i;

	if (c == NULL)
		return 0;
	switch (f->kind) {
	case KA_KIND_BROKER:
		b = ka_cluster_broker(c, f->nbrokers > 0 ? f->brokers[0] :
		    f->broker);
		return b != NULL ? b->line : 0;
	case KA_KIND_TOPIC:
	case KA_KIND_PARTITION:
		t = f->topic != NULL ? ka_cluster_topic(c, f->topic) : NULL;
		if (t == NULL)
			return 0;
		if (f->kind == KA_KIND_TOPIC)
			return t->line;
		for (i = 0; i < t->nparts; i++)
			if (t->parts[i].id == f->partition)
				return t->parts[i].line;
		return t->line;
	case KA_KIND_FILE:
	case KA_KIND_CLUSTER:
		break;
	}
	return 0;
}

static const struct {
	const char	*name;
	const char	*word;
} suppress_names[] = {
	[KA_SUPPRESS_NONE] = { NULL, NULL },
	[KA_SUPPRESS_INLINE] = { "inline", "suppressed" },
	[KA_SUPPRESS_CONFIG] = { "config", "exempted" },
	[KA_SUPPRESS_BASELINE] = { "baseline", "baselined" },
};

const char *
ka_report_suppress_name(enum ka_suppress_kind k)
{
	return (size_t)k < sizeof(suppress_names) / sizeof(suppress_names[0]) ?
	    suppress_names[k].name : NULL;
}

const char *
ka_report_suppress_word(enum ka_suppress_kind k)
{
	return (size_t)k < sizeof(suppress_names) / sizeof(suppress_names[0]) ?
	    suppress_names[k].word : NULL;
}

static int
format_index(const char *name)
{
	size_t	 i;

	if (name == NULL)
		return -1;
	for (i = 0; i < NFORMATS; i++)
		if (strcmp(formats[i].name, name) == 0)
			return (int)i;
	return -1;
}

/*
 * Write the report and push it out: a full disk or a closed pipe shows up
 * only when the buffer is flushed, so the flush is part of the write.
 * The FILE is locked throughout: once reports are written by threads,
 * stdio would otherwise lock it for each of the many pieces of one.
 */
int
ka_report_emit(const char *format, FILE *fp, const struct ka_report_ctx *c)
{
	int	 i, rc = 0;

	i = format_index(format);
	if (i == -1)
		return -1;
	flockfile(fp);
	if (formats[i].emit(fp, c) != 0 || fflush(fp) == EOF || ferror(fp))
		rc = -1;
	funlockfile(fp);
	return rc;
}

int
ka_report_format_known(const char *name)
{
	return format_index(name) != -1;
}

const char *
ka_report_format_name(const char *name, size_t len)
{
	size_t	 i;

	for (i = 0; i < NFORMATS; i++)
		if (strlen(formats[i].name) == len &&
		    strncmp(formats[i].name, name, len) == 0)
			return formats[i].name;
	return NULL;
}

const char *
ka_report_format_list(void)
{
	return "text, compact, json, sarif, junit, github, codequality";
}
