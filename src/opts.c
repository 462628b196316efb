/* Stub: being written. */
#include "config.h"
#include "opts.h"
void ka_opts_init(struct ka_opts *o) { (void)o; }
void ka_opts_clear(struct ka_opts *o) { (void)o; }
int ka_opts_parse(struct ka_opts *o, int c, char *v[], struct ka_diags *d) { (void)o; (void)c; (void)v; (void)d; return 0; }
void ka_opts_usage(FILE *fp) { (void)fp; }
