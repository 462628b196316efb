/*
 * Fingerprints of findings (fingerprint.h).  Occurrences are counted in
 * an open-addressed table of identities (rule, target, key), so that a
 * report of many thousand findings is fingerprinted in linear time.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fingerprint.h"
#include "hash.h"
#include "report.h"
#include "xmalloc.h"

char *
ka_fingerprint_target(const struct ka_finding *f, const char *rel)
{
	char	*s, *t;
	size_t	 i;

	switch (f->kind) {
	case KA_KIND_FILE:
		return xstrdup(rel != NULL ? rel : "");
	case KA_KIND_CLUSTER:
		return xstrdup("cluster");
	case KA_KIND_BROKER:
		if (f->nbrokers <= 1)
			return xasprintf("broker:%d", (int)f->broker);
		s = xstrdup("brokers:");
		for (i = 0; i < f->nbrokers; i++) {
			t = xasprintf("%s%s%d", s, i == 0 ? "" : ",",
			    (int)f->brokers[i]);
			free(s);
			s = t;
		}
		return s;
	case KA_KIND_TOPIC:
		return xasprintf("topic:%s", f->topic != NULL ? f->topic : "");
	case KA_KIND_PARTITION:
		return xasprintf("topic:%s/partition:%d",
		    f->topic != NULL ? f->topic : "", (int)f->partition);
	}
	return xstrdup("");
}

void
ka_fingerprint(const char *rule, const char *target, const char *key,
    unsigned int occurrence, char hex[KA_SHA256_HEX])
{
	struct ka_sha256	 s;
	char			 num[16];

	snprintf(num, sizeof(num), "%u", occurrence);
	ka_sha256_init(&s);
	ka_sha256_update(&s, rule, strlen(rule) + 1);
	ka_sha256_update(&s, target, strlen(target) + 1);
	ka_sha256_update(&s, key, strlen(key) + 1);
	ka_sha256_update(&s, num, strlen(num));
	ka_sha256_final_hex(&s, hex);
}

/* An identity seen: rule, target and key joined by NULs, and a count. */
struct seen {
	char		*id;		/* owned, or NULL for a free slot */
	size_t		 len;
	unsigned int	 count;
};

/* Count identity id (len bytes, owned, taken): its occurrence. */
static unsigned int
count(struct seen *t, size_t mask, char *id, size_t len)
{
	size_t	 h;

	h = (size_t)ka_hash(id, len) & mask;
	for (; t[h].id != NULL; h = (h + 1) & mask)
		if (t[h].len == len && memcmp(t[h].id, id, len) == 0) {
			free(id);
			return ++t[h].count;
		}
	t[h].id = id;
	t[h].len = len;
	t[h].count = 1;
	return 1;
}

void
ka_fingerprint_report(struct ka_report *r)
{
	struct ka_finding	*f;
	struct seen		*t;
	char			 hex[KA_SHA256_HEX], *target, *id;
	const char		*rule, *key;
	size_t			 i, cap, len;

	for (cap = 16; cap < 2 * r->len; cap *= 2)
		;
	t = xcalloc(cap, sizeof(*t));
	for (i = 0; i < r->len; i++) {
		f = &r->v[i];
		rule = f->rule != NULL && f->rule->id != NULL ?
		    f->rule->id : "";
		key = f->key != NULL ? f->key : "";
		target = ka_fingerprint_target(f, ka_report_path(r,
		    f->loc.path));
		len = strlen(rule) + strlen(target) + strlen(key) + 2;
		id = xasprintf("%s%c%s%c%s", rule, '\0', target, '\0', key);
		f->occurrence = count(t, cap - 1, id, len);
		ka_fingerprint(rule, target, key, f->occurrence, hex);
		free(f->fingerprint);
		f->fingerprint = xstrdup(hex);
		free(target);
	}
	for (i = 0; i < cap; i++)
		free(t[i].id);
	free(t);
}
