/*
 * A run of the tool: loads rules and files, classifies and evaluates them,
 * and owns every object of the run, freeing them in reverse order.
 */
#ifndef KA_RUN_H
#define KA_RUN_H

#include <stddef.h>

#include "baseline.h"
#include "cluster.h"
#include "diag.h"
#include "pathbase.h"
#include "policy.h"
#include "report.h"
#include "rules.h"

struct ka_opts;
struct ka_settings;
struct ka_source;

struct ka_run {
	struct ka_diags		  diags;	/* owned */
	struct ka_ruleset	  rules;	/* owned */
	struct ka_source	**sources;	/* owned */
	size_t			  nsources;
	struct ka_settings	**files;	/* owned: the audited files */
	size_t			  nfiles;
	size_t			  cap;		/* of sources and files, which
						   grow together */
	struct ka_report	  report;	/* owned */
	struct ka_cluster	  cluster;	/* owned: fetched (-b) or
						   loaded (--snapshot) */
	int			  have_cluster;	/* 1 when cluster holds one,
						   complete or not */
	struct ka_settings	 *live;		/* owned array: the cluster,
						   its brokers, topics and
						   partitions as subjects */
	size_t			  nlive;
	const struct ka_settings **subjects;	/* owned array: the files,
						   then the live subjects */
	size_t			  nsubjects;
	struct ka_pathbase	  base;		/* owned: --path-base */
	char			 *snapshot;	/* owned: --snapshot relative
						   to the base, or NULL */
	struct ka_baseline	  baseline;	/* owned: --baseline */
	long			  written;	/* baseline: entries written,
						   or -1 when none was */
	size_t			  stale;	/* baseline prune: entries
						   dropped */
	char			  today[11];	/* YYYY-MM-DD: suppressions
						   until then hold */
	struct ka_policy	  policy;	/* owned: the configuration
						   file, if any */
	int			  config_bad;	/* 1 when it, or what it names,
						   is wrong: nothing runs */
	int			  threshold;	/* enum ka_severity, -1: none */
	struct ka_setby		  threshold_set; /* who chose it */
	int			  inline_on;	/* inline suppressions count */
	struct ka_setby		  inline_set;
};

void	ka_run_init(struct ka_run *);
void	ka_run_clear(struct ka_run *);

/*
 * Read the configuration file (--config, or the one found; none with
 * --no-config) and choose its profile.  Returns 0, or -1 with
 * config_bad set after diagnostics.
 */
int	ka_run_load_policy(struct ka_run *, const struct ka_opts *);

/*
 * Load the default rule pack (unless disabled), the configuration's
 * rule-dirs and every --rules path, then apply the configuration to the
 * rules (config_bad when it names what is not there).
 */
int	ka_run_load_rules(struct ka_run *, const struct ka_opts *);

/*
 * check: read, classify and evaluate every input, fetch the cluster (-b)
 * or load its snapshot (--snapshot); apply the suppressions and sort the
 * findings.
 */
void	ka_run_check(struct ka_run *, const struct ka_opts *);

/*
 * baseline create: audit as check does and record the findings that
 * count; baseline prune: audit, and rewrite the baseline without the
 * entries that match no finding.  Nothing is written when the audit met
 * a usage or input error, so that a partial audit never makes a baseline.
 */
void	ka_run_baseline(struct ka_run *, const struct ka_opts *);

/*
 * Fetch the cluster of -b/-X/-F/--command-config into r->cluster, or load
 * --snapshot.  Returns 0 and sets have_cluster when there is a cluster to
 * audit (maybe incomplete: diagnostics say what is missing), else -1.
 */
int	ka_run_cluster(struct ka_run *, const struct ka_opts *);

/*
 * snapshot: fetch the cluster and save it to -o.  Nothing is written when
 * not even the metadata could be read, so a good snapshot is never
 * replaced by an empty one.
 */
void	ka_run_snapshot(struct ka_run *, const struct ka_opts *);

/*
 * The exit status the run has earned: 4 > 2 > 3 > 1 > 0, as in
 * kafka-audit(1).  Pure; main.c is the one that exits with it.
 */
int	ka_run_status(const struct ka_run *, const struct ka_opts *);

#endif
