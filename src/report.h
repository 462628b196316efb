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

/* Sort by (path, line, col, rule id, subject, key): deterministic output. */
void			 ka_report_sort(struct ka_report *);

/* Findings of a severity that count: not suppressed. */
size_t			 ka_report_count(const struct ka_report *,
			    enum ka_severity);

/* Findings suppressed, of every kind. */
size_t			 ka_report_suppressed(const struct ka_report *);

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
	int			 show_suppressed; /* print suppressed findings,
						   marked, too */
};

/* 1 if a reporter prints f: it counts, or --show-suppressed. */
int			 ka_report_shown(const struct ka_report_ctx *,
			    const struct ka_finding *);

/* Write the report in a named format; -1 on an unknown name or I/O error. */
int			 ka_report_emit(const char *format, FILE *,
			    const struct ka_report_ctx *);
int			 ka_report_format_known(const char *);
/* "text, compact, json"; static. */
const char		*ka_report_format_list(void);

/* The formats themselves (report_text.c, report_json.c). */
int			 ka_report_text_emit(FILE *,
			    const struct ka_report_ctx *);
int			 ka_report_text_compact(FILE *,
			    const struct ka_report_ctx *);
int			 ka_report_json_emit(FILE *,
			    const struct ka_report_ctx *);

/* The rule catalogue as JSON, for "kafka-audit rules --format json". */
int			 ka_report_json_rules(FILE *,
			    const struct ka_ruleset *);

#endif
