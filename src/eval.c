/* Stub: being written. */
#include "config.h"
#include "eval.h"
void ka_eval(const struct ka_ruleset *r, const struct ka_settings *const *f, size_t n, struct ka_report *rep) { (void)r; (void)f; (void)n; (void)rep; }
