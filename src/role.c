/* Stub: being written. */
#include "config.h"
#include "role.h"
int ka_role_classify(struct ka_settings *s, const struct ka_role_opts *o, int f, struct ka_diags *d) { (void)s; (void)o; (void)f; (void)d; return 0; }
