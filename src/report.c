/* Stub: replaced by the real report. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "xmalloc.h"

void
ka_report_init(struct ka_report *r)
{
	memset(r, 0, sizeof(*r));
}

void
ka_report_clear(struct ka_report *r)
{
	free(r->v);
	free(r->files);
	memset(r, 0, sizeof(*r));
}

struct ka_finding *
ka_report_add(struct ka_report *r)
{
	if (r->len == r->cap) {
		r->cap = r->cap == 0 ? 16 : r->cap * 2;
		r->v = xreallocarray(r->v, r->cap, sizeof(*r->v));
	}
	memset(&r->v[r->len], 0, sizeof(r->v[0]));
	return &r->v[r->len++];
}

void
ka_report_add_file(struct ka_report *r, const char *path)
{
	(void)r;
	(void)path;
}

void
ka_report_sort(struct ka_report *r)
{
	(void)r;
}

size_t
ka_report_count(const struct ka_report *r, enum ka_severity s)
{
	size_t	 i, n = 0;

	for (i = 0; i < r->len; i++)
		if (r->v[i].severity == s)
			n++;
	return n;
}

int
ka_report_emit(const char *format, FILE *fp, const struct ka_report_ctx *c)
{
	(void)format;
	return ka_report_text_emit(fp, c);
}

int
ka_report_format_known(const char *f)
{
	return strcmp(f, "text") == 0;
}

const char *
ka_report_format_list(void)
{
	return "text, compact, json";
}
