/*
 * The rule catalogue for people: "kafka-audit rules" (text or markdown)
 * and "kafka-audit explain RULE".  JSON is in report_json.c.
 */
#ifndef KA_RULEDOC_H
#define KA_RULEDOC_H

#include <stdio.h>

struct ka_rule;
struct ka_ruleset;

int	ka_ruledoc_list(FILE *, const struct ka_ruleset *, const char *format);
int	ka_ruledoc_explain(FILE *, const struct ka_rule *);

#endif
