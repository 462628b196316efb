/*
 * Baselines: the findings a team accepts for now, recorded by "kafka-audit
 * baseline create" so that "check --baseline FILE" reports only new ones.
 * Entries are keyed by fingerprint (fingerprint.h), never by line, so
 * moving a property keeps its entry.  The file is versioned JSON, sorted,
 * written by jsonw.h and read through jansson (the only other place that
 * includes jansson.h besides the JSON reporter and snapshots):
 *
 *	{ "kafkaAuditBaseline": 1, "createdBy": "kafka-audit X.Y.Z",
 *	  "entries": [ { "rule": "KA1002", "fingerprint": "<64 hex>",
 *	                 "path": "config/server.properties" | null,
 *	                 "subject": "broker", "key": "min.insync.replicas"
 *	                 | null, "message": "..." } ] }
 *
 * Only rule and fingerprint are read for matching; the rest is there for
 * the people who review the file.
 */
#ifndef KA_BASELINE_H
#define KA_BASELINE_H

#include <stddef.h>
#include <stdio.h>

struct ka_diags;
struct ka_report;

#define KA_BASELINE_VERSION	1
#define KA_BASELINE_DEFAULT	"kafka-audit-baseline.json"
#define KA_BASELINE_MAX_BYTES	(256u * 1024 * 1024)

struct ka_baseline_entry {
	char		*rule;		/* owned */
	char		*fingerprint;	/* owned: 64 hex digits */
	char		*path;		/* owned, or NULL for live findings */
	char		*subject;	/* owned, or NULL */
	char		*key;		/* owned, or NULL */
	char		*message;	/* owned, or NULL */
	unsigned int	 line, col;	/* of the entry in the file */
	int		 used;		/* matched a finding of this run */
};

struct ka_baseline {
	char			*path;		/* owned: the file read */
	struct ka_baseline_entry *v;		/* owned */
	size_t			 len, cap;
};

void	ka_baseline_init(struct ka_baseline *);
void	ka_baseline_clear(struct ka_baseline *);

/*
 * Read a baseline.  Returns 0, or -1 after one diagnostic: source.open,
 * source.too-large, baseline.syntax (at file:line:col) or
 * baseline.schema.
 */
int	ka_baseline_read(struct ka_baseline *, const char *path,
	    struct ka_diags *);

/*
 * Match the fingerprinted findings of a report against the baseline:
 * every entry that a finding has is used, and each finding that counted
 * and is in the baseline becomes suppressed (KA_SUPPRESS_BASELINE, its
 * loc the entry's line; the path is borrowed from the baseline).  An
 * entry that matched nothing is stale when its file (or, for a live
 * finding, a cluster) was audited, and is reported as a baseline.stale
 * note when stale is set; any other is kept as if used, since a partial
 * audit says nothing about it.  Returns the number of stale entries.
 */
size_t	ka_baseline_apply(struct ka_baseline *, struct ka_report *,
	    struct ka_diags *, int stale);

/*
 * Write a baseline of the findings of a report that count (create), or
 * of the used entries of b (prune), to path ("-": standard output); a
 * file is written beside path and renamed over it.  Returns the number
 * of entries written, or -1 after an output.write diagnostic.
 */
long	ka_baseline_save_report(const struct ka_report *, const char *path,
	    struct ka_diags *);
long	ka_baseline_save_used(const struct ka_baseline *, const char *path,
	    struct ka_diags *);

#endif
