/* Stub: replaced by the real rule model. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rules.h"
#include "xmalloc.h"

void
ka_rules_init(struct ka_ruleset *rs)
{
	memset(rs, 0, sizeof(*rs));
}

void
ka_cond_free(struct ka_cond *c)
{
	free(c);
}

void
ka_rules_clear(struct ka_ruleset *rs)
{
	free(rs->v);
	memset(rs, 0, sizeof(*rs));
}

struct ka_rule *
ka_rules_add(struct ka_ruleset *rs)
{
	if (rs->len == rs->cap) {
		rs->cap = rs->cap == 0 ? 16 : rs->cap * 2;
		rs->v = xreallocarray(rs->v, rs->cap, sizeof(*rs->v));
	}
	memset(&rs->v[rs->len], 0, sizeof(rs->v[0]));
	return &rs->v[rs->len++];
}

const char *
ka_rules_add_path(struct ka_ruleset *rs, const char *p)
{
	(void)rs;
	return p;
}

int
ka_rules_finish(struct ka_ruleset *rs, struct ka_diags *ds)
{
	(void)rs;
	(void)ds;
	return 0;
}

const struct ka_rule *
ka_rules_find(const struct ka_ruleset *rs, const char *name)
{
	size_t	 i;

	for (i = 0; i < rs->len; i++)
		if (strcasecmp(rs->v[i].id, name) == 0)
			return &rs->v[i];
	return NULL;
}

const char *
ka_rules_suggest(const struct ka_ruleset *rs, const char *name)
{
	(void)rs;
	(void)name;
	return NULL;
}

const char *
ka_rules_severity_name(enum ka_severity s)
{
	static const char *const n[] = { "info", "warning", "error" };
	return n[s];
}

int
ka_rules_severity_parse(const char *s, enum ka_severity *out)
{
	int	 i;

	for (i = 0; i < KA_SEV__MAX; i++)
		if (strcmp(s, ka_rules_severity_name(i)) == 0) {
			*out = i;
			return 0;
		}
	return -1;
}

const char *
ka_rules_category_name(enum ka_category c)
{
	return c == KA_CAT_CONFIG ? "config" : "state";
}

const char *
ka_rules_check_name(enum ka_check c)
{
	(void)c;
	return "duplicate-key";
}

int
ka_rules_check_parse(const char *s, enum ka_check *c)
{
	(void)s;
	*c = KA_CHECK_DUPLICATE_KEY;
	return 0;
}

const char *
ka_rules_scope_name(unsigned int bit)
{
	(void)bit;
	return "producer";
}
