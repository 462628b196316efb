/*
 * A hash of bytes for the open-addressed tables that keep lookups over
 * many files and many keys linear: 64-bit FNV-1a.  Pure.
 */
#ifndef KA_HASH_H
#define KA_HASH_H

#include <stddef.h>
#include <stdint.h>

uint64_t	ka_hash(const char *, size_t);

#endif
