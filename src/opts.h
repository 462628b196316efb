/*
 * The command line.  Parsing never exits and never prints: problems become
 * diagnostics (usage) and main decides.  Strings borrow from argv.
 */
#ifndef KA_OPTS_H
#define KA_OPTS_H

#include <stddef.h>
#include <stdio.h>

#include "catalog.h"
#include "clientconf.h"

struct ka_diags;
struct option;

enum ka_cmd {
	KA_CMD_CHECK,
	KA_CMD_SNAPSHOT,
	KA_CMD_BASELINE,
	KA_CMD_RULES,
	KA_CMD_EXPLAIN,
	KA_CMD_CONFIG,
	KA_CMD_VERSION,
	KA_CMD_HELP
};

/* What "kafka-audit config" does. */
enum ka_config_action {
	KA_CONFIG_SHOW,		/* print the configuration in force */
	KA_CONFIG_VALIDATE	/* check a file and say whether it is valid */
};

#define KA_COLOR_AUTO	(-1)

/* baseline create | prune */
enum ka_baseline_action {
	KA_BASELINE_NONE,
	KA_BASELINE_CREATE,
	KA_BASELINE_PRUNE
};

/* check -o FMT=PATH: a report written to a file besides standard output. */
struct ka_output {
	const char	*format;	/* static: a format's name */
	const char	*path;		/* borrowed from argv */
};

#define KA_TIMEOUT_DEFAULT	30	/* seconds: --timeout */
#define KA_TIMEOUT_MAX		86400

struct ka_opts {
	enum ka_cmd	 cmd;
	const char	*format;	/* NULL = the command's default */
	int		 threshold;	/* enum ka_severity, or -1 = none */
	int		 threshold_set;	/* -t given */
	int		 no_fail;
	int		 color;		/* KA_COLOR_AUTO, 0 or 1 */
	int		 quiet;
	int		 verbose;
	int		 type_forced;
	enum ka_role	 type;
	int		 client_forced;
	enum ka_client	 client;
	unsigned long	 version;	/* Kafka release for defaults */
	const char	*stdin_filename;
	int		 show_suppressed;
	int		 no_inline;	/* --no-inline-suppressions */
	const char	**rules;	/* owned array of borrowed strings */
	size_t		 nrules;
	int		 no_default_rules;
	const char	**paths;	/* owned array of borrowed strings */
	size_t		 npaths;
	const char	*explain;	/* explain: the rule id or slug */
	enum ka_config_action action;	/* config: show or validate */
	const char	*config;	/* --config FILE, config validate
					   FILE */
	int		 no_config;	/* --no-config */
	const char	*profile;	/* --profile NAME */
	const char	*cluster;	/* --cluster NAME */

	/* The cluster: -b, -X, -F, --command-config, in order. */
	struct ka_conn_arg *conn;	/* owned array of borrowed strings */
	size_t		 nconn;
	unsigned int	 timeout;	/* seconds, the whole live part */
	int		 timeout_set;
	const char	**topics;	/* owned array of borrowed globs */
	size_t		 ntopics;
	const char	**excludes;	/* owned array of borrowed globs */
	size_t		 nexcludes;
	const char	*snapshot;	/* check --snapshot FILE */
	const char	*output;	/* snapshot, baseline: -o FILE; "-" =
					   stdout */
	struct ka_output *outputs;	/* owned: check -o FMT=PATH */
	size_t		 noutputs;
	const char	*path_base;	/* --path-base DIR, or NULL */
	const char	*baseline;	/* check --baseline FILE; the file
					   baseline writes or prunes */
	enum ka_baseline_action baseline_action;
};

void	ka_opts_init(struct ka_opts *);
void	ka_opts_clear(struct ka_opts *);

/*
 * Parse argv into opts, which ka_opts_init() has prepared.  Returns 0, or
 * -1 after appending exactly one usage diagnostic (loc NULL); opts may then
 * hold part of the line, and ka_opts_clear() still frees it.  Resets
 * getopt's state, so it may be called repeatedly.
 */
int	ka_opts_parse(struct ka_opts *, int argc, char *argv[],
	    struct ka_diags *);

/* The --help text, built from the option table. */
void	ka_opts_usage(FILE *);

/*
 * The getopt_long table, ending in an all-zero row; static.  Exported so
 * that tests can hold the help text and the man page against it.
 */
const struct option	*ka_opts_longopts(void);

#endif
