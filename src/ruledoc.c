#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "ruledoc.h"
#include "rules.h"

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

static void
markdown(FILE *fp, const struct ka_rule *r)
{
	char	*fix;
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
	fix = ka_rules_expand_options(r, r->fix);
	fprintf(fp, "\n\n### Why\n\n%s\n\n### Fix\n\n%s\n\n", r->rationale,
	    fix);
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
	char	*fix;
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
	fprintf(fp, "\nWhy it loses messages:\n");
	indented(fp, r->rationale);
	fprintf(fp, "\nFix:\n");
	fix = ka_rules_expand_options(r, r->fix);
	indented(fp, fix);
	free(fix);
	if (r->noptions > 0)
		fprintf(fp, "\nOptions (set in .kafka-audit.yaml):\n");
	for (i = 0; i < r->noptions; i++)
		fprintf(fp, "  %s = %s (default %s)\n    %s\n",
		    r->options[i].name, r->options[i].value,
		    r->options[i].deflt, r->options[i].doc);
	return ferror(fp) ? -1 : 0;
}
