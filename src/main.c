/*
 * kafka-audit: find the Kafka settings that lose acknowledged messages.
 *
 * main() is the only function that writes to standard error and the only
 * one that decides the exit status; everything below it reports through
 * the diagnostics sink and return values.
 */
#include "config.h"

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

/* Each -o FMT=PATH; a report that cannot be written is output.write. */
static void
write_outputs(struct ka_run *r, const struct ka_opts *o,
    const struct ka_report_ctx *ctx)
{
	const struct ka_output	*out;
	FILE			*fp;
	size_t			 i;
	int			 rc;

	for (i = 0; i < o->noutputs; i++) {
		out = &o->outputs[i];
		if ((fp = fopen(out->path, "w")) == NULL)
			rc = -1;
		else {
			/* Reports run to many megabytes: fewer writes. */
			setvbuf(fp, NULL, _IOFBF, OUTPUT_BUFFER);
			rc = ka_report_emit(out->format, fp, ctx);
			if (fclose(fp) == EOF)
				rc = -1;
		}
		if (rc == -1)
			ka_diag(&r->diags, KA_D_OUTPUT_WRITE, NULL,
			    "could not write the %s report to %s",
			    out->format, out->path);
	}
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

static void
cmd_check(struct ka_run *r, const struct ka_opts *o)
{
	struct ka_report_ctx	 ctx;
	const char		*fmt = want_format(o);

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
	write_outputs(r, o, &ctx);
	if (ka_report_emit(fmt, stdout, &ctx) == -1)
		ka_diag(&r->diags, KA_D_OUTPUT_WRITE, NULL,
		    "could not write the %s report", fmt);
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
		cmd_check(&r, &o);
		printed = r.diags.len;
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
