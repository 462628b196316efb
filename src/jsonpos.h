/*
 * Positions in JSON text, which jansson does not keep: the line of each
 * object that is an element of an array, so that a finding can point at
 * the broker of a snapshot, and a diagnostic at the entry of a baseline.
 * Pure; the text must be valid JSON (jansson read it first).
 */
#ifndef KA_JSONPOS_H
#define KA_JSONPOS_H

#include <stddef.h>

/*
 * Call fn for each object that is an element of an array, in text order,
 * with the depth of the array (the root value is at depth 0, so the
 * array of a root member is at depth 1), the name of the member that
 * holds the array (key, keylen; empty for an array in an array), and the
 * line and column of the object's '{'.
 */
void	ka_jsonpos_objects(const char *text, size_t len,
	    void (*fn)(void *, unsigned int depth, const char *key,
	    size_t keylen, unsigned int line, unsigned int col), void *arg);

#endif
