#include "config.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "directive.h"
#include "role.h"
#include "settings.h"
#include "source.h"
#include "version.h"
#include "xmalloc.h"

#define UNSUPPORTED	KA_ROLE__MAX	/* a Kafka file this version skips */

/*
 * File names Kafka's own distribution and common deployments use.  The
 * first match wins, so the specific names come first.
 */
static const struct {
	const char	*glob;
	int		 role;		/* enum ka_role or UNSUPPORTED */
	const char	*what;
} names[] = {
	{ "server.properties", KA_ROLE_BROKER, NULL },
	{ "broker*.properties", KA_ROLE_BROKER, NULL },
	{ "controller*.properties", KA_ROLE_BROKER, NULL },
	{ "connect-*", UNSUPPORTED, "Kafka Connect" },
	{ "*streams*", UNSUPPORTED, "Kafka Streams" },
	{ "*producer*", KA_ROLE_PRODUCER, NULL },
	{ "*consumer*", KA_ROLE_CONSUMER, NULL },
};

static const char *
basename_of(const char *path)
{
	const char	*slash = strrchr(path, '/');

	return slash == NULL ? path : slash + 1;
}

/* KRaft configs live in config/kraft/ in Kafka 3.x distributions. */
static int
in_kraft_dir(const char *path)
{
	const char	*p;

	for (p = path; (p = strstr(p, "kraft/")) != NULL; p++)
		if (p == path || p[-1] == '/')
			return strchr(p + 6, '/') == NULL;
	return 0;
}

static int
role_by_name(const char *path, const char **what)
{
	const char	*base = basename_of(path);
	size_t		 i;

	*what = NULL;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (fnmatch(names[i].glob, base, 0) == 0) {
			*what = names[i].what;
			return names[i].role;
		}
	if (in_kraft_dir(path) && fnmatch("*.properties", base, 0) == 0)
		return KA_ROLE_BROKER;
	return -1;
}

/*
 * The roles a key is evidence for: those whose clients or servers know it
 * when no other role does.  bootstrap.servers, ssl.* and the like belong
 * to every client and so say nothing.
 */
static unsigned int
key_roles(const char *key)
{
	const struct ka_keydef	*lrk;
	unsigned int		 known = 0;

	if (ka_catalog_find(KA_DIALECT_BROKER, key) != NULL)
		known |= 1u << KA_ROLE_BROKER;
	if (ka_catalog_find(KA_DIALECT_TOPIC, key) != NULL)
		known |= 1u << KA_ROLE_TOPIC;
	if (ka_catalog_find(KA_DIALECT_PRODUCER, key) != NULL ||
	    ka_catalog_find(KA_DIALECT_SCALA_PRODUCER, key) != NULL)
		known |= 1u << KA_ROLE_PRODUCER;
	if (ka_catalog_find(KA_DIALECT_CONSUMER, key) != NULL ||
	    ka_catalog_find(KA_DIALECT_SCALA_CONSUMER, key) != NULL)
		known |= 1u << KA_ROLE_CONSUMER;
	lrk = ka_catalog_find(KA_DIALECT_LIBRDKAFKA, key);
	if (lrk != NULL) {
		if (lrk->flags & KA_KEY_PRODUCER)
			known |= 1u << KA_ROLE_PRODUCER;
		if (lrk->flags & KA_KEY_CONSUMER)
			known |= 1u << KA_ROLE_CONSUMER;
	}
	/* A single bit: the key belongs to exactly one role. */
	return (known & (known - 1)) == 0 ? known : 0;
}

/*
 * The role and client that "# kafka-audit: type=producer
 * client=librdkafka" declare; the last directive that says wins.
 */
static void
declared(const struct ka_settings *s, int *role, int *client)
{
	const struct ka_directive	*d;
	size_t				 i;

	for (i = 0; i < s->ndirectives; i++) {
		d = &s->directives[i];
		if (KA_DIRECTIVE_HAS(d, KA_DW_TYPE))
			*role = d->type;
		if (KA_DIRECTIVE_HAS(d, KA_DW_CLIENT))
			*client = d->client;
	}
}

/* Which client reads a producer or consumer file, judged by its keys. */
static void
detect_client(struct ka_settings *s, struct ka_diags *ds)
{
	enum ka_dialect		 java;
	const struct ka_prop	*jp = NULL, *lp = NULL, *legacy = NULL;
	const struct ka_keydef	*scala, *lrk;
	size_t			 i;
	unsigned int		 side;
	int			 in_java, in_lrk;

	java = s->role == KA_ROLE_PRODUCER ? KA_DIALECT_PRODUCER :
	    KA_DIALECT_CONSUMER;
	side = s->role == KA_ROLE_PRODUCER ? KA_KEY_PRODUCER : KA_KEY_CONSUMER;
	for (i = 0; i < s->props.len; i++) {
		const struct ka_prop *p = &s->props.v[i];

		/* A producer property in a consumer file says nothing. */
		in_java = ka_catalog_find(java, p->key) != NULL;
		lrk = ka_catalog_find(KA_DIALECT_LIBRDKAFKA, p->key);
		in_lrk = lrk != NULL && (lrk->flags & side) != 0;
		/*
		 * The old Scala clients used many of the names librdkafka
		 * later took over (request.required.acks): such a key is
		 * weaker evidence, none at all before Kafka 2.0, and next
		 * to Java keys a leftover that legacy-key reports.
		 */
		scala = ka_catalog_find(s->role == KA_ROLE_PRODUCER ?
		    KA_DIALECT_SCALA_PRODUCER : KA_DIALECT_SCALA_CONSUMER,
		    p->key);
		if (in_java && !in_lrk && jp == NULL)
			jp = p;
		if (in_lrk && !in_java && scala == NULL && lp == NULL)
			lp = p;
		if (in_lrk && !in_java && scala != NULL && legacy == NULL &&
		    s->version >= KA_VERSION(2, 0, 0, 0))
			legacy = p;
	}
	if (lp == NULL && jp == NULL)
		lp = legacy;
	s->client = KA_CLIENT_JAVA;
	s->client_basis = KA_BASIS_DEFAULT;
	if (lp != NULL && jp == NULL) {
		s->client = KA_CLIENT_LIBRDKAFKA;
		s->client_basis = KA_BASIS_KEYS;
	} else if (jp != NULL && lp == NULL)
		s->client_basis = KA_BASIS_KEYS;
	else if (jp != NULL && lp != NULL)
		ka_diag(ds, KA_D_CLIENT_AMBIGUOUS, &lp->key_loc,
		    "%s is a librdkafka key but %s (line %u) is a Java client "
		    "key; auditing as the Java client (use --client or "
		    "'# kafka-audit: client=librdkafka')", lp->key, jp->key,
		    jp->key_loc.line);
}

/* 1 if any key of the file is a key of some Kafka component. */
static int
has_kafka_key(const struct ka_settings *s)
{
	size_t	 i;
	int	 d;

	for (i = 0; i < s->props.len; i++)
		for (d = 0; d < KA_DIALECT__MAX; d++)
			if (ka_catalog_find(d, s->props.v[i].key) != NULL)
				return 1;
	return 0;
}

int
ka_role_classify(struct ka_settings *s, const struct ka_role_opts *o,
    enum ka_input input, struct ka_diags *ds)
{
	const struct ka_prop	*first[KA_ROLE__MAX];
	const char		*what;
	struct ka_loc		 loc;
	unsigned int		 bits, seen = 0;
	size_t			 i;
	int			 role = -1, client = -1, nroles, r;

	loc.path = s->src->path;
	loc.line = loc.col = 0;

	if (input == KA_INPUT_FOUND_OTHER && !has_kafka_key(s))
		return KA_ROLE_FOUND_NONE;
	declared(s, &role, &client);

	if (o->type_forced) {
		s->role = o->type;
		s->role_basis = KA_BASIS_FLAG;
	} else if (role != -1) {
		s->role = role;
		s->role_basis = KA_BASIS_DIRECTIVE;
	} else {
		r = input == KA_INPUT_FOUND_OTHER ? -1 :
		    role_by_name(s->src->path, &what);
		if (r == UNSUPPORTED) {
			ka_diag(ds, KA_D_ROLE_UNSUPPORTED, &loc,
			    "%s configuration files are not audited yet; "
			    "skipped", what);
			return KA_ROLE_FOUND_NONE;
		}
		if (r != -1) {
			s->role = r;
			s->role_basis = KA_BASIS_NAME;
		} else {
			memset(first, 0, sizeof(first));
			for (i = 0; i < s->props.len; i++) {
				bits = key_roles(s->props.v[i].key);
				for (r = 0; r < KA_ROLE__MAX; r++)
					if ((bits & (1u << r)) &&
					    first[r] == NULL)
						first[r] = &s->props.v[i];
				seen |= bits;
			}
			nroles = 0;
			for (r = 0; r < KA_ROLE__MAX; r++)
				if (seen & (1u << r)) {
					nroles++;
					s->role = r;
				}
			if (nroles == 0) {
				if (input != KA_INPUT_NAMED)
					return KA_ROLE_FOUND_NONE;
				ka_diag(ds, KA_D_ROLE_UNKNOWN, &loc,
				    "none of its keys says whether this is a "
				    "broker, topic, producer or consumer "
				    "configuration; use --type or "
				    "'# kafka-audit: type=...'");
				return KA_ROLE_FOUND_ERROR;
			}
			if (nroles > 1) {
				char	 list[512];
				size_t	 len = 0;

				list[0] = '\0';
				for (r = 0; r < KA_ROLE__MAX; r++) {
					if (first[r] == NULL)
						continue;
					snprintf(list + len, sizeof(list) - len,
					    "%s%s (%s, line %u)",
					    len == 0 ? "" : " and ",
					    ka_catalog_role_name(r),
					    first[r]->key,
					    first[r]->key_loc.line);
					len = strlen(list);
				}
				ka_diag(ds, KA_D_ROLE_AMBIGUOUS, &loc,
				    "its keys belong to %s; use --type or "
				    "'# kafka-audit: type=...'", list);
				return KA_ROLE_FOUND_ERROR;
			}
			s->role_basis = KA_BASIS_KEYS;
		}
	}

	s->client = KA_CLIENT_JAVA;
	s->client_basis = KA_BASIS_DEFAULT;
	if (s->role == KA_ROLE_PRODUCER || s->role == KA_ROLE_CONSUMER) {
		if (o->client_forced) {
			s->client = o->client;
			s->client_basis = KA_BASIS_FLAG;
		} else if (client != -1) {
			s->client = client;
			s->client_basis = KA_BASIS_DIRECTIVE;
		} else
			detect_client(s, ds);
	}
	s->dialect = ka_catalog_dialect(s->role, s->client);
	return KA_ROLE_FOUND_OK;
}
