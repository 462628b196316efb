/*
 * A reader for Java .properties files that gives exactly what
 * java.util.Properties.load(InputStream) gives (bytes read as ISO-8859-1),
 * plus where every key and value stood in the file.  Kafka loads
 * server.properties and every --*.config file this way, so any difference
 * from Java here would be a wrong audit.
 */
#ifndef KA_PROPS_H
#define KA_PROPS_H

#include <stddef.h>

#include "diag.h"

struct ka_source;

/* Bounds on untrusted input; going past one is a diagnostic, never a cut. */
#define KA_PROPS_MAX_LINE	(64u * 1024)	/* bytes in one logical line */
#define KA_PROPS_MAX_KEYS	50000u		/* entries in one file */

#define KA_PROPS_NONE		((size_t)-1)

/*
 * One key/value pair, in file order.  Key and value are decoded (escapes
 * and continuations applied) and re-encoded from ISO-8859-1 (or \uXXXX
 * code points) as UTF-8; a surrogate pair becomes one code point and a lone
 * surrogate U+FFFD.  A decoded U+0000 is kept, so the lengths, not strlen(),
 * are exact.
 */
struct ka_prop {
	char		*key;		/* owned, NUL-terminated UTF-8 */
	size_t		 key_len;
	char		*value;		/* owned, NUL-terminated UTF-8 */
	size_t		 value_len;
	struct ka_loc	 key_loc;	/* first character of the key */
	struct ka_loc	 value_loc;	/* first character of the value, or
					   where it would start if empty */
	unsigned int	 last_line;	/* last natural line of the entry */
	size_t		 shadowed_by;	/* index of the later entry with
					   the same key, which wins, or
					   KA_PROPS_NONE */
	size_t		 shadows;	/* index of the earlier entry with the
					   same key, or KA_PROPS_NONE */
};

/* A comment line: '#' or '!' first.  Directives are read from these. */
struct ka_comment {
	char		*text;		/* owned UTF-8: the text after the
					   marker, raw (no escapes applied) */
	struct ka_loc	 loc;		/* the marker character */
};

struct ka_props {
	struct ka_prop		*v;		/* owned array */
	size_t			 len;
	struct ka_comment	*comments;	/* owned array */
	size_t			 ncomments;
	size_t			*index;		/* owned: open-addressed by
						   key, the last entry of
						   each key plus one (0 is
						   free); NULL for fewer than
						   two entries */
	size_t			 indexcap;	/* a power of two */
};

/*
 * Parse src into props (which the caller has not initialised).  Locations
 * borrow src->path.  Returns 0 when the file loads as Java would load it;
 * -1 when Java would refuse it (a malformed \u escape) or a bound was
 * passed, after appending diagnostics.  props is valid to read and must be
 * cleared in either case.
 */
int			 ka_props_parse(struct ka_props *,
			    const struct ka_source *, struct ka_diags *);
void			 ka_props_clear(struct ka_props *);

/*
 * The entry that wins for key (the last one), or NULL; borrowed.  Constant
 * time through the index, so a file of many keys is not quadratic.
 */
const struct ka_prop	*ka_props_get(const struct ka_props *, const char *);

#endif
