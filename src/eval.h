/*
 * The rule engine: a pure function of the ruleset and the audited files to
 * findings.  No I/O; nothing it allocates outlives the call but the
 * findings it appends (the values a rule reads are kept while it runs).
 */
#ifndef KA_EVAL_H
#define KA_EVAL_H

#include <stddef.h>

struct ka_loc;
struct ka_report;
struct ka_rule;
struct ka_ruleset;
struct ka_settings;

/*
 * Evaluate every rule against every file whose role is in the rule's scope
 * and whose client and version the rule applies to.  Conditions that name
 * "broker:" keys are evaluated once for each broker the file is paired
 * with (peers.h): the broker files nearest to it in the directory tree,
 * and every live broker.
 */
void	ka_eval(const struct ka_ruleset *,
	    const struct ka_settings *const *files, size_t nfiles,
	    struct ka_report *);

/*
 * Whether rule is evaluated on subject s: s is in its scope, and of a
 * client and version it applies to.  The JUnit report lists these pairs.
 */
int	ka_eval_applies(const struct ka_rule *, const struct ka_settings *);

/*
 * A finding of a rule that ka_eval() does not run, the tool's reports on
 * suppressions (suppress.c): at loc (its path borrowed, and outliving the
 * report), about subject ("suppression", "exemption"), with key, value
 * and detail for the rule's templates.  Borrowed until the next append.
 */
struct ka_finding	*ka_eval_self(struct ka_report *,
			    const struct ka_rule *, const struct ka_loc *loc,
			    const char *subject, const char *key,
			    const char *value, const char *detail);

#endif
