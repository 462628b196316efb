/* Stub: being written. */
#include "config.h"
#include "settings.h"
void ka_settings_resolve(const struct ka_settings *s, const char *k, struct ka_value *v) { (void)s; (void)k; (void)v; }
void ka_value_clear(struct ka_value *v) { (void)v; }
