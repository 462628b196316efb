/*
 * SARIF 2.1.0 (OASIS), as GitHub code scanning reads it: every rule of
 * the run in tool.driver.rules, one result per finding with a location
 * relative to the path base (uriBaseId %SRCROOT%), line-independent
 * partialFingerprints, and suppressions for the findings that do not
 * count; the run's own diagnostics as tool execution notifications.
 *
 * A live finding has no file: it is anchored to the snapshot the cluster
 * was read from, at the line of its broker, topic or partition, and it
 * always carries a logical location (the topic, partition or broker), so
 * that a live audit without a snapshot is reported without a physical
 * location, as SARIF allows.
 *
 * Suppressed findings are always written, marked, since SARIF has the
 * means to say so; --show-suppressed matters to the other formats.
 * Each rule, result and notification is written on one line: reports of
 * many thousand results stay small, and still diff line by line.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cluster.h"
#include "fingerprint.h"
#include "jsonw.h"
#include "pathbase.h"
#include "report.h"
#include "xmalloc.h"

#define SARIF_SCHEMA	"https://json.schemastore.org/sarif-2.1.0.json"
#define SRCROOT		"%SRCROOT%"

/* Our severities as SARIF levels and as GitHub's problem.severity. */
static const struct {
	const char	*level, *problem;
} levels[KA_SEV__MAX] = {
	[KA_SEV_INFO] = { "note", "recommendation" },
	[KA_SEV_WARNING] = { "warning", "warning" },
	[KA_SEV_ERROR] = { "error", "error" },
};

static const char *const diag_levels[] = {
	[KA_LEVEL_NOTE] = "note",
	[KA_LEVEL_WARNING] = "warning",
	[KA_LEVEL_CLUSTER] = "error",
	[KA_LEVEL_INPUT] = "error",
	[KA_LEVEL_INTERNAL] = "error",
};

static const char *
level(enum ka_severity s)
{
	return s < KA_SEV__MAX ? levels[s].level : "error";
}

/*
 * A text of a rule file as one paragraph: YAML block scalars break lines
 * where the author wrapped them, which a code-scanning page would keep.
 * Owned by the caller; NULL for NULL.
 */
static char *
unwrap(const char *s)
{
	char	*t, *q;

	if (s == NULL)
		return NULL;
	s += strspn(s, " \t\n");
	t = q = xstrdup(s);
	for (; *s != '\0'; s++) {
		if (*s == '\n' && s[1] != '\n' && q > t && q[-1] != '\n')
			*q++ = ' ';
		else if (*s != '\n' || s[1] == '\n' || (q > t &&
		    q[-1] == '\n'))
			*q++ = *s;
	}
	while (q > t && (q[-1] == ' ' || q[-1] == '\n' || q[-1] == '\t'))
		q--;
	*q = '\0';
	return t;
}

/* {"text": s}, with s unwrapped. */
static void
put_text(struct ka_jsonw *w, const char *key, const char *s)
{
	char	*u = unwrap(s);

	ka_jsonw_key(w, key);
	ka_jsonw_open(w, '{');
	ka_jsonw_key_str(w, "text", u != NULL ? u : "");
	ka_jsonw_close(w, '}');
	free(u);
}

/* {"text": s}, as it is: a finding's message is one line already. */
static void
put_message(struct ka_jsonw *w, const char *s)
{
	ka_jsonw_key(w, "message");
	ka_jsonw_open(w, '{');
	ka_jsonw_key_str(w, "text", s != NULL ? s : "");
	ka_jsonw_close(w, '}');
}

static void
put_rule(struct ka_jsonw *w, const struct ka_rule *r)
{
	const char	*cat = ka_rules_category_name(r->category);

	ka_jsonw_next(w);
	ka_jsonw_open(w, '{');
	ka_jsonw_key_str(w, "id", r->id);
	ka_jsonw_key_str(w, "name", r->slug);
	put_text(w, "shortDescription", r->title);
	put_text(w, "fullDescription",
	    r->rationale != NULL ? r->rationale : r->title);
	put_text(w, "help", r->fix != NULL ? r->fix : r->title);
	ka_jsonw_key(w, "defaultConfiguration");
	ka_jsonw_open(w, '{');
	ka_jsonw_key_str(w, "level", level(r->severity));
	ka_jsonw_close(w, '}');
	ka_jsonw_key(w, "properties");
	ka_jsonw_open(w, '{');
	ka_jsonw_key(w, "tags");
	ka_jsonw_open(w, '[');
	ka_jsonw_next(w);
	ka_jsonw_str(w, "kafka");
	ka_jsonw_next(w);
	ka_jsonw_str(w, "durability");
	ka_jsonw_next(w);
	ka_jsonw_str(w, cat);
	ka_jsonw_close(w, ']');
	ka_jsonw_key_str(w, "category", cat);
	ka_jsonw_key_str(w, "problem.severity", r->severity < KA_SEV__MAX ?
	    levels[r->severity].problem : "error");
	ka_jsonw_close(w, '}');
	ka_jsonw_close(w, '}');
}

/*
 * A URI reference for a path: relative paths stay relative, absolute
 * ones become file: URIs, and every byte outside RFC 3986's unreserved
 * characters and '/' is percent-encoded.  Owned by the caller.
 */
static char *
uri(const char *path)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*p;
	char			*u, *q;

	u = q = xmalloc(3 * strlen(path) + sizeof("file://"));
	if (path[0] == '/') {
		memcpy(q, "file://", 7);
		q += 7;
	}
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~' || *p == '/')
			*q++ = (char)*p;
		else {
			*q++ = '%';
			*q++ = hex[*p >> 4];
			*q++ = hex[*p & 0xf];
		}
	}
	*q = '\0';
	return u;
}

/*
 * The URI of the last relative path asked for, which the results of one
 * file share: rel is compared by address, as ka_report_path() returns
 * one string per file.
 */
struct uricache {
	const char	*rel;		/* borrowed */
	char		*uri;		/* owned */
};

/* "physicalLocation": the file at rel, at line and col (0: unknown). */
static void
put_physical(struct ka_jsonw *w, const char *rel, unsigned int line,
    unsigned int col, struct uricache *uc)
{
	char	*u;

	if (uc == NULL || uc->rel != rel) {
		u = uri(rel);
		if (uc != NULL) {
			free(uc->uri);
			uc->uri = u;
			uc->rel = rel;
		}
	} else
		u = uc->uri;

	ka_jsonw_key(w, "physicalLocation");
	ka_jsonw_open(w, '{');
	ka_jsonw_key(w, "artifactLocation");
	ka_jsonw_open(w, '{');
	ka_jsonw_key_str(w, "uri", u);
	if (rel[0] != '/')
		ka_jsonw_key_str(w, "uriBaseId", SRCROOT);
	ka_jsonw_close(w, '}');
	/* GitHub wants a region; a file-wide finding is on line 1. */
	ka_jsonw_key(w, "region");
	ka_jsonw_open(w, '{');
	ka_jsonw_key_int(w, "startLine", line != 0 ? line : 1);
	if (line != 0 && col != 0)
		ka_jsonw_key_int(w, "startColumn", col);
	ka_jsonw_close(w, '}');
	ka_jsonw_close(w, '}');
	if (uc == NULL)
		free(u);
}

static const char *
logical_kind(enum ka_kind k)
{
	return k == KA_KIND_CLUSTER ? "namespace" : "resource";
}

/* What the results of a report share: the paths and URIs of a file. */
struct sarif {
	struct ka_jsonw			 w;
	const struct ka_report_ctx	*c;
	struct ka_report_pathcache	 pc, rpc;	/* of loc, related */
	struct uricache			 uc, ruc;
};

static void
put_location(struct sarif *s, const struct ka_finding *f)
{
	struct ka_jsonw			*w = &s->w;
	const struct ka_report_ctx	*c = s->c;
	char				*target;

	ka_jsonw_next(w);
	ka_jsonw_open(w, '{');
	if (f->loc.path != NULL)
		put_physical(w, ka_report_path_cached(c->report, &s->pc,
		    f->loc.path), f->loc.line, f->loc.col, &s->uc);
	else if (c->snapshot != NULL)
		put_physical(w, c->snapshot,
		    ka_report_snapshot_line(c, f), 0, NULL);
	if (f->kind != KA_KIND_FILE) {
		target = ka_fingerprint_target(f, NULL);
		ka_jsonw_key(w, "logicalLocations");
		ka_jsonw_open(w, '[');
		ka_jsonw_next(w);
		ka_jsonw_open(w, '{');
		ka_jsonw_key_str(w, "name", f->subject);
		ka_jsonw_key_str(w, "fullyQualifiedName", target);
		ka_jsonw_key_str(w, "kind", logical_kind(f->kind));
		ka_jsonw_close(w, '}');
		ka_jsonw_close(w, ']');
		free(target);
	}
	ka_jsonw_close(w, '}');
}

static const char *
suppression_kind(enum ka_suppress_kind k)
{
	return k == KA_SUPPRESS_INLINE ? "inSource" : "external";
}

/* Why a finding is suppressed, in words; owned by the caller. */
static char *
justification(const struct ka_suppression *s)
{
	static const char *const what[] = {
		[KA_SUPPRESS_NONE] = "not suppressed",
		[KA_SUPPRESS_INLINE] = "suppressed in the file",
		[KA_SUPPRESS_CONFIG] = "exempted in the configuration file",
		[KA_SUPPRESS_BASELINE] = "recorded in the baseline",
	};

	return xasprintf("%s%s%s%s%s", what[s->kind],
	    s->until != NULL ? " until " : "",
	    s->until != NULL ? s->until : "",
	    s->reason != NULL ? ": " : "",
	    s->reason != NULL ? s->reason : "");
}

static void
put_suppression(struct ka_jsonw *w, const struct ka_report_ctx *c,
    const struct ka_suppression *s)
{
	char	*j = justification(s), *rel;

	ka_jsonw_key(w, "suppressions");
	ka_jsonw_open(w, '[');
	ka_jsonw_next(w);
	ka_jsonw_open(w, '{');
	ka_jsonw_key_str(w, "kind", suppression_kind(s->kind));
	ka_jsonw_key_str(w, "status", "accepted");
	ka_jsonw_key_str(w, "justification", j);
	if (s->loc.path != NULL) {
		ka_jsonw_key(w, "location");
		ka_jsonw_open(w, '{');
		rel = ka_pathbase_rel(c->base, s->loc.path, NULL);
		put_physical(w, rel, s->loc.line, s->loc.col, NULL);
		free(rel);
		ka_jsonw_close(w, '}');
	}
	ka_jsonw_close(w, '}');
	ka_jsonw_close(w, ']');
	free(j);
}

static void
put_result(struct sarif *s, const struct ka_finding *f)
{
	struct ka_jsonw			*w = &s->w;
	const struct ka_report_ctx	*c = s->c;
	const struct ka_ruleset		*rs = c->rules;
	char				 line_hash[32];

	ka_jsonw_next(w);
	ka_jsonw_open(w, '{');
	ka_jsonw_key_str(w, "ruleId", f->rule != NULL ? f->rule->id : "");
	if (rs != NULL && f->rule >= rs->v && f->rule < rs->v + rs->len)
		ka_jsonw_key_int(w, "ruleIndex", f->rule - rs->v);
	ka_jsonw_key_str(w, "level", level(f->severity));
	put_message(w, f->message);
	ka_jsonw_key(w, "locations");
	ka_jsonw_open(w, '[');
	put_location(s, f);
	ka_jsonw_close(w, ']');
	if (f->related.path != NULL && f->related.line != 0) {
		ka_jsonw_key(w, "relatedLocations");
		ka_jsonw_open(w, '[');
		ka_jsonw_next(w);
		ka_jsonw_open(w, '{');
		ka_jsonw_key_int(w, "id", 1);
		put_physical(w, ka_report_path_cached(c->report, &s->rpc,
		    f->related.path), f->related.line, f->related.col,
		    &s->ruc);
		ka_jsonw_close(w, '}');
		ka_jsonw_close(w, ']');
	}
	if (f->fingerprint != NULL) {
		snprintf(line_hash, sizeof(line_hash), "%.16s:%u",
		    f->fingerprint, f->occurrence);
		ka_jsonw_key(w, "partialFingerprints");
		ka_jsonw_open(w, '{');
		ka_jsonw_key_str(w, "primaryLocationLineHash", line_hash);
		ka_jsonw_key_str(w, "kafkaAuditFingerprint/v1",
		    f->fingerprint);
		ka_jsonw_close(w, '}');
	}
	if (f->suppressed.kind != KA_SUPPRESS_NONE)
		put_suppression(w, c, &f->suppressed);
	ka_jsonw_close(w, '}');
}

/* A diagnostic of the run as a tool execution notification. */
static void
put_notification(struct ka_jsonw *w, const struct ka_report_ctx *c,
    const struct ka_diag *d)
{
	char	*rel;

	ka_jsonw_next(w);
	ka_jsonw_open(w, '{');
	ka_jsonw_key_str(w, "level", d->level <= KA_LEVEL_INTERNAL ?
	    diag_levels[d->level] : "error");
	put_text(w, "message", d->detail != NULL ? d->detail :
	    ka_diag_summary(d->code));
	ka_jsonw_key(w, "descriptor");
	ka_jsonw_open(w, '{');
	ka_jsonw_key_str(w, "id", ka_diag_id(d->code));
	ka_jsonw_close(w, '}');
	if (d->loc.path != NULL) {
		rel = ka_pathbase_rel(c->base, d->loc.path, NULL);
		ka_jsonw_key(w, "locations");
		ka_jsonw_open(w, '[');
		ka_jsonw_next(w);
		ka_jsonw_open(w, '{');
		put_physical(w, rel, d->loc.line, d->loc.col, NULL);
		ka_jsonw_close(w, '}');
		ka_jsonw_close(w, ']');
		free(rel);
	}
	ka_jsonw_close(w, '}');
}

static void
put_invocation(struct ka_jsonw *w, const struct ka_report_ctx *c)
{
	size_t	 i;

	ka_jsonw_key(w, "invocations");
	ka_jsonw_open(w, '[');
	ka_jsonw_next(w);
	ka_jsonw_open(w, '{');
	/* Exit 0 and 1 are complete audits; 2, 3 and 4 are not. */
	ka_jsonw_key_bool(w, "executionSuccessful", c->exit_status < 2);
	ka_jsonw_key_int(w, "exitCode", c->exit_status);
	ka_jsonw_key(w, "toolExecutionNotifications");
	ka_jsonw_open(w, '[');
	ka_jsonw_oneline(w, 1);
	for (i = 0; c->diags != NULL && i < c->diags->len; i++)
		put_notification(w, c, &c->diags->v[i]);
	ka_jsonw_oneline(w, 0);
	ka_jsonw_close(w, ']');
	ka_jsonw_close(w, '}');
	ka_jsonw_close(w, ']');
}

int
ka_report_sarif_emit(FILE *fp, const struct ka_report_ctx *c)
{
	const struct ka_report	*r = c->report;
	struct sarif		 s;
	struct ka_jsonw		*w = &s.w;
	size_t			 i;

	memset(&s, 0, sizeof(s));
	s.c = c;
	ka_jsonw_init(w, fp);
	ka_jsonw_open(w, '{');
	ka_jsonw_key_str(w, "$schema", SARIF_SCHEMA);
	ka_jsonw_key_str(w, "version", "2.1.0");
	ka_jsonw_key(w, "runs");
	ka_jsonw_open(w, '[');
	ka_jsonw_next(w);
	ka_jsonw_open(w, '{');
	ka_jsonw_key(w, "tool");
	ka_jsonw_open(w, '{');
	ka_jsonw_key(w, "driver");
	ka_jsonw_open(w, '{');
	ka_jsonw_key_str(w, "name", PACKAGE_NAME);
	ka_jsonw_key_str(w, "version", PACKAGE_VERSION);
	ka_jsonw_key_str(w, "semanticVersion", PACKAGE_VERSION);
	ka_jsonw_key(w, "rules");
	ka_jsonw_open(w, '[');
	ka_jsonw_oneline(w, 1);
	for (i = 0; c->rules != NULL && i < c->rules->len; i++)
		put_rule(w, &c->rules->v[i]);
	ka_jsonw_oneline(w, 0);
	ka_jsonw_close(w, ']');
	ka_jsonw_close(w, '}');
	ka_jsonw_close(w, '}');
	put_invocation(w, c);
	ka_jsonw_key(w, "results");
	ka_jsonw_open(w, '[');
	ka_jsonw_oneline(w, 1);
	for (i = 0; i < r->len; i++)
		put_result(&s, &r->v[i]);
	ka_jsonw_oneline(w, 0);
	ka_jsonw_close(w, ']');
	ka_jsonw_close(w, '}');
	ka_jsonw_close(w, ']');
	ka_jsonw_close(w, '}');
	free(s.uc.uri);
	free(s.ruc.uri);
	ka_jsonw_flush(w);
	putc('\n', fp);
	return ferror(fp) ? -1 : 0;
}
