/*
 * The text reporters: "text" for people, "compact" for editors and grep.
 * Every finding starts with the GNU "path:line:col: severity: message"
 * line that editors jump to; compact is that line alone.
 *
 * Everything printed here may come from a hostile file (a path, a key, a
 * value, a rule's message), so every variable string goes through
 * put_safe(), which shows control characters as escapes instead of handing
 * them to the terminal.
 */
#include "config.h"

#include <string.h>

#include "report.h"

#define SGR_BOLD	"\033[1m"
#define SGR_DIM		"\033[2m"
#define SGR_RESET	"\033[0m"

/* The colour of each severity word; ANSI select-graphic-rendition. */
static const char *const sev_color[KA_SEV__MAX] = {
	[KA_SEV_INFO] = "\033[1;36m",		/* bold cyan */
	[KA_SEV_WARNING] = "\033[1;33m",	/* bold yellow */
	[KA_SEV_ERROR] = "\033[1;31m",		/* bold red */
};

/* Control characters with a familiar escape; the rest become \xHH. */
static const char *const ctl_name[0x20] = {
	['\t'] = "\\t",
	['\n'] = "\\n",
	['\r'] = "\\r",
};

/*
 * Write n bytes of s with every C0 control character and DEL escaped.  The
 * C1 controls U+0080 to U+009F are escaped too: props re-encodes an
 * ISO-8859-1 byte 0x9b as U+009B, which some terminals take for CSI.
 * Other bytes of 0x80 and above pass through, so UTF-8 text stays legible.
 */
static void
put_safe_n(FILE *fp, const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, run;

	/* Runs of bytes that need no escape go out in one write. */
	for (i = run = 0; i < n; i++) {
		if (p[i] >= 0x20 && p[i] != 0x7f && !(p[i] == 0xc2 &&
		    i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f))
			continue;
		fwrite(p + run, 1, i - run, fp);
		if (p[i] < 0x20 && ctl_name[p[i]] != NULL)
			fputs(ctl_name[p[i]], fp);
		else if (p[i] < 0x20 || p[i] == 0x7f)
			fprintf(fp, "\\x%02x", p[i]);
		else {
			fprintf(fp, "\\u%04x", p[i + 1]);
			i++;
		}
		run = i + 1;
	}
	fwrite(p + run, 1, n - run, fp);
}

static void
put_safe(FILE *fp, const char *s)
{
	if (s != NULL)
		put_safe_n(fp, s, strlen(s));
}

/* "path:line:col", dropping col when 0 and line too when line is 0. */
static void
put_loc(FILE *fp, const struct ka_loc *loc)
{
	put_safe(fp, loc->path);
	if (loc->line == 0)
		return;
	fprintf(fp, "%s%u", loc->path != NULL ? ":" : "", loc->line);
	if (loc->col != 0)
		fprintf(fp, ":%u", loc->col);
}

static void
put_color(FILE *fp, int color, const char *sgr)
{
	if (color)
		fputs(sgr, fp);
}

static const char *
severity_word(enum ka_severity s)
{
	return s < KA_SEV__MAX ? ka_rules_severity_name(s) : "error";
}

/*
 * The first line of a finding: where, how bad, what, which rule.  A
 * finding about something other than a file (a topic, later) has no path
 * and is introduced by its subject instead.
 */
static void
put_head(FILE *fp, const struct ka_finding *f, int color)
{
	if (f->loc.path != NULL || f->subject != NULL) {
		put_color(fp, color, SGR_BOLD);
		if (f->loc.path != NULL)
			put_loc(fp, &f->loc);
		else
			put_safe(fp, f->subject);
		putc(':', fp);
		put_color(fp, color, SGR_RESET);
		putc(' ', fp);
	}
	put_color(fp, color,
	    f->severity < KA_SEV__MAX ? sev_color[f->severity] : SGR_BOLD);
	fputs(severity_word(f->severity), fp);
	put_color(fp, color, SGR_RESET);
	fputs(": ", fp);
	put_safe(fp, f->message);
	if (f->rule != NULL && f->rule->id != NULL) {
		putc(' ', fp);
		put_color(fp, color, SGR_DIM);
		putc('[', fp);
		put_safe(fp, f->rule->id);
		if (f->rule->slug != NULL) {
			putc(' ', fp);
			put_safe(fp, f->rule->slug);
		}
		putc(']', fp);
		put_color(fp, color, SGR_RESET);
	}
	if (f->suppressed.kind != KA_SUPPRESS_NONE)
		fprintf(fp, " (%s)", ka_report_suppress_word(
		    f->suppressed.kind));
	putc('\n', fp);
}

/* "  suppressed by f.properties:4:1 until 2026-12-31: reason". */
static void
put_suppression(FILE *fp, const struct ka_suppression *s)
{
	fprintf(fp, "  %s", ka_report_suppress_word(s->kind));
	if (s->loc.path != NULL) {
		fputs(" by ", fp);
		put_loc(fp, &s->loc);
	}
	if (s->until != NULL) {
		fputs(" until ", fp);
		put_safe(fp, s->until);
	}
	if (s->reason != NULL) {
		fputs(": ", fp);
		put_safe(fp, s->reason);
	}
	putc('\n', fp);
}

/*
 * The first line of a rule's fix, without surrounding white space: the
 * text report has one line for it, the rest is for "explain" and JSON.
 */
static void
put_fix(FILE *fp, const char *fix)
{
	const char	*end;

	if (fix == NULL)
		return;
	fix += strspn(fix, " \t\r\n");
	end = fix + strcspn(fix, "\r\n");
	while (end > fix && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (end == fix)
		return;
	fputs("  fix: ", fp);
	put_safe_n(fp, fix, (size_t)(end - fix));
	putc('\n', fp);
}

static void
put_finding(FILE *fp, const struct ka_finding *f, int color)
{
	put_head(fp, f, color);
	if (f->key != NULL) {
		fputs("  ", fp);
		put_safe(fp, f->key);
		fputs(" = ", fp);
		if (f->value != NULL)
			put_safe(fp, f->value);
		else
			fputs("(null)", fp);
		if (f->provenance != NULL) {
			fputs(" (", fp);
			put_safe(fp, f->provenance);
			putc(')', fp);
		}
		putc('\n', fp);
	}
	if (f->related.line != 0) {
		fputs("  see also ", fp);
		put_loc(fp, &f->related);
		putc('\n', fp);
	}
	if (f->suppressed.kind != KA_SUPPRESS_NONE)
		put_suppression(fp, &f->suppressed);
	if (f->rule != NULL)
		put_fix(fp, f->fix != NULL ? f->fix : f->rule->fix);
}

static const char *
plural(size_t n)
{
	return n == 1 ? "" : "s";
}

/*
 * "3 files audited: 2 errors, 1 warning, 0 info" or ": no findings", how
 * many findings were suppressed, and when some input could not be
 * audited, how many problems stderr shows, so that "no findings" is never
 * read as a clean bill of health.
 */
static void
put_summary(FILE *fp, const struct ka_report *r, const struct ka_diags *ds)
{
	size_t	 e, w, i, s, b, bad;

	if (r->nfiles > 0 || !r->cluster)
		fprintf(fp, "%zu file%s%s", r->nfiles, plural(r->nfiles),
		    r->cluster ? " and " : "");
	if (r->cluster)
		fprintf(fp, "a cluster of %zu broker%s, %zu topic%s and %zu "
		    "partition%s", r->nbrokers, plural(r->nbrokers),
		    r->ntopics, plural(r->ntopics), r->npartitions,
		    plural(r->npartitions));
	fputs(" audited: ", fp);
	e = ka_report_count(r, KA_SEV_ERROR);
	w = ka_report_count(r, KA_SEV_WARNING);
	i = ka_report_count(r, KA_SEV_INFO);
	if (e + w + i == 0)
		fputs("no findings", fp);
	else
		fprintf(fp, "%zu error%s, %zu warning%s, %zu info", e,
		    plural(e), w, plural(w), i);
	s = ka_report_waived(r);
	b = ka_report_suppressed(r, KA_SUPPRESS_BASELINE);
	if (s > 0)
		fprintf(fp, "; %zu finding%s suppressed", s, plural(s));
	if (b > 0)
		fprintf(fp, "; %zu baselined", b);
	bad = ds != NULL ? ka_diags_count(ds, KA_LEVEL_CLUSTER) : 0;
	if (bad > 0)
		fprintf(fp, "; %zu problem%s reported on standard error",
		    bad, plural(bad));
	putc('\n', fp);
}

/*
 * The findings in report order, then (unless --quiet made verbose
 * negative) a summary, set off by a blank line when findings precede it.
 * Diagnostics are not printed here: main writes them to stderr.
 */
int
ka_report_text_emit(FILE *fp, const struct ka_report_ctx *c)
{
	const struct ka_report	*r = c->report;
	size_t			 i, n = 0;

	for (i = 0; i < r->len; i++)
		if (ka_report_shown(c, &r->v[i])) {
			put_finding(fp, &r->v[i], c->color);
			n++;
		}
	if (c->verbose >= 0) {
		if (n != 0)
			putc('\n', fp);
		put_summary(fp, r, c->diags);
	}
	return ferror(fp) ? -1 : 0;
}

/* One line per finding, never coloured, no summary. */
int
ka_report_text_compact(FILE *fp, const struct ka_report_ctx *c)
{
	const struct ka_report	*r = c->report;
	size_t			 i;

	for (i = 0; i < r->len; i++)
		if (ka_report_shown(c, &r->v[i]))
			put_head(fp, &r->v[i], 0);
	return ferror(fp) ? -1 : 0;
}
