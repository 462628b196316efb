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

/*
 * Append n bytes of s and a NUL to the identity being built in *buf, of
 * *cap bytes, at *len.
 */
static void
append(char **buf, size_t *cap, size_t *len, const char *s, size_t n)
{
	if (*len + n + 1 > *cap) {
		*cap = 2 * (*len + n + 1);
		*buf = xreallocarray(*buf, *cap, 1);
	}
	memcpy(*buf + *len, s, n);
	(*buf)[*len + n] = '\0';
	*len += n + 1;
}

/*
 * The identity of a finding in *buf (of *cap bytes, grown as needed):
 * rule, target and key, each with its NUL.  Its length.
 */
static size_t
identity(char **buf, size_t *cap, const char *rule, const char *target,
    const char *key)
{
	size_t	 len = 0;

	append(buf, cap, &len, rule, strlen(rule));
	append(buf, cap, &len, target, strlen(target));
	append(buf, cap, &len, key, strlen(key));
	return len;
}

/* The recipe: SHA-256 of the identity, then the occurrence in decimal. */
static void
digest(const char *id, size_t len, unsigned int occurrence,
    char hex[KA_SHA256_HEX])
{
	struct ka_sha256	 s;
	char			 num[16], *p = num + sizeof(num);

	/* By hand: snprintf() cost as much as the hash. */
	do {
		*--p = (char)('0' + occurrence % 10);
		occurrence /= 10;
	} while (occurrence != 0);
	ka_sha256_init(&s);
	ka_sha256_update(&s, id, len);
	ka_sha256_update(&s, p, (size_t)(num + sizeof(num) - p));
	ka_sha256_final_hex(&s, hex);
}

void
ka_fingerprint(const char *rule, const char *target, const char *key,
    unsigned int occurrence, char hex[KA_SHA256_HEX])
{
	char	*id = NULL;
	size_t	 cap = 0, len;

	len = identity(&id, &cap, rule, target, key);
	digest(id, len, occurrence, hex);
	free(id);
}

/* An identity seen: rule, target and key joined by NULs, and a count. */
struct seen {
	char		*id;		/* owned, or NULL for a free slot */
	size_t		 len;
	unsigned int	 count;
};

/*
 * Count identity id (len bytes, borrowed; copied when first seen): its
 * occurrence.
 */
static unsigned int
count(struct seen *t, size_t mask, const char *id, size_t len)
{
	size_t	 h;

	h = (size_t)ka_hash(id, len) & mask;
	for (; t[h].id != NULL; h = (h + 1) & mask)
		if (t[h].len == len && memcmp(t[h].id, id, len) == 0)
			return ++t[h].count;
	t[h].id = xmalloc(len);
	memcpy(t[h].id, id, len);
	t[h].len = len;
	t[h].count = 1;
	return 1;
}

/*
 * Identities are built in one buffer for the whole report: formatting a
 * string for each finding was a third of the cost of fingerprinting it.
 */
void
ka_fingerprint_report(struct ka_report *r)
{
	struct ka_finding		*f;
	struct ka_report_pathcache	 pc;
	struct seen			*t;
	char				*own, *id = NULL;
	const char			*rule, *key, *target;
	size_t				 i, cap, idcap = 0, len;

	memset(&pc, 0, sizeof(pc));
	for (cap = 16; cap < 2 * r->len; cap *= 2)
		;
	t = xcalloc(cap, sizeof(*t));
	for (i = 0; i < r->len; i++) {
		f = &r->v[i];
		rule = f->rule != NULL && f->rule->id != NULL ?
		    f->rule->id : "";
		key = f->key != NULL ? f->key : "";
		/* A file's target is its path, which needs no copy. */
		own = NULL;
		if (f->kind == KA_KIND_FILE) {
			target = ka_report_path_cached(r, &pc, f->loc.path);
			if (target == NULL)
				target = "";
		} else
			target = own = ka_fingerprint_target(f, NULL);
		len = identity(&id, &idcap, rule, target, key);
		/* The identity is counted without its last NUL. */
		f->occurrence = count(t, cap - 1, id, len - 1);
		free(f->fingerprint);
		f->fingerprint = xmalloc(KA_SHA256_HEX);
		digest(id, len, f->occurrence, f->fingerprint);
		free(own);
	}
	for (i = 0; i < cap; i++)
		free(t[i].id);
	free(t);
	free(id);
}
