/*
 * Diagnostics: everything the tool has to say about its own input and run,
 * as opposed to findings about Kafka settings (report.h).  Every stage
 * appends to one sink passed in by the caller; only main.c prints the sink
 * and turns its worst level into the exit status.
 *
 * The catalogue is one table in diag.c indexed by enum ka_diag_code.  The
 * ids ("props.bad-escape") are API: they appear in JSON output and in the
 * DIAGNOSTICS section of kafka-audit(1), and a test checks both.
 */
#ifndef KA_DIAG_H
#define KA_DIAG_H

#include <stddef.h>

/* Ordered: a worse level has a larger value. */
enum ka_level {
	KA_LEVEL_NOTE,		/* information; no effect on the exit status */
	KA_LEVEL_WARNING,	/* suspicious input, audited anyway */
	KA_LEVEL_CLUSTER,	/* cluster unreachable or incomplete: exit 3 */
	KA_LEVEL_INPUT,		/* usage or input error: exit 2 */
	KA_LEVEL_INTERNAL	/* internal or system error: exit 4 */
};

enum ka_diag_code {
	KA_D_USAGE,			/* usage */
	KA_D_USAGE_NO_INPUT,		/* usage.no-input */
	KA_D_SOURCE_OPEN,		/* source.open */
	KA_D_SOURCE_READ,		/* source.read */
	KA_D_SOURCE_NOT_REGULAR,	/* source.not-regular */
	KA_D_SOURCE_TOO_LARGE,		/* source.too-large */
	KA_D_SOURCE_BINARY,		/* source.binary */
	KA_D_SOURCE_EMPTY,		/* source.empty */
	KA_D_WALK_NO_CONFIGS,		/* walk.no-configs */
	KA_D_WALK_SKIPPED,		/* walk.skipped */
	KA_D_WALK_SYMLINK,		/* walk.symlink */
	KA_D_WALK_TOO_DEEP,		/* walk.too-deep */
	KA_D_PROPS_BAD_ESCAPE,		/* props.bad-escape */
	KA_D_PROPS_LINE_TOO_LONG,	/* props.line-too-long */
	KA_D_PROPS_TOO_MANY_KEYS,	/* props.too-many-keys */
	KA_D_PROPS_NON_ASCII,		/* props.non-ascii */
	KA_D_ROLE_UNKNOWN,		/* role.unknown */
	KA_D_ROLE_AMBIGUOUS,		/* role.ambiguous */
	KA_D_ROLE_UNSUPPORTED,		/* role.unsupported */
	KA_D_DIRECTIVE_BAD,		/* directive.bad */
	KA_D_CLIENT_AMBIGUOUS,		/* client.ambiguous */
	KA_D_RULES_YAML,		/* rules.yaml */
	KA_D_RULES_SCHEMA,		/* rules.schema */
	KA_D_RULES_UNKNOWN_KEY,		/* rules.unknown-key */
	KA_D_RULES_DUPLICATE_ID,	/* rules.duplicate-id */
	KA_D_RULES_LIMIT,		/* rules.limit */
	KA_D_RULES_NONE,		/* rules.none */
	KA_D_EXPLAIN_UNKNOWN,		/* explain.unknown-rule */
	KA_D_CONFIG_YAML,		/* config.yaml */
	KA_D_CONFIG_SCHEMA,		/* config.schema */
	KA_D_CONFIG_UNKNOWN_RULE,	/* config.unknown-rule */
	KA_D_CONFIG_UNKNOWN_OPTION,	/* config.unknown-option */
	KA_D_CONFIG_UNKNOWN_PROFILE,	/* config.unknown-profile */
	KA_D_CONFIG_UNKNOWN_CLUSTER,	/* config.unknown-cluster */
	KA_D_CONFIG_NONE,		/* config.none */
	KA_D_CONNECT_SYNTAX,		/* connect.syntax */
	KA_D_CONNECT_UNSUPPORTED,	/* connect.unsupported */
	KA_D_CONNECT_IGNORED,		/* connect.ignored */
	KA_D_CONNECT_REJECTED,		/* connect.rejected */
	KA_D_CONNECT_NO_BOOTSTRAP,	/* connect.no-bootstrap */
	KA_D_LIVE_CONNECT,		/* live.connect */
	KA_D_LIVE_AUTH,			/* live.auth */
	KA_D_LIVE_TIMEOUT,		/* live.timeout */
	KA_D_LIVE_METADATA,		/* live.metadata */
	KA_D_LIVE_DENIED,		/* live.denied */
	KA_D_LIVE_CONFIGS,		/* live.configs */
	KA_D_LIVE_NO_TOPIC,		/* live.no-topic */
	KA_D_LIVE_LOG,			/* live.log */
	KA_D_LIVE_SUMMARY,		/* live.summary */
	KA_D_LIVE_LIBRARY,		/* live.library */
	KA_D_SNAPSHOT_SYNTAX,		/* snapshot.syntax */
	KA_D_SNAPSHOT_SCHEMA,		/* snapshot.schema */
	KA_D_SNAPSHOT_INCOMPLETE,	/* snapshot.incomplete */
	KA_D_BASELINE_SYNTAX,		/* baseline.syntax */
	KA_D_BASELINE_SCHEMA,		/* baseline.schema */
	KA_D_BASELINE_STALE,		/* baseline.stale */
	KA_D_OUTPUT_WRITE,		/* output.write */
	KA_D_INTERNAL,			/* internal */
	KA_D__MAX
};

/* A position in an input file.  Line and column are 1-based; 0 = unknown. */
struct ka_loc {
	const char	*path;	/* borrowed from struct ka_source, or NULL */
	unsigned int	 line;
	unsigned int	 col;
};

struct ka_diag {
	enum ka_diag_code	 code;
	enum ka_level		 level;	/* from the catalogue */
	struct ka_loc		 loc;
	char			*path;	/* owned copy; loc.path points here */
	char			*detail; /* owned; the specific message */
};

struct ka_diags {
	struct ka_diag		*v;	/* owned array of len entries */
	size_t			 len, cap;
	enum ka_level		 worst;	/* KA_LEVEL_NOTE when empty */
};

void		 ka_diags_init(struct ka_diags *);
void		 ka_diags_clear(struct ka_diags *);

/*
 * Append a diagnostic.  The location is copied (its path too, so the sink
 * may outlive the source); loc may be NULL.  The detail is formatted from
 * fmt and owned by the sink.
 */
void		 ka_diag(struct ka_diags *, enum ka_diag_code,
		    const struct ka_loc *, const char *fmt, ...)
		    __attribute__((__format__(__printf__, 4, 5)));

/* Number of diagnostics at or above a level. */
size_t		 ka_diags_count(const struct ka_diags *, enum ka_level);

/* Catalogue lookups; the strings are static. */
const char	*ka_diag_id(enum ka_diag_code);
enum ka_level	 ka_diag_level(enum ka_diag_code);
const char	*ka_diag_summary(enum ka_diag_code);
const char	*ka_level_name(enum ka_level);	/* "note", "warning", "error" */

#endif
