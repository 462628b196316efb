/*
 * Cluster snapshots: a struct ka_cluster saved as JSON by "kafka-audit
 * snapshot" and read back by "check --snapshot", so that a CI job can
 * audit a cluster it cannot reach.  The format is versioned
 * ("kafkaAuditSnapshot": 1) and documented in kafka-audit(1); output is
 * deterministic (the cluster's sorted order, a fixed key order), so that
 * reading a snapshot and writing it again gives the same bytes.  Secrets
 * are never written: a sensitive config has a null value, and a snapshot
 * that holds one is refused.  The only files that include jansson.h are
 * this module's and the JSON reporter's.
 */
#ifndef KA_SNAPSHOT_H
#define KA_SNAPSHOT_H

#include <stddef.h>
#include <stdio.h>

struct ka_cluster;
struct ka_diags;

#define KA_SNAPSHOT_VERSION	1
#define KA_SNAPSHOT_MAX_BYTES	(512u * 1024 * 1024)

/* Write c to fp; -1 on a write error (nothing is reported). */
int	ka_snapshot_write(const struct ka_cluster *, FILE *);

/*
 * Write c to path, "-" being standard output.  A file is written beside
 * path and renamed over it when complete, so a failed run never leaves
 * half a snapshot.  Returns 0, or -1 after an output.write diagnostic.
 */
int	ka_snapshot_save(const struct ka_cluster *, const char *path,
	    struct ka_diags *);

/*
 * Read a snapshot from path ("-" for standard input) into c, which is
 * initialised and empty.  The cluster is sorted and its origin is path.
 * Returns 0, or -1 after one diagnostic: source.open, source.too-large,
 * snapshot.syntax (at file:line:col) or snapshot.schema (naming the
 * member by its JSON pointer); c must be cleared in either case.
 */
int	ka_snapshot_read(struct ka_cluster *, const char *path,
	    struct ka_diags *);

/* The same from bytes in memory; name is the path for messages. */
int	ka_snapshot_parse(struct ka_cluster *, const char *name,
	    const char *text, size_t len, struct ka_diags *);

#endif
