/* Stub: replaced by the JSON reporter. */
#include "config.h"

#include <jansson.h>

#include "report.h"

int
ka_report_json_emit(FILE *fp, const struct ka_report_ctx *c)
{
	(void)c;
	return json_dumpf(json_object(), fp, 0);
}

int
ka_report_json_rules(FILE *fp, const struct ka_ruleset *rs)
{
	(void)rs;
	return json_dumpf(json_object(), fp, 0);
}
