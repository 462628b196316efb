/* Stub: replaced by the text reporters. */
#include "config.h"

#include "report.h"

int
ka_report_text_emit(FILE *fp, const struct ka_report_ctx *c)
{
	size_t	 i;

	for (i = 0; i < c->report->len; i++)
		fprintf(fp, "%s\n", c->report->v[i].message);
	return 0;
}

int
ka_report_text_compact(FILE *fp, const struct ka_report_ctx *c)
{
	return ka_report_text_emit(fp, c);
}
