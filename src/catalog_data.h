/*
 * The tables behind the catalogue, private to catalog.c and the generated
 * catalog_data.c and catalog_history.c (tools/catalog/gen.sh).
 */
#ifndef KA_CATALOG_DATA_H
#define KA_CATALOG_DATA_H

#include <stddef.h>

#include "catalog.h"

/*
 * One default of a Java key whose default changed between release lines:
 * dflt holds from release since (0: from the oldest line, or from the
 * key's first release) until the next row of the same key.
 */
struct ka_catalog_change {
	enum ka_dialect	 dialect;
	const char	*name;
	unsigned long	 since;
	const char	*dflt;		/* canonical; NULL = no default */
};

/* Sorted by dialect, then name (strcmp), without duplicates. */
extern const struct ka_keydef		ka_catalog_data_keys[];
extern const size_t			ka_catalog_data_nkeys;

/* The index of the first row of each dialect; [KA_DIALECT__MAX] = nkeys. */
extern const size_t			ka_catalog_data_first[];

/*
 * The indices of the rows that have a canon, sorted by dialect, canon and
 * name, so that the aliases of a Java key are found by binary search.
 */
extern const unsigned short		ka_catalog_data_bycanon[];
extern const size_t			ka_catalog_data_nbycanon;

/* The names of the sensitive rows of every dialect, sorted, unique. */
extern const char *const		ka_catalog_data_sensitive[];
extern const size_t			ka_catalog_data_nsensitive;

/* Sorted by dialect, name, then since. */
extern const struct ka_catalog_change	ka_catalog_data_history[];
extern const size_t			ka_catalog_data_nhistory;

#endif
