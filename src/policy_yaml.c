/*
 * Reading .kafka-audit.yaml, one of the files that include yaml.h
 * (through ydoc.h).  The document is built by ydoc.c and walked against
 * the schema of kafka-audit-config(5): every mapping is read by fields(),
 * which refuses a key it does not know (with "did you mean") or given
 * twice, and every value is checked for its type where it is, so each
 * problem is a diagnostic at its line and column.  Whether a rule,
 * option or profile named here exists is for policy.c to say, once the
 * rules are loaded.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "directive.h"
#include "policy.h"
#include "rules.h"
#include "source.h"
#include "strtonum.h"
#include "xmalloc.h"
#include "ydoc.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define SCHEMA(c, node, ...)	KA_YDOC_SCHEMA(&(c)->y, node, __VA_ARGS__)

struct ctx {
	struct ka_ydoc		 y;	/* y.path borrowed from the policy */
	struct ka_policy	*p;
};

/* The keys of a layer: the top level, or a profile (the first five). */
enum lkey {
	LK_THRESHOLD,
	LK_INLINE,
	LK_OPTIONS,
	LK_RULES,
	LK_EXEMPTIONS,
	LK_RULE_DIRS,
	LK_PROFILES,
	LK_CLUSTERS,
	LK__MAX
};

#define LK_PROFILE_MAX	LK_RULE_DIRS	/* the keys a profile takes */

static const char *const lkeys[LK__MAX] = {
	[LK_THRESHOLD] = "failure-threshold",
	[LK_INLINE] = "inline-suppressions",
	[LK_OPTIONS] = "options",
	[LK_RULES] = "rules",
	[LK_EXEMPTIONS] = "exemptions",
	[LK_RULE_DIRS] = "rule-dirs",
	[LK_PROFILES] = "profiles",
	[LK_CLUSTERS] = "clusters",
};

enum ekey {
	EK_RULE,
	EK_CLUSTER,
	EK_TOPIC,
	EK_BROKER,
	EK_FILE,
	EK_REASON,
	EK_UNTIL,
	EK__MAX
};

static const char *const ekeys[EK__MAX] = {
	[EK_RULE] = "rule",
	[EK_CLUSTER] = "cluster",
	[EK_TOPIC] = "topic",
	[EK_BROKER] = "broker",
	[EK_FILE] = "file",
	[EK_REASON] = "reason",
	[EK_UNTIL] = "until",
};

enum ckey {
	CK_BOOTSTRAP,
	CK_CLIENT_CONFIG,
	CK_COMMAND_CONFIG,
	CK__MAX
};

static const char *const ckeys[CK__MAX] = {
	[CK_BOOTSTRAP] = "bootstrap",
	[CK_CLIENT_CONFIG] = "client-config",
	[CK_COMMAND_CONFIG] = "command-config",
};

enum rkey {
	RK_SEVERITY,
	RK_OPTIONS,
	RK__MAX
};

static const char *const rkeys[RK__MAX] = {
	[RK_SEVERITY] = "severity",
	[RK_OPTIONS] = "options",
};

static const char *const booleans[] = { "true", "false" };

static void	layer(struct ctx *, yaml_node_t *, struct ka_policy_layer *,
		    size_t, const char *, int);

static struct ka_loc
loc_of(const struct ctx *c, const yaml_node_t *n)
{
	return ka_ydoc_loc(&c->y, &n->start_mark);
}

/*
 * "profile staging: unknown key 'clusters'; expected ...", with "did you
 * mean" for a near miss; the top level says no "the configuration:".
 */
static void
unknown_key(struct ctx *c, const yaml_node_t *k, const char *what,
    const char *name, const char *const *names, size_t nnames)
{
	const char	*hint;
	char		*all;
	int		 top = strcmp(what, "the configuration") == 0;

	hint = ka_rules_closest(name, names, nnames);
	all = ka_ydoc_join(names, nnames, " or ");
	SCHEMA(c, k, "%s%sunknown key '%s'%s%s%s; expected %s",
	    top ? "" : what, top ? "" : ": ", name,
	    hint != NULL ? " (did you mean '" : "", hint != NULL ? hint : "",
	    hint != NULL ? "'?)" : "", all);
	free(all);
}

/*
 * Read a mapping whose keys are among names: val[i] is the value of
 * names[i] and key[i] its key, or NULL when absent.  what names the
 * mapping in messages.  -1 after a diagnostic if n is not a mapping.
 */
static int
fields(struct ctx *c, yaml_node_t *n, const char *what,
    const char *const *names, size_t nnames, yaml_node_t **key,
    yaml_node_t **val)
{
	yaml_node_pair_t	*pr;
	yaml_node_t		*k;
	const char		*name;
	char			*all;
	size_t			 i;

	for (i = 0; i < nnames; i++)
		key[i] = val[i] = NULL;
	if (n->type != YAML_MAPPING_NODE) {
		all = ka_ydoc_join(names, nnames, " and ");
		SCHEMA(c, n, "%s: expected a mapping of %s, found %s", what,
		    all, ka_ydoc_kind(n));
		free(all);
		return -1;
	}
	for (pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top;
	    pr++) {
		k = ka_ydoc_node(&c->y, pr->key);
		if ((name = ka_ydoc_key(&c->y, k)) == NULL)
			continue;
		for (i = 0; i < nnames; i++)
			if (strcmp(name, names[i]) == 0)
				break;
		if (i == nnames)
			unknown_key(c, k, what, name, names, nnames);
		else if (key[i] != NULL)
			ka_ydoc_twice(&c->y, k, key[i], name);
		else {
			key[i] = k;
			val[i] = ka_ydoc_node(&c->y, pr->value);
		}
	}
	return 0;
}

/* One of names, or -1 after a diagnostic. */
static int
choice(struct ctx *c, const char *field, yaml_node_t *v,
    const char *const *names, size_t n)
{
	const char	*s;
	char		*all;
	size_t		 i;

	all = ka_ydoc_join(names, n, " or ");
	s = ka_ydoc_scalar(&c->y, field, v, all);
	free(all);
	if (s == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return (int)i;
	ka_ydoc_unknown(&c->y, v, field, s, names, n);
	return -1;
}

/* A non-empty string; NULL after a diagnostic. */
static char *
text(struct ctx *c, const char *field, yaml_node_t *v, const char *expect)
{
	const char	*s;

	s = ka_ydoc_scalar(&c->y, field, v, expect);
	if (s == NULL)
		return NULL;
	if (*s == '\0') {
		SCHEMA(c, v, "%s: expected %s, found an empty string", field,
		    expect);
		return NULL;
	}
	return xstrdup(s);
}

/* Names of profiles and clusters: letters, digits, '.', '_', '-'. */
static int
valid_name(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!(*s >= 'a' && *s <= 'z') && !(*s >= 'A' && *s <= 'Z') &&
		    !(*s >= '0' && *s <= '9') && *s != '.' && *s != '_' &&
		    *s != '-')
			return 0;
	return 1;
}

/* The pairs of a mapping that may be empty; -1 if it is no mapping. */
static int
pairs(struct ctx *c, yaml_node_t *n, const char *what, const char *expect,
    size_t *count)
{
	if (n->type != YAML_MAPPING_NODE) {
		SCHEMA(c, n, "%s: expected %s, found %s", what, expect,
		    ka_ydoc_kind(n));
		return -1;
	}
	*count = (size_t)(n->data.mapping.pairs.top -
	    n->data.mapping.pairs.start);
	return 0;
}

static void
k_threshold(struct ctx *c, yaml_node_t *v, struct ka_policy_layer *l)
{
	static const char *const names[] = { "error", "warning", "info",
					    "none" };
	static const int	 values[] = { KA_SEV_ERROR, KA_SEV_WARNING,
				    KA_SEV_INFO, -1 };
	int			 i;

	i = choice(c, lkeys[LK_THRESHOLD], v, names, NELEM(names));
	if (i == -1)
		return;
	l->threshold.set = 1;
	l->threshold.value = values[i];
	l->threshold.loc = loc_of(c, v);
}

static void
k_inline(struct ctx *c, yaml_node_t *v, struct ka_policy_layer *l)
{
	int	 i;

	i = choice(c, lkeys[LK_INLINE], v, booleans, NELEM(booleans));
	if (i == -1)
		return;
	l->inline_on.set = 1;
	l->inline_on.value = i == 0;
	l->inline_on.loc = loc_of(c, v);
}

/* NAME: VALUE pairs of options:, into *opts. */
static void
opts(struct ctx *c, yaml_node_t *n, const char *what,
    struct ka_policy_opt **opts, size_t *nopts)
{
	yaml_node_pair_t	*pr;
	yaml_node_t		*k, *v;
	struct ka_policy_opt	*o;
	const char		*name, *s;
	size_t			 count, i;

	if (pairs(c, n, what, "a mapping of option names to values",
	    &count) == -1)
		return;
	*opts = xcalloc(count + 1, sizeof(**opts));
	for (pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top;
	    pr++) {
		k = ka_ydoc_node(&c->y, pr->key);
		v = ka_ydoc_node(&c->y, pr->value);
		if ((name = ka_ydoc_key(&c->y, k)) == NULL)
			continue;
		for (i = 0; i < *nopts; i++)
			if (strcmp((*opts)[i].name, name) == 0)
				break;
		if (i < *nopts) {
			SCHEMA(c, k, "%s: %s is given twice; the first is at "
			    "line %u", what, name, (*opts)[i].loc.line);
			continue;
		}
		s = ka_ydoc_scalar(&c->y, name, v, "a value");
		if (s == NULL)
			continue;
		o = &(*opts)[(*nopts)++];
		o->name = xstrdup(name);
		o->value = xstrdup(s);
		o->keyloc = loc_of(c, k);
		o->loc = loc_of(c, v);
	}
}

static void
k_options(struct ctx *c, yaml_node_t *v, struct ka_policy_layer *l)
{
	opts(c, v, lkeys[LK_OPTIONS], &l->opts, &l->nopts);
}

/* One entry of rules:: a severity or off, or {severity:, options:}. */
static void
rule_entry(struct ctx *c, yaml_node_t *k, yaml_node_t *v,
    struct ka_policy_rule *r)
{
	static const char *const sev_off[] = { "error", "warning", "info",
					      "off" };
	yaml_node_t		*key[RK__MAX], *val[RK__MAX];
	yaml_node_t		*sev = v;
	char			*what;
	int			 i;

	r->loc = loc_of(c, k);
	what = xasprintf("rules: %s", r->name);
	if (v->type == YAML_MAPPING_NODE) {
		if (fields(c, v, what, rkeys, RK__MAX, key, val) == -1) {
			free(what);
			return;
		}
		sev = val[RK_SEVERITY];
		if (val[RK_OPTIONS] != NULL)
			opts(c, val[RK_OPTIONS], what, &r->opts, &r->nopts);
	}
	if (sev != NULL) {
		i = choice(c, "severity", sev, sev_off, NELEM(sev_off));
		if (i != -1) {
			r->has_severity = 1;
			r->off = i == 3;
			(void)ka_rules_severity_parse(sev_off[i == 3 ? 0 : i],
			    &r->severity);
			r->sevloc = loc_of(c, sev);
		}
	}
	free(what);
}

static void
k_rules(struct ctx *c, yaml_node_t *v, struct ka_policy_layer *l)
{
	yaml_node_pair_t	*pr;
	yaml_node_t		*k;
	const char		*name;
	size_t			 count;

	if (pairs(c, v, lkeys[LK_RULES], "a mapping of rule ids or slugs "
	    "to a severity, off, or {severity:, options:}", &count) == -1)
		return;
	l->rules = xcalloc(count + 1, sizeof(*l->rules));
	for (pr = v->data.mapping.pairs.start; pr < v->data.mapping.pairs.top;
	    pr++) {
		k = ka_ydoc_node(&c->y, pr->key);
		if ((name = ka_ydoc_key(&c->y, k)) == NULL)
			continue;
		l->rules[l->nrules].name = xstrdup(name);
		rule_entry(c, k, ka_ydoc_node(&c->y, pr->value),
		    &l->rules[l->nrules++]);
	}
}

/* rule: one id or slug, or a list of them. */
static void
ex_rules(struct ctx *c, yaml_node_t *v, struct ka_exemption *e)
{
	yaml_node_item_t	*it;
	yaml_node_t		*item;
	const char		*s;
	size_t			 n = 1;

	if (v->type == YAML_SEQUENCE_NODE && ka_ydoc_sequence(&c->y, "rule",
	    v, "a rule id or slug, or a list of them", &n) == -1)
		return;
	e->rules = xcalloc(n, sizeof(*e->rules));
	e->ruleloc = xcalloc(n, sizeof(*e->ruleloc));
	e->rulep = xcalloc(n, sizeof(*e->rulep));
	it = v->type == YAML_SEQUENCE_NODE ? v->data.sequence.items.start :
	    NULL;
	for (; n > 0; n--) {
		item = it != NULL ? ka_ydoc_node(&c->y, *it++) : v;
		s = ka_ydoc_scalar(&c->y, "rule", item,
		    "a rule id or slug, or a list of them");
		if (s == NULL)
			continue;
		e->ruleloc[e->nrules] = loc_of(c, item);
		e->rules[e->nrules++] = xstrdup(s);
	}
}

/* broker: one id, or a list of them. */
static void
ex_brokers(struct ctx *c, yaml_node_t *v, struct ka_exemption *e)
{
	yaml_node_item_t	*it;
	yaml_node_t		*item;
	const char		*s, *errstr;
	long long		 id;
	size_t			 n = 1;

	if (v->type == YAML_SEQUENCE_NODE && ka_ydoc_sequence(&c->y,
	    "broker", v, "a broker id, or a list of them", &n) == -1)
		return;
	e->brokers = xcalloc(n, sizeof(*e->brokers));
	it = v->type == YAML_SEQUENCE_NODE ? v->data.sequence.items.start :
	    NULL;
	for (; n > 0; n--) {
		item = it != NULL ? ka_ydoc_node(&c->y, *it++) : v;
		s = ka_ydoc_scalar(&c->y, "broker", item,
		    "a broker id, or a list of them");
		if (s == NULL)
			continue;
		id = ka_strtonum(s, 0, INT32_MAX, &errstr);
		if (errstr != NULL) {
			SCHEMA(c, item, "broker: '%s' is not a broker id; "
			    "expected an integer from 0 to %d", s, INT32_MAX);
			continue;
		}
		e->brokers[e->nbrokers++] = (int32_t)id;
	}
}

static void
exemption(struct ctx *c, yaml_node_t *n, struct ka_exemption *e)
{
	yaml_node_t	*key[EK__MAX], *val[EK__MAX];
	const char	*s;
	size_t		 before = c->y.nerr;

	e->loc = loc_of(c, n);
	if (fields(c, n, "an exemption", ekeys, EK__MAX, key, val) == -1)
		return;
	if (val[EK_RULE] != NULL)
		ex_rules(c, val[EK_RULE], e);
	if (val[EK_CLUSTER] != NULL) {
		e->cluster = text(c, ekeys[EK_CLUSTER], val[EK_CLUSTER],
		    "the name of a cluster of clusters:");
		e->clusterloc = loc_of(c, val[EK_CLUSTER]);
	}
	if (val[EK_TOPIC] != NULL)
		e->topic = text(c, ekeys[EK_TOPIC], val[EK_TOPIC],
		    "a topic name or glob, such as tmp-*");
	if (val[EK_BROKER] != NULL)
		ex_brokers(c, val[EK_BROKER], e);
	if (val[EK_FILE] != NULL)
		e->file = text(c, ekeys[EK_FILE], val[EK_FILE],
		    "a path or glob, such as staging/*.properties");
	if (val[EK_REASON] != NULL)
		e->reason = text(c, ekeys[EK_REASON], val[EK_REASON],
		    "why the risk is accepted");
	if (val[EK_UNTIL] != NULL) {
		s = ka_ydoc_scalar(&c->y, ekeys[EK_UNTIL], val[EK_UNTIL],
		    "a date YYYY-MM-DD");
		if (s != NULL && !ka_directive_date_ok(s))
			SCHEMA(c, val[EK_UNTIL], "until: '%s' is not a date; "
			    "expected YYYY-MM-DD, the last day the exemption "
			    "holds", s);
		else if (s != NULL) {
			memcpy(e->until, s, sizeof(e->until));
			e->untilloc = loc_of(c, val[EK_UNTIL]);
		}
	}
	if (c->y.nerr != before)
		return;
	if (val[EK_RULE] == NULL)
		SCHEMA(c, n, "an exemption needs rule:, the rules whose "
		    "findings it accepts (all for every rule)");
	else if (val[EK_REASON] == NULL)
		SCHEMA(c, n, "an exemption needs reason:, why the risk is "
		    "accepted");
	else if (val[EK_CLUSTER] == NULL && val[EK_TOPIC] == NULL &&
	    val[EK_BROKER] == NULL && val[EK_FILE] == NULL)
		SCHEMA(c, n, "an exemption needs cluster:, topic:, broker: or "
		    "file:, what it applies to; to turn a rule off "
		    "everywhere, write rules: {%s: off}", e->rules[0]);
}

static void
k_exemptions(struct ctx *c, yaml_node_t *v, struct ka_policy_layer *l)
{
	yaml_node_item_t	*it;
	size_t			 n;

	if (v->type != YAML_SEQUENCE_NODE) {
		SCHEMA(c, v, "exemptions: expected a list of exemptions, "
		    "found %s", ka_ydoc_kind(v));
		return;
	}
	n = (size_t)(v->data.sequence.items.top -
	    v->data.sequence.items.start);
	l->exempt = xcalloc(n + 1, sizeof(*l->exempt));
	for (it = v->data.sequence.items.start;
	    it < v->data.sequence.items.top; it++)
		exemption(c, ka_ydoc_node(&c->y, *it),
		    &l->exempt[l->nexempt++]);
}

static void
k_rule_dirs(struct ctx *c, yaml_node_t *v)
{
	struct ka_policy	*p = c->p;
	yaml_node_item_t	*it;
	yaml_node_t		*item;
	char			*s;
	size_t			 n;

	if (ka_ydoc_sequence(&c->y, lkeys[LK_RULE_DIRS], v,
	    "a list of rule files and directories", &n) == -1)
		return;
	p->dirs = xcalloc(n, sizeof(*p->dirs));
	for (it = v->data.sequence.items.start;
	    it < v->data.sequence.items.top; it++) {
		item = ka_ydoc_node(&c->y, *it);
		s = text(c, lkeys[LK_RULE_DIRS], item,
		    "a rule file or directory");
		if (s == NULL)
			continue;
		p->dirs[p->ndirs].path = ka_policy_resolve(p, s);
		p->dirs[p->ndirs++].loc = loc_of(c, item);
		free(s);
	}
}

static void
k_profiles(struct ctx *c, yaml_node_t *k, yaml_node_t *v)
{
	struct ka_policy	*p = c->p;
	struct ka_policy_profile *pf;
	yaml_node_pair_t	*pr;
	yaml_node_t		*pk;
	const char		*name;
	char			*what;
	size_t			 count, i;

	p->profiles_loc = loc_of(c, k);
	if (pairs(c, v, lkeys[LK_PROFILES], "a mapping of profile names to "
	    "their settings", &count) == -1)
		return;
	p->profiles = xcalloc(count + 1, sizeof(*p->profiles));
	for (pr = v->data.mapping.pairs.start; pr < v->data.mapping.pairs.top;
	    pr++) {
		pk = ka_ydoc_node(&c->y, pr->key);
		if ((name = ka_ydoc_key(&c->y, pk)) == NULL)
			continue;
		if (!valid_name(name)) {
			SCHEMA(c, pk, "profiles: '%s' is not a profile name; "
			    "expected letters, digits, '.', '_' and '-'",
			    name);
			continue;
		}
		for (i = 0; i < p->nprofiles; i++)
			if (strcmp(p->profiles[i].name, name) == 0)
				break;
		if (i < p->nprofiles) {
			SCHEMA(c, pk, "profiles: %s is given twice; the first "
			    "is at line %u", name, p->profiles[i].loc.line);
			continue;
		}
		pf = &p->profiles[p->nprofiles++];
		pf->name = xstrdup(name);
		pf->loc = loc_of(c, pk);
		what = xasprintf("profile %s", name);
		layer(c, ka_ydoc_node(&c->y, pr->value), &pf->layer,
		    LK_PROFILE_MAX, what, 1);
		free(what);
	}
}

static void
k_clusters(struct ctx *c, yaml_node_t *k, yaml_node_t *v)
{
	struct ka_policy	*p = c->p;
	struct ka_policy_cluster *cl;
	yaml_node_pair_t	*pr;
	yaml_node_t		*ck, *key[CK__MAX], *val[CK__MAX];
	const char		*name;
	char			*what, *s;
	size_t			 count, i;

	p->clusters_loc = loc_of(c, k);
	if (pairs(c, v, lkeys[LK_CLUSTERS], "a mapping of cluster names to "
	    "their bootstrap: and client-config:", &count) == -1)
		return;
	p->clusters = xcalloc(count + 1, sizeof(*p->clusters));
	for (pr = v->data.mapping.pairs.start; pr < v->data.mapping.pairs.top;
	    pr++) {
		ck = ka_ydoc_node(&c->y, pr->key);
		if ((name = ka_ydoc_key(&c->y, ck)) == NULL)
			continue;
		for (i = 0; i < p->nclusters; i++)
			if (strcmp(p->clusters[i].name, name) == 0)
				break;
		if (!valid_name(name) || i < p->nclusters) {
			SCHEMA(c, ck, "clusters: '%s' is %s", name,
			    i < p->nclusters ? "given twice" : "not a cluster "
			    "name; expected letters, digits, '.', '_' and '-'");
			continue;
		}
		what = xasprintf("cluster %s", name);
		if (fields(c, ka_ydoc_node(&c->y, pr->value), what, ckeys,
		    CK__MAX, key, val) == -1) {
			free(what);
			continue;
		}
		cl = &p->clusters[p->nclusters++];
		cl->name = xstrdup(name);
		cl->loc = loc_of(c, ck);
		if (val[CK_BOOTSTRAP] == NULL)
			SCHEMA(c, ck, "%s: missing bootstrap:, its brokers as "
			    "host:port[,host:port...]", what);
		else
			cl->bootstrap = text(c, ckeys[CK_BOOTSTRAP],
			    val[CK_BOOTSTRAP], "host:port[,host:port...]");
		for (i = CK_CLIENT_CONFIG; i <= CK_COMMAND_CONFIG; i++) {
			if (val[i] == NULL)
				continue;
			s = text(c, ckeys[i], val[i], "the path of a client "
			    "properties file");
			if (s == NULL)
				continue;
			*(i == CK_CLIENT_CONFIG ? &cl->client_config :
			    &cl->command_config) = ka_policy_resolve(p, s);
			free(s);
		}
		free(what);
	}
}

/*
 * A layer: the document's top level (every key), or a profile (the first
 * nkeys, marked profile).
 */
static void
layer(struct ctx *c, yaml_node_t *n, struct ka_policy_layer *l, size_t nkeys,
    const char *what, int profile)
{
	yaml_node_t	*key[LK__MAX], *val[LK__MAX];
	size_t		 i, before;

	if (fields(c, n, what, lkeys, nkeys, key, val) == -1)
		return;
	if (val[LK_THRESHOLD] != NULL)
		k_threshold(c, val[LK_THRESHOLD], l);
	if (val[LK_INLINE] != NULL)
		k_inline(c, val[LK_INLINE], l);
	if (val[LK_OPTIONS] != NULL)
		k_options(c, val[LK_OPTIONS], l);
	if (val[LK_RULES] != NULL)
		k_rules(c, val[LK_RULES], l);
	if (val[LK_EXEMPTIONS] != NULL) {
		before = l->nexempt;
		k_exemptions(c, val[LK_EXEMPTIONS], l);
		for (i = before; i < l->nexempt; i++)
			l->exempt[i].profile = profile;
	}
	if (nkeys <= LK_RULE_DIRS)
		return;
	if (val[LK_RULE_DIRS] != NULL)
		k_rule_dirs(c, val[LK_RULE_DIRS]);
	if (val[LK_PROFILES] != NULL)
		k_profiles(c, key[LK_PROFILES], val[LK_PROFILES]);
	if (val[LK_CLUSTERS] != NULL)
		k_clusters(c, key[LK_CLUSTERS], val[LK_CLUSTERS]);
}

int
ka_policy_yaml_load(struct ka_policy *p, const char *path,
    enum ka_policy_how how, struct ka_diags *ds)
{
	struct ka_source	*src;
	struct ctx		 c;
	yaml_node_t		*root;
	const char		*slash;
	int			 rc = 0;

	src = ka_source_read(path, NULL, ds);
	if (src == NULL)
		return -1;
	p->how = how;
	p->path = xstrdup(src->path);
	slash = strrchr(p->path, '/');
	p->dir = slash == NULL ? xstrdup(".") : slash == p->path ?
	    xstrdup("/") : xstrndup(p->path, (size_t)(slash - p->path));
	memset(&c, 0, sizeof(c));
	c.p = p;
	c.y.path = p->path;
	c.y.text = src->text;
	c.y.len = src->len;
	c.y.ds = ds;
	c.y.syntax = KA_D_CONFIG_YAML;
	c.y.schema = KA_D_CONFIG_SCHEMA;
	c.y.limit = KA_D_CONFIG_SCHEMA;
	c.y.maxdepth = 16;
	c.y.noun = "configuration file";
	c.y.item = "configuration";
	if (ka_ydoc_build(&c.y) == -1)
		rc = -1;
	else if ((root = ka_ydoc_root(&c.y)) != NULL)
		layer(&c, root, &p->base, LK__MAX, "the configuration", 0);
	if (c.y.nerr != 0)
		rc = -1;
	ka_ydoc_clear(&c.y);
	ka_source_free(src);
	return rc;
}
