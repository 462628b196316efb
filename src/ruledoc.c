#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "ruledoc.h"
#include "rules.h"
#include "xmalloc.h"

/* "producer", "broker, topic": the scopes of a rule, in bit order. */
static void
scopes(FILE *fp, unsigned int bits)
{
	unsigned int	 bit;
	int		 first = 1;

	for (bit = 1; bit <= KA_SCOPE_CLUSTER; bit <<= 1)
		if (bits & bit) {
			fprintf(fp, "%s%s", first ? "" : ", ",
			    ka_rules_scope_name(bit));
			first = 0;
		}
}

static void
clients(FILE *fp, unsigned int bits)
{
	int	 c, first = 1;

	if (bits == 0) {
		fputs("any", fp);
		return;
	}
	for (c = 0; c < KA_CLIENT__MAX; c++)
		if (bits & (1u << c)) {
			fprintf(fp, "%s%s", first ? "" : ", ",
			    ka_catalog_client_name(c));
			first = 0;
		}
}

/* Print text indented by two spaces, line by line, without a trailing
 * blank line. */
static void
indented(FILE *fp, const char *text)
{
	const char	*p, *nl;
	size_t		 len = strlen(text);

	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == ' '))
		len--;
	for (p = text; p < text + len; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(text + len - p));
		if (nl == NULL)
			nl = text + len;
		if (nl > p)
			fprintf(fp, "  %.*s", (int)(nl - p), p);
		fputc('\n', fp);
	}
}

/*
 * What each placeholder stands for when no finding fills it in: the
 * rule's documentation reads "Set acks=all", not "Set {key}=all".
 */
static const struct {
	const char	*name;
	const char	*words;
} placeholder_words[] = {
	{ "value", "its value" },
	{ "default", "its default" },
	{ "version", "the audited Kafka release" },
	{ "client", "the client" },
	{ "role", "the file's role" },
	{ "detail", "what the check found" },
	{ "broker", "the broker" },
	{ "subject", "the subject" },
	{ "topics", "the topics" },
	{ "count", "the number of topics" },
};

/* Append n bytes of s to the string *out of length *len. */
static void
append(char **out, size_t *len, const char *s, size_t n)
{
	*out = xreallocarray(*out, *len + n + 1, 1);
	memcpy(*out + *len, s, n);
	*len += n;
	(*out)[*len] = '\0';
}

/* The words for placeholder name, or NULL when it is none. */
static const char *
words(const struct ka_rule *r, const char *name)
{
	size_t	 i;

	if (strcmp(name, "key") == 0)
		return r->key != NULL ? r->key : "the key";
	if (strncmp(name, "value:", 6) == 0)
		return name + 6;
	for (i = 0; i < sizeof(placeholder_words) /
	    sizeof(placeholder_words[0]); i++)
		if (strcmp(name, placeholder_words[i].name) == 0)
			return placeholder_words[i].words;
	return NULL;
}

/* tmpl with its placeholders in words, for people; owned. */
static char *
in_words(const struct ka_rule *r, const char *tmpl)
{
	const char	*p, *close, *w;
	char		*out = NULL, *name;
	size_t		 len = 0;

	append(&out, &len, "", 0);
	for (p = tmpl; *p != '\0'; p++) {
		if ((p[0] == '{' && p[1] == '{') ||
		    (p[0] == '}' && p[1] == '}')) {
			append(&out, &len, p++, 1);
			continue;
		}
		if (*p != '{' || (close = strchr(p, '}')) == NULL) {
			append(&out, &len, p, 1);
			continue;
		}
		name = xstrndup(p + 1, (size_t)(close - p - 1));
		if ((w = words(r, name)) != NULL) {
			append(&out, &len, w, strlen(w));
			p = close;
		} else
			append(&out, &len, p, 1);
		free(name);
	}
	return out;
}

static void
markdown(FILE *fp, const struct ka_rule *r)
{
	char	*why, *fix, *opts;
	size_t	 i;

	fprintf(fp, "## %s %s\n\n%s\n\n", r->id, r->slug, r->title);
	fprintf(fp, "- Severity: %s\n- Category: %s\n- Scope: ",
	    ka_rules_severity_name(r->severity),
	    ka_rules_category_name(r->category));
	scopes(fp, r->scopes);
	fprintf(fp, "\n- Kafka: %s\n- Clients: ",
	    r->versions_text != NULL ? r->versions_text : "all releases");
	clients(fp, r->clients);
	if (r->key != NULL)
		fprintf(fp, "\n- Key: `%s`", r->key);
	for (i = 0; i < r->noptions; i++)
		fprintf(fp, "%s`%s` (%s, default %s): %s", i == 0 ?
		    "\n- Options: " : "; ", r->options[i].name,
		    r->options[i].type == KA_OPT_INTEGER ? "integer" :
		    "string", r->options[i].deflt, r->options[i].doc);
	why = in_words(r, r->rationale);
	opts = ka_rules_expand_options(r, r->fix);
	fix = in_words(r, opts);
	free(opts);
	fprintf(fp, "\n\n### Why\n\n%s\n\n### Fix\n\n%s\n\n", why, fix);
	free(why);
	free(fix);
}

int
ka_ruledoc_list(FILE *fp, const struct ka_ruleset *rs, const char *format)
{
	const struct ka_rule	*r;
	size_t			 i;

	if (strcmp(format, "markdown") == 0) {
		fprintf(fp, "# kafka-audit rules\n\n");
		for (i = 0; i < rs->len; i++)
			markdown(fp, &rs->v[i]);
		return ferror(fp) ? -1 : 0;
	}
	for (i = 0; i < rs->len; i++) {
		r = &rs->v[i];
		fprintf(fp, "%-7s %-7s %-9s %s\n", r->id,
		    r->off ? "off" : ka_rules_severity_name(r->severity),
		    ka_rules_scope_name(r->scopes & -r->scopes), r->slug);
	}
	return ferror(fp) ? -1 : 0;
}

int
ka_ruledoc_explain(FILE *fp, const struct ka_rule *r)
{
	char	*why, *fix, *opts;
	size_t	 i;

	fprintf(fp, "%s %s\n%s\n\n", r->id, r->slug, r->title);
	fprintf(fp, "Severity: %s    Category: %s    Scope: ",
	    r->off ? "off" : ka_rules_severity_name(r->severity),
	    ka_rules_category_name(r->category));
	scopes(fp, r->scopes);
	if (r->versions_text != NULL)
		fprintf(fp, "\nApplies to: Kafka %s; clients: ",
		    r->versions_text);
	else
		fprintf(fp, "\nApplies to: every Kafka release; clients: ");
	clients(fp, r->clients);
	fputc('\n', fp);
	if (r->key != NULL)
		fprintf(fp, "Key: %s\n", r->key);
	if (r->loc.path != NULL)
		fprintf(fp, "Defined in: %s:%u\n", r->loc.path, r->loc.line);
	if (!r->suppressible)
		fprintf(fp, "Not suppressible by comments in the files it "
		    "audits.\n");
	why = in_words(r, r->rationale);
	opts = ka_rules_expand_options(r, r->fix);
	fix = in_words(r, opts);
	free(opts);
	fprintf(fp, "\nWhy it loses messages:\n");
	indented(fp, why);
	fprintf(fp, "\nFix:\n");
	indented(fp, fix);
	free(why);
	free(fix);
	if (r->noptions > 0)
		fprintf(fp, "\nOptions (set in .kafka-audit.yaml):\n");
	for (i = 0; i < r->noptions; i++)
		fprintf(fp, "  %s = %s (default %s)\n    %s\n",
		    r->options[i].name, r->options[i].value,
		    r->options[i].deflt, r->options[i].doc);
	return ferror(fp) ? -1 : 0;
}
