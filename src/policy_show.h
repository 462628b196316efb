/*
 * "kafka-audit config show" and "config validate": the configuration in
 * force, written as the YAML of the configuration file with where each
 * value comes from in a comment.  Like the reporters, it decides nothing:
 * it prints what run.c has worked out.
 */
#ifndef KA_POLICY_SHOW_H
#define KA_POLICY_SHOW_H

#include <stdio.h>

#include "policy.h"
#include "rules.h"

/* The configuration in force, with what the command line changed. */
struct ka_policy_view {
	const struct ka_policy	*policy;	/* borrowed */
	const struct ka_ruleset	*rules;		/* borrowed, applied */
	int			 threshold;	/* enum ka_severity, -1 */
	struct ka_setby		 threshold_set;
	int			 inline_on;
	struct ka_setby		 inline_set;
};

/* config show; -1 on an I/O error. */
int	ka_policy_show_emit(FILE *, const struct ka_policy_view *);

/* config validate, for a valid file: "PATH: valid (...)"; -1 on error. */
int	ka_policy_show_valid(FILE *, const struct ka_policy *);

#endif
