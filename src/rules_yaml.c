/*
 * The YAML rule loader, one of the files that include yaml.h (through
 * ydoc.h).  A file is read whole (source.c bounds it), built into a
 * libyaml document by ydoc.c in one pass that refuses aliases and deep
 * nesting, and walked node by node into struct ka_rule.  Every problem
 * becomes a diagnostic at the line and column of the node that causes it;
 * libyaml counts from 0, ka_loc from 1.
 *
 * The rules of a file go to a private list first and reach the ruleset only
 * when the whole file is valid, so a broken file never half-loads.
 */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "diag.h"
#include "rules.h"
#include "rules_yaml.h"
#include "source.h"
#include "strtonum.h"
#include "version.h"
#include "xmalloc.h"
#include "ydoc.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* The state of loading one file. */
struct ctx {
	struct ka_ydoc	 y;		/* the document; y.path borrowed from
					   the ruleset, y.nerr the errors in
					   this file so far */
	size_t		 base;		/* rules in the ruleset before it */
	/* Per rule, for the checks that need all of its fields. */
	int		 hasbroker;	/* the rule has a broker: reference */
	yaml_mark_t	 brokermark;	/* where the first one is */
	int		 hastopics;	/* the rule has a topics: condition */
	yaml_mark_t	 topicsmark;	/* where the first one is */
	yaml_node_t	*keyfield;	/* borrowed: its key: field, or NULL */
	yaml_mark_t	 checkmark;	/* where its check: is */
	struct optref	*refs;		/* owned: its references to options */
	size_t		 nrefs, refscap;
};

/*
 * A reference to an option of the rule, checked once the rule's options
 * are known: {option: NAME} as a condition's value, or {option:NAME} in a
 * template.
 */
struct optref {
	char		*name;		/* owned */
	yaml_mark_t	 mark;
	struct ka_cond	*cond;		/* borrowed: the comparison, or NULL
					   for a placeholder */
};

struct field {
	const char	*name;
	int		 required;
	const char	*about;		/* for "missing field" */
	void		(*parse)(struct ctx *, struct ka_rule *,
			    yaml_node_t *, yaml_node_t *);
};

/* Where a condition is written, which decides whether check: may be. */
enum at {
	AT_CONDITION,		/* the whole condition: of a rule */
	AT_WHEN,		/* the whole when: of a rule */
	AT_NESTED		/* inside all, any or not */
};

/* What an operator takes as its value. */
enum arg {
	ARG_CONDS,		/* a non-empty sequence of conditions */
	ARG_COND,		/* one condition */
	ARG_KEYNAME,		/* a key name: set, unset */
	ARG_VALUE,		/* a scalar constant, with key: */
	ARG_LIST,		/* a non-empty list of constants, with key: */
	ARG_RKEY,		/* another key, or a list of keys to add up,
				   with key: */
	ARG_CHECK		/* a built-in check's name */
};

static const struct {
	const char	*name;
	enum ka_cond_op	 op;
	enum arg	 arg;
} ops[] = {
	{ "all", KA_COND_ALL, ARG_CONDS },
	{ "any", KA_COND_ANY, ARG_CONDS },
	{ "not", KA_COND_NOT, ARG_COND },
	{ "set", KA_COND_SET, ARG_KEYNAME },
	{ "unset", KA_COND_UNSET, ARG_KEYNAME },
	{ "eq", KA_COND_EQ, ARG_VALUE },
	{ "ne", KA_COND_NE, ARG_VALUE },
	{ "lt", KA_COND_LT, ARG_VALUE },
	{ "le", KA_COND_LE, ARG_VALUE },
	{ "gt", KA_COND_GT, ARG_VALUE },
	{ "ge", KA_COND_GE, ARG_VALUE },
	{ "in", KA_COND_IN, ARG_LIST },
	{ "not-in", KA_COND_NOT_IN, ARG_LIST },
	{ "eq-key", KA_COND_EQ_KEY, ARG_RKEY },
	{ "ne-key", KA_COND_NE_KEY, ARG_RKEY },
	{ "lt-key", KA_COND_LT_KEY, ARG_RKEY },
	{ "le-key", KA_COND_LE_KEY, ARG_RKEY },
	{ "gt-key", KA_COND_GT_KEY, ARG_RKEY },
	{ "ge-key", KA_COND_GE_KEY, ARG_RKEY },
	{ "matches", KA_COND_MATCHES, ARG_VALUE },
	{ "check", KA_COND_CHECK, ARG_CHECK },
	{ "topics", KA_COND_TOPICS, ARG_COND },
};

/*
 * The scopes each check can run in: the structural checks read a file's
 * entries, brokers-disagree compares the live brokers, file-drift a
 * broker file with its live broker.  The reports on suppressions are made
 * after the evaluation, about comments and the configuration file, so
 * their rules may say any scope.
 */
#define FILE_SCOPES	(KA_SCOPE_BROKER | KA_SCOPE_TOPIC | \
			    KA_SCOPE_PRODUCER | KA_SCOPE_CONSUMER)
#define ANY_SCOPE	(FILE_SCOPES | KA_SCOPE_PARTITION | KA_SCOPE_CLUSTER)

static const unsigned int check_scopes[KA_CHECK__MAX] = {
	[KA_CHECK_DUPLICATE_KEY] = FILE_SCOPES,
	[KA_CHECK_UNKNOWN_KEY] = FILE_SCOPES,
	[KA_CHECK_INLINE_COMMENT] = FILE_SCOPES,
	[KA_CHECK_INVALID_VALUE] = FILE_SCOPES,
	[KA_CHECK_LEGACY_KEY] = FILE_SCOPES,
	[KA_CHECK_VERSION_KEY] = FILE_SCOPES,
	[KA_CHECK_BROKERS_DISAGREE] = KA_SCOPE_CLUSTER,
	[KA_CHECK_FILE_DRIFT] = KA_SCOPE_BROKER,
	[KA_CHECK_SUPPRESSION_EXPIRED] = ANY_SCOPE,
	[KA_CHECK_SUPPRESSION_UNUSED] = ANY_SCOPE,
	[KA_CHECK_SUPPRESSION_UNKNOWN] = ANY_SCOPE,
	[KA_CHECK_SUPPRESSION_MISPLACED] = ANY_SCOPE,
	[KA_CHECK_SUPPRESSION_DENIED] = ANY_SCOPE,
};

static const char *const check_scope_names[KA_CHECK__MAX] = {
	[KA_CHECK_DUPLICATE_KEY] = "broker, topic, producer or consumer",
	[KA_CHECK_UNKNOWN_KEY] = "broker, topic, producer or consumer",
	[KA_CHECK_INLINE_COMMENT] = "broker, topic, producer or consumer",
	[KA_CHECK_INVALID_VALUE] = "broker, topic, producer or consumer",
	[KA_CHECK_LEGACY_KEY] = "broker, topic, producer or consumer",
	[KA_CHECK_VERSION_KEY] = "broker, topic, producer or consumer",
	[KA_CHECK_BROKERS_DISAGREE] = "cluster",
	[KA_CHECK_FILE_DRIFT] = "broker",
	[KA_CHECK_SUPPRESSION_EXPIRED] = "any",
	[KA_CHECK_SUPPRESSION_UNUSED] = "any",
	[KA_CHECK_SUPPRESSION_UNKNOWN] = "any",
	[KA_CHECK_SUPPRESSION_MISPLACED] = "any",
	[KA_CHECK_SUPPRESSION_DENIED] = "any",
};

/* Placeholders of message, rationale and fix; value: also takes a key. */
static const char *const placeholders[] = {
	"key", "value", "version", "client", "role", "detail", "broker",
	"default", "subject", "topics", "count",
};

static const char	 broker_prefix[] = "broker:";
static const char	 value_prefix[] = "value:";
static const char	 option_prefix[] = "option:";

static void	parse_cond(struct ctx *, yaml_node_t *, struct ka_cond *,
		    enum at);

#define SCHEMA(c, node, ...)	KA_YDOC_SCHEMA(&(c)->y, node, __VA_ARGS__)

/* ^[A-Z]{2,}[0-9]{3,}$ */
static int
valid_id(const char *s)
{
	size_t	 letters = 0, digits = 0;

	while (*s >= 'A' && *s <= 'Z')
		letters++, s++;
	while (*s >= '0' && *s <= '9')
		digits++, s++;
	return *s == '\0' && letters >= 2 && digits >= 3;
}

/* ^[a-z0-9]+(-[a-z0-9]+)*$ */
static int
valid_slug(const char *s)
{
	int	 prev = '-';

	for (; *s != '\0'; s++) {
		if (*s == '-' && prev == '-')
			return 0;
		if (*s != '-' && !(*s >= 'a' && *s <= 'z') &&
		    !(*s >= '0' && *s <= '9'))
			return 0;
		prev = *s;
	}
	return prev != '-';
}

/* Kafka and librdkafka key names: letters, digits, '.', '-' and '_'. */
static int
valid_key(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!(*s >= 'a' && *s <= 'z') && !(*s >= 'A' && *s <= 'Z') &&
		    !(*s >= '0' && *s <= '9') && *s != '.' && *s != '-' &&
		    *s != '_')
			return 0;
	return 1;
}

/* Remember a reference to an option, to check when the rule is read. */
static void
note_option(struct ctx *c, const char *name, const yaml_node_t *n,
    struct ka_cond *cond)
{
	if (c->nrefs == c->refscap) {
		c->refscap = c->refscap == 0 ? 4 : c->refscap * 2;
		c->refs = xreallocarray(c->refs, c->refscap,
		    sizeof(*c->refs));
	}
	c->refs[c->nrefs].name = xstrdup(name);
	c->refs[c->nrefs].mark = n->start_mark;
	c->refs[c->nrefs++].cond = cond;
}

static void
forget_options(struct ctx *c)
{
	size_t	 i;

	for (i = 0; i < c->nrefs; i++)
		free(c->refs[i].name);
	c->nrefs = 0;
}

static void
note_broker(struct ctx *c, const yaml_node_t *n)
{
	if (!c->hasbroker) {
		c->hasbroker = 1;
		c->brokermark = n->start_mark;
	}
}

/*
 * A key reference: a key name with an optional "broker:" prefix, which
 * only conditions may use (rule key: names a key of the audited file).
 */
static int
parse_keyref(struct ctx *c, const char *field, const yaml_node_t *n,
    struct ka_keyref *ref, int allow_broker)
{
	const char	*s, *name;
	int		 broker;

	s = ka_ydoc_scalar(&c->y, field, n,
	    "a key name such as min.insync.replicas");
	if (s == NULL)
		return -1;
	broker = strncmp(s, broker_prefix, sizeof(broker_prefix) - 1) == 0;
	name = broker ? s + sizeof(broker_prefix) - 1 : s;
	if (broker && !allow_broker) {
		SCHEMA(c, n, "%s: '%s' has the prefix broker:, which only "
		    "conditions and placeholders may use; expected a key of "
		    "the audited file", field, s);
		return -1;
	}
	if (!valid_key(name)) {
		SCHEMA(c, n, "%s: '%s' is not a key name; expected letters, "
		    "digits, '.', '-' and '_'%s", field, s,
		    allow_broker ? ", after an optional broker: prefix" : "");
		return -1;
	}
	if (broker)
		note_broker(c, n);
	ref->name = xstrdup(name);
	ref->broker = broker;
	return 0;
}

static void
bad_placeholder(struct ctx *c, const char *field, const yaml_node_t *n,
    const char *name)
{
	const char	*hint;

	hint = ka_rules_closest(name, placeholders, NELEM(placeholders));
	SCHEMA(c, n, "%s: unknown placeholder {%s}%s%s%s; expected {key}, "
	    "{value}, {value:KEY}, {value:broker:KEY}, {version}, {client}, "
	    "{role}, {detail}, {broker}, {default} or {option:NAME}, and {{ "
	    "for a literal brace", field, name,
	    hint != NULL ? " (did you mean {" : "",
	    hint != NULL ? hint : "", hint != NULL ? "}?)" : "");
}

/*
 * Check the placeholders of a template: {name} or {value:KEY}, "{{" and
 * "}}" for literal braces.  Errors are at the scalar, naming the
 * placeholder, since escapes make columns inside a quoted scalar
 * unreliable.
 */
static void
check_template(struct ctx *c, const char *field, const yaml_node_t *n,
    const char *t)
{
	const char	*end, *key;
	char		*name;
	size_t		 i;

	/* From brace to brace: the text between is prose. */
	for (; (t = strpbrk(t, "{}")) != NULL; t++) {
		if ((t[0] == '{' && t[1] == '{') ||
		    (t[0] == '}' && t[1] == '}')) {
			t++;
			continue;
		}
		if (*t == '}') {
			SCHEMA(c, n, "%s: unbalanced '}'; expected a "
			    "placeholder such as {value}, or }} for a literal "
			    "brace", field);
			return;
		}
		end = strpbrk(t + 1, "{}");
		if (end == NULL || *end == '{') {
			SCHEMA(c, n, "%s: unbalanced '{'; expected a "
			    "placeholder such as {value}, or {{ for a literal "
			    "brace", field);
			return;
		}
		name = xstrndup(t + 1, (size_t)(end - t - 1));
		t = end;
		if (strncmp(name, option_prefix, sizeof(option_prefix) - 1) ==
		    0) {
			key = name + sizeof(option_prefix) - 1;
			if (!valid_slug(key))
				SCHEMA(c, n, "%s: placeholder {%s} does not "
				    "name an option; expected {option:NAME} "
				    "with NAME an option of the rule", field,
				    name);
			else
				note_option(c, key, n, NULL);
			free(name);
			continue;
		}
		if (strncmp(name, value_prefix, sizeof(value_prefix) - 1) ==
		    0) {
			key = name + sizeof(value_prefix) - 1;
			if (strncmp(key, broker_prefix,
			    sizeof(broker_prefix) - 1) == 0) {
				key += sizeof(broker_prefix) - 1;
				note_broker(c, n);
			}
			if (!valid_key(key))
				SCHEMA(c, n, "%s: placeholder {%s} does not "
				    "name a key; expected {value:KEY} or "
				    "{value:broker:KEY}", field, name);
			free(name);
			continue;
		}
		for (i = 0; i < NELEM(placeholders); i++)
			if (strcmp(name, placeholders[i]) == 0)
				break;
		if (i == NELEM(placeholders))
			bad_placeholder(c, field, n, name);
		free(name);
	}
}

/*
 * Free text.  Trailing line breaks and blanks, which block scalars add,
 * are dropped; oneline fields must then fit on one line.
 */
static char *
text(struct ctx *c, const char *field, const yaml_node_t *n, int oneline,
    int templ)
{
	const char	*s;
	size_t		 len;

	s = ka_ydoc_scalar(&c->y, field, n,
	    oneline ? "one line of text" : "text");
	if (s == NULL)
		return NULL;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == ' ' ||
	    s[len - 1] == '\t'))
		len--;
	if (len == 0) {
		SCHEMA(c, n, "%s: expected %s, found an empty string", field,
		    oneline ? "one line of text" : "text");
		return NULL;
	}
	if (oneline && memchr(s, '\n', len) != NULL) {
		SCHEMA(c, n, "%s: expected one line of text, found several; "
		    "a folded scalar (>-) wraps a long line", field);
		return NULL;
	}
	if (templ) {
		size_t	 before = c->y.nerr;
		char	*t = xstrndup(s, len);

		check_template(c, field, n, t);
		if (c->y.nerr != before) {
			free(t);
			return NULL;
		}
		return t;
	}
	return xstrndup(s, len);
}

static void
f_id(struct ctx *c, struct ka_rule *r, yaml_node_t *k, yaml_node_t *v)
{
	const char	*s;

	r->loc = ka_ydoc_loc(&c->y, &k->start_mark);
	s = ka_ydoc_scalar(&c->y, "id", v, "a rule id such as KA2001");
	if (s == NULL)
		return;
	if (!valid_id(s)) {
		SCHEMA(c, v, "id: '%s' is not a rule id; expected two or more "
		    "capital letters and three or more digits, such as "
		    "KA2001", s);
		return;
	}
	r->id = xstrdup(s);
}

static void
f_slug(struct ctx *c, struct ka_rule *r, yaml_node_t *k, yaml_node_t *v)
{
	const char	*s;

	(void)k;
	s = ka_ydoc_scalar(&c->y, "slug", v,
	    "a slug such as producer-acks-not-all");
	if (s == NULL)
		return;
	if (!valid_slug(s)) {
		SCHEMA(c, v, "slug: '%s' is not a slug; expected lower-case "
		    "words of letters and digits joined by single hyphens, "
		    "such as producer-acks-not-all", s);
		return;
	}
	r->slug = xstrdup(s);
}

static void
f_title(struct ctx *c, struct ka_rule *r, yaml_node_t *k, yaml_node_t *v)
{
	(void)k;
	r->title = text(c, "title", v, 1, 0);
}

static void
f_message(struct ctx *c, struct ka_rule *r, yaml_node_t *k, yaml_node_t *v)
{
	(void)k;
	r->message = text(c, "message", v, 1, 1);
}

static void
f_rationale(struct ctx *c, struct ka_rule *r, yaml_node_t *k,
    yaml_node_t *v)
{
	(void)k;
	r->rationale = text(c, "rationale", v, 0, 1);
}

static void
f_fix(struct ctx *c, struct ka_rule *r, yaml_node_t *k, yaml_node_t *v)
{
	(void)k;
	r->fix = text(c, "fix", v, 0, 1);
}

/*
 * "a, b or c, or a list of them", made the first time an error message
 * needs it: *expect caches it, and the caller frees it.
 */
static const char *
names_expected(char **expect, const char *const *names, size_t nnames)
{
	char	*all;

	if (*expect == NULL) {
		all = ka_ydoc_join(names, nnames, " or ");
		*expect = xasprintf("%s, or a list of them", all);
		free(all);
	}
	return *expect;
}

/*
 * A name or a non-empty list of names, each one of names[] and none
 * twice; sets bit i of *bits for names[i].
 */
static void
name_set(struct ctx *c, const char *field, const yaml_node_t *v,
    const char *const *names, size_t nnames, unsigned int *bits)
{
	const yaml_node_t	*item;
	yaml_node_item_t	*it, *end;
	const char		*s;
	char			*expect = NULL;
	size_t			 i, n;

	if (v->type == YAML_SCALAR_NODE) {
		it = NULL;
		end = NULL;
		item = v;
	} else if (v->type == YAML_SEQUENCE_NODE &&
	    v->data.sequence.items.start != v->data.sequence.items.top) {
		it = v->data.sequence.items.start;
		end = v->data.sequence.items.top;
		item = ka_ydoc_node(&c->y, *it);
	} else {
		(void)ka_ydoc_sequence(&c->y, field, v,
		    names_expected(&expect, names, nnames), &n);
		free(expect);
		return;
	}
	for (;;) {
		/* What a wrong item is expected to be, only when one is. */
		if ((s = ka_ydoc_string(item)) == NULL)
			s = ka_ydoc_scalar(&c->y, field, item,
			    names_expected(&expect, names, nnames));
		if (s != NULL) {
			for (i = 0; i < nnames; i++)
				if (strcmp(s, names[i]) == 0)
					break;
			if (i == nnames)
				ka_ydoc_unknown(&c->y, item, field, s, names,
				    nnames);
			else if ((*bits & (1u << i)) != 0)
				SCHEMA(c, item, "%s: '%s' is listed twice",
				    field, s);
			else
				*bits |= 1u << i;
		}
		if (it == NULL || ++it >= end)
			break;
		item = ka_ydoc_node(&c->y, *it);
	}
	free(expect);
}

static void
f_scope(struct ctx *c, struct ka_rule *r, yaml_node_t *k, yaml_node_t *v)
{
	const char	*names[8];
	unsigned int	 n;

	(void)k;
	/* The KA_SCOPE_* bits are 1 << 0 to 1 << 5, in this order. */
	for (n = 0; n < NELEM(names) && ka_rules_scope_name(1u << n) != NULL;
	    n++)
		names[n] = ka_rules_scope_name(1u << n);
	name_set(c, "scope", v, names, n, &r->scopes);
}

static void
f_client(struct ctx *c, struct ka_rule *r, yaml_node_t *k, yaml_node_t *v)
{
	const char	*names[KA_CLIENT__MAX];
	unsigned int	 i;

	(void)k;
	for (i = 0; i < KA_CLIENT__MAX; i++)
		names[i] = ka_catalog_client_name((enum ka_client)i);
	name_set(c, "client", v, names, KA_CLIENT__MAX, &r->clients);
}

static void
f_severity(struct ctx *c, struct ka_rule *r, yaml_node_t *k,
    yaml_node_t *v)
{
	const char	*names[KA_SEV__MAX], *s;
	unsigned int	 i;

	(void)k;
	for (i = 0; i < KA_SEV__MAX; i++)
		names[KA_SEV__MAX - 1 - i] =
		    ka_rules_severity_name((enum ka_severity)i);
	s = ka_ydoc_scalar(&c->y, "severity", v, "error, warning or info");
	if (s != NULL && ka_rules_severity_parse(s, &r->severity) == -1)
		ka_ydoc_unknown(&c->y, v, "severity", s, names, KA_SEV__MAX);
}

static void
f_category(struct ctx *c, struct ka_rule *r, yaml_node_t *k,
    yaml_node_t *v)
{
	static const enum ka_category	 cats[] = { KA_CAT_CONFIG,
					    KA_CAT_STATE };
	const char			*names[NELEM(cats)], *s;
	size_t				 i;

	(void)k;
	for (i = 0; i < NELEM(cats); i++)
		names[i] = ka_rules_category_name(cats[i]);
	s = ka_ydoc_scalar(&c->y, "category", v, "config or state");
	if (s == NULL)
		return;
	for (i = 0; i < NELEM(cats); i++)
		if (strcmp(s, names[i]) == 0) {
			r->category = cats[i];
			return;
		}
	ka_ydoc_unknown(&c->y, v, "category", s, names, NELEM(cats));
}

static void
f_kafka(struct ctx *c, struct ka_rule *r, yaml_node_t *k, yaml_node_t *v)
{
	static const char	 example[] = "\">=0.11 <3.0\" or "
				    "\"<2.8 || >=3.1\"";
	const char		*s, *why;
	unsigned int		 i;

	(void)k;
	s = ka_ydoc_scalar(&c->y, "kafka", v, "a range of Kafka versions");
	if (s == NULL)
		return;
	if (ka_version_ranges_parse(s, &r->versions, &why) == -1) {
		SCHEMA(c, v, "kafka: '%s' is not a version range: %s (a "
		    "range looks like %s)", s, why, example);
		return;
	}
	if (r->versions.len == 0) {
		SCHEMA(c, v, "kafka: expected a range such as %s, found an "
		    "empty string; leave kafka: out for every release",
		    example);
		return;
	}
	for (i = 0; i < r->versions.len; i++)
		if (r->versions.v[i].lo >= r->versions.v[i].hi) {
			SCHEMA(c, v, "kafka: '%s' has a part that matches no "
			    "Kafka release; expected a lower bound below the "
			    "upper one", s);
			return;
		}
	r->versions_text = xstrdup(s);
}

static void
f_key(struct ctx *c, struct ka_rule *r, yaml_node_t *k, yaml_node_t *v)
{
	struct ka_keyref	 ref;

	c->keyfield = k;
	if (parse_keyref(c, "key", v, &ref, 0) == 0)
		r->key = ref.name;
}

static void
f_when(struct ctx *c, struct ka_rule *r, yaml_node_t *k, yaml_node_t *v)
{
	(void)k;
	r->when = xcalloc(1, sizeof(*r->when));
	parse_cond(c, v, r->when, AT_WHEN);
}

static void
f_condition(struct ctx *c, struct ka_rule *r, yaml_node_t *k,
    yaml_node_t *v)
{
	(void)k;
	r->cond = xcalloc(1, sizeof(*r->cond));
	parse_cond(c, v, r->cond, AT_CONDITION);
}

static void
f_suppressible(struct ctx *c, struct ka_rule *r, yaml_node_t *k,
    yaml_node_t *v)
{
	static const char *const names[] = { "true", "false" };
	const char		*s;

	(void)k;
	s = ka_ydoc_scalar(&c->y, "suppressible", v, "true or false");
	if (s == NULL)
		return;
	if (strcmp(s, "true") == 0)
		r->suppressible = 1;
	else if (strcmp(s, "false") == 0)
		r->suppressible = 0;
	else
		ka_ydoc_unknown(&c->y, v, "value of suppressible", s, names,
		    NELEM(names));
}

/* The fields of one option, which opt_field() reads. */
enum optfield {
	OF_TYPE,
	OF_DEFAULT,
	OF_MIN,
	OF_MAX,
	OF_DOC,
	OF__MAX
};

static const char *const optfields[OF__MAX] = {
	[OF_TYPE] = "type",
	[OF_DEFAULT] = "default",
	[OF_MIN] = "min",
	[OF_MAX] = "max",
	[OF_DOC] = "doc",
};

static const char *const opttypes[] = {
	[KA_OPT_INTEGER] = "integer",
	[KA_OPT_STRING] = "string",
};

/* A bound of an integer option, min: or max:. */
static int
opt_bound(struct ctx *c, const char *field, const yaml_node_t *v,
    long long *out)
{
	const char	*s, *errstr;

	s = ka_ydoc_scalar(&c->y, field, v, "an integer");
	if (s == NULL)
		return -1;
	*out = ka_strtonum(s, LLONG_MIN, LLONG_MAX, &errstr);
	if (errstr != NULL) {
		SCHEMA(c, v, "%s: '%s' is not an integer", field, s);
		return -1;
	}
	return 0;
}

/*
 * One option: a mapping of type:, default: and doc:, and for integers
 * min: and max:.  The default is checked against the rest.
 */
static void
parse_option(struct ctx *c, struct ka_ruleopt *o, yaml_node_t *n)
{
	yaml_node_t		*seen[OF__MAX], *k, *v;
	yaml_node_pair_t	*p;
	const char		*name, *s, *why;
	char			*expect;
	size_t			 i, before = c->y.nerr;

	o->min = LLONG_MIN;
	o->max = LLONG_MAX;
	if (n->type != YAML_MAPPING_NODE) {
		SCHEMA(c, n, "option %s: expected a mapping of type:, "
		    "default: and doc:, found %s", o->name, ka_ydoc_kind(n));
		return;
	}
	memset(seen, 0, sizeof(seen));
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++) {
		k = ka_ydoc_node(&c->y, p->key);
		v = ka_ydoc_node(&c->y, p->value);
		if ((name = ka_ydoc_key(&c->y, k)) == NULL)
			continue;
		for (i = 0; i < OF__MAX; i++)
			if (strcmp(name, optfields[i]) == 0)
				break;
		if (i == OF__MAX) {
			ka_ydoc_unknown(&c->y, k, "option field", name,
			    optfields, OF__MAX);
			continue;
		}
		if (seen[i] != NULL) {
			ka_ydoc_twice(&c->y, k, seen[i], name);
			continue;
		}
		seen[i] = k;
		switch ((enum optfield)i) {
		case OF_TYPE:
			s = ka_ydoc_scalar(&c->y, name, v,
			    "integer or string");
			if (s != NULL && strcmp(s, "string") == 0)
				o->type = KA_OPT_STRING;
			else if (s != NULL && strcmp(s, "integer") != 0)
				ka_ydoc_unknown(&c->y, v, "option type", s,
				    opttypes, NELEM(opttypes));
			break;
		case OF_DEFAULT:
			s = ka_ydoc_scalar(&c->y, name, v, "a value");
			if (s != NULL)
				o->deflt = xstrdup(s);
			seen[i] = v;
			break;
		case OF_MIN:
			(void)opt_bound(c, name, v, &o->min);
			break;
		case OF_MAX:
			(void)opt_bound(c, name, v, &o->max);
			break;
		case OF_DOC:
			o->doc = text(c, name, v, 1, 0);
			break;
		case OF__MAX:
			break;
		}
	}
	for (i = 0; i < OF__MAX; i++)
		if (seen[i] == NULL && i != OF_MIN && i != OF_MAX)
			SCHEMA(c, n, "option %s: missing the required field "
			    "%s:", o->name, optfields[i]);
	if (c->y.nerr != before)
		return;
	if (o->type == KA_OPT_STRING && (seen[OF_MIN] != NULL ||
	    seen[OF_MAX] != NULL)) {
		SCHEMA(c, seen[OF_MIN] != NULL ? seen[OF_MIN] : seen[OF_MAX],
		    "option %s: min: and max: bound integer options only",
		    o->name);
		return;
	}
	if (o->min > o->max) {
		SCHEMA(c, seen[OF_MAX], "option %s: max: is below min:",
		    o->name);
		return;
	}
	o->value = ka_rules_option_value(o, o->deflt, &why);
	if (o->value == NULL) {
		expect = ka_rules_option_expect(o);
		SCHEMA(c, seen[OF_DEFAULT], "option %s: the default '%s' is "
		    "%s; expected %s", o->name, o->deflt, why, expect);
		free(expect);
	}
}

/*
 * options: the options a rule's conditions and templates may name, by
 * name; see parse_option().
 */
static void
f_options(struct ctx *c, struct ka_rule *r, yaml_node_t *k, yaml_node_t *v)
{
	yaml_node_pair_t	*p;
	struct ka_ruleopt	*o;
	const char		*name;
	size_t			 n;

	(void)k;
	if (v->type != YAML_MAPPING_NODE ||
	    v->data.mapping.pairs.start == v->data.mapping.pairs.top) {
		SCHEMA(c, v, "options: expected a mapping of option names to "
		    "their type:, default: and doc:, found %s",
		    ka_ydoc_kind(v));
		return;
	}
	n = (size_t)(v->data.mapping.pairs.top - v->data.mapping.pairs.start);
	r->options = xcalloc(n, sizeof(*r->options));
	for (p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top;
	    p++) {
		k = ka_ydoc_node(&c->y, p->key);
		if ((name = ka_ydoc_key(&c->y, k)) == NULL)
			continue;
		if (!valid_slug(name)) {
			SCHEMA(c, k, "options: '%s' is not an option name; "
			    "expected lower-case words joined by hyphens, "
			    "such as target-replication-factor", name);
			continue;
		}
		if ((o = ka_rules_option(r, name)) != NULL) {
			SCHEMA(c, k, "options: %s is declared twice; the "
			    "first is at line %u", name, o->loc.line);
			continue;
		}
		o = &r->options[r->noptions++];
		o->name = xstrdup(name);
		o->loc = ka_ydoc_loc(&c->y, &k->start_mark);
		parse_option(c, o, ka_ydoc_node(&c->y, p->value));
	}
}

/* The fields of a rule, in the order kafka-audit-rules(5) gives them. */
static const struct field fields[] = {
	{ "id", 1, "the rule's id, such as KA2001", f_id },
	{ "slug", 1, "a name such as producer-acks-not-all", f_slug },
	{ "title", 1, "one line saying what is wrong", f_title },
	{ "scope", 1, "the kind of file or object the rule checks", f_scope },
	{ "category", 0, NULL, f_category },
	{ "severity", 1, "error, warning or info", f_severity },
	{ "kafka", 0, NULL, f_kafka },
	{ "client", 0, NULL, f_client },
	{ "key", 0, NULL, f_key },
	{ "when", 0, NULL, f_when },
	{ "condition", 1, "when the rule fires", f_condition },
	{ "message", 1, "the text of each finding", f_message },
	{ "rationale", 1, "why it matters and what breaks", f_rationale },
	{ "fix", 1, "how to fix it", f_fix },
	{ "options", 0, NULL, f_options },
	{ "suppressible", 0, NULL, f_suppressible },
};

static void
parse_values(struct ctx *c, const char *op, yaml_node_t *v,
    struct ka_cond *out)
{
	yaml_node_item_t	*it;
	const char		*s;
	size_t			 n;

	if (ka_ydoc_sequence(&c->y, op, v, "a non-empty list of values",
	    &n) == -1)
		return;
	out->set = xcalloc(n, sizeof(*out->set));
	for (it = v->data.sequence.items.start;
	    it < v->data.sequence.items.top; it++) {
		s = ka_ydoc_scalar(&c->y, op, ka_ydoc_node(&c->y, *it),
		    "a value");
		if (s != NULL)
			out->set[out->nset++] = xstrdup(s);
	}
}

/*
 * The right side of a key comparison: one key, or a list of at least two
 * keys whose values are added up (delivery.timeout.ms against linger.ms
 * plus request.timeout.ms).
 */
static void
parse_rkeys(struct ctx *c, const char *op, yaml_node_t *v,
    struct ka_cond *out)
{
	yaml_node_item_t	*it;
	size_t			 n;

	if (v->type != YAML_SEQUENCE_NODE) {
		(void)parse_keyref(c, op, v, &out->rkey, 1);
		return;
	}
	if (ka_ydoc_sequence(&c->y, op, v, "a key, or a list of keys to add up",
	    &n) == -1)
		return;
	if (n < 2) {
		SCHEMA(c, v, "%s: a list of keys is added up, so it needs at "
		    "least two; write a single key without brackets", op);
		return;
	}
	out->rsum = xcalloc(n, sizeof(*out->rsum));
	for (it = v->data.sequence.items.start;
	    it < v->data.sequence.items.top; it++)
		if (parse_keyref(c, op, ka_ydoc_node(&c->y, *it),
		    &out->rsum[out->nrsum], 1) == 0)
			out->nrsum++;
}

/* {option: NAME}: the comparison reads an option of the rule. */
static void
parse_optref(struct ctx *c, const char *op, yaml_node_t *v,
    struct ka_cond *out)
{
	yaml_node_pair_t	*p = v->data.mapping.pairs.start;
	const char		*name, *s;

	if (v->data.mapping.pairs.top - p != 1 ||
	    (name = ka_ydoc_string(ka_ydoc_node(&c->y, p->key))) == NULL ||
	    strcmp(name, "option") != 0) {
		SCHEMA(c, v, "%s: expected a value, or {option: NAME} for an "
		    "option of the rule, found a mapping of something else",
		    op);
		return;
	}
	s = ka_ydoc_scalar(&c->y, "option", ka_ydoc_node(&c->y, p->value),
	    "the name of an option of the rule");
	if (s == NULL)
		return;
	out->option = xstrdup(s);
	note_option(c, s, ka_ydoc_node(&c->y, p->value), out);
}

static void
parse_subs(struct ctx *c, const char *op, yaml_node_t *v,
    struct ka_cond *out)
{
	yaml_node_item_t	*it;
	size_t			 n;

	if (out->op == KA_COND_TOPICS && !c->hastopics) {
		c->hastopics = 1;
		c->topicsmark = v->start_mark;
	}
	if (out->op == KA_COND_NOT || out->op == KA_COND_TOPICS) {
		out->sub = xcalloc(1, sizeof(*out->sub));
		out->nsub = 1;
		parse_cond(c, v, out->sub, AT_NESTED);
		return;
	}
	if (ka_ydoc_sequence(&c->y, op, v, "a non-empty list of conditions",
	    &n) == -1)
		return;
	out->sub = xcalloc(n, sizeof(*out->sub));
	out->nsub = n;
	n = 0;
	for (it = v->data.sequence.items.start;
	    it < v->data.sequence.items.top; it++)
		parse_cond(c, ka_ydoc_node(&c->y, *it), &out->sub[n++],
		    AT_NESTED);
}

static void
parse_check(struct ctx *c, yaml_node_t *k, yaml_node_t *v, enum at at,
    struct ka_cond *out)
{
	const char	*names[KA_CHECK__MAX], *s;
	unsigned int	 i;

	if (at != AT_CONDITION) {
		SCHEMA(c, k, "check: is allowed only as the whole condition: "
		    "of a rule, not %s", at == AT_WHEN ? "in when:" :
		    "inside all, any or not");
		return;
	}
	c->checkmark = k->start_mark;
	for (i = 0; i < KA_CHECK__MAX; i++)
		names[i] = ka_rules_check_name((enum ka_check)i);
	s = ka_ydoc_scalar(&c->y, "check", v, "the name of a built-in check");
	if (s != NULL && ka_rules_check_parse(s, &out->check) == -1)
		ka_ydoc_unknown(&c->y, v, "check", s, names, KA_CHECK__MAX);
}

/*
 * A condition: a mapping of exactly one operator, plus key: for the
 * operators that compare a key's value.
 */
static void
parse_cond(struct ctx *c, yaml_node_t *n, struct ka_cond *out, enum at at)
{
	const char		*names[NELEM(ops) + 1], *name;
	yaml_node_pair_t	*p;
	yaml_node_t		*k, *v, *keyk = NULL, *keyv = NULL;
	yaml_node_t		*opk = NULL, *opv = NULL;
	size_t			 i, opi = 0;
	int			 withkey;

	out->loc = ka_ydoc_loc(&c->y, &n->start_mark);
	if (n->type != YAML_MAPPING_NODE) {
		SCHEMA(c, n, "expected a condition, a mapping with one "
		    "operator such as {key: acks, eq: all}, found %s",
		    ka_ydoc_kind(n));
		return;
	}
	for (i = 0; i < NELEM(ops); i++)
		names[i] = ops[i].name;
	names[i] = "key";
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++) {
		k = ka_ydoc_node(&c->y, p->key);
		v = ka_ydoc_node(&c->y, p->value);
		name = ka_ydoc_key(&c->y, k);
		if (name == NULL)
			continue;
		if (strcmp(name, "key") == 0) {
			if (keyk != NULL)
				ka_ydoc_twice(&c->y, k, keyk, name);
			else {
				keyk = k;
				keyv = v;
			}
			continue;
		}
		for (i = 0; i < NELEM(ops); i++)
			if (strcmp(name, ops[i].name) == 0)
				break;
		if (i == NELEM(ops))
			ka_ydoc_unknown(&c->y, k, "operator", name, names,
			    NELEM(names));
		else if (opk != NULL)
			SCHEMA(c, k, "%s: a second operator in one condition "
			    "(the first is %s at line %lu); expected exactly "
			    "one, combine conditions with all: or any:", name,
			    ops[opi].name,
			    (unsigned long)opk->start_mark.line + 1);
		else {
			opk = k;
			opv = v;
			opi = i;
		}
	}
	if (opk == NULL) {
		if (n->data.mapping.pairs.start == n->data.mapping.pairs.top ||
		    keyk != NULL)
			SCHEMA(c, n, "expected a condition with one operator "
			    "(eq, in, set, all, ...), found %s",
			    keyk != NULL ? "only key:" : "an empty mapping");
		return;
	}
	out->op = ops[opi].op;
	withkey = ops[opi].arg == ARG_VALUE || ops[opi].arg == ARG_LIST ||
	    ops[opi].arg == ARG_RKEY;
	if (withkey && keyk == NULL) {
		SCHEMA(c, n, "%s: expected key: beside it, naming the key "
		    "whose value is compared", ops[opi].name);
		return;
	}
	if (!withkey && keyk != NULL) {
		SCHEMA(c, keyk, "key: does not go with %s:; expected "
		    "{%s: %s} alone", ops[opi].name, ops[opi].name,
		    ops[opi].arg == ARG_KEYNAME ? "KEY" : "...");
		return;
	}
	if (withkey && parse_keyref(c, "key", keyv, &out->key, 1) == -1)
		return;
	switch (ops[opi].arg) {
	case ARG_CONDS:
	case ARG_COND:
		parse_subs(c, ops[opi].name, opv, out);
		break;
	case ARG_KEYNAME:
		(void)parse_keyref(c, ops[opi].name, opv, &out->key, 1);
		break;
	case ARG_VALUE:
		if (opv->type == YAML_MAPPING_NODE &&
		    out->op != KA_COND_MATCHES) {
			parse_optref(c, ops[opi].name, opv, out);
			break;
		}
		name = ka_ydoc_scalar(&c->y, ops[opi].name, opv,
		    "a value (write \"\" for the empty string)");
		if (name != NULL)
			out->value = xstrdup(name);
		break;
	case ARG_LIST:
		parse_values(c, ops[opi].name, opv, out);
		break;
	case ARG_RKEY:
		parse_rkeys(c, ops[opi].name, opv, out);
		break;
	case ARG_CHECK:
		parse_check(c, opk, opv, at, out);
		break;
	}
}

/*
 * Every option a condition or a template names is one the rule declares;
 * a comparison keeps the option's index for eval.
 */
static void
check_optrefs(struct ctx *c, const struct ka_rule *r)
{
	const struct optref	*ref;
	const char		**names, *hint;
	size_t			 i, j;

	names = xcalloc(r->noptions + 1, sizeof(*names));
	for (j = 0; j < r->noptions; j++)
		names[j] = r->options[j].name;
	for (i = 0; i < c->nrefs; i++) {
		ref = &c->refs[i];
		for (j = 0; j < r->noptions; j++)
			if (strcmp(ref->name, names[j]) == 0)
				break;
		if (j < r->noptions) {
			if (ref->cond != NULL)
				ref->cond->optidx = j;
			continue;
		}
		hint = ka_rules_closest(ref->name, names, r->noptions);
		ka_ydoc_report(&c->y, KA_D_RULES_SCHEMA, &ref->mark, "rule "
		    "%s has no option '%s'%s%s%s; declare it under options:",
		    r->id, ref->name, hint != NULL ? " (did you mean '" : "",
		    hint != NULL ? hint : "", hint != NULL ? "'?)" : "");
	}
	free(names);
}

/* The checks that need the whole rule, made only if its fields parsed. */
static void
cross_check(struct ctx *c, const struct ka_rule *r)
{
	if (c->hasbroker &&
	    (r->scopes & (KA_SCOPE_PRODUCER | KA_SCOPE_CONSUMER)) == 0)
		ka_ydoc_report(&c->y, KA_D_RULES_SCHEMA, &c->brokermark,
		    "a broker: reference reads the broker files of the run, "
		    "which only a rule whose scope includes producer or "
		    "consumer can do");
	if (c->hastopics &&
	    (r->scopes & (KA_SCOPE_PRODUCER | KA_SCOPE_CONSUMER)) == 0)
		ka_ydoc_report(&c->y, KA_D_RULES_SCHEMA, &c->topicsmark,
		    "topics: reads the topics of a live cluster against a "
		    "client file, which only a rule whose scope includes "
		    "producer or consumer can do");
	if (r->cond->op == KA_COND_CHECK &&
	    (r->scopes & check_scopes[r->cond->check]) != r->scopes)
		ka_ydoc_report(&c->y, KA_D_RULES_SCHEMA, &c->checkmark,
		    "check: %s applies to the scope %s only",
		    ka_rules_check_name(r->cond->check),
		    check_scope_names[r->cond->check]);
	if (r->cond->op == KA_COND_CHECK && c->keyfield != NULL)
		SCHEMA(c, c->keyfield, "key: is not used by a check:, "
		    "which reports each key it finds; expected no key:");
	check_optrefs(c, r);
}

static void
parse_rule(struct ctx *c, yaml_node_t *n, struct ka_rule *r)
{
	const char		*names[NELEM(fields)], *name, *hint;
	yaml_node_t		*seen[NELEM(fields)], *k, *v;
	yaml_node_pair_t	*p;
	size_t			 i, before = c->y.nerr;
	int			 meant[NELEM(fields)];

	if (n->type != YAML_MAPPING_NODE) {
		SCHEMA(c, n, "expected a rule, a mapping of fields such as "
		    "id: and condition:, found %s", ka_ydoc_kind(n));
		return;
	}
	memset(seen, 0, sizeof(seen));
	memset(meant, 0, sizeof(meant));
	for (i = 0; i < NELEM(fields); i++)
		names[i] = fields[i].name;
	c->hasbroker = 0;
	c->hastopics = 0;
	c->keyfield = NULL;
	forget_options(c);
	r->suppressible = 1;
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++) {
		k = ka_ydoc_node(&c->y, p->key);
		v = ka_ydoc_node(&c->y, p->value);
		name = ka_ydoc_key(&c->y, k);
		if (name == NULL)
			continue;
		for (i = 0; i < NELEM(fields); i++)
			if (strcmp(name, fields[i].name) == 0)
				break;
		if (i == NELEM(fields)) {
			hint = ka_ydoc_unknown(&c->y, k, "field", name, names,
			    NELEM(names));
			/* A misspelt field is not reported missing too. */
			for (i = 0; hint != NULL && i < NELEM(fields); i++)
				if (hint == names[i])
					meant[i] = 1;
		} else if (seen[i] != NULL)
			ka_ydoc_twice(&c->y, k, seen[i], name);
		else {
			seen[i] = k;
			fields[i].parse(c, r, k, v);
		}
	}
	for (i = 0; i < NELEM(fields); i++)
		if (fields[i].required && seen[i] == NULL && !meant[i])
			SCHEMA(c, n, "%s%s%smissing the required field %s: "
			    "(%s)", r->id != NULL ? "rule " : "",
			    r->id != NULL ? r->id : "",
			    r->id != NULL ? ": " : "", fields[i].name,
			    fields[i].about);
	if (c->y.nerr == before)
		cross_check(c, r);
}

static void
parse_rules(struct ctx *c, yaml_node_t *n, struct ka_ruleset *tmp)
{
	yaml_node_item_t	*it;
	size_t			 count, room;

	if (n->type != YAML_SEQUENCE_NODE) {
		SCHEMA(c, n, "rules: expected a list of rules, found %s",
		    ka_ydoc_kind(n));
		return;
	}
	count = (size_t)(n->data.sequence.items.top -
	    n->data.sequence.items.start);
	room = c->base < KA_RULES_MAX_RULES ? KA_RULES_MAX_RULES - c->base : 0;
	if (count > room) {
		ka_ydoc_report(&c->y, KA_D_RULES_LIMIT, &ka_ydoc_node(&c->y,
		    n->data.sequence.items.start[room])->start_mark,
		    "rule %zu of the run is one too many; the limit is %d "
		    "rules", c->base + room + 1, KA_RULES_MAX_RULES);
		return;
	}
	for (it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++)
		parse_rule(c, ka_ydoc_node(&c->y, *it), ka_rules_add(tmp));
}

/* The document: a mapping with the one key rules:. */
static void
parse_top(struct ctx *c, yaml_node_t *n, struct ka_ruleset *tmp)
{
	static const char *const names[] = { "rules" };
	yaml_node_pair_t	*p;
	yaml_node_t		*k, *rules = NULL;
	const char		*name;

	if (n->type != YAML_MAPPING_NODE) {
		SCHEMA(c, n, "expected a mapping with the one key rules:, "
		    "found %s", ka_ydoc_kind(n));
		return;
	}
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++) {
		k = ka_ydoc_node(&c->y, p->key);
		name = ka_ydoc_key(&c->y, k);
		if (name == NULL)
			continue;
		if (strcmp(name, "rules") != 0)
			ka_ydoc_unknown(&c->y, k, "top-level key", name, names,
			    NELEM(names));
		else if (rules != NULL)
			ka_ydoc_twice(&c->y, k, rules, name);
		else {
			rules = k;
			parse_rules(c, ka_ydoc_node(&c->y, p->value), tmp);
		}
	}
	if (rules == NULL && c->y.nerr == 0)
		SCHEMA(c, n, "missing the key rules:, the list of rules");
}

/* Move the rules of a valid file to the ruleset; tmp keeps nothing. */
static void
commit(struct ka_ruleset *rs, struct ka_ruleset *tmp)
{
	size_t	 i;

	for (i = 0; i < tmp->len; i++)
		*ka_rules_add(rs) = tmp->v[i];
	free(tmp->v);
	ka_rules_init(tmp);
}

static int
load_file(struct ka_ruleset *rs, const char *path, struct ka_diags *ds)
{
	struct ka_source	*src;
	struct ka_ruleset	 tmp;
	struct ctx		 c;
	yaml_node_t		*root;
	yaml_mark_t		 start;

	src = ka_source_read(path, NULL, ds);
	if (src == NULL)
		return -1;
	memset(&c, 0, sizeof(c));
	c.y.path = ka_rules_add_path(rs, src->path);
	c.y.text = src->text;
	c.y.len = src->len;
	c.y.ds = ds;
	c.y.syntax = KA_D_RULES_YAML;
	c.y.schema = KA_D_RULES_SCHEMA;
	c.y.limit = KA_D_RULES_LIMIT;
	c.y.maxdepth = KA_RULES_MAX_DEPTH;
	c.y.noun = "rule file";
	c.y.item = "rule";
	c.base = rs->len;
	if (ka_ydoc_build(&c.y) == -1) {
		ka_ydoc_clear(&c.y);
		ka_source_free(src);
		return -1;
	}

	ka_rules_init(&tmp);
	root = ka_ydoc_root(&c.y);
	if (root == NULL) {
		memset(&start, 0, sizeof(start));
		ka_ydoc_report(&c.y, KA_D_RULES_SCHEMA, &start, "no YAML "
		    "document, only comments; expected a mapping with the one "
		    "key rules:");
	} else
		parse_top(&c, root, &tmp);
	forget_options(&c);
	free(c.refs);
	ka_ydoc_clear(&c.y);
	ka_source_free(src);
	if (c.y.nerr != 0) {
		ka_rules_clear(&tmp);
		return -1;
	}
	commit(rs, &tmp);
	return 0;
}

static int
has_suffix(const char *s, const char *suffix)
{
	size_t	 ls = strlen(s), lx = strlen(suffix);

	return ls > lx && strcmp(s + ls - lx, suffix) == 0;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Every *.yaml and *.yml file of a directory, not its subdirectories, in
 * byte order of the names so that diagnostics come out the same on every
 * machine.  Hidden files are skipped: editors leave lock and backup files
 * such as .#broker.yaml beside the real ones.
 */
static int
load_dir(struct ka_ruleset *rs, const char *path, struct ka_diags *ds)
{
	struct ka_loc	 loc;
	struct dirent	*de;
	DIR		*d;
	char		**names = NULL, *full;
	size_t		 n = 0, i, len;
	int		 rc = 0;

	loc.path = path;
	loc.line = loc.col = 0;
	d = opendir(path);
	if (d == NULL) {
		ka_diag(ds, KA_D_SOURCE_OPEN, &loc, "cannot open directory: "
		    "%s", strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || (!has_suffix(de->d_name, ".yaml") &&
		    !has_suffix(de->d_name, ".yml")))
			continue;
		names = xreallocarray(names, n + 1, sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n == 0) {
		ka_diag(ds, KA_D_RULES_NONE, &loc, "no rule file in this "
		    "directory; expected files named *.yaml or *.yml");
		return -1;
	}
	qsort(names, n, sizeof(*names), cmp_name);
	len = strlen(path);
	for (i = 0; i < n; i++) {
		full = xasprintf("%s%s%s", path,
		    len > 0 && path[len - 1] == '/' ? "" : "/", names[i]);
		if (load_file(rs, full, ds) == -1)
			rc = -1;
		free(full);
		free(names[i]);
	}
	free(names);
	return rc;
}

int
ka_rules_yaml_load(struct ka_ruleset *rs, const char *path,
    struct ka_diags *ds)
{
	struct stat	 st;

	if (strcmp(path, "-") != 0 && stat(path, &st) == 0 &&
	    S_ISDIR(st.st_mode))
		return load_dir(rs, path, ds);
	return load_file(rs, path, ds);
}
