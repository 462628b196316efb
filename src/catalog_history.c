/* Stub: replaced by the sourced table of changed defaults. */
#include "config.h"

#include <stddef.h>

#include "catalog.h"
