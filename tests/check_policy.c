#include "config.h"

#include <sys/stat.h>

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_util.h"
#include "diag.h"
#include "policy.h"
#include "rules.h"
#include "rules_yaml.h"
#include "xmalloc.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * The configuration file: what it reads as, every way it can be wrong
 * (at its line and column), how it is found, and what applying it does
 * to the rules.
 */

/* Rules with options, as the default pack has, for applying to. */
static const char rules_yaml[] =
    "rules:\n"
    "  - id: KA1001\n"
    "    slug: broker-default-replication-factor-low\n"
    "    title: T\n"
    "    scope: broker\n"
    "    severity: error\n"
    "    options:\n"
    "      target-replication-factor:\n"
    "        type: integer\n"
    "        default: 3\n"
    "        min: 1\n"
    "        doc: d\n"
    "    condition: {key: default.replication.factor, lt: "
    "{option: target-replication-factor}}\n"
    "    message: m\n"
    "    rationale: r\n"
    "    fix: f\n"
    "  - id: KA1103\n"
    "    slug: topic-replication-factor-low\n"
    "    title: T\n"
    "    scope: topic\n"
    "    severity: error\n"
    "    options:\n"
    "      target-replication-factor:\n"
    "        type: integer\n"
    "        default: 3\n"
    "        min: 1\n"
    "        doc: d\n"
    "    condition: {key: replication.factor, lt: "
    "{option: target-replication-factor}}\n"
    "    message: m\n"
    "    rationale: r\n"
    "    fix: f\n"
    "  - id: KA1012\n"
    "    slug: broker-no-flush\n"
    "    title: T\n"
    "    scope: broker\n"
    "    severity: warning\n"
    "    condition: {key: default.replication.factor, eq: 1}\n"
    "    message: m\n"
    "    rationale: r\n"
    "    fix: f\n"
    "  - id: KA0002\n"
    "    slug: suppression-unused\n"
    "    title: T\n"
    "    scope: broker\n"
    "    severity: info\n"
    "    condition: {check: suppression-unused}\n"
    "    message: m\n"
    "    rationale: r\n"
    "    fix: f\n";

static char *tmpdir;

static void
put(const char *name, const char *text)
{
	char	*path;
	int	 fd;

	path = xasprintf("%s/%s", tmpdir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ck_assert_int_ne(fd, -1);
	ck_assert_int_eq(write(fd, text, strlen(text)),
	    (ssize_t)strlen(text));
	ck_assert_int_eq(close(fd), 0);
	free(path);
}

static void
setup(void)
{
	const char	*base = getenv("TMPDIR");

	tmpdir = xasprintf("%s/check_policy.XXXXXX",
	    base != NULL && *base != '\0' ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void
teardown(void)
{
	char	*cmd;

	cmd = xasprintf("rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	free(tmpdir);
}

/* Load the rules above into rs. */
static void
rules(struct ka_ruleset *rs, struct ka_diags *ds)
{
	char	*path;

	put("rules.yaml", rules_yaml);
	path = xasprintf("%s/rules.yaml", tmpdir);
	ka_rules_init(rs);
	ck_assert_int_eq(ka_rules_yaml_load(rs, path, ds), 0);
	ck_assert_int_eq(ka_rules_finish(rs, ds), 0);
	free(path);
}

/* Load text as tmpdir/c.yaml into p; returns ka_policy_yaml_load's. */
static int
load(const char *text, struct ka_policy *p, struct ka_diags *ds)
{
	char	*path;
	int	 rc;

	put("c.yaml", text);
	path = xasprintf("%s/c.yaml", tmpdir);
	ka_policy_init(p);
	rc = ka_policy_yaml_load(p, path, KA_POLICY_GIVEN, ds);
	free(path);
	return rc;
}

static void
assert_loc(const struct ka_loc *loc, unsigned int line, unsigned int col)
{
	ck_assert_msg(loc->line == line && loc->col == col,
	    "at %u:%u, expected %u:%u", loc->line, loc->col, line, col);
}

static const char good[] =
    "# The platform team's configuration\n"			/* 1 */
    "failure-threshold: warning\n"
    "inline-suppressions: false\n"
    "rule-dirs: [policy/rules, /abs/rules]\n"
    "options:\n"						/* 5 */
    "  target-replication-factor: 3\n"
    "rules:\n"
    "  KA1012: off\n"
    "  topic-replication-factor-low:\n"
    "    severity: warning\n"					/* 10 */
    "    options:\n"
    "      target-replication-factor: 4\n"
    "profiles:\n"
    "  staging:\n"
    "    failure-threshold: error\n"				/* 15 */
    "    options: {target-replication-factor: 2}\n"
    "    rules: {KA1012: info}\n"
    "    exemptions:\n"
    "      - {rule: KA1103, topic: \"tmp-*\", reason: scratch}\n"
    "  empty: {}\n"						/* 20 */
    "clusters:\n"
    "  prod:\n"
    "    bootstrap: k1:9093,k2:9093\n"
    "    client-config: secrets/prod.properties\n"
    "    command-config: /etc/prod.properties\n"		/* 25 */
    "exemptions:\n"
    "  - rule: [KA1103, all]\n"
    "    cluster: prod\n"
    "    topic: \"__*\"\n"
    "    broker: [1, 3]\n"					/* 30 */
    "    file: \"staging/*.properties\"\n"
    "    reason: internal topics of a test cluster\n"
    "    until: 2026-12-31\n";

START_TEST(test_good)
{
	struct ka_policy		 p;
	struct ka_ruleset		 rs;
	struct ka_diags			 ds;
	const struct ka_exemption	*e;
	const struct ka_ruleopt		*o;
	struct ka_setby			 by;
	char				*want;
	int				 v;

	ka_diags_init(&ds);
	ck_assert_int_eq(load(good, &p, &ds), 0);
	ck_assert_uint_eq(ds.len, 0);
	ck_assert_int_eq(p.how, KA_POLICY_GIVEN);
	ck_assert_str_eq(p.dir, tmpdir);
	ck_assert_int_eq(p.base.threshold.set, 1);
	ck_assert_int_eq(p.base.threshold.value, KA_SEV_WARNING);
	assert_loc(&p.base.threshold.loc, 2, 20);
	ck_assert_int_eq(p.base.inline_on.set, 1);
	ck_assert_int_eq(p.base.inline_on.value, 0);

	/* Paths are relative to the file's directory. */
	ck_assert_uint_eq(p.ndirs, 2);
	want = xasprintf("%s/policy/rules", tmpdir);
	ck_assert_str_eq(p.dirs[0].path, want);
	free(want);
	ck_assert_str_eq(p.dirs[1].path, "/abs/rules");
	assert_loc(&p.dirs[1].loc, 4, 27);

	ck_assert_uint_eq(p.base.nopts, 1);
	ck_assert_str_eq(p.base.opts[0].value, "3");
	ck_assert_uint_eq(p.base.nrules, 2);
	ck_assert_int_eq(p.base.rules[0].off, 1);
	assert_loc(&p.base.rules[0].sevloc, 8, 11);
	ck_assert_str_eq(p.base.rules[1].name, "topic-replication-factor-low");
	ck_assert_int_eq(p.base.rules[1].severity, KA_SEV_WARNING);
	ck_assert_uint_eq(p.base.rules[1].nopts, 1);

	ck_assert_uint_eq(p.nprofiles, 2);
	ck_assert_str_eq(p.profiles[0].name, "staging");
	assert_loc(&p.profiles_loc, 13, 1);
	ck_assert_uint_eq(p.profiles[0].layer.nexempt, 1);
	ck_assert_int_eq(p.profiles[0].layer.exempt[0].profile, 1);

	ck_assert_uint_eq(p.nclusters, 1);
	ck_assert_str_eq(p.clusters[0].bootstrap, "k1:9093,k2:9093");
	want = xasprintf("%s/secrets/prod.properties", tmpdir);
	ck_assert_str_eq(p.clusters[0].client_config, want);
	free(want);
	ck_assert_str_eq(p.clusters[0].command_config,
	    "/etc/prod.properties");

	ck_assert_uint_eq(p.base.nexempt, 1);
	e = &p.base.exempt[0];
	ck_assert_uint_eq(e->nrules, 2);
	ck_assert_str_eq(e->rules[1], "all");
	assert_loc(&e->ruleloc[1], 27, 20);
	ck_assert_str_eq(e->cluster, "prod");
	ck_assert_str_eq(e->topic, "__*");
	ck_assert_uint_eq(e->nbrokers, 2);
	ck_assert_int_eq(e->brokers[1], 3);
	ck_assert_str_eq(e->file, "staging/*.properties");
	ck_assert_str_eq(e->reason, "internal topics of a test cluster");
	ck_assert_str_eq(e->until, "2026-12-31");
	assert_loc(&e->untilloc, 33, 12);
	assert_loc(&e->loc, 27, 5);
	ck_assert_int_eq(e->profile, 0);

	/* The top level, then the profile, onto the rules. */
	rules(&rs, &ds);
	ck_assert_int_eq(ka_policy_select(&p, "staging", &ds), 0);
	ck_assert_int_eq(ka_policy_apply(&p, &rs, &ds), 0);
	ck_assert_uint_eq(ds.len, 0);
	ck_assert_ptr_eq(e->rulep[0], ka_rules_find(&rs, "KA1103"));
	ck_assert_ptr_null(e->rulep[1]);
	o = ka_rules_option(ka_rules_find(&rs, "KA1001"),
	    "target-replication-factor");
	ck_assert_str_eq(o->value, "2");
	ck_assert_int_eq(o->set.kind, KA_SET_PROFILE);
	assert_loc(&o->set.loc, 16, 42);
	/* The profile's options: come after the top level's rules:. */
	o = ka_rules_option(ka_rules_find(&rs, "KA1103"),
	    "target-replication-factor");
	ck_assert_str_eq(o->value, "2");
	ck_assert_int_eq(ka_rules_find(&rs, "KA1103")->severity,
	    KA_SEV_WARNING);
	ck_assert_int_eq(ka_rules_find(&rs, "KA1103")->severity_set.kind,
	    KA_SET_CONFIG);
	/* off at the top, back on at info in the profile. */
	ck_assert_int_eq(ka_rules_find(&rs, "KA1012")->off, 0);
	ck_assert_int_eq(ka_rules_find(&rs, "KA1012")->severity, KA_SEV_INFO);
	ck_assert_int_eq(ka_policy_threshold(&p, &v, &by), 1);
	ck_assert_int_eq(v, KA_SEV_ERROR);
	ck_assert_int_eq(by.kind, KA_SET_PROFILE);
	ck_assert_int_eq(ka_policy_inline(&p, &v, &by), 1);
	ck_assert_int_eq(v, 0);
	ck_assert_int_eq(by.kind, KA_SET_CONFIG);

	ka_rules_clear(&rs);
	ka_policy_clear(&p);
	ka_diags_clear(&ds);
}
END_TEST

/* A file of comments only sets nothing; without a profile, none applies. */
START_TEST(test_empty)
{
	struct ka_policy	 p;
	struct ka_ruleset	 rs;
	struct ka_diags		 ds;
	struct ka_setby		 by;
	int			 v;

	ka_diags_init(&ds);
	ck_assert_int_eq(load("# nothing yet\n", &p, &ds), 0);
	rules(&rs, &ds);
	ck_assert_int_eq(ka_policy_select(&p, NULL, &ds), 0);
	ck_assert_int_eq(ka_policy_apply(&p, &rs, &ds), 0);
	ck_assert_int_eq(ka_policy_threshold(&p, &v, &by), 0);
	ck_assert_int_eq(ka_policy_inline(&p, &v, &by), 0);
	ck_assert_str_eq(ka_rules_option(ka_rules_find(&rs, "KA1001"),
	    "target-replication-factor")->value, "3");
	ck_assert_uint_eq(ds.len, 0);
	ka_rules_clear(&rs);
	ka_policy_clear(&p);
	ka_diags_clear(&ds);
}
END_TEST

/*
 * Every class of error: the reading (apply 0) or the checking against
 * the rules (apply 1), the diagnostic, its place and a fragment of it.
 */
static const struct {
	const char		*yaml;
	int			 apply;
	enum ka_diag_code	 code;
	unsigned int		 line, col;
	const char		*frag;
} bad[] = {
	{ "rules: [\n", 0, KA_D_CONFIG_YAML, 2, 1, "invalid YAML" },
	{ "a:\n\t- b\n", 0, KA_D_CONFIG_YAML, 2, 1, "never tabs" },
	{ "x: &a 1\ny: *a\n", 0, KA_D_CONFIG_SCHEMA, 2, 4,
	    "an alias (*a); expected the value written out, since "
	    "configuration files" },
	{ "a: 1\n---\nb: 2\n", 0, KA_D_CONFIG_SCHEMA, 2, 1,
	    "a second YAML document" },
	{ "- rules\n", 0, KA_D_CONFIG_SCHEMA, 1, 1, "the configuration: "
	    "expected a mapping of failure-threshold, " },
	{ "failure-treshold: error\n", 0, KA_D_CONFIG_SCHEMA, 1, 1,
	    "unknown key 'failure-treshold' (did you mean "
	    "'failure-threshold'?)" },
	{ "rules: {}\nrules: {}\n", 0, KA_D_CONFIG_SCHEMA, 2, 1,
	    "rules: given twice; the first is at line 1" },
	{ "failure-threshold: fatal\n", 0, KA_D_CONFIG_SCHEMA, 1, 20,
	    "unknown failure-threshold 'fatal'; expected error, warning, "
	    "info or none" },
	{ "failure-threshold: [error]\n", 0, KA_D_CONFIG_SCHEMA, 1, 20,
	    "failure-threshold: expected error, warning, info or none, found "
	    "a list" },
	{ "inline-suppressions: yes\n", 0, KA_D_CONFIG_SCHEMA, 1, 22,
	    "expected true or false" },
	{ "rule-dirs: rules\n", 0, KA_D_CONFIG_SCHEMA, 1, 12,
	    "rule-dirs: expected a list of rule files and directories, found "
	    "a scalar" },
	{ "rule-dirs: [\"\"]\n", 0, KA_D_CONFIG_SCHEMA, 1, 13,
	    "found an empty string" },
	{ "options: [a]\n", 0, KA_D_CONFIG_SCHEMA, 1, 10,
	    "options: expected a mapping of option names to values" },
	{ "options: {a: [1]}\n", 0, KA_D_CONFIG_SCHEMA, 1, 14,
	    "a: expected a value, found a list" },
	{ "options:\n  a: 1\n  a: 2\n", 0, KA_D_CONFIG_SCHEMA, 3, 3,
	    "options: a is given twice; the first is at line 2" },
	{ "rules: [KA1001]\n", 0, KA_D_CONFIG_SCHEMA, 1, 8,
	    "rules: expected a mapping of rule ids or slugs" },
	{ "rules:\n  KA1001: warn\n", 0, KA_D_CONFIG_SCHEMA, 2, 11,
	    "unknown severity 'warn'; expected error, warning, info or off" },
	{ "rules:\n  KA1001:\n    severty: info\n", 0, KA_D_CONFIG_SCHEMA,
	    3, 5, "rules: KA1001: unknown key 'severty' (did you mean "
	    "'severity'?)" },
	{ "profiles: [staging]\n", 0, KA_D_CONFIG_SCHEMA, 1, 11,
	    "profiles: expected a mapping of profile names" },
	{ "profiles:\n  \"stag ing\": {}\n", 0, KA_D_CONFIG_SCHEMA, 2, 3,
	    "'stag ing' is not a profile name" },
	{ "profiles:\n  staging:\n    rule-dirs: [x]\n", 0,
	    KA_D_CONFIG_SCHEMA, 3, 5, "profile staging: unknown key "
	    "'rule-dirs'; expected failure-threshold, inline-suppressions, "
	    "options, rules or exemptions" },
	{ "clusters:\n  prod:\n    client-config: x\n", 0,
	    KA_D_CONFIG_SCHEMA, 2, 3, "cluster prod: missing bootstrap:" },
	{ "clusters:\n  prod: {bootstrap: a, client-confg: x}\n", 0,
	    KA_D_CONFIG_SCHEMA, 2, 24, "unknown key 'client-confg' (did you "
	    "mean 'client-config'?)" },
	{ "exemptions: {rule: KA1001}\n", 0, KA_D_CONFIG_SCHEMA, 1, 13,
	    "exemptions: expected a list of exemptions, found a mapping" },
	{ "exemptions:\n  - {topic: t, reason: r}\n", 0, KA_D_CONFIG_SCHEMA,
	    2, 5, "an exemption needs rule:" },
	{ "exemptions:\n  - {rule: KA1001, topic: t}\n", 0,
	    KA_D_CONFIG_SCHEMA, 2, 5, "an exemption needs reason:" },
	{ "exemptions:\n  - {rule: KA1001, reason: r}\n", 0,
	    KA_D_CONFIG_SCHEMA, 2, 5, "an exemption needs cluster:, topic:, "
	    "broker: or file:, what it applies to; to turn a rule off "
	    "everywhere, write rules: {KA1001: off}" },
	{ "exemptions:\n  - {rule: [], topic: t, reason: r}\n", 0,
	    KA_D_CONFIG_SCHEMA, 2, 12, "rule: expected a rule id or slug, or "
	    "a list of them, found an empty list" },
	{ "exemptions:\n  - {rule: KA1, topic: t, reason: r, until: "
	    "2026-02-29}\n", 0, KA_D_CONFIG_SCHEMA, 2, 45,
	    "until: '2026-02-29' is not a date" },
	{ "exemptions:\n  - {rule: KA1, broker: [1, x], reason: r}\n", 0,
	    KA_D_CONFIG_SCHEMA, 2, 29, "broker: 'x' is not a broker id" },
	{ "exemptions:\n  - {rule: KA1, broker: -1, reason: r}\n", 0,
	    KA_D_CONFIG_SCHEMA, 2, 25, "broker: '-1' is not a broker id" },
	{ "exemptions:\n  - {rule: KA1, topic: t, reason: r, rason: r}\n",
	    0, KA_D_CONFIG_SCHEMA, 2, 38, "an exemption: unknown key 'rason' "
	    "(did you mean 'reason'?)" },
	/* Against the rules. */
	{ "rules:\n  KA1010: off\n", 1, KA_D_CONFIG_UNKNOWN_RULE, 2, 3,
	    "rules: no rule 'KA1010'; did you mean KA1001?" },
	{ "rules:\n  topic-replication-factor-lo: off\n", 1,
	    KA_D_CONFIG_UNKNOWN_RULE, 2, 3, "did you mean "
	    "topic-replication-factor-low?" },
	{ "rules:\n  KA1001: off\n  broker-default-replication-factor-low: "
	    "info\n", 1, KA_D_CONFIG_SCHEMA, 3, 3,
	    "names rule KA1001 again; the first is at line 2" },
	{ "options:\n  target-replication-factr: 2\n", 1,
	    KA_D_CONFIG_UNKNOWN_OPTION, 2, 3, "no rule has the option "
	    "'target-replication-factr'; did you mean "
	    "target-replication-factor?" },
	{ "options:\n  target-replication-factor: 0\n", 1,
	    KA_D_CONFIG_SCHEMA, 2, 30, "'0' is too small; expected an integer "
	    "of at least 1, as rule KA1001 declares it" },
	{ "rules:\n  KA1012:\n    options: {target: 2}\n", 1,
	    KA_D_CONFIG_UNKNOWN_OPTION, 3, 15,
	    "rule KA1012 has no option 'target'; it has none" },
	{ "rules:\n  KA1001:\n    options: {target: 2}\n", 1,
	    KA_D_CONFIG_UNKNOWN_OPTION, 3, 15, "rule KA1001 has no option "
	    "'target'; its options are target-replication-factor" },
	{ "profiles:\n  staging:\n    rules: {KA9999: off}\n", 1,
	    KA_D_CONFIG_UNKNOWN_RULE, 3, 13, "no rule 'KA9999'" },
	{ "exemptions:\n  - {rule: KA1103x, topic: t, reason: r}\n", 1,
	    KA_D_CONFIG_UNKNOWN_RULE, 2, 12, "exemptions: no rule 'KA1103x'; "
	    "did you mean KA1103?" },
	{ "exemptions:\n  - {rule: KA0002, topic: t, reason: r}\n", 1,
	    KA_D_CONFIG_SCHEMA, 2, 12, "KA0002 reports on suppressions, which "
	    "no exemption covers" },
	{ "clusters:\n  prod: {bootstrap: \"a:1\"}\nexemptions:\n"
	    "  - {rule: KA1103, cluster: prd, reason: r}\n", 1,
	    KA_D_CONFIG_UNKNOWN_CLUSTER, 4, 29,
	    "no cluster 'prd' (did you mean 'prod'?); the file defines prod" },
};

START_TEST(test_bad)
{
	struct ka_policy	 p;
	struct ka_ruleset	 rs;
	struct ka_diags		 ds, rds;
	const struct ka_diag	*d;

	ka_diags_init(&ds);
	ka_diags_init(&rds);
	rules(&rs, &rds);
	if (bad[_i].apply) {
		ck_assert_msg(load(bad[_i].yaml, &p, &ds) == 0, "%s",
		    ds.len > 0 ? ds.v[0].detail : "");
		ck_assert_int_eq(ka_policy_apply(&p, &rs, &ds), -1);
	} else
		ck_assert_int_eq(load(bad[_i].yaml, &p, &ds), -1);
	ck_assert_uint_ge(ds.len, 1);
	d = &ds.v[0];
	ck_assert_msg(d->code == bad[_i].code, "%s, expected %s: %s",
	    ka_diag_id(d->code), ka_diag_id(bad[_i].code), d->detail);
	ck_assert_int_eq(d->level, KA_LEVEL_INPUT);
	ck_assert_ptr_nonnull(d->loc.path);
	ck_assert_msg(strcmp(d->loc.path + strlen(d->loc.path) - 7,
	    "/c.yaml") == 0, "path %s", d->loc.path);
	ck_assert_msg(d->loc.line == bad[_i].line && d->loc.col == bad[_i].col,
	    "at %u:%u, expected %u:%u: %s", d->loc.line, d->loc.col,
	    bad[_i].line, bad[_i].col, d->detail);
	ck_assert_msg(strstr(d->detail, bad[_i].frag) != NULL,
	    "'%s' lacks '%s'", d->detail, bad[_i].frag);
	/* Nothing is applied from a configuration with an error. */
	ck_assert_int_eq(ka_rules_find(&rs, "KA1001")->off, 0);
	ck_assert_str_eq(ka_rules_option(ka_rules_find(&rs, "KA1001"),
	    "target-replication-factor")->value, "3");
	ka_rules_clear(&rs);
	ka_policy_clear(&p);
	ka_diags_clear(&ds);
	ka_diags_clear(&rds);
}
END_TEST

START_TEST(test_select)
{
	struct ka_policy	 p;
	struct ka_diags		 ds;

	ka_diags_init(&ds);
	ck_assert_int_eq(load("rules: {}\nprofiles:\n  staging: {}\n"
	    "  prod: {}\n", &p, &ds), 0);
	ck_assert_int_eq(ka_policy_select(&p, "staging", &ds), 0);
	ck_assert_str_eq(p.profile->name, "staging");
	ck_assert_int_eq(ka_policy_select(&p, "stagin", &ds), -1);
	ck_assert_ptr_null(p.profile);
	ck_assert_int_eq(ds.v[0].code, KA_D_CONFIG_UNKNOWN_PROFILE);
	assert_loc(&ds.v[0].loc, 2, 1);
	ck_assert_str_eq(ds.v[0].detail, "no profile 'stagin' (did you mean "
	    "'staging'?); the file defines staging and prod");
	ck_assert_ptr_null(ka_policy_cluster(&p, "prod", &ds));
	ck_assert_int_eq(ds.v[1].code, KA_D_CONFIG_UNKNOWN_CLUSTER);
	ck_assert_str_eq(ds.v[1].detail, "no cluster 'prod': the file "
	    "defines none");
	ka_policy_clear(&p);

	/* Without a file, a profile is named in vain. */
	ka_policy_init(&p);
	ck_assert_int_eq(ka_policy_select(&p, "staging", &ds), -1);
	ck_assert_ptr_null(ds.v[2].loc.path);
	ck_assert_ptr_nonnull(strstr(ds.v[2].detail, "no configuration file "
	    "was found"));
	ka_policy_clear(&p);
	ka_diags_clear(&ds);
}
END_TEST

/* mkdir -p of tmpdir/rel. */
static void
mkdirs(const char *rel)
{
	char	*path, *p;

	path = xasprintf("%s/%s", tmpdir, rel);
	for (p = path + strlen(tmpdir) + 1; *p != '\0'; p++)
		if (*p == '/') {
			*p = '\0';
			(void)mkdir(path, 0755);
			*p = '/';
		}
	ck_assert_int_eq(mkdir(path, 0755), 0);
	free(path);
}

/* ka_policy_find() run in tmpdir/rel. */
static char *
find_in(const char *rel)
{
	struct ka_diags	 ds;
	char		 cwd[PATH_MAX], *dir, *found;

	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	dir = xasprintf("%s/%s", tmpdir, rel);
	ck_assert_int_eq(chdir(dir), 0);
	ka_diags_init(&ds);
	ck_assert_int_eq(ka_policy_find(&found, &ds), 0);
	ck_assert_uint_eq(ds.len, 0);
	ck_assert_int_eq(chdir(cwd), 0);
	free(dir);
	return found;
}

START_TEST(test_find)
{
	char	*found;

	/* Up from a subdirectory, as a relative path. */
	mkdirs("top/repo/sub/dir");
	put("top/.kafka-audit.yaml", "rules: {}\n");
	found = find_in("top/repo/sub/dir");
	ck_assert_str_eq(found, "../../../.kafka-audit.yaml");
	free(found);

	/* The repository's root stops the walk, .git a file or not. */
	put("top/repo/.git", "gitdir: elsewhere\n");
	ck_assert_ptr_null(find_in("top/repo/sub/dir"));
	put("top/repo/.kafka-audit.yml", "rules: {}\n");
	found = find_in("top/repo/sub/dir");
	ck_assert_str_eq(found, "../../.kafka-audit.yml");
	free(found);

	/* .yaml before .yml; in the working directory itself. */
	put("top/repo/.kafka-audit.yaml", "rules: {}\n");
	found = find_in("top/repo");
	ck_assert_str_eq(found, ".kafka-audit.yaml");
	free(found);

	/* A directory of that name is no configuration file. */
	mkdirs("top/repo/sub/dir/.kafka-audit.yaml");
	found = find_in("top/repo/sub/dir");
	ck_assert_str_eq(found, "../../.kafka-audit.yaml");
	free(found);
}
END_TEST

START_TEST(test_paths)
{
	struct ka_policy	 p;
	struct ka_diags		 ds;
	char			*path, *rel;

	ka_diags_init(&ds);
	ka_policy_init(&p);
	p.dir = xstrdup(".");
	rel = ka_policy_resolve(&p, "rules");
	ck_assert_str_eq(rel, "rules");
	free(rel);
	ka_policy_clear(&p);

	mkdirs("cfg/staging");
	put("cfg/staging/server.properties", "a=1\n");
	put("cfg/.kafka-audit.yaml", "rules: {}\n");
	path = xasprintf("%s/cfg/.kafka-audit.yaml", tmpdir);
	ck_assert_int_eq(ka_policy_yaml_load(&p, path, KA_POLICY_GIVEN, &ds),
	    0);
	free(path);
	path = xasprintf("%s/cfg/staging/../staging/server.properties",
	    tmpdir);
	rel = ka_policy_relpath(&p, path);
	ck_assert_str_eq(rel, "staging/server.properties");
	free(rel);
	free(path);
	path = xasprintf("%s/c.yaml", tmpdir);
	put("c.yaml", "a: 1\n");
	ck_assert_ptr_null(ka_policy_relpath(&p, path));
	free(path);
	ck_assert_ptr_null(ka_policy_relpath(&p, "/no/such/file"));
	ka_policy_clear(&p);
	ka_diags_clear(&ds);
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("policy");
	TCase	*tc;

	tc = tcase_create("read");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_good);
	tcase_add_test(tc, test_empty);
	tcase_add_loop_test(tc, test_bad, 0, (int)NELEM(bad));
	tcase_add_test(tc, test_select);
	suite_add_tcase(s, tc);

	tc = tcase_create("files");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_find);
	tcase_add_test(tc, test_paths);
	suite_add_tcase(s, tc);
	return s;
}

KA_CHECK_MAIN(suite)
