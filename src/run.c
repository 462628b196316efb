#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "catalog.h"
#include "clientconf.h"
#include "cluster.h"
#include "diag.h"
#include "directive.h"
#include "eval.h"
#include "fingerprint.h"
#include "live.h"
#include "opts.h"
#include "policy.h"
#include "props.h"
#include "report.h"
#include "role.h"
#include "rules.h"
#include "rules_yaml.h"
#include "run.h"
#include "settings.h"
#include "snapshot.h"
#include "source.h"
#include "suppress.h"
#include "walk.h"
#include "xmalloc.h"

/*
 * Today's date, by which suppressions expire: KAFKA_AUDIT_TODAY when set,
 * so that tests and reproductions of an old run see the same day, else
 * the local date.
 */
static void
today(struct ka_run *r)
{
	const char	*env = getenv("KAFKA_AUDIT_TODAY");
	struct tm	 tm;
	time_t		 now;

	if (env != NULL && *env != '\0') {
		if (ka_directive_date_ok(env)) {
			memcpy(r->today, env, sizeof(r->today));
			return;
		}
		ka_diag(&r->diags, KA_D_USAGE, NULL, "KAFKA_AUDIT_TODAY='%s' "
		    "is not a date; expected YYYY-MM-DD", env);
	}
	now = time(NULL);
	if (localtime_r(&now, &tm) == NULL ||
	    strftime(r->today, sizeof(r->today), "%Y-%m-%d", &tm) == 0)
		memcpy(r->today, "9999-12-31", sizeof(r->today));
}

void
ka_run_init(struct ka_run *r)
{
	memset(r, 0, sizeof(*r));
	ka_diags_init(&r->diags);
	ka_rules_init(&r->rules);
	ka_report_init(&r->report);
	ka_cluster_init(&r->cluster);
	ka_baseline_init(&r->baseline);
	r->written = -1;
	ka_policy_init(&r->policy);
	r->threshold = KA_SEV_ERROR;
	r->inline_on = 1;
}

static void
settings_free(struct ka_settings *s)
{
	if (s == NULL)
		return;
	ka_settings_clear(s);
	free(s);
}

void
ka_run_clear(struct ka_run *r)
{
	size_t	 i;

	ka_report_clear(&r->report);
	ka_baseline_clear(&r->baseline);
	ka_pathbase_clear(&r->base);
	free(r->snapshot);
	free(r->subjects);
	free(r->live);
	ka_cluster_clear(&r->cluster);
	for (i = 0; i < r->nfiles; i++)
		settings_free(r->files[i]);
	free(r->files);
	for (i = 0; i < r->nsources; i++)
		ka_source_free(r->sources[i]);
	free(r->sources);
	ka_rules_clear(&r->rules);
	ka_policy_clear(&r->policy);
	ka_diags_clear(&r->diags);
	memset(r, 0, sizeof(*r));
}

int
ka_run_load_rules(struct ka_run *r, const struct ka_opts *o)
{
	const struct ka_policy_dir	*d;
	const char			*dir;
	size_t				 i;
	int				 rc = 0;

	if (!o->no_default_rules) {
		/* The environment lets tests and relocated installs point
		 * at another copy of the default pack. */
		dir = getenv("KAFKA_AUDIT_RULES_DIR");
		if (dir == NULL || *dir == '\0')
			dir = KA_RULESDIR;
		if (access(dir, F_OK) == -1) {
			ka_diag(&r->diags, KA_D_RULES_NONE, NULL,
			    "the default rule pack is not at %s; run 'make "
			    "install', set KAFKA_AUDIT_RULES_DIR, or use "
			    "--no-default-rules with --rules", dir);
			rc = -1;
		} else if (ka_rules_yaml_load(&r->rules, dir,
		    &r->diags) == -1)
			rc = -1;
	}
	/* The configuration's rule directories, then the command line's. */
	for (i = 0; i < r->policy.ndirs; i++) {
		d = &r->policy.dirs[i];
		if (access(d->path, F_OK) == -1) {
			ka_diag(&r->diags, KA_D_CONFIG_SCHEMA, &d->loc,
			    "rule-dirs: %s: %s", d->path, strerror(errno));
			r->config_bad = 1;
			rc = -1;
		} else if (ka_rules_yaml_load(&r->rules, d->path,
		    &r->diags) == -1)
			rc = -1;
	}
	for (i = 0; i < o->nrules; i++)
		if (ka_rules_yaml_load(&r->rules, o->rules[i], &r->diags) == -1)
			rc = -1;
	if (ka_rules_finish(&r->rules, &r->diags) == -1)
		rc = -1;
	if (r->rules.len == 0 && rc == 0) {
		ka_diag(&r->diags, KA_D_RULES_NONE, NULL,
		    "no rules were loaded; nothing would be checked");
		rc = -1;
	}
	if (!r->config_bad &&
	    ka_policy_apply(&r->policy, &r->rules, &r->diags) == -1) {
		r->config_bad = 1;
		rc = -1;
	}
	return rc;
}

/*
 * The configuration file: --config, or the one found from the working
 * directory, unless --no-config; its profile; and the failure threshold
 * and inline suppressions in force, the command line first.
 */
int
ka_run_load_policy(struct ka_run *r, const struct ka_opts *o)
{
	enum ka_policy_how	 how = KA_POLICY_GIVEN;
	const char		*path = o->config;
	char			*found = NULL;
	int			 rc = 0;

	r->threshold = o->threshold;
	r->threshold_set.kind = o->threshold_set ? KA_SET_CMDLINE :
	    KA_SET_PACK;
	r->inline_on = !o->no_inline;
	r->inline_set.kind = o->no_inline ? KA_SET_CMDLINE : KA_SET_PACK;
	if (path == NULL && !o->no_config) {
		if (ka_policy_find(&found, &r->diags) == -1)
			rc = -1;
		path = found;
		how = KA_POLICY_FOUND;
	}
	if (path != NULL &&
	    ka_policy_yaml_load(&r->policy, path, how, &r->diags) == -1) {
		ka_policy_clear(&r->policy);
		rc = -1;
	}
	free(found);
	if (rc == 0 && o->cmd == KA_CMD_CONFIG &&
	    o->action == KA_CONFIG_VALIDATE && r->policy.path == NULL) {
		ka_diag(&r->diags, KA_D_CONFIG_NONE, NULL, "no configuration "
		    "file to validate: none is named, and there is no %s in "
		    "the working directory or above it, up to the "
		    "repository's root", KA_POLICY_NAME);
		rc = -1;
	}
	if (rc == 0 && ka_policy_select(&r->policy, o->profile,
	    &r->diags) == -1)
		rc = -1;
	if (rc == -1) {
		r->config_bad = 1;
		return -1;
	}
	if (!o->threshold_set)
		(void)ka_policy_threshold(&r->policy, &r->threshold,
		    &r->threshold_set);
	if (!o->no_inline)
		(void)ka_policy_inline(&r->policy, &r->inline_on,
		    &r->inline_set);
	return 0;
}

/* Copy diagnostics kept aside while it was unclear a file mattered. */
static void
keep(struct ka_diags *to, const struct ka_diags *from)
{
	size_t	 i;

	for (i = 0; i < from->len; i++)
		ka_diag(to, from->v[i].code, &from->v[i].loc, "%s",
		    from->v[i].detail != NULL ? from->v[i].detail : "");
}

/*
 * Read, parse and classify one input.  A file named on the command line
 * or a *.properties file found in a directory is reported if it cannot be
 * audited; any other file found in a directory is audited only when its
 * keys show it is a Kafka configuration, and otherwise passed over
 * without a word: a README next to server.properties is not an error.
 * Returns 1 if the file joined the audit or is a Kafka file of a kind
 * not audited, else 0.
 */
static int
audit_one(struct ka_run *r, const struct ka_opts *o,
    const struct ka_walk_item *it)
{
	struct ka_role_opts	 ro;
	struct ka_diags		 aside;
	struct ka_settings	*s;
	struct ka_source	*src;
	struct ka_loc		 loc;
	enum ka_input		 input;
	const char		*display = NULL;
	size_t			 before;
	int			 optional, rc;

	optional = it->found && !it->props;
	input = !it->found ? KA_INPUT_NAMED : it->props ? KA_INPUT_FOUND :
	    KA_INPUT_FOUND_OTHER;
	ka_diags_init(&aside);
	if (strcmp(it->path, "-") == 0)
		display = o->stdin_filename;
	src = ka_source_read(it->path, display, &aside);
	if (src == NULL)
		goto drop;

	s = xcalloc(1, sizeof(*s));
	s->src = src;
	s->version = o->version;
	loc.path = src->path;
	loc.line = loc.col = 0;
	if (ka_props_parse(&s->props, src, &aside) == -1)
		goto drop_file;
	if (s->props.len == 0) {
		if (input == KA_INPUT_NAMED)
			ka_diag(&aside, KA_D_SOURCE_EMPTY, &loc,
			    "holds no properties, only comments or blank "
			    "lines");
		else
			ka_diag(&aside, KA_D_WALK_SKIPPED, &loc,
			    "holds no properties; skipped");
		goto drop_file;
	}

	/* A directive whose type= or client= is not understood leaves the
	 * file's role in doubt: it is reported, not guessed. */
	if (ka_directive_scan(&s->props, &s->directives, &s->ndirectives,
	    &aside) == -1)
		goto drop_file;

	memset(&ro, 0, sizeof(ro));
	ro.type_forced = o->type_forced;
	ro.type = o->type;
	ro.client_forced = o->client_forced;
	ro.client = o->client;
	ro.version = o->version;
	before = aside.len;
	rc = ka_role_classify(s, &ro, input, &aside);
	if (rc == KA_ROLE_FOUND_NONE && aside.len > before) {
		/*
		 * Recognised as a Kafka file of a kind not audited (a note
		 * says so): its directory does not lack configurations.
		 */
		keep(&r->diags, &aside);
		ka_diags_clear(&aside);
		settings_free(s);
		ka_source_free(src);
		return 1;
	}
	if (rc == KA_ROLE_FOUND_NONE && !optional)
		ka_diag(&aside, KA_D_WALK_SKIPPED, &loc,
		    "not a Kafka configuration (no Kafka key); skipped");
	if (rc != KA_ROLE_FOUND_OK)
		goto drop_file;

	keep(&r->diags, &aside);
	ka_diags_clear(&aside);
	ka_settings_index(s);
	if (r->nfiles == r->cap) {
		r->cap = r->cap == 0 ? 16 : r->cap * 2;
		r->sources = xreallocarray(r->sources, r->cap,
		    sizeof(*r->sources));
		r->files = xreallocarray(r->files, r->cap, sizeof(*r->files));
	}
	r->sources[r->nsources++] = src;
	r->files[r->nfiles++] = s;
	ka_report_add_file(&r->report, src->path);
	return 1;

drop_file:
	settings_free(s);
	ka_source_free(src);
drop:
	if (!optional)
		keep(&r->diags, &aside);
	ka_diags_clear(&aside);
	return 0;
}

/* One live subject of kind k, with the defaults of --kafka-version. */
static struct ka_settings *
live_subject(struct ka_run *r, const struct ka_opts *o, enum ka_kind k,
    enum ka_role role)
{
	struct ka_settings	*s = &r->live[r->nlive++];

	memset(s, 0, sizeof(*s));
	s->kind = k;
	s->cluster = &r->cluster;
	s->role = role;
	s->role_basis = KA_BASIS_DEFAULT;
	s->client = KA_CLIENT_JAVA;
	s->client_basis = KA_BASIS_DEFAULT;
	s->version = o->version;
	s->dialect = ka_catalog_dialect(role, KA_CLIENT_JAVA);
	return s;
}

/*
 * The cluster as subjects of the rules: itself, each broker, each topic
 * and each of its partitions.  They borrow from r->cluster, which is
 * sorted and no longer changes.
 */
static void
live_subjects(struct ka_run *r, const struct ka_opts *o)
{
	const struct ka_cluster	*c = &r->cluster;
	struct ka_settings	*s;
	size_t			 i, j, n;

	n = 1 + c->nbrokers + c->ntopics;
	for (i = 0; i < c->ntopics; i++)
		n += c->topics[i].nparts;
	r->live = xcalloc(n, sizeof(*r->live));
	r->report.cluster = 1;
	r->report.nbrokers = c->nbrokers;
	r->report.ntopics = c->ntopics;
	r->report.npartitions = n - 1 - c->nbrokers - c->ntopics;
	(void)live_subject(r, o, KA_KIND_CLUSTER, KA_ROLE_BROKER);
	for (i = 0; i < c->nbrokers; i++) {
		s = live_subject(r, o, KA_KIND_BROKER, KA_ROLE_BROKER);
		s->broker = &c->brokers[i];
	}
	for (i = 0; i < c->ntopics; i++) {
		s = live_subject(r, o, KA_KIND_TOPIC, KA_ROLE_TOPIC);
		s->topic = &c->topics[i];
		for (j = 0; j < c->topics[i].nparts; j++) {
			s = live_subject(r, o, KA_KIND_PARTITION,
			    KA_ROLE_TOPIC);
			s->topic = &c->topics[i];
			s->part = &c->topics[i].parts[j];
		}
	}
}

/* 1 if an exemption in force selects files. */
static int
has_file_exemption(const struct ka_policy *p)
{
	const struct ka_policy_layer	*l[2];
	size_t				 i, j;

	l[0] = &p->base;
	l[1] = p->profile != NULL ? &p->profile->layer : NULL;
	for (i = 0; i < 2 && l[i] != NULL; i++)
		for (j = 0; j < l[i]->nexempt; j++)
			if (l[i]->exempt[j].file != NULL)
				return 1;
	return 0;
}

/*
 * The path of each audited file from the configuration file's directory,
 * which exemptions' file: globs are written against; NULL for a live
 * subject or a file outside that directory.  NULL when no exemption
 * needs them.
 */
static char **
relpaths(const struct ka_run *r, const struct ka_settings *const *all,
    size_t n)
{
	char	**v;
	size_t	  i;

	if (!has_file_exemption(&r->policy))
		return NULL;
	v = xcalloc(n + 1, sizeof(*v));
	for (i = 0; i < n; i++)
		if (all[i]->kind == KA_KIND_FILE)
			v[i] = ka_policy_relpath(&r->policy,
			    all[i]->src->path);
	return v;
}

/*
 * Whether anything of the run shows fingerprints: the formats that carry
 * them, and baselines, which match by them.  Hashing every finding is a
 * tenth of a large text audit, which has no use for them.
 */
static int
fingerprinted(const struct ka_opts *o)
{
	static const char *const formats[] = { "json", "sarif",
	    "codequality" };
	size_t	 i, j;

	if (o->cmd == KA_CMD_BASELINE || o->baseline != NULL)
		return 1;
	for (j = 0; j < sizeof(formats) / sizeof(formats[0]); j++) {
		if (o->format != NULL && strcmp(o->format, formats[j]) == 0)
			return 1;
		for (i = 0; i < o->noutputs; i++)
			if (strcmp(o->outputs[i].format, formats[j]) == 0)
				return 1;
	}
	return 0;
}

void
ka_run_check(struct ka_run *r, const struct ka_opts *o)
{
	struct ka_walk	 w;
	struct ka_suppress_ctx		  sc;
	const struct ka_settings	**all;
	char				**rel;
	struct ka_loc			  loc;
	size_t				  i, j, from, audited;
	int				  n;

	ka_pathbase_init(&r->base, o->path_base, &r->diags);
	today(r);
	ka_walk_init(&w);
	for (i = 0; i < o->npaths; i++) {
		from = w.len;
		n = ka_walk_add(&w, o->paths[i], &r->diags);
		if (n == -1)
			continue;
		audited = 0;
		for (j = from; j < w.len; j++)
			audited += (size_t)audit_one(r, o, &w.v[j]);
		if (w.len == from || (audited == 0 && w.v[from].found)) {
			loc.path = o->paths[i];
			loc.line = loc.col = 0;
			ka_diag(&r->diags, KA_D_WALK_NO_CONFIGS, &loc,
			    "no Kafka configuration file found in this "
			    "directory");
		}
	}
	ka_walk_clear(&w);

	if (o->nconn > 0 || o->snapshot != NULL || o->cluster != NULL)
		ka_run_cluster(r, o);
	if (r->have_cluster)
		live_subjects(r, o);

	/* The files first, then the live subjects: one evaluation. */
	all = xcalloc(r->nfiles + r->nlive + 1, sizeof(*all));
	for (i = 0; i < r->nfiles; i++)
		all[i] = r->files[i];
	for (i = 0; i < r->nlive; i++)
		all[r->nfiles + i] = &r->live[i];
	ka_eval(&r->rules, all, r->nfiles + r->nlive, &r->report);
	r->subjects = all;
	r->nsubjects = r->nfiles + r->nlive;

	memset(&sc, 0, sizeof(sc));
	sc.rules = &r->rules;
	sc.files = all;
	sc.nfiles = r->nfiles + r->nlive;
	sc.today = r->today;
	sc.inline_on = r->inline_on;
	sc.policy = &r->policy;
	sc.cluster = r->have_cluster ? o->cluster : NULL;
	sc.relpaths = rel = relpaths(r, all, sc.nfiles);
	ka_suppress_apply(&r->report, &sc);
	for (i = 0; rel != NULL && i < sc.nfiles; i++)
		free(rel[i]);
	free(rel);
	ka_report_sort(&r->report);

	/* Paths as CI reports name them, and the fingerprints of them. */
	ka_report_locate(&r->report, &r->base);
	if (fingerprinted(o))
		ka_fingerprint_report(&r->report);
	if (r->have_cluster && o->snapshot != NULL &&
	    strcmp(o->snapshot, "-") != 0)
		r->snapshot = ka_pathbase_rel(&r->base, o->snapshot, NULL);
	if (o->cmd == KA_CMD_CHECK && o->baseline != NULL &&
	    ka_baseline_read(&r->baseline, o->baseline, &r->diags) == 0)
		ka_baseline_apply(&r->baseline, &r->report, &r->diags, 1);
}

void
ka_run_baseline(struct ka_run *r, const struct ka_opts *o)
{
	const char	*out;

	if (o->baseline_action == KA_BASELINE_PRUNE &&
	    ka_baseline_read(&r->baseline, o->baseline, &r->diags) == -1)
		return;
	ka_run_check(r, o);
	if (r->diags.worst >= KA_LEVEL_INPUT)
		return;
	if (o->baseline_action == KA_BASELINE_CREATE) {
		out = o->output != NULL ? o->output : o->baseline != NULL ?
		    o->baseline : KA_BASELINE_DEFAULT;
		r->written = ka_baseline_save_report(&r->report, out,
		    &r->diags);
		return;
	}
	r->stale = ka_baseline_apply(&r->baseline, &r->report, &r->diags, 0);
	out = o->output != NULL ? o->output : o->baseline;
	r->written = ka_baseline_save_used(&r->baseline, out, &r->diags);
}

/* Topic selection: the patterns of --topic and --exclude-topic. */
static struct ka_topic_filter
topic_filter(const struct ka_opts *o)
{
	struct ka_topic_filter	 f;

	f.include = o->topics;
	f.ninclude = o->ntopics;
	f.exclude = o->excludes;
	f.nexclude = o->nexcludes;
	return f;
}

/*
 * A snapshot of a cluster that was read only in part is as incomplete as
 * the live run that took it was: say so once, with exit status 3.
 */
static void
incomplete(struct ka_run *r, const char *path)
{
	const struct ka_cluster	*c = &r->cluster;
	const char		*first = NULL;
	size_t			 i, ntopics = 0, nbrokers = 0, nmeta = 0;

	for (i = 0; i < c->nbrokers; i++)
		if (c->brokers[i].configs.state == KA_FETCH_FAILED) {
			nbrokers++;
			if (first == NULL)
				first = c->brokers[i].configs.error;
		}
	for (i = 0; i < c->ntopics; i++) {
		if (c->topics[i].error != NULL) {
			nmeta++;
			if (first == NULL)
				first = c->topics[i].error;
		} else if (c->topics[i].configs.state == KA_FETCH_FAILED) {
			ntopics++;
			if (first == NULL)
				first = c->topics[i].configs.error;
		}
	}
	ka_diag(&r->diags, KA_D_SNAPSHOT_INCOMPLETE, NULL, "%s was taken of a "
	    "cluster read only in part: the configs of %zu topic%s and %zu "
	    "broker%s and the metadata of %zu topic%s are missing%s%s", path,
	    ntopics, ntopics == 1 ? "" : "s", nbrokers,
	    nbrokers == 1 ? "" : "s", nmeta, nmeta == 1 ? "" : "s",
	    first != NULL ? "; the first error: " : "",
	    first != NULL ? first : "");
}

static int
load_snapshot(struct ka_run *r, const struct ka_opts *o)
{
	struct ka_topic_filter	 f = topic_filter(o);
	int			*matched;
	size_t			 i;

	if (ka_snapshot_read(&r->cluster, o->snapshot, &r->diags) == -1) {
		ka_cluster_clear(&r->cluster);
		return -1;
	}
	if (!r->cluster.complete)
		incomplete(r, o->snapshot);
	matched = xcalloc(f.ninclude + 1, sizeof(*matched));
	ka_cluster_filter(&r->cluster, &f, matched);
	for (i = 0; i < f.ninclude; i++)
		if (!matched[i])
			ka_diag(&r->diags, KA_D_LIVE_NO_TOPIC, NULL, "--topic "
			    "'%s' matches no topic of the snapshot %s",
			    f.include[i], o->snapshot);
	free(matched);
	r->have_cluster = 1;
	return 0;
}

/*
 * The configs check asks for: those its rules read, with what facts and
 * racks need.  All of them for a snapshot, which later rules may read,
 * and for the brokers when a broker file is audited too, since its
 * drift from the live broker is judged on every key it sets.
 */
static char **
wanted(const struct ka_run *r, const struct ka_opts *o, unsigned int scope,
    const char *also, size_t *n)
{
	char	**keys, **more;
	size_t	  i, m;

	*n = 0;
	if (o->cmd != KA_CMD_CHECK || r->rules.len == 0)
		return NULL;
	if (scope == KA_SCOPE_BROKER)
		for (i = 0; i < r->nfiles; i++)
			if (r->files[i]->role == KA_ROLE_BROKER)
				return NULL;
	keys = ka_rules_keys(&r->rules, scope, n);
	if (scope == KA_SCOPE_TOPIC) {
		more = ka_rules_keys(&r->rules, KA_SCOPE_PARTITION, &m);
		keys = xreallocarray(keys, *n + m + 1, sizeof(*keys));
		for (i = 0; i < m; i++)
			keys[(*n)++] = more[i];
		free(more);
	}
	keys = xreallocarray(keys, *n + 1, sizeof(*keys));
	keys[(*n)++] = xstrdup(also);
	return keys;
}

/*
 * The connection flags: a named cluster's bootstrap servers and client
 * files first, then the command line's, which may override them.  Owned
 * array; the strings are borrowed.
 */
static struct ka_conn_arg *
connection(const struct ka_policy_cluster *named, const struct ka_opts *o,
    size_t *n)
{
	struct ka_conn_arg	*v;

	v = xcalloc(o->nconn + 3, sizeof(*v));
	*n = 0;
	if (named != NULL) {
		v[*n].kind = KA_CONN_BOOTSTRAP;
		v[(*n)++].arg = named->bootstrap;
		if (named->client_config != NULL) {
			v[*n].kind = KA_CONN_FILE;
			v[(*n)++].arg = named->client_config;
		}
		if (named->command_config != NULL) {
			v[*n].kind = KA_CONN_COMMAND_CONFIG;
			v[(*n)++].arg = named->command_config;
		}
	}
	if (o->nconn > 0)
		memcpy(v + *n, o->conn, o->nconn * sizeof(*v));
	*n += o->nconn;
	return v;
}

int
ka_run_cluster(struct ka_run *r, const struct ka_opts *o)
{
	const struct ka_policy_cluster	*named = NULL;
	struct ka_clientconf		 cc;
	struct ka_live_opts		 lo;
	struct ka_conn_arg		*conn;
	char				**tkeys, **bkeys;
	size_t				 nconn;
	int				 rc;

	if (o->cluster != NULL &&
	    (named = ka_policy_cluster(&r->policy, o->cluster,
	    &r->diags)) == NULL)
		return -1;
	if (o->snapshot != NULL)
		return load_snapshot(r, o);
	conn = connection(named, o, &nconn);
	ka_clientconf_init(&cc);
	rc = ka_clientconf_build(&cc, conn, nconn, &r->diags);
	free(conn);
	if (rc == -1) {
		ka_clientconf_clear(&cc);
		return -1;
	}
	memset(&lo, 0, sizeof(lo));
	lo.conf = &cc;
	lo.filter = topic_filter(o);
	lo.timeout_ms = o->timeout * 1000u;
	lo.verbose = o->quiet ? 0 : o->verbose;
	/* Where a librdkafka of another name or place is to be used. */
	if ((lo.library = getenv("KAFKA_AUDIT_RDKAFKA")) != NULL &&
	    *lo.library == '\0')
		lo.library = NULL;
	/* The facts need min.insync.replicas, the racks broker.rack. */
	tkeys = wanted(r, o, KA_SCOPE_TOPIC, "min.insync.replicas",
	    &lo.ntopic_keys);
	bkeys = wanted(r, o, KA_SCOPE_BROKER, "broker.rack",
	    &lo.nbroker_keys);
	lo.topic_keys = tkeys;
	lo.broker_keys = bkeys;
	rc = ka_live_fetch(&r->cluster, &lo, &r->diags);
	ka_rules_keys_free(tkeys, lo.ntopic_keys);
	ka_rules_keys_free(bkeys, lo.nbroker_keys);
	ka_clientconf_clear(&cc);
	if (rc == -1) {
		ka_cluster_clear(&r->cluster);
		return -1;
	}
	r->have_cluster = 1;
	return 0;
}

void
ka_run_snapshot(struct ka_run *r, const struct ka_opts *o)
{
	if (ka_run_cluster(r, o) == 0)
		ka_snapshot_save(&r->cluster, o->output, &r->diags);
}

int
ka_run_status(const struct ka_run *r, const struct ka_opts *o)
{
	size_t	 i;

	switch (r->diags.worst) {
	case KA_LEVEL_INTERNAL:
		return 4;
	case KA_LEVEL_INPUT:
		return 2;
	case KA_LEVEL_CLUSTER:
		return 3;
	default:
		break;
	}
	if (o->cmd != KA_CMD_CHECK || r->threshold < 0 || o->no_fail)
		return 0;
	for (i = 0; i < r->report.len; i++)
		if ((int)r->report.v[i].severity >= r->threshold &&
		    r->report.v[i].suppressed.kind == KA_SUPPRESS_NONE)
			return 1;
	return 0;
}
