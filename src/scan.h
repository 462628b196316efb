/*
 * Finding where a report must stop copying text as it is: the JSON and
 * XML writers copy long runs of plain bytes (messages, paths) between
 * the few they escape, and looking at each byte alone was most of the
 * cost of writing a SARIF or JUnit report.  Pure.
 */
#ifndef KA_SCAN_H
#define KA_SCAN_H

#include <stddef.h>

/*
 * The number of bytes at the start of the n bytes at p that are plain:
 * neither a C0 control, nor a byte from 0x80, nor one of specials (one
 * to five bytes, NUL-terminated, each from 0x20 to 0x7f).  Never reads
 * past p + n.
 */
size_t	ka_scan_plain(const unsigned char *p, size_t n,
	    const char *specials);

#endif
