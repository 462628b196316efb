/*
 * GitHub Actions workflow commands: one annotation per finding,
 *
 *	::error file=PATH,line=N,col=N,title=KA1001 slug::MESSAGE
 *
 * grouped per file with ::group:: and ::endgroup::, then a plain summary
 * line.  Severities map to ::error, ::warning and ::notice; a suppressed
 * finding, shown only on request, is a notice marked as such.  Escaping
 * is the Actions toolkit's (packages/core/src/command.ts): '%', CR and LF
 * in the message, and also ':' and ',' in property values.
 */
#include "config.h"

#include <string.h>

#include "report.h"

static const char *const commands[KA_SEV__MAX] = {
	[KA_SEV_INFO] = "notice",
	[KA_SEV_WARNING] = "warning",
	[KA_SEV_ERROR] = "error",
};

void
ka_report_github_escape(FILE *fp, const char *s, int property)
{
	const char	*run;

	if (s == NULL)
		return;
	for (;;) {
		for (run = s; *s != '\0' && *s != '%' && *s != '\r' &&
		    *s != '\n' && (!property || (*s != ':' && *s != ','));)
			s++;
		fwrite(run, 1, (size_t)(s - run), fp);
		switch (*s) {
		case '\0':
			return;
		case '%':
			fputs("%25", fp);
			break;
		case '\r':
			fputs("%0D", fp);
			break;
		case '\n':
			fputs("%0A", fp);
			break;
		case ':':
			fputs("%3A", fp);
			break;
		default:
			fputs("%2C", fp);
			break;
		}
		s++;
	}
}

/* The first line of a fix, as the text report shows it. */
static void
put_fix(FILE *fp, const char *fix)
{
	size_t	 n;

	fix = ka_report_first_line(fix, &n);
	if (n == 0)
		return;
	fputs("%0Afix: ", fp);
	for (; n > 0; fix++, n--)
		if (*fix == '%')
			fputs("%25", fp);
		else
			putc(*fix, fp);
}

static void
put_annotation(FILE *fp, const struct ka_report_ctx *c,
    const struct ka_finding *f)
{
	const char	*path = NULL;
	unsigned int	 line = f->loc.line, col = f->loc.col;
	int		 supp = f->suppressed.kind != KA_SUPPRESS_NONE;

	if (f->loc.path != NULL)
		path = ka_report_path(c->report, f->loc.path);
	else if (c->snapshot != NULL) {
		path = c->snapshot;
		line = ka_report_snapshot_line(c, f);
		col = 0;
	}
	fprintf(fp, "::%s ", supp ? "notice" : f->severity < KA_SEV__MAX ?
	    commands[f->severity] : "error");
	if (path != NULL) {
		fputs("file=", fp);
		ka_report_github_escape(fp, path, 1);
		if (line != 0)
			fprintf(fp, ",line=%u", line);
		if (line != 0 && col != 0)
			fprintf(fp, ",col=%u", col);
		putc(',', fp);
	}
	fputs("title=", fp);
	if (f->rule != NULL) {
		ka_report_github_escape(fp, f->rule->id, 1);
		putc(' ', fp);
		ka_report_github_escape(fp, f->rule->slug, 1);
	}
	if (supp)
		fputs(" (suppressed)", fp);
	fputs("::", fp);
	if (f->loc.path == NULL && f->subject != NULL) {
		ka_report_github_escape(fp, f->subject, 0);
		fputs(": ", fp);
	}
	ka_report_github_escape(fp, f->message, 0);
	if (f->rule != NULL)
		put_fix(fp, f->fix != NULL ? f->fix : f->rule->fix);
	putc('\n', fp);
}

static const char *
plural(size_t n)
{
	return n == 1 ? "" : "s";
}

int
ka_report_github_emit(FILE *fp, const struct ka_report_ctx *c)
{
	const struct ka_report	*r = c->report;
	const struct ka_finding	*f;
	const char		*group = NULL;
	size_t			 i, e, w, s, b;
	int			 open = 0;

	/* A group per file, and one for the cluster, which has no path. */
	for (i = 0; i < r->len; i++) {
		f = &r->v[i];
		if (!ka_report_shown(c, f))
			continue;
		if (!open || f->loc.path != group) {
			if (open)
				fputs("::endgroup::\n", fp);
			open = 1;
			group = f->loc.path;
			fputs("::group::", fp);
			ka_report_github_escape(fp, f->loc.path != NULL ?
			    ka_report_path(r, f->loc.path) : c->snapshot !=
			    NULL ? c->snapshot : "cluster", 0);
			putc('\n', fp);
		}
		put_annotation(fp, c, f);
	}
	if (open)
		fputs("::endgroup::\n", fp);
	e = ka_report_count(r, KA_SEV_ERROR);
	w = ka_report_count(r, KA_SEV_WARNING);
	fprintf(fp, "kafka-audit: %zu error%s, %zu warning%s, %zu info in "
	    "%zu file%s%s", e, plural(e), w, plural(w),
	    ka_report_count(r, KA_SEV_INFO), r->nfiles, plural(r->nfiles),
	    r->cluster ? " and a cluster" : "");
	s = ka_report_waived(r);
	b = ka_report_suppressed(r, KA_SUPPRESS_BASELINE);
	if (s + b > 0)
		fprintf(fp, " (%zu suppressed, %zu baselined)", s, b);
	fputs("; exit status ", fp);
	fprintf(fp, "%d\n", c->exit_status);
	return ferror(fp) ? -1 : 0;
}
