/*
 * Facts: the values of a live cluster that are not configs but come from
 * its metadata, such as a topic's replication factor or the size of a
 * partition's ISR.  Rules name them like keys ({key: isr, lt-key:
 * min.insync.replicas}), so the rule vocabulary stays one vocabulary.
 * The table is static; kafka-audit-rules(5) documents every fact.
 */
#ifndef KA_FACTS_H
#define KA_FACTS_H

#include <stddef.h>

#include "catalog.h"

struct ka_settings;

/* The kinds of live subject a fact is known for, as bits. */
#define KA_FACT_BROKER		0x01
#define KA_FACT_TOPIC		0x02
#define KA_FACT_PARTITION	0x04
#define KA_FACT_CLUSTER		0x08

struct ka_fact {
	const char	*name;
	unsigned int	 kinds;		/* KA_FACT_* */
	enum ka_type	 type;		/* KA_TYPE_INT, _BOOLEAN, _STRING */
	const char	*doc;		/* one line, for the manual */
};

/* The fact of that name known for any of kinds, or NULL; static. */
const struct ka_fact	*ka_facts_find(const char *name, unsigned int kinds);

/* The whole table; static. */
const struct ka_fact	*ka_facts_all(size_t *count);

/*
 * The value of fact f for the live subject s, as a new canonical string
 * (decimal integers, "true"/"false"), or NULL when the cluster did not
 * say (a replica on a broker of unknown rack, say).
 */
char			*ka_facts_value(const struct ka_settings *s,
			    const struct ka_fact *f);

/* The KA_FACT_* bit of a settings object's kind; 0 for a file. */
unsigned int		 ka_facts_kind(const struct ka_settings *s);

#endif
