/*
 * The configuration in force as YAML: every line that sets something
 * ends in a comment that says where the value comes from (a line of the
 * file, a profile, the command line, or the default), so the output both
 * explains the run and can be read back as a configuration file.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"
#include "policy_show.h"
#include "rules.h"
#include "xmalloc.h"

/* The column where the comments start, when the value leaves room. */
#define COMMENT_COL	40

/* "policy.yaml:3:20", "policy.yaml:9:5, profile staging"; owned. */
static char *
origin(const struct ka_policy *p, const struct ka_setby *by,
    const char *deflt)
{
	switch (by->kind) {
	case KA_SET_CONFIG:
		return xasprintf("%s:%u:%u", by->loc.path, by->loc.line,
		    by->loc.col);
	case KA_SET_PROFILE:
		return xasprintf("%s:%u:%u, profile %s", by->loc.path,
		    by->loc.line, by->loc.col, p->profile != NULL ?
		    p->profile->name : "?");
	case KA_SET_CMDLINE:
		return xstrdup("command line");
	case KA_SET_PACK:
		break;
	}
	return xstrdup(deflt);
}

/* A scalar YAML reads back as the same string: plain when it may be. */
static char *
scalar(const char *s)
{
	const char	*p;
	char		*out, *t;

	if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
	    (*s >= '0' && *s <= '9') || *s == '.' || *s == '/' || *s == '_') {
		for (p = s; *p != '\0'; p++)
			if (!((*p >= 'a' && *p <= 'z') ||
			    (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || strchr("._/-,", *p) !=
			    NULL || (*p == ':' && p[1] != ' ' && p[1] != '\0')))
				break;
		if (*p == '\0')
			return xstrdup(s);
	}
	out = xstrdup("\"");
	for (p = s; *p != '\0'; p++) {
		t = *p == '"' || *p == '\\' ? xasprintf("%s\\%c", out, *p) :
		    *p == '\n' ? xasprintf("%s\\n", out) :
		    xasprintf("%s%c", out, *p);
		free(out);
		out = t;
	}
	t = xasprintf("%s\"", out);
	free(out);
	return t;
}

static void line(FILE *, const char *, const char *, ...)
    __attribute__((__format__(__printf__, 3, 4)));

/* One line, and the comment, at COMMENT_COL or after one space. */
static void
line(FILE *fp, const char *comment, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 len;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	len = (int)strlen(s);
	if (comment == NULL)
		fprintf(fp, "%s\n", s);
	else
		fprintf(fp, "%s%*s# %s\n", s,
		    len < COMMENT_COL ? COMMENT_COL - len : 1, "", comment);
	free(s);
}

/* "    name: value", the value a YAML scalar; nothing for NULL. */
static void
field(FILE *fp, const char *indent, const char *name, const char *value)
{
	char	*v;

	if (value == NULL)
		return;
	v = scalar(value);
	line(fp, NULL, "%s%s: %s", indent, name, v);
	free(v);
}

static const char *
threshold_name(int t)
{
	return t < 0 ? "none" : ka_rules_severity_name((enum ka_severity)t);
}

/* 1 if "config show" lists the rule: it has options, or was changed. */
static int
listed(const struct ka_rule *r)
{
	return r->noptions > 0 || r->severity_set.kind != KA_SET_PACK;
}

static void
show_rule(FILE *fp, const struct ka_policy *p, const struct ka_rule *r)
{
	const struct ka_ruleopt	*o;
	char			*why, *v;
	size_t			 i;

	why = origin(p, &r->severity_set, "rule pack");
	if (r->noptions == 0) {
		line(fp, why, "  %s: %s", r->id, r->off ? "off" :
		    ka_rules_severity_name(r->severity));
		free(why);
		return;
	}
	line(fp, r->slug, "  %s:", r->id);
	line(fp, why, "    severity: %s", r->off ? "off" :
	    ka_rules_severity_name(r->severity));
	free(why);
	line(fp, NULL, "    options:");
	for (i = 0; i < r->noptions; i++) {
		o = &r->options[i];
		why = origin(p, &o->set, "rule pack");
		v = scalar(o->value);
		line(fp, why, "      %s: %s", o->name, v);
		free(v);
		free(why);
	}
}

static void
show_exemption(FILE *fp, const struct ka_policy *p,
    const struct ka_exemption *e)
{
	char	*why, *v, *t, *list;
	size_t	 i;

	why = e->profile ? xasprintf("%s:%u:%u, profile %s", e->loc.path,
	    e->loc.line, e->loc.col, p->profile->name) :
	    xasprintf("%s:%u:%u", e->loc.path, e->loc.line, e->loc.col);
	v = xstrdup("");
	for (i = 0; i < e->nrules; i++) {
		t = scalar(e->rules[i]);
		list = xasprintf("%s%s%s", v, i == 0 ? "" : ", ", t);
		free(t);
		free(v);
		v = list;
	}
	line(fp, why, "  - rule: %s%s%s", e->nrules > 1 ? "[" : "", v,
	    e->nrules > 1 ? "]" : "");
	free(v);
	free(why);
	field(fp, "    ", "cluster", e->cluster);
	field(fp, "    ", "topic", e->topic);
	v = xstrdup("");
	for (i = 0; i < e->nbrokers; i++) {
		list = xasprintf("%s%s%ld", v, i == 0 ? "" : ", ",
		    (long)e->brokers[i]);
		free(v);
		v = list;
	}
	if (e->nbrokers > 0)
		line(fp, NULL, "    broker: %s%s%s", e->nbrokers > 1 ? "[" :
		    "", v, e->nbrokers > 1 ? "]" : "");
	free(v);
	field(fp, "    ", "file", e->file);
	field(fp, "    ", "reason", e->reason);
	field(fp, "    ", "until", e->until[0] != '\0' ? e->until : NULL);
}

int
ka_policy_show_emit(FILE *fp, const struct ka_policy_view *w)
{
	const struct ka_policy		*p = w->policy;
	const struct ka_policy_layer	*l;
	const struct ka_policy_cluster	*c;
	char				*why, *v;
	size_t				 i, n = 0;

	if (p->path == NULL)
		fprintf(fp, "# no configuration file: the defaults\n");
	else
		fprintf(fp, "# configuration file: %s (%s)\n", p->path,
		    p->how == KA_POLICY_FOUND ? "found from the working "
		    "directory" : "given");
	if (p->profile != NULL)
		fprintf(fp, "# profile: %s\n", p->profile->name);
	why = origin(p, &w->threshold_set, "default");
	line(fp, why, "failure-threshold: %s", threshold_name(w->threshold));
	free(why);
	why = origin(p, &w->inline_set, "default");
	line(fp, why, "inline-suppressions: %s", w->inline_on ? "true" :
	    "false");
	free(why);
	if (p->ndirs > 0)
		line(fp, NULL, "rule-dirs:");
	for (i = 0; i < p->ndirs; i++) {
		why = xasprintf("%s:%u:%u", p->path, p->dirs[i].loc.line,
		    p->dirs[i].loc.col);
		v = scalar(p->dirs[i].path);
		line(fp, why, "  - %s", v);
		free(v);
		free(why);
	}
	line(fp, NULL, "rules:");
	for (i = 0; i < w->rules->len; i++)
		if (listed(&w->rules->v[i]))
			show_rule(fp, p, &w->rules->v[i]);
		else
			n++;
	if (n > 0)
		fprintf(fp, "  # and %zu more rule%s, each with the severity "
		    "of its rule file\n", n, n == 1 ? "" : "s");
	if (p->nclusters > 0)
		line(fp, NULL, "clusters:");
	for (i = 0; i < p->nclusters; i++) {
		c = &p->clusters[i];
		why = xasprintf("%s:%u:%u", p->path, c->loc.line, c->loc.col);
		line(fp, why, "  %s:", c->name);
		free(why);
		field(fp, "    ", "bootstrap", c->bootstrap);
		field(fp, "    ", "client-config", c->client_config);
		field(fp, "    ", "command-config", c->command_config);
	}
	l = &p->base;
	if (l->nexempt > 0 || (p->profile != NULL &&
	    p->profile->layer.nexempt > 0))
		line(fp, NULL, "exemptions:");
	for (i = 0; i < l->nexempt; i++)
		show_exemption(fp, p, &l->exempt[i]);
	for (i = 0; p->profile != NULL && i < p->profile->layer.nexempt; i++)
		show_exemption(fp, p, &p->profile->layer.exempt[i]);
	return ferror(fp) ? -1 : 0;
}

static const char *
plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

int
ka_policy_show_valid(FILE *fp, const struct ka_policy *p)
{
	size_t	 i, ne = p->base.nexempt;

	for (i = 0; i < p->nprofiles; i++)
		ne += p->profiles[i].layer.nexempt;
	fprintf(fp, "%s: valid (%zu %s, %zu %s, %zu %s)\n", p->path,
	    p->nprofiles, plural(p->nprofiles, "profile", "profiles"),
	    p->nclusters, plural(p->nclusters, "cluster", "clusters"), ne,
	    plural(ne, "exemption", "exemptions"));
	return ferror(fp) ? -1 : 0;
}
