#include "config.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "eval.h"
#include "report.h"
#include "rules.h"
#include "settings.h"
#include "source.h"
#include "version.h"
#include "xmalloc.h"

#define REDACTED	"(redacted)"

/*
 * What one evaluation looks at: the audited file and, for rules that name
 * "broker:" keys, one broker file of the same run.
 */
struct ctx {
	const struct ka_settings	*file;
	const struct ka_settings	*broker;	/* NULL if unused */
};

static const unsigned int role_scope[KA_ROLE__MAX] = {
	[KA_ROLE_BROKER] = KA_SCOPE_BROKER,
	[KA_ROLE_TOPIC] = KA_SCOPE_TOPIC,
	[KA_ROLE_PRODUCER] = KA_SCOPE_PRODUCER,
	[KA_ROLE_CONSUMER] = KA_SCOPE_CONSUMER,
};

static const struct ka_settings *
side(const struct ctx *c, const struct ka_keyref *k)
{
	return k->broker ? c->broker : c->file;
}

static int
is_numeric(const struct ka_keydef *def)
{
	if (def == NULL)
		return 0;
	switch (def->type) {
	case KA_TYPE_SHORT:
	case KA_TYPE_INT:
	case KA_TYPE_LONG:
	case KA_TYPE_DOUBLE:
		return 1;
	default:
		return 0;
	}
}

/* Canonical values are plain decimal; anything else is not a number. */
static int
number(const char *s, long double *out)
{
	char	*end;

	if (s == NULL || *s == '\0')
		return -1;
	*out = strtold(s, &end);
	return *end == '\0' ? 0 : -1;
}

/*
 * Compare two canonical values of a key.  Returns -1, 0 or 1, or 2 when
 * they cannot be ordered (not numbers); equality is then textual.
 */
static int
compare(const struct ka_keydef *def, const char *a, const char *b)
{
	long double	 x, y;

	if ((def == NULL || is_numeric(def)) && number(a, &x) == 0 &&
	    number(b, &y) == 0)
		return x < y ? -1 : x > y;
	return strcmp(a, b) == 0 ? 0 : 2;
}

static int
holds(enum ka_cond_op op, int c)
{
	switch (op) {
	case KA_COND_EQ:
	case KA_COND_EQ_KEY:
		return c == 0;
	case KA_COND_NE:
	case KA_COND_NE_KEY:
		return c != 0;
	case KA_COND_LT:
	case KA_COND_LT_KEY:
		return c == -1;
	case KA_COND_LE:
	case KA_COND_LE_KEY:
		return c == -1 || c == 0;
	case KA_COND_GT:
	case KA_COND_GT_KEY:
		return c == 1;
	case KA_COND_GE:
	case KA_COND_GE_KEY:
		return c == 1 || c == 0;
	default:
		return 0;
	}
}

/* A rule constant read the way the key reads values: "-1" is acks "all". */
static char *
constant(const struct ka_keydef *def, const char *raw)
{
	const char	*why;
	char		*out;

	if (def != NULL && ka_catalog_normalize(def, raw, &out, &why) == 0)
		return out;
	return xstrdup(raw);
}

/* The right-hand side of a *_KEY comparison: one key or a sum of keys. */
static char *
right_side(const struct ctx *c, const struct ka_cond *cond)
{
	struct ka_value	 v;
	long double	 sum = 0, x;
	char		*out = NULL;
	size_t		 i;

	if (cond->nrsum == 0) {
		ka_settings_resolve(side(c, &cond->rkey), cond->rkey.name, &v);
		out = v.text;
		v.text = NULL;
		ka_value_clear(&v);
		return out;
	}
	for (i = 0; i < cond->nrsum; i++) {
		ka_settings_resolve(side(c, &cond->rsum[i]),
		    cond->rsum[i].name, &v);
		if (v.text == NULL || number(v.text, &x) == -1) {
			ka_value_clear(&v);
			return NULL;
		}
		sum += x;
		ka_value_clear(&v);
	}
	return xasprintf("%.0Lf", sum);
}

static int
matches(const struct ka_keydef *def, const char *glob, const char *text)
{
	const char	*p, *end;
	char		*item;
	int		 hit;

	if (def == NULL || def->type != KA_TYPE_LIST)
		return fnmatch(glob, text, 0) == 0;
	for (p = text; *p != '\0'; p = *end == ',' ? end + 1 : end) {
		while (*p == ' ' || *p == '\t')
			p++;
		end = p + strcspn(p, ",");
		item = xstrndup(p, (size_t)(end - p));
		while (*item != '\0' && (item[strlen(item) - 1] == ' ' ||
		    item[strlen(item) - 1] == '\t'))
			item[strlen(item) - 1] = '\0';
		hit = fnmatch(glob, item, 0) == 0;
		free(item);
		if (hit)
			return 1;
	}
	return 0;
}

static int
test(const struct ctx *c, const struct ka_cond *cond)
{
	struct ka_value		 v;
	char			*k, *r;
	size_t			 i;
	int			 res = 0;

	switch (cond->op) {
	case KA_COND_ALL:
		for (i = 0; i < cond->nsub; i++)
			if (!test(c, &cond->sub[i]))
				return 0;
		return 1;
	case KA_COND_ANY:
		for (i = 0; i < cond->nsub; i++)
			if (test(c, &cond->sub[i]))
				return 1;
		return 0;
	case KA_COND_NOT:
		return !test(c, &cond->sub[0]);
	case KA_COND_CHECK:
		return 0;
	default:
		break;
	}

	ka_settings_resolve(side(c, &cond->key), cond->key.name, &v);
	switch (cond->op) {
	case KA_COND_SET:
		res = v.origin == KA_ORIGIN_FILE;
		break;
	case KA_COND_UNSET:
		res = v.origin != KA_ORIGIN_FILE;
		break;
	case KA_COND_EQ:
	case KA_COND_NE:
	case KA_COND_LT:
	case KA_COND_LE:
	case KA_COND_GT:
	case KA_COND_GE:
		if (v.text == NULL)
			break;
		k = constant(v.def, cond->value);
		res = holds(cond->op, compare(v.def, v.text, k));
		free(k);
		break;
	case KA_COND_IN:
	case KA_COND_NOT_IN:
		if (v.text == NULL)
			break;
		for (i = 0; i < cond->nset && !res; i++) {
			k = constant(v.def, cond->set[i]);
			res = compare(v.def, v.text, k) == 0;
			free(k);
		}
		if (cond->op == KA_COND_NOT_IN)
			res = !res;
		break;
	case KA_COND_MATCHES:
		if (v.text != NULL)
			res = matches(v.def, cond->value, v.text);
		break;
	default:		/* the *_KEY comparisons */
		if (v.text == NULL)
			break;
		r = right_side(c, cond);
		if (r != NULL)
			res = holds(cond->op, compare(v.def, v.text, r));
		free(r);
		break;
	}
	ka_value_clear(&v);
	return res;
}

static int
uses_broker(const struct ka_cond *cond)
{
	size_t	 i;

	if (cond == NULL)
		return 0;
	if (cond->key.broker || cond->rkey.broker)
		return 1;
	for (i = 0; i < cond->nrsum; i++)
		if (cond->rsum[i].broker)
			return 1;
	for (i = 0; i < cond->nsub; i++)
		if (uses_broker(&cond->sub[i]))
			return 1;
	return 0;
}

/* The first key set in the broker file that a condition reads there. */
static const struct ka_prop *
broker_entry(const struct ctx *c, const struct ka_cond *cond)
{
	const struct ka_prop	*p = NULL;
	struct ka_value		 v;
	size_t			 i;

	if (cond == NULL)
		return NULL;
	if (cond->key.broker || cond->rkey.broker) {
		ka_settings_resolve(c->broker, cond->key.broker ?
		    cond->key.name : cond->rkey.name, &v);
		p = v.prop;
		ka_value_clear(&v);
		if (p != NULL)
			return p;
	}
	for (i = 0; i < cond->nsub && p == NULL; i++)
		p = broker_entry(c, &cond->sub[i]);
	return p;
}

/* A growable string for expanding message templates. */
struct str {
	char	*s;
	size_t	 len, cap;
};

static void
put(struct str *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xreallocarray(b->s, b->cap, 1);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
puts_(struct str *b, const char *s)
{
	put(b, s, strlen(s));
}

/* Everything a message template may refer to. */
struct fill {
	const struct ctx	*c;
	const char		*key;		/* as the file spells it */
	const char		*value;		/* shown value, or NULL */
	const char		*deflt;		/* the default, or NULL */
	const char		*detail;	/* from a check, or NULL */
};

static void
put_value_of(struct str *b, const struct ctx *c, const char *ref)
{
	const struct ka_settings	*s = c->file;
	struct ka_value			 v;

	if (strncmp(ref, "broker:", 7) == 0) {
		ref += 7;
		s = c->broker;
	}
	if (s == NULL) {
		puts_(b, "(no broker file)");
		return;
	}
	ka_settings_resolve(s, ref, &v);
	if (v.sensitive)
		puts_(b, REDACTED);
	else if (v.text != NULL)
		puts_(b, v.text);
	else if (v.raw != NULL)
		puts_(b, v.raw);
	else
		puts_(b, "null");
	ka_value_clear(&v);
}

static char *
expand(const char *tmpl, const struct fill *f)
{
	struct str	 b = { NULL, 0, 0 };
	const char	*p, *close;
	char		*name, ver[32];

	put(&b, "", 0);
	for (p = tmpl; *p != '\0'; p++) {
		if ((p[0] == '{' && p[1] == '{') ||
		    (p[0] == '}' && p[1] == '}')) {
			put(&b, p, 1);
			p++;
			continue;
		}
		if (*p != '{' || (close = strchr(p, '}')) == NULL) {
			put(&b, p, 1);
			continue;
		}
		name = xstrndup(p + 1, (size_t)(close - p - 1));
		if (strcmp(name, "key") == 0)
			puts_(&b, f->key != NULL ? f->key : "");
		else if (strcmp(name, "value") == 0)
			puts_(&b, f->value != NULL ? f->value : "null");
		else if (strncmp(name, "value:", 6) == 0)
			put_value_of(&b, f->c, name + 6);
		else if (strcmp(name, "default") == 0)
			puts_(&b, f->deflt != NULL ? f->deflt : "null");
		else if (strcmp(name, "detail") == 0)
			puts_(&b, f->detail != NULL ? f->detail : "");
		else if (strcmp(name, "version") == 0)
			puts_(&b, ka_version_format(f->c->file->version, ver,
			    sizeof(ver)));
		else if (strcmp(name, "client") == 0)
			puts_(&b, ka_catalog_client_name(f->c->file->client));
		else if (strcmp(name, "role") == 0)
			puts_(&b, ka_catalog_role_name(f->c->file->role));
		else if (strcmp(name, "broker") == 0)
			puts_(&b, f->c->broker != NULL ?
			    f->c->broker->src->path : "(no broker file)");
		else
			put(&b, p, (size_t)(close - p + 1));
		free(name);
		p = close;
	}
	return b.s;
}

static void
set_loc(struct ka_loc *loc, const struct ka_settings *s,
    const struct ka_prop *p)
{
	if (p != NULL)
		*loc = p->key_loc;
	else {
		loc->path = s->src->path;
		loc->line = loc->col = 0;
	}
}

/* A finding about the rule's own key, resolved in the audited file. */
static void
key_finding(struct ka_report *rep, const struct ka_rule *rule,
    const struct ctx *c)
{
	struct ka_finding	*f;
	struct ka_value		 v;
	struct fill		 fill;
	const struct ka_prop	*bp;
	const char		*shown = NULL;

	memset(&v, 0, sizeof(v));
	memset(&fill, 0, sizeof(fill));
	fill.c = c;
	f = ka_report_add(rep);
	f->rule = rule;
	f->severity = rule->severity;
	f->subject = xstrdup(ka_catalog_role_name(c->file->role));
	if (rule->key != NULL) {
		ka_settings_resolve(c->file, rule->key, &v);
		shown = v.sensitive ? REDACTED : v.text != NULL ? v.text :
		    v.raw;
		f->key = xstrdup(v.set_as != NULL ? v.set_as : rule->key);
		f->value = shown != NULL ? xstrdup(shown) : NULL;
		f->origin = v.origin;
		f->provenance = ka_settings_provenance(c->file, &v);
		fill.key = f->key;
		fill.value = shown;
		if (v.def != NULL && !v.sensitive)
			fill.deflt = ka_catalog_default(v.def,
			    c->file->version, NULL);
	}
	set_loc(&f->loc, c->file, v.prop);
	if (c->broker != NULL) {
		bp = broker_entry(c, rule->cond);
		if (bp == NULL)
			bp = broker_entry(c, rule->when);
		if (bp != NULL)
			f->related = bp->key_loc;
	}
	f->message = expand(rule->message, &fill);
	ka_value_clear(&v);
}

/* A finding about one entry of the file, from a structural check. */
static void
entry_finding(struct ka_report *rep, const struct ka_rule *rule,
    const struct ka_settings *s, const struct ka_prop *p, int at_value,
    const struct ka_prop *related, const char *detail)
{
	struct ka_finding	*f;
	struct fill		 fill;
	struct ctx		 c;
	int			 secret;

	c.file = s;
	c.broker = NULL;
	secret = ka_catalog_is_sensitive(p->key);
	f = ka_report_add(rep);
	f->rule = rule;
	f->severity = rule->severity;
	f->subject = xstrdup(ka_catalog_role_name(s->role));
	f->key = xstrdup(p->key);
	f->value = xstrdup(secret ? REDACTED : p->value);
	f->origin = KA_ORIGIN_FILE;
	f->provenance = xasprintf("%s:%u:%u", p->value_loc.path,
	    p->value_loc.line, p->value_loc.col);
	f->loc = at_value ? p->value_loc : p->key_loc;
	if (related != NULL)
		f->related = related->key_loc;
	memset(&fill, 0, sizeof(fill));
	fill.c = &c;
	fill.key = p->key;
	fill.value = f->value;
	fill.detail = detail;
	f->message = expand(rule->message, &fill);
}

static int
in_release(const struct ka_keydef *def, unsigned long version)
{
	if (def->dialect == KA_DIALECT_LIBRDKAFKA)
		return 1;
	return !(def->since != 0 && version < def->since) &&
	    !(def->until != 0 && version >= def->until);
}

/* The old Scala client's dialect for a Java client file, if any. */
static int
scala_dialect(const struct ka_settings *s, enum ka_dialect *d)
{
	if (s->client != KA_CLIENT_JAVA)
		return 0;
	if (s->role == KA_ROLE_PRODUCER)
		*d = KA_DIALECT_SCALA_PRODUCER;
	else if (s->role == KA_ROLE_CONSUMER)
		*d = KA_DIALECT_SCALA_CONSUMER;
	else
		return 0;
	return 1;
}

/*
 * Where Java has no inline comments: the first '#' or '!' that follows
 * white space inside a value, which a reader would take for a comment.
 */
static const char *
would_be_comment(const char *value)
{
	const char	*p;

	for (p = value; *p != '\0'; p++)
		if ((*p == '#' || *p == '!') && p > value &&
		    (p[-1] == ' ' || p[-1] == '\t'))
			return p;
	return NULL;
}

static void
run_check(struct ka_report *rep, const struct ka_rule *rule,
    const struct ka_settings *s)
{
	const struct ka_keydef	*def, *sdef;
	const struct ka_prop	*p, *prev;
	enum ka_dialect		 sd;
	const char		*why, *hint;
	char			*detail, *out, ver[32];
	size_t			 i;

	for (i = 0; i < s->props.len; i++) {
		p = &s->props.v[i];
		def = ka_catalog_find(s->dialect, p->key);
		detail = NULL;
		switch (rule->cond->check) {
		case KA_CHECK_DUPLICATE_KEY:
			if (p->shadows == KA_PROPS_NONE)
				continue;
			prev = &s->props.v[p->shadows];
			detail = xasprintf("also set on line %u; this later "
			    "value wins", prev->key_loc.line);
			entry_finding(rep, rule, s, p, 0, prev, detail);
			break;
		case KA_CHECK_UNKNOWN_KEY:
			if (def != NULL || p->shadowed_by != KA_PROPS_NONE)
				continue;
			if (scala_dialect(s, &sd) &&
			    ka_catalog_find(sd, p->key) != NULL)
				continue;
			hint = ka_catalog_suggest(s->dialect, p->key);
			if (hint == NULL)
				continue;
			detail = xasprintf("did you mean %s?", hint);
			entry_finding(rep, rule, s, p, 0, NULL, detail);
			break;
		case KA_CHECK_INLINE_COMMENT:
			if (would_be_comment(p->value) == NULL)
				continue;
			entry_finding(rep, rule, s, p, 1, NULL,
			    "Java has no inline comments");
			break;
		case KA_CHECK_INVALID_VALUE:
			if (def == NULL || p->shadowed_by != KA_PROPS_NONE ||
			    !in_release(def, s->version))
				continue;
			if (ka_catalog_normalize(def, p->value, &out,
			    &why) == 0) {
				free(out);
				continue;
			}
			entry_finding(rep, rule, s, p, 1, NULL, why);
			break;
		case KA_CHECK_LEGACY_KEY:
			if (def != NULL || !scala_dialect(s, &sd))
				continue;
			sdef = ka_catalog_find(sd, p->key);
			if (sdef == NULL)
				continue;
			if (sdef->canon != NULL)
				detail = xasprintf("the Java client's key is "
				    "%s", sdef->canon);
			else
				detail = xasprintf("the Java client has no "
				    "such setting");
			entry_finding(rep, rule, s, p, 0, NULL, detail);
			break;
		case KA_CHECK_VERSION_KEY:
			if (def == NULL || in_release(def, s->version))
				continue;
			if (def->since != 0 && s->version < def->since)
				detail = xasprintf("added in Kafka %s",
				    ka_version_format(def->since, ver,
				    sizeof(ver)));
			else
				detail = xasprintf("removed in Kafka %s",
				    ka_version_format(def->until, ver,
				    sizeof(ver)));
			entry_finding(rep, rule, s, p, 0, NULL, detail);
			break;
		case KA_CHECK__MAX:
			break;
		}
		free(detail);
	}
}

static int
applies(const struct ka_rule *rule, const struct ka_settings *s)
{
	if ((rule->scopes & role_scope[s->role]) == 0)
		return 0;
	if (rule->clients != 0 && (s->role == KA_ROLE_PRODUCER ||
	    s->role == KA_ROLE_CONSUMER) &&
	    (rule->clients & (1u << s->client)) == 0)
		return 0;
	return ka_version_ranges_match(&rule->versions, s->version);
}

void
ka_eval(const struct ka_ruleset *rs, const struct ka_settings *const *files,
    size_t nfiles, struct ka_report *rep)
{
	const struct ka_rule	*rule;
	struct ctx		 c;
	size_t			 r, i, b;
	int			 cross;

	for (r = 0; r < rs->len; r++) {
		rule = &rs->v[r];
		cross = uses_broker(rule->cond) || uses_broker(rule->when);
		for (i = 0; i < nfiles; i++) {
			if (!applies(rule, files[i]))
				continue;
			if (rule->cond->op == KA_COND_CHECK) {
				run_check(rep, rule, files[i]);
				continue;
			}
			c.file = files[i];
			c.broker = NULL;
			for (b = 0; b < (cross ? nfiles : 1); b++) {
				if (cross) {
					if (files[b]->role != KA_ROLE_BROKER)
						continue;
					c.broker = files[b];
				}
				if ((rule->when == NULL ||
				    test(&c, rule->when)) &&
				    test(&c, rule->cond))
					key_finding(rep, rule, &c);
			}
		}
	}
}
