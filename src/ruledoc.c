/* Stub: being written. */
#include "config.h"
#include "ruledoc.h"
int ka_ruledoc_list(FILE *fp, const struct ka_ruleset *r, const char *f) { (void)fp; (void)r; (void)f; return 0; }
int ka_ruledoc_explain(FILE *fp, const struct ka_rule *r) { (void)fp; (void)r; return 0; }
