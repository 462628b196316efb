/*
 * The configuration: finding the file, choosing a profile, and checking
 * and applying what it says to the loaded rules.  The file is read by
 * policy_yaml.c.  A rule, option, profile or cluster the file names and
 * the run does not have is an error at the line and column where it is
 * named, with the closest name there is; nothing is applied then, so a
 * half-understood configuration never runs.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "diag.h"
#include "policy.h"
#include "rules.h"
#include "xmalloc.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

void
ka_policy_init(struct ka_policy *p)
{
	memset(p, 0, sizeof(*p));
}

static void
opts_free(struct ka_policy_opt *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].value);
	}
	free(v);
}

static void
layer_clear(struct ka_policy_layer *l)
{
	struct ka_exemption	*e;
	size_t			 i, j;

	opts_free(l->opts, l->nopts);
	for (i = 0; i < l->nrules; i++) {
		free(l->rules[i].name);
		opts_free(l->rules[i].opts, l->rules[i].nopts);
	}
	free(l->rules);
	for (i = 0; i < l->nexempt; i++) {
		e = &l->exempt[i];
		for (j = 0; j < e->nrules; j++)
			free(e->rules[j]);
		free(e->rules);
		free(e->ruleloc);
		free(e->rulep);
		free(e->cluster);
		free(e->topic);
		free(e->brokers);
		free(e->file);
		free(e->reason);
	}
	free(l->exempt);
	memset(l, 0, sizeof(*l));
}

void
ka_policy_clear(struct ka_policy *p)
{
	size_t	 i;

	layer_clear(&p->base);
	for (i = 0; i < p->nprofiles; i++) {
		free(p->profiles[i].name);
		layer_clear(&p->profiles[i].layer);
	}
	free(p->profiles);
	for (i = 0; i < p->nclusters; i++) {
		free(p->clusters[i].name);
		free(p->clusters[i].bootstrap);
		free(p->clusters[i].client_config);
		free(p->clusters[i].command_config);
	}
	free(p->clusters);
	for (i = 0; i < p->ndirs; i++)
		free(p->dirs[i].path);
	free(p->dirs);
	free(p->path);
	free(p->dir);
	ka_policy_init(p);
}

/*
 * Walk up from the working directory, one "../" at a time, so that the
 * path found is relative and reads as the user would write it.  The walk
 * stops at a directory holding .git (a directory in a clone, a file in a
 * worktree): a repository never picks up the file of whatever directory
 * it was cloned into.
 */
int
ka_policy_find(char **path, struct ka_diags *ds)
{
	static const char *const names[] = { KA_POLICY_NAME,
					    KA_POLICY_NAME_YML };
	struct stat		 st;
	char			 cwd[PATH_MAX], *prefix, *cand, *t;
	size_t			 up, depth = 0, i;
	int			 stop;

	*path = NULL;
	if (getcwd(cwd, sizeof(cwd)) == NULL) {
		ka_diag(ds, KA_D_SOURCE_OPEN, NULL, "cannot read the working "
		    "directory to look for %s: %s", KA_POLICY_NAME,
		    strerror(errno));
		return -1;
	}
	for (i = 0; cwd[i] != '\0'; i++)
		depth += cwd[i] == '/' && cwd[i + 1] != '\0';
	prefix = xstrdup("");
	for (up = 0; up <= depth && *path == NULL; up++) {
		for (i = 0; i < NELEM(names) && *path == NULL; i++) {
			cand = xasprintf("%s%s", prefix, names[i]);
			if (stat(cand, &st) == 0 && S_ISREG(st.st_mode))
				*path = cand;
			else
				free(cand);
		}
		cand = xasprintf("%s.git", prefix);
		stop = access(cand, F_OK) == 0;
		free(cand);
		if (stop)
			break;
		t = xasprintf("%s../", prefix);
		free(prefix);
		prefix = t;
	}
	free(prefix);
	return 0;
}

char *
ka_policy_resolve(const struct ka_policy *p, const char *s)
{
	if (s[0] == '/' || p->dir == NULL || strcmp(p->dir, ".") == 0)
		return xstrdup(s);
	return xasprintf("%s%s%s", p->dir,
	    p->dir[strlen(p->dir) - 1] == '/' ? "" : "/", s);
}

/* "a, b and c": n names; owned. */
static char *
names_of(const char *const *names, size_t n)
{
	char	*s, *t;
	size_t	 i;

	s = xstrdup(n > 0 ? names[0] : "");
	for (i = 1; i < n; i++) {
		t = xasprintf("%s%s%s", s, i + 1 == n ? " and " : ", ",
		    names[i]);
		free(s);
		s = t;
	}
	return s;
}

/*
 * A name that is not one of names: where the list is (or the file), the
 * closest name if one is close, and all of them.
 */
static void
no_such(struct ka_diags *ds, enum ka_diag_code code,
    const struct ka_policy *p, const struct ka_loc *where, const char *what,
    const char *name, const char *const *names, size_t n)
{
	struct ka_loc	 loc;
	const char	*hint;
	char		*all;

	if (p->how == KA_POLICY_NONE) {
		ka_diag(ds, code, NULL, "no %s '%s': no configuration file "
		    "was found (it is %s, in the working directory or above "
		    "it, up to the repository's root); give one with "
		    "--config", what, name, KA_POLICY_NAME);
		return;
	}
	loc.path = p->path;
	loc.line = where->line;
	loc.col = where->col;
	if (n == 0) {
		ka_diag(ds, code, &loc, "no %s '%s': the file defines none",
		    what, name);
		return;
	}
	hint = ka_rules_closest(name, names, n);
	all = names_of(names, n);
	ka_diag(ds, code, &loc, "no %s '%s'%s%s%s; the file defines %s", what,
	    name, hint != NULL ? " (did you mean '" : "",
	    hint != NULL ? hint : "", hint != NULL ? "'?)" : "", all);
	free(all);
}

int
ka_policy_select(struct ka_policy *p, const char *name, struct ka_diags *ds)
{
	const char	**names;
	size_t		 i;

	p->profile = NULL;
	if (name == NULL)
		return 0;
	for (i = 0; i < p->nprofiles; i++)
		if (strcmp(p->profiles[i].name, name) == 0) {
			p->profile = &p->profiles[i];
			return 0;
		}
	names = xcalloc(p->nprofiles + 1, sizeof(*names));
	for (i = 0; i < p->nprofiles; i++)
		names[i] = p->profiles[i].name;
	no_such(ds, KA_D_CONFIG_UNKNOWN_PROFILE, p, &p->profiles_loc,
	    "profile", name, names, p->nprofiles);
	free(names);
	return -1;
}

/*
 * The cluster of that name, or NULL after config.unknown-cluster at where
 * (the key clusters: when NULL).
 */
static const struct ka_policy_cluster *
cluster(const struct ka_policy *p, const char *name,
    const struct ka_loc *where, struct ka_diags *ds)
{
	const char	**names;
	size_t		 i;

	for (i = 0; i < p->nclusters; i++)
		if (strcmp(p->clusters[i].name, name) == 0)
			return &p->clusters[i];
	names = xcalloc(p->nclusters + 1, sizeof(*names));
	for (i = 0; i < p->nclusters; i++)
		names[i] = p->clusters[i].name;
	no_such(ds, KA_D_CONFIG_UNKNOWN_CLUSTER, p,
	    where != NULL ? where : &p->clusters_loc, "cluster", name, names,
	    p->nclusters);
	free(names);
	return NULL;
}

const struct ka_policy_cluster *
ka_policy_cluster(const struct ka_policy *p, const char *name,
    struct ka_diags *ds)
{
	return cluster(p, name, NULL, ds);
}

/* The state of checking and applying. */
struct check {
	struct ka_policy	*p;
	struct ka_ruleset	*rs;
	struct ka_diags		*ds;
	size_t			 nerr;
};

static void fail(struct check *, enum ka_diag_code, const struct ka_loc *,
    const char *, ...) __attribute__((__format__(__printf__, 4, 5)));

static void
fail(struct check *k, enum ka_diag_code code, const struct ka_loc *loc,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	ka_diag(k->ds, code, loc, "%s", s);
	free(s);
	k->nerr++;
}

/* A rule named in the file, or NULL after config.unknown-rule. */
static struct ka_rule *
find_rule(struct check *k, const char *what, const char *name,
    const struct ka_loc *loc)
{
	const struct ka_rule	*r;
	const char		*hint;

	r = ka_rules_find(k->rs, name);
	if (r != NULL)
		return &k->rs->v[r - k->rs->v];
	hint = ka_rules_suggest(k->rs, name);
	fail(k, KA_D_CONFIG_UNKNOWN_RULE, loc, "%s: no rule '%s'%s%s%s", what,
	    name, hint != NULL ? "; did you mean " : "; 'kafka-audit rules' "
	    "lists them", hint != NULL ? hint : "", hint != NULL ? "?" : "");
	return NULL;
}

/* Check a value against the option o of rule r; 0 or -1 after fail(). */
static int
check_value(struct check *k, const struct ka_rule *r,
    const struct ka_ruleopt *o, const struct ka_policy_opt *po)
{
	const char	*why;
	char		*v, *expect;

	v = ka_rules_option_value(o, po->value, &why);
	if (v != NULL) {
		free(v);
		return 0;
	}
	expect = ka_rules_option_expect(o);
	fail(k, KA_D_CONFIG_SCHEMA, &po->loc, "options: %s: '%s' is %s; "
	    "expected %s, as rule %s declares it", po->name, po->value, why,
	    expect, r->id);
	free(expect);
	return -1;
}

/* The option names of the loaded rules, each once; for "did you mean". */
static const char **
all_options(const struct ka_ruleset *rs, size_t *n)
{
	const char	**v = NULL;
	size_t		 i, j, k;

	*n = 0;
	for (i = 0; i < rs->len; i++)
		for (j = 0; j < rs->v[i].noptions; j++) {
			for (k = 0; k < *n; k++)
				if (strcmp(v[k], rs->v[i].options[j].name) ==
				    0)
					break;
			if (k < *n)
				continue;
			v = xreallocarray(v, *n + 1, sizeof(*v));
			v[(*n)++] = rs->v[i].options[j].name;
		}
	return v;
}

/* options: at the top of a layer: some rule must declare each. */
static void
check_global(struct check *k, const struct ka_policy_opt *po)
{
	const struct ka_ruleopt	*o;
	const char		**names, *hint;
	size_t			 i, n, found = 0;

	for (i = 0; i < k->rs->len; i++) {
		o = ka_rules_option(&k->rs->v[i], po->name);
		if (o == NULL)
			continue;
		found++;
		if (check_value(k, &k->rs->v[i], o, po) == -1)
			return;
	}
	if (found > 0)
		return;
	names = all_options(k->rs, &n);
	hint = ka_rules_closest(po->name, names, n);
	fail(k, KA_D_CONFIG_UNKNOWN_OPTION, &po->keyloc, "options: no rule "
	    "has "
	    "the option '%s'%s%s%s", po->name, hint != NULL ?
	    "; did you mean " : "", hint != NULL ? hint : "",
	    hint != NULL ? "?" : "");
	free(names);
}

static void
check_rule_entry(struct check *k, struct ka_policy_layer *l, size_t at)
{
	struct ka_policy_rule	*e = &l->rules[at];
	const struct ka_ruleopt	*o;
	const char		**names, *hint;
	char			*all;
	size_t			 i;

	e->rule = find_rule(k, "rules", e->name, &e->loc);
	if (e->rule == NULL)
		return;
	for (i = 0; i < at; i++)
		if (l->rules[i].rule == e->rule) {
			fail(k, KA_D_CONFIG_SCHEMA, &e->loc, "rules: %s names "
			    "rule %s again; the first is at line %u",
			    e->name, e->rule->id, l->rules[i].loc.line);
			return;
		}
	for (i = 0; i < e->nopts; i++) {
		o = ka_rules_option(e->rule, e->opts[i].name);
		if (o != NULL) {
			(void)check_value(k, e->rule, o, &e->opts[i]);
			continue;
		}
		names = xcalloc(e->rule->noptions + 1, sizeof(*names));
		for (at = 0; at < e->rule->noptions; at++)
			names[at] = e->rule->options[at].name;
		hint = ka_rules_closest(e->opts[i].name, names,
		    e->rule->noptions);
		all = names_of(names, e->rule->noptions);
		fail(k, KA_D_CONFIG_UNKNOWN_OPTION, &e->opts[i].keyloc,
		    "rules: %s: rule %s has no option '%s'%s%s%s%s%s", e->name,
		    e->rule->id, e->opts[i].name, hint != NULL ?
		    "; did you mean " : "", hint != NULL ? hint : "",
		    hint != NULL ? "?" : "", e->rule->noptions == 0 ?
		    "; it has none" : "; its options are ", all);
		free(all);
		free(names);
	}
}

static void
check_exemption(struct check *k, struct ka_exemption *e)
{
	const struct ka_rule	*r;
	size_t			 i;

	for (i = 0; i < e->nrules; i++) {
		if (strcasecmp(e->rules[i], "all") == 0)
			continue;
		r = e->rulep[i] = find_rule(k, "exemptions", e->rules[i],
		    &e->ruleloc[i]);
		if (r != NULL && ka_rules_is_self(r))
			fail(k, KA_D_CONFIG_SCHEMA, &e->ruleloc[i],
			    "exemptions: %s reports on suppressions, which no "
			    "exemption covers; turn it off under rules:",
			    r->id);
	}
	if (e->cluster != NULL &&
	    cluster(k->p, e->cluster, &e->clusterloc, k->ds) == NULL)
		k->nerr++;
}

static void
check_layer(struct check *k, struct ka_policy_layer *l)
{
	size_t	 i;

	for (i = 0; i < l->nopts; i++)
		check_global(k, &l->opts[i]);
	for (i = 0; i < l->nrules; i++)
		check_rule_entry(k, l, i);
	for (i = 0; i < l->nexempt; i++)
		check_exemption(k, &l->exempt[i]);
}

static void
set_option(struct ka_ruleopt *o, const struct ka_policy_opt *po,
    enum ka_set_kind kind)
{
	const char	*why;
	char		*v;

	v = ka_rules_option_value(o, po->value, &why);
	if (v == NULL)
		return;
	free(o->value);
	o->value = v;
	o->set.kind = kind;
	o->set.loc = po->loc;
}

/* A layer's settings onto the rules: options first, then each rule's. */
static void
apply_layer(struct ka_ruleset *rs, const struct ka_policy_layer *l,
    enum ka_set_kind kind)
{
	const struct ka_policy_rule	*e;
	struct ka_ruleopt		*o;
	size_t				 i, j;

	for (i = 0; i < l->nopts; i++)
		for (j = 0; j < rs->len; j++)
			if ((o = ka_rules_option(&rs->v[j],
			    l->opts[i].name)) != NULL)
				set_option(o, &l->opts[i], kind);
	for (i = 0; i < l->nrules; i++) {
		e = &l->rules[i];
		if (e->has_severity) {
			e->rule->off = e->off;
			if (!e->off)
				e->rule->severity = e->severity;
			e->rule->severity_set.kind = kind;
			e->rule->severity_set.loc = e->sevloc;
		}
		for (j = 0; j < e->nopts; j++)
			set_option(ka_rules_option(e->rule,
			    e->opts[j].name), &e->opts[j], kind);
	}
}

int
ka_policy_apply(struct ka_policy *p, struct ka_ruleset *rs,
    struct ka_diags *ds)
{
	struct check	 k;
	size_t		 i;

	memset(&k, 0, sizeof(k));
	k.p = p;
	k.rs = rs;
	k.ds = ds;
	check_layer(&k, &p->base);
	for (i = 0; i < p->nprofiles; i++)
		check_layer(&k, &p->profiles[i].layer);
	if (k.nerr != 0)
		return -1;
	apply_layer(rs, &p->base, KA_SET_CONFIG);
	if (p->profile != NULL)
		apply_layer(rs, &p->profile->layer, KA_SET_PROFILE);
	return 0;
}

/*
 * A value of the chosen profile, else of the top level: 1 and *out set,
 * or 0 when neither sets it.  pick chooses the value in a layer.
 */
static int
layered(const struct ka_policy *p, const struct ka_policy_value *
    (*pick)(const struct ka_policy_layer *), int *out, struct ka_setby *by)
{
	const struct ka_policy_value	*v = pick(&p->base);
	enum ka_set_kind		 kind = KA_SET_CONFIG;

	if (p->profile != NULL && pick(&p->profile->layer)->set) {
		v = pick(&p->profile->layer);
		kind = KA_SET_PROFILE;
	}
	if (!v->set)
		return 0;
	*out = v->value;
	by->kind = kind;
	by->loc = v->loc;
	return 1;
}

static const struct ka_policy_value *
threshold_of(const struct ka_policy_layer *l)
{
	return &l->threshold;
}

static const struct ka_policy_value *
inline_of(const struct ka_policy_layer *l)
{
	return &l->inline_on;
}

int
ka_policy_threshold(const struct ka_policy *p, int *out, struct ka_setby *by)
{
	return layered(p, threshold_of, out, by);
}

int
ka_policy_inline(const struct ka_policy *p, int *out, struct ka_setby *by)
{
	return layered(p, inline_of, out, by);
}

char *
ka_policy_relpath(const struct ka_policy *p, const char *path)
{
	char	 dir[PATH_MAX], file[PATH_MAX];
	size_t	 len;

	if (p->dir == NULL || realpath(p->dir, dir) == NULL ||
	    realpath(path, file) == NULL)
		return NULL;
	len = strlen(dir);
	if (len == 1)
		return xstrdup(file + 1);
	if (strncmp(file, dir, len) != 0 || file[len] != '/')
		return NULL;
	return xstrdup(file + len + 1);
}
