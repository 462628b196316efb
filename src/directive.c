/*
 * The "# kafka-audit:" directives: one table of words, each with the
 * parser of its value.  A directive is read word by word up to " -- ",
 * after which everything is the reason; a problem is reported at the
 * column of the word that causes it, and the directive is then ignored
 * as a whole, so a suppression is never half-applied.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "diag.h"
#include "directive.h"
#include "props.h"
#include "rules.h"
#include "xmalloc.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const char	 prefix[] = "kafka-audit";

/* One directive being read. */
struct parse {
	const struct ka_comment	*c;
	struct ka_directive	*d;
	struct ka_diags		*ds;
	int			 role;	/* a type= or client= word is there */
};

static int	w_name(struct parse *, enum ka_dword, const char *,
		    unsigned int);
static int	w_ids(struct parse *, enum ka_dword, const char *,
		    unsigned int);
static int	w_until(struct parse *, enum ka_dword, const char *,
		    unsigned int);

/*
 * The words.  parse reads the value (after '=') of the word at column col
 * into the directive; -1 after a diagnostic.
 */
static const struct {
	const char	*name;
	int		(*parse)(struct parse *, enum ka_dword, const char *,
			    unsigned int);
	const char	*takes;		/* for the messages */
} words[KA_DW__MAX] = {
	[KA_DW_TYPE] = { "type", w_name,
	    "broker, topic, producer or consumer" },
	[KA_DW_CLIENT] = { "client", w_name, "java or librdkafka" },
	[KA_DW_DISABLE] = { "disable", w_ids,
	    "rule ids or slugs separated by commas, or all" },
	[KA_DW_DISABLE_FILE] = { "disable-file", w_ids,
	    "rule ids or slugs separated by commas, or all" },
	[KA_DW_UNTIL] = { "until", w_until, "a date YYYY-MM-DD" },
};

static void bad(struct parse *, unsigned int, const char *, ...)
    __attribute__((__format__(__printf__, 3, 4)));

/* A directive.bad at column col of the comment's line. */
static void
bad(struct parse *p, unsigned int col, const char *fmt, ...)
{
	struct ka_loc	 loc = p->c->loc;
	va_list		 ap;
	char		*s;

	loc.col = col;
	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	ka_diag(p->ds, KA_D_DIRECTIVE_BAD, &loc, "%s", s);
	free(s);
}

/* type= and client=: a name of the catalogue's. */
static int
w_name(struct parse *p, enum ka_dword w, const char *v, unsigned int col)
{
	int	 rc;

	if (w == KA_DW_TYPE)
		rc = ka_catalog_role_parse(v, &p->d->type);
	else
		rc = ka_catalog_client_parse(v, &p->d->client);
	if (rc == 0)
		return 0;
	bad(p, col, "'%s=%s' is not understood; %s= takes %s", words[w].name,
	    v, words[w].name, words[w].takes);
	return -1;
}

/* ID[,ID...]: every item non-empty. */
static int
w_ids(struct parse *p, enum ka_dword w, const char *v, unsigned int col)
{
	struct ka_directive	*d = p->d;
	const char		*item, *word = words[w].name;
	size_t			 len;

	if (*v == '\0') {
		bad(p, col, "%s= names no rule; expected %s, such as "
		    "%s=KA1001,KA2002", word, words[KA_DW_DISABLE].takes,
		    word);
		return -1;
	}
	col += (unsigned int)strlen(word) + 1;
	for (item = v;; item += len + 1) {
		len = strcspn(item, ",");
		if (len == 0) {
			bad(p, col + (unsigned int)(item - v), "%s=%s has an "
			    "empty rule name; expected %s", word, v,
			    words[KA_DW_DISABLE].takes);
			return -1;
		}
		d->ids = xreallocarray(d->ids, d->nids + 1, sizeof(*d->ids));
		d->ids[d->nids].name = xstrndup(item, len);
		d->ids[d->nids++].col = col + (unsigned int)(item - v);
		if (item[len] == '\0')
			break;
	}
	return 0;
}

static int
w_until(struct parse *p, enum ka_dword w, const char *v, unsigned int col)
{
	(void)w;
	if (ka_directive_date_ok(v)) {
		memcpy(p->d->until, v, sizeof(p->d->until));
		return 0;
	}
	bad(p, col, "'until=%s' is not a date; expected until=YYYY-MM-DD, "
	    "the last day the suppression holds", v);
	return -1;
}

int
ka_directive_date_ok(const char *s)
{
	static const int	 mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31,
				    30, 31, 30, 31 };
	int			 y, m, d, i;

	for (i = 0; i < 10; i++)
		if ((i == 4 || i == 7) ? s[i] != '-' :
		    (s[i] < '0' || s[i] > '9'))
			return 0;
	if (s[10] != '\0')
		return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	/* February 29 of a year that is not a leap year. */
	return !(m == 2 && d == 29 &&
	    (y % 4 != 0 || (y % 100 == 0 && y % 400 != 0)));
}

const char *
ka_directive_word(enum ka_dword w)
{
	return (unsigned int)w < KA_DW__MAX ? words[w].name : NULL;
}

static int
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\f';
}

/* The word name=value at text[off], len bytes long. */
static int
word(struct parse *p, const char *text, size_t off, size_t len)
{
	const char	*names[KA_DW__MAX], *hint, *eq;
	char		*tok;
	unsigned int	 col, i;
	int		 rc;

	col = p->c->loc.col + 1 + (unsigned int)off;
	tok = xstrndup(text + off, len);
	eq = strchr(tok, '=');
	for (i = 0; i < KA_DW__MAX; i++) {
		names[i] = words[i].name;
		if (eq != NULL && strlen(names[i]) == (size_t)(eq - tok) &&
		    strncmp(tok, names[i], (size_t)(eq - tok)) == 0)
			break;
	}
	if (i == KA_DW__MAX) {
		tok[eq != NULL ? (size_t)(eq - tok) : len] = '\0';
		hint = ka_rules_closest(tok, names, KA_DW__MAX);
		tok[eq != NULL ? (size_t)(eq - tok) : len] = eq != NULL ? '=' :
		    '\0';
		bad(p, col, "'%s' is not understood%s%s%s; a directive takes "
		    "type=, client=, disable=, disable-file= and until=, "
		    "then -- and a reason", tok, hint != NULL ?
		    "; did you mean " : "", hint != NULL ? hint : "",
		    hint != NULL ? "=?" : "");
		free(tok);
		return -1;
	}
	if (i == KA_DW_TYPE || i == KA_DW_CLIENT)
		p->role = 1;
	if (KA_DIRECTIVE_HAS(p->d, i)) {
		bad(p, col, "%s= is given twice; the first is at column %u",
		    names[i], p->d->col[i]);
		free(tok);
		return -1;
	}
	p->d->words |= 1u << i;
	p->d->col[i] = col;
	rc = words[i].parse(p, (enum ka_dword)i, eq + 1, col);
	free(tok);
	return rc;
}

/* How one comment reads. */
enum found {
	FOUND_NONE,		/* not a directive */
	FOUND_OK,
	FOUND_BAD,		/* reported, ignored */
	FOUND_BAD_ROLE		/* reported, and it held type= or client= */
};

static enum found
parse(struct parse *p)
{
	const char		*text = p->c->text, *r;
	struct ka_directive	*d = p->d;
	size_t			 off, len, rlen;
	int			 rc = 0;

	off = 0;
	while (blank(text[off]))
		off++;
	if (strncmp(text + off, prefix, sizeof(prefix) - 1) != 0)
		return FOUND_NONE;
	off += sizeof(prefix) - 1;
	if (text[off] != ':') {
		if (!blank(text[off]) || strchr(text + off, '=') == NULL)
			return FOUND_NONE;
		bad(p, p->c->loc.col + 1, "kafka-audit without a colon; "
		    "expected '# kafka-audit: WORD=VALUE'");
		return FOUND_BAD;
	}
	for (off++;; off += len) {
		while (blank(text[off]))
			off++;
		if (text[off] == '\0')
			break;
		len = strcspn(text + off, " \t\f");
		if (len == 2 && strncmp(text + off, "--", 2) == 0) {
			r = text + off + 2;
			while (blank(*r))
				r++;
			rlen = strlen(r);
			while (rlen > 0 && blank(r[rlen - 1]))
				rlen--;
			if (rlen == 0 && rc == 0) {
				bad(p, p->c->loc.col + 1 + (unsigned int)off,
				    "nothing follows --; expected the reason "
				    "for the suppression");
				rc = -1;
			} else
				d->reason = xstrndup(r, rlen);
			break;
		}
		/* One problem is reported; the rest is only looked at for
		 * type= and client=, which make the file's role doubtful. */
		if (rc == -1)
			p->role |= strncmp(text + off, "type=", 5) == 0 ||
			    strncmp(text + off, "client=", 7) == 0;
		else if (word(p, text, off, len) == -1)
			rc = -1;
	}
	if (rc == 0 && d->words == 0) {
		bad(p, p->c->loc.col + 1, "an empty directive; expected "
		    "type=, client=, disable=, disable-file= or until=");
		rc = -1;
	}
	if (rc == 0 && KA_DIRECTIVE_HAS(d, KA_DW_DISABLE) &&
	    KA_DIRECTIVE_HAS(d, KA_DW_DISABLE_FILE)) {
		bad(p, d->col[KA_DW_DISABLE_FILE], "disable= and "
		    "disable-file= in one directive; write one of them on a "
		    "line of its own");
		rc = -1;
	}
	if (rc == 0 && KA_DIRECTIVE_HAS(d, KA_DW_UNTIL) &&
	    !KA_DIRECTIVE_HAS(d, KA_DW_DISABLE) &&
	    !KA_DIRECTIVE_HAS(d, KA_DW_DISABLE_FILE)) {
		bad(p, d->col[KA_DW_UNTIL], "until= bounds a suppression; "
		    "expected disable= or disable-file= beside it");
		rc = -1;
	}
	if (rc == 0)
		return FOUND_OK;
	return p->role ? FOUND_BAD_ROLE : FOUND_BAD;
}

static void
clear(struct ka_directive *d)
{
	size_t	 i;

	for (i = 0; i < d->nids; i++)
		free(d->ids[i].name);
	free(d->ids);
	free(d->reason);
	memset(d, 0, sizeof(*d));
}

void
ka_directive_free(struct ka_directive *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		clear(&v[i]);
	free(v);
}

int
ka_directive_scan(const struct ka_props *props, struct ka_directive **out,
    size_t *n, struct ka_diags *ds)
{
	struct ka_directive	 d;
	struct parse		 p;
	size_t			 i;
	int			 rc = 0;

	*out = NULL;
	*n = 0;
	for (i = 0; i < props->ncomments; i++) {
		memset(&d, 0, sizeof(d));
		memset(&p, 0, sizeof(p));
		p.c = &props->comments[i];
		p.d = &d;
		p.ds = ds;
		d.loc = p.c->loc;
		switch (parse(&p)) {
		case FOUND_OK:
			*out = xreallocarray(*out, *n + 1, sizeof(**out));
			(*out)[(*n)++] = d;
			continue;
		case FOUND_BAD_ROLE:
			rc = -1;
			break;
		case FOUND_BAD:
		case FOUND_NONE:
			break;
		}
		clear(&d);
	}
	return rc;
}
