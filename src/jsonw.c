/*
 * The streaming JSON writer (jsonw.h).  It was the JSON reporter's own;
 * SARIF, Code Quality and baselines write JSON through it too.
 */
#include "config.h"

#include <string.h>

#include "jsonw.h"
#include "scan.h"

/*
 * Well-formed UTF-8 (RFC 3629): for each lead byte range, the length of
 * the sequence and the range of its second byte, which is what rules out
 * overlong forms, surrogates and code points above U+10FFFF.  Later bytes
 * are always 0x80 to 0xbf.
 */
static const struct {
	unsigned char	 lo, hi;	/* lead byte */
	unsigned int	 len;
	unsigned char	 lo2, hi2;	/* second byte */
} utf8_lead[] = {
	{ 0xc2, 0xdf, 2, 0x80, 0xbf },
	{ 0xe0, 0xe0, 3, 0xa0, 0xbf },
	{ 0xe1, 0xec, 3, 0x80, 0xbf },
	{ 0xed, 0xed, 3, 0x80, 0x9f },
	{ 0xee, 0xef, 3, 0x80, 0xbf },
	{ 0xf0, 0xf0, 4, 0x90, 0xbf },
	{ 0xf1, 0xf3, 4, 0x80, 0xbf },
	{ 0xf4, 0xf4, 4, 0x80, 0x8f },
};

size_t
ka_jsonw_utf8_seq(const unsigned char *s)
{
	size_t	 i, k;

	if (s[0] < 0x80)
		return 1;
	for (i = 0; i < sizeof(utf8_lead) / sizeof(utf8_lead[0]); i++) {
		if (s[0] < utf8_lead[i].lo || s[0] > utf8_lead[i].hi)
			continue;
		if (s[1] < utf8_lead[i].lo2 || s[1] > utf8_lead[i].hi2)
			return 0;
		for (k = 2; k < utf8_lead[i].len; k++)
			if (s[k] < 0x80 || s[k] > 0xbf)
				return 0;
		return utf8_lead[i].len;
	}
	return 0;
}

void
ka_jsonw_init(struct ka_jsonw *w, FILE *fp)
{
	ka_outbuf_init(&w->out, fp);
	w->depth = 0;
	w->oneline = 0;
	memset(w->empty, 0, sizeof(w->empty));
}

void
ka_jsonw_flush(struct ka_jsonw *w)
{
	ka_outbuf_flush(&w->out);
}

/* A line end and the indentation of the current depth. */
static void
line(struct ka_jsonw *w)
{
	static const char	 spaces[2 * KA_JSONW_DEPTH] =
	    "                                ";

	ka_outbuf_putc(&w->out, '\n');
	ka_outbuf_put(&w->out, spaces, 2 * (size_t)w->depth);
}

/* Whether the values of the current depth go on the line they start. */
static int
inline_(const struct ka_jsonw *w, unsigned int depth)
{
	return w->oneline != 0 && depth >= w->oneline;
}

void
ka_jsonw_oneline(struct ka_jsonw *w, int on)
{
	w->oneline = on ? w->depth + 1 : 0;
}

void
ka_jsonw_next(struct ka_jsonw *w)
{
	int	 first = w->empty[w->depth];

	if (!first)
		ka_outbuf_putc(&w->out, ',');
	w->empty[w->depth] = 0;
	if (!inline_(w, w->depth))
		line(w);
	else if (!first)
		ka_outbuf_putc(&w->out, ' ');
}

void
ka_jsonw_open(struct ka_jsonw *w, int c)
{
	ka_outbuf_putc(&w->out, c);
	if (w->depth < KA_JSONW_DEPTH)
		w->empty[++w->depth] = 1;
}

void
ka_jsonw_close(struct ka_jsonw *w, int c)
{
	int	 empty = w->empty[w->depth--];

	if (!empty && !inline_(w, w->depth + 1))
		line(w);
	ka_outbuf_putc(&w->out, c);
}

/* The escapes jansson writes by name; other C0 controls are \\uXXXX. */
static const char *const escapes['\\' + 1] = {
	['\b'] = "\\b",
	['\t'] = "\\t",
	['\n'] = "\\n",
	['\f'] = "\\f",
	['\r'] = "\\r",
	['"'] = "\\\"",
	['\\'] = "\\\\",
};

/*
 * '"', '\\' and the C0 controls are escaped, and nothing else is, as
 * jansson does it; runs of bytes that need nothing go out in one write.
 */
void
ka_jsonw_str(struct ka_jsonw *w, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s, *run, *end;
	char			 hex[8];
	size_t			 n;

	if (s == NULL) {
		ka_outbuf_puts(&w->out, "null");
		return;
	}
	end = p + strlen(s);
	ka_outbuf_putc(&w->out, '"');
	for (;;) {
		for (run = p;; p += n) {
			p += ka_scan_plain(p, (size_t)(end - p), "\"\\");
			if (*p < 0x80 || (n = ka_jsonw_utf8_seq(p)) == 0)
				break;
		}
		ka_outbuf_put(&w->out, run, (size_t)(p - run));
		if (*p == '\0')
			break;
		if (*p < sizeof(escapes) / sizeof(escapes[0]) &&
		    escapes[*p] != NULL)
			ka_outbuf_puts(&w->out, escapes[*p]);
		else if (*p < 0x20) {
			snprintf(hex, sizeof(hex), "\\u%04X", (unsigned int)*p);
			ka_outbuf_puts(&w->out, hex);
		}
		else
			ka_outbuf_puts(&w->out, KA_UTF8_REPLACEMENT);
		p++;
	}
	ka_outbuf_putc(&w->out, '"');
}

void
ka_jsonw_int(struct ka_jsonw *w, long long n)
{
	ka_outbuf_int(&w->out, n);
}

void
ka_jsonw_bool(struct ka_jsonw *w, int b)
{
	ka_outbuf_puts(&w->out, b ? "true" : "false");
}

/* Keys are the program's own names (jsonw.h): no scan for escapes. */
void
ka_jsonw_key(struct ka_jsonw *w, const char *key)
{
	ka_jsonw_next(w);
	ka_outbuf_putc(&w->out, '"');
	ka_outbuf_puts(&w->out, key);
	ka_outbuf_put(&w->out, "\": ", 3);
}

void
ka_jsonw_key_str(struct ka_jsonw *w, const char *key, const char *s)
{
	ka_jsonw_key(w, key);
	ka_jsonw_str(w, s);
}

void
ka_jsonw_key_int(struct ka_jsonw *w, const char *key, long long n)
{
	ka_jsonw_key(w, key);
	ka_jsonw_int(w, n);
}

void
ka_jsonw_key_bool(struct ka_jsonw *w, const char *key, int b)
{
	ka_jsonw_key(w, key);
	ka_jsonw_bool(w, b);
}
