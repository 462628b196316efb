/*
 * The rule model.  Rules are data (the YAML files under rules/, loaded by
 * rules_yaml.c); this file holds the loaded form and the lookups on it.
 * A ruleset is built once and then only read: eval and the reporters get
 * it const.
 *
 * Conditions are a closed vocabulary, not a language: comparisons of a
 * key's effective value with a constant or with another key, set
 * membership, whether the file sets a key, the combinators all/any/not, and
 * a few built-in structural checks of a file (duplicate keys, unknown keys,
 * values that carry a would-be comment, ...).  kafka-audit-rules(5) is the
 * reference.
 */
#ifndef KA_RULES_H
#define KA_RULES_H

#include <stddef.h>

#include "catalog.h"
#include "diag.h"
#include "version.h"

/* Scopes, as bits of struct ka_rule.scopes. */
#define KA_SCOPE_BROKER		0x01
#define KA_SCOPE_TOPIC		0x02
#define KA_SCOPE_PRODUCER	0x04
#define KA_SCOPE_CONSUMER	0x08
#define KA_SCOPE_PARTITION	0x10
#define KA_SCOPE_CLUSTER	0x20

/* Ordered: a more severe finding has a larger value. */
enum ka_severity {
	KA_SEV_INFO,
	KA_SEV_WARNING,
	KA_SEV_ERROR,
	KA_SEV__MAX
};

enum ka_category {
	KA_CAT_CONFIG,		/* always wrong */
	KA_CAT_STATE		/* a live condition: under-replicated now */
};

enum ka_cond_op {
	KA_COND_ALL,		/* every sub-condition holds */
	KA_COND_ANY,		/* at least one holds */
	KA_COND_NOT,		/* the one sub-condition does not hold */
	KA_COND_SET,		/* the file sets key (under any alias) */
	KA_COND_UNSET,		/* the file does not set key */
	KA_COND_EQ,		/* effective value of key vs value */
	KA_COND_NE,
	KA_COND_LT,
	KA_COND_LE,
	KA_COND_GT,
	KA_COND_GE,
	KA_COND_IN,		/* effective value is one of set[] */
	KA_COND_NOT_IN,
	KA_COND_EQ_KEY,		/* effective value of key vs that of rkey */
	KA_COND_NE_KEY,
	KA_COND_LT_KEY,
	KA_COND_LE_KEY,
	KA_COND_GT_KEY,
	KA_COND_GE_KEY,
	KA_COND_MATCHES,	/* the value (any element of a list) matches
				   the fnmatch(3) glob in value */
	KA_COND_CHECK,		/* a built-in structural check */
	KA_COND_TOPICS		/* some live topic meets the sub-condition,
				   whose keys are the topic's */
};

enum ka_check {
	KA_CHECK_DUPLICATE_KEY,	/* a key set twice; the last wins */
	KA_CHECK_UNKNOWN_KEY,	/* a key the role's client does not know */
	KA_CHECK_INLINE_COMMENT, /* a value carrying " #..." or " !..." */
	KA_CHECK_INVALID_VALUE,	/* a value Kafka or librdkafka rejects */
	KA_CHECK_LEGACY_KEY,	/* an old Scala-client key the client ignores */
	KA_CHECK_VERSION_KEY,	/* a key the chosen Kafka version lacks */
	KA_CHECK_BROKERS_DISAGREE, /* live brokers differ on a key that a
				   broker rule reads */
	KA_CHECK_FILE_DRIFT,	/* a broker file and the live broker of its
				   node.id differ */
	/*
	 * The tool's reports on suppressions (KA0xxx): made by suppress.c
	 * after the evaluation, never by eval.
	 */
	KA_CHECK_SUPPRESSION_EXPIRED,	/* until= has passed */
	KA_CHECK_SUPPRESSION_UNUSED,	/* it suppresses nothing */
	KA_CHECK_SUPPRESSION_UNKNOWN,	/* it names no rule */
	KA_CHECK_SUPPRESSION_MISPLACED,	/* it cannot apply where it is */
	KA_CHECK_SUPPRESSION_DENIED,	/* it names a rule that is not
					   suppressible */
	KA_CHECK__MAX
};

/*
 * A reference to a key.  name is a Java key name; for librdkafka files
 * eval also finds its aliases through the catalogue.  With broker set, the
 * value comes from the broker files audited in the same run ("broker:" in
 * YAML), which is how client files are cross-checked against brokers.
 */
struct ka_keyref {
	char		*name;		/* owned; NULL if unused */
	int		 broker;
};

struct ka_cond {
	enum ka_cond_op		 op;
	struct ka_keyref	 key;	/* SET..GE_KEY */
	char			*value;	/* owned: EQ..GE constant as written */
	char			**set;	/* owned: IN, NOT_IN */
	size_t			 nset;
	struct ka_keyref	 rkey;	/* *_KEY with one key */
	struct ka_keyref	*rsum;	/* owned: *_KEY with a list of keys,
					   whose values are added up */
	size_t			 nrsum;
	struct ka_cond		*sub;	/* owned: ALL, ANY (nsub), NOT and
					   TOPICS (1) */
	size_t			 nsub;
	enum ka_check		 check;	/* CHECK */
	char			*option; /* owned: EQ..GE compare with this
					   option of the rule, not value */
	size_t			 optidx; /* its index in the rule's options */
	struct ka_loc		 loc;	/* where it is written */
};

/* Who chose a rule's severity or the value of one of its options. */
enum ka_set_kind {
	KA_SET_PACK,		/* the rule file, as written */
	KA_SET_CONFIG,		/* the configuration file, at loc */
	KA_SET_PROFILE,		/* a profile of the configuration file */
	KA_SET_CMDLINE		/* the command line */
};

struct ka_setby {
	enum ka_set_kind	 kind;
	struct ka_loc		 loc;	/* CONFIG, PROFILE: the value; path
					   borrowed from the policy */
};

enum ka_opt_type {
	KA_OPT_INTEGER,
	KA_OPT_STRING
};

/*
 * An option a rule declares ("options:" in YAML), such as the target
 * replication factor: conditions compare with it ({option: NAME}) and
 * templates show it ({option:NAME}).  The configuration file sets value;
 * until it does, value is the default.
 */
struct ka_ruleopt {
	char			*name;	/* owned: "target-replication-factor" */
	enum ka_opt_type	 type;
	long long		 min, max; /* INTEGER: the values allowed */
	char			*deflt;	/* owned: the rule file's default */
	char			*value;	/* owned: the value in force */
	char			*doc;	/* owned: one line */
	struct ka_setby		 set;	/* who chose value */
	struct ka_loc		 loc;	/* where it is declared */
};

/*
 * A rule.  Every string is owned.  versions are the Kafka releases it
 * applies to (versions_text as written, NULL for all); clients has bit
 * 1 << KA_CLIENT_* for each client it applies to, 0 for any; key is the
 * key findings are about (NULL for checks); message is a template (see
 * kafka-audit-rules(5)); loc is the "id:" line, its path borrowed from the
 * ruleset.  The configuration file may change the severity, turn the rule
 * off and set its options (policy.c) before the ruleset is evaluated.
 */
struct ka_rule {
	char			*id;		/* "KA2001" */
	char			*slug;		/* "producer-acks-not-all" */
	char			*title;		/* one line */
	unsigned int		 scopes;	/* KA_SCOPE_* bits */
	enum ka_category	 category;
	enum ka_severity	 severity;	/* default severity */
	struct ka_vranges	 versions;
	char			*versions_text;
	unsigned int		 clients;
	char			*key;
	struct ka_cond		*when;		/* NULL = always */
	struct ka_cond		*cond;		/* never NULL once loaded */
	char			*message;
	char			*rationale;
	char			*fix;
	struct ka_ruleopt	*options;	/* owned array */
	size_t			 noptions;
	int			 suppressible;	/* 0: "# kafka-audit: disable="
						   cannot silence it */
	int			 off;		/* turned off by the
						   configuration: never
						   evaluated */
	struct ka_setby		 severity_set;	/* who chose severity (and
						   off) */
	struct ka_loc		 loc;
};

struct ka_ruleset {
	struct ka_rule		*v;		/* owned array, sorted by id
						   after ka_rules_finish() */
	size_t			 len, cap;
	char			**paths;	/* owned: files loaded; the locs
						   of rules borrow these */
	size_t			 npaths;
};

void			 ka_rules_init(struct ka_ruleset *);
void			 ka_rules_clear(struct ka_ruleset *);

/* Append a zeroed rule and return it; borrowed until the next append. */
struct ka_rule		*ka_rules_add(struct ka_ruleset *);

/* Keep a copy of a path for locations to borrow; returns the copy. */
const char		*ka_rules_add_path(struct ka_ruleset *, const char *);

void			 ka_cond_free(struct ka_cond *);	/* and subs */

/*
 * Validate the whole set after loading: ids and slugs unique; every key a
 * condition names known to the catalogue in a dialect of the rule's scopes
 * (rules.unknown-key).  Sorts by id.  Returns 0, or -1 after diagnostics.
 */
int			 ka_rules_finish(struct ka_ruleset *,
			    struct ka_diags *);

/*
 * The configuration keys that the rules read in subjects of scope (one
 * KA_SCOPE_* bit), wherever they name them: a rule's key, its conditions
 * and templates, broker: references of client rules for the broker
 * scope, topics: conditions of client rules for the topic scope; rules
 * the configuration turned off read nothing.  A new
 * sorted array of unique names, owned with them by the caller (free with
 * ka_rules_keys_free()); NULL with *n = 0 when there is none.  Lets a
 * live fetch ask only for these.
 */
char			**ka_rules_keys(const struct ka_ruleset *,
			    unsigned int scope, size_t *n);
void			 ka_rules_keys_free(char **, size_t);

/* Look a rule up by id or slug, ignoring case; borrowed, or NULL. */
const struct ka_rule	*ka_rules_find(const struct ka_ruleset *,
			    const char *);

/* The option of a rule by name; borrowed, or NULL. */
struct ka_ruleopt	*ka_rules_option(const struct ka_rule *,
			    const char *);

/*
 * Check a value for an option and make it canonical (an integer in
 * decimal): returns an owned string, or NULL with *why set to "invalid",
 * "too small" or "too large".  ka_rules_option_expect() says what the
 * option takes, "an integer of at least 1"; owned.
 */
char			*ka_rules_option_value(const struct ka_ruleopt *,
			    const char *, const char **why);
char			*ka_rules_option_expect(const struct ka_ruleopt *);

/*
 * A rule's text with every {option:NAME} replaced by the option's value
 * in force, for "explain"; the other placeholders stay.  Owned.
 */
char			*ka_rules_expand_options(const struct ka_rule *,
			    const char *);

/* 1 if the rule is one of the tool's reports on suppressions. */
int			 ka_rules_is_self(const struct ka_rule *);

/* The id or slug closest to an unknown one, for "did you mean"; or NULL. */
const char		*ka_rules_suggest(const struct ka_ruleset *,
			    const char *);

/*
 * The one of n names closest to word by edit distance, ignoring case, for
 * "did you mean" (rules_yaml.c uses it for fields, operators and values);
 * borrowed from names, or NULL when none is close enough to be a typo.
 */
const char		*ka_rules_closest(const char *word,
			    const char *const *names, size_t n);

/* Names for output and parsing; static strings. */
const char		*ka_rules_severity_name(enum ka_severity);
int			 ka_rules_severity_parse(const char *,
			    enum ka_severity *);
const char		*ka_rules_category_name(enum ka_category);
const char		*ka_rules_check_name(enum ka_check);
int			 ka_rules_check_parse(const char *, enum ka_check *);
const char		*ka_rules_scope_name(unsigned int bit);

#endif
