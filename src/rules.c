/*
 * The rule model: freeing it, validating a loaded set against the key
 * catalogue, and the lookups "kafka-audit explain" and the reporters use.
 * Loading is in rules_yaml.c.
 */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalog.h"
#include "diag.h"
#include "facts.h"
#include "rules.h"
#include "strtonum.h"
#include "xmalloc.h"

static const char *const severity_names[KA_SEV__MAX] = {
	[KA_SEV_INFO] = "info",
	[KA_SEV_WARNING] = "warning",
	[KA_SEV_ERROR] = "error",
};

static const char *const category_names[] = {
	[KA_CAT_CONFIG] = "config",
	[KA_CAT_STATE] = "state",
};

static const char *const check_names[KA_CHECK__MAX] = {
	[KA_CHECK_DUPLICATE_KEY] = "duplicate-key",
	[KA_CHECK_UNKNOWN_KEY] = "unknown-key",
	[KA_CHECK_INLINE_COMMENT] = "inline-comment",
	[KA_CHECK_INVALID_VALUE] = "invalid-value",
	[KA_CHECK_LEGACY_KEY] = "legacy-key",
	[KA_CHECK_VERSION_KEY] = "version-key",
	[KA_CHECK_BROKERS_DISAGREE] = "brokers-disagree",
	[KA_CHECK_FILE_DRIFT] = "file-drift",
	[KA_CHECK_SUPPRESSION_EXPIRED] = "suppression-expired",
	[KA_CHECK_SUPPRESSION_UNUSED] = "suppression-unused",
	[KA_CHECK_SUPPRESSION_UNKNOWN] = "suppression-unknown-rule",
	[KA_CHECK_SUPPRESSION_MISPLACED] = "suppression-misplaced",
	[KA_CHECK_SUPPRESSION_DENIED] = "suppression-denied",
};

static const struct {
	unsigned int	 bit;
	const char	*name;
} scope_names[] = {
	{ KA_SCOPE_BROKER, "broker" },
	{ KA_SCOPE_TOPIC, "topic" },
	{ KA_SCOPE_PRODUCER, "producer" },
	{ KA_SCOPE_CONSUMER, "consumer" },
	{ KA_SCOPE_PARTITION, "partition" },
	{ KA_SCOPE_CLUSTER, "cluster" },
};

/*
 * The dialects whose keys a rule of each scope may name.  A partition
 * has its topic's configs; the cluster as a whole has only facts.
 */
static const struct {
	unsigned int	 scope;
	enum ka_dialect	 dialect;
} scope_dialects[] = {
	{ KA_SCOPE_BROKER, KA_DIALECT_BROKER },
	{ KA_SCOPE_TOPIC, KA_DIALECT_TOPIC },
	{ KA_SCOPE_PARTITION, KA_DIALECT_TOPIC },
	{ KA_SCOPE_PRODUCER, KA_DIALECT_PRODUCER },
	{ KA_SCOPE_PRODUCER, KA_DIALECT_SCALA_PRODUCER },
	{ KA_SCOPE_PRODUCER, KA_DIALECT_LIBRDKAFKA },
	{ KA_SCOPE_CONSUMER, KA_DIALECT_CONSUMER },
	{ KA_SCOPE_CONSUMER, KA_DIALECT_SCALA_CONSUMER },
	{ KA_SCOPE_CONSUMER, KA_DIALECT_LIBRDKAFKA },
};

/* The facts of the live cluster that a rule of each scope may name. */
static const struct {
	unsigned int	 scope;
	unsigned int	 kinds;
} scope_facts[] = {
	{ KA_SCOPE_BROKER, KA_FACT_BROKER },
	{ KA_SCOPE_TOPIC, KA_FACT_TOPIC },
	{ KA_SCOPE_PARTITION, KA_FACT_PARTITION },
	{ KA_SCOPE_CLUSTER, KA_FACT_CLUSTER },
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * Loaded rules always have an id and a slug; rules built by hand, as in
 * the engine's tests, may not, and must not crash the lookups.
 */
static const char *
str(const char *s)
{
	return s != NULL ? s : "";
}

void
ka_rules_init(struct ka_ruleset *rs)
{
	memset(rs, 0, sizeof(*rs));
}

/* Free what a condition owns, but not the condition itself. */
static void
cond_clear(struct ka_cond *c)
{
	size_t	 i;

	free(c->key.name);
	free(c->rkey.name);
	for (i = 0; i < c->nrsum; i++)
		free(c->rsum[i].name);
	free(c->rsum);
	free(c->value);
	for (i = 0; i < c->nset; i++)
		free(c->set[i]);
	free(c->set);
	for (i = 0; i < c->nsub; i++)
		cond_clear(&c->sub[i]);
	free(c->sub);
	free(c->option);
	memset(c, 0, sizeof(*c));
}

void
ka_cond_free(struct ka_cond *c)
{
	if (c == NULL)
		return;
	cond_clear(c);
	free(c);
}

static void
rule_clear(struct ka_rule *r)
{
	size_t	 i;

	for (i = 0; i < r->noptions; i++) {
		free(r->options[i].name);
		free(r->options[i].deflt);
		free(r->options[i].value);
		free(r->options[i].doc);
	}
	free(r->options);
	free(r->id);
	free(r->slug);
	free(r->title);
	free(r->versions_text);
	free(r->key);
	ka_cond_free(r->when);
	ka_cond_free(r->cond);
	free(r->message);
	free(r->rationale);
	free(r->fix);
	memset(r, 0, sizeof(*r));
}

void
ka_rules_clear(struct ka_ruleset *rs)
{
	size_t	 i;

	for (i = 0; i < rs->len; i++)
		rule_clear(&rs->v[i]);
	free(rs->v);
	for (i = 0; i < rs->npaths; i++)
		free(rs->paths[i]);
	free(rs->paths);
	ka_rules_init(rs);
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

/* A path loaded twice is kept once; its locations share the copy. */
const char *
ka_rules_add_path(struct ka_ruleset *rs, const char *path)
{
	size_t	 i;

	for (i = 0; i < rs->npaths; i++)
		if (strcmp(rs->paths[i], path) == 0)
			return rs->paths[i];
	rs->paths = xreallocarray(rs->paths, rs->npaths + 1,
	    sizeof(*rs->paths));
	rs->paths[rs->npaths] = xstrdup(path);
	return rs->paths[rs->npaths++];
}

/*
 * Duplicates: sort pointers by the field and then by address, which is
 * load order, so that each run of equal values is reported at every rule
 * after the first and names the first.
 */
static int
cmp_id(const void *a, const void *b)
{
	const struct ka_rule	*ra = *(const struct ka_rule *const *)a;
	const struct ka_rule	*rb = *(const struct ka_rule *const *)b;
	int			 d;

	d = strcmp(str(ra->id), str(rb->id));
	if (d != 0)
		return d;
	return ra < rb ? -1 : ra > rb;
}

static int
cmp_slug(const void *a, const void *b)
{
	const struct ka_rule	*ra = *(const struct ka_rule *const *)a;
	const struct ka_rule	*rb = *(const struct ka_rule *const *)b;
	int			 d;

	d = strcmp(str(ra->slug), str(rb->slug));
	if (d != 0)
		return d;
	return ra < rb ? -1 : ra > rb;
}

static size_t
duplicates(const struct ka_ruleset *rs, int slugs, struct ka_diags *ds)
{
	const struct ka_rule	**p, *first;
	const char		*name;
	size_t			 i, np = 0, n = 0;

	if (rs->len < 2)
		return 0;
	p = xreallocarray(NULL, rs->len, sizeof(*p));
	for (i = 0; i < rs->len; i++)
		if ((slugs ? rs->v[i].slug : rs->v[i].id) != NULL)
			p[np++] = &rs->v[i];
	if (np == 0) {
		free(p);
		return 0;
	}
	qsort(p, np, sizeof(*p), slugs ? cmp_slug : cmp_id);
	first = p[0];
	for (i = 1; i < np; i++) {
		name = slugs ? p[i]->slug : p[i]->id;
		if (strcmp(name, slugs ? first->slug : first->id) != 0) {
			first = p[i];
			continue;
		}
		if (slugs)
			ka_diag(ds, KA_D_RULES_DUPLICATE_ID, &p[i]->loc,
			    "rule %s: the slug '%s' is already used by rule "
			    "%s at %s:%u:%u; expected a slug of its own",
			    str(p[i]->id), name, str(first->id),
			    str(first->loc.path),
			    first->loc.line, first->loc.col);
		else
			ka_diag(ds, KA_D_RULES_DUPLICATE_ID, &p[i]->loc,
			    "the id %s is already used by the rule at "
			    "%s:%u:%u; expected an id of its own, since ids "
			    "are never reused", name, str(first->loc.path),
			    first->loc.line, first->loc.col);
		n++;
	}
	free(p);
	return n;
}

/* 1 if dialect d has the Java key name or a synonym of it. */
static int
known_in(enum ka_dialect d, const char *name)
{
	const struct ka_keydef	*syn[1];

	return ka_catalog_find(d, name) != NULL ||
	    ka_catalog_synonyms(d, name, syn, NELEM(syn)) > 0;
}

/*
 * The unknown keys of one rule reported so far, as "0name" or "1name"
 * (broker), so that a key written five times is reported once.
 */
struct reported {
	char	**v;		/* owned */
	size_t	  n;
};

static int
already(struct reported *rep, const char *name, int broker)
{
	char	*s;
	size_t	 i;

	s = xasprintf("%d%s", broker != 0, name);
	for (i = 0; i < rep->n; i++)
		if (strcmp(rep->v[i], s) == 0) {
			free(s);
			return 1;
		}
	rep->v = xreallocarray(rep->v, rep->n + 1, sizeof(*rep->v));
	rep->v[rep->n++] = s;
	return 0;
}

/*
 * Check one key name against the dialects of the scopes; a broker:
 * reference is always a broker key.  Returns 1 after a diagnostic.
 */
static size_t
check_key(const struct ka_rule *r, const char *name, unsigned int want,
    const struct ka_loc *loc, struct reported *rep, struct ka_diags *ds)
{
	const char	*hint = NULL;
	char		 scopes[80];
	int		 broker = want == KA_SCOPE_BROKER &&
			    (r->scopes & KA_SCOPE_BROKER) == 0;
	size_t		 i, len;

	for (i = 0; i < NELEM(scope_dialects); i++)
		if ((want & scope_dialects[i].scope) != 0 &&
		    known_in(scope_dialects[i].dialect, name))
			return 0;
	for (i = 0; i < NELEM(scope_facts); i++)
		if ((want & scope_facts[i].scope) != 0 &&
		    ka_facts_find(name, scope_facts[i].kinds) != NULL)
			return 0;
	if (already(rep, name, broker))
		return 1;
	for (i = 0; i < NELEM(scope_dialects) && hint == NULL; i++)
		if ((want & scope_dialects[i].scope) != 0)
			hint = ka_catalog_suggest(scope_dialects[i].dialect,
			    name);
	scopes[0] = '\0';
	for (i = 0, len = 0; i < NELEM(scope_names); i++) {
		if ((want & scope_names[i].bit) == 0)
			continue;
		/* Six names of nine bytes or less fit the buffer. */
		len += (size_t)snprintf(scopes + len, sizeof(scopes) - len,
		    "%s%s", len == 0 ? "" : " or ", scope_names[i].name);
	}
	ka_diag(ds, KA_D_RULES_UNKNOWN_KEY, loc,
	    "rule %s names the %skey '%s', which no %s configuration has; "
	    "expected a key of the catalogue%s%s%s", str(r->id),
	    broker ? "broker " : "", name, scopes,
	    hint != NULL ? " (did you mean '" : "", hint != NULL ? hint : "",
	    hint != NULL ? "'?)" : "");
	return 1;
}

/* The scopes a key reference reads: a broker's, or those of where. */
#define WANT(ref, where)	((ref).broker ? KA_SCOPE_BROKER : (where))

/*
 * The keys of a condition, read in the scopes where: the rule's own, or
 * a topic's inside topics:.
 */
static size_t
check_cond(const struct ka_rule *r, const struct ka_cond *c,
    unsigned int where, struct reported *rep, struct ka_diags *ds)
{
	size_t	 i, n = 0;

	if (c == NULL)
		return 0;
	if (c->op == KA_COND_TOPICS)
		where = KA_SCOPE_TOPIC;
	if (c->key.name != NULL)
		n += check_key(r, c->key.name, WANT(c->key, where), &c->loc,
		    rep, ds);
	if (c->rkey.name != NULL)
		n += check_key(r, c->rkey.name, WANT(c->rkey, where),
		    &c->loc, rep, ds);
	for (i = 0; i < c->nrsum; i++)
		n += check_key(r, c->rsum[i].name, WANT(c->rsum[i], where),
		    &c->loc, rep, ds);
	for (i = 0; i < c->nsub; i++)
		n += check_cond(r, &c->sub[i], where, rep, ds);
	return n;
}

/*
 * The keys {value:KEY} and {value:broker:KEY} name in a template.  The
 * loader has checked the syntax, so this only has to find them.
 */
static size_t
check_template(const struct ka_rule *r, const char *t, struct reported *rep,
    struct ka_diags *ds)
{
	static const char	 value[] = "{value:", broker[] = "broker:";
	const char		*end;
	char			*name;
	size_t			 n = 0;
	int			 isbroker;

	while (t != NULL && (t = strchr(t, '{')) != NULL) {
		if (t[1] == '{') {
			t += 2;
			continue;
		}
		if (strncmp(t, value, sizeof(value) - 1) != 0) {
			t++;
			continue;
		}
		t += sizeof(value) - 1;
		isbroker = strncmp(t, broker, sizeof(broker) - 1) == 0;
		if (isbroker)
			t += sizeof(broker) - 1;
		end = strchr(t, '}');
		if (end == NULL)
			break;
		name = xstrndup(t, (size_t)(end - t));
		n += check_key(r, name, isbroker ? KA_SCOPE_BROKER : r->scopes,
		    &r->loc, rep, ds);
		free(name);
		t = end + 1;
	}
	return n;
}

static size_t
check_keys(const struct ka_rule *r, struct ka_diags *ds)
{
	struct reported	 rep;
	size_t		 i, n = 0;

	memset(&rep, 0, sizeof(rep));
	if (r->key != NULL)
		n += check_key(r, r->key, r->scopes, &r->loc, &rep, ds);
	n += check_cond(r, r->when, r->scopes, &rep, ds);
	n += check_cond(r, r->cond, r->scopes, &rep, ds);
	n += check_template(r, r->message, &rep, ds);
	n += check_template(r, r->rationale, &rep, ds);
	n += check_template(r, r->fix, &rep, ds);
	for (i = 0; i < rep.n; i++)
		free(rep.v[i]);
	free(rep.v);
	return n;
}

/* A growing list of names, for ka_rules_keys(); it owns them. */
struct keylist {
	char	**v;
	size_t	  len, cap;
};

static void
keylist_add(struct keylist *k, const char *name, size_t len)
{
	if (k->len == k->cap) {
		k->cap = k->cap == 0 ? 32 : k->cap * 2;
		k->v = xreallocarray(k->v, k->cap, sizeof(*k->v));
	}
	k->v[k->len++] = xstrndup(name, len);
}

/* The keys of c read in scope want, c being read in scope where. */
static void
cond_keys(const struct ka_cond *c, unsigned int where, unsigned int want,
    struct keylist *k)
{
	size_t	 i;

	if (c == NULL)
		return;
	if (c->op == KA_COND_TOPICS)
		where = KA_SCOPE_TOPIC;
	if (c->key.name != NULL && (WANT(c->key, where) & want))
		keylist_add(k, c->key.name, strlen(c->key.name));
	if (c->rkey.name != NULL && (WANT(c->rkey, where) & want))
		keylist_add(k, c->rkey.name, strlen(c->rkey.name));
	for (i = 0; i < c->nrsum; i++)
		if (WANT(c->rsum[i], where) & want)
			keylist_add(k, c->rsum[i].name,
			    strlen(c->rsum[i].name));
	for (i = 0; i < c->nsub; i++)
		cond_keys(&c->sub[i], where, want, k);
}

/* The keys {value:KEY} and {value:broker:KEY} of a template name. */
static void
template_keys(const char *t, unsigned int where, unsigned int want,
    struct keylist *k)
{
	static const char	 value[] = "{value:", broker[] = "broker:";
	const char		*end;
	unsigned int		 in;

	while (t != NULL && (t = strstr(t, value)) != NULL) {
		t += sizeof(value) - 1;
		in = where;
		if (strncmp(t, broker, sizeof(broker) - 1) == 0) {
			t += sizeof(broker) - 1;
			in = KA_SCOPE_BROKER;
		}
		if ((end = strchr(t, '}')) == NULL)
			break;
		if (in & want)
			keylist_add(k, t, (size_t)(end - t));
		t = end + 1;
	}
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **
ka_rules_keys(const struct ka_ruleset *rs, unsigned int scope, size_t *n)
{
	struct keylist		 k;
	const struct ka_rule	*r;
	size_t			 i, j;

	memset(&k, 0, sizeof(k));
	for (i = 0; i < rs->len; i++) {
		r = &rs->v[i];
		if (r->off)
			continue;
		if (r->key != NULL && (r->scopes & scope))
			keylist_add(&k, r->key, strlen(r->key));
		cond_keys(r->when, r->scopes, scope, &k);
		cond_keys(r->cond, r->scopes, scope, &k);
		template_keys(r->message, r->scopes, scope, &k);
		template_keys(r->fix, r->scopes, scope, &k);
	}
	if (k.len > 0)
		qsort(k.v, k.len, sizeof(*k.v), cmp_name);
	for (i = j = 0; i < k.len; i++)
		if (j > 0 && strcmp(k.v[j - 1], k.v[i]) == 0)
			free(k.v[i]);
		else
			k.v[j++] = k.v[i];
	*n = j;
	return k.v;
}

void
ka_rules_keys_free(char **v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int
cmp_rule(const void *a, const void *b)
{
	const struct ka_rule	*ra = a, *rb = b;
	int			 d;

	d = strcmp(str(ra->id), str(rb->id));
	if (d == 0)
		d = strcmp(str(ra->loc.path), str(rb->loc.path));
	if (d == 0)
		d = ra->loc.line < rb->loc.line ? -1 :
		    ra->loc.line > rb->loc.line;
	return d;
}

int
ka_rules_finish(struct ka_ruleset *rs, struct ka_diags *ds)
{
	size_t	 i, n;

	n = duplicates(rs, 0, ds);
	n += duplicates(rs, 1, ds);
	for (i = 0; i < rs->len; i++)
		n += check_keys(&rs->v[i], ds);
	if (rs->len > 1)
		qsort(rs->v, rs->len, sizeof(*rs->v), cmp_rule);
	return n == 0 ? 0 : -1;
}

const struct ka_rule *
ka_rules_find(const struct ka_ruleset *rs, const char *name)
{
	size_t	 i;

	for (i = 0; i < rs->len; i++)
		if (strcasecmp(str(rs->v[i].id), name) == 0 ||
		    strcasecmp(str(rs->v[i].slug), name) == 0)
			return &rs->v[i];
	return NULL;
}

struct ka_ruleopt *
ka_rules_option(const struct ka_rule *r, const char *name)
{
	size_t	 i;

	for (i = 0; i < r->noptions; i++)
		if (strcmp(r->options[i].name, name) == 0)
			return &r->options[i];
	return NULL;
}

char *
ka_rules_option_value(const struct ka_ruleopt *o, const char *s,
    const char **why)
{
	long long	 v;

	*why = NULL;
	if (o->type == KA_OPT_STRING)
		return xstrdup(s);
	v = ka_strtonum(s, o->min, o->max, why);
	return *why == NULL ? xasprintf("%lld", v) : NULL;
}

char *
ka_rules_option_expect(const struct ka_ruleopt *o)
{
	if (o->type == KA_OPT_STRING)
		return xstrdup("a string");
	if (o->min != LLONG_MIN && o->max != LLONG_MAX)
		return xasprintf("an integer from %lld to %lld", o->min,
		    o->max);
	if (o->min != LLONG_MIN)
		return xasprintf("an integer of at least %lld", o->min);
	if (o->max != LLONG_MAX)
		return xasprintf("an integer of at most %lld", o->max);
	return xstrdup("an integer");
}

/* Append n bytes of s to the owned string *out. */
static void
append(char **out, const char *s, size_t n)
{
	char	*t;

	t = xasprintf("%s%.*s", *out, (int)n, s);
	free(*out);
	*out = t;
}

char *
ka_rules_expand_options(const struct ka_rule *r, const char *t)
{
	static const char	 prefix[] = "{option:";
	const struct ka_ruleopt	*o;
	const char		*close;
	char			*out, *name;
	size_t			 n;

	out = xstrdup("");
	for (; *t != '\0'; t += n) {
		n = strcspn(t, "{");
		if (n > 0) {
			append(&out, t, n);
			continue;
		}
		/* "{{" stays as written, for the reader of the template. */
		n = t[1] == '{' ? 2 : 1;
		close = strchr(t, '}');
		if (n == 1 && close != NULL &&
		    strncmp(t, prefix, sizeof(prefix) - 1) == 0) {
			name = xstrndup(t + sizeof(prefix) - 1,
			    (size_t)(close - t) - (sizeof(prefix) - 1));
			o = ka_rules_option(r, name);
			free(name);
			if (o != NULL) {
				append(&out, o->value, strlen(o->value));
				n = (size_t)(close - t) + 1;
				continue;
			}
		}
		append(&out, t, n);
	}
	return out;
}

int
ka_rules_is_self(const struct ka_rule *r)
{
	return r->cond != NULL && r->cond->op == KA_COND_CHECK &&
	    r->cond->check >= KA_CHECK_SUPPRESSION_EXPIRED;
}

const char *
ka_rules_suggest(const struct ka_ruleset *rs, const char *name)
{
	const char	**names, *best;
	size_t		 i, n = 0;

	if (rs->len == 0)
		return NULL;
	names = xreallocarray(NULL, rs->len, 2 * sizeof(*names));
	for (i = 0; i < rs->len; i++) {
		if (rs->v[i].id != NULL)
			names[n++] = rs->v[i].id;
		if (rs->v[i].slug != NULL)
			names[n++] = rs->v[i].slug;
	}
	best = ka_rules_closest(name, names, n);
	free(names);
	return best;
}

/*
 * Optimal string alignment distance, ignoring case: insertions, deletions,
 * substitutions and transpositions of neighbours each cost one, so
 * "severty" and "kafak" are one step from their fields.  Three rows over
 * b, which is a known name and short; a is whatever the user wrote.
 */
static size_t
distance(const char *a, const char *b)
{
	size_t	 la = strlen(a), lb = strlen(b), i, j, cost, v, d;
	size_t	*buf, *r0, *r1, *r2, *t;
	int	 ca, cb;

	buf = xcalloc(3 * (lb + 1), sizeof(*buf));
	r0 = buf;
	r1 = r0 + lb + 1;
	r2 = r1 + lb + 1;
	for (j = 0; j <= lb; j++)
		r1[j] = j;
	for (i = 1; i <= la; i++) {
		r2[0] = i;
		ca = tolower((unsigned char)a[i - 1]);
		for (j = 1; j <= lb; j++) {
			cb = tolower((unsigned char)b[j - 1]);
			cost = ca != cb;
			v = r1[j] + 1;
			if (r2[j - 1] + 1 < v)
				v = r2[j - 1] + 1;
			if (r1[j - 1] + cost < v)
				v = r1[j - 1] + cost;
			if (i > 1 && j > 1 && r0[j - 2] + 1 < v &&
			    ca == tolower((unsigned char)b[j - 2]) &&
			    cb == tolower((unsigned char)a[i - 2]))
				v = r0[j - 2] + 1;
			r2[j] = v;
		}
		t = r0;
		r0 = r1;
		r1 = r2;
		r2 = t;
	}
	d = r1[lb];
	free(buf);
	return d;
}

const char *
ka_rules_closest(const char *word, const char *const *names, size_t n)
{
	const char	*best = NULL;
	size_t		 len, max, bestd, d, i, ln;

	len = strlen(word);
	max = len <= 3 ? 1 : len <= 6 ? 2 : 3;
	bestd = max + 1;
	for (i = 0; i < n; i++) {
		ln = strlen(names[i]);
		/* The distance is at least the difference in length. */
		if ((ln > len ? ln - len : len - ln) >= bestd)
			continue;
		d = distance(word, names[i]);
		if (d < bestd) {
			bestd = d;
			best = names[i];
		}
	}
	return best;
}

const char *
ka_rules_severity_name(enum ka_severity s)
{
	return (unsigned int)s < KA_SEV__MAX ? severity_names[s] : NULL;
}

int
ka_rules_severity_parse(const char *s, enum ka_severity *out)
{
	unsigned int	 i;

	for (i = 0; i < KA_SEV__MAX; i++)
		if (strcmp(s, severity_names[i]) == 0) {
			*out = (enum ka_severity)i;
			return 0;
		}
	return -1;
}

const char *
ka_rules_category_name(enum ka_category c)
{
	return (unsigned int)c < NELEM(category_names) ?
	    category_names[c] : NULL;
}

const char *
ka_rules_check_name(enum ka_check c)
{
	return (unsigned int)c < KA_CHECK__MAX ? check_names[c] : NULL;
}

int
ka_rules_check_parse(const char *s, enum ka_check *out)
{
	unsigned int	 i;

	for (i = 0; i < KA_CHECK__MAX; i++)
		if (strcmp(s, check_names[i]) == 0) {
			*out = (enum ka_check)i;
			return 0;
		}
	return -1;
}

const char *
ka_rules_scope_name(unsigned int bit)
{
	size_t	 i;

	for (i = 0; i < NELEM(scope_names); i++)
		if (scope_names[i].bit == bit)
			return scope_names[i].name;
	return NULL;
}
