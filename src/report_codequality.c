/*
 * GitLab Code Quality: a JSON array of issues, each with a description,
 * check_name, fingerprint (the first 32 hex digits of the finding's),
 * severity (error blocker, warning major, info info, as hadolint maps
 * them) and a location with a path and a first line.  GitLab has no way
 * to mark an issue as accepted, so suppressed findings are left out.
 * A live finding is placed in the snapshot it was read from, or else at
 * its target ("topic:orders/partition:3") with line 1, since GitLab
 * requires a path.  Each issue is written on one line.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fingerprint.h"
#include "jsonw.h"
#include "report.h"
#include "xmalloc.h"

static const char *const severities[KA_SEV__MAX] = {
	[KA_SEV_INFO] = "info",
	[KA_SEV_WARNING] = "major",
	[KA_SEV_ERROR] = "blocker",
};

static void
put_issue(struct ka_jsonw *w, const struct ka_report_ctx *c,
    const struct ka_finding *f)
{
	const char	*id = f->rule != NULL ? f->rule->id : "";
	char		*desc, *target = NULL, fp[33];
	const char	*path;
	unsigned int	 line = f->loc.line;

	if (f->loc.path != NULL) {
		path = ka_report_path(c->report, f->loc.path);
		desc = xasprintf("%s %s", id, f->message != NULL ?
		    f->message : "");
	} else {
		target = ka_fingerprint_target(f, NULL);
		path = c->snapshot != NULL ? c->snapshot : target;
		line = c->snapshot != NULL ?
		    ka_report_snapshot_line(c, f) : 0;
		desc = xasprintf("%s %s: %s", id, f->subject != NULL ?
		    f->subject : "", f->message != NULL ? f->message : "");
	}
	snprintf(fp, sizeof(fp), "%.32s",
	    f->fingerprint != NULL ? f->fingerprint : "");
	ka_jsonw_next(w);
	ka_jsonw_open(w, '{');
	ka_jsonw_key_str(w, "description", desc);
	ka_jsonw_key_str(w, "check_name", id);
	ka_jsonw_key_str(w, "fingerprint", fp);
	ka_jsonw_key_str(w, "severity", f->severity < KA_SEV__MAX ?
	    severities[f->severity] : "blocker");
	ka_jsonw_key(w, "location");
	ka_jsonw_open(w, '{');
	ka_jsonw_key_str(w, "path", path);
	ka_jsonw_key(w, "lines");
	ka_jsonw_open(w, '{');
	ka_jsonw_key_int(w, "begin", line != 0 ? line : 1);
	ka_jsonw_close(w, '}');
	ka_jsonw_close(w, '}');
	ka_jsonw_close(w, '}');
	free(desc);
	free(target);
}

int
ka_report_codequality_emit(FILE *fp, const struct ka_report_ctx *c)
{
	const struct ka_report	*r = c->report;
	struct ka_jsonw		 w;
	size_t			 i;

	ka_jsonw_init(&w, fp);
	ka_jsonw_open(&w, '[');
	ka_jsonw_oneline(&w, 1);
	for (i = 0; i < r->len; i++)
		if (r->v[i].suppressed.kind == KA_SUPPRESS_NONE)
			put_issue(&w, c, &r->v[i]);
	ka_jsonw_oneline(&w, 0);
	ka_jsonw_close(&w, ']');
	ka_jsonw_flush(&w);
	putc('\n', fp);
	return ferror(fp) ? -1 : 0;
}
