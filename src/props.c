/*
 * java.util.Properties.load(InputStream), done again in C with positions.
 *
 * The code follows the JDK step by step, so that each part can be checked
 * against the method it copies: the main loop of ka_props_parse() is
 * LineReader.readLine(), split() is the key/value split in load0(), and
 * decode() is loadConvert(), as in JDK 17 (the same through JDK 25).  The
 * input is read as ISO-8859-1, one byte per character, as
 * Properties.load(InputStream) does; everything handed out is re-encoded as
 * UTF-8.
 *
 * All work memory (the logical line, the positions of its bytes, the
 * decoding buffer) is reused across the lines of one parse; the only
 * allocations per entry are its key and value.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "props.h"
#include "source.h"
#include "xmalloc.h"

/*
 * A logical line may be stored one byte past the bound: a line of exactly
 * KA_PROPS_MAX_LINE bytes can still be followed by its continuation
 * backslash, which is then removed.  Past this, bytes are counted but not
 * stored, and the line is reported, never cut.
 */
#define STORE_MAX	((size_t)KA_PROPS_MAX_LINE + 1)

/* Characters of a key or value shown in a diagnostic before "...". */
#define SHOW_MAX	40

/* Where one byte of the source stood. */
struct pos {
	unsigned int	 line;
	unsigned int	 col;
};

/* A growable byte buffer, reused within one parse. */
struct buf {
	char		*p;		/* owned */
	size_t		 len;
	size_t		 cap;
};

/*
 * The state of one parse.  lb holds the logical line being read and lpos
 * where each of its bytes stood; len counts the whole line even past
 * STORE_MAX, where bytes are no longer stored.  na_* keep the first byte
 * >= 0x80 outside comments until its line is finished and it is reported.
 */
struct parser {
	const struct ka_source	*src;		/* borrowed */
	struct ka_diags		*ds;		/* borrowed */
	struct ka_props		*props;		/* borrowed */
	size_t			 propcap;
	size_t			 comcap;

	unsigned int		 line;		/* natural line */
	size_t			 line_off;	/* where it starts */

	unsigned char		*lb;		/* owned */
	struct pos		*lpos;		/* owned */
	size_t			 lbcap;
	size_t			 len;
	struct pos		 start;		/* first byte of lb */

	struct buf		 out;		/* decoded key, value */
	struct buf		 msg;		/* parts of a detail */
	int			 failed;	/* Java refuses; a bound */
	int			 stopped;	/* too many keys */

	int			 na_seen;
	int			 na_pending;	/* not yet reported */
	size_t			 na_idx;	/* index in lb */
	size_t			 na_off;	/* offset in the source */
	struct pos		 na_pos;
};

static void
buf_reserve(struct buf *b, size_t n)
{
	size_t	 cap;

	if (b->cap - b->len > n)
		return;
	cap = b->cap == 0 ? 256 : b->cap;
	while (cap - b->len <= n)
		cap *= 2;
	b->p = xreallocarray(b->p, cap, 1);
	b->cap = cap;
}

/* Append one code point as UTF-8; room has been reserved by the caller. */
static void
put_cp(struct buf *b, uint32_t cp)
{
	char	*p = b->p + b->len;

	if (cp < 0x80) {
		p[0] = (char)cp;
		b->len += 1;
	} else if (cp < 0x800) {
		p[0] = (char)(0xC0 | (cp >> 6));
		p[1] = (char)(0x80 | (cp & 0x3F));
		b->len += 2;
	} else if (cp < 0x10000) {
		p[0] = (char)(0xE0 | (cp >> 12));
		p[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		p[2] = (char)(0x80 | (cp & 0x3F));
		b->len += 3;
	} else {
		p[0] = (char)(0xF0 | (cp >> 18));
		p[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		p[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		p[3] = (char)(0x80 | (cp & 0x3F));
		b->len += 4;
	}
}

/*
 * Append one UTF-16 code unit, the way Java's String holds it.  A high
 * surrogate waits in *hi for the low one that makes a pair with it; any
 * surrogate left alone becomes U+FFFD, since UTF-8 cannot carry it.
 */
static void
put_unit(struct buf *b, uint32_t u, uint32_t *hi)
{
	if (*hi != 0) {
		if (u >= 0xDC00 && u <= 0xDFFF) {
			put_cp(b, 0x10000 + ((*hi - 0xD800) << 10) +
			    (u - 0xDC00));
			*hi = 0;
			return;
		}
		put_cp(b, 0xFFFD);
		*hi = 0;
	}
	if (u >= 0xD800 && u <= 0xDBFF)
		*hi = u;
	else if (u >= 0xDC00 && u <= 0xDFFF)
		put_cp(b, 0xFFFD);
	else
		put_cp(b, u);
}

/* An owned, NUL-terminated copy of a buffer that may hold U+0000. */
static char *
buf_dup(const struct buf *b)
{
	char	*s;

	s = xmalloc(b->len + 1);
	memcpy(s, b->p, b->len);
	s[b->len] = '\0';
	return s;
}

/* Append n ISO-8859-1 bytes as UTF-8. */
static void
put_latin1(struct buf *b, const unsigned char *s, size_t n)
{
	size_t	 i;

	buf_reserve(b, 2 * n);
	for (i = 0; i < n; i++)
		put_cp(b, s[i]);
}

/*
 * Append s (valid UTF-8, as this file makes it) in double quotes for a
 * diagnostic, with quotes, control characters and, if esc_bs, backslashes
 * escaped, and at most SHOW_MAX characters, so that a detail stays one
 * short line.  Text quoted from the file keeps its backslashes as written.
 */
static void
show(struct buf *b, const char *s, size_t n, int esc_bs)
{
	static const char	 hex[] = "0123456789abcdef";
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, j, chars = 0, w;
	uint32_t		 cp;
	char			*p;

	buf_reserve(b, 2);
	b->p[b->len++] = '"';
	while (i < n) {
		buf_reserve(b, 8);
		p = b->p + b->len;
		if (chars++ == SHOW_MAX) {
			memcpy(p, "...", 3);
			b->len += 3;
			break;
		}
		w = u[i] < 0x80 ? 1 : u[i] < 0xE0 ? 2 : u[i] < 0xF0 ? 3 : 4;
		if (w > n - i)
			w = 1;
		cp = w == 1 ? u[i] : (uint32_t)(u[i] & (0x7F >> w));
		for (j = 1; j < w; j++)
			cp = (cp << 6) | (u[i + j] & 0x3F);
		if (cp == '"' || (cp == '\\' && esc_bs)) {
			p[0] = '\\';
			p[1] = (char)cp;
			b->len += 2;
		} else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
			memcpy(p, "\\u00", 4);
			p[4] = hex[cp >> 4];
			p[5] = hex[cp & 0xF];
			b->len += 6;
		} else {
			memcpy(p, u + i, w);
			b->len += w;
		}
		i += w;
	}
	b->p[b->len++] = '"';
	b->p[b->len] = '\0';
}

static struct ka_loc
loc_at(const struct parser *pr, struct pos at)
{
	struct ka_loc	 l;

	l.path = pr->src->path;
	l.line = at.line;
	l.col = at.col;
	return l;
}

static struct pos
pos_of(const struct parser *pr, size_t off)
{
	struct pos	 at;

	at.line = pr->line;
	at.col = (unsigned int)(off - pr->line_off + 1);
	return at;
}

/*
 * Account for the line terminator at offset k: "\r", "\n" or "\r\n" each
 * end one natural line, so the "\n" of a "\r\n" only moves the start.
 */
static void
newline(struct parser *pr, const unsigned char *t, size_t k)
{
	if (!(t[k] == '\n' && k > 0 && t[k - 1] == '\r'))
		pr->line++;
	pr->line_off = k + 1;
}

/*
 * Record the comment whose marker is just before offset i, and consume it
 * with its terminator, as readLine's comment loop does: a backslash at its
 * end continues nothing.  Returns the offset after it.
 */
static size_t
comment(struct parser *pr, const unsigned char *t, size_t n, size_t i)
{
	struct ka_props		*p = pr->props;
	struct ka_comment	*c;
	size_t			 k = i;

	while (k < n && t[k] != '\r' && t[k] != '\n')
		k++;
	if (p->ncomments == pr->comcap) {
		pr->comcap = pr->comcap == 0 ? 8 : pr->comcap * 2;
		p->comments = xreallocarray(p->comments, pr->comcap,
		    sizeof(*p->comments));
	}
	c = &p->comments[p->ncomments++];
	c->loc = loc_at(pr, pos_of(pr, i - 1));
	pr->out.len = 0;
	put_latin1(&pr->out, t + i, k - i);
	c->text = buf_dup(&pr->out);
	if (k < n) {
		newline(pr, t, k);
		k++;
	}
	return k;
}

/* Add one byte to the logical line, keeping where it stood. */
static void
append(struct parser *pr, unsigned char c, size_t off)
{
	struct pos	 at;
	size_t		 cap;

	at = pos_of(pr, off);
	if (pr->len == 0)
		pr->start = at;
	if (c >= 0x80 && !pr->na_seen) {
		pr->na_seen = pr->na_pending = 1;
		pr->na_idx = pr->len;
		pr->na_off = off;
		pr->na_pos = at;
	}
	if (pr->len < STORE_MAX) {
		if (pr->len == pr->lbcap) {
			cap = pr->lbcap == 0 ? 256 : pr->lbcap * 2;
			if (cap > STORE_MAX)
				cap = STORE_MAX;
			pr->lb = xreallocarray(pr->lb, cap, 1);
			pr->lpos = xreallocarray(pr->lpos, cap,
			    sizeof(*pr->lpos));
			pr->lbcap = cap;
		}
		pr->lb[pr->len] = c;
		pr->lpos[pr->len] = at;
	}
	pr->len++;
}

/*
 * Where index i of a logical line of limit bytes stands.  An empty key or
 * value "starts" just after the last byte before it.
 */
static struct pos
lpos_at(const struct parser *pr, size_t i, size_t limit)
{
	struct pos	 at;

	if (i < limit)
		return pr->lpos[i];
	if (limit == 0)
		return pr->start;
	at = pr->lpos[limit - 1];
	at.col++;
	return at;
}

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Report the malformed \u escape whose backslash is at index bs of a
 * segment ending at end, showing up to the four characters Java tried.
 */
static void
bad_escape(struct parser *pr, size_t bs, size_t end)
{
	struct ka_loc	 l;
	struct buf	 raw;
	size_t		 n;

	n = end - bs < 6 ? end - bs : 6;
	memset(&raw, 0, sizeof(raw));
	put_latin1(&raw, pr->lb + bs, n);
	pr->msg.len = 0;
	show(&pr->msg, raw.p, raw.len, 0);
	free(raw.p);
	l = loc_at(pr, pr->lpos[bs]);
	ka_diag(pr->ds, KA_D_PROPS_BAD_ESCAPE, &l,
	    "malformed escape %s: \\u takes exactly 4 hex digits", pr->msg.p);
	pr->failed = 1;
}

/*
 * Decode lb[from, to) into pr->out as loadConvert() does, then as UTF-8.
 * A malformed \u escape is reported and decoding goes on after its "u", so
 * that later ones are reported too; Java would stop at the first.  Returns
 * 0, or -1 if any escape was malformed.
 */
static int
decode(struct parser *pr, size_t from, size_t to)
{
	const unsigned char	*lb = pr->lb;
	struct buf		*b = &pr->out;
	size_t			 i = from, j;
	uint32_t		 hi = 0, v;
	int			 d, rc = 0;
	unsigned char		 c;

	/* Each input byte gives at most 3 bytes of UTF-8. */
	b->len = 0;
	buf_reserve(b, 3 * (to - from) + 4);
	while (i < to) {
		c = lb[i++];
		if (c != '\\') {
			put_unit(b, c, &hi);
			continue;
		}
		/* readLine() leaves no lone backslash at the end. */
		if (i == to)
			break;
		c = lb[i++];
		if (c == 'u') {
			v = 0;
			d = 0;
			for (j = 0; j < 4 && i + j < to; j++) {
				d = hexval(lb[i + j]);
				if (d < 0)
					break;
				v = (v << 4) | (uint32_t)d;
			}
			if (j < 4) {
				bad_escape(pr, i - 2, to);
				rc = -1;
				continue;
			}
			i += 4;
			put_unit(b, v, &hi);
			continue;
		}
		if (c == 't')
			c = '\t';
		else if (c == 'r')
			c = '\r';
		else if (c == 'n')
			c = '\n';
		else if (c == 'f')
			c = '\f';
		put_unit(b, c, &hi);
	}
	if (hi != 0)
		put_cp(b, 0xFFFD);
	b->p[b->len] = '\0';
	return rc;
}

/*
 * The length of the UTF-8 sequence at s (of n bytes) and its code point,
 * or 0 if the bytes are not well-formed UTF-8.
 */
static size_t
utf8_seq(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t	 w, i;
	uint32_t lo = 0x80, hi = 0xBF;

	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		w = 2;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		w = 3;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		w = 4;
	else
		return 0;
	if (n < w)
		return 0;
	if (s[0] == 0xE0)
		lo = 0xA0;
	else if (s[0] == 0xED)
		hi = 0x9F;
	else if (s[0] == 0xF0)
		lo = 0x90;
	else if (s[0] == 0xF4)
		hi = 0x8F;
	if (s[1] < lo || s[1] > hi)
		return 0;
	*cp = s[0] & (0x7F >> w);
	for (i = 1; i < w; i++) {
		if (i > 1 && (s[i] < 0x80 || s[i] > 0xBF))
			return 0;
		*cp = (*cp << 6) | (s[i] & 0x3F);
	}
	return w;
}

/*
 * Warn, once per file, about the first byte >= 0x80 outside comments.  If
 * the bytes there are UTF-8, the author meant one character and Kafka sees
 * several; either way a \u escape says what is meant.  seen is the decoded
 * key or value that holds the byte, or NULL if the line made no entry.
 */
static void
non_ascii(struct parser *pr, const char *seen, size_t seenlen)
{
	const unsigned char	*t = (const unsigned char *)pr->src->text;
	unsigned char		 byte = t[pr->na_off];
	char			 ch[16], esc[16], *shown;
	uint32_t		 cp;
	struct ka_loc		 l;

	pr->na_pending = 0;
	if (byte >= 0xA0) {
		ch[0] = '\'';
		ch[1] = (char)(0xC0 | (byte >> 6));
		ch[2] = (char)(0x80 | (byte & 0x3F));
		ch[3] = '\'';
		ch[4] = '\0';
	} else
		(void)snprintf(ch, sizeof(ch), "U+%04X", byte);
	if (utf8_seq(t + pr->na_off, pr->src->len - pr->na_off, &cp) == 0)
		cp = byte;
	if (cp > 0xFFFF)
		(void)snprintf(esc, sizeof(esc), "\\u%04x\\u%04x",
		    (unsigned int)(0xD800 + ((cp - 0x10000) >> 10)),
		    (unsigned int)(0xDC00 + ((cp - 0x10000) & 0x3FF)));
	else
		(void)snprintf(esc, sizeof(esc), "\\u%04x", (unsigned int)cp);
	l = loc_at(pr, pr->na_pos);
	if (seen == NULL) {
		ka_diag(pr->ds, KA_D_PROPS_NON_ASCII, &l,
		    "byte 0x%02X is read as ISO-8859-1 %s; write %s instead",
		    byte, ch, esc);
		return;
	}
	pr->msg.len = 0;
	show(&pr->msg, seen, seenlen, 1);
	shown = pr->msg.p;
	ka_diag(pr->ds, KA_D_PROPS_NON_ASCII, &l,
	    "byte 0x%02X is read as ISO-8859-1 %s, so Kafka sees %s; "
	    "write %s instead", byte, ch, shown, esc);
}

static int
is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\f';
}

/*
 * Split a logical line as load0() does: the key runs to the first
 * unescaped '=', ':' or white space; then white space, at most one '=' or
 * ':', and white space again are skipped.  The escape test is made on the
 * raw bytes, before decoding, so "\u003D" never separates.
 */
static void
split(const unsigned char *lb, size_t limit, size_t *keylen,
    size_t *valstart)
{
	size_t		 kl = 0, vs = limit;
	int		 sep = 0, esc = 0;
	unsigned char	 c;

	while (kl < limit) {
		c = lb[kl];
		if ((c == '=' || c == ':') && !esc) {
			vs = kl + 1;
			sep = 1;
			break;
		}
		if (is_ws(c) && !esc) {
			vs = kl + 1;
			break;
		}
		esc = c == '\\' ? !esc : 0;
		kl++;
	}
	while (vs < limit) {
		c = lb[vs];
		if (!is_ws(c)) {
			if (sep || (c != '=' && c != ':'))
				break;
			sep = 1;
		}
		vs++;
	}
	*keylen = kl;
	*valstart = vs;
}

/*
 * One logical line of limit bytes is complete: check the bounds, split
 * and decode it, and record the entry.  last_line is the natural line on
 * which it ended.
 */
static void
finish(struct parser *pr, size_t limit, unsigned int last_line)
{
	struct ka_props	*p = pr->props;
	struct ka_prop	*e;
	struct ka_loc	 l;
	size_t		 kl, vs;
	char		*key;
	size_t		 key_len;
	int		 bad;

	pr->len = 0;
	if (limit > KA_PROPS_MAX_LINE) {
		l = loc_at(pr, pr->start);
		ka_diag(pr->ds, KA_D_PROPS_LINE_TOO_LONG, &l,
		    "a logical line of %zu bytes; at most %u are read",
		    limit, KA_PROPS_MAX_LINE);
		pr->failed = 1;
		if (pr->na_pending)
			non_ascii(pr, NULL, 0);
		return;
	}
	if (p->len == KA_PROPS_MAX_KEYS) {
		l = loc_at(pr, lpos_at(pr, 0, limit));
		ka_diag(pr->ds, KA_D_PROPS_TOO_MANY_KEYS, &l,
		    "more than %u properties; the rest of the file is not read",
		    KA_PROPS_MAX_KEYS);
		pr->failed = 1;
		pr->stopped = 1;
		if (pr->na_pending)
			non_ascii(pr, NULL, 0);
		return;
	}
	split(pr->lb, limit, &kl, &vs);
	bad = decode(pr, 0, kl);
	key = buf_dup(&pr->out);
	key_len = pr->out.len;
	if (decode(pr, vs, limit) == -1)
		bad = -1;
	if (bad == -1) {
		free(key);
		if (pr->na_pending)
			non_ascii(pr, NULL, 0);
		return;
	}
	if (p->len == pr->propcap) {
		pr->propcap = pr->propcap == 0 ? 16 : pr->propcap * 2;
		p->v = xreallocarray(p->v, pr->propcap, sizeof(*p->v));
	}
	e = &p->v[p->len++];
	e->key = key;
	e->key_len = key_len;
	e->value = buf_dup(&pr->out);
	e->value_len = pr->out.len;
	e->key_loc = loc_at(pr, lpos_at(pr, 0, limit));
	e->value_loc = loc_at(pr, lpos_at(pr, vs, limit));
	e->last_line = last_line;
	e->shadowed_by = KA_PROPS_NONE;
	e->shadows = KA_PROPS_NONE;
	if (pr->na_pending) {
		if (pr->na_idx < kl)
			non_ascii(pr, e->key, e->key_len);
		else
			non_ascii(pr, e->value, e->value_len);
	}
}

/*
 * Chain entries with equal keys, each to the next and previous one, through
 * an open-addressed table of the latest index per key (stored plus one, so
 * that zero is empty), so a file of many keys costs linear time.  The table
 * stays, as the index of ka_props_get().
 */
static void
link_duplicates(struct ka_props *p)
{
	size_t		*tab, cap = 16, mask, h, i, j;
	struct ka_prop	*e, *o;

	if (p->len < 2)
		return;
	while (cap < 2 * p->len)
		cap *= 2;
	mask = cap - 1;
	tab = xcalloc(cap, sizeof(*tab));
	for (i = 0; i < p->len; i++) {
		e = &p->v[i];
		h = (size_t)ka_hash(e->key, e->key_len) & mask;
		while (tab[h] != 0) {
			j = tab[h] - 1;
			o = &p->v[j];
			if (o->key_len == e->key_len &&
			    memcmp(o->key, e->key, e->key_len) == 0) {
				o->shadowed_by = i;
				e->shadows = j;
				break;
			}
			h = (h + 1) & mask;
		}
		tab[h] = i + 1;
	}
	p->index = tab;
	p->indexcap = cap;
}

int
ka_props_parse(struct ka_props *p, const struct ka_source *src,
    struct ka_diags *ds)
{
	const unsigned char	*t = (const unsigned char *)src->text;
	struct parser		 pr;
	size_t			 n = src->len, i = 0, k;
	int			 skip_ws = 1, appended = 0, bs = 0;
	unsigned int		 tline;
	unsigned char		 c;

	memset(p, 0, sizeof(*p));
	memset(&pr, 0, sizeof(pr));
	pr.src = src;
	pr.ds = ds;
	pr.props = p;
	pr.line = 1;

	/*
	 * readLine(): skip_ws drops leading white space of a natural line,
	 * appended says a continuation was just made (so an empty line then
	 * ends the logical line), bs that an odd run of backslashes ends what
	 * was read.
	 */
	while (!pr.stopped) {
		if (i >= n) {
			/* A final line end starts no line of its own. */
			if (pr.len > 0)
				finish(&pr, bs ? pr.len - 1 : pr.len,
				    pr.line_off == n ? pr.line - 1 : pr.line);
			break;
		}
		k = i;
		c = t[i++];
		tline = pr.line;
		if (c == '\r' || c == '\n')
			newline(&pr, t, k);
		if (skip_ws) {
			if (is_ws(c))
				continue;
			if (!appended && (c == '\r' || c == '\n'))
				continue;
			skip_ws = 0;
			appended = 0;
		}
		/*
		 * As in JDK 17, a comment is recognised whenever the logical
		 * line is still empty, which includes the line after one made
		 * of a lone backslash; JDK 8 and 11 took that '#' as data.
		 */
		if (pr.len == 0 && (c == '#' || c == '!')) {
			i = comment(&pr, t, n, i);
			skip_ws = 1;
			continue;
		}
		if (c != '\r' && c != '\n') {
			append(&pr, c, k);
			bs = c == '\\' ? !bs : 0;
			continue;
		}
		if (pr.len == 0) {
			skip_ws = 1;
			continue;
		}
		/*
		 * A line end at the end of input finishes the line even after
		 * a backslash: a lone "\" there makes an entry "" = "".
		 */
		if (i >= n) {
			finish(&pr, bs ? pr.len - 1 : pr.len, tline);
			break;
		}
		if (bs) {
			pr.len--;
			skip_ws = appended = 1;
			bs = 0;
			if (c == '\r' && t[i] == '\n') {
				newline(&pr, t, i);
				i++;
			}
			continue;
		}
		finish(&pr, pr.len, tline);
		skip_ws = 1;
	}
	link_duplicates(p);
	free(pr.lb);
	free(pr.lpos);
	free(pr.out.p);
	free(pr.msg.p);
	return pr.failed ? -1 : 0;
}

void
ka_props_clear(struct ka_props *p)
{
	size_t	 i;

	for (i = 0; i < p->len; i++) {
		free(p->v[i].key);
		free(p->v[i].value);
	}
	free(p->v);
	for (i = 0; i < p->ncomments; i++)
		free(p->comments[i].text);
	free(p->comments);
	free(p->index);
	memset(p, 0, sizeof(*p));
}

/*
 * The last entry is the one Java keeps, and the one the index holds.  A
 * key with a U+0000 in it cannot be asked for, and no Kafka key has one.
 */
const struct ka_prop *
ka_props_get(const struct ka_props *p, const char *key)
{
	const struct ka_prop	*e;
	size_t			 n = strlen(key), h, mask, i;

	if (p->index == NULL) {
		/* At most one entry, or props not made by the parser. */
		for (i = p->len; i > 0; i--)
			if (p->v[i - 1].key_len == n &&
			    memcmp(p->v[i - 1].key, key, n) == 0)
				return &p->v[i - 1];
		return NULL;
	}
	mask = p->indexcap - 1;
	for (h = (size_t)ka_hash(key, n) & mask; p->index[h] != 0;
	    h = (h + 1) & mask) {
		e = &p->v[p->index[h] - 1];
		if (e->key_len == n && memcmp(e->key, key, n) == 0)
			return e;
	}
	return NULL;
}
