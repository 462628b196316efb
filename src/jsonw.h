/*
 * A streaming JSON writer: writes values as it is given them, indented by
 * two spaces per level, byte for byte as jansson's json_dumpf() with
 * JSON_INDENT(2) | JSON_PRESERVE_ORDER writes the same tree (check_report
 * compares the two).  Reports of many thousand findings are written this
 * way instead of being built as a tree first.  Strings are made UTF-8:
 * a byte that does not start a well-formed sequence becomes U+FFFD.
 *
 * The writer gathers its output in an outbuf.h buffer (64 KiB, inside
 * the struct); ka_jsonw_flush() hands it to the FILE, and must end every
 * document.  The writer never fails by itself; the caller checks ferror()
 * on its FILE after the flush.  Nesting is at most KA_JSONW_DEPTH deep.
 */
#ifndef KA_JSONW_H
#define KA_JSONW_H

#include <stddef.h>
#include <stdio.h>

#include "outbuf.h"

#define KA_JSONW_DEPTH	16

struct ka_jsonw {
	struct ka_outbuf out;		/* owned: the pending output */
	unsigned int	 depth;
	unsigned int	 oneline;	/* the depth from which values are
					   written on one line; 0: none */
	int		 empty[KA_JSONW_DEPTH + 1];	/* nothing yet at a
							   depth */
};

void	ka_jsonw_init(struct ka_jsonw *, FILE *);
/* Write out what the buffer holds. */
void	ka_jsonw_flush(struct ka_jsonw *);

/* Open ('{' or '[') and close ('}' or ']') an object or array. */
void	ka_jsonw_open(struct ka_jsonw *, int);
void	ka_jsonw_close(struct ka_jsonw *, int);

/*
 * Write each element of the array or object open on a line of its own,
 * as {"a": 1, "b": [2, 3]}, until called with 0: a report of many
 * thousand results stays small and still diffs line by line.  Output so
 * written is no longer what jansson writes.
 */
void	ka_jsonw_oneline(struct ka_jsonw *, int);

/* Start the next element of the array open, whose value follows. */
void	ka_jsonw_next(struct ka_jsonw *);

/*
 * A member of the object open, whose value the caller writes next.  Its
 * key is one of the program's own names, which need no escaping: it is
 * written as it is.
 */
void	ka_jsonw_key(struct ka_jsonw *, const char *);

/* Values: a string (JSON null for NULL), an integer, a boolean. */
void	ka_jsonw_str(struct ka_jsonw *, const char *);
void	ka_jsonw_int(struct ka_jsonw *, long long);
void	ka_jsonw_bool(struct ka_jsonw *, int);

/* A member and its value at once. */
void	ka_jsonw_key_str(struct ka_jsonw *, const char *, const char *);
void	ka_jsonw_key_int(struct ka_jsonw *, const char *, long long);
void	ka_jsonw_key_bool(struct ka_jsonw *, const char *, int);

/*
 * The length of the well-formed UTF-8 sequence (RFC 3629) at s, or 0 if
 * s does not start one.  A NUL fails every continuation test, so this
 * never reads past the end of a string.
 */
size_t	ka_jsonw_utf8_seq(const unsigned char *);

#define KA_UTF8_REPLACEMENT	"\xef\xbf\xbd"	/* U+FFFD */

#endif
