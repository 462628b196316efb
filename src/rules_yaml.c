/* Stub: replaced by the libyaml loader. */
#include "config.h"

#include "rules.h"
#include "rules_yaml.h"

int
ka_rules_yaml_load(struct ka_ruleset *rs, const char *path,
    struct ka_diags *ds)
{
	(void)rs;
	(void)path;
	(void)ds;
	return 0;
}
