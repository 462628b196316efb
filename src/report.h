/*
 * Findings and the report that collects them, and the table of output
 * formats.  eval appends findings; after ka_report_sort() the report is
 * read-only and every reporter prints the same findings in the same order.
 * Reporters decide nothing: they format what they are given.
 */
#ifndef KA_REPORT_H
#define KA_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "rules.h"
#include "settings.h"

struct ka_pathbase;

/*
 * Why a finding does not count: accepted in a comment of the file, by an
 * exemption of the configuration file, or recorded in the baseline.  A
 * suppressed finding is kept, counted and shown on request, but never
 * fails the run.
 */
enum ka_suppress_kind {
	KA_SUPPRESS_NONE,
	KA_SUPPRESS_INLINE,	/* "# kafka-audit: disable=..." */
	KA_SUPPRESS_CONFIG,	/* an exemption of .kafka-audit.yaml */
	KA_SUPPRESS_BASELINE	/* an entry of --baseline */
};

struct ka_suppression {
	enum ka_suppress_kind	 kind;
	char			*reason;	/* owned, or NULL */
	char			*until;		/* owned: YYYY-MM-DD, or NULL */
	struct ka_loc		 loc;		/* where it is written; path
						   borrowed; line 0 = none */
};

/*
 * One finding.  loc is the key's place, or the file alone (line 0) when
 * the key is absent; related is another place involved, such as the
 * broker file of a cross-check (line 0 = none).  Both borrow their paths
 * from the sources.  value is never a sensitive value.
 */
struct ka_finding {
	const struct ka_rule	*rule;		/* borrowed */
	enum ka_severity	 severity;
	struct ka_loc		 loc;
	char			*subject;	/* owned: "producer", "topic
						   orders partition 3" */
	enum ka_kind		 kind;		/* of the subject */
	int32_t			 broker;	/* a live broker's id, or -1 */
	char			*topic;		/* owned: a live topic, or
						   NULL */
	int32_t			 partition;	/* a live partition, or -1 */
	int32_t			 partner;	/* the live broker a file was
						   cross-checked with, or -1 */
	int32_t			*brokers;	/* owned: the live brokers a
						   merged finding stands for */
	size_t			 nbrokers;
	char			*key;		/* owned: as the file spells it,
						   the Java name if absent, or
						   NULL when no key */
	char			*value;		/* owned: effective value, or
						   NULL for null */
	enum ka_origin		 origin;
	char			*provenance;	/* owned: where value is from */
	char			*message;	/* owned, template expanded */
	char			*fix;		/* owned, template expanded */
	struct ka_loc		 related;
	struct ka_suppression	 suppressed;	/* kind NONE: it counts */
	char			*fingerprint;	/* owned: stable id across
						   runs (SARIF, baselines),
						   or NULL until computed */
	unsigned int		 occurrence;	/* 1 for the first finding
						   of its rule, target and
						   key, 2 for the next...;
						   0 until computed */
};

struct ka_report {
	struct ka_finding	*v;		/* owned array */
	size_t			 len, cap;
	const char		**files;	/* owned array of borrowed
						   paths: the files audited */
	size_t			 nfiles, filescap;
	int			 cluster;	/* 1 if a cluster was audited */
	size_t			 nbrokers, ntopics, npartitions;
	size_t			*fileidx;	/* owned: files by hash, each
						   as its index plus one; 0 is
						   a free slot */
	size_t			 fileidxcap;	/* 0 or a power of two */
	char			**rel;		/* owned: files[i] relative
						   to the path base, after
						   ka_report_locate() */
};

void			 ka_report_init(struct ka_report *);
void			 ka_report_clear(struct ka_report *);

/* Append a zeroed finding; borrowed until the next append. */
struct ka_finding	*ka_report_add(struct ka_report *);

/*
 * Free what finding i owns, leaving the slot for the caller to fill or
 * compact; the report's length is the caller's to adjust.
 */
void			 ka_report_drop(struct ka_report *, size_t i);
void			 ka_report_add_file(struct ka_report *, const char *);
/* The index in files of an audited path, or -1. */
long			 ka_report_file_index(const struct ka_report *,
			    const char *);

/* Sort by (path, line, col, rule id, subject, key): deterministic output. */
void			 ka_report_sort(struct ka_report *);

/* Findings of a severity that count: those not suppressed. */
size_t			 ka_report_count(const struct ka_report *,
			    enum ka_severity);
/* Findings suppressed in a way (not KA_SUPPRESS_NONE). */
size_t			 ka_report_suppressed(const struct ka_report *,
			    enum ka_suppress_kind);
/*
 * Findings waived by people, in a comment or an exemption: what the
 * summaries call suppressed, the baselined ones being counted apart.
 */
size_t			 ka_report_waived(const struct ka_report *);

/*
 * Compute the path of every audited file relative to the base, once;
 * ka_report_path() then returns it for any path of the report's files
 * (a finding's loc or related path), and path itself for any other.
 */
void			 ka_report_locate(struct ka_report *,
			    const struct ka_pathbase *);
const char		*ka_report_path(const struct ka_report *,
			    const char *);
/* The same for files[i]. */
const char		*ka_report_file_path(const struct ka_report *,
			    size_t i);

/*
 * The same, remembering the paths last asked for by their address: the
 * findings of a file follow one another and share its path, and those of
 * a client name the few broker files near it, so a reporter that walks
 * them looks each file up about once.  Zero the cache before the first
 * call.
 */
#define KA_REPORT_PATHCACHE	64	/* entries; a power of two */

struct ka_report_pathcache {
	const char	*path[KA_REPORT_PATHCACHE];	/* borrowed */
	const char	*rel[KA_REPORT_PATHCACHE];	/* borrowed */
};
const char		*ka_report_path_cached(const struct ka_report *,
			    struct ka_report_pathcache *, const char *);

/*
 * The names of a kind of suppression: the JSON's ("inline", "config",
 * "baseline") and the text report's word for a finding so suppressed
 * ("suppressed", "exempted", "baselined"); static, NULL for NONE.
 */
const char		*ka_report_suppress_name(enum ka_suppress_kind);
const char		*ka_report_suppress_word(enum ka_suppress_kind);

/* Everything a reporter may print. */
struct ka_report_ctx {
	const struct ka_report	*report;
	const struct ka_diags	*diags;
	const struct ka_ruleset	*rules;
	int			 color;		/* text: ANSI colour */
	int			 verbose;
	int			 threshold;	/* enum ka_severity, or -1 */
	int			 exit_status;	/* the run's exit status */
	unsigned long		 version;	/* --kafka-version in force */
	int			 show_suppressed; /* print suppressed
						   findings, marked */
	const struct ka_pathbase *base;		/* for paths the report
						   does not hold, or NULL */
	const struct ka_cluster	*cluster;	/* the audited cluster, or
						   NULL */
	const char		*snapshot;	/* the cluster's snapshot,
						   relative to the base, or
						   NULL when live or none */
	const struct ka_settings *const *subjects; /* every audited
						   subject, files first */
	size_t			 nsubjects;
};

/*
 * The line of a live finding's broker, topic or partition in the
 * snapshot the cluster was read from; 0 if unknown or live.
 */
unsigned int		 ka_report_snapshot_line(const struct ka_report_ctx *,
			    const struct ka_finding *);

/*
 * The first line of a text such as a rule's fix, without the white space
 * around it: its start, and its length in *len (0 for none).  The CI
 * reports give one line of the fix; "explain" and JSON give all of it.
 */
const char		*ka_report_first_line(const char *, size_t *len);

/*
 * Whether a reporter prints finding f: every finding that counts, and the
 * suppressed ones too when asked.
 */
int			 ka_report_shown(const struct ka_report_ctx *,
			    const struct ka_finding *);

/* Write the report in a named format; -1 on an unknown name or I/O error. */
int			 ka_report_emit(const char *format, FILE *,
			    const struct ka_report_ctx *);
int			 ka_report_format_known(const char *);
/* The static name of the format spelt by len bytes of name, or NULL. */
const char		*ka_report_format_name(const char *name, size_t len);
/* "text, compact, json, ..."; static. */
const char		*ka_report_format_list(void);

/*
 * The formats themselves: report_text.c, report_json.c, report_sarif.c,
 * report_junit.c, report_github.c and report_codequality.c.
 */
int			 ka_report_text_emit(FILE *,
			    const struct ka_report_ctx *);
int			 ka_report_text_compact(FILE *,
			    const struct ka_report_ctx *);
int			 ka_report_json_emit(FILE *,
			    const struct ka_report_ctx *);
int			 ka_report_sarif_emit(FILE *,
			    const struct ka_report_ctx *);
int			 ka_report_junit_emit(FILE *,
			    const struct ka_report_ctx *);
int			 ka_report_github_emit(FILE *,
			    const struct ka_report_ctx *);
int			 ka_report_codequality_emit(FILE *,
			    const struct ka_report_ctx *);

/*
 * Escaping for the CI formats, exported for their unit tests.  XML text
 * and attribute values: '&', '<', '>', '"' and '\'' as entities, CR as a
 * character reference, and in an attribute tab and LF too (which a
 * parser would otherwise turn into spaces); every character that XML 1.0
 * forbids (other C0 controls, U+FFFE, U+FFFF, bytes that are not UTF-8)
 * as U+FFFD.  GitHub workflow commands: '%', CR and LF as %25, %0D and
 * %0A, and in a property also ':' and ',' as %3A and %2C.
 */
void			 ka_report_junit_escape(FILE *, const char *,
			    int attribute);
void			 ka_report_github_escape(FILE *, const char *,
			    int property);

/* The rule catalogue as JSON, for "kafka-audit rules --format json". */
int			 ka_report_json_rules(FILE *,
			    const struct ka_ruleset *);

#endif
