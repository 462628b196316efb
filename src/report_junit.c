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
#include "pathbase.h"
#include "report.h"
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

void
ka_report_junit_escape(FILE *fp, const char *s, int attribute)
{
	const unsigned char	*p = (const unsigned char *)s, *run;
	size_t			 n = 0;

	if (s == NULL)
		return;
	for (;;) {
		for (run = p; *p != '\0'; p += n) {
			if (*p <= '>' && (entities[*p] != NULL || *p < 0x20))
				break;
			n = ka_jsonw_utf8_seq(p);
			/* U+FFFE and U+FFFF are not XML characters. */
			if (n == 0 || (n == 3 && p[0] == 0xef &&
			    p[1] == 0xbf && p[2] >= 0xbe))
				break;
		}
		fwrite(run, 1, (size_t)(p - run), fp);
		if (*p == '\0')
			return;
		if (*p <= '>' && entities[*p] != NULL &&
		    (attribute || (*p != '\t' && *p != '\n')))
			fputs(entities[*p], fp);
		else if (*p == '\t' || *p == '\n')
			putc(*p, fp);
		else {
			fputs(KA_UTF8_REPLACEMENT, fp);
			n = ka_jsonw_utf8_seq(p);
			p += n == 3 ? 2 : 0;	/* U+FFFE, U+FFFF */
		}
		p++;
	}
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
	FILE		*fp;
	size_t		*order;		/* owned: file findings by file */
	size_t		*first;		/* owned: of file i in order */
	size_t		*count;		/* owned: its number there */
	int		*done;		/* owned: file i written */
	struct live	*live;		/* owned, sorted by target */
	size_t		 nlive;
	const size_t	*sel;		/* the findings of the subject */
	size_t		 nsel;
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
	long			 fi;

	j->first = xcalloc(r->nfiles + 1, sizeof(*j->first));
	j->count = xcalloc(r->nfiles + 1, sizeof(*j->count));
	j->done = xcalloc(r->nfiles + 1, sizeof(*j->done));
	j->order = xcalloc(r->len + 1, sizeof(*j->order));
	fill = xcalloc(r->nfiles + 1, sizeof(*fill));
	for (i = 0; i < r->len; i++) {
		fi = r->v[i].kind == KA_KIND_FILE ?
		    ka_report_file_index(r, r->v[i].loc.path) : -1;
		if (fi >= 0)
			j->count[fi]++;
	}
	for (i = 1; i < r->nfiles; i++)
		j->first[i] = j->first[i - 1] + j->count[i - 1];
	for (i = 0; i < r->len; i++) {
		f = &r->v[i];
		if (f->kind == KA_KIND_FILE) {
			fi = ka_report_file_index(r, f->loc.path);
			if (fi >= 0)
				j->order[j->first[fi] + fill[fi]++] = i;
		} else if (f->kind == KA_KIND_BROKER && f->nbrokers > 0) {
			for (k = 0; k < f->nbrokers; k++)
				add_live(j, xasprintf("broker:%d",
				    (int)f->brokers[k]), i);
		} else
			add_live(j, ka_fingerprint_target(f, NULL), i);
	}
	free(fill);
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
 * Select the findings of subject s into j->sel; 0, or -1 for a file
 * already written (named twice on the command line).
 */
static int
select_subject(struct junit *j, const struct ka_settings *s, size_t *buf)
{
	struct live	 key;
	size_t		 lo, hi, mid;
	long		 fi;

	j->nsel = 0;
	if (s->kind == KA_KIND_FILE) {
		fi = ka_report_file_index(j->c->report, s->src->path);
		if (fi < 0)
			return -1;
		j->sel = j->order + j->first[fi];
		j->nsel = j->count[fi];
		return 0;
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
	return 0;
}

/* What the findings of one rule on the subject make of its case. */
enum outcome {
	PASS,
	FAIL,
	SKIP
};

static enum outcome
outcome(const struct junit *j, const struct ka_rule *rule, int *any)
{
	const struct ka_finding	*f;
	enum outcome		 o = PASS;
	size_t			 i;
	int			 shown = 0, counted = 0;

	for (i = 0; i < j->nsel; i++) {
		f = &j->c->report->v[j->sel[i]];
		if (f->rule != rule || !ka_report_shown(j->c, f))
			continue;
		shown = 1;
		if (f->suppressed.kind != KA_SUPPRESS_NONE)
			continue;
		counted = 1;
		if (j->c->threshold >= 0 &&
		    (int)f->severity >= j->c->threshold)
			o = FAIL;
	}
	*any = shown;
	return o == PASS && shown && !counted ? SKIP : o;
}

static void
put_attr(FILE *fp, const char *name, const char *value)
{
	fprintf(fp, " %s=\"", name);
	ka_report_junit_escape(fp, value, 1);
	putc('"', fp);
}

/* One finding in the body of a case. */
static void
put_finding(const struct junit *j, const struct ka_finding *f)
{
	FILE		*fp = j->fp;
	const char	*fix;
	char		*line;
	size_t		 n;

	fprintf(fp, "%s: ", f->severity < KA_SEV__MAX ?
	    ka_rules_severity_name(f->severity) : "error");
	if (f->loc.path != NULL) {
		ka_report_junit_escape(fp, ka_report_path(j->c->report,
		    f->loc.path), 0);
		if (f->loc.line != 0)
			fprintf(fp, ":%u", f->loc.line);
		fputs(": ", fp);
	} else if (f->subject != NULL) {
		ka_report_junit_escape(fp, f->subject, 0);
		fputs(": ", fp);
	}
	ka_report_junit_escape(fp, f->message, 0);
	putc('\n', fp);
	if (f->key != NULL) {
		fputs("  ", fp);
		ka_report_junit_escape(fp, f->key, 0);
		fputs(" = ", fp);
		ka_report_junit_escape(fp, f->value != NULL ? f->value :
		    "(null)", 0);
		putc('\n', fp);
	}
	fix = f->fix != NULL ? f->fix : f->rule != NULL ? f->rule->fix :
	    NULL;
	if (fix != NULL) {
		fix += strspn(fix, " \t\r\n");
		n = strcspn(fix, "\r\n");
		if (n > 0) {
			line = xstrndup(fix, n);
			fputs("  fix: ", fp);
			ka_report_junit_escape(fp, line, 0);
			putc('\n', fp);
			free(line);
		}
	}
	if (f->suppressed.kind != KA_SUPPRESS_NONE) {
		fputs("  suppressed", fp);
		if (f->suppressed.reason != NULL) {
			fputs(": ", fp);
			ka_report_junit_escape(fp, f->suppressed.reason, 0);
		}
		putc('\n', fp);
	}
}

/* The shown findings of rule on the subject, as the body of an element. */
static void
put_body(const struct junit *j, const struct ka_rule *rule)
{
	const struct ka_finding	*f;
	size_t			 i;

	for (i = 0; i < j->nsel; i++) {
		f = &j->c->report->v[j->sel[i]];
		if (f->rule == rule && ka_report_shown(j->c, f))
			put_finding(j, f);
	}
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
	FILE			*fp = j->fp;
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
	fputs("    <testcase classname=\"" PACKAGE_NAME ".", fp);
	ka_report_junit_escape(fp, cls, 1);
	putc('"', fp);
	fputs(" name=\"", fp);
	ka_report_junit_escape(fp, rule->id, 1);
	putc(' ', fp);
	ka_report_junit_escape(fp, rule->slug, 1);
	fputs(" [", fp);
	ka_report_junit_escape(fp, display, 1);
	fputs("]\"", fp);
	if (file != NULL)
		put_attr(fp, "file", file);
	f = any ? first_of(j, rule) : NULL;
	line = f != NULL ? line_of(j, f) : 0;
	if (line != 0)
		fprintf(fp, " line=\"%u\"", line);
	fputs(" time=\"0\"", fp);
	if (f == NULL) {
		fputs("/>\n", fp);
		return;
	}
	fputs(">\n", fp);
	if (o == FAIL) {
		fputs("      <failure", fp);
		put_attr(fp, "type", f->severity < KA_SEV__MAX ?
		    ka_rules_severity_name(f->severity) : "error");
		put_attr(fp, "message", f->message);
		putc('>', fp);
		put_body(j, rule);
		fputs("</failure>\n", fp);
	} else {
		if (o == SKIP)
			fputs("      <skipped message=\"suppressed\"/>\n", fp);
		fputs("      <system-out>", fp);
		put_body(j, rule);
		fputs("</system-out>\n", fp);
	}
	fputs("    </testcase>\n", fp);
}

/* The cases of every rule that ran on subject s. */
static void
put_cases(struct junit *j, const struct ka_settings *s, const char *cls,
    const char *display, const char *file, struct counts *cnt, int write)
{
	const struct ka_ruleset	*rs = j->c->rules;
	size_t			 i;

	for (i = 0; rs != NULL && i < rs->len; i++)
		if (ka_eval_applies(&rs->v[i], s))
			put_case(j, &rs->v[i], cls, display, file, cnt,
			    write);
}

static void
put_suite(FILE *fp, const char *name, const struct counts *cnt)
{
	fputs("  <testsuite", fp);
	put_attr(fp, "name", name);
	fprintf(fp, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
	    "skipped=\"%zu\" time=\"0\">\n", cnt->tests, cnt->failures,
	    cnt->errors, cnt->skipped);
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
		select_subject(j, s, buf);
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
	FILE			*fp = j->fp;
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
		fprintf(fp, "    <testcase classname=\"kafka-audit.diagnostic\""
		    " name=\"diagnostic %zu ", ++n);
		ka_report_junit_escape(fp, ka_diag_id(d->code), 1);
		putc('"', fp);
		if (d->loc.path != NULL) {
			rel = ka_pathbase_rel(j->c->base, d->loc.path, NULL);
			put_attr(fp, "file", rel);
			free(rel);
			if (d->loc.line != 0)
				fprintf(fp, " line=\"%u\"", d->loc.line);
		}
		fputs(" time=\"0\">\n      <error", fp);
		put_attr(fp, "type", ka_diag_id(d->code));
		put_attr(fp, "message", d->detail != NULL ? d->detail :
		    ka_diag_summary(d->code));
		fputs("/>\n    </testcase>\n", fp);
	}
}

int
ka_report_junit_emit(FILE *fp, const struct ka_report_ctx *c)
{
	const struct ka_report		*r = c->report;
	const struct ka_settings	*s;
	struct junit			 j;
	struct counts			*cnt, live, diag, all;
	const char			**files;
	const char			*rel;
	size_t				*buf, i, nfiles = 0, nlivesubj = 0;
	long				 fi;
	int				 pass;

	memset(&j, 0, sizeof(j));
	j.c = c;
	j.fp = fp;
	index_findings(&j);
	buf = xcalloc(j.nlive + 1, sizeof(*buf));
	cnt = xcalloc(c->nsubjects + 1, sizeof(*cnt));
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
			fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
			    "\n<testsuites name=\"%s\" tests=\"%zu\" "
			    "failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" "
			    "time=\"0\">\n", PACKAGE_NAME, all.tests,
			    all.failures, all.errors, all.skipped);
			memset(j.done, 0, (r->nfiles + 1) * sizeof(*j.done));
		}
		for (i = 0; i < c->nsubjects; i++) {
			s = c->subjects[i];
			if (s->kind != KA_KIND_FILE)
				continue;
			fi = ka_report_file_index(r, s->src->path);
			if (fi < 0 || j.done[fi])
				continue;
			j.done[fi] = 1;
			select_subject(&j, s, buf);
			rel = ka_report_path(r, s->src->path);
			if (pass == 1)
				put_suite(fp, rel, &cnt[i]);
			put_cases(&j, s, ka_catalog_role_name(s->role), rel,
			    rel, &cnt[i], pass);
			if (pass == 0)
				add_counts(&all, &cnt[i]);
			else
				fputs("  </testsuite>\n", fp);
		}
		if (nlivesubj > 0) {
			if (pass == 1)
				put_suite(fp, c->snapshot != NULL ?
				    c->snapshot : "cluster", &live);
			live_cases(&j, buf, files, nfiles, &live, pass);
			if (pass == 0)
				add_counts(&all, &live);
			else
				fputs("  </testsuite>\n", fp);
		}
		if (pass == 0) {
			diag_cases(&j, &diag, 0);
			add_counts(&all, &diag);
		} else if (diag.tests > 0) {
			put_suite(fp, PACKAGE_NAME, &diag);
			diag_cases(&j, &diag, 1);
			fputs("  </testsuite>\n", fp);
		}
	}
	fputs("</testsuites>\n", fp);
	for (i = 0; i < j.nlive; i++)
		free(j.live[i].target);
	free(j.live);
	free(j.order);
	free(j.first);
	free(j.count);
	free(j.done);
	free(buf);
	free(cnt);
	free(files);
	return ferror(fp) ? -1 : 0;
}
