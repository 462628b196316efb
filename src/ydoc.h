/*
 * A YAML document read for a schema walk: the part of loading that the
 * rule files (rules_yaml.c) and the configuration file (policy_yaml.c)
 * share.  ydoc.c builds a libyaml document from a file's bytes in one pass
 * that refuses aliases, deep nesting and a second document, and gives the
 * walkers the helpers every schema check needs: what a node is, its text,
 * "did you mean" for a name that is not one of a list, a diagnostic at a
 * node's line and column.
 *
 * This header includes yaml.h, so only the three files that speak libyaml
 * include it (tests/style.sh enforces that); libyaml types never leave
 * them.
 */
#ifndef KA_YDOC_H
#define KA_YDOC_H

#include <stddef.h>

#include <yaml.h>

#include "diag.h"

/*
 * One file being walked.  The caller sets the fields above the line and
 * calls ka_ydoc_build(); every diagnostic made through these functions
 * counts in nerr.
 */
struct ka_ydoc {
	const char		*path;		/* borrowed: for locations */
	const char		*text;		/* borrowed: the file's bytes */
	size_t			 len;
	struct ka_diags		*ds;		/* borrowed */
	enum ka_diag_code	 syntax;	/* libyaml's errors */
	enum ka_diag_code	 schema;	/* aliases, documents, schema */
	enum ka_diag_code	 limit;		/* nesting too deep */
	unsigned int		 maxdepth;	/* at most KA_YDOC_MAX_DEPTH */
	const char		*noun;		/* "rule file" */
	const char		*item;		/* "rule": "a flatter rule" */
	/* ---- */
	yaml_document_t		*doc;		/* owned: ka_ydoc_clear() */
	size_t			 nerr;
};

#define KA_YDOC_MAX_DEPTH	64

/*
 * Build the document.  doc is made in every case (empty when the file
 * holds only comments: ka_ydoc_root() is then NULL) and must be freed with
 * ka_ydoc_clear().  Returns 0, or -1 after a diagnostic.
 */
int		 ka_ydoc_build(struct ka_ydoc *);
void		 ka_ydoc_clear(struct ka_ydoc *);
yaml_node_t	*ka_ydoc_root(const struct ka_ydoc *);
yaml_node_t	*ka_ydoc_node(const struct ka_ydoc *, yaml_node_item_t);

/* A mark as a location: libyaml counts from 0, ka_loc from 1. */
struct ka_loc	 ka_ydoc_loc(const struct ka_ydoc *, const yaml_mark_t *);

/* A diagnostic at a mark; it counts as an error of the file. */
void		 ka_ydoc_report(struct ka_ydoc *, enum ka_diag_code,
		    const yaml_mark_t *, const char *, ...)
		    __attribute__((__format__(__printf__, 4, 5)));

/* A schema diagnostic at a node. */
#define KA_YDOC_SCHEMA(y, node, ...) \
	ka_ydoc_report((y), (y)->schema, &(node)->start_mark, __VA_ARGS__)

/* A plain empty scalar: YAML's null. */
int		 ka_ydoc_is_null(const yaml_node_t *);

/* "a scalar", "a list", "an empty list", "a mapping", "nothing". */
const char	*ka_ydoc_kind(const yaml_node_t *);

/* "a, b or c" of n names; the caller frees it. */
char		*ka_ydoc_join(const char *const *names, size_t n,
		    const char *last);

/*
 * Say that name is not one of names, with "did you mean" for a near miss;
 * returns that near miss (borrowed from names) or NULL.
 */
const char	*ka_ydoc_unknown(struct ka_ydoc *, const yaml_node_t *,
		    const char *what, const char *name,
		    const char *const *names, size_t nnames);

/* The text of a scalar that is a string without NUL, else NULL. */
const char	*ka_ydoc_string(const yaml_node_t *);

/*
 * The text of a scalar node, or NULL after a diagnostic saying what field
 * wanted (expect).  YAML's null is never a string here, and a NUL written
 * as "\0" is refused.
 */
const char	*ka_ydoc_scalar(struct ka_ydoc *, const char *field,
		    const yaml_node_t *, const char *expect);

/* The count of a sequence that must not be empty; -1 after a diagnostic. */
int		 ka_ydoc_sequence(struct ka_ydoc *, const char *field,
		    const yaml_node_t *, const char *expect, size_t *count);

/* The name of a mapping key, which must be a plain string, or NULL. */
const char	*ka_ydoc_key(struct ka_ydoc *, const yaml_node_t *);

/* A key given twice in one mapping. */
void		 ka_ydoc_twice(struct ka_ydoc *, const yaml_node_t *k,
		    const yaml_node_t *first, const char *name);

#endif
