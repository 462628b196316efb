/*
 * Loading rule files.  rules_yaml.c is the only file that includes yaml.h;
 * libyaml types never leave it.
 */
#ifndef KA_RULES_YAML_H
#define KA_RULES_YAML_H

struct ka_diags;
struct ka_ruleset;

/* Bounds on rule files; passing one is a rules.limit diagnostic. */
#define KA_RULES_MAX_DEPTH	32	/* nesting of YAML collections */
#define KA_RULES_MAX_RULES	10000	/* rules in one ruleset */

/*
 * Load a rule file, or every *.yaml and *.yml file of a directory in name
 * order, appending to the ruleset.  Errors are diagnostics with
 * file:line:col (rules.yaml, rules.schema, rules.limit); a file with an
 * error contributes no rules.  Returns 0, or -1 if anything failed.
 */
int	ka_rules_yaml_load(struct ka_ruleset *, const char *path,
	    struct ka_diags *);

#endif
