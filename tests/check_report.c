#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "check_util.h"
#include "report.h"
#include "scan.h"
#include "xmalloc.h"

#define P1	"conf/producer.properties"
#define P2	"conf/server.properties"
#define P3	"conf/consumer.properties"

#define BOLD	"\033[1m"
#define DIM	"\033[2m"
#define RED	"\033[1;31m"
#define YELLOW	"\033[1;33m"
#define CYAN	"\033[1;36m"
#define RESET	"\033[0m"

/* The rules the findings below refer to, by index. */
static const struct rspec {
	const char		*id, *slug, *title, *fix;
	enum ka_severity	 severity;
	enum ka_category	 category;
} rspecs[] = {
	{ "KA2001", "producer-acks-not-all", "acks is not all",
	    "Set acks=all.", KA_SEV_ERROR, KA_CAT_CONFIG },
	{ "KA2002", "producer-transactional-id-unset",
	    "transactional.id is not set",
	    "Set transactional.id when exactly-once delivery is needed.",
	    KA_SEV_INFO, KA_CAT_CONFIG },
	{ "KA2003", "producer-idempotence-silently-off",
	    "idempotence is silently off",
	    "\n  Set max.in.flight.requests.per.connection=5.  \n"
	    "Or turn idempotence off explicitly.\n",
	    KA_SEV_WARNING, KA_CAT_CONFIG },
	{ "KA1002", "broker-duplicate-key", "a key is set twice",
	    "Remove the earlier line.", KA_SEV_WARNING, KA_CAT_CONFIG },
	{ "KA1010", "broker-log-dirs-odd", "log.dirs looks odd",
	    "Check log.dirs.", KA_SEV_INFO, KA_CAT_CONFIG },
	{ "KA4001", "topic-rf-below-three", "replication factor below 3",
	    "Raise the replication factor to 3.", KA_SEV_WARNING,
	    KA_CAT_STATE },
};
#define NRULES	(sizeof(rspecs) / sizeof(rspecs[0]))

/*
 * The findings of the fixture, deliberately out of order.  Letters name
 * them in the comments: a to f.
 */
static const struct fspec {
	size_t			 rule;
	enum ka_severity	 severity;
	const char		*path;
	unsigned int		 line, col;
	const char		*subject, *key, *value;
	enum ka_origin		 origin;
	const char		*prov, *message;
	const char		*rpath;
	unsigned int		 rline, rcol;
} fspecs[] = {
	/* a: file-level, default value */
	{ 2, KA_SEV_WARNING, P1, 0, 0, "producer", "enable.idempotence",
	    "true", KA_ORIGIN_DEFAULT,
	    "default since Kafka 3.0 for the java client",
	    "idempotence is silently off", NULL, 0, 0 },
	/* b: the plain case */
	{ 0, KA_SEV_ERROR, P1, 4, 6, "producer", "acks", "1",
	    KA_ORIGIN_FILE, P1 ":4:6",
	    "acks=1 loses acknowledged messages when the leader fails",
	    NULL, 0, 0 },
	/* c: a related place, and a severity above the rule's default */
	{ 3, KA_SEV_ERROR, P2, 7, 1, "broker", "min.insync.replicas", "1",
	    KA_ORIGIN_FILE, P2 ":7:1", "min.insync.replicas is set twice",
	    P2, 3, 1 },
	/* d: control characters in the value, a C1 control in the message */
	{ 4, KA_SEV_INFO, P2, 12, 10, "broker", "log.dirs",
	    "/data\033[2J\tx\n", KA_ORIGIN_FILE, P2 ":12:10",
	    "log.dirs looks odd \xc2\x9b", NULL, 0, 0 },
	/* e: no file at all, and a byte that is not UTF-8 */
	{ 5, KA_SEV_WARNING, NULL, 0, 0, "topic orders", NULL, NULL,
	    KA_ORIGIN_NONE, NULL, "replication factor 1 \xff", NULL, 0, 0 },
	/* f: a null value without provenance, same place as a */
	{ 1, KA_SEV_INFO, P1, 0, 0, "producer", "transactional.id", NULL,
	    KA_ORIGIN_NONE, NULL, "transactional.id is not set",
	    NULL, 0, 0 },
};
#define NFINDINGS	(sizeof(fspecs) / sizeof(fspecs[0]))
#define ALL		((1u << NFINDINGS) - 1)
#define F(x)		(1u << ((x) - 'a'))

struct fixture {
	struct ka_rule		 rules[NRULES];
	struct ka_ruleset	 rs;
	struct ka_report	 r;
	struct ka_diags		 ds;
	struct ka_report_ctx	 ctx;
};

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static void
rule_make(struct ka_rule *r, const struct rspec *s)
{
	memset(r, 0, sizeof(*r));
	r->id = xstrdup(s->id);
	r->slug = xstrdup(s->slug);
	r->title = xstrdup(s->title);
	r->fix = xstrdup(s->fix);
	r->severity = s->severity;
	r->category = s->category;
	r->scopes = KA_SCOPE_PRODUCER;
}

static void
rule_free(struct ka_rule *r)
{
	free(r->id);
	free(r->slug);
	free(r->title);
	free(r->versions_text);
	free(r->key);
	free(r->message);
	free(r->rationale);
	free(r->fix);
}

static void
finding_add(struct fixture *fx, const struct fspec *s)
{
	struct ka_finding	*f;

	f = ka_report_add(&fx->r);
	f->rule = &fx->rules[s->rule];
	f->severity = s->severity;
	f->loc.path = s->path;
	f->loc.line = s->line;
	f->loc.col = s->col;
	f->subject = dup_or_null(s->subject);
	f->key = dup_or_null(s->key);
	f->value = dup_or_null(s->value);
	f->origin = s->origin;
	f->provenance = dup_or_null(s->prov);
	f->message = dup_or_null(s->message);
	f->related.path = s->rpath;
	f->related.line = s->rline;
	f->related.col = s->rcol;
}

/* A report of the findings whose bits are in mask, over three files. */
static void
fixture_init(struct fixture *fx, unsigned int mask)
{
	size_t	 i;

	memset(fx, 0, sizeof(*fx));
	for (i = 0; i < NRULES; i++)
		rule_make(&fx->rules[i], &rspecs[i]);
	fx->rs.v = fx->rules;
	fx->rs.len = fx->rs.cap = NRULES;
	ka_report_init(&fx->r);
	ka_diags_init(&fx->ds);
	for (i = 0; i < NFINDINGS; i++)
		if (mask & (1u << i))
			finding_add(fx, &fspecs[i]);
	ka_report_add_file(&fx->r, P2);
	ka_report_add_file(&fx->r, P1);
	ka_report_add_file(&fx->r, P2);
	ka_report_add_file(&fx->r, P3);
	ka_report_sort(&fx->r);
	fx->ctx.report = &fx->r;
	fx->ctx.diags = &fx->ds;
	fx->ctx.rules = &fx->rs;
	fx->ctx.threshold = KA_SEV_ERROR;
	fx->ctx.exit_status = 1;
	fx->ctx.version = KA_VERSION(4, 1, 0, 0);
}

static void
fixture_clear(struct fixture *fx)
{
	size_t	 i;

	ka_report_clear(&fx->r);
	ka_diags_clear(&fx->ds);
	for (i = 0; i < NRULES; i++)
		rule_free(&fx->rules[i]);
}

/* Run a reporter into memory; the text is owned by the caller. */
static char *
emit(const char *format, const struct ka_report_ctx *ctx, int *rc)
{
	FILE	*fp;
	char	*buf = NULL;
	size_t	 len = 0;

	fp = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(fp);
	*rc = ka_report_emit(format, fp, ctx);
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_uint_eq(strlen(buf), len);
	return buf;
}

/* Byte-for-byte, naming the first difference so a failure is readable. */
static void
assert_bytes(const char *got, const char *want)
{
	size_t	 i;

	for (i = 0; got[i] != '\0' && got[i] == want[i]; i++)
		continue;
	ck_assert_msg(got[i] == want[i],
	    "output differs at byte %zu:\n--- got\n%s\n--- want\n%s",
	    i, got, want);
}

static void
assert_emits(const char *format, const struct ka_report_ctx *ctx,
    const char *want)
{
	char	*got;
	int	 rc;

	got = emit(format, ctx, &rc);
	ck_assert_int_eq(rc, 0);
	assert_bytes(got, want);
	free(got);
}

/* ---- The model. */

START_TEST(test_sort_fixture)
{
	static const char *const order[] = {
		"KA2002", "KA2003", "KA2001", "KA1002", "KA1010", "KA4001"
	};
	struct fixture	 fx;
	size_t		 i;

	fixture_init(&fx, ALL);
	ck_assert_uint_eq(fx.r.len, NFINDINGS);
	for (i = 0; i < NFINDINGS; i++)
		ck_assert_str_eq(fx.r.v[i].rule->id, order[i]);
	fixture_clear(&fx);
}
END_TEST

/*
 * Findings that tie on everything before the field under test.  Each
 * row is added in reverse and must come out in the order given.
 */
static const struct {
	const char	*path;
	unsigned int	 line, col;
	size_t		 rule;
	const char	*subject, *key, *message;
} sort_rows[] = {
	{ "a", 0, 0, 0, "s", "k", "m" },
	{ "a", 1, 0, 0, "s", "k", "m" },
	{ "a", 1, 2, 0, "s", "k", "m" },
	{ "a", 1, 10, 3, "s", "k", "m" },	/* 10 after 2: numeric */
	{ "a", 1, 10, 0, "s", "k", "m" },	/* KA2001 after KA1002 */
	{ "a", 1, 10, 0, "t", "k", "m" },
	{ "a", 1, 10, 0, "t", "l", "m" },
	{ "a", 1, 10, 0, "t", NULL, "m" },	/* no key after any key */
	{ "a", 1, 10, 0, "t", NULL, "n" },
	{ "b", 0, 0, 0, "s", "k", "m" },
	{ NULL, 0, 0, 0, "a", "k", "m" },	/* no path last */
	{ NULL, 0, 0, 0, "b", "k", "m" },
};
#define NSORT	(sizeof(sort_rows) / sizeof(sort_rows[0]))

START_TEST(test_sort_order)
{
	struct fixture		 fx;
	struct ka_finding	*f;
	char			*want;
	size_t			 i, j;

	fixture_init(&fx, 0);
	for (j = NSORT; j > 0; j--) {
		i = j - 1;
		f = ka_report_add(&fx.r);
		f->rule = &fx.rules[sort_rows[i].rule];
		f->loc.path = sort_rows[i].path;
		f->loc.line = sort_rows[i].line;
		f->loc.col = sort_rows[i].col;
		f->subject = dup_or_null(sort_rows[i].subject);
		f->key = dup_or_null(sort_rows[i].key);
		f->message = dup_or_null(sort_rows[i].message);
		/* The index, so the assertion below can name the row. */
		f->value = xasprintf("%zu", i);
	}
	ka_report_sort(&fx.r);
	for (i = 0; i < NSORT; i++) {
		want = xasprintf("%zu", i);
		ck_assert_msg(strcmp(fx.r.v[i].value, want) == 0,
		    "position %zu holds row %s", i, fx.r.v[i].value);
		free(want);
	}
	fixture_clear(&fx);
}
END_TEST

START_TEST(test_files)
{
	struct fixture	 fx;

	fixture_init(&fx, 0);
	ka_report_add_file(&fx.r, NULL);
	ka_report_add_file(&fx.r, P1);
	ck_assert_uint_eq(fx.r.nfiles, 3);
	ck_assert_str_eq(fx.r.files[0], P2);
	ck_assert_str_eq(fx.r.files[1], P1);
	ck_assert_str_eq(fx.r.files[2], P3);
	fixture_clear(&fx);
}
END_TEST

/* Many files, each named twice: once each, in the order first named. */
START_TEST(test_files_many)
{
	struct ka_report	 r;
	char			**paths;
	size_t			 i, n = 5000;

	ka_report_init(&r);
	paths = xcalloc(n, sizeof(*paths));
	for (i = 0; i < n; i++)
		paths[i] = xasprintf("dir/%zu/file.properties", (i * 7) % n);
	for (i = 0; i < 2 * n; i++)
		ka_report_add_file(&r, paths[i % n]);
	ck_assert_uint_eq(r.nfiles, n);
	for (i = 0; i < n; i++)
		ck_assert_ptr_eq(r.files[i], paths[i]);
	ka_report_clear(&r);
	for (i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
}
END_TEST

START_TEST(test_count)
{
	struct fixture	 fx;

	fixture_init(&fx, ALL);
	ck_assert_uint_eq(ka_report_count(&fx.r, KA_SEV_ERROR), 2);
	ck_assert_uint_eq(ka_report_count(&fx.r, KA_SEV_WARNING), 2);
	ck_assert_uint_eq(ka_report_count(&fx.r, KA_SEV_INFO), 2);
	fixture_clear(&fx);
	/* Clearing leaves an empty report that can be used again. */
	ck_assert_uint_eq(fx.r.len, 0);
	ck_assert_uint_eq(fx.r.nfiles, 0);
	ck_assert_ptr_null(fx.r.v);
}
END_TEST

/* ---- Text and compact. */

static const char text_all[] =
    P1 ": info: transactional.id is not set"
    " [KA2002 producer-transactional-id-unset]\n"
    "  transactional.id = (null)\n"
    "  fix: Set transactional.id when exactly-once delivery is needed.\n"
    P1 ": warning: idempotence is silently off"
    " [KA2003 producer-idempotence-silently-off]\n"
    "  enable.idempotence = true"
    " (default since Kafka 3.0 for the java client)\n"
    "  fix: Set max.in.flight.requests.per.connection=5.\n"
    P1 ":4:6: error: acks=1 loses acknowledged messages when the leader"
    " fails [KA2001 producer-acks-not-all]\n"
    "  acks = 1 (" P1 ":4:6)\n"
    "  fix: Set acks=all.\n"
    P2 ":7:1: error: min.insync.replicas is set twice"
    " [KA1002 broker-duplicate-key]\n"
    "  min.insync.replicas = 1 (" P2 ":7:1)\n"
    "  see also " P2 ":3:1\n"
    "  fix: Remove the earlier line.\n"
    P2 ":12:10: info: log.dirs looks odd \\u009b"
    " [KA1010 broker-log-dirs-odd]\n"
    "  log.dirs = /data\\x1b[2J\\tx\\n (" P2 ":12:10)\n"
    "  fix: Check log.dirs.\n"
    "topic orders: warning: replication factor 1 \xff"
    " [KA4001 topic-rf-below-three]\n"
    "  fix: Raise the replication factor to 3.\n"
    "\n"
    "3 files audited: 2 errors, 2 warnings, 2 info\n";

START_TEST(test_text)
{
	struct fixture	 fx;

	fixture_init(&fx, ALL);
	assert_emits("text", &fx.ctx, text_all);
	fixture_clear(&fx);
}
END_TEST

START_TEST(test_text_color)
{
	static const char want[] =
	    BOLD P1 ":" RESET " " YELLOW "warning" RESET
	    ": idempotence is silently off "
	    DIM "[KA2003 producer-idempotence-silently-off]" RESET "\n"
	    "  enable.idempotence = true"
	    " (default since Kafka 3.0 for the java client)\n"
	    "  fix: Set max.in.flight.requests.per.connection=5.\n"
	    BOLD P1 ":4:6:" RESET " " RED "error" RESET
	    ": acks=1 loses acknowledged messages when the leader fails "
	    DIM "[KA2001 producer-acks-not-all]" RESET "\n"
	    "  acks = 1 (" P1 ":4:6)\n"
	    "  fix: Set acks=all.\n"
	    BOLD P2 ":12:10:" RESET " " CYAN "info" RESET
	    ": log.dirs looks odd \\u009b "
	    DIM "[KA1010 broker-log-dirs-odd]" RESET "\n"
	    "  log.dirs = /data\\x1b[2J\\tx\\n (" P2 ":12:10)\n"
	    "  fix: Check log.dirs.\n"
	    BOLD "topic orders:" RESET " " YELLOW "warning" RESET
	    ": replication factor 1 \xff "
	    DIM "[KA4001 topic-rf-below-three]" RESET "\n"
	    "  fix: Raise the replication factor to 3.\n"
	    "\n"
	    "3 files audited: 1 error, 2 warnings, 1 info\n";
	struct fixture	 fx;

	fixture_init(&fx, F('a') | F('b') | F('d') | F('e'));
	fx.ctx.color = 1;
	assert_emits("text", &fx.ctx, want);
	fixture_clear(&fx);
}
END_TEST

START_TEST(test_compact)
{
	static const char want[] =
	    P1 ": info: transactional.id is not set"
	    " [KA2002 producer-transactional-id-unset]\n"
	    P1 ": warning: idempotence is silently off"
	    " [KA2003 producer-idempotence-silently-off]\n"
	    P1 ":4:6: error: acks=1 loses acknowledged messages when the"
	    " leader fails [KA2001 producer-acks-not-all]\n"
	    P2 ":7:1: error: min.insync.replicas is set twice"
	    " [KA1002 broker-duplicate-key]\n"
	    P2 ":12:10: info: log.dirs looks odd \\u009b"
	    " [KA1010 broker-log-dirs-odd]\n"
	    "topic orders: warning: replication factor 1 \xff"
	    " [KA4001 topic-rf-below-three]\n";
	struct fixture	 fx;

	fixture_init(&fx, ALL);
	/* Compact never colours and never summarises. */
	fx.ctx.color = 1;
	fx.ctx.verbose = 1;
	assert_emits("compact", &fx.ctx, want);
	fixture_clear(&fx);
}
END_TEST

/* Every control character is escaped; nothing reaches the terminal raw. */
START_TEST(test_text_escapes_everything)
{
	struct fixture		 fx;
	struct ka_finding	*f;
	char			 hostile[0x21], *got;
	const char		*p;
	int			 ch, rc;

	fixture_init(&fx, 0);
	for (ch = 1; ch < 0x20; ch++)
		hostile[ch - 1] = (char)ch;
	hostile[0x1f] = 0x7f;
	hostile[0x20] = '\0';
	f = ka_report_add(&fx.r);
	f->rule = &fx.rules[0];
	f->severity = KA_SEV_ERROR;
	f->loc.path = hostile;
	f->loc.line = 1;
	f->related.path = hostile;
	f->related.line = 2;
	f->subject = xstrdup(hostile);
	f->key = xstrdup(hostile);
	f->value = xstrdup(hostile);
	f->provenance = xstrdup(hostile);
	f->message = xstrdup(hostile);
	got = emit("text", &fx.ctx, &rc);
	ck_assert_int_eq(rc, 0);
	for (p = got; *p != '\0'; p++)
		ck_assert_msg(*p == '\n' || (*p >= 0x20 && *p != 0x7f),
		    "raw control character 0x%02x at byte %td", *p, p - got);
	ck_assert_ptr_nonnull(strstr(got,
	    "\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\\t\\n\\x0b\\x0c\\r"
	    "\\x0e\\x0f\\x10\\x11\\x12\\x13\\x14\\x15\\x16\\x17\\x18\\x19"
	    "\\x1a\\x1b\\x1c\\x1d\\x1e\\x1f\\x7f:1: error: "));
	free(got);
	fixture_clear(&fx);
}
END_TEST

static const struct {
	size_t		 files, error, warning, info;
	const char	*want;
} summaries[] = {
	{ 1, 1, 0, 0, "1 file audited: 1 error, 0 warnings, 0 info\n" },
	{ 2, 2, 1, 1, "2 files audited: 2 errors, 1 warning, 1 info\n" },
	{ 3, 0, 0, 5, "3 files audited: 0 errors, 0 warnings, 5 info\n" },
	{ 1, 0, 0, 0, "1 file audited: no findings\n" },
	{ 0, 0, 0, 0, "0 files audited: no findings\n" },
	{ 4, 0, 0, 0, "4 files audited: no findings\n" },
};

START_TEST(test_summary)
{
	static const char *const paths[] = { "a", "b", "c", "d" };
	struct fixture		 fx;
	struct ka_finding	*f;
	char			*got;
	size_t			 i, n, glen, wlen;
	int			 rc;

	fixture_init(&fx, 0);
	ka_report_clear(&fx.r);
	for (i = 0; i < summaries[_i].files; i++)
		ka_report_add_file(&fx.r, paths[i]);
	n = summaries[_i].error + summaries[_i].warning + summaries[_i].info;
	for (i = 0; i < n; i++) {
		f = ka_report_add(&fx.r);
		f->rule = &fx.rules[0];
		f->severity = i < summaries[_i].error ? KA_SEV_ERROR :
		    i < summaries[_i].error + summaries[_i].warning ?
		    KA_SEV_WARNING : KA_SEV_INFO;
		f->loc.path = "a";
		f->message = xstrdup("m");
	}
	got = emit("text", &fx.ctx, &rc);
	ck_assert_int_eq(rc, 0);
	glen = strlen(got);
	wlen = strlen(summaries[_i].want);
	ck_assert_uint_ge(glen, wlen);
	ck_assert_str_eq(got + glen - wlen, summaries[_i].want);
	if (n == 0)
		ck_assert_uint_eq(glen, wlen);
	else
		ck_assert_msg(glen >= wlen + 2 && got[glen - wlen - 1] == '\n' &&
		    got[glen - wlen - 2] == '\n',
		    "no blank line before the summary:\n%s", got);
	free(got);
	fixture_clear(&fx);
}
END_TEST

/* --quiet arrives as verbose < 0: the findings alone. */
START_TEST(test_quiet)
{
	struct fixture	 fx;
	char		*want;
	size_t		 len;

	fixture_init(&fx, ALL);
	fx.ctx.verbose = -1;
	len = strlen(text_all) -
	    strlen("\n3 files audited: 2 errors, 2 warnings, 2 info\n");
	want = xstrndup(text_all, len);
	assert_emits("text", &fx.ctx, want);
	free(want);
	fixture_clear(&fx);

	fixture_init(&fx, 0);
	fx.ctx.verbose = -1;
	assert_emits("text", &fx.ctx, "");
	fixture_clear(&fx);
}
END_TEST

/* ---- JSON. */

static const char json_bcde[] =
    "{\n"
    "  \"schemaVersion\": 1,\n"
    "  \"tool\": {\n"
    "    \"name\": \"kafka-audit\",\n"
    "    \"version\": \"" PACKAGE_VERSION "\"\n"
    "  },\n"
    "  \"kafkaVersion\": \"4.1\",\n"
    "  \"exitCode\": 1,\n"
    "  \"failureThreshold\": \"error\",\n"
    "  \"summary\": {\n"
    "    \"files\": 3,\n"
    "    \"findings\": 4,\n"
    "    \"error\": 2,\n"
    "    \"warning\": 1,\n"
    "    \"info\": 1,\n"
    "    \"suppressed\": 0,\n"
    "    \"baselined\": 0\n"
    "  },\n"
    "  \"files\": [\n"
    "    \"" P2 "\",\n"
    "    \"" P1 "\",\n"
    "    \"" P3 "\"\n"
    "  ],\n"
    "  \"findings\": [\n"
    "    {\n"
    "      \"ruleId\": \"KA2001\",\n"
    "      \"slug\": \"producer-acks-not-all\",\n"
    "      \"title\": \"acks is not all\",\n"
    "      \"severity\": \"error\",\n"
    "      \"category\": \"config\",\n"
    "      \"subject\": \"producer\",\n"
    "      \"location\": {\n"
    "        \"file\": \"" P1 "\",\n"
    "        \"line\": 4,\n"
    "        \"column\": 6\n"
    "      },\n"
    "      \"key\": \"acks\",\n"
    "      \"value\": \"1\",\n"
    "      \"provenance\": {\n"
    "        \"origin\": \"file\",\n"
    "        \"detail\": \"" P1 ":4:6\"\n"
    "      },\n"
    "      \"message\": \"acks=1 loses acknowledged messages when the"
    " leader fails\",\n"
    "      \"fix\": \"Set acks=all.\",\n"
    "      \"fingerprint\": null\n"
    "    },\n"
    "    {\n"
    "      \"ruleId\": \"KA1002\",\n"
    "      \"slug\": \"broker-duplicate-key\",\n"
    "      \"title\": \"a key is set twice\",\n"
    "      \"severity\": \"error\",\n"
    "      \"category\": \"config\",\n"
    "      \"subject\": \"broker\",\n"
    "      \"location\": {\n"
    "        \"file\": \"" P2 "\",\n"
    "        \"line\": 7,\n"
    "        \"column\": 1\n"
    "      },\n"
    "      \"key\": \"min.insync.replicas\",\n"
    "      \"value\": \"1\",\n"
    "      \"provenance\": {\n"
    "        \"origin\": \"file\",\n"
    "        \"detail\": \"" P2 ":7:1\"\n"
    "      },\n"
    "      \"message\": \"min.insync.replicas is set twice\",\n"
    "      \"fix\": \"Remove the earlier line.\",\n"
    "      \"related\": {\n"
    "        \"file\": \"" P2 "\",\n"
    "        \"line\": 3,\n"
    "        \"column\": 1\n"
    "      },\n"
    "      \"fingerprint\": null\n"
    "    },\n"
    "    {\n"
    "      \"ruleId\": \"KA1010\",\n"
    "      \"slug\": \"broker-log-dirs-odd\",\n"
    "      \"title\": \"log.dirs looks odd\",\n"
    "      \"severity\": \"info\",\n"
    "      \"category\": \"config\",\n"
    "      \"subject\": \"broker\",\n"
    "      \"location\": {\n"
    "        \"file\": \"" P2 "\",\n"
    "        \"line\": 12,\n"
    "        \"column\": 10\n"
    "      },\n"
    "      \"key\": \"log.dirs\",\n"
    "      \"value\": \"/data\\u001B[2J\\tx\\n\",\n"
    "      \"provenance\": {\n"
    "        \"origin\": \"file\",\n"
    "        \"detail\": \"" P2 ":12:10\"\n"
    "      },\n"
    "      \"message\": \"log.dirs looks odd \xc2\x9b\",\n"
    "      \"fix\": \"Check log.dirs.\",\n"
    "      \"fingerprint\": null\n"
    "    },\n"
    "    {\n"
    "      \"ruleId\": \"KA4001\",\n"
    "      \"slug\": \"topic-rf-below-three\",\n"
    "      \"title\": \"replication factor below 3\",\n"
    "      \"severity\": \"warning\",\n"
    "      \"category\": \"state\",\n"
    "      \"subject\": \"topic orders\",\n"
    "      \"location\": null,\n"
    "      \"key\": null,\n"
    "      \"value\": null,\n"
    "      \"provenance\": {\n"
    "        \"origin\": \"none\",\n"
    "        \"detail\": null\n"
    "      },\n"
    "      \"message\": \"replication factor 1 \xef\xbf\xbd\",\n"
    "      \"fix\": \"Raise the replication factor to 3.\",\n"
    "      \"fingerprint\": null\n"
    "    }\n"
    "  ],\n"
    "  \"diagnostics\": [\n"
    "    {\n"
    "      \"id\": \"props.bad-escape\",\n"
    "      \"level\": \"error\",\n"
    "      \"location\": {\n"
    "        \"file\": \"" P1 "\",\n"
    "        \"line\": 2\n"
    "      },\n"
    "      \"message\": \"malformed \\\\uXXXX escape\"\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"walk.skipped\",\n"
    "      \"level\": \"note\",\n"
    "      \"location\": null,\n"
    "      \"message\": \"notes.txt is not a Kafka configuration\"\n"
    "    }\n"
    "  ]\n"
    "}\n";

static void
add_diags(struct ka_diags *ds)
{
	struct ka_loc	 loc = { P1, 2, 0 };

	ka_diag(ds, KA_D_PROPS_BAD_ESCAPE, &loc, "malformed %s escape",
	    "\\uXXXX");
	ka_diag(ds, KA_D_WALK_SKIPPED, NULL,
	    "notes.txt is not a Kafka configuration");
}

START_TEST(test_json)
{
	struct fixture	 fx;

	fixture_init(&fx, F('b') | F('c') | F('d') | F('e'));
	add_diags(&fx.ds);
	assert_emits("json", &fx.ctx, json_bcde);
	fixture_clear(&fx);
}
END_TEST

START_TEST(test_json_empty)
{
	static const char want[] =
	    "{\n"
	    "  \"schemaVersion\": 1,\n"
	    "  \"tool\": {\n"
	    "    \"name\": \"kafka-audit\",\n"
	    "    \"version\": \"" PACKAGE_VERSION "\"\n"
	    "  },\n"
	    "  \"kafkaVersion\": \"3.0.1\",\n"
	    "  \"exitCode\": 0,\n"
	    "  \"failureThreshold\": \"none\",\n"
	    "  \"summary\": {\n"
	    "    \"files\": 0,\n"
	    "    \"findings\": 0,\n"
	    "    \"error\": 0,\n"
	    "    \"warning\": 0,\n"
	    "    \"info\": 0,\n"
	    "    \"suppressed\": 0,\n"
	    "    \"baselined\": 0\n"
	    "  },\n"
	    "  \"files\": [],\n"
	    "  \"findings\": [],\n"
	    "  \"diagnostics\": []\n"
	    "}\n";
	struct fixture	 fx;

	fixture_init(&fx, 0);
	ka_report_clear(&fx.r);
	fx.ctx.threshold = -1;
	fx.ctx.exit_status = 0;
	fx.ctx.version = KA_VERSION(3, 0, 1, 0);
	assert_emits("json", &fx.ctx, want);
	fixture_clear(&fx);
}
END_TEST

/* What a consumer of the JSON sees, through a real parser. */
START_TEST(test_json_round_trip)
{
	struct fixture	 fx;
	json_error_t	 jerr;
	json_t		*root, *sum, *findings, *f;
	char		*got;
	int		 rc;

	fixture_init(&fx, ALL);
	add_diags(&fx.ds);
	got = emit("json", &fx.ctx, &rc);
	ck_assert_int_eq(rc, 0);
	root = json_loads(got, JSON_REJECT_DUPLICATES, &jerr);
	ck_assert_msg(root != NULL, "line %d: %s", jerr.line, jerr.text);
	ck_assert_int_eq(json_integer_value(json_object_get(root,
	    "schemaVersion")), 1);
	sum = json_object_get(root, "summary");
	ck_assert_int_eq(json_integer_value(json_object_get(sum,
	    "findings")), 6);
	ck_assert_int_eq(json_integer_value(json_object_get(sum, "error")), 2);
	ck_assert_int_eq(json_integer_value(json_object_get(sum,
	    "warning")), 2);
	ck_assert_int_eq(json_integer_value(json_object_get(sum, "info")), 2);
	ck_assert_int_eq(json_integer_value(json_object_get(sum, "files")), 3);
	findings = json_object_get(root, "findings");
	ck_assert_uint_eq(json_array_size(findings), 6);
	/* The control characters survive exactly, escaped by JSON. */
	f = json_array_get(findings, 4);
	ck_assert_str_eq(json_string_value(json_object_get(f, "value")),
	    "/data\033[2J\tx\n");
	/* The byte that is not UTF-8 became U+FFFD, the rest is intact. */
	f = json_array_get(findings, 5);
	ck_assert_str_eq(json_string_value(json_object_get(f, "message")),
	    "replication factor 1 \xef\xbf\xbd");
	/* A null value is JSON null, not the string "(null)". */
	f = json_array_get(findings, 0);
	ck_assert(json_is_null(json_object_get(f, "value")));
	/* JSON carries the whole fix, not only its first line. */
	f = json_array_get(findings, 1);
	ck_assert_str_eq(json_string_value(json_object_get(f, "fix")),
	    rspecs[2].fix);
	ck_assert_uint_eq(json_array_size(json_object_get(root,
	    "diagnostics")), 2);
	json_decref(root);
	free(got);
	fixture_clear(&fx);
}
END_TEST

/* Bytes jansson would refuse; each must come out as valid JSON. */
static const struct {
	const char	*in, *out;
} bad_utf8[] = {
	{ "ok \xc3\xa9", "ok \xc3\xa9" },		/* valid: untouched */
	{ "\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80" },	/* 4 bytes, valid */
	{ "a\x80z", "a\xef\xbf\xbdz" },			/* lone continuation */
	{ "\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd" },	/* overlong '/' */
	{ "\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" }, /* surrogate */
	{ "\xf4\x90\x80\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
	    "\xef\xbf\xbd" },				/* above U+10FFFF */
	{ "x\xe2\x82", "x\xef\xbf\xbd\xef\xbf\xbd" },	/* truncated */
	{ "\xfe\xff", "\xef\xbf\xbd\xef\xbf\xbd" },
};

START_TEST(test_json_utf8)
{
	struct fixture		 fx;
	struct ka_finding	*f;
	json_t			*root, *v;
	char			*got;
	int			 rc;

	fixture_init(&fx, 0);
	f = ka_report_add(&fx.r);
	f->rule = &fx.rules[0];
	f->loc.path = P1;
	f->value = xstrdup(bad_utf8[_i].in);
	got = emit("json", &fx.ctx, &rc);
	ck_assert_int_eq(rc, 0);
	root = json_loads(got, 0, NULL);
	ck_assert_ptr_nonnull(root);
	v = json_object_get(json_array_get(json_object_get(root, "findings"),
	    0), "value");
	ck_assert_str_eq(json_string_value(v), bad_utf8[_i].out);
	json_decref(root);
	free(got);
	fixture_clear(&fx);
}
END_TEST

/*
 * The report's JSON writer against jansson itself: the same report built
 * as a tree and dumped by json_dumps() must give the same bytes, for
 * every control character, quotes, backslashes, text beyond ASCII, null
 * fields, live subjects and origins, and diagnostics.
 */
static json_t *
oracle_str(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static json_t *
oracle_loc(const struct ka_loc *l)
{
	json_t	*o;

	if (l->path == NULL)
		return json_null();
	o = json_object();
	json_object_set_new(o, "file", json_string(l->path));
	if (l->line != 0)
		json_object_set_new(o, "line", json_integer(l->line));
	if (l->col != 0)
		json_object_set_new(o, "column", json_integer(l->col));
	return o;
}

static json_t *
oracle(const struct fixture *fx)
{
	const struct ka_report	*r = &fx->r;
	const struct ka_finding	*f;
	json_t			*root, *o, *a, *prov, *ids, *sup;
	size_t			 i, j;

	root = json_object();
	json_object_set_new(root, "schemaVersion", json_integer(1));
	o = json_object();
	json_object_set_new(o, "name", json_string(PACKAGE_NAME));
	json_object_set_new(o, "version", json_string(PACKAGE_VERSION));
	json_object_set_new(root, "tool", o);
	json_object_set_new(root, "kafkaVersion", json_string("4.1"));
	json_object_set_new(root, "exitCode", json_integer(1));
	json_object_set_new(root, "failureThreshold", json_string("error"));
	o = json_object();
	json_object_set_new(o, "files", json_integer((json_int_t)r->nfiles));
	json_object_set_new(o, "findings", json_integer((json_int_t)
	    (r->len - ka_report_suppressed(r, KA_SUPPRESS_INLINE) -
	    ka_report_suppressed(r, KA_SUPPRESS_CONFIG) -
	    ka_report_suppressed(r, KA_SUPPRESS_BASELINE))));
	json_object_set_new(o, "error", json_integer((json_int_t)
	    ka_report_count(r, KA_SEV_ERROR)));
	json_object_set_new(o, "warning", json_integer((json_int_t)
	    ka_report_count(r, KA_SEV_WARNING)));
	json_object_set_new(o, "info", json_integer((json_int_t)
	    ka_report_count(r, KA_SEV_INFO)));
	json_object_set_new(o, "suppressed", json_integer((json_int_t)
	    (ka_report_suppressed(r, KA_SUPPRESS_INLINE) +
	    ka_report_suppressed(r, KA_SUPPRESS_CONFIG))));
	json_object_set_new(o, "baselined", json_integer((json_int_t)
	    ka_report_suppressed(r, KA_SUPPRESS_BASELINE)));
	json_object_set_new(root, "summary", o);
	a = json_array();
	for (i = 0; i < r->nfiles; i++)
		json_array_append_new(a, json_string(r->files[i]));
	json_object_set_new(root, "files", a);
	a = json_array();
	for (i = 0; i < r->len; i++) {
		f = &r->v[i];
		o = json_object();
		json_object_set_new(o, "ruleId", json_string(f->rule->id));
		json_object_set_new(o, "slug", json_string(f->rule->slug));
		json_object_set_new(o, "title", json_string(f->rule->title));
		json_object_set_new(o, "severity",
		    json_string(ka_rules_severity_name(f->severity)));
		json_object_set_new(o, "category", json_string(
		    ka_rules_category_name(f->rule->category)));
		json_object_set_new(o, "subject", oracle_str(f->subject));
		if (f->kind == KA_KIND_BROKER && f->nbrokers <= 1)
			json_object_set_new(o, "broker",
			    json_integer(f->broker));
		if (f->nbrokers > 1 || (f->nbrokers == 1 &&
		    f->kind != KA_KIND_BROKER)) {
			ids = json_array();
			for (j = 0; j < f->nbrokers; j++)
				json_array_append_new(ids,
				    json_integer(f->brokers[j]));
			json_object_set_new(o, "brokers", ids);
		}
		if (f->topic != NULL)
			json_object_set_new(o, "topic", json_string(f->topic));
		if (f->kind == KA_KIND_PARTITION)
			json_object_set_new(o, "partition",
			    json_integer(f->partition));
		json_object_set_new(o, "location", oracle_loc(&f->loc));
		json_object_set_new(o, "key", oracle_str(f->key));
		json_object_set_new(o, "value", oracle_str(f->value));
		prov = json_object();
		json_object_set_new(prov, "origin", oracle_str(
		    ka_settings_origin_name(f->origin)));
		json_object_set_new(prov, "detail", oracle_str(f->provenance));
		json_object_set_new(o, "provenance", prov);
		json_object_set_new(o, "message", oracle_str(f->message));
		json_object_set_new(o, "fix", oracle_str(f->fix != NULL ?
		    f->fix : f->rule->fix));
		if (f->related.line != 0)
			json_object_set_new(o, "related",
			    oracle_loc(&f->related));
		json_object_set_new(o, "fingerprint",
		    oracle_str(f->fingerprint));
		if (f->suppressed.kind != KA_SUPPRESS_NONE) {
			sup = json_object();
			json_object_set_new(sup, "kind", json_string(
			    ka_report_suppress_name(f->suppressed.kind)));
			json_object_set_new(sup, "reason",
			    oracle_str(f->suppressed.reason));
			json_object_set_new(sup, "until",
			    oracle_str(f->suppressed.until));
			json_object_set_new(sup, "location",
			    oracle_loc(&f->suppressed.loc));
			json_object_set_new(o, "suppression", sup);
		}
		json_array_append_new(a, o);
	}
	json_object_set_new(root, "findings", a);
	a = json_array();
	for (i = 0; i < fx->ds.len; i++) {
		o = json_object();
		json_object_set_new(o, "id",
		    json_string(ka_diag_id(fx->ds.v[i].code)));
		json_object_set_new(o, "level",
		    json_string(ka_level_name(fx->ds.v[i].level)));
		json_object_set_new(o, "location", oracle_loc(&fx->ds.v[i].loc));
		json_object_set_new(o, "message",
		    oracle_str(fx->ds.v[i].detail));
		json_array_append_new(a, o);
	}
	json_object_set_new(root, "diagnostics", a);
	return root;
}

START_TEST(test_json_oracle)
{
	struct fixture		 fx;
	struct ka_finding	*f;
	struct ka_loc		 loc = { P1, 3, 0 };
	json_t			*root;
	char			 ctl[0x80], *got, *dumped, *want;
	size_t			 i;
	int			 rc;

	fixture_init(&fx, F('a') | F('b') | F('c') | F('f'));
	for (i = 1; i < sizeof(ctl); i++)
		ctl[i - 1] = (char)i;
	ctl[sizeof(ctl) - 1] = '\0';
	f = ka_report_add(&fx.r);
	f->rule = &fx.rules[1];
	f->severity = KA_SEV_WARNING;
	f->loc.path = P3;
	f->subject = xstrdup("consumer \"q\" \\ \xc3\xa9\xe2\x80\xa8");
	f->key = xstrdup(ctl);
	f->value = xstrdup("\xf0\x9f\x98\x80 / \x7f");
	f->origin = KA_ORIGIN_LIVE;
	f->message = xstrdup(ctl);
	f->fix = xstrdup("");
	f->related.path = P2;
	f->related.line = 9;
	/* Live subjects: a partition, and brokers whose findings merged. */
	f = ka_report_add(&fx.r);
	f->rule = &fx.rules[0];
	f->kind = KA_KIND_PARTITION;
	f->subject = xstrdup("topic orders partition 3");
	f->topic = xstrdup("orders");
	f->partition = 3;
	f->key = xstrdup("isr");
	f->value = xstrdup("1");
	f->origin = KA_ORIGIN_METADATA;
	f->message = xstrdup("m");
	f = ka_report_add(&fx.r);
	f->rule = &fx.rules[0];
	f->kind = KA_KIND_BROKER;
	f->subject = xstrdup("brokers 1 and 3");
	f->broker = 1;
	f->brokers = xcalloc(2, sizeof(*f->brokers));
	f->brokers[0] = 1;
	f->brokers[1] = 3;
	f->nbrokers = 2;
	f->origin = KA_ORIGIN_UNKNOWN;
	f->message = xstrdup("m");
	/* Suppressed, and shown: the deepest nesting of the report. */
	f = ka_report_add(&fx.r);
	f->rule = &fx.rules[0];
	f->loc.path = P1;
	f->loc.line = 5;
	f->message = xstrdup("suppressed \"here\"");
	f->suppressed.kind = KA_SUPPRESS_INLINE;
	f->suppressed.reason = xstrdup("a \"reason\"\n");
	f->suppressed.loc = loc;
	fx.ctx.show_suppressed = 1;
	ka_diag(&fx.ds, KA_D_PROPS_BAD_ESCAPE, &loc, "a \"%s\"", "\t\x01");
	ka_diag(&fx.ds, KA_D_WALK_SKIPPED, NULL, "no place");

	got = emit("json", &fx.ctx, &rc);
	ck_assert_int_eq(rc, 0);
	root = oracle(&fx);
	dumped = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	ck_assert_ptr_nonnull(dumped);
	want = xasprintf("%s\n", dumped);
	assert_bytes(got, want);
	free(want);
	free(dumped);
	json_decref(root);
	free(got);
	fixture_clear(&fx);
}
END_TEST

START_TEST(test_json_rules)
{
	static const char want[] =
	    "{\n"
	    "  \"schemaVersion\": 1,\n"
	    "  \"rules\": [\n"
	    "    {\n"
	    "      \"id\": \"KA2003\",\n"
	    "      \"slug\": \"producer-idempotence-silently-off\",\n"
	    "      \"title\": \"idempotence is silently off\",\n"
	    "      \"scope\": [\n"
	    "        \"producer\"\n"
	    "      ],\n"
	    "      \"category\": \"config\",\n"
	    "      \"severity\": \"warning\",\n"
	    "      \"kafka\": \">=3.0.1\",\n"
	    "      \"clients\": [\n"
	    "        \"java\"\n"
	    "      ],\n"
	    "      \"key\": \"enable.idempotence\",\n"
	    "      \"message\": \"idempotence is off: {value}\",\n"
	    "      \"rationale\": \"Java turns it off \\\"silently\\\".\",\n"
	    "      \"fix\": \"\\n  Set max.in.flight.requests.per.connection=5."
	    "  \\nOr turn idempotence off explicitly.\\n\",\n"
	    "      \"enabled\": true,\n"
	    "      \"suppressible\": true,\n"
	    "      \"options\": [\n"
	    "        {\n"
	    "          \"name\": \"target\",\n"
	    "          \"type\": \"integer\",\n"
	    "          \"default\": \"5\",\n"
	    "          \"value\": \"4\",\n"
	    "          \"doc\": \"The most in flight.\"\n"
	    "        }\n"
	    "      ]\n"
	    "    },\n"
	    "    {\n"
	    "      \"id\": \"KA2001\",\n"
	    "      \"slug\": \"producer-acks-not-all\",\n"
	    "      \"title\": \"acks is not all\",\n"
	    "      \"scope\": [\n"
	    "        \"producer\"\n"
	    "      ],\n"
	    "      \"category\": \"config\",\n"
	    "      \"severity\": \"error\",\n"
	    "      \"kafka\": null,\n"
	    "      \"clients\": [],\n"
	    "      \"key\": null,\n"
	    "      \"message\": null,\n"
	    "      \"rationale\": null,\n"
	    "      \"fix\": \"Set acks=all.\",\n"
	    "      \"enabled\": false,\n"
	    "      \"suppressible\": false,\n"
	    "      \"options\": []\n"
	    "    }\n"
	    "  ]\n"
	    "}\n";
	char			 oname[] = "target", odeflt[] = "5";
	char			 ovalue[] = "4", odoc[] = "The most in flight.";
	struct ka_ruleopt	 opt;
	struct ka_rule		 rules[2];
	struct ka_ruleset	 rs;
	FILE			*fp;
	char			*got = NULL;
	size_t			 len = 0;

	/* Ruleset order, not id order: the loader sorts, not the writer. */
	rule_make(&rules[0], &rspecs[2]);
	rules[0].versions_text = xstrdup(">=3.0.1");
	rules[0].clients = 1u << KA_CLIENT_JAVA;
	rules[0].key = xstrdup("enable.idempotence");
	rules[0].message = xstrdup("idempotence is off: {value}");
	rules[0].rationale = xstrdup("Java turns it off \"silently\".");
	rules[0].suppressible = 1;
	memset(&opt, 0, sizeof(opt));
	opt.name = oname;
	opt.deflt = odeflt;
	opt.value = ovalue;
	opt.doc = odoc;
	rules[0].options = &opt;
	rules[0].noptions = 1;
	rule_make(&rules[1], &rspecs[0]);
	rules[1].off = 1;
	memset(&rs, 0, sizeof(rs));
	rs.v = rules;
	rs.len = rs.cap = 2;

	fp = open_memstream(&got, &len);
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(ka_report_json_rules(fp, &rs), 0);
	ck_assert_int_eq(fclose(fp), 0);
	assert_bytes(got, want);
	free(got);
	rule_free(&rules[0]);
	rule_free(&rules[1]);
}
END_TEST

/* ---- The format table and errors. */

START_TEST(test_formats)
{
	static const char *const names[] = { "text", "compact", "json",
	    "sarif", "junit", "github", "codequality" };
	struct fixture	 fx;
	char		*got;
	size_t		 i;
	int		 rc;

	/* The list --help shows names exactly the formats that work. */
	ck_assert_str_eq(ka_report_format_list(),
	    "text, compact, json, sarif, junit, github, codequality");
	fixture_init(&fx, ALL);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		ck_assert_int_eq(ka_report_format_known(names[i]), 1);
		got = emit(names[i], &fx.ctx, &rc);
		ck_assert_int_eq(rc, 0);
		ck_assert_uint_gt(strlen(got), 0);
		free(got);
	}

	ck_assert_int_eq(ka_report_format_known("xml"), 0);
	ck_assert_int_eq(ka_report_format_known("TEXT"), 0);
	ck_assert_int_eq(ka_report_format_known(""), 0);
	got = emit("xml", &fx.ctx, &rc);
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(got, "");
	free(got);
	fixture_clear(&fx);
}
END_TEST

static const char *const write_formats[] = { "text", "compact", "json",
    "sarif", "junit", "github", "codequality" };

/* A full disk: the error shows when the buffer is flushed. */
START_TEST(test_write_error_full)
{
	struct fixture	 fx;
	FILE		*fp;

	fp = fopen("/dev/full", "w");
	if (fp == NULL)
		return;		/* not Linux; the read-only case still runs */
	fixture_init(&fx, ALL);
	ck_assert_int_eq(ka_report_emit(write_formats[_i], fp, &fx.ctx), -1);
	fclose(fp);
	fixture_clear(&fx);
}
END_TEST

/* A stream that cannot be written at all fails on the first write. */
START_TEST(test_write_error_readonly)
{
	struct fixture	 fx;
	FILE		*fp;

	fp = fopen("/dev/null", "r");
	ck_assert_ptr_nonnull(fp);
	fixture_init(&fx, ALL);
	ck_assert_int_eq(ka_report_emit(write_formats[_i], fp, &fx.ctx), -1);
	fclose(fp);
	fixture_clear(&fx);
}
END_TEST

START_TEST(test_write_error_rules)
{
	struct ka_rule		 rule;
	struct ka_ruleset	 rs;
	FILE			*fp;

	fp = fopen("/dev/null", "r");
	ck_assert_ptr_nonnull(fp);
	rule_make(&rule, &rspecs[0]);
	memset(&rs, 0, sizeof(rs));
	rs.v = &rule;
	rs.len = rs.cap = 1;
	ck_assert_int_eq(ka_report_json_rules(fp, &rs), -1);
	fclose(fp);
	rule_free(&rule);
}
END_TEST

/* The escaping of the CI formats, each input with what it must become. */
static const struct {
	const char	*in, *attr, *text;
} xml_cases[] = {
	{ "plain", "plain", "plain" },
	{ "a&b<c>d\"e'f", "a&amp;b&lt;c&gt;d&quot;e&apos;f",
	    "a&amp;b&lt;c&gt;d&quot;e&apos;f" },
	{ "]]>", "]]&gt;", "]]&gt;" },
	{ "t\tl\nc\r.", "t&#9;l&#10;c&#13;.", "t\tl\nc&#13;." },
	/* C0 controls other than tab, LF and CR are not XML 1.0. */
	{ "\x01\x1b[2J\x7f", "\xef\xbf\xbd\xef\xbf\xbd[2J\x7f",
	    "\xef\xbf\xbd\xef\xbf\xbd[2J\x7f" },
	/* Bytes that are not UTF-8, and U+FFFE and U+FFFF. */
	{ "\xff\xc3(", "\xef\xbf\xbd\xef\xbf\xbd(",
	    "\xef\xbf\xbd\xef\xbf\xbd(" },
	{ "\xef\xbf\xbe\xef\xbf\xbf!", "\xef\xbf\xbd\xef\xbf\xbd!",
	    "\xef\xbf\xbd\xef\xbf\xbd!" },
	/* Well-formed UTF-8 and C1 controls are XML characters. */
	{ "\xc3\xa9\xe2\x80\xa8\xc2\x9b", "\xc3\xa9\xe2\x80\xa8\xc2\x9b",
	    "\xc3\xa9\xe2\x80\xa8\xc2\x9b" },
};

static char *
escaped(void (*fn)(FILE *, const char *, int), const char *s, int flag)
{
	FILE	*fp;
	char	*buf = NULL;
	size_t	 len = 0;

	fp = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(fp);
	fn(fp, s, flag);
	ck_assert_int_eq(fclose(fp), 0);
	return buf;
}

START_TEST(test_junit_escape)
{
	char	*got;

	got = escaped(ka_report_junit_escape, xml_cases[_i].in, 1);
	assert_bytes(got, xml_cases[_i].attr);
	free(got);
	got = escaped(ka_report_junit_escape, xml_cases[_i].in, 0);
	assert_bytes(got, xml_cases[_i].text);
	free(got);
}
END_TEST

/*
 * The same inside long plain text, at every offset of a 16-byte block,
 * so that the sixteen-byte scan meets each special at each place.
 */
START_TEST(test_junit_escape_long)
{
	char	*in, *attr, *text, *got, pad[40];
	size_t	 k;

	memset(pad, 'x', sizeof(pad));
	for (k = 0; k < 32; k++) {
		in = xasprintf("%.*s%s%.*s", (int)k, pad, xml_cases[_i].in,
		    (int)(sizeof(pad) - k), pad);
		attr = xasprintf("%.*s%s%.*s", (int)k, pad,
		    xml_cases[_i].attr, (int)(sizeof(pad) - k), pad);
		text = xasprintf("%.*s%s%.*s", (int)k, pad,
		    xml_cases[_i].text, (int)(sizeof(pad) - k), pad);
		got = escaped(ka_report_junit_escape, in, 1);
		assert_bytes(got, attr);
		free(got);
		got = escaped(ka_report_junit_escape, in, 0);
		assert_bytes(got, text);
		free(got);
		free(in);
		free(attr);
		free(text);
	}
}
END_TEST

/*
 * ka_scan_plain() stops at the first byte that is not plain, wherever
 * it is, and never at or past n.
 */
START_TEST(test_scan_plain)
{
	static const unsigned char	 odd[] = { '"', '\\', 0x01, 0x1f,
					    0x80, 0xff, 0 };
	unsigned char			 lt[256], buf[64];
	size_t				 i, k, at;

	/* The bytes that are not plain where only '<' is special. */
	for (i = 0; i < 256; i++)
		lt[i] = i < 0x20 || i >= 0x80 || i == '<';
	for (k = 0; odd[k] != 0; k++)
		for (at = 0; at < sizeof(buf); at++) {
			memset(buf, 'a', sizeof(buf));
			buf[at] = odd[k];
			ck_assert_uint_eq(ka_scan_plain(buf, sizeof(buf),
			    "\"\\"), at);
			ck_assert_uint_eq(ka_scan_plain(buf, at, "\"\\"), at);
			/* Where only '<' is special, '"' and '\\' are plain. */
			ck_assert_uint_eq(ka_scan_plain(buf, sizeof(buf), "<"),
			    lt[odd[k]] ? at : sizeof(buf));
		}
}
END_TEST

/* actions/toolkit command.ts: escapeData and escapeProperty. */
static const struct {
	const char	*in, *property, *message;
} gh_cases[] = {
	{ "plain", "plain", "plain" },
	{ "100%", "100%25", "100%25" },
	{ "a\r\nb", "a%0D%0Ab", "a%0D%0Ab" },
	{ "path/a,b:c.properties", "path/a%2Cb%3Ac.properties",
	    "path/a,b:c.properties" },
	{ "%0A", "%250A", "%250A" },
	{ "::error::x", "%3A%3Aerror%3A%3Ax", "::error::x" },
};

START_TEST(test_github_escape)
{
	char	*got;

	got = escaped(ka_report_github_escape, gh_cases[_i].in, 1);
	assert_bytes(got, gh_cases[_i].property);
	free(got);
	got = escaped(ka_report_github_escape, gh_cases[_i].in, 0);
	assert_bytes(got, gh_cases[_i].message);
	free(got);
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("report");
	TCase	*tc;

	tc = tcase_create("model");
	tcase_add_test(tc, test_sort_fixture);
	tcase_add_test(tc, test_sort_order);
	tcase_add_test(tc, test_files);
	tcase_add_test(tc, test_files_many);
	tcase_add_test(tc, test_count);
	suite_add_tcase(s, tc);

	tc = tcase_create("text");
	tcase_add_test(tc, test_text);
	tcase_add_test(tc, test_text_color);
	tcase_add_test(tc, test_compact);
	tcase_add_test(tc, test_text_escapes_everything);
	tcase_add_loop_test(tc, test_summary, 0,
	    sizeof(summaries) / sizeof(summaries[0]));
	tcase_add_test(tc, test_quiet);
	suite_add_tcase(s, tc);

	tc = tcase_create("json");
	tcase_add_test(tc, test_json);
	tcase_add_test(tc, test_json_empty);
	tcase_add_test(tc, test_json_round_trip);
	tcase_add_loop_test(tc, test_json_utf8, 0,
	    sizeof(bad_utf8) / sizeof(bad_utf8[0]));
	tcase_add_test(tc, test_json_oracle);
	tcase_add_test(tc, test_json_rules);
	suite_add_tcase(s, tc);

	tc = tcase_create("escapes");
	tcase_add_loop_test(tc, test_junit_escape, 0,
	    sizeof(xml_cases) / sizeof(xml_cases[0]));
	tcase_add_loop_test(tc, test_junit_escape_long, 0,
	    sizeof(xml_cases) / sizeof(xml_cases[0]));
	tcase_add_test(tc, test_scan_plain);
	tcase_add_loop_test(tc, test_github_escape, 0,
	    sizeof(gh_cases) / sizeof(gh_cases[0]));
	suite_add_tcase(s, tc);

	tc = tcase_create("formats");
	tcase_add_test(tc, test_formats);
	tcase_add_loop_test(tc, test_write_error_full, 0,
	    sizeof(write_formats) / sizeof(write_formats[0]));
	tcase_add_loop_test(tc, test_write_error_readonly, 0,
	    sizeof(write_formats) / sizeof(write_formats[0]));
	tcase_add_test(tc, test_write_error_rules);
	suite_add_tcase(s, tc);
	return s;
}

KA_CHECK_MAIN(suite)
