/*
 * Suppressions: the findings a run accepts.  After the evaluation, the
 * "# kafka-audit: disable=" comments of the audited files and the
 * exemptions of the configuration file mark the findings they cover
 * (struct ka_suppression), and every suppression that cannot do its job
 * is reported as a finding of the tool's own rules (KA0xxx): expired,
 * unused, naming no rule, misplaced, or naming a rule that may not be
 * suppressed.  Pure: no I/O; the date is given.
 */
#ifndef KA_SUPPRESS_H
#define KA_SUPPRESS_H

#include <stddef.h>

struct ka_policy;
struct ka_report;
struct ka_ruleset;
struct ka_settings;

struct ka_suppress_ctx {
	const struct ka_ruleset		 *rules;	/* borrowed */
	const struct ka_settings *const	 *files;	/* borrowed: the
							   audited files */
	size_t				  nfiles;
	const char			 *today;	/* YYYY-MM-DD */
	int				  inline_on;	/* honour disable= */
	const struct ka_policy		 *policy;	/* its exemptions;
							   borrowed */
	const char			 *cluster;	/* the name of the
							   cluster audited
							   (--cluster), or
							   NULL */
	char *const			 *relpaths;	/* each of files
							   from the policy's
							   directory, or
							   NULL */
};

/*
 * Apply the suppressions to the findings of report, then append the
 * findings about suppressions.  The report is left unsorted.
 */
void	ka_suppress_apply(struct ka_report *, const struct ka_suppress_ctx *);

#endif
