/*
 * kafka-audit: find the Kafka settings that lose acknowledged messages.
 *
 * main() is the only function that writes to standard error and the only
 * one that decides the exit status; everything below it reports through
 * the diagnostics sink and return values.
 */
#include "config.h"

#include <sys/stat.h>

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "opts.h"
#include "policy_show.h"
#include "report.h"
#include "ruledoc.h"
#include "rules.h"
#include "run.h"
#include "version.h"
#include "xmalloc.h"

/* Colour on a terminal only, and never when NO_COLOR is set (no-color.org). */
static int
want_color(const struct ka_opts *o)
{
	const char	*nc = getenv("NO_COLOR"), *term = getenv("TERM");

	if (o->color != KA_COLOR_AUTO)
		return o->color;
	if (nc != NULL && *nc != '\0')
		return 0;
	if (term != NULL && strcmp(term, "dumb") == 0)
		return 0;
	return isatty(STDOUT_FILENO);
}

/*
 * Print the diagnostics in GNU form: "path:line:col: error: text [id]".
 * Usage problems read better as a plain sentence.  -q keeps only errors.
 * Printing starts at index from, so nothing is printed twice.
 */
static void
print_diags(const struct ka_diags *ds, size_t from, int quiet)
{
	const struct ka_diag	*d;
	size_t			 i;

	for (i = from; i < ds->len; i++) {
		d = &ds->v[i];
		if (quiet && d->level < KA_LEVEL_CLUSTER)
			continue;
		if (d->code == KA_D_USAGE || d->code == KA_D_USAGE_NO_INPUT) {
			fprintf(stderr, "kafka-audit: %s\n", d->detail);
			continue;
		}
		if (d->loc.path == NULL)
			fprintf(stderr, "kafka-audit: ");
		else if (d->loc.line == 0)
			fprintf(stderr, "%s: ", d->loc.path);
		else if (d->loc.col == 0)
			fprintf(stderr, "%s:%u: ", d->loc.path, d->loc.line);
		else
			fprintf(stderr, "%s:%u:%u: ", d->loc.path, d->loc.line,
			    d->loc.col);
		fprintf(stderr, "%s: %s [%s]\n", ka_level_name(d->level),
		    d->detail != NULL ? d->detail : ka_diag_summary(d->code),
		    ka_diag_id(d->code));
	}
}

static void
cmd_rules(struct ka_run *r, const struct ka_opts *o)
{
	const char	*fmt = o->format != NULL ? o->format : "text";

	if (strcmp(fmt, "json") == 0)
		ka_report_json_rules(stdout, &r->rules);
	else
		ka_ruledoc_list(stdout, &r->rules, fmt);
}

static void
cmd_explain(struct ka_run *r, const struct ka_opts *o)
{
	const struct ka_rule	*rule;
	const char		*hint;

	rule = ka_rules_find(&r->rules, o->explain);
	if (rule != NULL) {
		ka_ruledoc_explain(stdout, rule);
		return;
	}
	hint = ka_rules_suggest(&r->rules, o->explain);
	if (hint != NULL)
		ka_diag(&r->diags, KA_D_EXPLAIN_UNKNOWN, NULL,
		    "no rule '%s'; did you mean %s?", o->explain, hint);
	else
		ka_diag(&r->diags, KA_D_EXPLAIN_UNKNOWN, NULL,
		    "no rule '%s'; 'kafka-audit rules' lists them",
		    o->explain);
}

/* --format auto: annotations under GitHub Actions, else text. */
static const char *
want_format(const struct ka_opts *o)
{
	const char	*gha = getenv("GITHUB_ACTIONS");

	if (o->format == NULL)
		return "text";
	if (strcmp(o->format, "auto") != 0)
		return o->format;
	return gha != NULL && strcmp(gha, "true") == 0 ? "github" : "text";
}

#define OUTPUT_BUFFER	(256 * 1024)

/* Write one report to fp, and close it: 0, or -1 when it failed. */
static int
write_report(FILE *fp, const char *format, const struct ka_report_ctx *ctx)
{
	int	 rc;

	/* Reports run to many megabytes: fewer writes. */
	setvbuf(fp, NULL, _IOFBF, OUTPUT_BUFFER);
	rc = ka_report_emit(format, fp, ctx);
	if (fclose(fp) == EOF)
		rc = -1;
	return rc;
}

static void
output_failed(struct ka_run *r, const struct ka_output *out)
{
	ka_diag(&r->diags, KA_D_OUTPUT_WRITE, NULL,
	    "could not write the %s report to %s", out->format, out->path);
}

static int
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/*
 * Whether output i, open as st, may be written while everything else is:
 * a regular file that neither standard output nor another output names.
 * Two writers of one file would mix their bytes.
 */
static int
apart(const struct ka_opts *o, size_t i, const struct stat *st)
{
	struct stat	 other;
	size_t		 j;

	if (!S_ISREG(st->st_mode))
		return 0;
	if (fstat(STDOUT_FILENO, &other) == 0 && same_file(st, &other))
		return 0;
	for (j = 0; j < o->noutputs; j++)
		if (j != i && stat(o->outputs[j].path, &other) == 0 &&
		    same_file(st, &other))
			return 0;
	return 1;
}

/* A report of -o written by a thread of its own. */
struct writer {
	pthread_t			 thread;
	int				 started;
	FILE				*fp;		/* the thread's */
	const char			*format;	/* borrowed */
	const struct ka_report_ctx	*ctx;		/* borrowed */
	int				 rc;		/* write_report()'s */
};

/*
 * The reports of -o: the writers, and what their threads read.  The
 * threads are given the diagnostics as they were when they started, in
 * an array of their own: this thread adds to the run's while they write.
 */
struct outputs {
	struct writer		*w;		/* owned, one per -o */
	struct ka_report_ctx	 ctx;		/* the run's, but diags */
	struct ka_diags		 diags;		/* v owned; its entries
						   borrowed from the run's */
};

static void *
writer_main(void *arg)
{
	struct writer	*w = arg;

	w->rc = write_report(w->fp, w->format, w->ctx);
	return NULL;
}

/*
 * Start writing each -o FMT=PATH.  Each report to a file of its own is
 * written by a thread while this one writes standard output: reports
 * only read the finished run (they are given it const), and on a CI
 * runner of two or more cores a SARIF and a JUnit report besides the
 * text one then add little to the time of the audit.  The others
 * (devices, pipes, a file named twice) are written first, here, one
 * after the other, as is a report whose thread could not be started.
 */
static void
start_outputs(struct ka_run *r, const struct ka_opts *o,
    const struct ka_report_ctx *ctx, struct outputs *out)
{
	const struct ka_output	*op;
	struct writer		*w;
	struct stat		 st;
	FILE			*fp;
	size_t			 i;

	out->w = w = xcalloc(o->noutputs + 1, sizeof(*w));
	for (i = 0; i < o->noutputs; i++) {
		op = &o->outputs[i];
		if ((fp = fopen(op->path, "w")) == NULL)
			continue;
		if (fstat(fileno(fp), &st) == -1 || !apart(o, i, &st))
			fclose(fp);
		else
			w[i].fp = fp;
	}
	for (i = 0; i < o->noutputs; i++) {
		op = &o->outputs[i];
		if (w[i].fp != NULL)
			continue;
		if ((fp = fopen(op->path, "w")) == NULL ||
		    write_report(fp, op->format, ctx) == -1)
			output_failed(r, op);
	}

	out->ctx = *ctx;
	out->diags = r->diags;
	out->diags.v = xcalloc(r->diags.len + 1, sizeof(*out->diags.v));
	if (r->diags.len > 0)
		memcpy(out->diags.v, r->diags.v, r->diags.len *
		    sizeof(*out->diags.v));
	out->diags.cap = r->diags.len + 1;
	out->ctx.diags = &out->diags;
	for (i = 0; i < o->noutputs; i++) {
		if (w[i].fp == NULL)
			continue;
		w[i].format = o->outputs[i].format;
		w[i].ctx = &out->ctx;
		w[i].started = pthread_create(&w[i].thread, NULL,
		    writer_main, &w[i]) == 0;
		if (!w[i].started && write_report(w[i].fp, w[i].format,
		    ctx) == -1)
			output_failed(r, &o->outputs[i]);
	}
}

/*
 * Wait for the writers start_outputs() started, and say which failed:
 * after standard output's report, which could not count them.
 */
static void
wait_outputs(struct ka_run *r, const struct ka_opts *o, struct outputs *out)
{
	size_t	 i;

	for (i = 0; i < o->noutputs; i++)
		if (out->w[i].started && (pthread_join(out->w[i].thread,
		    NULL) != 0 || out->w[i].rc == -1))
			output_failed(r, &o->outputs[i]);
	free(out->w);
	free(out->diags.v);
}

/* The configuration and the rules, for the commands that need both. */
static int
load(struct ka_run *r, const struct ka_opts *o)
{
	if (ka_run_load_policy(r, o) == -1)
		return -1;
	return ka_run_load_rules(r, o);
}

static void
cmd_config(struct ka_run *r, const struct ka_opts *o)
{
	struct ka_policy_view	 w;

	if (o->action == KA_CONFIG_VALIDATE) {
		ka_policy_show_valid(stdout, &r->policy);
		return;
	}
	memset(&w, 0, sizeof(w));
	w.policy = &r->policy;
	w.rules = &r->rules;
	w.threshold = r->threshold;
	w.threshold_set = r->threshold_set;
	w.inline_on = r->inline_on;
	w.inline_set = r->inline_set;
	ka_policy_show_emit(stdout, &w);
}

/* The audit, and its reports; the number of diagnostics it printed. */
static size_t
cmd_check(struct ka_run *r, const struct ka_opts *o)
{
	struct ka_report_ctx	 ctx;
	const char		*fmt = want_format(o);
	struct outputs		 out;
	sigset_t		 sigpipe, mask;
	size_t			 printed;

	ka_run_check(r, o);
	memset(&ctx, 0, sizeof(ctx));
	ctx.report = &r->report;
	ctx.diags = &r->diags;
	ctx.rules = &r->rules;
	ctx.color = strcmp(fmt, "text") == 0 && want_color(o);
	ctx.verbose = o->quiet ? -1 : o->verbose;
	ctx.threshold = r->threshold;
	ctx.exit_status = ka_run_status(r, o);
	ctx.version = o->version;
	ctx.base = &r->base;
	ctx.cluster = r->have_cluster ? &r->cluster : NULL;
	ctx.snapshot = r->snapshot;
	ctx.subjects = r->subjects;
	ctx.nsubjects = r->nsubjects;
	ctx.show_suppressed = o->show_suppressed;
	/* Problems with the input come first, then the report. */
	print_diags(&r->diags, 0, o->quiet);
	fflush(stderr);
	printed = r->diags.len;
	/*
	 * A standard output closed early (kafka-audit check -o sarif=F |
	 * head) ends the process by SIGPIPE, as it always has, but only once
	 * the reports of -o are whole: the signal waits, blocked, until their
	 * writers are done.
	 */
	sigemptyset(&sigpipe);
	sigaddset(&sigpipe, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &sigpipe, &mask);
	start_outputs(r, o, &ctx, &out);
	if (ka_report_emit(fmt, stdout, &ctx) == -1)
		ka_diag(&r->diags, KA_D_OUTPUT_WRITE, NULL,
		    "could not write the %s report", fmt);
	wait_outputs(r, o, &out);
	pthread_sigmask(SIG_SETMASK, &mask, NULL);
	return printed;
}

/* What baseline did, on standard output unless -q or it went there. */
static void
cmd_baseline(struct ka_run *r, const struct ka_opts *o)
{
	const char	*out;

	ka_run_baseline(r, o);
	if (r->written < 0) {
		if (r->diags.worst >= KA_LEVEL_INPUT &&
		    r->diags.worst < KA_LEVEL_INTERNAL)
			ka_diag(&r->diags, KA_D_USAGE, NULL, "the baseline "
			    "was not written: the audit was incomplete");
		return;
	}
	out = o->output != NULL ? o->output : o->baseline != NULL ?
	    o->baseline : KA_BASELINE_DEFAULT;
	if (o->quiet || strcmp(out, "-") == 0)
		return;
	if (o->baseline_action == KA_BASELINE_CREATE)
		printf("kafka-audit: %ld finding%s recorded in %s\n",
		    r->written, r->written == 1 ? "" : "s", out);
	else
		printf("kafka-audit: %zu stale entr%s dropped, %ld kept in "
		    "%s\n", r->stale, r->stale == 1 ? "y" : "ies", r->written,
		    out);
}

int
main(int argc, char *argv[])
{
	struct ka_opts	 o;
	struct ka_run	 r;
	char		 ver[32];
	size_t		 printed;
	int		 status;

	ka_opts_init(&o);
	ka_run_init(&r);
	printed = 0;

	if (ka_opts_parse(&o, argc, argv, &r.diags) == -1) {
		print_diags(&r.diags, 0, 0);
		fprintf(stderr, "Try 'kafka-audit --help'.\n");
		status = 2;
		goto out;
	}
	switch (o.cmd) {
	case KA_CMD_HELP:
		ka_opts_usage(stdout);
		break;
	case KA_CMD_VERSION:
		printf("kafka-audit %s (Kafka defaults of releases up to %s)\n",
		    PACKAGE_VERSION, ka_version_format(KA_VERSION_NEWEST, ver,
		    sizeof(ver)));
		break;
	case KA_CMD_RULES:
		if (load(&r, &o) == 0)
			cmd_rules(&r, &o);
		break;
	case KA_CMD_EXPLAIN:
		if (load(&r, &o) == 0)
			cmd_explain(&r, &o);
		break;
	case KA_CMD_CONFIG:
		if (load(&r, &o) == 0)
			cmd_config(&r, &o);
		break;
	case KA_CMD_SNAPSHOT:
		if (ka_run_load_policy(&r, &o) == 0)
			ka_run_snapshot(&r, &o);
		break;
	case KA_CMD_CHECK:
		/*
		 * A broken rule file is reported, and the rules that did
		 * load still run: exit 2 tells CI the audit was partial.  A
		 * configuration that is wrong stops the audit: it would run
		 * with rules and thresholds nobody chose.
		 */
		if (ka_run_load_policy(&r, &o) == -1)
			break;
		ka_run_load_rules(&r, &o);
		if (r.config_bad)
			break;
		printed = cmd_check(&r, &o);
		break;
	case KA_CMD_BASELINE:
		ka_run_load_rules(&r, &o);
		cmd_baseline(&r, &o);
		break;
	}
	if (fflush(stdout) == EOF || ferror(stdout))
		ka_diag(&r.diags, KA_D_OUTPUT_WRITE, NULL,
		    "could not write to standard output");
	status = ka_run_status(&r, &o);

	print_diags(&r.diags, printed, o.quiet);
out:
	ka_run_clear(&r);
	ka_opts_clear(&o);
	return status;
}
