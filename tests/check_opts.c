#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"

#include "diag.h"
#include "opts.h"
#include "rules.h"
#include "version.h"

#define MAXARGS	12

/*
 * A command line that parses.  want starts from the defaults through
 * DEFAULTS and each row overrides what it expects to differ, which is why
 * the table is built with repeated designated initializers (C11 6.7.9p19:
 * the last one wins).  paths and rules are the expected arrays joined by
 * spaces; NULL means empty.
 */
#pragma GCC diagnostic ignored "-Woverride-init"

#define DEFAULTS	.threshold = KA_SEV_ERROR, .color = KA_COLOR_AUTO, \
			.version = KA_VERSION_NEWEST

struct good {
	const char	*argv[MAXARGS];
	struct ka_opts	 want;		/* rules and paths not compared */
	const char	*paths;
	const char	*rules;
};

static const struct good good[] = {
	{ { "check", "a.properties" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK }, "a.properties", NULL },
	/* Options after operands still count (permutation). */
	{ { "check", "a.properties", "-f", "text" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK, .format = "text" },
	    "a.properties", NULL },
	{ { "check", "--format=text", "a", "b" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK, .format = "text" }, "a b", NULL },
	{ { "check", "--form", "text", "a" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK, .format = "text" }, "a", NULL },
	{ { "check", "--", "-x", "--quiet" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK }, "-x --quiet", NULL },
	{ { "check", "-" }, { DEFAULTS, .cmd = KA_CMD_CHECK }, "-", NULL },
	{ { "check", "a", "--", "-" }, { DEFAULTS, .cmd = KA_CMD_CHECK },
	    "a -", NULL },
	{ { "check", "-v", "a", "-v", "-vv" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK, .verbose = 4 }, "a", NULL },
	{ { "check", "-qv", "a" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK, .quiet = 1, .verbose = 1 },
	    "a", NULL },
	{ { "check", "--quiet", "a" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK, .quiet = 1 }, "a", NULL },
	{ { "check", "-r", "x.yaml", "a", "--rules=y.yaml" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK }, "a", "x.yaml y.yaml" },
	{ { "check", "-rx.yaml", "--no-default-rules", "a" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK, .no_default_rules = 1 },
	    "a", "x.yaml" },
	{ { "check", "--kafka-version", "0.10", "a" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK,
	    .version = KA_VERSION(0, 10, 0, 0) }, "a", NULL },
	{ { "check", "--kafka-version=3.0.1", "a" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK,
	    .version = KA_VERSION(3, 0, 1, 0) }, "a", NULL },
	{ { "check", "--kafka-version", "4.4", "a" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK,
	    .version = KA_VERSION(4, 4, 0, 0) }, "a", NULL },
	{ { "check", "--kafka-version", "4.4.1", "a" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK,
	    .version = KA_VERSION(4, 4, 1, 0) }, "a", NULL },
	{ { "check", "--kafka-version", "0.8", "a" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK,
	    .version = KA_VERSION(0, 8, 0, 0) }, "a", NULL },
	{ { "check", "-t", "warning", "a" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK, .threshold = KA_SEV_WARNING },
	    "a", NULL },
	{ { "check", "-tinfo", "a" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK, .threshold = KA_SEV_INFO },
	    "a", NULL },
	{ { "check", "--failure-threshold", "none", "a" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK, .threshold = -1 }, "a", NULL },
	{ { "check", "--failure-threshold=info", "-t", "error", "a" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK, .threshold = KA_SEV_ERROR },
	    "a", NULL },
	{ { "check", "--no-fail", "a" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK, .no_fail = 1 }, "a", NULL },
	{ { "check", "--color", "never", "a" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK, .color = 0 }, "a", NULL },
	{ { "check", "--color=always", "a" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK, .color = 1 }, "a", NULL },
	{ { "check", "--colour", "never", "--colour", "auto", "a" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK, .color = KA_COLOR_AUTO },
	    "a", NULL },
	{ { "check", "--type", "producer", "a" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK, .type_forced = 1,
	    .type = KA_ROLE_PRODUCER }, "a", NULL },
	{ { "check", "--type=topic", "a" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK, .type_forced = 1,
	    .type = KA_ROLE_TOPIC }, "a", NULL },
	{ { "check", "--client", "librdkafka", "a" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK, .client_forced = 1,
	    .client = KA_CLIENT_LIBRDKAFKA }, "a", NULL },
	{ { "check", "--client=java", "a" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK, .client_forced = 1,
	    .client = KA_CLIENT_JAVA }, "a", NULL },
	{ { "check", "--stdin-filename", "producer.properties", "-" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK,
	    .stdin_filename = "producer.properties" }, "-", NULL },
	/* Options before the command are kept until it is known. */
	{ { "-q", "-t", "none", "check", "a" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK, .quiet = 1, .threshold = -1 },
	    "a", NULL },
	{ { "rules" }, { DEFAULTS, .cmd = KA_CMD_RULES }, NULL, NULL },
	{ { "rules", "--format", "json" },
	    { DEFAULTS, .cmd = KA_CMD_RULES, .format = "json" }, NULL, NULL },
	{ { "rules", "-f", "markdown", "-r", "x.yaml", "--no-default-rules" },
	    { DEFAULTS, .cmd = KA_CMD_RULES, .format = "markdown",
	    .no_default_rules = 1 }, NULL, "x.yaml" },
	{ { "explain", "KA1001" },
	    { DEFAULTS, .cmd = KA_CMD_EXPLAIN, .explain = "KA1001" },
	    NULL, NULL },
	{ { "explain", "-r", "x.yaml", "acks-all", "--no-default-rules" },
	    { DEFAULTS, .cmd = KA_CMD_EXPLAIN, .explain = "acks-all",
	    .no_default_rules = 1 }, NULL, "x.yaml" },
	/* The configuration file, its profile, named clusters. */
	{ { "check", "-c", "ka.yaml", "-p", "staging", "a" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK, .config = "ka.yaml",
	    .profile = "staging" }, "a", NULL },
	{ { "--no-config", "check", "--show-suppressed",
	    "--no-inline-suppressions", "a" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK, .no_config = 1,
	    .show_suppressed = 1, .no_inline = 1 }, "a", NULL },
	{ { "check", "--cluster", "prod" },
	    { DEFAULTS, .cmd = KA_CMD_CHECK, .cluster = "prod" }, NULL, NULL },
	{ { "check", "--cluster=prod", "--snapshot", "s.json", "--topic",
	    "t" }, { DEFAULTS, .cmd = KA_CMD_CHECK, .cluster = "prod",
	    .snapshot = "s.json" }, NULL, NULL },
	{ { "snapshot", "--cluster", "prod", "--timeout", "5", "-o", "-" },
	    { DEFAULTS, .cmd = KA_CMD_SNAPSHOT, .cluster = "prod",
	    .output = "-" }, NULL, NULL },
	{ { "rules", "--profile", "staging" },
	    { DEFAULTS, .cmd = KA_CMD_RULES, .profile = "staging" },
	    NULL, NULL },
	{ { "config", "show", "-t", "info", "--no-inline-suppressions" },
	    { DEFAULTS, .cmd = KA_CMD_CONFIG, .action = KA_CONFIG_SHOW,
	    .threshold = KA_SEV_INFO, .no_inline = 1 }, NULL, NULL },
	{ { "config", "validate" },
	    { DEFAULTS, .cmd = KA_CMD_CONFIG, .action = KA_CONFIG_VALIDATE },
	    NULL, NULL },
	{ { "config", "validate", "ka.yaml", "-p", "x" },
	    { DEFAULTS, .cmd = KA_CMD_CONFIG, .action = KA_CONFIG_VALIDATE,
	    .config = "ka.yaml", .profile = "x" }, NULL, NULL },
	{ { "version" }, { DEFAULTS, .cmd = KA_CMD_VERSION }, NULL, NULL },
	{ { "-V" }, { DEFAULTS, .cmd = KA_CMD_VERSION }, NULL, NULL },
	{ { "--version" }, { DEFAULTS, .cmd = KA_CMD_VERSION }, NULL, NULL },
	{ { "-V", "check", "a" }, { DEFAULTS, .cmd = KA_CMD_VERSION },
	    NULL, NULL },
	{ { "help" }, { DEFAULTS, .cmd = KA_CMD_HELP }, NULL, NULL },
	{ { "--help" }, { DEFAULTS, .cmd = KA_CMD_HELP }, NULL, NULL },
	{ { "-h" }, { DEFAULTS, .cmd = KA_CMD_HELP }, NULL, NULL },
	{ { "check", "-h" }, { DEFAULTS, .cmd = KA_CMD_HELP }, NULL, NULL },
	{ { "rules", "--help", "--bogus" }, { DEFAULTS, .cmd = KA_CMD_HELP },
	    NULL, NULL },
	{ { "-V", "--help" }, { DEFAULTS, .cmd = KA_CMD_VERSION },
	    NULL, NULL },
};

/* A command line that fails with one diagnostic saying frag and frag2. */
struct bad {
	const char		*argv[MAXARGS];
	enum ka_diag_code	 code;
	const char		*frag;
	const char		*frag2;
};

static const struct bad bad[] = {
	{ { NULL }, KA_D_USAGE, "no command given", NULL },
	{ { "-q" }, KA_D_USAGE, "no command given", NULL },
	{ { "chekc", "a" }, KA_D_USAGE, "unknown command 'chekc'",
	    "did you mean 'check'?" },
	{ { "explian", "x" }, KA_D_USAGE, "did you mean 'explain'?", NULL },
	{ { "frobnicate" }, KA_D_USAGE, "unknown command 'frobnicate'",
	    "check, snapshot, baseline, rules, explain, config, version, help" },
	{ { "server.properties" }, KA_D_USAGE,
	    "unknown command 'server.properties'",
	    "kafka-audit check server.properties" },
	{ { "check" }, KA_D_USAGE_NO_INPUT, "nothing to audit",
	    "- for standard input" },
	{ { "check", "-q", "-f", "text" }, KA_D_USAGE_NO_INPUT,
	    "nothing to audit", NULL },
	{ { "check", "-", "a", "-" }, KA_D_USAGE, "standard input", "once" },
	{ { "check", "--fromat", "text", "a" }, KA_D_USAGE,
	    "unknown option '--fromat'", "did you mean --format?" },
	{ { "rules", "--fromat=json" }, KA_D_USAGE,
	    "unknown option '--fromat'", "did you mean --format?" },
	{ { "check", "--colr", "never", "a" }, KA_D_USAGE,
	    "did you mean --color?", NULL },
	{ { "check", "--bogus", "a" }, KA_D_USAGE,
	    "unknown option '--bogus'", NULL },
	{ { "check", "-x", "a" }, KA_D_USAGE, "unknown option '-x'", NULL },
	{ { "check", "-qz", "a" }, KA_D_USAGE, "unknown option '-z'", NULL },
	{ { "check", "--=x", "a" }, KA_D_USAGE, "unknown option '--'", NULL },
	{ { "check", "--no", "a" }, KA_D_USAGE, "'--no' is ambiguous",
	    "any of --no-fail, --no-config, --no-inline-suppressions" },
	{ { "check", "a", "-f" }, KA_D_USAGE,
	    "option '-f' requires an argument", NULL },
	{ { "check", "a", "--format" }, KA_D_USAGE,
	    "option '--format' requires an argument", NULL },
	{ { "check", "--quiet=yes", "a" }, KA_D_USAGE,
	    "option '--quiet' takes no argument", NULL },
	{ { "check", "-f", "xml", "a" }, KA_D_USAGE,
	    "invalid --format 'xml'", "text" },
	{ { "rules", "--format", "compact" }, KA_D_USAGE,
	    "invalid --format 'compact'", "text, json, markdown" },
	{ { "check", "-t", "bogus", "a" }, KA_D_USAGE,
	    "invalid --failure-threshold 'bogus'",
	    "error, warning, info, none" },
	{ { "check", "--color", "bogus", "a" }, KA_D_USAGE,
	    "invalid --color 'bogus'", "auto, always, never" },
	{ { "check", "--kafka-version", "4.5", "a" }, KA_D_USAGE,
	    "kafka-audit knows releases up to 4.4", NULL },
	{ { "check", "--kafka-version", "0.7", "a" }, KA_D_USAGE,
	    "--kafka-version 0.7 is too old", "0.8" },
	{ { "check", "--kafka-version", "3", "a" }, KA_D_USAGE,
	    "invalid --kafka-version '3'", NULL },
	{ { "check", "--kafka-version", "abc", "a" }, KA_D_USAGE,
	    "invalid --kafka-version 'abc'", "such as 3.9" },
	{ { "check", "--type", "gateway", "a" }, KA_D_USAGE,
	    "invalid --type 'gateway'", "broker, topic, producer, consumer" },
	{ { "check", "--client", "go", "a" }, KA_D_USAGE,
	    "invalid --client 'go'", "java, librdkafka" },
	{ { "rules", "--failure-threshold", "error" }, KA_D_USAGE,
	    "--failure-threshold is not an option of 'rules'", "check" },
	{ { "-t", "error", "rules" }, KA_D_USAGE,
	    "--failure-threshold is not an option of 'rules'", NULL },
	{ { "explain", "--no-fail", "x" }, KA_D_USAGE,
	    "--no-fail is not an option of 'explain'", NULL },
	{ { "explain", "-f", "text", "x" }, KA_D_USAGE,
	    "--format is not an option of 'explain'", "check, rules" },
	{ { "version", "-q" }, KA_D_USAGE,
	    "--quiet is not an option of 'version'", NULL },
	{ { "check", "-V", "a" }, KA_D_USAGE,
	    "--version is not an option of 'check'", NULL },
	{ { "explain" }, KA_D_USAGE, "explain needs a rule", NULL },
	{ { "explain", "-r", "x.yaml" }, KA_D_USAGE, "explain needs a rule",
	    NULL },
	{ { "explain", "a", "b" }, KA_D_USAGE, "explain takes one rule",
	    "'a' and 'b'" },
	{ { "rules", "extra" }, KA_D_USAGE,
	    "'rules' takes no arguments", "'extra'" },
	{ { "version", "1" }, KA_D_USAGE, "'version' takes no arguments",
	    NULL },
	{ { "help", "check" }, KA_D_USAGE, "'help' takes no arguments",
	    NULL },
	{ { "check", "-c", "a.yaml", "--no-config", "a" }, KA_D_USAGE,
	    "--config and --no-config contradict each other", NULL },
	{ { "config" }, KA_D_USAGE, "config needs an action",
	    "show or validate" },
	{ { "config", "shwo" }, KA_D_USAGE, "unknown config action 'shwo'",
	    "(did you mean 'show'?)" },
	{ { "config", "show", "x.yaml" }, KA_D_USAGE,
	    "'config show' takes no file", "--config FILE" },
	{ { "config", "validate", "a", "b" }, KA_D_USAGE,
	    "'config validate' takes one file", "'b'" },
	{ { "config", "validate", "a", "-c", "b" }, KA_D_USAGE,
	    "config validate was given 'a' and --config", NULL },
	{ { "config", "validate", "--no-config" }, KA_D_USAGE,
	    "--no-config leaves none", NULL },
	{ { "config", "show", "--show-suppressed" }, KA_D_USAGE,
	    "--show-suppressed is not an option of 'config'", NULL },
	{ { "rules", "--cluster", "prod" }, KA_D_USAGE,
	    "--cluster is not an option of 'rules'", "check, snapshot" },
	{ { "snapshot", "-o", "-" }, KA_D_USAGE, "snapshot needs a cluster",
	    "--cluster NAME" },
};

/* argv[0] and the row, copied into writable storage as main() gets it. */
static int
mkargv(const char *const row[MAXARGS], char store[][64], char *argv[])
{
	int	 argc;

	snprintf(store[0], 64, "kafka-audit");
	argv[0] = store[0];
	for (argc = 1; argc <= MAXARGS && row[argc - 1] != NULL; argc++) {
		snprintf(store[argc], 64, "%s", row[argc - 1]);
		argv[argc] = store[argc];
	}
	argv[argc] = NULL;
	return argc;
}

static void
joined(const char **v, size_t n, char *buf, size_t size)
{
	size_t	 i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
		    i > 0 ? " " : "", v[i]);
}

static void
ck_str(const char *got, const char *want, const char *field)
{
	if (want == NULL)
		ck_assert_msg(got == NULL, "%s: got '%s', want none", field,
		    got);
	else
		ck_assert_msg(got != NULL && strcmp(got, want) == 0,
		    "%s: got '%s', want '%s'", field, got ? got : "(null)",
		    want);
}

START_TEST(test_good)
{
	const struct good	*g = &good[_i];
	const struct ka_opts	*w = &g->want;
	struct ka_opts		 o;
	struct ka_diags		 d;
	char			 store[MAXARGS + 1][64], *argv[MAXARGS + 2];
	char			 buf[256];
	int			 argc, rc;

	argc = mkargv(g->argv, store, argv);
	ka_opts_init(&o);
	ka_diags_init(&d);
	rc = ka_opts_parse(&o, argc, argv, &d);
	ck_assert_msg(rc == 0 && d.len == 0, "row %d (%s ...): rc %d, %s",
	    _i, argv[1], rc, d.len > 0 ? d.v[0].detail : "no diagnostic");
	ck_assert_int_eq(o.cmd, w->cmd);
	ck_str(o.format, w->format, "format");
	ck_assert_int_eq(o.threshold, w->threshold);
	ck_assert_int_eq(o.no_fail, w->no_fail);
	ck_assert_int_eq(o.color, w->color);
	ck_assert_int_eq(o.quiet, w->quiet);
	ck_assert_int_eq(o.verbose, w->verbose);
	ck_assert_int_eq(o.type_forced, w->type_forced);
	if (w->type_forced)
		ck_assert_int_eq(o.type, w->type);
	ck_assert_int_eq(o.client_forced, w->client_forced);
	if (w->client_forced)
		ck_assert_int_eq(o.client, w->client);
	ck_assert_msg(o.version == w->version, "version %#lx, want %#lx",
	    o.version, w->version);
	ck_str(o.stdin_filename, w->stdin_filename, "stdin_filename");
	ck_assert_int_eq(o.no_default_rules, w->no_default_rules);
	ck_str(o.explain, w->explain, "explain");
	ck_assert_int_eq(o.threshold_set, w->threshold != KA_SEV_ERROR ||
	    o.threshold_set);
	if (w->cmd == KA_CMD_CONFIG)
		ck_assert_int_eq(o.action, w->action);
	ck_str(o.config, w->config, "config");
	ck_assert_int_eq(o.no_config, w->no_config);
	ck_str(o.profile, w->profile, "profile");
	ck_str(o.cluster, w->cluster, "cluster");
	ck_str(o.snapshot, w->snapshot, "snapshot");
	ck_str(o.output, w->output, "output");
	ck_assert_int_eq(o.show_suppressed, w->show_suppressed);
	ck_assert_int_eq(o.no_inline, w->no_inline);
	joined(o.paths, o.npaths, buf, sizeof(buf));
	ck_str(o.npaths > 0 ? buf : NULL, g->paths, "paths");
	joined(o.rules, o.nrules, buf, sizeof(buf));
	ck_str(o.nrules > 0 ? buf : NULL, g->rules, "rules");
	ka_opts_clear(&o);
	ka_diags_clear(&d);
}
END_TEST

START_TEST(test_bad)
{
	const struct bad	*b = &bad[_i];
	struct ka_opts		 o;
	struct ka_diags		 d;
	char			 store[MAXARGS + 1][64], *argv[MAXARGS + 2];
	int			 argc, rc;

	argc = mkargv(b->argv, store, argv);
	ka_opts_init(&o);
	ka_diags_init(&d);
	rc = ka_opts_parse(&o, argc, argv, &d);
	ck_assert_msg(rc == -1, "row %d (%s ...) parsed", _i,
	    argc > 1 ? argv[1] : "");
	ck_assert_msg(d.len == 1, "row %d: %zu diagnostics", _i, d.len);
	ck_assert_int_eq(d.v[0].code, b->code);
	ck_assert_int_eq(d.worst, KA_LEVEL_INPUT);
	ck_assert_ptr_null(d.v[0].loc.path);
	ck_assert_uint_eq(d.v[0].loc.line, 0);
	ck_assert_msg(strstr(d.v[0].detail, b->frag) != NULL,
	    "row %d: '%s' lacks '%s'", _i, d.v[0].detail, b->frag);
	if (b->frag2 != NULL)
		ck_assert_msg(strstr(d.v[0].detail, b->frag2) != NULL,
		    "row %d: '%s' lacks '%s'", _i, d.v[0].detail, b->frag2);
	ka_opts_clear(&o);
	ka_diags_clear(&d);
}
END_TEST

/* The help text, in a string the caller frees. */
static char *
usage(void)
{
	char	*text = NULL;
	size_t	 size = 0;
	FILE	*fp;

	fp = open_memstream(&text, &size);
	ck_assert_ptr_nonnull(fp);
	ka_opts_usage(fp);
	ck_assert_int_eq(fclose(fp), 0);
	return text;
}

START_TEST(test_usage_names_every_option)
{
	const struct option	*lo;
	char			*text, want[64];

	text = usage();
	for (lo = ka_opts_longopts(); lo->name != NULL; lo++) {
		snprintf(want, sizeof(want), "--%s", lo->name);
		ck_assert_msg(strstr(text, want) != NULL,
		    "help does not mention %s", want);
	}
	free(text);
}
END_TEST

START_TEST(test_usage_layout)
{
	static const char *const want[] = {
		"usage: kafka-audit check [options] [PATH... | -]\n",
		"kafka-audit rules [options]\n",
		"kafka-audit explain [options] RULE\n",
		"kafka-audit config [options] show | validate [FILE]\n",
		"kafka-audit version\n",
		"kafka-audit help\n",
		"--failure-threshold LEVEL",
		"text, compact, json",
		"text, json, markdown",
		"Exit status:\n",
		"  0  ", "  1  findings at or above", "  2  usage or input",
		"  3  cluster unreachable", "  4  internal error",
		"\nSee kafka-audit(1).\n",
	};
	char		*text, *line, *nl;
	size_t		 i;

	text = usage();
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		ck_assert_msg(strstr(text, want[i]) != NULL,
		    "help lacks '%s'", want[i]);
	for (line = text; *line != '\0'; line = nl + 1) {
		nl = strchr(line, '\n');
		ck_assert_ptr_nonnull(nl);
		ck_assert_msg(nl - line <= 79, "line too long: %.*s",
		    (int)(nl - line), line);
	}
	free(text);
}
END_TEST

/*
 * A parse that failed in the middle of "-xq" leaves getopt pointing at the
 * 'q'; the next parse must start afresh, not see a stray -q.
 */
START_TEST(test_repeat_parse)
{
	struct ka_opts	 o;
	struct ka_diags	 d;
	char		 store[MAXARGS + 1][64], *argv[MAXARGS + 2];
	const char	*row1[MAXARGS] = { "check", "-xq", "a" };
	const char	*row2[MAXARGS] = { "check", "-v", "a" };
	int		 argc;

	ka_diags_init(&d);
	ka_opts_init(&o);
	argc = mkargv(row1, store, argv);
	ck_assert_int_eq(ka_opts_parse(&o, argc, argv, &d), -1);
	ka_opts_clear(&o);
	ka_opts_init(&o);
	argc = mkargv(row2, store, argv);
	ck_assert_int_eq(ka_opts_parse(&o, argc, argv, &d), 0);
	ck_assert_int_eq(o.verbose, 1);
	ck_assert_int_eq(o.quiet, 0);
	ck_assert_uint_eq(o.npaths, 1);
	ck_assert_uint_eq(d.len, 1);
	ka_opts_clear(&o);
	ka_diags_clear(&d);
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("opts");
	TCase	*tc = tcase_create("opts");

	tcase_add_loop_test(tc, test_good, 0, sizeof(good) / sizeof(good[0]));
	tcase_add_loop_test(tc, test_bad, 0, sizeof(bad) / sizeof(bad[0]));
	tcase_add_test(tc, test_usage_names_every_option);
	tcase_add_test(tc, test_usage_layout);
	tcase_add_test(tc, test_repeat_parse);
	suite_add_tcase(s, tc);
	return s;
}

KA_CHECK_MAIN(suite)
