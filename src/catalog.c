/* Stub: replaced by the real catalogue. */
#include "config.h"

#include <string.h>

#include "catalog.h"
#include "xmalloc.h"

extern const struct ka_keydef	ka_catalog_data_keys[];
extern const size_t		ka_catalog_data_nkeys;

enum ka_dialect
ka_catalog_dialect(enum ka_role r, enum ka_client c)
{
	(void)c;
	return r == KA_ROLE_BROKER ? KA_DIALECT_BROKER : KA_DIALECT_PRODUCER;
}

const char *
ka_catalog_role_name(enum ka_role r)
{
	static const char *const n[] = { "broker", "topic", "producer",
	    "consumer" };
	return n[r];
}

const char *
ka_catalog_client_name(enum ka_client c)
{
	return c == KA_CLIENT_JAVA ? "java" : "librdkafka";
}

const char *
ka_catalog_dialect_name(enum ka_dialect d)
{
	(void)d;
	return "producer";
}

const char *
ka_catalog_type_name(enum ka_type t)
{
	(void)t;
	return "string";
}

int
ka_catalog_role_parse(const char *s, enum ka_role *r)
{
	int	 i;

	for (i = 0; i < KA_ROLE__MAX; i++)
		if (strcmp(s, ka_catalog_role_name(i)) == 0) {
			*r = i;
			return 0;
		}
	return -1;
}

int
ka_catalog_client_parse(const char *s, enum ka_client *c)
{
	if (strcmp(s, "java") == 0)
		*c = KA_CLIENT_JAVA;
	else if (strcmp(s, "librdkafka") == 0)
		*c = KA_CLIENT_LIBRDKAFKA;
	else
		return -1;
	return 0;
}

const struct ka_keydef *
ka_catalog_find(enum ka_dialect d, const char *name)
{
	size_t	 i;

	for (i = 0; i < ka_catalog_data_nkeys; i++)
		if (ka_catalog_data_keys[i].dialect == d &&
		    strcmp(ka_catalog_data_keys[i].name, name) == 0)
			return &ka_catalog_data_keys[i];
	return NULL;
}

size_t
ka_catalog_synonyms(enum ka_dialect d, const char *canon,
    const struct ka_keydef **out, size_t max)
{
	const struct ka_keydef	*k = ka_catalog_find(d, canon);

	if (k == NULL)
		return 0;
	if (max > 0)
		out[0] = k;
	return 1;
}

const char *
ka_catalog_suggest(enum ka_dialect d, const char *unknown)
{
	(void)d;
	(void)unknown;
	return NULL;
}

int
ka_catalog_normalize(const struct ka_keydef *k, const char *raw, char **out,
    const char **why)
{
	(void)k;
	*why = NULL;
	*out = xstrdup(raw);
	return 0;
}

const char *
ka_catalog_default(const struct ka_keydef *k, unsigned long v,
    unsigned long *since)
{
	(void)v;
	if (since != NULL)
		*since = 0;
	return k->dflt;
}

int
ka_catalog_is_sensitive(const char *name)
{
	return strstr(name, "password") != NULL;
}

const struct ka_keydef *
ka_catalog_keys(size_t *count)
{
	*count = ka_catalog_data_nkeys;
	return ka_catalog_data_keys;
}
