#include "config.h"

#include <fnmatch.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cluster.h"
#include "eval.h"
#include "hash.h"
#include "peers.h"
#include "report.h"
#include "rules.h"
#include "settings.h"
#include "source.h"
#include "version.h"
#include "xmalloc.h"

#define REDACTED	"(redacted)"

/*
 * Conditions have three values: a live subject whose configs could not
 * be read makes a comparison neither true nor false, and a rule fires
 * only when its condition is certainly true.
 */
#define NO		0
#define YES		1
#define UNKNOWN		(-1)

/* The topics a topics: condition matched, for {topics} and {count}. */
struct hits {
	const char	**names;	/* borrowed from the cluster */
	size_t		  len, cap;
};

/*
 * The values the rule at hand reads, each resolved once: a cross rule
 * reads the same client value once for each broker it is paired with
 * and the same broker value once for each client, and a rule reads its
 * own key in its guard, its condition and its finding.  The unknown-key
 * check finds the same unknown keys in many files of a role (a
 * schema.registry.url in every producer), and says why for each one once.
 * Emptied after each rule.  Keys are copied, since a placeholder's is a
 * temporary.
 */
struct memo_slot {
	const void	*owner;		/* the subject of v, or an entry of
					   unknown_owner[][] for detail;
					   NULL: a free slot */
	char		*key;		/* owned */
	uint64_t	 hash;
	struct ka_value	 v;		/* v.key is key; v.text owned */
	char		*detail;	/* owned: why key is unknown, or NULL
					   when that is not worth a word */
	const char	*hint;		/* the key meant, or NULL */
};

/* Owners for the unknown-key slots, one per role and dialect. */
static const char	 unknown_owner[KA_ROLE__MAX][KA_DIALECT__MAX];

/* A rule's constant read the way one key reads values: "-1" is "all". */
struct memo_const {
	const struct ka_keydef	*def;
	const char		*raw;	/* borrowed from the ruleset */
	char			*text;	/* owned */
};

/*
 * What a topics: condition found, which is the same for every subject:
 * its keys are read in the live topics alone.
 */
struct memo_topics {
	const struct ka_cond	*cond;	/* borrowed from the ruleset */
	int			 res;
	struct hits		 hits;	/* owned: every matching topic */
};

struct memo {
	struct memo_slot	*v;	/* owned: cap slots, a power of two */
	size_t			 cap;
	size_t			*used;	/* owned: the len slots in use */
	size_t			 len;
	struct memo_const	*k;	/* owned: a rule has a few */
	size_t			 nk, kcap;
	struct memo_topics	*t;	/* owned: a rule has one or two */
	size_t			 nt, tcap;
};

/*
 * What one evaluation looks at: the audited subject (a file or a live
 * broker, topic, partition or cluster) and, for rules that name
 * "broker:" keys, one broker (a file or a live one) of the same run; the
 * live topics, for topics: conditions.
 */
struct ctx {
	const struct ka_rule		*rule;		/* being evaluated */
	const struct ka_settings	*file;
	const struct ka_settings	*broker;	/* NULL if unused */
	const struct ka_settings *const	*topics;	/* borrowed */
	size_t				 ntopics;
	struct hits			*hits;		/* NULL: not kept */
	struct memo			*memo;		/* NULL: none */
};

static uint64_t
memo_hash(const void *owner, const char *key)
{
	return ka_hash(key, strlen(key)) ^
	    ((uint64_t)(uintptr_t)owner * 0x9e3779b97f4a7c15ULL);
}

/* The free slot or the slot of (owner, key) for hash h. */
static size_t
memo_find(const struct memo *m, const void *owner, const char *key,
    uint64_t h)
{
	size_t	 i, mask = m->cap - 1;

	for (i = (size_t)h & mask; m->v[i].owner != NULL; i = (i + 1) & mask)
		if (m->v[i].owner == owner && m->v[i].hash == h &&
		    strcmp(m->v[i].key, key) == 0)
			break;
	return i;
}

/* Room for one more value, with the table at most half full. */
static void
memo_grow(struct memo *m)
{
	struct memo_slot	*old = m->v;
	size_t			*used = m->used, i, j;

	if (2 * (m->len + 1) <= m->cap)
		return;
	m->cap = m->cap == 0 ? 64 : m->cap * 2;
	m->v = xcalloc(m->cap, sizeof(*m->v));
	m->used = xcalloc(m->cap, sizeof(*m->used));
	for (i = 0; i < m->len; i++) {
		j = memo_find(m, old[used[i]].owner, old[used[i]].key,
		    old[used[i]].hash);
		m->v[j] = old[used[i]];
		m->used[i] = j;
	}
	free(old);
	free(used);
}

static void
memo_empty(struct memo *m)
{
	struct memo_slot	*slot;
	size_t			 i;

	for (i = 0; i < m->len; i++) {
		slot = &m->v[m->used[i]];
		free(slot->key);
		ka_value_clear(&slot->v);
		free(slot->detail);
		memset(slot, 0, sizeof(*slot));
	}
	m->len = 0;
	for (i = 0; i < m->nk; i++)
		free(m->k[i].text);
	m->nk = 0;
	for (i = 0; i < m->nt; i++)
		free(m->t[i].hits.names);
	m->nt = 0;
}

static void
memo_free(struct memo *m)
{
	memo_empty(m);
	free(m->v);
	free(m->used);
	free(m->k);
	free(m->t);
}

/*
 * The slot of (owner, key), made empty if there is none: *fresh says so.
 * Borrowed until the next call.
 */
static struct memo_slot *
memo_get(struct memo *m, const void *owner, const char *key, int *fresh)
{
	struct memo_slot	*slot;
	uint64_t		 h;
	size_t			 i;

	h = memo_hash(owner, key);
	memo_grow(m);
	i = memo_find(m, owner, key, h);
	slot = &m->v[i];
	*fresh = slot->owner == NULL;
	if (*fresh) {
		slot->owner = owner;
		slot->key = xstrdup(key);
		slot->hash = h;
		m->used[m->len++] = i;
	}
	return slot;
}

/*
 * The value of key in s, as ka_settings_resolve() gives it, but resolved
 * once for the rule at hand.  *out borrows everything from the memo and
 * the settings: the caller does not clear it.
 */
static void
value_of(const struct ctx *c, const struct ka_settings *s, const char *key,
    struct ka_value *out)
{
	struct memo_slot	*slot;
	int			 fresh;

	slot = memo_get(c->memo, s, key, &fresh);
	if (fresh) {
		ka_settings_resolve(s, key, &slot->v);
		slot->v.key = slot->key;
	}
	*out = slot->v;
}

static const unsigned int role_scope[KA_ROLE__MAX] = {
	[KA_ROLE_BROKER] = KA_SCOPE_BROKER,
	[KA_ROLE_TOPIC] = KA_SCOPE_TOPIC,
	[KA_ROLE_PRODUCER] = KA_SCOPE_PRODUCER,
	[KA_ROLE_CONSUMER] = KA_SCOPE_CONSUMER,
};

static const unsigned int kind_scope[] = {
	[KA_KIND_BROKER] = KA_SCOPE_BROKER,
	[KA_KIND_TOPIC] = KA_SCOPE_TOPIC,
	[KA_KIND_PARTITION] = KA_SCOPE_PARTITION,
	[KA_KIND_CLUSTER] = KA_SCOPE_CLUSTER,
};

static unsigned int
scope_of(const struct ka_settings *s)
{
	return s->kind == KA_KIND_FILE ? role_scope[s->role] :
	    kind_scope[s->kind];
}

/*
 * Set on the subject itself: in the file; for a live topic, as a topic
 * override, since a value it inherits is the broker's and reported
 * there; for a live broker, by its operators rather than by Kafka.
 */
static int
is_set(const struct ka_settings *s, const struct ka_value *v)
{
	if (v->origin == KA_ORIGIN_FILE)
		return 1;
	if (v->origin != KA_ORIGIN_LIVE)
		return 0;
	if (s->kind == KA_KIND_BROKER)
		return v->source != KA_CFG_DEFAULT;
	return v->source == KA_CFG_TOPIC;
}

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
 * A plain decimal integer of at most 18 digits, which a long double holds
 * exactly: number() would give the same value, only slower.
 */
static int
small_integer(const char *s, long long *out)
{
	long long	 v = 0;
	size_t		 n = 0;
	int		 neg = *s == '-';

	for (s += neg; *s >= '0' && *s <= '9'; s++, n++) {
		if (n == 18)
			return -1;
		v = v * 10 + (*s - '0');
	}
	if (*s != '\0' || n == 0)
		return -1;
	*out = neg ? -v : v;
	return 0;
}

/*
 * Compare two canonical values of a key.  Returns -1, 0 or 1, or 2 when
 * they cannot be ordered (not numbers); equality is then textual.
 */
static int
compare(const struct ka_keydef *def, const char *a, const char *b)
{
	long double	 x, y;
	long long	 i, j;

	if (def != NULL && !is_numeric(def))
		return strcmp(a, b) == 0 ? 0 : 2;
	if (small_integer(a, &i) == 0 && small_integer(b, &j) == 0)
		return i < j ? -1 : i > j;
	if (number(a, &x) == 0 && number(b, &y) == 0)
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

/*
 * A rule constant read the way the key reads values: "-1" is acks "all".
 * Read once for the rule at hand; borrowed from the memo.
 */
static const char *
constant(const struct ctx *c, const struct ka_keydef *def, const char *raw)
{
	struct memo		*m = c->memo;
	struct memo_const	*k;
	const char		*why;
	size_t			 i;

	for (i = 0; i < m->nk; i++)
		if (m->k[i].def == def && m->k[i].raw == raw)
			return m->k[i].text;
	if (m->nk == m->kcap) {
		m->kcap = m->kcap == 0 ? 8 : m->kcap * 2;
		m->k = xreallocarray(m->k, m->kcap, sizeof(*m->k));
	}
	k = &m->k[m->nk++];
	k->def = def;
	k->raw = raw;
	if (def == NULL ||
	    ka_catalog_normalize(def, raw, &k->text, &why) == -1)
		k->text = xstrdup(raw);
	return k->text;
}

/*
 * The right-hand side of a *_KEY comparison: one key or a sum of keys;
 * NULL for null, with *unknown set when the cluster did not say.
 */
static char *
right_side(const struct ctx *c, const struct ka_cond *cond, int *unknown)
{
	struct ka_value	 v;
	long double	 sum = 0, x;
	size_t		 i;

	*unknown = 0;
	if (cond->nrsum == 0) {
		value_of(c, side(c, &cond->rkey), cond->rkey.name, &v);
		*unknown = v.origin == KA_ORIGIN_UNKNOWN;
		return v.text != NULL ? xstrdup(v.text) : NULL;
	}
	for (i = 0; i < cond->nrsum; i++) {
		value_of(c, side(c, &cond->rsum[i]), cond->rsum[i].name, &v);
		*unknown |= v.origin == KA_ORIGIN_UNKNOWN;
		if (v.text == NULL || number(v.text, &x) == -1)
			return NULL;
		sum += x;
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

static int	test(const struct ctx *, const struct ka_cond *);

static void
hit(struct hits *h, const char *name)
{
	if (h->len == h->cap) {
		h->cap = h->cap == 0 ? 16 : h->cap * 2;
		h->names = xreallocarray(h->names, h->cap,
		    sizeof(*h->names));
	}
	h->names[h->len++] = name;
}

/*
 * topics: holds when some live topic meets the sub-condition, whose keys
 * are read in the topic.  Every matching topic is kept when asked, for
 * the message.  The answer does not depend on the subject, so it is
 * found once for the rule at hand, not once for each client file.
 */
static int
test_topics(const struct ctx *c, const struct ka_cond *cond)
{
	struct memo		*m = c->memo;
	struct memo_topics	 found;
	struct ctx		 t;
	size_t			 i, j;
	int			 r;

	for (i = 0; i < m->nt && m->t[i].cond != cond; i++)
		continue;
	if (i == m->nt) {
		memset(&found, 0, sizeof(found));
		found.cond = cond;
		found.res = NO;
		memset(&t, 0, sizeof(t));
		t.rule = c->rule;
		t.memo = m;
		for (j = 0; j < c->ntopics; j++) {
			t.file = c->topics[j];
			r = test(&t, &cond->sub[0]);
			if (r == UNKNOWN && found.res == NO)
				found.res = UNKNOWN;
			if (r != YES)
				continue;
			found.res = YES;
			hit(&found.hits, c->topics[j]->topic->name);
		}
		if (m->nt == m->tcap) {
			m->tcap = m->tcap == 0 ? 4 : m->tcap * 2;
			m->t = xreallocarray(m->t, m->tcap, sizeof(*m->t));
		}
		m->t[m->nt++] = found;
		i = m->nt - 1;
	}
	for (j = 0; c->hits != NULL && j < m->t[i].hits.len; j++)
		hit(c->hits, m->t[i].hits.names[j]);
	return m->t[i].res;
}

static int
test(const struct ctx *c, const struct ka_cond *cond)
{
	struct ka_value		 v;
	const char		*k;
	char			*r;
	size_t			 i;
	int			 res = NO, t, unknown;

	switch (cond->op) {
	case KA_COND_ALL:
		res = YES;
		for (i = 0; i < cond->nsub; i++)
			if ((t = test(c, &cond->sub[i])) == NO)
				return NO;
			else if (t == UNKNOWN)
				res = UNKNOWN;
		return res;
	case KA_COND_ANY:
		for (i = 0; i < cond->nsub; i++)
			if ((t = test(c, &cond->sub[i])) == YES)
				return YES;
			else if (t == UNKNOWN)
				res = UNKNOWN;
		return res;
	case KA_COND_NOT:
		t = test(c, &cond->sub[0]);
		return t == UNKNOWN ? UNKNOWN : !t;
	case KA_COND_TOPICS:
		return test_topics(c, cond);
	case KA_COND_CHECK:
		return NO;
	default:
		break;
	}

	value_of(c, side(c, &cond->key), cond->key.name, &v);
	if (v.origin == KA_ORIGIN_UNKNOWN)
		return UNKNOWN;
	switch (cond->op) {
	case KA_COND_SET:
		res = is_set(side(c, &cond->key), &v);
		break;
	case KA_COND_UNSET:
		res = !is_set(side(c, &cond->key), &v);
		break;
	case KA_COND_EQ:
	case KA_COND_NE:
	case KA_COND_LT:
	case KA_COND_LE:
	case KA_COND_GT:
	case KA_COND_GE:
		if (v.text == NULL)
			break;
		k = constant(c, v.def, cond->option != NULL ?
		    c->rule->options[cond->optidx].value : cond->value);
		res = holds(cond->op, compare(v.def, v.text, k));
		break;
	case KA_COND_IN:
	case KA_COND_NOT_IN:
		if (v.text == NULL)
			break;
		for (i = 0; i < cond->nset && !res; i++) {
			k = constant(c, v.def, cond->set[i]);
			res = compare(v.def, v.text, k) == 0;
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
		r = right_side(c, cond, &unknown);
		if (r != NULL)
			res = holds(cond->op, compare(v.def, v.text, r));
		else if (unknown)
			res = UNKNOWN;
		free(r);
		break;
	}
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
		value_of(c, c->broker, cond->key.broker ?
		    cond->key.name : cond->rkey.name, &v);
		p = v.prop;
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
	const struct ctx	*c;		/* c->rule: the rule */
	const char		*key;		/* as the file spells it */
	const char		*value;		/* shown value, or NULL */
	const char		*deflt;		/* the default, or NULL */
	const char		*detail;	/* from a check, or NULL */
	const struct hits	*hits;		/* from topics:, or NULL */
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
		puts_(b, "(no broker)");
		return;
	}
	if (c->memo != NULL)
		value_of(c, s, ref, &v);
	else
		ka_settings_resolve(s, ref, &v);
	if (v.sensitive)
		puts_(b, REDACTED);
	else if (v.text != NULL)
		puts_(b, v.text);
	else if (v.raw != NULL)
		puts_(b, v.raw);
	else if (v.origin == KA_ORIGIN_UNKNOWN)
		puts_(b, "unknown");
	else
		puts_(b, "null");
	if (c->memo == NULL)
		ka_value_clear(&v);
}

/* A subject as people name it: a file's path, "broker 2", "cluster". */
static void
put_subject(struct str *b, const struct ka_settings *s)
{
	char	*name;

	if (s == NULL) {
		puts_(b, "(no broker)");
		return;
	}
	name = ka_settings_subject(s);
	puts_(b, name);
	free(name);
}

/* The matching topics, the first few by name: "a, b, c and 9 more". */
#define TOPICS_SHOWN	5

static void
put_topics(struct str *b, const struct hits *h)
{
	char	 more[64];
	size_t	 i, n;

	if (h == NULL || h->len == 0) {
		puts_(b, "none");
		return;
	}
	n = h->len < TOPICS_SHOWN ? h->len : TOPICS_SHOWN;
	for (i = 0; i < n; i++) {
		if (i > 0)
			puts_(b, i + 1 == h->len ? " and " : ", ");
		puts_(b, h->names[i]);
	}
	if (h->len > n) {
		snprintf(more, sizeof(more), " and %zu more", h->len - n);
		puts_(b, more);
	}
}

static void
ph_key(struct str *b, const struct fill *f, const char *arg)
{
	(void)arg;
	puts_(b, f->key != NULL ? f->key : "");
}

static void
ph_value(struct str *b, const struct fill *f, const char *arg)
{
	if (arg != NULL)
		put_value_of(b, f->c, arg);
	else
		puts_(b, f->value != NULL ? f->value : "null");
}

static void
ph_default(struct str *b, const struct fill *f, const char *arg)
{
	(void)arg;
	puts_(b, f->deflt != NULL ? f->deflt : "null");
}

static void
ph_detail(struct str *b, const struct fill *f, const char *arg)
{
	(void)arg;
	puts_(b, f->detail != NULL ? f->detail : "");
}

static void
ph_version(struct str *b, const struct fill *f, const char *arg)
{
	char	 ver[32];

	(void)arg;
	if (f->c->file != NULL)
		puts_(b, ka_version_format(f->c->file->version, ver,
		    sizeof(ver)));
}

static void
ph_client(struct str *b, const struct fill *f, const char *arg)
{
	(void)arg;
	if (f->c->file != NULL)
		puts_(b, ka_catalog_client_name(f->c->file->client));
}

static void
ph_role(struct str *b, const struct fill *f, const char *arg)
{
	(void)arg;
	if (f->c->file != NULL)
		puts_(b, ka_catalog_role_name(f->c->file->role));
}

static void
ph_broker(struct str *b, const struct fill *f, const char *arg)
{
	(void)arg;
	put_subject(b, f->c->broker);
}

static void
ph_subject(struct str *b, const struct fill *f, const char *arg)
{
	(void)arg;
	put_subject(b, f->c->file);
}

static void
ph_topics(struct str *b, const struct fill *f, const char *arg)
{
	(void)arg;
	put_topics(b, f->hits);
}

/* {option:NAME}: the value in force; rules_yaml.c checked NAME. */
static void
ph_option(struct str *b, const struct fill *f, const char *arg)
{
	const struct ka_ruleopt	*o = NULL;

	if (arg != NULL && f->c->rule != NULL)
		o = ka_rules_option(f->c->rule, arg);
	puts_(b, o != NULL ? o->value : "null");
}

static void
ph_count(struct str *b, const struct fill *f, const char *arg)
{
	char	 n[32];

	(void)arg;
	snprintf(n, sizeof(n), "%zu", f->hits != NULL ? f->hits->len : 0);
	puts_(b, n);
}

/*
 * The placeholders of kafka-audit-rules(5).  Those with takes_arg accept
 * "{name:ARG}" too; rules_yaml.c has checked every template.
 */
static const struct {
	const char	*name;
	int		 takes_arg;
	void		(*put)(struct str *, const struct fill *,
			    const char *);
} placeholders[] = {
	{ "key", 0, ph_key },
	{ "value", 1, ph_value },
	{ "default", 0, ph_default },
	{ "detail", 0, ph_detail },
	{ "version", 0, ph_version },
	{ "client", 0, ph_client },
	{ "role", 0, ph_role },
	{ "broker", 0, ph_broker },
	{ "subject", 0, ph_subject },
	{ "topics", 0, ph_topics },
	{ "count", 0, ph_count },
	{ "option", 1, ph_option },
};

static char *
expand(const char *tmpl, const struct fill *f)
{
	struct str	 b = { NULL, 0, 0 };
	const char	*p, *close, *arg;
	char		*name, *colon;
	size_t		 i;

	put(&b, "", 0);
	for (p = tmpl; *p != '\0'; p++) {
		/* The text up to the next brace, as it is. */
		if (*p != '{' && *p != '}') {
			i = strcspn(p, "{}");
			put(&b, p, i);
			p += i - 1;
			continue;
		}
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
		arg = NULL;
		if ((colon = strchr(name, ':')) != NULL) {
			*colon = '\0';
			arg = colon + 1;
		}
		for (i = 0; i < sizeof(placeholders) /
		    sizeof(placeholders[0]); i++)
			if (strcmp(name, placeholders[i].name) == 0 &&
			    (arg == NULL || placeholders[i].takes_arg))
				break;
		if (i < sizeof(placeholders) / sizeof(placeholders[0]))
			placeholders[i].put(&b, f, arg);
		else
			put(&b, p, (size_t)(close - p + 1));
		free(name);
		p = close;
	}
	/* A finding keeps its message for the whole run: no spare room. */
	return xreallocarray(b.s, b.len + 1, 1);
}

/*
 * Where a finding is: the entry's key in a file, the file alone when the
 * key is absent, and no path at all for a live subject, which the
 * finding's subject names instead.
 */
static void
set_loc(struct ka_loc *loc, const struct ka_settings *s,
    const struct ka_prop *p)
{
	memset(loc, 0, sizeof(*loc));
	if (p != NULL)
		*loc = p->key_loc;
	else if (s->kind == KA_KIND_FILE)
		loc->path = s->src->path;
}

/* A new finding of rule about subject s, with its subject filled in. */
static struct ka_finding *
new_finding(struct ka_report *rep, const struct ka_rule *rule,
    const struct ka_settings *s)
{
	struct ka_finding	*f;

	f = ka_report_add(rep);
	f->rule = rule;
	f->severity = rule->severity;
	f->kind = s->kind;
	f->broker = s->broker != NULL ? s->broker->id : -1;
	f->topic = s->topic != NULL ? xstrdup(s->topic->name) : NULL;
	f->partition = s->part != NULL ? s->part->id : -1;
	f->partner = -1;
	if (s->kind == KA_KIND_FILE)
		f->subject = xstrdup(ka_catalog_role_name(s->role));
	else
		f->subject = ka_settings_subject(s);
	return f;
}

/* A finding about the rule's own key, resolved in the audited subject. */
static void
key_finding(struct ka_report *rep, const struct ka_rule *rule,
    const struct ctx *c, const struct hits *hits)
{
	struct ka_finding	*f;
	struct ka_value		 v;
	struct fill		 fill;
	const struct ka_prop	*bp;
	const char		*shown = NULL;

	memset(&v, 0, sizeof(v));
	memset(&fill, 0, sizeof(fill));
	fill.c = c;
	fill.hits = hits;
	f = new_finding(rep, rule, c->file);
	if (rule->key != NULL) {
		value_of(c, c->file, rule->key, &v);
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
	if (c->broker != NULL && c->broker->kind == KA_KIND_BROKER)
		f->partner = c->broker->broker->id;
	if (c->broker != NULL && c->broker->kind == KA_KIND_FILE) {
		bp = broker_entry(c, rule->cond);
		if (bp == NULL)
			bp = broker_entry(c, rule->when);
		if (bp != NULL)
			f->related = bp->key_loc;
	}
	f->message = expand(rule->message, &fill);
	f->fix = expand(rule->fix, &fill);
}

/* A finding about one entry of a file, from a check; borrowed. */
static struct ka_finding *
entry_finding(struct ka_report *rep, const struct ka_rule *rule,
    const struct ka_settings *s, const struct ka_prop *p, int at_value,
    const struct ka_prop *related, const char *detail, int secret)
{
	struct ka_finding	*f;
	struct fill		 fill;
	struct ctx		 c;

	memset(&c, 0, sizeof(c));
	c.rule = rule;
	c.file = s;
	secret |= ka_catalog_is_sensitive(p->key);
	f = new_finding(rep, rule, s);
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
	f->fix = expand(rule->fix, &fill);
	return f;
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

/* Everything of the run a check may compare a subject with. */
struct run {
	const struct ka_ruleset			*rules;
	struct ka_peers				 peers;	/* the brokers */
	struct memo				*memo;	/* of the rule */
};

/* When a key that release version lacks came or went; owned. */
static char *
release_note(const struct ka_keydef *def, unsigned long version)
{
	char	 ver[32];

	if (def->since != 0 && version < def->since)
		return xasprintf("added in Kafka %s", ka_version_format(
		    def->since, ver, sizeof(ver)));
	return xasprintf("removed in Kafka %s", ka_version_format(def->until,
	    ver, sizeof(ver)));
}

/*
 * Why an unknown key is worth a finding when it is the other level's name
 * of a setting: a broker key in a topic file or a topic key in a broker
 * file (Kafka names the same setting differently at the two levels), as
 * the subject's release has them.  Owned; NULL when it is neither.
 * *hint is the key meant, when that release has it.
 */
static char *
other_level_detail(const struct ka_settings *s, const char *key,
    const char **hint)
{
	const struct ka_keydef	*def;
	const char		*other;
	char			*note, *d;

	*hint = NULL;
	if (s->role == KA_ROLE_TOPIC &&
	    ka_catalog_find(KA_DIALECT_BROKER, key) != NULL) {
		if ((other = ka_catalog_topic_name(key)) == NULL)
			return xstrdup("it is a broker setting, which a topic "
			    "cannot override");
		def = ka_catalog_find(KA_DIALECT_TOPIC, other);
		if (def != NULL && !in_release(def, s->version)) {
			note = release_note(def, s->version);
			d = xasprintf("it is the broker's name for the "
			    "topic-level %s, %s", other, note);
			free(note);
			return d;
		}
		*hint = other;
		return xasprintf("it is the broker's name for the topic-level "
		    "%s", other);
	}
	if (s->role == KA_ROLE_BROKER &&
	    (def = ka_catalog_find(KA_DIALECT_TOPIC, key)) != NULL) {
		if (!in_release(def, s->version)) {
			note = release_note(def, s->version);
			d = xasprintf("it is the topic-level name of a setting "
			    "%s", note);
			free(note);
			return d;
		}
		if ((other = ka_catalog_broker_name(key)) != NULL) {
			*hint = other;
			return xasprintf("it is the topic-level name; the "
			    "broker's default is %s", other);
		}
		return xstrdup("it is a topic-level setting without a "
		    "broker default");
	}
	return NULL;
}

/*
 * Why any other unknown key is worth a finding, or NULL when it is not: a
 * known key close enough to be the one meant.  *hint is the key
 * suggested.  Other keys are left alone, plugins read their own, except
 * in a topic file: Kafka rejects every topic config it does not know.
 */
static char *
unknown_key_detail(const struct ka_settings *s, const char *key,
    const char **hint)
{
	if ((*hint = ka_catalog_suggest(s->dialect, key)) != NULL)
		return xasprintf("did you mean %s?", *hint);
	/* kafka-configs refuses any topic config it does not know. */
	if (s->role == KA_ROLE_TOPIC)
		return xstrdup("no topic config has that name");
	return NULL;
}

/* unknown_key_detail(), once per role, dialect and key for the rule. */
static const char *
unknown_key_detail_of(struct memo *m, const struct ka_settings *s,
    const char *key, const char **hint)
{
	struct memo_slot	*slot;
	int			 fresh;

	slot = memo_get(m, &unknown_owner[s->role][s->dialect], key, &fresh);
	if (fresh)
		slot->detail = unknown_key_detail(s, key, &slot->hint);
	*hint = slot->hint;
	return slot->detail;
}

static void
file_check(struct ka_report *rep, const struct ka_rule *rule,
    const struct ka_settings *s, const struct run *run)
{
	const struct ka_keydef	*def, *sdef;
	const struct ka_prop	*p, *prev;
	enum ka_dialect		 sd;
	const char		*why, *hint;
	char			*detail, *out;
	size_t			 i;

	for (i = 0; i < s->props.len; i++) {
		p = &s->props.v[i];
		/* Two checks look at the entry alone. */
		def = rule->cond->check == KA_CHECK_DUPLICATE_KEY ||
		    rule->cond->check == KA_CHECK_INLINE_COMMENT ? NULL :
		    ka_settings_def(s, i);
		detail = NULL;
		switch (rule->cond->check) {
		case KA_CHECK_DUPLICATE_KEY:
			if (p->shadows == KA_PROPS_NONE)
				continue;
			prev = &s->props.v[p->shadows];
			detail = xasprintf("also set on line %u",
			    prev->key_loc.line);
			entry_finding(rep, rule, s, p, 0, prev, detail, 0);
			break;
		case KA_CHECK_UNKNOWN_KEY:
			if (def != NULL || p->shadowed_by != KA_PROPS_NONE)
				continue;
			if (scala_dialect(s, &sd) &&
			    ka_catalog_find(sd, p->key) != NULL)
				continue;
			/* The other level's names depend on the release. */
			why = detail = other_level_detail(s, p->key, &hint);
			if (why == NULL)
				why = unknown_key_detail_of(run->memo, s,
				    p->key, &hint);
			if (why == NULL)
				continue;
			entry_finding(rep, rule, s, p, 0, NULL, why,
			    hint != NULL && ka_catalog_is_sensitive(hint));
			break;
		case KA_CHECK_INLINE_COMMENT:
			if (would_be_comment(p->value) == NULL)
				continue;
			entry_finding(rep, rule, s, p, 1, NULL,
			    "Java has no inline comments", 0);
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
			entry_finding(rep, rule, s, p, 1, NULL, why, 0);
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
			entry_finding(rep, rule, s, p, 0, NULL, detail, 0);
			break;
		case KA_CHECK_VERSION_KEY:
			if (def == NULL || in_release(def, s->version))
				continue;
			detail = release_note(def, s->version);
			entry_finding(rep, rule, s, p, 0, NULL, detail, 0);
			break;
		default:
			break;
		}
		free(detail);
	}
}

/* A live broker's value of a key: peers.live[at] reports text. */
struct bval {
	char	*text;		/* owned */
	size_t	 at;
};

/*
 * The brokers that agree on a value: v[start] to v[start + len - 1], the
 * first of them peers.live[first].
 */
struct group {
	size_t	 start, len, first;
};

static int
cmp_id(const void *va, const void *vb)
{
	int32_t	 a = *(const int32_t *)va, b = *(const int32_t *)vb;

	return (a > b) - (a < b);
}

static int
cmp_bval(const void *va, const void *vb)
{
	const struct bval	*a = va, *b = vb;
	int			 c;

	if ((c = strcmp(a->text, b->text)) != 0)
		return c;
	return (a->at > b->at) - (a->at < b->at);
}

/* Groups in the order of their first broker. */
static int
cmp_group(const void *va, const void *vb)
{
	const struct group	*a = va, *b = vb;

	return (a->first > b->first) - (a->first < b->first);
}

/*
 * The n values of v, sorted by cmp_bval, as groups of equal values, in
 * the order of their first broker; returns how many, 0 to n.  The caller
 * frees *out.
 */
static size_t
group(const struct bval *v, size_t n, struct group **out)
{
	struct group	*g;
	size_t		 i, ng = 0;

	g = xcalloc(n + 1, sizeof(*g));
	for (i = 0; i < n; i++) {
		if (i == 0 || strcmp(v[i].text, v[i - 1].text) != 0) {
			g[ng].start = i;
			g[ng++].first = v[i].at;
		}
		g[ng - 1].len++;
	}
	qsort(g, ng, sizeof(*g), cmp_group);
	*out = g;
	return ng;
}

/*
 * The live brokers grouped by value, in broker order: "2 on brokers 1,
 * 2; 1 on broker 3".
 */
static void
put_groups(struct str *d, const struct bval *v, const struct group *g,
    size_t ng, const struct run *run)
{
	char	 num[32];
	size_t	 i, j;

	put(d, "", 0);
	for (i = 0; i < ng; i++) {
		if (i > 0)
			puts_(d, "; ");
		puts_(d, v[g[i].start].text);
		puts_(d, g[i].len == 1 ? " on broker " : " on brokers ");
		for (j = 0; j < g[i].len; j++) {
			snprintf(num, sizeof(num), "%s%d", j == 0 ? "" : ", ",
			    (int)run->peers.live[v[g[i].start + j].at]->
			    broker->id);
			puts_(d, num);
		}
	}
}

/*
 * Settings that differ from broker to broker by nature: where its data
 * lives, who it is, where it listens.
 */
static const char *const per_broker[] = {
	"advertised.listeners", "broker.id", "broker.rack", "listeners",
	"log.dir", "log.dirs", "metadata.log.dir", "node.id",
};

static int
is_per_broker(const char *key)
{
	size_t	 i;

	for (i = 0; i < sizeof(per_broker) / sizeof(per_broker[0]); i++)
		if (strcmp(per_broker[i], key) == 0)
			return 1;
	return 0;
}

/*
 * brokers-disagree: for every broker setting that some rule reads, except
 * those that differ by nature, the live brokers that report different
 * values for it, as one finding on the cluster: "2 on brokers 1, 2; 1 on
 * broker 3".
 */
static void
brokers_disagree(struct ka_report *rep, const struct ka_rule *rule,
    const struct ka_settings *cl, const struct run *run)
{
	struct ka_value		 v;
	struct ka_finding	*f;
	struct fill		 fill;
	struct ctx		 c;
	struct str		 d;
	struct bval		*vals;
	struct group		*groups;
	char			**keys;
	size_t			 i, k, n, ng, nkeys;

	keys = ka_rules_keys(run->rules, KA_SCOPE_BROKER, &nkeys);
	vals = xcalloc(run->peers.nlive + 1, sizeof(*vals));
	for (k = 0; k < nkeys; k++) {
		if (is_per_broker(keys[k]))
			continue;
		for (i = n = 0; i < run->peers.nlive; i++) {
			ka_settings_resolve(run->peers.live[i], keys[k], &v);
			if (v.origin == KA_ORIGIN_LIVE && !v.sensitive &&
			    v.text != NULL) {
				vals[n].text = v.text;
				vals[n++].at = i;
				v.text = NULL;
			}
			ka_value_clear(&v);
		}
		qsort(vals, n, sizeof(*vals), cmp_bval);
		ng = group(vals, n, &groups);
		if (ng > 1) {
			memset(&d, 0, sizeof(d));
			put_groups(&d, vals, groups, ng, run);
			memset(&c, 0, sizeof(c));
			c.rule = rule;
			c.file = cl;
			memset(&fill, 0, sizeof(fill));
			fill.c = &c;
			fill.key = keys[k];
			fill.detail = d.s;
			f = new_finding(rep, rule, cl);
			f->key = xstrdup(keys[k]);
			f->value = xstrdup(d.s);
			f->origin = KA_ORIGIN_LIVE;
			f->provenance = xstrdup("as each broker reports it");
			f->brokers = xcalloc(n, sizeof(*f->brokers));
			for (i = 0; i < n; i++)
				f->brokers[i] =
				    run->peers.live[vals[i].at]->broker->id;
			f->nbrokers = n;
			qsort(f->brokers, n, sizeof(*f->brokers), cmp_id);
			f->message = expand(rule->message, &fill);
			f->fix = expand(rule->fix, &fill);
			free(d.s);
		}
		free(groups);
		for (i = 0; i < n; i++)
			free(vals[i].text);
	}
	free(vals);
	ka_rules_keys_free(keys, nkeys);
}

/* The live broker a broker file configures, by node.id or broker.id. */
static const struct ka_settings *
live_broker_of(const struct ka_settings *file, const struct run *run)
{
	static const char *const idkeys[] = { "node.id", "broker.id" };
	const struct ka_settings	*b;
	struct ka_value			 v;
	long double			 id;
	size_t				 k;
	int				 found;

	for (k = 0; k < sizeof(idkeys) / sizeof(idkeys[0]); k++) {
		ka_settings_resolve(file, idkeys[k], &v);
		found = v.origin == KA_ORIGIN_FILE &&
		    number(v.text, &id) == 0 && id >= 0;
		ka_value_clear(&v);
		if (found && (b = ka_peers_live(&run->peers,
		    (int32_t)id)) != NULL)
			return b;
	}
	return NULL;
}

/*
 * file-drift: every entry of a broker file that the live broker of the
 * same id runs with another value, because the file changed since the
 * broker started or a dynamic config overrides it.  Keys the broker does
 * not report, and secrets, are left alone.
 */
static void
file_drift(struct ka_report *rep, const struct ka_rule *rule,
    const struct ka_settings *s, const struct run *run)
{
	const struct ka_settings	*live;
	const struct ka_prop		*p;
	struct ka_value			 fv, lv;
	char				*detail, *prov, *subj;
	size_t				 i;

	if ((live = live_broker_of(s, run)) == NULL)
		return;
	for (i = 0; i < s->props.len; i++) {
		p = &s->props.v[i];
		if (p->shadowed_by != KA_PROPS_NONE)
			continue;
		ka_settings_resolve(live, p->key, &lv);
		ka_settings_resolve(s, p->key, &fv);
		if (lv.origin == KA_ORIGIN_LIVE && !lv.sensitive &&
		    !fv.sensitive && lv.text != NULL && fv.text != NULL &&
		    compare(lv.def, fv.text, lv.text) != 0) {
			prov = ka_settings_provenance(live, &lv);
			subj = ka_settings_subject(live);
			detail = xasprintf("%s runs with %s (%s)", subj,
			    lv.text, prov);
			entry_finding(rep, rule, s, p, 0, NULL, detail,
			    0)->partner = live->broker->id;
			free(detail);
			free(subj);
			free(prov);
		}
		ka_value_clear(&fv);
		ka_value_clear(&lv);
	}
}

static void
run_check(struct ka_report *rep, const struct ka_rule *rule,
    const struct ka_settings *s, const struct run *run)
{
	switch (rule->cond->check) {
	case KA_CHECK_BROKERS_DISAGREE:
		if (s->kind == KA_KIND_CLUSTER)
			brokers_disagree(rep, rule, s, run);
		break;
	case KA_CHECK_FILE_DRIFT:
		if (s->kind == KA_KIND_FILE)
			file_drift(rep, rule, s, run);
		break;
	default:
		if (s->kind == KA_KIND_FILE)
			file_check(rep, rule, s, run);
		break;
	}
}

int
ka_eval_applies(const struct ka_rule *rule, const struct ka_settings *s)
{
	if ((rule->scopes & scope_of(s)) == 0)
		return 0;
	if (rule->clients != 0 && s->kind == KA_KIND_FILE &&
	    (s->role == KA_ROLE_PRODUCER || s->role == KA_ROLE_CONSUMER) &&
	    (rule->clients & (1u << s->client)) == 0)
		return 0;
	return ka_version_ranges_match(&rule->versions, s->version);
}

/* The live topics among the subjects, for topics: conditions. */
static const struct ka_settings **
live_topics(const struct ka_settings *const *subjects, size_t n,
    size_t *count)
{
	const struct ka_settings	**t;
	size_t				  i;

	t = xcalloc(n + 1, sizeof(*t));
	*count = 0;
	for (i = 0; i < n; i++)
		if (subjects[i]->kind == KA_KIND_TOPIC)
			t[(*count)++] = subjects[i];
	return t;
}

/*
 * The live broker a finding is about, or was cross-checked with: the one
 * whose "broker N" its text may name; -1 for none.
 */
static int32_t
live_broker(const struct ka_finding *f)
{
	return f->kind == KA_KIND_BROKER ? f->broker : f->partner;
}

/* s with every "broker N" of broker id replaced by "\001"; owned. */
static char *
unname(const char *s, int32_t id)
{
	struct str	 b = { NULL, 0, 0 };
	char		 name[32];
	const char	*p, *hit;
	size_t		 n;

	if (s == NULL)
		return NULL;
	n = (size_t)snprintf(name, sizeof(name), "broker %d", (int)id);
	put(&b, "", 0);
	for (p = s; (hit = strstr(p, name)) != NULL; p = hit + n) {
		put(&b, p, (size_t)(hit - p));
		if (hit[n] >= '0' && hit[n] <= '9')
			put(&b, hit, n);	/* broker 12, not broker 1 */
		else
			put(&b, "\001", 1);
	}
	puts_(&b, p);
	return b.s;
}

static int
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* t with "\001" replaced by "broker 1" or "brokers 1, 2 and 3"; owned. */
static char *
rename_brokers(const char *t, const int32_t *ids, size_t n)
{
	struct str	 b = { NULL, 0, 0 };
	char		 num[32];
	const char	*p;
	size_t		 i;

	if (t == NULL)
		return NULL;
	put(&b, "", 0);
	for (p = t; *p != '\0'; p++) {
		if (*p != '\001') {
			put(&b, p, 1);
			continue;
		}
		puts_(&b, n == 1 ? "broker " : "brokers ");
		for (i = 0; i < n; i++) {
			snprintf(num, sizeof(num), "%s%d", i == 0 ? "" :
			    i + 1 == n ? " and " : ", ", (int)ids[i]);
			puts_(&b, num);
		}
	}
	return b.s;
}

/*
 * Live brokers usually agree, so a rule that fires on each of them, or on
 * a file cross-checked with each, would say the same thing once per
 * broker.  The findings of one rule from start on that differ only in
 * the broker they name become one, which names them all: "brokers 1, 2
 * and 3".
 */
static void
merge_brokers(struct ka_report *rep, size_t start)
{
	struct ka_finding	*f, *g;
	char			*fm, *fp, *gm, *gp, *t;
	size_t			 i, j, keep;

	for (i = start; i < rep->len; i++) {
		f = &rep->v[i];
		if (live_broker(f) < 0 || f->brokers != NULL)
			continue;
		fm = unname(f->message, live_broker(f));
		fp = unname(f->provenance, live_broker(f));
		f->brokers = xcalloc(1, sizeof(*f->brokers));
		f->brokers[f->nbrokers++] = live_broker(f);
		for (j = i + 1, keep = j; j < rep->len; j++) {
			g = &rep->v[j];
			gm = unname(g->message, live_broker(g));
			gp = unname(g->provenance, live_broker(g));
			if (live_broker(g) >= 0 && g->brokers == NULL &&
			    g->kind == f->kind && same(fm, gm) &&
			    same(fp, gp) && same(f->key, g->key) &&
			    same(f->value, g->value) &&
			    /* Brokers' own findings differ in subject. */
			    (f->kind == KA_KIND_BROKER ||
			    same(f->subject, g->subject)) &&
			    f->loc.line == g->loc.line &&
			    same(f->loc.path, g->loc.path)) {
				f->brokers = xreallocarray(f->brokers,
				    f->nbrokers + 1, sizeof(*f->brokers));
				f->brokers[f->nbrokers++] = live_broker(g);
				ka_report_drop(rep, j);
			} else
				rep->v[keep++] = *g;
			free(gm);
			free(gp);
		}
		rep->len = keep;
		if (f->nbrokers > 1) {
			t = rename_brokers(fm, f->brokers, f->nbrokers);
			free(f->message);
			f->message = t;
			t = rename_brokers(fp, f->brokers, f->nbrokers);
			free(f->provenance);
			f->provenance = t;
			if (f->kind == KA_KIND_BROKER) {
				free(f->subject);
				f->subject = rename_brokers("\001",
				    f->brokers, f->nbrokers);
			}
		}
		free(fm);
		free(fp);
	}
}

struct ka_finding *
ka_eval_self(struct ka_report *rep, const struct ka_rule *rule,
    const struct ka_loc *loc, const char *subject, const char *key,
    const char *value, const char *detail)
{
	struct ka_finding	*f;
	struct fill		 fill;
	struct ctx		 c;

	memset(&c, 0, sizeof(c));
	c.rule = rule;
	memset(&fill, 0, sizeof(fill));
	fill.c = &c;
	fill.key = key;
	fill.value = value;
	fill.detail = detail;
	f = ka_report_add(rep);
	f->rule = rule;
	f->severity = rule->severity;
	f->loc = *loc;
	f->subject = xstrdup(subject);
	f->kind = KA_KIND_FILE;
	f->broker = f->partition = f->partner = -1;
	f->key = key != NULL ? xstrdup(key) : NULL;
	f->value = value != NULL ? xstrdup(value) : NULL;
	f->origin = KA_ORIGIN_FILE;
	if (loc->path != NULL)
		f->provenance = xasprintf("%s:%u:%u", loc->path, loc->line,
		    loc->col);
	f->message = expand(rule->message, &fill);
	f->fix = expand(rule->fix, &fill);
	return f;
}

/* Evaluate one rule against subject s, paired with each broker b. */
static void
eval_rule(struct ka_report *rep, const struct ka_rule *rule,
    struct ctx *c)
{
	struct hits	 hits;

	memset(&hits, 0, sizeof(hits));
	c->hits = NULL;
	if (rule->when != NULL && test(c, rule->when) != YES)
		return;
	c->hits = &hits;
	if (test(c, rule->cond) == YES)
		key_finding(rep, rule, c, &hits);
	c->hits = NULL;
	free(hits.names);
}

void
ka_eval(const struct ka_ruleset *rs, const struct ka_settings *const *files,
    size_t nfiles, struct ka_report *rep)
{
	const struct ka_settings	**topics;
	const struct ka_settings *const	 *near;
	const struct ka_rule		 *rule;
	struct run			  run;
	struct memo			  memo;
	struct ctx			  c;
	size_t				  r, i, b, ntopics, nnear, start;
	int				  cross;

	memset(&memo, 0, sizeof(memo));
	run.rules = rs;
	run.memo = &memo;
	ka_peers_init(&run.peers, files, nfiles);
	topics = live_topics(files, nfiles, &ntopics);
	for (r = 0; r < rs->len; r++) {
		rule = &rs->v[r];
		if (rule->off || ka_rules_is_self(rule))
			continue;
		start = rep->len;
		cross = uses_broker(rule->cond) || uses_broker(rule->when);
		for (i = 0; i < nfiles; i++) {
			if (!ka_eval_applies(rule, files[i]))
				continue;
			if (rule->cond->op == KA_COND_CHECK) {
				run_check(rep, rule, files[i], &run);
				continue;
			}
			memset(&c, 0, sizeof(c));
			c.rule = rule;
			c.file = files[i];
			c.topics = topics;
			c.ntopics = ntopics;
			c.memo = &memo;
			if (!cross) {
				eval_rule(rep, rule, &c);
				continue;
			}
			/* The nearest broker files, then the live brokers. */
			near = ka_peers_files(&run.peers, files[i], &nnear);
			for (b = 0; b < nnear; b++) {
				c.broker = near[b];
				eval_rule(rep, rule, &c);
			}
			for (b = 0; b < run.peers.nlive; b++) {
				c.broker = run.peers.live[b];
				eval_rule(rep, rule, &c);
			}
		}
		merge_brokers(rep, start);
		memo_empty(&memo);
	}
	memo_free(&memo);
	ka_peers_clear(&run.peers);
	free(topics);
}
