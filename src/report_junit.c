/*
 * JUnit XML as GitLab, Jenkins and the GitHub JUnit actions read it:
 * one testsuite per audited file, named by its path relative to the path
 * base, and one for the cluster; in each, one testcase per rule that ran
 * on the subject, passing cases included (Jenkins rejects a report with
 * none), named "KA1002 slug [subject]" so that no two cases of a report
 * share a name (GitLab keeps only the first of those).  Findings at or
 * above the failure threshold fail their case; those below it are the
 * <system-out> of a passing one, so that the report agrees with the exit
 * status; suppressed findings, shown on request, skip it.  Diagnostics
 * that made the audit incomplete (exit 2, 3 or 4) are <error> cases of a
 * last suite, "kafka-audit".
 *
 * The counts each <testsuite> carries come first, so the cases are
 * walked twice: once to count, once to write.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "fingerprint.h"
#include "jsonw.h"
#include "outbuf.h"
#include "pathbase.h"
#include "report.h"
#include "scan.h"
#include "settings.h"
#include "source.h"
#include "xmalloc.h"

/* The entities of the characters markup uses; tab, LF, CR by number. */
static const char *const entities['>' + 1] = {
	['\t'] = "&#9;",
	['\n'] = "&#10;",
	['\r'] = "&#13;",
	['"'] = "&quot;",
	['&'] = "&amp;",
	['\''] = "&apos;",
	['<'] = "&lt;",
	['>'] = "&gt;",
};

static void
escape(struct ka_outbuf *fp, const char *s, int attribute)
{
	const unsigned char	*p = (const unsigned char *)s, *run, *end;
	size_t			 n = 0;

	if (s == NULL)
		return;
	end = p + strlen(s);
	for (;;) {
		for (run = p; *p != '\0'; p += n) {
			/* Printable ASCII without an entity goes fast. */
			p += ka_scan_plain(p, (size_t)(end - p), "\"&'<>");
			if (*p < 0x80)
				break;
			n = ka_jsonw_utf8_seq(p);
			/* U+FFFE and U+FFFF are not XML characters. */
			if (n == 0 || (n == 3 && p[0] == 0xef &&
			    p[1] == 0xbf && p[2] >= 0xbe))
				break;
		}
		ka_outbuf_put(fp, run, (size_t)(p - run));
		if (*p == '\0')
			return;
		if (*p <= '>' && entities[*p] != NULL &&
		    (attribute || (*p != '\t' && *p != '\n')))
			ka_outbuf_puts(fp, entities[*p]);
		else if (*p == '\t' || *p == '\n')
			ka_outbuf_putc(fp, *p);
		else {
			ka_outbuf_puts(fp, KA_UTF8_REPLACEMENT);
			n = ka_jsonw_utf8_seq(p);
			p += n == 3 ? 2 : 0;	/* U+FFFE, U+FFFF */
		}
		p++;
	}
}

void
ka_report_junit_escape(FILE *fp, const char *s, int attribute)
{
	struct ka_outbuf	 ob;

	ka_outbuf_init(&ob, fp);
	escape(&ob, s, attribute);
	ka_outbuf_flush(&ob);
}

/* A live finding filed under one live subject's target. */
struct live {
	char		*target;	/* owned: "broker:1", "topic:t" */
	size_t		 finding;
};

struct counts {
	size_t		 tests, failures, errors, skipped;
};

struct junit {
	const struct ka_report_ctx *c;
	struct ka_outbuf *fp;	/* borrowed */
	size_t		*order;		/* owned: file findings by file */
	size_t		*first;		/* owned: of file i in order */
	size_t		*count;		/* owned: its number there */
	int		*done;		/* owned: file i written */
	struct live	*live;		/* owned, sorted by target */
	size_t		 nlive;
	const size_t	*sel;		/* the findings of the subject */
	size_t		 nsel;
	char		**rules;	/* owned: each rule's "id slug",
					   escaped, or NULL until used */
	unsigned char	*marks;		/* owned: mark_rules(), by rule */
	char		*head;		/* owned: a passing case of the
					   subject up to the rule */
	char		*tail;		/* owned: the same after it */
	size_t		*ran;		/* owned: the rules that ran on each
					   subject, by index, as pass 0
					   found them */
	size_t		 nran, rancap;
	size_t		 at;		/* pass 1: the next of ran */
	struct ka_report_pathcache pc;	/* of the findings written */
	FILE		*mem;		/* owned: for attr(), or NULL */
	char		*membuf;	/* owned by mem until closed */
	size_t		 memlen;
};

static int
cmp_live(const void *a, const void *b)
{
	const struct live	*x = a, *y = b;
	int			 c;

	c = strcmp(x->target, y->target);
	if (c == 0)
		c = (x->finding > y->finding) - (x->finding < y->finding);
	return c;
}

static void
add_live(struct junit *j, char *target, size_t finding)
{
	j->live = xreallocarray(j->live, j->nlive + 1, sizeof(*j->live));
	j->live[j->nlive].target = target;
	j->live[j->nlive++].finding = finding;
}

/* The findings of each file together, and the live ones by target. */
static void
index_findings(struct junit *j)
{
	const struct ka_report	*r = j->c->report;
	const struct ka_finding	*f;
	size_t			 i, k, *fill;
	long			 fi, *of;

	of = xcalloc(r->len + 1, sizeof(*of));
	j->first = xcalloc(r->nfiles + 1, sizeof(*j->first));
	j->count = xcalloc(r->nfiles + 1, sizeof(*j->count));
	j->done = xcalloc(r->nfiles + 1, sizeof(*j->done));
	j->order = xcalloc(r->len + 1, sizeof(*j->order));
	fill = xcalloc(r->nfiles + 1, sizeof(*fill));
	/* The findings of a file follow one another: look it up once. */
	for (i = 0; i < r->len; i++) {
		f = &r->v[i];
		if (f->kind != KA_KIND_FILE)
			fi = -1;
		else if (i > 0 && r->v[i - 1].kind == KA_KIND_FILE &&
		    r->v[i - 1].loc.path == f->loc.path)
			fi = of[i - 1];
		else
			fi = ka_report_file_index(r, f->loc.path);
		of[i] = fi;
		if (fi >= 0)
			j->count[fi]++;
	}
	for (i = 1; i < r->nfiles; i++)
		j->first[i] = j->first[i - 1] + j->count[i - 1];
	for (i = 0; i < r->len; i++) {
		f = &r->v[i];
		if (f->kind == KA_KIND_FILE) {
			if (of[i] >= 0)
				j->order[j->first[of[i]] + fill[of[i]]++] = i;
		} else if (f->kind == KA_KIND_BROKER && f->nbrokers > 0) {
			for (k = 0; k < f->nbrokers; k++)
				add_live(j, xasprintf("broker:%d",
				    (int)f->brokers[k]), i);
		} else
			add_live(j, ka_fingerprint_target(f, NULL), i);
	}
	free(fill);
	free(of);
	if (j->nlive > 1)
		qsort(j->live, j->nlive, sizeof(*j->live), cmp_live);
}

/* The target of a live subject, as ka_fingerprint_target() names it. */
static char *
subject_target(const struct ka_settings *s)
{
	switch (s->kind) {
	case KA_KIND_BROKER:
		return xasprintf("broker:%d", (int)s->broker->id);
	case KA_KIND_TOPIC:
		return xasprintf("topic:%s", s->topic->name);
	case KA_KIND_PARTITION:
		return xasprintf("topic:%s/partition:%d", s->topic->name,
		    (int)s->part->id);
	case KA_KIND_FILE:
	case KA_KIND_CLUSTER:
		break;
	}
	return xstrdup("cluster");
}

/*
 * Select the findings of subject s into j->sel: those of file fi of the
 * report for a file, those of its target in buf for a live subject.
 */
static void
select_subject(struct junit *j, const struct ka_settings *s, long fi,
    size_t *buf)
{
	struct live	 key;
	size_t		 lo, hi, mid;

	j->nsel = 0;
	if (s->kind == KA_KIND_FILE) {
		j->sel = j->order + j->first[fi];
		j->nsel = j->count[fi];
		return;
	}
	key.target = subject_target(s);
	key.finding = 0;
	for (lo = 0, hi = j->nlive; lo < hi;) {
		mid = lo + (hi - lo) / 2;
		if (cmp_live(&j->live[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (hi = lo; hi < j->nlive &&
	    strcmp(j->live[hi].target, key.target) == 0; hi++)
		buf[j->nsel++] = j->live[hi].finding;
	free(key.target);
	j->sel = buf;
}

/* What the findings of one rule on the subject make of its case. */
enum outcome {
	PASS,
	FAIL,
	SKIP
};

/* What the shown findings of the subject are, for each rule by index. */
#define SHOWN	1	/* it has some */
#define COUNTED	2	/* some not suppressed */
#define FAILED	4	/* some at or above the threshold */

/*
 * Note in j->marks what the selected findings make of each rule's case,
 * in one walk over them, instead of one walk for each rule.
 */
static void
mark_rules(struct junit *j)
{
	const struct ka_ruleset	*rs = j->c->rules;
	const struct ka_finding	*f;
	unsigned char		 m;
	size_t			 i;

	memset(j->marks, 0, rs->len);
	for (i = 0; i < j->nsel; i++) {
		f = &j->c->report->v[j->sel[i]];
		if (f->rule < rs->v || f->rule >= rs->v + rs->len ||
		    !ka_report_shown(j->c, f))
			continue;
		m = SHOWN;
		if (f->suppressed.kind == KA_SUPPRESS_NONE) {
			m |= COUNTED;
			if (j->c->threshold >= 0 &&
			    (int)f->severity >= j->c->threshold)
				m |= FAILED;
		}
		j->marks[f->rule - rs->v] |= m;
	}
}

static enum outcome
outcome(const struct junit *j, const struct ka_rule *rule, int *any)
{
	unsigned char	 m = j->marks[rule - j->c->rules->v];

	*any = (m & SHOWN) != 0;
	if (m & FAILED)
		return FAIL;
	return (m & SHOWN) && !(m & COUNTED) ? SKIP : PASS;
}

static void
put_attr(struct ka_outbuf *fp, const char *name, const char *value)
{
	ka_outbuf_putc(fp, ' ');
	ka_outbuf_puts(fp, name);
	ka_outbuf_puts(fp, "=\"");
	escape(fp, value, 1);
	ka_outbuf_putc(fp, '"');
}

/* One finding in the body of a case. */
static void
put_finding(struct junit *j, const struct ka_finding *f)
{
	struct ka_outbuf	*fp = j->fp;

	ka_outbuf_puts(fp, f->severity < KA_SEV__MAX ?
	    ka_rules_severity_name(f->severity) : "error");
	ka_outbuf_puts(fp, ": ");
	if (f->loc.path != NULL) {
		escape(fp, ka_report_path_cached(j->c->report, &j->pc,
		    f->loc.path), 0);
		if (f->loc.line != 0) {
			ka_outbuf_putc(fp, ':');
			ka_outbuf_int(fp, f->loc.line);
		}
		ka_outbuf_puts(fp, ": ");
	} else if (f->subject != NULL) {
		escape(fp, f->subject, 0);
		ka_outbuf_puts(fp, ": ");
	}
	escape(fp, f->message, 0);
	ka_outbuf_putc(fp, '\n');
	if (f->key != NULL) {
		ka_outbuf_puts(fp, "  ");
		escape(fp, f->key, 0);
		ka_outbuf_puts(fp, " = ");
		escape(fp, f->value != NULL ? f->value : "(null)", 0);
		ka_outbuf_putc(fp, '\n');
	}
	if (f->suppressed.kind != KA_SUPPRESS_NONE) {
		ka_outbuf_puts(fp, "  suppressed");
		if (f->suppressed.reason != NULL) {
			ka_outbuf_puts(fp, ": ");
			escape(fp, f->suppressed.reason, 0);
		}
		ka_outbuf_putc(fp, '\n');
	}
}

/*
 * The shown findings of rule on the subject, as the body of an element,
 * and the first line of the first one's fix, once.
 */
static void
put_body(struct junit *j, const struct ka_rule *rule)
{
	const struct ka_finding	*f, *first = NULL;
	const char		*fix;
	char			*line;
	size_t			 i, n;

	for (i = 0; i < j->nsel; i++) {
		f = &j->c->report->v[j->sel[i]];
		if (f->rule == rule && ka_report_shown(j->c, f)) {
			put_finding(j, f);
			if (first == NULL)
				first = f;
		}
	}
	fix = first == NULL ? NULL : first->fix != NULL ? first->fix :
	    rule->fix;
	fix = ka_report_first_line(fix, &n);
	if (n == 0)
		return;
	line = xstrndup(fix, n);
	ka_outbuf_puts(j->fp, "fix: ");
	escape(j->fp, line, 0);
	ka_outbuf_putc(j->fp, '\n');
	free(line);
}

/* The first shown finding of rule on the subject, that counts if any. */
static const struct ka_finding *
first_of(const struct junit *j, const struct ka_rule *rule)
{
	const struct ka_finding	*f, *first = NULL;
	size_t			 i;

	for (i = 0; i < j->nsel; i++) {
		f = &j->c->report->v[j->sel[i]];
		if (f->rule != rule || !ka_report_shown(j->c, f))
			continue;
		if (f->suppressed.kind == KA_SUPPRESS_NONE)
			return f;
		if (first == NULL)
			first = f;
	}
	return first;
}

/*
 * s escaped as an attribute value; owned by the caller.  One memory
 * stream serves the whole report, rewound for each: there are thousands
 * of these, and a new stream for each cost a tenth of the report.
 */
static char *
attr(struct junit *j, const char *s)
{
	if (j->mem == NULL &&
	    (j->mem = open_memstream(&j->membuf, &j->memlen)) == NULL)
		return xstrdup("");
	rewind(j->mem);
	ka_report_junit_escape(j->mem, s, 1);
	if (fflush(j->mem) == EOF)
		return xstrdup("");
	return xstrndup(j->membuf, (size_t)ftello(j->mem));
}

/* A rule's "id slug" in a case name, escaped once per report. */
static const char *
rule_name(struct junit *j, const struct ka_rule *rule)
{
	const struct ka_ruleset	*rs = j->c->rules;
	char			*name;
	size_t			 i = (size_t)(rule - rs->v);

	if (j->rules[i] == NULL) {
		name = xasprintf("%s %s", rule->id, rule->slug);
		j->rules[i] = attr(j, name);
		free(name);
	}
	return j->rules[i];
}

/*
 * The escaped pieces of the passing cases of a subject, which carry only
 * a class and a name: a file and a time would double the size of a
 * report of many thousand cases, and no reader needs them there.
 */
static void
pieces(struct junit *j, const char *cls, const char *display)
{
	char	*c = attr(j, cls), *d = attr(j, display);

	free(j->head);
	free(j->tail);
	j->head = xasprintf("    <testcase classname=\"" PACKAGE_NAME
	    ".%s\" name=\"", c);
	j->tail = xasprintf(" [%s]\"/>\n", d);
	free(c);
	free(d);
}

/* The line of a finding in the file a case names. */
static unsigned int
line_of(const struct junit *j, const struct ka_finding *f)
{
	if (f->loc.path != NULL)
		return f->loc.line;
	return ka_report_snapshot_line(j->c, f);
}

/*
 * Count the case of rule on the subject (display, in file) into cnt,
 * and write it when asked.
 */
static void
put_case(struct junit *j, const struct ka_rule *rule, const char *cls,
    const char *display, const char *file, struct counts *cnt, int write)
{
	struct ka_outbuf			*fp = j->fp;
	const struct ka_finding	*f;
	enum outcome		 o;
	unsigned int		 line;
	int			 any;

	o = outcome(j, rule, &any);
	cnt->tests++;
	cnt->failures += o == FAIL;
	cnt->skipped += o == SKIP;
	if (!write)
		return;
	/* Most cases pass, and are written from escaped pieces. */
	if (!any) {
		ka_outbuf_puts(fp, j->head);
		ka_outbuf_puts(fp, rule_name(j, rule));
		ka_outbuf_puts(fp, j->tail);
		return;
	}
	ka_outbuf_puts(fp, "    <testcase classname=\"" PACKAGE_NAME ".");
	escape(fp, cls, 1);
	ka_outbuf_putc(fp, '"');
	ka_outbuf_puts(fp, " name=\"");
	escape(fp, rule->id, 1);
	ka_outbuf_putc(fp, ' ');
	escape(fp, rule->slug, 1);
	ka_outbuf_puts(fp, " [");
	escape(fp, display, 1);
	ka_outbuf_puts(fp, "]\"");
	if (file != NULL)
		put_attr(fp, "file", file);
	f = any ? first_of(j, rule) : NULL;
	line = f != NULL ? line_of(j, f) : 0;
	if (line != 0) {
		ka_outbuf_puts(fp, " line=\"");
		ka_outbuf_int(fp, line);
		ka_outbuf_putc(fp, '"');
	}
	ka_outbuf_puts(fp, " time=\"0\"");
	if (f == NULL) {
		ka_outbuf_puts(fp, "/>\n");
		return;
	}
	ka_outbuf_puts(fp, ">\n");
	if (o == FAIL) {
		ka_outbuf_puts(fp, "      <failure");
		put_attr(fp, "type", f->severity < KA_SEV__MAX ?
		    ka_rules_severity_name(f->severity) : "error");
		put_attr(fp, "message", f->message);
		ka_outbuf_putc(fp, '>');
		put_body(j, rule);
		ka_outbuf_puts(fp, "</failure>\n");
	} else {
		if (o == SKIP)
			ka_outbuf_puts(fp,
			    "      <skipped message=\"suppressed\"/>\n");
		ka_outbuf_puts(fp, "      <system-out>");
		put_body(j, rule);
		ka_outbuf_puts(fp, "</system-out>\n");
	}
	ka_outbuf_puts(fp, "    </testcase>\n");
}

static void
ran_add(struct junit *j, size_t v)
{
	if (j->nran == j->rancap) {
		j->rancap = j->rancap == 0 ? 1024 : j->rancap * 2;
		j->ran = xreallocarray(j->ran, j->rancap, sizeof(*j->ran));
	}
	j->ran[j->nran++] = v;
}

/* The cases of every rule that ran on subject s. */
static void
put_cases(struct junit *j, const struct ka_settings *s, const char *cls,
    const char *display, const char *file, struct counts *cnt, int write)
{
	const struct ka_ruleset	*rs = j->c->rules;
	size_t			 i, n;

	if (rs == NULL)
		return;
	mark_rules(j);
	/*
	 * Pass 0 asks which rules ran on the subject and keeps the answer,
	 * preceded by how many they are; pass 1 reads it back in the same
	 * order of subjects.
	 */
	if (write) {
		pieces(j, cls, display);
		n = j->ran[j->at++];
		for (i = 0; i < n; i++)
			put_case(j, &rs->v[j->ran[j->at++]], cls, display,
			    file, cnt, 1);
		return;
	}
	ran_add(j, 0);
	n = j->nran - 1;
	for (i = 0; i < rs->len; i++)
		if (ka_eval_applies(&rs->v[i], s)) {
			ran_add(j, i);
			j->ran[n]++;
			put_case(j, &rs->v[i], cls, display, file, cnt, 0);
		}
}

static void
put_suite(struct ka_outbuf *fp, const char *name, const struct counts *cnt)
{
	char	 buf[160];

	ka_outbuf_puts(fp, "  <testsuite");
	put_attr(fp, "name", name);
	snprintf(buf, sizeof(buf), " tests=\"%zu\" failures=\"%zu\" "
	    "errors=\"%zu\" skipped=\"%zu\" time=\"0\">\n", cnt->tests,
	    cnt->failures, cnt->errors, cnt->skipped);
	ka_outbuf_puts(fp, buf);
}

static void
add_counts(struct counts *to, const struct counts *c)
{
	to->tests += c->tests;
	to->failures += c->failures;
	to->errors += c->errors;
	to->skipped += c->skipped;
}

static const char *const kinds[] = {
	[KA_KIND_FILE] = "file",
	[KA_KIND_BROKER] = "broker",
	[KA_KIND_TOPIC] = "topic",
	[KA_KIND_PARTITION] = "partition",
	[KA_KIND_CLUSTER] = "cluster",
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * The name of a live subject in its cases: its subject, unless an audited
 * file has that very path, whose cases it would then share names with.
 * Owned by the caller.
 */
static char *
live_display(const struct ka_settings *s, const char **files,
    size_t nfiles)
{
	char	*d = ka_settings_subject(s), *t;

	if (nfiles > 0 && bsearch(&d, files, nfiles, sizeof(*files),
	    cmp_str) != NULL) {
		t = xasprintf("%s (cluster)", d);
		free(d);
		d = t;
	}
	return d;
}

/*
 * Walk the live subjects: count their cases into cnt, or write them.
 */
static void
live_cases(struct junit *j, size_t *buf, const char **files,
    size_t nfiles, struct counts *cnt, int write)
{
	const struct ka_report_ctx	*c = j->c;
	const struct ka_settings	*s;
	char				*d;
	size_t				 i;

	for (i = 0; i < c->nsubjects; i++) {
		s = c->subjects[i];
		if (s->kind == KA_KIND_FILE)
			continue;
		select_subject(j, s, -1, buf);
		d = live_display(s, files, nfiles);
		put_cases(j, s, kinds[s->kind], d, c->snapshot, cnt, write);
		free(d);
	}
}

/* The diagnostics that made the audit incomplete, as error cases. */
static void
diag_cases(const struct junit *j, struct counts *cnt, int write)
{
	const struct ka_diags	*ds = j->c->diags;
	const struct ka_diag	*d;
	struct ka_outbuf			*fp = j->fp;
	char			*rel;
	size_t			 i, n = 0;

	for (i = 0; ds != NULL && i < ds->len; i++) {
		d = &ds->v[i];
		if (d->level < KA_LEVEL_CLUSTER)
			continue;
		cnt->tests++;
		cnt->errors++;
		if (!write)
			continue;
		ka_outbuf_puts(fp, "    <testcase classname=\"" PACKAGE_NAME
		    ".diagnostic\" name=\"diagnostic ");
		ka_outbuf_int(fp, (long long)++n);
		ka_outbuf_putc(fp, ' ');
		escape(fp, ka_diag_id(d->code), 1);
		ka_outbuf_putc(fp, '"');
		if (d->loc.path != NULL) {
			rel = ka_pathbase_rel(j->c->base, d->loc.path, NULL);
			put_attr(fp, "file", rel);
			free(rel);
			if (d->loc.line != 0) {
				ka_outbuf_puts(fp, " line=\"");
				ka_outbuf_int(fp, d->loc.line);
				ka_outbuf_putc(fp, '"');
			}
		}
		ka_outbuf_puts(fp, " time=\"0\">\n      <error");
		put_attr(fp, "type", ka_diag_id(d->code));
		put_attr(fp, "message", d->detail != NULL ? d->detail :
		    ka_diag_summary(d->code));
		ka_outbuf_puts(fp, "/>\n    </testcase>\n");
	}
}

int
ka_report_junit_emit(FILE *out, const struct ka_report_ctx *c)
{
	struct ka_outbuf		*fp;
	const struct ka_report		*r = c->report;
	const struct ka_settings	*s;
	struct junit			 j;
	struct counts			*cnt, live, diag, all;
	const char			**files;
	const char			*rel;
	char				 head[256];
	size_t				*buf, i, nfiles = 0, nlivesubj = 0;
	long				 fi, *fis;
	int				 pass;

	fp = xmalloc(sizeof(*fp));	/* 64 KiB: not on the stack */
	ka_outbuf_init(fp, out);
	memset(&j, 0, sizeof(j));
	j.c = c;
	j.fp = fp;
	j.rules = xcalloc((c->rules != NULL ? c->rules->len : 0) + 1,
	    sizeof(*j.rules));
	j.marks = xcalloc((c->rules != NULL ? c->rules->len : 0) + 1, 1);
	index_findings(&j);
	buf = xcalloc(j.nlive + 1, sizeof(*buf));
	cnt = xcalloc(c->nsubjects + 1, sizeof(*cnt));
	/* The file of each subject in the report, for both passes. */
	fis = xcalloc(c->nsubjects + 1, sizeof(*fis));
	for (i = 0; i < c->nsubjects; i++)
		fis[i] = c->subjects[i]->kind != KA_KIND_FILE ? -1 :
		    ka_report_file_index(r, c->subjects[i]->src->path);
	files = xcalloc(r->nfiles + 1, sizeof(*files));
	for (i = 0; i < c->nsubjects; i++)
		nlivesubj += c->subjects[i]->kind != KA_KIND_FILE;
	if (nlivesubj > 0) {
		for (i = 0; i < r->nfiles; i++)
			files[nfiles++] = ka_report_path(r, r->files[i]);
		qsort(files, nfiles, sizeof(*files), cmp_str);
	}
	memset(&all, 0, sizeof(all));
	memset(&live, 0, sizeof(live));
	memset(&diag, 0, sizeof(diag));

	/* Pass 0 counts, pass 1 writes. */
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			snprintf(head, sizeof(head), "<?xml version=\"1.0\" "
			    "encoding=\"UTF-8\"?>\n<testsuites name=\"%s\" "
			    "tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
			    "skipped=\"%zu\" time=\"0\">\n", PACKAGE_NAME,
			    all.tests, all.failures, all.errors, all.skipped);
			ka_outbuf_puts(fp, head);
			memset(j.done, 0, (r->nfiles + 1) * sizeof(*j.done));
		}
		for (i = 0; i < c->nsubjects; i++) {
			s = c->subjects[i];
			if (s->kind != KA_KIND_FILE)
				continue;
			fi = fis[i];
			if (fi < 0 || j.done[fi])
				continue;
			j.done[fi] = 1;
			select_subject(&j, s, fi, buf);
			rel = ka_report_file_path(r, (size_t)fi);
			if (pass == 1)
				put_suite(fp, rel, &cnt[i]);
			put_cases(&j, s, ka_catalog_role_name(s->role), rel,
			    rel, &cnt[i], pass);
			if (pass == 0)
				add_counts(&all, &cnt[i]);
			else
				ka_outbuf_puts(fp, "  </testsuite>\n");
		}
		if (nlivesubj > 0) {
			if (pass == 1)
				put_suite(fp, c->snapshot != NULL ?
				    c->snapshot : "cluster", &live);
			live_cases(&j, buf, files, nfiles, &live, pass);
			if (pass == 0)
				add_counts(&all, &live);
			else
				ka_outbuf_puts(fp, "  </testsuite>\n");
		}
		if (pass == 0) {
			diag_cases(&j, &diag, 0);
			add_counts(&all, &diag);
		} else if (diag.tests > 0) {
			put_suite(fp, PACKAGE_NAME, &diag);
			diag_cases(&j, &diag, 1);
			ka_outbuf_puts(fp, "  </testsuite>\n");
		}
	}
	ka_outbuf_puts(fp, "</testsuites>\n");
	for (i = 0; c->rules != NULL && i < c->rules->len; i++)
		free(j.rules[i]);
	free(j.rules);
	free(j.marks);
	if (j.mem != NULL)
		fclose(j.mem);
	free(j.membuf);
	free(j.head);
	free(j.tail);
	free(j.ran);
	for (i = 0; i < j.nlive; i++)
		free(j.live[i].target);
	free(j.live);
	free(j.order);
	free(j.first);
	free(j.count);
	free(j.done);
	free(buf);
	free(cnt);
	free(fis);
	free(files);
	ka_outbuf_flush(fp);
	free(fp);
	return ferror(out) ? -1 : 0;
}
