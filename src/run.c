/* Stub: being written. */
#include "config.h"
#include "run.h"
void ka_run_init(struct ka_run *r) { (void)r; }
void ka_run_clear(struct ka_run *r) { (void)r; }
int ka_run_load_rules(struct ka_run *r, const struct ka_opts *o) { (void)r; (void)o; return 0; }
void ka_run_check(struct ka_run *r, const struct ka_opts *o) { (void)r; (void)o; }
int ka_run_status(const struct ka_run *r, const struct ka_opts *o) { (void)r; (void)o; return 0; }
