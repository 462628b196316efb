/*
 * Building a YAML document for a schema walk, and the helpers the walks
 * of rule files and of the configuration file share.  See ydoc.h.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "diag.h"
#include "rules.h"
#include "xmalloc.h"
#include "ydoc.h"

struct ka_loc
ka_ydoc_loc(const struct ka_ydoc *y, const yaml_mark_t *m)
{
	struct ka_loc	 loc;

	loc.path = y->path;
	loc.line = (unsigned int)m->line + 1;
	loc.col = (unsigned int)m->column + 1;
	return loc;
}

/* A diagnostic at a mark; it counts as an error of the file. */
void
ka_ydoc_report(struct ka_ydoc *y, enum ka_diag_code code,
    const yaml_mark_t *m, const char *fmt, ...)
{
	struct ka_loc	 loc;
	va_list		 ap;
	char		*s;

	loc = ka_ydoc_loc(y, m);
	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	ka_diag(y->ds, code, &loc, "%s", s);
	free(s);
	y->nerr++;
}

yaml_node_t *
ka_ydoc_node(const struct ka_ydoc *y, yaml_node_item_t i)
{
	return yaml_document_get_node(y->doc, i);
}

int
ka_ydoc_is_null(const yaml_node_t *n)
{
	return n->type == YAML_SCALAR_NODE &&
	    n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    n->data.scalar.length == 0;
}

const char *
ka_ydoc_kind(const yaml_node_t *n)
{
	if (ka_ydoc_is_null(n))
		return "nothing";
	switch (n->type) {
	case YAML_SCALAR_NODE:
		return "a scalar";
	case YAML_SEQUENCE_NODE:
		return n->data.sequence.items.start ==
		    n->data.sequence.items.top ? "an empty list" : "a list";
	case YAML_MAPPING_NODE:
		return "a mapping";
	default:
		return "nothing";
	}
}

/* "a, b, c" of a list of names, for "expected one of"; the caller frees. */
char *
ka_ydoc_join(const char *const *names, size_t n, const char *last)
{
	char	*s, *t;
	size_t	 i;

	s = xstrdup(n > 0 ? names[0] : "");
	for (i = 1; i < n; i++) {
		t = xasprintf("%s%s%s", s, i + 1 == n ? last : ", ",
		    names[i]);
		free(s);
		s = t;
	}
	return s;
}

/*
 * Say that name is not one of names, with "did you mean" for a near miss;
 * returns that near miss (borrowed from names) or NULL.
 */
const char *
ka_ydoc_unknown(struct ka_ydoc *y, const yaml_node_t *n, const char *what,
    const char *name, const char *const *names, size_t nnames)
{
	const char	*hint;
	char		*all;

	hint = ka_rules_closest(name, names, nnames);
	all = ka_ydoc_join(names, nnames, " or ");
	if (hint != NULL)
		KA_YDOC_SCHEMA(y, n, "unknown %s '%s'; did you mean '%s'? "
		    "(expected %s)", what, name, hint, all);
	else
		KA_YDOC_SCHEMA(y, n, "unknown %s '%s'; expected %s", what,
		    name, all);
	free(all);
	return hint;
}

/* The text of a scalar that is a string without NUL, else NULL. */
const char *
ka_ydoc_string(const yaml_node_t *n)
{
	const char	*s;

	if (n->type != YAML_SCALAR_NODE || ka_ydoc_is_null(n))
		return NULL;
	s = (const char *)n->data.scalar.value;
	return strlen(s) == n->data.scalar.length ? s : NULL;
}

/*
 * The text of a scalar node, or NULL after a diagnostic saying what field
 * wanted (expect).  A plain empty value is YAML's null and never a string
 * here; a NUL written as "\0" would cut the string short, so it is refused.
 */
const char *
ka_ydoc_scalar(struct ka_ydoc *y, const char *field, const yaml_node_t *n,
    const char *expect)
{
	const char	*s;

	if (n->type != YAML_SCALAR_NODE || ka_ydoc_is_null(n)) {
		KA_YDOC_SCHEMA(y, n, "%s: expected %s, found %s", field,
		    expect, ka_ydoc_kind(n));
		return NULL;
	}
	s = (const char *)n->data.scalar.value;
	if (strlen(s) != n->data.scalar.length) {
		KA_YDOC_SCHEMA(y, n, "%s: expected %s, found a string with a "
		    "NUL character", field, expect);
		return NULL;
	}
	return s;
}

/* The items of a sequence node that must not be empty, or -1. */
int
ka_ydoc_sequence(struct ka_ydoc *y, const char *field, const yaml_node_t *n,
    const char *expect, size_t *count)
{
	if (n->type != YAML_SEQUENCE_NODE ||
	    n->data.sequence.items.start == n->data.sequence.items.top) {
		KA_YDOC_SCHEMA(y, n, "%s: expected %s, found %s", field,
		    expect, ka_ydoc_kind(n));
		return -1;
	}
	*count = (size_t)(n->data.sequence.items.top -
	    n->data.sequence.items.start);
	return 0;
}

/* The name of a mapping key, which must be a plain string. */
const char *
ka_ydoc_key(struct ka_ydoc *y, const yaml_node_t *k)
{
	if (k->type != YAML_SCALAR_NODE || ka_ydoc_is_null(k) ||
	    strlen((const char *)k->data.scalar.value) !=
	    k->data.scalar.length) {
		KA_YDOC_SCHEMA(y, k, "expected a field name, found %s",
		    ka_ydoc_kind(k));
		return NULL;
	}
	return (const char *)k->data.scalar.value;
}

void
ka_ydoc_twice(struct ka_ydoc *y, const yaml_node_t *k,
    const yaml_node_t *first, const char *name)
{
	KA_YDOC_SCHEMA(y, k, "%s: given twice; the first is at line %lu, and "
	    "a field may appear once", name,
	    (unsigned long)first->start_mark.line + 1);
}

/* libyaml's own error, with a word about tabs, its most common cause. */
static void
yaml_error(struct ka_ydoc *y, const yaml_parser_t *p)
{
	struct ka_loc	 loc;
	yaml_mark_t	 m;
	size_t		 i;
	const char	*hint = "";

	memset(&m, 0, sizeof(m));
	switch (p->error) {
	case YAML_MEMORY_ERROR:
		loc.path = y->path;
		loc.line = loc.col = 0;
		ka_diag(y->ds, KA_D_INTERNAL, &loc,
		    "libyaml ran out of memory");
		y->nerr++;
		return;
	case YAML_READER_ERROR:
		/* The reader gives a byte offset only. */
		for (i = 0; i < p->problem_offset && i < y->len; i++) {
			if (y->text[i] == '\n') {
				m.line++;
				m.column = 0;
			} else
				m.column++;
		}
		ka_ydoc_report(y, y->syntax, &m, "invalid YAML: %s (byte "
		    "0x%02x); expected UTF-8 text", p->problem != NULL ?
		    p->problem : "unreadable input",
		    (unsigned int)(p->problem_value & 0xff));
		return;
	default:
		break;
	}
	m = p->problem_mark;
	if (m.index < y->len && y->text[m.index] == '\t')
		hint = "; YAML is indented with spaces, never tabs";
	if (p->context != NULL)
		ka_ydoc_report(y, y->syntax, &m, "invalid YAML: %s (%s at "
		    "line %lu)%s", p->problem != NULL ? p->problem : "error",
		    p->context, (unsigned long)p->context_mark.line + 1, hint);
	else
		ka_ydoc_report(y, y->syntax, &m, "invalid YAML: %s%s",
		    p->problem != NULL ? p->problem : "error", hint);
}

/*
 * Hang node id on the collection being built, the top of open[]: append
 * it to a list, or make it a mapping's key or the value of the key
 * before it.  The first node of all is the root.  0 when libyaml ran out
 * of memory.
 */
static int
attach(yaml_document_t *doc, const int *open, unsigned int depth, int *key,
    int id)
{
	yaml_node_t	*parent;
	int		 ok = 1;

	if (depth == 0)
		return 1;
	parent = yaml_document_get_node(doc, open[depth - 1]);
	if (parent->type == YAML_SEQUENCE_NODE)
		ok = yaml_document_append_sequence_item(doc, open[depth - 1],
		    id);
	else if (key[depth - 1] == 0)
		key[depth - 1] = id;
	else {
		ok = yaml_document_append_mapping_pair(doc, open[depth - 1],
		    key[depth - 1], id);
		key[depth - 1] = 0;
	}
	return ok;
}

/*
 * Build the document from the parser's events in one pass, as
 * yaml_parser_load() would but refusing what it would accept: aliases,
 * since the loader shares aliased nodes and a few lines of anchors could
 * make the walk visit the same node billions of times; nesting deeper
 * than the recursive walk allows; a second document.  Every node keeps
 * the marks of its event.  doc is initialised in every case, empty when
 * the file holds no document.
 */
static int
build(struct ka_ydoc *y, yaml_document_t *doc)
{
	yaml_parser_t	 p;
	yaml_event_t	 ev;
	yaml_node_t	*n;
	int		 open[KA_YDOC_MAX_DEPTH], key[KA_YDOC_MAX_DEPTH];
	unsigned int	 depth = 0, docs = 0;
	int		 done = 0, rc = 0, id, node;

	memset(doc, 0, sizeof(*doc));
	if (!yaml_parser_initialize(&p)) {
		yaml_error(y, &p);
		return -1;
	}
	if (!yaml_document_initialize(doc, NULL, NULL, NULL, 1, 1)) {
		p.error = YAML_MEMORY_ERROR;
		yaml_error(y, &p);
		yaml_parser_delete(&p);
		return -1;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)y->text,
	    y->len);
	while (!done && rc == 0) {
		if (!yaml_parser_parse(&p, &ev)) {
			yaml_error(y, &p);
			rc = -1;
			break;
		}
		id = node = 0;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				ka_ydoc_report(y, y->schema, &ev.start_mark,
				    "a second YAML document; expected one "
				    "document per %s", y->noun);
				rc = -1;
			}
			break;
		case YAML_ALIAS_EVENT:
			ka_ydoc_report(y, y->schema, &ev.start_mark,
			    "an alias (*%s); expected the value written out, "
			    "since %ss do not use anchors and aliases",
			    (const char *)ev.data.alias.anchor, y->noun);
			rc = -1;
			break;
		case YAML_SCALAR_EVENT:
			node = 1;
			id = yaml_document_add_scalar(doc, NULL,
			    ev.data.scalar.value, (int)ev.data.scalar.length,
			    ev.data.scalar.style);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (depth == y->maxdepth) {
				ka_ydoc_report(y, y->limit, &ev.start_mark,
				    "lists and mappings nested more than %u "
				    "deep; expected a flatter %s", y->maxdepth,
				    y->item);
				rc = -1;
				break;
			}
			node = 1;
			id = ev.type == YAML_SEQUENCE_START_EVENT ?
			    yaml_document_add_sequence(doc, NULL,
			    ev.data.sequence_start.style) :
			    yaml_document_add_mapping(doc, NULL,
			    ev.data.mapping_start.style);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			yaml_document_get_node(doc, open[depth])->end_mark =
			    ev.end_mark;
			break;
		default:
			break;
		}
		if (node && (id == 0 || !attach(doc, open, depth, key, id))) {
			p.error = YAML_MEMORY_ERROR;
			yaml_error(y, &p);
			rc = -1;
		} else if (node) {
			n = yaml_document_get_node(doc, id);
			n->start_mark = ev.start_mark;
			n->end_mark = ev.end_mark;
			if (n->type != YAML_SCALAR_NODE) {
				open[depth] = id;
				key[depth++] = 0;
			}
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return rc;
}

int
ka_ydoc_build(struct ka_ydoc *y)
{
	y->nerr = 0;
	if (y->maxdepth == 0 || y->maxdepth > KA_YDOC_MAX_DEPTH)
		y->maxdepth = KA_YDOC_MAX_DEPTH;
	if (y->doc == NULL)
		y->doc = xcalloc(1, sizeof(*y->doc));
	return build(y, y->doc);
}

void
ka_ydoc_clear(struct ka_ydoc *y)
{
	if (y->doc != NULL)
		yaml_document_delete(y->doc);
	free(y->doc);
	y->doc = NULL;
}

yaml_node_t *
ka_ydoc_root(const struct ka_ydoc *y)
{
	return y->doc != NULL ? yaml_document_get_root_node(y->doc) : NULL;
}
