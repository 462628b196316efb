/* Stub: replaced by the generated table. */
#include "config.h"

#include <stddef.h>

#include "catalog.h"

const struct ka_keydef	ka_catalog_data_keys[] = {
	{ "acks", KA_DIALECT_PRODUCER, KA_TYPE_ENUM, 0, "all", "all,-1,0,1",
	    NULL, 0, 0 },
};
const size_t		ka_catalog_data_nkeys =
    sizeof(ka_catalog_data_keys) / sizeof(ka_catalog_data_keys[0]);
