#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "xmalloc.h"

/*
 * The catalogue.  Designated initializers keep each id next to its code, so
 * the table cannot drift out of order; check_diag proves every slot is set
 * and every id unique, and manlint.sh proves each one is documented.
 */
static const struct {
	const char	*id;
	enum ka_level	 level;
	const char	*summary;
} table[KA_D__MAX] = {
	[KA_D_USAGE] = { "usage", KA_LEVEL_INPUT,
	    "the command line is not valid" },
	[KA_D_USAGE_NO_INPUT] = { "usage.no-input", KA_LEVEL_INPUT,
	    "check was given nothing to audit" },
	[KA_D_SOURCE_OPEN] = { "source.open", KA_LEVEL_INPUT,
	    "a file or directory cannot be opened" },
	[KA_D_SOURCE_READ] = { "source.read", KA_LEVEL_INPUT,
	    "reading a file failed" },
	[KA_D_SOURCE_NOT_REGULAR] = { "source.not-regular", KA_LEVEL_INPUT,
	    "a path names neither a regular file nor a directory" },
	[KA_D_SOURCE_TOO_LARGE] = { "source.too-large", KA_LEVEL_INPUT,
	    "a file is larger than the tool reads" },
	[KA_D_SOURCE_BINARY] = { "source.binary", KA_LEVEL_INPUT,
	    "a file contains NUL bytes and is not a properties file" },
	[KA_D_SOURCE_EMPTY] = { "source.empty", KA_LEVEL_INPUT,
	    "a file holds no properties" },
	[KA_D_WALK_NO_CONFIGS] = { "walk.no-configs", KA_LEVEL_INPUT,
	    "a directory holds no Kafka configuration file" },
	[KA_D_WALK_SKIPPED] = { "walk.skipped", KA_LEVEL_NOTE,
	    "a file found in a directory is not a Kafka configuration" },
	[KA_D_WALK_SYMLINK] = { "walk.symlink", KA_LEVEL_NOTE,
	    "a symbolic link to a directory was not followed" },
	[KA_D_WALK_TOO_DEEP] = { "walk.too-deep", KA_LEVEL_INPUT,
	    "directories are nested deeper than the tool descends" },
	[KA_D_PROPS_BAD_ESCAPE] = { "props.bad-escape", KA_LEVEL_INPUT,
	    "a malformed \\uXXXX escape; Java refuses to load the file" },
	[KA_D_PROPS_LINE_TOO_LONG] = { "props.line-too-long", KA_LEVEL_INPUT,
	    "a logical line is longer than the tool reads" },
	[KA_D_PROPS_TOO_MANY_KEYS] = { "props.too-many-keys", KA_LEVEL_INPUT,
	    "a file holds more properties than the tool reads" },
	[KA_D_PROPS_NON_ASCII] = { "props.non-ascii", KA_LEVEL_WARNING,
	    "non-ASCII bytes, which Kafka reads as ISO-8859-1" },
	[KA_D_ROLE_UNKNOWN] = { "role.unknown", KA_LEVEL_INPUT,
	    "the role of a file (broker, producer, ...) cannot be told" },
	[KA_D_ROLE_AMBIGUOUS] = { "role.ambiguous", KA_LEVEL_INPUT,
	    "a file's keys belong to more than one role" },
	[KA_D_ROLE_UNSUPPORTED] = { "role.unsupported", KA_LEVEL_NOTE,
	    "a Kafka file of a kind this version does not audit" },
	[KA_D_DIRECTIVE_BAD] = { "directive.bad", KA_LEVEL_INPUT,
	    "a '# kafka-audit:' comment is not understood" },
	[KA_D_CLIENT_AMBIGUOUS] = { "client.ambiguous", KA_LEVEL_WARNING,
	    "a file has keys of both the Java client and librdkafka" },
	[KA_D_RULES_YAML] = { "rules.yaml", KA_LEVEL_INPUT,
	    "a rule file is not valid YAML" },
	[KA_D_RULES_SCHEMA] = { "rules.schema", KA_LEVEL_INPUT,
	    "a rule file does not follow kafka-audit-rules(5)" },
	[KA_D_RULES_UNKNOWN_KEY] = { "rules.unknown-key", KA_LEVEL_INPUT,
	    "a rule names a Kafka key the catalogue does not know" },
	[KA_D_RULES_DUPLICATE_ID] = { "rules.duplicate-id", KA_LEVEL_INPUT,
	    "two rules share an id or a slug" },
	[KA_D_RULES_LIMIT] = { "rules.limit", KA_LEVEL_INPUT,
	    "a rule file is larger or deeper than the tool reads" },
	[KA_D_RULES_NONE] = { "rules.none", KA_LEVEL_INPUT,
	    "no rule could be loaded" },
	[KA_D_EXPLAIN_UNKNOWN] = { "explain.unknown-rule", KA_LEVEL_INPUT,
	    "explain was given a rule id or slug that does not exist" },
	[KA_D_CONFIG_YAML] = { "config.yaml", KA_LEVEL_INPUT,
	    "the configuration file is not valid YAML" },
	[KA_D_CONFIG_SCHEMA] = { "config.schema", KA_LEVEL_INPUT,
	    "the configuration file does not follow kafka-audit-config(5)" },
	[KA_D_CONFIG_UNKNOWN_RULE] = { "config.unknown-rule", KA_LEVEL_INPUT,
	    "the configuration names a rule that no loaded rule file has" },
	[KA_D_CONFIG_UNKNOWN_OPTION] = { "config.unknown-option",
	    KA_LEVEL_INPUT, "the configuration sets an option no rule has" },
	[KA_D_CONFIG_UNKNOWN_PROFILE] = { "config.unknown-profile",
	    KA_LEVEL_INPUT, "--profile names no profile of the file" },
	[KA_D_CONFIG_UNKNOWN_CLUSTER] = { "config.unknown-cluster",
	    KA_LEVEL_INPUT, "--cluster names no cluster of the file" },
	[KA_D_CONFIG_NONE] = { "config.none", KA_LEVEL_INPUT,
	    "config validate found no configuration file" },
	[KA_D_CONNECT_SYNTAX] = { "connect.syntax", KA_LEVEL_INPUT,
	    "a client property is not of the form key=value" },
	[KA_D_CONNECT_UNSUPPORTED] = { "connect.unsupported", KA_LEVEL_INPUT,
	    "a Java client setting has no librdkafka equivalent" },
	[KA_D_CONNECT_IGNORED] = { "connect.ignored", KA_LEVEL_NOTE,
	    "a Java-only client setting is not needed by librdkafka" },
	[KA_D_CONNECT_REJECTED] = { "connect.rejected", KA_LEVEL_INPUT,
	    "librdkafka refused a client property" },
	[KA_D_CONNECT_NO_BOOTSTRAP] = { "connect.no-bootstrap",
	    KA_LEVEL_INPUT, "no bootstrap server was given" },
	[KA_D_LIVE_CONNECT] = { "live.connect", KA_LEVEL_CLUSTER,
	    "no broker of the cluster could be reached" },
	[KA_D_LIVE_AUTH] = { "live.auth", KA_LEVEL_CLUSTER,
	    "authentication or the TLS handshake failed" },
	[KA_D_LIVE_TIMEOUT] = { "live.timeout", KA_LEVEL_CLUSTER,
	    "the cluster did not answer within --timeout" },
	[KA_D_LIVE_METADATA] = { "live.metadata", KA_LEVEL_CLUSTER,
	    "the cluster's metadata could not be read" },
	[KA_D_LIVE_DENIED] = { "live.denied", KA_LEVEL_CLUSTER,
	    "the principal may not read some configs" },
	[KA_D_LIVE_CONFIGS] = { "live.configs", KA_LEVEL_CLUSTER,
	    "some configs could not be read" },
	[KA_D_LIVE_NO_TOPIC] = { "live.no-topic", KA_LEVEL_WARNING,
	    "a --topic pattern matches no topic" },
	[KA_D_LIVE_LOG] = { "live.log", KA_LEVEL_NOTE,
	    "a log line of librdkafka, shown with -vv" },
	[KA_D_LIVE_SUMMARY] = { "live.summary", KA_LEVEL_NOTE,
	    "what was fetched from the cluster, shown with -v" },
	[KA_D_LIVE_LIBRARY] = { "live.library", KA_LEVEL_INTERNAL,
	    "librdkafka could not be loaded" },
	[KA_D_SNAPSHOT_SYNTAX] = { "snapshot.syntax", KA_LEVEL_INPUT,
	    "a snapshot is not valid JSON" },
	[KA_D_SNAPSHOT_SCHEMA] = { "snapshot.schema", KA_LEVEL_INPUT,
	    "a snapshot does not follow the snapshot format" },
	[KA_D_SNAPSHOT_INCOMPLETE] = { "snapshot.incomplete",
	    KA_LEVEL_CLUSTER, "a snapshot holds a cluster read only in part" },
	[KA_D_BASELINE_SYNTAX] = { "baseline.syntax", KA_LEVEL_INPUT,
	    "a baseline is not valid JSON" },
	[KA_D_BASELINE_SCHEMA] = { "baseline.schema", KA_LEVEL_INPUT,
	    "a baseline does not follow the baseline format" },
	[KA_D_BASELINE_STALE] = { "baseline.stale", KA_LEVEL_NOTE,
	    "a baseline entry matches no finding any more" },
	[KA_D_OUTPUT_WRITE] = { "output.write", KA_LEVEL_INTERNAL,
	    "writing the report failed" },
	[KA_D_INTERNAL] = { "internal", KA_LEVEL_INTERNAL,
	    "an internal error; please report it" },
};

void
ka_diags_init(struct ka_diags *ds)
{
	memset(ds, 0, sizeof(*ds));
	ds->worst = KA_LEVEL_NOTE;
}

void
ka_diags_clear(struct ka_diags *ds)
{
	size_t	 i;

	for (i = 0; i < ds->len; i++) {
		free(ds->v[i].path);
		free(ds->v[i].detail);
	}
	free(ds->v);
	ka_diags_init(ds);
}

void
ka_diag(struct ka_diags *ds, enum ka_diag_code code, const struct ka_loc *loc,
    const char *fmt, ...)
{
	struct ka_diag	*d;
	va_list		 ap;
	int		 len;

	if (ds->len == ds->cap) {
		ds->cap = ds->cap == 0 ? 8 : ds->cap * 2;
		ds->v = xreallocarray(ds->v, ds->cap, sizeof(*ds->v));
	}
	d = &ds->v[ds->len++];
	memset(d, 0, sizeof(*d));
	d->code = code;
	d->level = table[code].level;
	if (loc != NULL) {
		d->loc = *loc;
		if (loc->path != NULL) {
			d->path = xstrdup(loc->path);
			d->loc.path = d->path;
		}
	}
	if (fmt != NULL) {
		va_start(ap, fmt);
		len = vsnprintf(NULL, 0, fmt, ap);
		va_end(ap);
		if (len >= 0) {
			d->detail = xmalloc((size_t)len + 1);
			va_start(ap, fmt);
			vsnprintf(d->detail, (size_t)len + 1, fmt, ap);
			va_end(ap);
		}
	}
	if (d->level > ds->worst)
		ds->worst = d->level;
}

size_t
ka_diags_count(const struct ka_diags *ds, enum ka_level min)
{
	size_t	 i, n = 0;

	for (i = 0; i < ds->len; i++)
		if (ds->v[i].level >= min)
			n++;
	return n;
}

const char *
ka_diag_id(enum ka_diag_code code)
{
	return code < KA_D__MAX ? table[code].id : NULL;
}

enum ka_level
ka_diag_level(enum ka_diag_code code)
{
	return code < KA_D__MAX ? table[code].level : KA_LEVEL_INTERNAL;
}

const char *
ka_diag_summary(enum ka_diag_code code)
{
	return code < KA_D__MAX ? table[code].summary : NULL;
}

const char *
ka_level_name(enum ka_level level)
{
	static const char *const names[] = {
		[KA_LEVEL_NOTE] = "note",
		[KA_LEVEL_WARNING] = "warning",
		[KA_LEVEL_CLUSTER] = "error",
		[KA_LEVEL_INPUT] = "error",
		[KA_LEVEL_INTERNAL] = "error",
	};

	return names[level];
}
