/*
 * Fingerprints: one stable identity per finding, shared by SARIF
 * (partialFingerprints), GitLab Code Quality, the JSON report and the
 * baseline.  It hashes what the finding is about, never where on a line
 * it is, so that moving a property or editing the lines around it keeps
 * the fingerprint:
 *
 *	SHA-256(rule id "\0" target "\0" key "\0" occurrence)
 *
 * target is the file's path relative to the path base, or for a live
 * finding "cluster", "broker:2", "brokers:1,2,3", "topic:orders" or
 * "topic:orders/partition:3"; key is the finding's key or ""; occurrence
 * is 1 for the first finding (in report order) with the same rule,
 * target and key, 2 for the second, in decimal.
 */
#ifndef KA_FINGERPRINT_H
#define KA_FINGERPRINT_H

#include "sha256.h"

struct ka_finding;
struct ka_report;

/*
 * The target of finding f, given the relative path of its file (ignored
 * for a live finding); owned by the caller.
 */
char	*ka_fingerprint_target(const struct ka_finding *, const char *rel);

/* The fingerprint of one identity, as 64 hex digits. */
void	 ka_fingerprint(const char *rule, const char *target,
	    const char *key, unsigned int occurrence,
	    char [KA_SHA256_HEX]);

/*
 * Set the occurrence and fingerprint of every finding of a sorted report
 * whose files ka_report_locate() has placed.
 */
void	 ka_fingerprint_report(struct ka_report *);

#endif
