/*
 * The "# kafka-audit:" comments of a .properties file, read by one parser
 * with one table of words: what a file says about itself (its role and
 * client) and about its findings (inline suppressions).
 *
 *	# kafka-audit: type=producer client=librdkafka
 *	# kafka-audit: disable=KA1001,broker-min-insync-replicas-low
 *	# kafka-audit: disable=KA1001 until=2026-12-31 -- single-AZ staging
 *	# kafka-audit: disable-file=KA1007 -- two brokers only
 *
 * A directive is a comment line of its own; Java has no comment after a
 * value.  What a suppression applies to is decided by suppress.c.
 */
#ifndef KA_DIRECTIVE_H
#define KA_DIRECTIVE_H

#include <stddef.h>

#include "catalog.h"
#include "diag.h"

struct ka_props;

enum ka_dword {
	KA_DW_TYPE,		/* type=broker|topic|producer|consumer */
	KA_DW_CLIENT,		/* client=java|librdkafka */
	KA_DW_DISABLE,		/* disable=ID[,ID...]: the next property */
	KA_DW_DISABLE_FILE,	/* disable-file=ID[,ID...]: the whole file */
	KA_DW_UNTIL,		/* until=YYYY-MM-DD: the last day it holds */
	KA_DW__MAX
};

/* A rule named by disable= or disable-file=, as written. */
struct ka_directive_id {
	char		*name;		/* owned: an id, a slug or "all" */
	unsigned int	 col;		/* where it is written */
};

struct ka_directive {
	struct ka_loc		 loc;	/* the comment's '#' or '!'; path
					   borrowed from the source */
	unsigned int		 words;	/* 1 << KA_DW_* of each word given */
	unsigned int		 col[KA_DW__MAX]; /* where each word is */
	enum ka_role		 type;
	enum ka_client		 client;
	struct ka_directive_id	*ids;	/* owned: of disable(-file)= */
	size_t			 nids;
	char			 until[11]; /* YYYY-MM-DD, or "" */
	char			*reason; /* owned: the text after " -- ", or
					    NULL */
};

/* 1 if d has word w. */
#define KA_DIRECTIVE_HAS(d, w)	(((d)->words & (1u << (w))) != 0)

/*
 * Read the directives among the comments of a file into *out (owned by
 * the caller: ka_directive_free()).  A comment that is not understood is
 * reported (directive.bad) and left out.  Returns 0, or -1 when a type=
 * or client= word was not understood, so the file's role cannot be
 * trusted.
 */
int		 ka_directive_scan(const struct ka_props *,
		    struct ka_directive **out, size_t *n, struct ka_diags *);
void		 ka_directive_free(struct ka_directive *, size_t n);

/* 1 if s is a date YYYY-MM-DD of the Gregorian calendar. */
int		 ka_directive_date_ok(const char *s);

/* The name of a word: "disable-file"; static. */
const char	*ka_directive_word(enum ka_dword);

#endif
