/*
 * Suppressions, after the evaluation.  Inline ones first: every directive
 * with disable= or disable-file= in an audited file covers the findings of
 * the rules it names, on the property below it or in the whole file.
 * Then the exemptions of the configuration file, which select findings by
 * cluster, topic, broker and file; a finding a comment covered already
 * stays suppressed by the comment.
 * What a directive does is decided here, not when it is parsed, because
 * only the findings say whether it was used.
 *
 * The findings are looked up by file through an index sorted by path and
 * line, built once; the reports on suppressions are appended after the
 * index is built, so they are never themselves suppressed.
 */
#include "config.h"

#include <fnmatch.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "directive.h"
#include "eval.h"
#include "policy.h"
#include "props.h"
#include "report.h"
#include "rules.h"
#include "settings.h"
#include "source.h"
#include "suppress.h"
#include "xmalloc.h"

/* The state of one application. */
struct run {
	struct ka_report		*rep;
	const struct ka_suppress_ctx	*ctx;
	const struct ka_rule		*self[KA_CHECK__MAX]; /* the rule of
						   each report, or NULL */
	struct entry			*idx;	/* owned: the findings by
						   path pointer, then line */
	size_t				 nidx;
};

/* A finding in the index. */
struct entry {
	uintptr_t	 path;		/* its path, as a pointer */
	unsigned int	 line;
	size_t		 i;		/* its index in the report */
};

/* What a directive covers: the lines of one property, or a file. */
struct scope {
	const char		*path;		/* borrowed from the source */
	unsigned int		 first, last;	/* lines; 0, 0: every line */
	const struct ka_prop	*prop;		/* the property, or NULL */
};

static int
cmp_entry(const void *va, const void *vb)
{
	const struct entry	*a = va, *b = vb;

	if (a->path != b->path)
		return a->path < b->path ? -1 : 1;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return (a->i > b->i) - (a->i < b->i);
}

/* The findings located in the file at path: idx[*lo] to idx[*hi - 1]. */
static void
file_range(const struct run *r, const char *path, size_t *lo, size_t *hi)
{
	size_t		 a = 0, b = r->nidx, m;
	uintptr_t	 p = (uintptr_t)path;

	while (a < b) {
		m = a + (b - a) / 2;
		if (r->idx[m].path < p)
			a = m + 1;
		else
			b = m;
	}
	*lo = a;
	for (b = a; b < r->nidx && r->idx[b].path == p; b++)
		continue;
	*hi = b;
}

static void report(struct run *, enum ka_check, const struct ka_loc *,
    const char *, const char *, const char *, const char *, ...)
    __attribute__((__format__(__printf__, 7, 8)));

/* A finding of the tool's rule for check, unless it is off. */
static void
report(struct run *r, enum ka_check check, const struct ka_loc *loc,
    const char *subject, const char *key, const char *value,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*detail;

	if (r->self[check] == NULL)
		return;
	va_start(ap, fmt);
	detail = xvasprintf(fmt, ap);
	va_end(ap);
	(void)ka_eval_self(r->rep, r->self[check], loc, subject, key, value,
	    detail);
	free(detail);
}

static struct ka_loc
at_col(const struct ka_loc *loc, unsigned int col)
{
	struct ka_loc	 l = *loc;

	l.col = col;
	return l;
}

/* "disable=KA1001,KA2002" or "disable-file=all", as written. */
static char *
as_written(const struct ka_directive *d)
{
	char	*s, *t;
	size_t	 i;

	s = xasprintf("%s=", ka_directive_word(KA_DIRECTIVE_HAS(d,
	    KA_DW_DISABLE_FILE) ? KA_DW_DISABLE_FILE : KA_DW_DISABLE));
	for (i = 0; i < d->nids; i++) {
		t = xasprintf("%s%s%s", s, i == 0 ? "" : ",", d->ids[i].name);
		free(s);
		s = t;
	}
	return s;
}

/* The number of comment lines of s strictly between lines a and b. */
static unsigned int
comments_between(const struct ka_settings *s, unsigned int a,
    unsigned int b)
{
	unsigned int	 n = 0;
	size_t		 i;

	for (i = 0; i < s->props.ncomments; i++)
		if (s->props.comments[i].loc.line > a &&
		    s->props.comments[i].loc.line < b)
			n++;
	return n;
}

static void misplaced(struct run *, const struct ka_directive *,
    const struct ka_loc *, const char *, ...)
    __attribute__((__format__(__printf__, 4, 5)));

/* A directive that cannot apply where it is, named as written. */
static void
misplaced(struct run *r, const struct ka_directive *d,
    const struct ka_loc *loc, const char *fmt, ...)
{
	va_list	 ap;
	char	*what, *detail;

	va_start(ap, fmt);
	detail = xvasprintf(fmt, ap);
	va_end(ap);
	what = as_written(d);
	*strchr(what, '=') = '\0';
	report(r, KA_CHECK_SUPPRESSION_MISPLACED, loc, "suppression", what,
	    what + strlen(what) + 1, "%s", detail);
	free(what);
	free(detail);
}

/*
 * Where directive d applies, or -1 after reporting that it cannot apply
 * where it is: disable-file= before the first property, disable= on the
 * property below it, with only comment lines between.
 */
static int
placed(struct run *r, const struct ka_settings *s,
    const struct ka_directive *d, struct scope *sc)
{
	const struct ka_prop	*p = NULL;
	struct ka_loc		 loc;
	unsigned int		 line = d->loc.line;
	size_t			 i;

	memset(sc, 0, sizeof(*sc));
	sc->path = s->src->path;
	if (KA_DIRECTIVE_HAS(d, KA_DW_DISABLE_FILE)) {
		loc = at_col(&d->loc, d->col[KA_DW_DISABLE_FILE]);
		if (s->props.len > 0 && s->props.v[0].key_loc.line < line) {
			misplaced(r, d, &loc, "disable-file= applies only "
			    "before the first property (line %u); it is "
			    "ignored here", s->props.v[0].key_loc.line);
			return -1;
		}
		return 0;
	}
	loc = at_col(&d->loc, d->col[KA_DW_DISABLE]);
	for (i = 0; i < s->props.len && p == NULL; i++)
		if (s->props.v[i].key_loc.line > line)
			p = &s->props.v[i];
	if (p == NULL) {
		misplaced(r, d, &loc, "disable= applies to the property on "
		    "the line below it, and no property follows");
		return -1;
	}
	if (comments_between(s, line, p->key_loc.line) + 1 + line !=
	    p->key_loc.line) {
		misplaced(r, d, &loc, "disable= applies to the property "
		    "directly below it, and a blank line comes before %s "
		    "(line %u)%s", p->key, p->key_loc.line,
		    p == &s->props.v[0] ? "; disable-file= covers the whole "
		    "file" : "");
		return -1;
	}
	sc->first = p->key_loc.line;
	sc->last = p->last_line;
	sc->prop = p;
	return 0;
}

/* 1 if the rule of f is one that name ("all", an id, a slug) stands for. */
static int
names(const struct ka_rule *rule, int all, const struct ka_finding *f)
{
	if (all)
		return f->rule != NULL && f->rule->suppressible;
	return f->rule == rule;
}

/*
 * Mark the findings in scope of the rule named (or of all), from the
 * directive; returns how many it covers, those another directive
 * covered first included.  *atzero says whether the rule reported on the
 * file as a whole (line 0), which only disable-file= covers.
 */
static size_t
cover(struct run *r, const struct ka_directive *d, const struct scope *sc,
    const struct ka_rule *rule, int all, int *atzero)
{
	struct ka_finding	*f;
	size_t			 lo, hi, i, n = 0;

	*atzero = 0;
	file_range(r, sc->path, &lo, &hi);
	for (i = lo; i < hi; i++) {
		f = &r->rep->v[r->idx[i].i];
		if (!names(rule, all, f))
			continue;
		if (sc->prop != NULL && (f->loc.line < sc->first ||
		    f->loc.line > sc->last)) {
			*atzero |= f->loc.line == 0;
			continue;
		}
		n++;
		if (f->suppressed.kind != KA_SUPPRESS_NONE)
			continue;
		f->suppressed.kind = KA_SUPPRESS_INLINE;
		f->suppressed.reason = d->reason != NULL ?
		    xstrdup(d->reason) : NULL;
		f->suppressed.until = d->until[0] != '\0' ?
		    xstrdup(d->until) : NULL;
		f->suppressed.loc = d->loc;
	}
	return n;
}

/* One rule named by a directive that applies. */
static void
apply_id(struct run *r, const struct ka_directive *d,
    const struct ka_directive_id *id, const struct scope *sc)
{
	const struct ka_rule	*rule = NULL;
	const char		*word, *hint, *what;
	struct ka_loc		 loc;
	int			 all, atzero;

	word = ka_directive_word(sc->prop != NULL ? KA_DW_DISABLE :
	    KA_DW_DISABLE_FILE);
	loc = at_col(&d->loc, id->col);
	all = strcasecmp(id->name, "all") == 0;
	if (!all && (rule = ka_rules_find(r->ctx->rules, id->name)) == NULL) {
		hint = ka_rules_suggest(r->ctx->rules, id->name);
		report(r, KA_CHECK_SUPPRESSION_UNKNOWN, &loc, "suppression",
		    word, id->name, "%s%s%s", hint != NULL ?
		    "did you mean " : "'kafka-audit rules' lists the rules",
		    hint != NULL ? hint : "", hint != NULL ? "?" : "");
		return;
	}
	if (rule != NULL && (!rule->suppressible || ka_rules_is_self(rule))) {
		report(r, KA_CHECK_SUPPRESSION_DENIED, &loc, "suppression",
		    word, rule->id, "its rule file declares %s suppressible: "
		    "false; fix the setting, or exempt it in the "
		    "configuration file with a reason", rule->slug);
		return;
	}
	/* A rule the configuration turned off cannot be used: no report. */
	if (rule != NULL && rule->off)
		return;
	if (cover(r, d, sc, rule, all, &atzero) > 0)
		return;
	what = all ? "no rule that may be suppressed reports anything" :
	    rule->id;
	if (sc->prop == NULL)
		report(r, KA_CHECK_SUPPRESSION_UNUSED, &loc, "suppression",
		    word, id->name, "%s=%s suppresses nothing: %s%s in this "
		    "file", word, id->name, what,
		    all ? "" : " reports nothing");
	else
		report(r, KA_CHECK_SUPPRESSION_UNUSED, &loc, "suppression",
		    word, id->name, "%s=%s suppresses nothing: %s%s on the "
		    "next property, %s (line %u)%s", word, id->name, what,
		    all ? "" : " reports nothing", sc->prop->key, sc->first,
		    atzero ? "; its finding about a key the file does not "
		    "set is on the file, which only disable-file= covers" :
		    "");
}

static void
apply_directive(struct run *r, const struct ka_settings *s,
    const struct ka_directive *d)
{
	struct scope	 sc;
	struct ka_loc	 loc;
	char		*what;
	size_t		 i;

	if (d->nids == 0)
		return;
	if (d->until[0] != '\0' && strcmp(r->ctx->today, d->until) > 0) {
		what = as_written(d);
		loc = at_col(&d->loc, d->col[KA_DW_UNTIL]);
		report(r, KA_CHECK_SUPPRESSION_EXPIRED, &loc, "suppression",
		    "until", d->until, "%s no longer applies, and what it "
		    "suppressed counts again", what);
		free(what);
		return;
	}
	if (placed(r, s, d, &sc) == -1)
		return;
	for (i = 0; i < d->nids; i++)
		apply_id(r, d, &d->ids[i], &sc);
}

/*
 * A directive written after a value on the same line is part of the
 * value: Java has no comments there.  The inline-comment check reports
 * the value; this says why the suppression does nothing.
 */
static void
in_values(struct run *r, const struct ka_settings *s)
{
	static const char	 marks[] = "#!";
	const struct ka_prop	*p;
	const char		*v, *at;
	struct ka_loc		 loc;
	size_t			 i;

	for (i = 0; i < s->props.len; i++) {
		p = &s->props.v[i];
		for (v = p->value; (at = strpbrk(v, marks)) != NULL;
		    v = at + 1) {
			if (at == p->value || (at[-1] != ' ' &&
			    at[-1] != '\t'))
				continue;
			at++;
			at += strspn(at, " \t");
			if (strncmp(at, "kafka-audit:", 12) != 0)
				continue;
			loc = p->value_loc;
			if (loc.line == p->key_loc.line)
				loc.col += (unsigned int)(at - p->value);
			report(r, KA_CHECK_SUPPRESSION_MISPLACED, &loc,
			    "suppression", p->key, p->value, "a '# "
			    "kafka-audit:' comment after a value is part of "
			    "the value, since Java has no comments there; "
			    "put it on the line above %s", p->key);
			break;
		}
	}
}

static void
apply_inline(struct run *r)
{
	const struct ka_settings	*s;
	size_t				 i, j;

	for (i = 0; i < r->ctx->nfiles; i++) {
		s = r->ctx->files[i];
		if (s->kind != KA_KIND_FILE)
			continue;
		in_values(r, s);
		for (j = 0; j < s->ndirectives; j++)
			apply_directive(r, s, &s->directives[j]);
	}
}

/* ---- Exemptions of the configuration file. */

static int
cmp_ptr(const void *va, const void *vb)
{
	uintptr_t	 a = *(const uintptr_t *)va;
	uintptr_t	 b = *(const uintptr_t *)vb;

	return (a > b) - (a < b);
}

/* "a/b.properties" from "./a/b.properties": globs are written without. */
static const char *
bare(const char *path)
{
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	return path;
}

/*
 * The audited files that a file: glob selects, by the path from the
 * configuration file's directory or as printed: their path pointers,
 * sorted, for bsearch; *n of them.
 */
static uintptr_t *
files_of(const struct run *r, const char *glob, size_t *n)
{
	const struct ka_suppress_ctx	*c = r->ctx;
	uintptr_t			*v;
	size_t				 i;

	v = xcalloc(c->nfiles + 1, sizeof(*v));
	*n = 0;
	for (i = 0; i < c->nfiles; i++) {
		if (c->files[i]->kind != KA_KIND_FILE)
			continue;
		if (fnmatch(glob, bare(c->files[i]->src->path), 0) == 0 ||
		    (c->relpaths != NULL && c->relpaths[i] != NULL &&
		    fnmatch(glob, c->relpaths[i], 0) == 0))
			v[(*n)++] = (uintptr_t)c->files[i]->src->path;
	}
	qsort(v, *n, sizeof(*v), cmp_ptr);
	return v;
}

static int
has_broker(const struct ka_exemption *e, int32_t id)
{
	size_t	 i;

	for (i = 0; i < e->nbrokers; i++)
		if (e->brokers[i] == id)
			return 1;
	return 0;
}

/*
 * broker: a finding about live brokers (one, several merged, or those
 * that disagree), every one of which the exemption names: it never hides
 * what a finding says about a broker it does not name.
 */
static int
brokers_match(const struct ka_exemption *e, const struct ka_finding *f)
{
	size_t	 i;

	if (f->kind != KA_KIND_BROKER && f->nbrokers == 0)
		return 0;
	if (f->nbrokers == 0)
		return has_broker(e, f->broker);
	for (i = 0; i < f->nbrokers; i++)
		if (!has_broker(e, f->brokers[i]))
			return 0;
	return 1;
}

/* 1 if the exemption names the rule of f. */
static int
rule_match(const struct ka_exemption *e, const struct ka_finding *f)
{
	size_t	 i;

	for (i = 0; i < e->nrules; i++)
		if (e->rulep[i] == NULL ? !ka_rules_is_self(f->rule) :
		    e->rulep[i] == f->rule)
			return 1;
	return 0;
}

/* Every selector the exemption gives matches f. */
static int
selects(const struct run *r, const struct ka_exemption *e,
    const struct ka_finding *f, const uintptr_t *files, size_t nfiles)
{
	uintptr_t	 path = (uintptr_t)f->loc.path;

	if (e->cluster != NULL && (f->kind == KA_KIND_FILE ||
	    r->ctx->cluster == NULL || strcmp(e->cluster,
	    r->ctx->cluster) != 0))
		return 0;
	if (e->topic != NULL && (f->topic == NULL ||
	    fnmatch(e->topic, f->topic, 0) != 0))
		return 0;
	if (e->nbrokers > 0 && !brokers_match(e, f))
		return 0;
	if (e->file != NULL && (f->kind != KA_KIND_FILE || f->loc.path ==
	    NULL || bsearch(&path, files, nfiles, sizeof(*files),
	    cmp_ptr) == NULL))
		return 0;
	return 1;
}

/*
 * Whether the run audited what the exemption selects, so that matching
 * nothing means it is stale: the cluster it names, a topic or broker of
 * a cluster, a file its glob selects.
 */
static int
in_scope(const struct run *r, const struct ka_exemption *e, size_t nfiles)
{
	const struct ka_suppress_ctx	*c = r->ctx;
	const struct ka_settings	*s;
	size_t				 i;
	int				 topic = e->topic == NULL;
	int				 broker = e->nbrokers == 0;

	if (e->cluster != NULL && (c->cluster == NULL ||
	    strcmp(e->cluster, c->cluster) != 0))
		return 0;
	if (e->file != NULL && nfiles == 0)
		return 0;
	for (i = 0; i < c->nfiles; i++) {
		s = c->files[i];
		if (s->kind == KA_KIND_TOPIC && !topic)
			topic = fnmatch(e->topic, s->topic->name, 0) == 0;
		if (s->kind == KA_KIND_BROKER && !broker)
			broker = has_broker(e, s->broker->id);
	}
	return topic && broker;
}

/* "cluster prod, topic tmp-*": what an exemption selects; owned. */
static char *
selectors(const struct ka_exemption *e)
{
	char	*s, *t;
	size_t	 i;

	s = xasprintf("%s%s%s%s", e->cluster != NULL ? ", cluster " : "",
	    e->cluster != NULL ? e->cluster : "",
	    e->topic != NULL ? ", topic " : "",
	    e->topic != NULL ? e->topic : "");
	for (i = 0; i < e->nbrokers; i++) {
		t = xasprintf("%s%s%d", s, i == 0 ? (e->nbrokers == 1 ?
		    ", broker " : ", brokers ") : ", ", (int)e->brokers[i]);
		free(s);
		s = t;
	}
	t = xasprintf("%s%s%s", s, e->file != NULL ? ", file " : "",
	    e->file != NULL ? e->file : "");
	free(s);
	return t;
}

/* "KA1103,KA1104" as written. */
static char *
rules_of(const struct ka_exemption *e)
{
	char	*s, *t;
	size_t	 i;

	s = xstrdup(e->rules[0]);
	for (i = 1; i < e->nrules; i++) {
		t = xasprintf("%s,%s", s, e->rules[i]);
		free(s);
		s = t;
	}
	return s;
}

static void
apply_exemption(struct run *r, const struct ka_exemption *e)
{
	struct ka_finding	*f;
	uintptr_t		*files = NULL;
	char			*what, *sel;
	size_t			 i, nfiles = 0, used = 0;

	what = rules_of(e);
	sel = selectors(e);
	if (e->until[0] != '\0' && strcmp(r->ctx->today, e->until) > 0) {
		report(r, KA_CHECK_SUPPRESSION_EXPIRED, &e->untilloc,
		    "exemption", "until", e->until, "the exemption of %s for "
		    "%s no longer applies, and what it exempted counts again",
		    what, sel + 2);
		goto out;
	}
	if (e->file != NULL)
		files = files_of(r, e->file, &nfiles);
	for (i = 0; i < r->nidx; i++) {
		f = &r->rep->v[i];
		if (f->rule == NULL || !rule_match(e, f) ||
		    !selects(r, e, f, files, nfiles))
			continue;
		used++;
		if (f->suppressed.kind != KA_SUPPRESS_NONE)
			continue;
		f->suppressed.kind = KA_SUPPRESS_CONFIG;
		f->suppressed.reason = xstrdup(e->reason);
		f->suppressed.until = e->until[0] != '\0' ?
		    xstrdup(e->until) : NULL;
		f->suppressed.loc = e->loc;
	}
	if (used == 0 && in_scope(r, e, nfiles))
		report(r, KA_CHECK_SUPPRESSION_UNUSED, &e->loc, "exemption",
		    "rule", what, "the exemption of %s for %s matches no "
		    "finding of this run", what, sel + 2);
out:
	free(files);
	free(sel);
	free(what);
}

static void
apply_exemptions(struct run *r)
{
	const struct ka_policy	*p = r->ctx->policy;
	size_t			 i;

	for (i = 0; i < p->base.nexempt; i++)
		apply_exemption(r, &p->base.exempt[i]);
	for (i = 0; p->profile != NULL && i < p->profile->layer.nexempt; i++)
		apply_exemption(r, &p->profile->layer.exempt[i]);
}

void
ka_suppress_apply(struct ka_report *rep, const struct ka_suppress_ctx *ctx)
{
	const struct ka_rule	*rule;
	struct run		 r;
	size_t			 i;

	memset(&r, 0, sizeof(r));
	r.rep = rep;
	r.ctx = ctx;
	for (i = 0; i < ctx->rules->len; i++) {
		rule = &ctx->rules->v[i];
		if (ka_rules_is_self(rule) && !rule->off &&
		    r.self[rule->cond->check] == NULL)
			r.self[rule->cond->check] = rule;
	}
	r.nidx = rep->len;
	r.idx = xcalloc(r.nidx + 1, sizeof(*r.idx));
	for (i = 0; i < r.nidx; i++) {
		r.idx[i].path = (uintptr_t)rep->v[i].loc.path;
		r.idx[i].line = rep->v[i].loc.line;
		r.idx[i].i = i;
	}
	qsort(r.idx, r.nidx, sizeof(*r.idx), cmp_entry);
	if (ctx->inline_on)
		apply_inline(&r);
	if (ctx->policy != NULL)
		apply_exemptions(&r);
	free(r.idx);
}
