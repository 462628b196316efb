/*
 * The configuration file, .kafka-audit.yaml: how a team sets up the
 * tool for its repository and its clusters.  policy_yaml.c reads it (the
 * schema is kafka-audit-config(5)); this module finds it, chooses a
 * profile, checks what it names against the loaded rules and applies it
 * to them, and keeps where every value was written, for "config show"
 * and for the findings about exemptions.
 *
 * Not named config.h: a quoted #include "config.h" in src/ must find
 * autoconf's.
 */
#ifndef KA_POLICY_H
#define KA_POLICY_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "rules.h"

#define KA_POLICY_NAME		".kafka-audit.yaml"
#define KA_POLICY_NAME_YML	".kafka-audit.yml"

/* How the file was chosen. */
enum ka_policy_how {
	KA_POLICY_NONE,		/* no file: the built-in defaults */
	KA_POLICY_FOUND,	/* by walking up from the working directory */
	KA_POLICY_GIVEN		/* --config, or config validate FILE */
};

/* An option value: options: NAME: VALUE. */
struct ka_policy_opt {
	char			*name;		/* owned */
	char			*value;		/* owned, as written */
	struct ka_loc		 keyloc;	/* the name */
	struct ka_loc		 loc;		/* the value */
};

/* An entry of rules:, which names a rule by id or slug. */
struct ka_policy_rule {
	char			*name;		/* owned, as written */
	struct ka_loc		 loc;		/* the name */
	int			 has_severity;
	int			 off;		/* severity "off" */
	enum ka_severity	 severity;
	struct ka_loc		 sevloc;
	struct ka_policy_opt	*opts;		/* owned array */
	size_t			 nopts;
	struct ka_rule		*rule;		/* borrowed from the ruleset,
						   once resolved */
};

/*
 * An exemption: the findings of some rules that a run accepts, chosen by
 * cluster, topic, broker and file (every selector given must match), for
 * a reason, until a day.
 */
struct ka_exemption {
	char			**rules;	/* owned: ids, slugs or "all" */
	struct ka_loc		 *ruleloc;	/* owned: where each is */
	const struct ka_rule	**rulep;	/* owned: each rule, NULL for
						   "all", once resolved */
	size_t			  nrules;
	char			 *cluster;	/* owned, or NULL */
	struct ka_loc		  clusterloc;
	char			 *topic;	/* owned glob, or NULL */
	int32_t			 *brokers;	/* owned */
	size_t			  nbrokers;
	char			 *file;		/* owned glob, or NULL */
	char			 *reason;	/* owned */
	char			  until[11];	/* YYYY-MM-DD, or "" */
	struct ka_loc		  untilloc;
	struct ka_loc		  loc;		/* the entry */
	int			  profile;	/* 1 if from the profile */
};

/* A value that a layer may set: the failure threshold, or a switch. */
struct ka_policy_value {
	int			 set;		/* 1 if the layer sets it */
	int			 value;
	struct ka_loc		 loc;
};

/* The settings of the file's top level, or of one profile. */
struct ka_policy_layer {
	struct ka_policy_value	 threshold;	/* enum ka_severity, -1:
						   none */
	struct ka_policy_value	 inline_on;	/* inline suppressions */
	struct ka_policy_opt	*opts;		/* owned: options: */
	size_t			 nopts;
	struct ka_policy_rule	*rules;		/* owned: rules: */
	size_t			 nrules;
	struct ka_exemption	*exempt;	/* owned: exemptions: */
	size_t			 nexempt;
};

struct ka_policy_profile {
	char			*name;		/* owned */
	struct ka_loc		 loc;
	struct ka_policy_layer	 layer;
};

/* A named cluster: check --cluster NAME. */
struct ka_policy_cluster {
	char			*name;		/* owned */
	struct ka_loc		 loc;
	char			*bootstrap;	/* owned */
	char			*client_config;	/* owned: librdkafka names,
						   as -F; or NULL */
	char			*command_config; /* owned: Java names, as
						   --command-config; or NULL */
};

/* A directory or file of rules: rule-dirs:. */
struct ka_policy_dir {
	char			*path;		/* owned: from the working
						   directory */
	struct ka_loc		 loc;
};

struct ka_policy {
	enum ka_policy_how	 how;
	char			*path;		/* owned: the file, or NULL;
						   every loc borrows it */
	char			*dir;		/* owned: its directory, which
						   relative paths start from */
	struct ka_policy_layer	 base;
	struct ka_policy_profile *profiles;	/* owned array */
	size_t			 nprofiles;
	struct ka_loc		 profiles_loc;	/* the key profiles:, or
						   line 0 */
	struct ka_policy_cluster *clusters;	/* owned array */
	size_t			 nclusters;
	struct ka_loc		 clusters_loc;
	struct ka_policy_dir	*dirs;		/* owned array */
	size_t			 ndirs;
	const struct ka_policy_profile *profile; /* the one chosen, or
						   NULL */
};

void	ka_policy_init(struct ka_policy *);
void	ka_policy_clear(struct ka_policy *);

/*
 * The configuration file for the working directory: .kafka-audit.yaml
 * (or .kafka-audit.yml) in it or the nearest directory above it, up to
 * the root of its repository (the directory that holds .git) or of the
 * file system.  *path is owned, relative to the working directory; NULL
 * when there is none.  Returns 0, or -1 after a diagnostic (the working
 * directory cannot be read).
 */
int	ka_policy_find(char **path, struct ka_diags *);

/*
 * Read the file at path into p (initialised, empty), how having been
 * found or given; every problem is a diagnostic at its line and column
 * (config.yaml, config.schema).  Returns 0, or -1: p then holds nothing
 * to use.  Defined in policy_yaml.c.
 */
int	ka_policy_yaml_load(struct ka_policy *, const char *path,
	    enum ka_policy_how, struct ka_diags *);

/* A path written in the file, made relative to the working directory. */
char	*ka_policy_resolve(const struct ka_policy *, const char *);

/* Choose a profile by name; -1 after config.unknown-profile. */
int	ka_policy_select(struct ka_policy *, const char *name,
	    struct ka_diags *);

/*
 * Check every rule, option and exemption that the file names, in every
 * profile, against the loaded rules (config.unknown-rule,
 * config.unknown-option, config.schema for a bad option value), then
 * apply the top level and the chosen profile to the rules: severities,
 * rules turned off, option values, each with where it was set.  Returns
 * 0, or -1 after diagnostics; the rules are then unchanged.
 */
int	ka_policy_apply(struct ka_policy *, struct ka_ruleset *,
	    struct ka_diags *);

/* A named cluster, or NULL after config.unknown-cluster. */
const struct ka_policy_cluster *ka_policy_cluster(const struct ka_policy *,
	    const char *name, struct ka_diags *);

/*
 * The failure threshold and whether inline suppressions count, as the
 * file and the chosen profile set them: 1 and *out set, or 0 when
 * neither does; *loc is where.
 */
int	ka_policy_threshold(const struct ka_policy *, int *out,
	    struct ka_setby *);
int	ka_policy_inline(const struct ka_policy *, int *out,
	    struct ka_setby *);

/* The path of a file relative to the directory of the configuration
 * file, for the file: selector of exemptions; owned, or NULL when the
 * file is not below it. */
char	*ka_policy_relpath(const struct ka_policy *, const char *path);

#endif
