/*
 * The command line.  Two tables describe every option: the getopt_long
 * table, and optinfo[], indexed by the same enum, which says which commands
 * take the option, what its argument is called and what it does.  The
 * short-option string, the "is not an option of" errors, the did-you-mean
 * suggestions and the --help text are all derived from these two tables,
 * so none of them can drift from the parser.
 *
 * Operands are returned by getopt in order (a leading '-' in the option
 * string), which is how the first operand is known to be the command and
 * how -V is told apart before and after it.  Options given before the
 * command are kept until the command is known, then applied in order.
 */
#include "config.h"

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "clientconf.h"
#include "diag.h"
#include "opts.h"
#include "report.h"
#include "rules.h"
#include "strtonum.h"
#include "version.h"
#include "xmalloc.h"

#define CMD(c)		(1u << (c))
#define CMD_ALL		(CMD(KA_CMD_CHECK) | CMD(KA_CMD_SNAPSHOT) | \
			 CMD(KA_CMD_RULES) | CMD(KA_CMD_EXPLAIN) | \
			 CMD(KA_CMD_CONFIG) | CMD(KA_CMD_VERSION) | \
			 CMD(KA_CMD_HELP) | CMD(KA_CMD_BASELINE))
#define CMD_LIVE	(CMD(KA_CMD_CHECK) | CMD(KA_CMD_SNAPSHOT) | \
			 CMD(KA_CMD_BASELINE))
#define CMD_AUDIT	(CMD(KA_CMD_CHECK) | CMD(KA_CMD_BASELINE))
/* The commands that read the configuration file. */
#define CMD_POLICY	(CMD_LIVE | CMD(KA_CMD_RULES) | CMD(KA_CMD_EXPLAIN) | \
			 CMD(KA_CMD_CONFIG))
/* The commands that load rules. */
#define CMD_RULES	(CMD_AUDIT | CMD(KA_CMD_RULES) | \
			 CMD(KA_CMD_EXPLAIN) | CMD(KA_CMD_CONFIG))

/* Ordered as --help lists them, group by group. */
enum opt {
	OPT_FORMAT,
	OPT_QUIET,
	OPT_VERBOSE,
	OPT_COLOR,
	OPT_OUTPUT,
	OPT_PATH_BASE,
	OPT_THRESHOLD,
	OPT_NO_FAIL,
	OPT_BASELINE,
	OPT_TYPE,
	OPT_CLIENT,
	OPT_KAFKA_VERSION,
	OPT_STDIN_FILENAME,
	OPT_CONFIG,
	OPT_NO_CONFIG,
	OPT_PROFILE,
	OPT_SHOW_SUPPRESSED,
	OPT_NO_INLINE,
	OPT_RULES,
	OPT_NO_DEFAULT_RULES,
	OPT_BOOTSTRAP,
	OPT_PROPERTY,
	OPT_CLIENT_CONFIG,
	OPT_COMMAND_CONFIG,
	OPT_CLUSTER,
	OPT_TIMEOUT,
	OPT_TOPIC,
	OPT_EXCLUDE_TOPIC,
	OPT_SNAPSHOT,
	OPT_HELP,
	OPT_VERSION,
	OPT__MAX
};

/*
 * getopt_long returns OPT_BASE + enum opt for a long option, a value no
 * short option character can take.
 */
#define OPT_BASE	256

/* The first row of an option is its name; later rows are aliases. */
static const struct option longopts[] = {
	{ "format", required_argument, NULL, OPT_BASE + OPT_FORMAT },
	{ "quiet", no_argument, NULL, OPT_BASE + OPT_QUIET },
	{ "verbose", no_argument, NULL, OPT_BASE + OPT_VERBOSE },
	{ "color", required_argument, NULL, OPT_BASE + OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_BASE + OPT_COLOR },
	{ "failure-threshold", required_argument, NULL,
	    OPT_BASE + OPT_THRESHOLD },
	{ "no-fail", no_argument, NULL, OPT_BASE + OPT_NO_FAIL },
	{ "baseline", required_argument, NULL, OPT_BASE + OPT_BASELINE },
	{ "baseline-file", required_argument, NULL, OPT_BASE + OPT_BASELINE },
	{ "path-base", required_argument, NULL, OPT_BASE + OPT_PATH_BASE },
	{ "type", required_argument, NULL, OPT_BASE + OPT_TYPE },
	{ "client", required_argument, NULL, OPT_BASE + OPT_CLIENT },
	{ "kafka-version", required_argument, NULL,
	    OPT_BASE + OPT_KAFKA_VERSION },
	{ "stdin-filename", required_argument, NULL,
	    OPT_BASE + OPT_STDIN_FILENAME },
	{ "config", required_argument, NULL, OPT_BASE + OPT_CONFIG },
	{ "no-config", no_argument, NULL, OPT_BASE + OPT_NO_CONFIG },
	{ "profile", required_argument, NULL, OPT_BASE + OPT_PROFILE },
	{ "show-suppressed", no_argument, NULL,
	    OPT_BASE + OPT_SHOW_SUPPRESSED },
	{ "no-inline-suppressions", no_argument, NULL,
	    OPT_BASE + OPT_NO_INLINE },
	{ "rules", required_argument, NULL, OPT_BASE + OPT_RULES },
	{ "no-default-rules", no_argument, NULL,
	    OPT_BASE + OPT_NO_DEFAULT_RULES },
	{ "bootstrap-server", required_argument, NULL,
	    OPT_BASE + OPT_BOOTSTRAP },
	{ "client-property", required_argument, NULL,
	    OPT_BASE + OPT_PROPERTY },
	{ "client-config", required_argument, NULL,
	    OPT_BASE + OPT_CLIENT_CONFIG },
	{ "command-config", required_argument, NULL,
	    OPT_BASE + OPT_COMMAND_CONFIG },
	{ "cluster", required_argument, NULL, OPT_BASE + OPT_CLUSTER },
	{ "timeout", required_argument, NULL, OPT_BASE + OPT_TIMEOUT },
	{ "topic", required_argument, NULL, OPT_BASE + OPT_TOPIC },
	{ "exclude-topic", required_argument, NULL,
	    OPT_BASE + OPT_EXCLUDE_TOPIC },
	{ "snapshot", required_argument, NULL, OPT_BASE + OPT_SNAPSHOT },
	{ "output", required_argument, NULL, OPT_BASE + OPT_OUTPUT },
	{ "help", no_argument, NULL, OPT_BASE + OPT_HELP },
	{ "version", no_argument, NULL, OPT_BASE + OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

enum group {
	GROUP_OUTPUT,
	GROUP_AUDIT,
	GROUP_POLICY,
	GROUP_CLUSTER,
	GROUP_RULES,
	GROUP_GENERAL,
	GROUP__MAX
};

static const char *const groups[GROUP__MAX] = {
	[GROUP_OUTPUT] = "Output options",
	[GROUP_AUDIT] = "Audit options (check, baseline)",
	[GROUP_POLICY] = "Policy options",
	[GROUP_CLUSTER] = "Cluster options (check, snapshot, baseline)",
	[GROUP_RULES] = "Rule options",
	[GROUP_GENERAL] = "General options",
};

/*
 * What each option means to the user.  arg is the argument's name in the
 * help text, and NULL exactly when the longopts rows say no_argument.
 * -V takes no command: it is valid only before one, as the parser knows.
 */
static const struct {
	int		 letter;	/* short option, or 0 */
	const char	*arg;
	unsigned int	 cmds;		/* CMD() of each command taking it */
	enum group	 group;
	int		 repeat;	/* may be given more than once */
	const char	*help;
} optinfo[OPT__MAX] = {
	[OPT_FORMAT] = { 'f', "FMT", CMD(KA_CMD_CHECK) | CMD(KA_CMD_RULES),
	    GROUP_OUTPUT, 0, "output format; see Formats below" },
	[OPT_OUTPUT] = { 'o', "[FMT=]FILE", CMD_LIVE, GROUP_OUTPUT, 1,
	    "check: also FMT to FILE; else write FILE" },
	[OPT_PATH_BASE] = { 0, "DIR", CMD_AUDIT, GROUP_OUTPUT, 0,
	    "report paths relative to DIR (default: .)" },
	[OPT_QUIET] = { 'q', NULL, CMD_LIVE, GROUP_OUTPUT, 0,
	    "print findings and errors only" },
	[OPT_VERBOSE] = { 'v', NULL, CMD_LIVE, GROUP_OUTPUT, 1,
	    "say more; repeat for more still" },
	[OPT_COLOR] = { 0, "WHEN", CMD(KA_CMD_CHECK), GROUP_OUTPUT, 0,
	    "auto (default), always, never" },
	[OPT_THRESHOLD] = { 't', "LEVEL", CMD(KA_CMD_CHECK) |
	    CMD(KA_CMD_CONFIG), GROUP_AUDIT, 0,
	    "fail at error (default), warning, info or none" },
	[OPT_NO_FAIL] = { 0, NULL, CMD(KA_CMD_CHECK), GROUP_AUDIT, 0,
	    "exit 0 even when findings reach the threshold" },
	[OPT_BASELINE] = { 0, "FILE", CMD_AUDIT, GROUP_AUDIT, 0,
	    "only new findings" },
	[OPT_TYPE] = { 0, "ROLE", CMD_AUDIT, GROUP_AUDIT, 0,
	    "file role: broker, topic, producer or consumer" },
	[OPT_CLIENT] = { 0, "CLIENT", CMD_AUDIT, GROUP_AUDIT, 0,
	    "java or librdkafka (default: detect from keys)" },
	[OPT_KAFKA_VERSION] = { 0, "X.Y[.Z]", CMD_AUDIT, GROUP_AUDIT,
	    0, "Kafka release for defaults (default: newest)" },
	[OPT_STDIN_FILENAME] = { 0, "NAME", CMD_AUDIT, GROUP_AUDIT, 0,
	    "the file name standard input stands for" },
	[OPT_CONFIG] = { 'c', "FILE", CMD_POLICY, GROUP_POLICY, 0,
	    "read FILE, not the .kafka-audit.yaml found" },
	[OPT_NO_CONFIG] = { 0, NULL, CMD_POLICY, GROUP_POLICY, 0,
	    "read no configuration file" },
	[OPT_PROFILE] = { 'p', "NAME", CMD_POLICY, GROUP_POLICY, 0,
	    "apply the configuration's profile NAME" },
	[OPT_SHOW_SUPPRESSED] = { 0, NULL, CMD(KA_CMD_CHECK), GROUP_POLICY,
	    0, "print suppressed findings too, marked" },
	[OPT_NO_INLINE] = { 0, NULL, CMD_AUDIT | CMD(KA_CMD_CONFIG),
	    GROUP_POLICY, 0, "ignore '# kafka-audit: disable=' comments" },
	[OPT_RULES] = { 'r', "PATH", CMD_RULES, GROUP_RULES, 1,
	    "also load rules from PATH; repeatable" },
	[OPT_NO_DEFAULT_RULES] = { 0, NULL, CMD_RULES, GROUP_RULES, 0,
	    "skip the rules installed with kafka-audit" },
	[OPT_BOOTSTRAP] = { 'b', "LIST", CMD_LIVE, GROUP_CLUSTER, 1,
	    "host:port[,...] of the cluster to audit" },
	[OPT_PROPERTY] = { 'X', "K=V", CMD_LIVE, GROUP_CLUSTER, 1,
	    "set a librdkafka client property" },
	[OPT_CLIENT_CONFIG] = { 'F', "FILE", CMD_LIVE, GROUP_CLUSTER, 1,
	    "read librdkafka properties (as kcat -F)" },
	[OPT_COMMAND_CONFIG] = { 0, "FILE", CMD_LIVE, GROUP_CLUSTER, 1,
	    "read Java client properties (Kafka tools)" },
	[OPT_CLUSTER] = { 0, "NAME", CMD_LIVE, GROUP_CLUSTER, 0,
	    "the cluster NAME of the configuration file" },
	[OPT_TIMEOUT] = { 0, "SECONDS", CMD_LIVE, GROUP_CLUSTER, 0,
	    "bound the live fetch (default: 30)" },
	[OPT_TOPIC] = { 0, "GLOB", CMD_LIVE, GROUP_CLUSTER, 1,
	    "only topics matching GLOB; repeatable" },
	[OPT_EXCLUDE_TOPIC] = { 0, "GLOB", CMD_LIVE, GROUP_CLUSTER, 1,
	    "skip topics matching GLOB; repeatable" },
	[OPT_SNAPSHOT] = { 0, "FILE", CMD_AUDIT, GROUP_CLUSTER, 0,
	    "audit a saved snapshot, not a live cluster" },
	[OPT_HELP] = { 'h', NULL, CMD_ALL, GROUP_GENERAL, 0,
	    "show this help" },
	[OPT_VERSION] = { 'V', NULL, 0, GROUP_GENERAL, 0,
	    "show the version" },
};

/* The commands; args is the synopsis of their operands. */
static const struct {
	const char	*name;
	const char	*args;
} cmds[] = {
	[KA_CMD_CHECK] = { "check", "[PATH... | -]" },
	[KA_CMD_SNAPSHOT] = { "snapshot", "" },
	[KA_CMD_BASELINE] = { "baseline", "create|prune [FILE] [PATH...]" },
	[KA_CMD_RULES] = { "rules", "" },
	[KA_CMD_EXPLAIN] = { "explain", "RULE" },
	[KA_CMD_CONFIG] = { "config", "show | validate [FILE]" },
	[KA_CMD_VERSION] = { "version", "" },
	[KA_CMD_HELP] = { "help", "" },
};
#define NCMDS	(sizeof(cmds) / sizeof(cmds[0]))

struct keyword {
	const char	*name;
	int		 value;
};

static const struct keyword colors[] = {
	{ "auto", KA_COLOR_AUTO },
	{ "always", 1 },
	{ "never", 0 },
};

/* rules --format: the catalogue has its own formats, apart from check's. */
static const struct keyword rules_formats[] = {
	{ "text", 0 },
	{ "json", 0 },
	{ "markdown", 0 },
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const struct {
	int		 status;
	const char	*meaning;
} exits[] = {
	{ 0, "no finding at or above the failure threshold" },
	{ 1, "findings at or above the failure threshold" },
	{ 2, "usage or input error" },
	{ 3, "cluster unreachable or incomplete" },
	{ 4, "internal error" },
};

/* The state of one parse; pending holds options seen before the command. */
struct parse {
	struct ka_opts	*o;
	struct ka_diags	*d;
	int		 have_cmd;
	int		 have_stdin;
	int		 have_action;	/* config: show or validate seen */
	int		 have_file;	/* config validate: FILE seen */
	const char	*file;		/* borrowed from argv */
	struct {
		enum opt	 id;
		const char	*arg;	/* borrowed from argv */
	}		*pending;	/* owned, argc entries */
	size_t		 npending;
};

void
ka_opts_init(struct ka_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->cmd = KA_CMD_HELP;
	o->threshold = KA_SEV_ERROR;
	o->color = KA_COLOR_AUTO;
	o->version = KA_VERSION_NEWEST;
	o->timeout = KA_TIMEOUT_DEFAULT;
}

void
ka_opts_clear(struct ka_opts *o)
{
	free(o->rules);
	free(o->paths);
	free(o->conn);
	free(o->topics);
	free(o->excludes);
	free(o->outputs);
	ka_opts_init(o);
}

const struct option *
ka_opts_longopts(void)
{
	return longopts;
}

/* The name of an option: its first row in longopts. */
static const char *
longname(enum opt id)
{
	const struct option	*lo;

	for (lo = longopts; lo->name != NULL; lo++)
		if (lo->val == OPT_BASE + (int)id)
			break;
	return lo->name;
}

/* The option a getopt_long return value stands for, or -1. */
static int
optid(int ch)
{
	int	 i;

	if (ch >= OPT_BASE && ch < OPT_BASE + OPT__MAX)
		return ch - OPT_BASE;
	for (i = 0; i < OPT__MAX; i++)
		if (optinfo[i].letter != 0 && optinfo[i].letter == ch)
			return i;
	return -1;
}

/*
 * The short-option string, from optinfo[]: '-' returns operands in order
 * as option 1, ':' reports a missing argument as ':' and prints nothing.
 */
static void
shortopts(char *buf)
{
	size_t	 n = 0;
	int	 i;

	buf[n++] = '-';
	buf[n++] = ':';
	for (i = 0; i < OPT__MAX; i++) {
		if (optinfo[i].letter == 0)
			continue;
		buf[n++] = (char)optinfo[i].letter;
		if (optinfo[i].arg != NULL)
			buf[n++] = ':';
	}
	buf[n] = '\0';
}

static void
append(const char ***v, size_t *n, const char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = s;
}

/* Add s to the owned, comma-separated list *l. */
static void
listadd(char **l, const char *s)
{
	char	*n;

	if (*l == NULL)
		n = xstrdup(s);
	else
		n = xasprintf("%s, %s", *l, s);
	free(*l);
	*l = n;
}

/*
 * The optimal string alignment distance: insertions, deletions,
 * substitutions and transpositions of neighbours ("fromat") each cost 1.
 * Words longer than DIST_MAX are never close to anything.
 */
#define DIST_MAX	32

static size_t
distance(const char *a, const char *b)
{
	size_t	 d[DIST_MAX + 1][DIST_MAX + 1];
	size_t	 la = strlen(a), lb = strlen(b), i, j, v;

	if (la > DIST_MAX || lb > DIST_MAX)
		return SIZE_MAX;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			v = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[la][lb];
}

/*
 * Whether word is likely a typo of candidate (at most two edits, and at
 * most one per three letters) and a closer one than *best, which it then
 * lowers.
 */
static int
close_to(const char *word, const char *candidate, size_t *best)
{
	size_t	 dist;

	dist = distance(word, candidate);
	if (dist > 2 || dist * 3 > strlen(candidate) || dist >= *best)
		return 0;
	*best = dist;
	return 1;
}

static int
keyword(const struct keyword *v, size_t n, const char *s)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].name, s) == 0)
			return (int)i;
	return -1;
}

static int
bad_keyword(struct parse *p, enum opt id, const char *arg,
    const struct keyword *v, size_t n)
{
	char	*l = NULL;
	size_t	 i;

	for (i = 0; i < n; i++)
		listadd(&l, v[i].name);
	ka_diag(p->d, KA_D_USAGE, NULL,
	    "invalid --%s '%s': expected one of %s", longname(id), arg, l);
	free(l);
	return -1;
}

static int
not_for(struct parse *p, enum opt id)
{
	char	*l = NULL;
	size_t	 i;

	for (i = 0; i < NCMDS; i++)
		if (optinfo[id].cmds & CMD(i))
			listadd(&l, cmds[i].name);
	if (l == NULL)
		ka_diag(p->d, KA_D_USAGE, NULL,
		    "--%s is not an option of '%s'; it goes before the "
		    "command", longname(id), cmds[p->o->cmd].name);
	else
		ka_diag(p->d, KA_D_USAGE, NULL,
		    "--%s is not an option of '%s' (only of %s)",
		    longname(id), cmds[p->o->cmd].name, l);
	free(l);
	return -1;
}

static int
set_format(struct parse *p, const char *arg)
{
	if (p->o->cmd == KA_CMD_RULES) {
		if (keyword(rules_formats, NELEM(rules_formats), arg) == -1)
			return bad_keyword(p, OPT_FORMAT, arg, rules_formats,
			    NELEM(rules_formats));
	} else if (strcmp(arg, "auto") != 0 && !ka_report_format_known(arg)) {
		ka_diag(p->d, KA_D_USAGE, NULL,
		    "invalid --format '%s': expected one of auto, %s", arg,
		    ka_report_format_list());
		return -1;
	}
	p->o->format = arg;
	return 0;
}

/* -o: the file of snapshot and baseline, FMT=PATH for check. */
static int
set_output(struct parse *p, const char *arg)
{
	struct ka_opts	*o = p->o;
	const char	*eq, *fmt;

	if (o->cmd != KA_CMD_CHECK) {
		o->output = arg;
		return 0;
	}
	eq = strchr(arg, '=');
	fmt = eq != NULL ? ka_report_format_name(arg, (size_t)(eq - arg)) :
	    NULL;
	if (fmt == NULL || eq[1] == '\0' || strcmp(eq + 1, "-") == 0) {
		ka_diag(p->d, KA_D_USAGE, NULL, "invalid --output '%s': "
		    "expected FMT=FILE, FMT one of %s (--format chooses "
		    "what standard output gets)", arg,
		    ka_report_format_list());
		return -1;
	}
	o->outputs = xreallocarray(o->outputs, o->noutputs + 1,
	    sizeof(*o->outputs));
	o->outputs[o->noutputs].format = fmt;
	o->outputs[o->noutputs++].path = eq + 1;
	return 0;
}

static int
set_threshold(struct parse *p, const char *arg)
{
	enum ka_severity	 sev;
	char			*l = NULL;
	int			 i;

	p->o->threshold_set = 1;
	if (strcmp(arg, "none") == 0) {
		p->o->threshold = -1;
		return 0;
	}
	if (ka_rules_severity_parse(arg, &sev) == 0) {
		p->o->threshold = (int)sev;
		return 0;
	}
	for (i = KA_SEV__MAX - 1; i >= 0; i--)
		listadd(&l, ka_rules_severity_name((enum ka_severity)i));
	listadd(&l, "none");
	ka_diag(p->d, KA_D_USAGE, NULL,
	    "invalid --failure-threshold '%s': expected one of %s", arg, l);
	free(l);
	return -1;
}

static int
set_type(struct parse *p, const char *arg)
{
	char	*l = NULL;
	int	 i;

	if (ka_catalog_role_parse(arg, &p->o->type) == 0) {
		p->o->type_forced = 1;
		return 0;
	}
	for (i = 0; i < KA_ROLE__MAX; i++)
		listadd(&l, ka_catalog_role_name((enum ka_role)i));
	ka_diag(p->d, KA_D_USAGE, NULL,
	    "invalid --type '%s': expected one of %s", arg, l);
	free(l);
	return -1;
}

static int
set_client(struct parse *p, const char *arg)
{
	char	*l = NULL;
	int	 i;

	if (ka_catalog_client_parse(arg, &p->o->client) == 0) {
		p->o->client_forced = 1;
		return 0;
	}
	for (i = 0; i < KA_CLIENT__MAX; i++)
		listadd(&l, ka_catalog_client_name((enum ka_client)i));
	ka_diag(p->d, KA_D_USAGE, NULL,
	    "invalid --client '%s': expected one of %s", arg, l);
	free(l);
	return -1;
}

static int
set_version(struct parse *p, const char *arg)
{
	unsigned long	 v;
	char		 buf[32];

	if (ka_version_parse(arg, &v) == -1) {
		ka_diag(p->d, KA_D_USAGE, NULL,
		    "invalid --kafka-version '%s': expected a Kafka release "
		    "such as 3.9 or 3.0.1", arg);
		return -1;
	}
	/* Patch releases of the newest line have its defaults. */
	if (v >= KA_VERSION_NEWEST + KA_VERSION(0, 1, 0, 0)) {
		ka_diag(p->d, KA_D_USAGE, NULL,
		    "--kafka-version %s is too new: kafka-audit knows "
		    "releases up to %s", arg,
		    ka_version_format(KA_VERSION_NEWEST, buf, sizeof(buf)));
		return -1;
	}
	if (v < KA_VERSION_OLDEST) {
		ka_diag(p->d, KA_D_USAGE, NULL,
		    "--kafka-version %s is too old: kafka-audit knows "
		    "releases from %s on", arg,
		    ka_version_format(KA_VERSION_OLDEST, buf, sizeof(buf)));
		return -1;
	}
	p->o->version = v;
	return 0;
}

static void
conn_add(struct ka_opts *o, enum ka_conn_kind kind, const char *arg)
{
	o->conn = xreallocarray(o->conn, o->nconn + 1, sizeof(*o->conn));
	o->conn[o->nconn].kind = kind;
	o->conn[o->nconn++].arg = arg;
}

static int
set_timeout(struct parse *p, const char *arg)
{
	const char	*errstr;
	long long	 v;

	v = ka_strtonum(arg, 1, KA_TIMEOUT_MAX, &errstr);
	if (errstr != NULL) {
		ka_diag(p->d, KA_D_USAGE, NULL, "invalid --timeout '%s': "
		    "expected whole seconds from 1 to %d", arg,
		    KA_TIMEOUT_MAX);
		return -1;
	}
	p->o->timeout = (unsigned int)v;
	p->o->timeout_set = 1;
	return 0;
}

/* Apply an option of the known command. */
static int
apply(struct parse *p, enum opt id, const char *arg)
{
	struct ka_opts	*o = p->o;
	int		 i;

	if ((optinfo[id].cmds & CMD(o->cmd)) == 0)
		return not_for(p, id);
	switch (id) {
	case OPT_FORMAT:
		return set_format(p, arg);
	case OPT_QUIET:
		o->quiet = 1;
		break;
	case OPT_VERBOSE:
		o->verbose++;
		break;
	case OPT_COLOR:
		i = keyword(colors, NELEM(colors), arg);
		if (i == -1)
			return bad_keyword(p, id, arg, colors, NELEM(colors));
		o->color = colors[i].value;
		break;
	case OPT_THRESHOLD:
		return set_threshold(p, arg);
	case OPT_NO_FAIL:
		o->no_fail = 1;
		break;
	case OPT_TYPE:
		return set_type(p, arg);
	case OPT_CLIENT:
		return set_client(p, arg);
	case OPT_KAFKA_VERSION:
		return set_version(p, arg);
	case OPT_STDIN_FILENAME:
		o->stdin_filename = arg;
		break;
	case OPT_CONFIG:
		o->config = arg;
		break;
	case OPT_NO_CONFIG:
		o->no_config = 1;
		break;
	case OPT_PROFILE:
		o->profile = arg;
		break;
	case OPT_CLUSTER:
		o->cluster = arg;
		break;
	case OPT_SHOW_SUPPRESSED:
		o->show_suppressed = 1;
		break;
	case OPT_NO_INLINE:
		o->no_inline = 1;
		break;
	case OPT_RULES:
		append(&o->rules, &o->nrules, arg);
		break;
	case OPT_NO_DEFAULT_RULES:
		o->no_default_rules = 1;
		break;
	case OPT_BOOTSTRAP:
		conn_add(o, KA_CONN_BOOTSTRAP, arg);
		break;
	case OPT_PROPERTY:
		conn_add(o, KA_CONN_PROPERTY, arg);
		break;
	case OPT_CLIENT_CONFIG:
		conn_add(o, KA_CONN_FILE, arg);
		break;
	case OPT_COMMAND_CONFIG:
		conn_add(o, KA_CONN_COMMAND_CONFIG, arg);
		break;
	case OPT_TIMEOUT:
		return set_timeout(p, arg);
	case OPT_TOPIC:
		append(&o->topics, &o->ntopics, arg);
		break;
	case OPT_EXCLUDE_TOPIC:
		append(&o->excludes, &o->nexcludes, arg);
		break;
	case OPT_SNAPSHOT:
		o->snapshot = arg;
		break;
	case OPT_OUTPUT:
		return set_output(p, arg);
	case OPT_PATH_BASE:
		o->path_base = arg;
		break;
	case OPT_BASELINE:
		o->baseline = arg;
		break;
	case OPT_HELP:
	case OPT_VERSION:
	case OPT__MAX:
		/* Handled by the caller before any command check. */
		break;
	}
	return 0;
}

/* The first operand: the command, then the options that preceded it. */
static int
command(struct parse *p, const char *w)
{
	const char	*guess = NULL;
	char		*l = NULL;
	size_t		 i, best = SIZE_MAX;

	for (i = 0; i < NCMDS; i++)
		if (strcmp(cmds[i].name, w) == 0)
			break;
	if (i < NCMDS) {
		p->o->cmd = (enum ka_cmd)i;
		p->have_cmd = 1;
		for (i = 0; i < p->npending; i++)
			if (apply(p, p->pending[i].id, p->pending[i].arg) == -1)
				return -1;
		return 0;
	}
	for (i = 0; i < NCMDS; i++)
		if (close_to(w, cmds[i].name, &best))
			guess = cmds[i].name;
	if (guess != NULL)
		ka_diag(p->d, KA_D_USAGE, NULL,
		    "unknown command '%s'; did you mean '%s'?", w, guess);
	else if (strcmp(w, "-") == 0 || strpbrk(w, "./") != NULL)
		ka_diag(p->d, KA_D_USAGE, NULL,
		    "unknown command '%s'; to audit it, run "
		    "'kafka-audit check %s'", w, w);
	else {
		for (i = 0; i < NCMDS; i++)
			listadd(&l, cmds[i].name);
		ka_diag(p->d, KA_D_USAGE, NULL,
		    "unknown command '%s'; the commands are %s", w, l);
		free(l);
	}
	return -1;
}

static const struct keyword config_actions[] = {
	{ "show", KA_CONFIG_SHOW },
	{ "validate", KA_CONFIG_VALIDATE },
};

/* config's operands: the action, then for validate a file. */
static int
config_operand(struct parse *p, const char *w)
{
	struct ka_opts	*o = p->o;
	const char	*guess = NULL;
	size_t		 i, best = SIZE_MAX;
	int		 k;

	if (!p->have_action) {
		k = keyword(config_actions, NELEM(config_actions), w);
		if (k != -1) {
			o->action = (enum ka_config_action)
			    config_actions[k].value;
			p->have_action = 1;
			return 0;
		}
		for (i = 0; i < NELEM(config_actions); i++)
			if (close_to(w, config_actions[i].name, &best))
				guess = config_actions[i].name;
		ka_diag(p->d, KA_D_USAGE, NULL, "unknown config action '%s'%s%s"
		    "%s; expected show or validate", w, guess != NULL ?
		    " (did you mean '" : "", guess != NULL ? guess : "",
		    guess != NULL ? "'?)" : "");
		return -1;
	}
	if (o->action == KA_CONFIG_VALIDATE && !p->have_file) {
		p->have_file = 1;
		p->file = w;
		return 0;
	}
	ka_diag(p->d, KA_D_USAGE, NULL, "'config %s' takes %s, but was given "
	    "'%s'", o->action == KA_CONFIG_SHOW ? "show" : "validate",
	    o->action == KA_CONFIG_SHOW ? "no file (use --config FILE)" :
	    "one file", w);
	return -1;
}

/* An operand: the command, or an operand of it. */
static int
operand(struct parse *p, const char *w)
{
	struct ka_opts	*o = p->o;

	if (!p->have_cmd)
		return command(p, w);
	switch (o->cmd) {
	case KA_CMD_CHECK:
		if (strcmp(w, "-") == 0) {
			if (p->have_stdin) {
				ka_diag(p->d, KA_D_USAGE, NULL,
				    "standard input (-) can be read only "
				    "once");
				return -1;
			}
			p->have_stdin = 1;
		}
		append(&o->paths, &o->npaths, w);
		return 0;
	case KA_CMD_EXPLAIN:
		if (o->explain != NULL) {
			ka_diag(p->d, KA_D_USAGE, NULL,
			    "explain takes one rule, but was given '%s' "
			    "and '%s'", o->explain, w);
			return -1;
		}
		o->explain = w;
		return 0;
	case KA_CMD_BASELINE:
		if (o->baseline_action != KA_BASELINE_NONE) {
			append(&o->paths, &o->npaths, w);
			return 0;
		}
		if (strcmp(w, "create") == 0)
			o->baseline_action = KA_BASELINE_CREATE;
		else if (strcmp(w, "prune") == 0)
			o->baseline_action = KA_BASELINE_PRUNE;
		else {
			ka_diag(p->d, KA_D_USAGE, NULL, "unknown baseline "
			    "action '%s': expected create or prune", w);
			return -1;
		}
		return 0;
	case KA_CMD_CONFIG:
		return config_operand(p, w);
	case KA_CMD_SNAPSHOT:
	case KA_CMD_RULES:
	case KA_CMD_VERSION:
	case KA_CMD_HELP:
		break;
	}
	ka_diag(p->d, KA_D_USAGE, NULL, "'%s' takes no arguments, but was "
	    "given '%s'", cmds[o->cmd].name, w);
	return -1;
}

/*
 * An unknown or ambiguous long option, arg being its argv element (getopt
 * says only optopt 0 for both).  Suggest only options of the command, once
 * it is known.
 */
static void
bad_long(struct parse *p, const char *arg)
{
	const struct option	*lo;
	const char		*guess = NULL;
	char			*name, *dashed, *l = NULL;
	size_t			 len, best = SIZE_MAX;
	int			 id, nmatch = 0, lastval = -1;

	len = strcspn(arg + 2, "=");
	name = xstrndup(arg + 2, len);
	for (lo = longopts; lo->name != NULL; lo++) {
		if (len > 0 && strncmp(lo->name, name, len) == 0 &&
		    lo->val != lastval) {
			dashed = xasprintf("--%s", lo->name);
			listadd(&l, dashed);
			free(dashed);
			nmatch++;
			lastval = lo->val;
		}
		id = lo->val - OPT_BASE;
		if (p->have_cmd && (optinfo[id].cmds & CMD(p->o->cmd)) == 0)
			continue;
		if (close_to(name, lo->name, &best))
			guess = lo->name;
	}
	if (nmatch > 1)
		ka_diag(p->d, KA_D_USAGE, NULL,
		    "option '--%s' is ambiguous: it could be any of %s",
		    name, l);
	else if (guess != NULL)
		ka_diag(p->d, KA_D_USAGE, NULL,
		    "unknown option '--%s'; did you mean --%s?", name, guess);
	else
		ka_diag(p->d, KA_D_USAGE, NULL, "unknown option '--%s'", name);
	free(l);
	free(name);
}

/* The getopt_long loop; returns 1 when -h or a leading -V ends it. */
static int
scan(struct parse *p, int argc, char *argv[])
{
	char	 opts[2 + 2 * OPT__MAX + 1];
	int	 ch, id;

	shortopts(opts);
	while ((ch = getopt_long(argc, argv, opts, longopts, NULL)) != -1) {
		if (ch == 1) {
			if (operand(p, optarg) == -1)
				return -1;
			continue;
		}
		if (ch == ':') {
			if (optopt >= OPT_BASE)
				ka_diag(p->d, KA_D_USAGE, NULL,
				    "option '--%s' requires an argument",
				    longname((enum opt)(optopt - OPT_BASE)));
			else
				ka_diag(p->d, KA_D_USAGE, NULL,
				    "option '-%c' requires an argument",
				    optopt);
			return -1;
		}
		if (ch == '?') {
			if (optopt >= OPT_BASE)
				ka_diag(p->d, KA_D_USAGE, NULL,
				    "option '--%s' takes no argument",
				    longname((enum opt)(optopt - OPT_BASE)));
			else if (optopt == 0)
				bad_long(p, argv[optind - 1]);
			else
				ka_diag(p->d, KA_D_USAGE, NULL,
				    "unknown option '-%c'", optopt);
			return -1;
		}
		id = optid(ch);
		if (id == OPT_HELP || (id == OPT_VERSION && !p->have_cmd)) {
			p->o->cmd = id == OPT_HELP ? KA_CMD_HELP :
			    KA_CMD_VERSION;
			return 1;
		}
		if (p->have_cmd) {
			if (apply(p, (enum opt)id, optarg) == -1)
				return -1;
		} else {
			p->pending[p->npending].id = (enum opt)id;
			p->pending[p->npending++].arg = optarg;
		}
	}
	for (; optind < argc; optind++)
		if (operand(p, argv[optind]) == -1)
			return -1;
	return 0;
}

/*
 * baseline: the action, and for prune the file, which is --baseline or
 * else the first operand.
 */
static int
check_baseline_opts(struct ka_opts *o, struct ka_diags *d)
{
	if (o->baseline_action == KA_BASELINE_NONE) {
		ka_diag(d, KA_D_USAGE, NULL, "baseline needs an action: "
		    "create or prune");
		return -1;
	}
	if (o->baseline_action == KA_BASELINE_PRUNE && o->baseline == NULL) {
		if (o->npaths == 0) {
			ka_diag(d, KA_D_USAGE, NULL, "baseline prune needs the "
			    "baseline file: kafka-audit baseline prune FILE "
			    "PATH...");
			return -1;
		}
		o->baseline = o->paths[0];
		memmove(o->paths, o->paths + 1,
		    --o->npaths * sizeof(*o->paths));
	}
	return 0;
}

/* What check and snapshot need, and the options that need each other. */
static int
check_cluster_opts(struct ka_opts *o, struct ka_diags *d)
{
	int	 live = o->nconn > 0 || (o->cluster != NULL &&
		    o->snapshot == NULL);

	if (o->cmd == KA_CMD_BASELINE && check_baseline_opts(o, d) == -1)
		return -1;
	if ((o->cmd == KA_CMD_CHECK || o->cmd == KA_CMD_BASELINE) &&
	    o->npaths == 0 && !live && o->snapshot == NULL) {
		ka_diag(d, KA_D_USAGE_NO_INPUT, NULL, "nothing to audit: give "
		    "files, directories or - for standard input, a cluster "
		    "with -b, or a snapshot with --snapshot");
		return -1;
	}
	if (o->cmd == KA_CMD_SNAPSHOT && !live) {
		ka_diag(d, KA_D_USAGE, NULL, "snapshot needs a cluster: give "
		    "-b HOST:PORT (or -F or --command-config with "
		    "bootstrap.servers), or --cluster NAME");
		return -1;
	}
	if (o->cmd == KA_CMD_SNAPSHOT && o->output == NULL) {
		ka_diag(d, KA_D_USAGE, NULL, "snapshot needs -o FILE, or -o - "
		    "for standard output");
		return -1;
	}
	if (o->snapshot != NULL && o->nconn > 0) {
		ka_diag(d, KA_D_USAGE, NULL, "--snapshot reads a saved "
		    "cluster; it cannot be combined with -b, -X, -F or "
		    "--command-config");
		return -1;
	}
	if (!live && o->timeout_set) {
		ka_diag(d, KA_D_USAGE, NULL, "--timeout bounds a live fetch; "
		    "give a cluster with -b");
		return -1;
	}
	if (!live && o->snapshot == NULL &&
	    (o->ntopics > 0 || o->nexcludes > 0)) {
		ka_diag(d, KA_D_USAGE, NULL, "--%s selects topics of a "
		    "cluster; give one with -b or --snapshot",
		    o->ntopics > 0 ? "topic" : "exclude-topic");
		return -1;
	}
	return 0;
}

/* config needs its action; validate FILE is --config FILE. */
static int
check_config_opts(struct parse *p, struct ka_diags *d)
{
	struct ka_opts	*o = p->o;

	if (!p->have_action) {
		ka_diag(d, KA_D_USAGE, NULL, "config needs an action: show "
		    "or validate");
		return -1;
	}
	if (p->have_file && (o->config != NULL || o->no_config)) {
		ka_diag(d, KA_D_USAGE, NULL, "config validate was given '%s' "
		    "and --%s; give the file once", p->file,
		    o->no_config ? "no-config" : "config");
		return -1;
	}
	if (p->have_file)
		o->config = p->file;
	if (o->action == KA_CONFIG_VALIDATE && o->no_config) {
		ka_diag(d, KA_D_USAGE, NULL, "config validate checks a "
		    "configuration file; --no-config leaves none");
		return -1;
	}
	return 0;
}

int
ka_opts_parse(struct ka_opts *o, int argc, char *argv[], struct ka_diags *d)
{
	struct parse	 p;
	int		 rc;

	if (argc < 2) {
		ka_diag(d, KA_D_USAGE, NULL,
		    "no command given");
		return -1;
	}
	memset(&p, 0, sizeof(p));
	p.o = o;
	p.d = d;
	p.pending = xcalloc((size_t)argc, sizeof(*p.pending));

	/* glibc and musl start afresh at optind 0; getopt must not print. */
	optind = 0;
	opterr = 0;
	rc = scan(&p, argc, argv);
	free(p.pending);
	if (rc != 0)
		return rc == 1 ? 0 : -1;

	if (!p.have_cmd) {
		ka_diag(d, KA_D_USAGE, NULL,
		    "no command given");
		return -1;
	}
	if (o->config != NULL && o->no_config) {
		ka_diag(d, KA_D_USAGE, NULL, "--config and --no-config "
		    "contradict each other");
		return -1;
	}
	if (o->cmd == KA_CMD_CONFIG)
		return check_config_opts(&p, d);
	if (o->cmd == KA_CMD_CHECK || o->cmd == KA_CMD_SNAPSHOT ||
	    o->cmd == KA_CMD_BASELINE)
		return check_cluster_opts(o, d);
	if (o->cmd == KA_CMD_EXPLAIN && o->explain == NULL) {
		ka_diag(d, KA_D_USAGE, NULL, "explain needs a rule: its id or "
		    "slug, as 'kafka-audit rules' lists them");
		return -1;
	}
	return 0;
}

/* "  -f, --format FMT" into buf; returns its length. */
static int
optleft(enum opt id, char *buf, size_t size)
{
	const char	*arg = optinfo[id].arg;

	if (optinfo[id].letter != 0)
		return snprintf(buf, size, "  -%c, --%s%s%s",
		    optinfo[id].letter, longname(id), arg ? " " : "",
		    arg ? arg : "");
	return snprintf(buf, size, "      --%s%s%s", longname(id),
	    arg ? " " : "", arg ? arg : "");
}

/* The options of a command in a synopsis, or [options] if there are many. */
static void
synopsis(FILE *fp, enum ka_cmd c)
{
	int	 i, n = 0;

	for (i = 0; i < OPT__MAX; i++)
		if (i != OPT_HELP && (optinfo[i].cmds & CMD(c)))
			n++;
	if (n > 3) {
		fputs(" [options]", fp);
		return;
	}
	for (i = 0; i < OPT__MAX; i++) {
		if (i == OPT_HELP || (optinfo[i].cmds & CMD(c)) == 0)
			continue;
		if (optinfo[i].letter != 0)
			fprintf(fp, " [-%c", optinfo[i].letter);
		else
			fprintf(fp, " [--%s", longname((enum opt)i));
		if (optinfo[i].arg != NULL)
			fprintf(fp, " %s", optinfo[i].arg);
		fputs(optinfo[i].repeat ? "]..." : "]", fp);
	}
}

/*
 * A comma-separated list after the option column, wrapped to 79 columns
 * with later lines indented to that column.
 */
static void
put_wrapped(FILE *fp, int width, const char *list)
{
	size_t	 n;
	int	 col = width;

	while (*list != '\0') {
		n = strcspn(list, ",");
		n += list[n] == ',';
		if (col + (int)n > 79 && col > width) {
			fprintf(fp, "\n%*s", width, "");
			col = width;
		}
		fwrite(list, 1, n, fp);
		col += (int)n;
		list += n;
		if (*list == ' ' && col + 1 + (int)strcspn(list + 1, ",") +
		    1 <= 79) {
			putc(' ', fp);
			col++;
		}
		list += *list == ' ';
	}
}

void
ka_opts_usage(FILE *fp)
{
	const struct option	*lo;
	char			 buf[64], *l = NULL, *all;
	size_t			 i;
	int			 g, id, n, width = 0;

	for (id = 0; id < OPT__MAX; id++) {
		n = optleft((enum opt)id, buf, sizeof(buf));
		if (n > width)
			width = n;
	}
	width += 2;

	fputs("kafka-audit: audit Kafka configuration for message-loss "
	    "risks\n\n", fp);
	for (i = 0; i < NCMDS; i++) {
		fprintf(fp, "%s kafka-audit %s", i == 0 ? "usage:" : "      ",
		    cmds[i].name);
		synopsis(fp, (enum ka_cmd)i);
		fprintf(fp, "%s%s\n", *cmds[i].args != '\0' ? " " : "",
		    cmds[i].args);
	}

	for (g = 0; g < GROUP__MAX; g++) {
		fprintf(fp, "\n%s:\n", groups[g]);
		for (id = 0; id < OPT__MAX; id++) {
			if (optinfo[id].group != (enum group)g)
				continue;
			optleft((enum opt)id, buf, sizeof(buf));
			fprintf(fp, "%-*s%s", width, buf, optinfo[id].help);
			for (lo = longopts; lo->name != NULL; lo++)
				if (lo->val == OPT_BASE + id &&
				    lo->name != longname((enum opt)id))
					fprintf(fp, " (also --%s)", lo->name);
			fputc('\n', fp);
		}
	}

	for (i = 0; i < NELEM(rules_formats); i++)
		listadd(&l, rules_formats[i].name);
	all = xasprintf("auto, %s", ka_report_format_list());
	fprintf(fp, "\nFormats:\n  %-*s", width - 2, cmds[KA_CMD_CHECK].name);
	put_wrapped(fp, width, all);
	free(all);
	fprintf(fp, "\n  %-*s%s\n", width - 2, cmds[KA_CMD_RULES].name, l);
	free(l);

	fputs("\nExit status:\n", fp);
	for (i = 0; i < NELEM(exits); i++)
		fprintf(fp, "  %d  %s\n", exits[i].status, exits[i].meaning);
	fputs("\nSee kafka-audit(1).\n", fp);
}
