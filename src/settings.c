#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "directive.h"
#include "settings.h"
#include "source.h"
#include "version.h"
#include "xmalloc.h"

/* More aliases than any key has (librdkafka has at most three). */
#define MAX_SYNONYMS	8

/*
 * 1 if the key exists in the Kafka release the file is audited for.
 * librdkafka rows carry no Kafka versions.  A key a release does not know
 * is ignored by that release, so it cannot supply a value.
 */
static int
in_release(const struct ka_keydef *def, unsigned long version)
{
	if (def->dialect == KA_DIALECT_LIBRDKAFKA)
		return 1;
	if (def->since != 0 && version < def->since)
		return 0;
	if (def->until != 0 && version >= def->until)
		return 0;
	return 1;
}

/*
 * A live subject's value: a fact of its kind, else the config the cluster
 * reported.  The cluster lists every config it knows, defaults included,
 * so a key it does not list has no value; one whose configs could not be
 * read is unknown, which the rules treat as neither true nor false.
 */
static void
resolve_live(const struct ka_settings *s, const char *key,
    struct ka_value *v)
{
	const struct ka_configs	*cs;
	const struct ka_config	*c;
	const struct ka_fact	*f;
	enum ka_dialect		 d;

	if ((f = ka_facts_find(key, ka_facts_kind(s))) != NULL) {
		v->text = ka_facts_value(s, f);
		v->origin = v->text != NULL ? KA_ORIGIN_METADATA :
		    KA_ORIGIN_UNKNOWN;
		return;
	}
	if (s->kind == KA_KIND_BROKER) {
		cs = &s->broker->configs;
		d = KA_DIALECT_BROKER;
	} else if (s->topic != NULL) {
		cs = &s->topic->configs;
		d = KA_DIALECT_TOPIC;
	} else
		return;
	v->def = ka_catalog_find(d, key);
	v->sensitive = ka_catalog_is_sensitive(key) ||
	    (v->def != NULL && (v->def->flags & KA_KEY_SENSITIVE));
	if (cs->state != KA_FETCH_OK) {
		v->origin = KA_ORIGIN_UNKNOWN;
		return;
	}
	if ((c = ka_configs_get(cs, key)) == NULL)
		return;
	v->origin = KA_ORIGIN_LIVE;
	v->source = c->source;
	v->raw = c->value;
	v->sensitive |= c->sensitive;
	if (c->source != KA_CFG_DEFAULT)
		v->set_as = key;
	if (c->value == NULL)
		return;
	if (v->def == NULL)
		v->text = xstrdup(c->value);
	else if (ka_catalog_normalize(v->def, c->value, &v->text,
	    &v->why) == -1) {
		v->text = NULL;
		v->valid = 0;
	}
}

void
ka_settings_resolve(const struct ka_settings *s, const char *key,
    struct ka_value *v)
{
	const struct ka_keydef	*defs[MAX_SYNONYMS], *def;
	const struct ka_prop	*p, *best = NULL;
	const char		*dflt;
	size_t			 n, i;

	memset(v, 0, sizeof(*v));
	v->key = key;
	v->valid = 1;
	if (s->kind != KA_KIND_FILE) {
		resolve_live(s, key, v);
		return;
	}

	n = ka_catalog_synonyms(s->dialect, key, defs, MAX_SYNONYMS);
	if (n > MAX_SYNONYMS)
		n = MAX_SYNONYMS;

	/*
	 * Java and librdkafka both apply the entries in file order, and all
	 * aliases set one property, so the last entry under any alias wins.
	 */
	if (n == 0)
		best = ka_props_get(&s->props, key);
	for (i = 0; i < n; i++) {
		if (!in_release(defs[i], s->version))
			continue;
		p = ka_props_get(&s->props, defs[i]->name);
		if (p != NULL && (best == NULL || p > best)) {
			best = p;
			v->def = defs[i];
		}
	}
	if (best != NULL) {
		v->prop = best;
		v->set_as = best->key;
		v->raw = best->value;
		v->origin = KA_ORIGIN_FILE;
		v->sensitive = (v->def != NULL &&
		    (v->def->flags & KA_KEY_SENSITIVE)) ||
		    ka_catalog_is_sensitive(best->key);
		if (v->def == NULL)
			v->text = xstrdup(best->value);
		else if (ka_catalog_normalize(v->def, best->value, &v->text,
		    &v->why) == -1) {
			v->text = NULL;
			v->valid = 0;
		}
		return;
	}

	/* Not set: the default of the key itself, else of its first alias. */
	def = NULL;
	for (i = 0; i < n; i++)
		if (strcmp(defs[i]->name, key) == 0)
			def = defs[i];
	if (def == NULL && n > 0)
		def = defs[0];
	v->def = def;
	v->sensitive = ka_catalog_is_sensitive(key) ||
	    (def != NULL && (def->flags & KA_KEY_SENSITIVE));
	if (def == NULL || !in_release(def, s->version))
		return;
	dflt = ka_catalog_default(def, s->version, &v->since);
	if (dflt == NULL)
		return;
	v->origin = KA_ORIGIN_DEFAULT;
	v->text = xstrdup(dflt);
}

void
ka_value_clear(struct ka_value *v)
{
	free(v->text);
	v->text = NULL;
}

void
ka_settings_index(struct ka_settings *s)
{
	size_t	 i;

	free(s->defs);
	s->defs = xcalloc(s->props.len + 1, sizeof(*s->defs));
	for (i = 0; i < s->props.len; i++)
		s->defs[i] = ka_catalog_find(s->dialect, s->props.v[i].key);
}

const struct ka_keydef *
ka_settings_def(const struct ka_settings *s, size_t i)
{
	if (s->defs != NULL)
		return s->defs[i];
	return ka_catalog_find(s->dialect, s->props.v[i].key);
}

void
ka_settings_clear(struct ka_settings *s)
{
	ka_props_clear(&s->props);
	free(s->defs);
	s->defs = NULL;
	ka_directive_free(s->directives, s->ndirectives);
	s->directives = NULL;
	s->ndirectives = 0;
}

/* "java producer", "librdkafka consumer", "broker". */
static const char *
whose(const struct ka_settings *s, char *buf, size_t size)
{
	if (s->role == KA_ROLE_PRODUCER || s->role == KA_ROLE_CONSUMER)
		snprintf(buf, size, "%s %s",
		    ka_catalog_client_name(s->client),
		    ka_catalog_role_name(s->role));
	else
		snprintf(buf, size, "%s", ka_catalog_role_name(s->role));
	return buf;
}

/* Where the cluster has a config, as kafka-configs would put it. */
static char *
live_provenance(const struct ka_settings *s, const struct ka_value *v)
{
	switch (v->source) {
	case KA_CFG_TOPIC:
		return xstrdup("topic override");
	case KA_CFG_DYNAMIC_BROKER:
		if (s->kind == KA_KIND_BROKER)
			return xasprintf("dynamic config of broker %d",
			    (int)s->broker->id);
		return xstrdup("dynamic broker config");
	case KA_CFG_DYNAMIC_DEFAULT:
		return xstrdup("cluster-wide dynamic default");
	case KA_CFG_STATIC_BROKER:
		if (s->kind == KA_KIND_BROKER)
			return xasprintf("server.properties of broker %d",
			    (int)s->broker->id);
		return xstrdup("the broker's server.properties");
	case KA_CFG_DEFAULT:
		return xstrdup("Kafka's default, as the broker reports it");
	default:
		return xstrdup("reported by the cluster");
	}
}

char *
ka_settings_provenance(const struct ka_settings *s, const struct ka_value *v)
{
	const struct ka_configs	*cs;
	char			 ver[32], since[32], who[64];

	switch (v->origin) {
	case KA_ORIGIN_LIVE:
		return live_provenance(s, v);
	case KA_ORIGIN_METADATA:
		return xstrdup("cluster metadata");
	case KA_ORIGIN_UNKNOWN:
		cs = s->kind == KA_KIND_BROKER ? &s->broker->configs :
		    s->topic != NULL ? &s->topic->configs : NULL;
		if (cs != NULL && cs->error != NULL)
			return xasprintf("unknown: configs not readable (%s)",
			    cs->error);
		return xstrdup("unknown");
	default:
		break;
	}
	if (s->kind != KA_KIND_FILE)
		return xstrdup("not reported by the cluster");

	switch (v->origin) {
	case KA_ORIGIN_FILE:
		if (v->set_as != NULL && strcmp(v->set_as, v->key) != 0)
			return xasprintf("set as %s at %s:%u:%u", v->set_as,
			    v->prop->key_loc.path, v->prop->value_loc.line,
			    v->prop->value_loc.col);
		return xasprintf("%s:%u:%u", v->prop->key_loc.path,
		    v->prop->value_loc.line, v->prop->value_loc.col);
	case KA_ORIGIN_DEFAULT:
		if (s->client == KA_CLIENT_LIBRDKAFKA &&
		    (s->role == KA_ROLE_PRODUCER ||
		    s->role == KA_ROLE_CONSUMER))
			return xasprintf("not set; librdkafka default");
		whose(s, who, sizeof(who));
		if (v->since != 0)
			return xasprintf("not set; default of the %s since "
			    "Kafka %s", who, ka_version_format(v->since,
			    since, sizeof(since)));
		return xasprintf("not set; default of the %s in Kafka %s",
		    who, ka_version_format(s->version, ver, sizeof(ver)));
	default:
		break;
	}
	ka_version_format(s->version, ver, sizeof(ver));
	if (v->def != NULL && !in_release(v->def, s->version))
		return xasprintf("not a key of Kafka %s", ver);
	return xasprintf("not set; no default");
}

const char *
ka_settings_basis_name(enum ka_basis b)
{
	static const char *const names[] = {
		[KA_BASIS_NAME] = "file name",
		[KA_BASIS_KEYS] = "keys",
		[KA_BASIS_FLAG] = "command line",
		[KA_BASIS_DIRECTIVE] = "directive",
		[KA_BASIS_DEFAULT] = "default",
	};

	return names[b];
}

const char *
ka_settings_origin_name(enum ka_origin o)
{
	static const char *const names[] = {
		[KA_ORIGIN_NONE] = "none",
		[KA_ORIGIN_FILE] = "file",
		[KA_ORIGIN_DEFAULT] = "default",
		[KA_ORIGIN_LIVE] = "cluster",
		[KA_ORIGIN_METADATA] = "metadata",
		[KA_ORIGIN_UNKNOWN] = "unknown",
	};

	return names[o];
}

char *
ka_settings_subject(const struct ka_settings *s)
{
	switch (s->kind) {
	case KA_KIND_FILE:
		return xstrdup(s->src->path);
	case KA_KIND_BROKER:
		return xasprintf("broker %d", (int)s->broker->id);
	case KA_KIND_TOPIC:
		return xasprintf("topic %s", s->topic->name);
	case KA_KIND_PARTITION:
		return xasprintf("topic %s partition %d", s->topic->name,
		    (int)s->part->id);
	case KA_KIND_CLUSTER:
		break;
	}
	return xstrdup("cluster");
}
