/* Stub: replaced by the real parser. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "props.h"
#include "source.h"

int
ka_props_parse(struct ka_props *p, const struct ka_source *src,
    struct ka_diags *ds)
{
	(void)src;
	(void)ds;
	memset(p, 0, sizeof(*p));
	return 0;
}

void
ka_props_clear(struct ka_props *p)
{
	memset(p, 0, sizeof(*p));
}

const struct ka_prop *
ka_props_get(const struct ka_props *p, const char *key)
{
	(void)p;
	(void)key;
	return NULL;
}
