#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "diag.h"
#include "props.h"
#include "source.h"
#include "xmalloc.h"

#define PATH		"t.properties"
#define NONE		KA_PROPS_NONE

/* An expected entry; the lengths come from the literals, so "\0" counts. */
struct xprop {
	const char	*key;
	size_t		 key_len;
	const char	*value;
	size_t		 value_len;
	unsigned int	 kl, kc;	/* key line:col */
	unsigned int	 vl, vc;	/* value line:col */
	unsigned int	 last;		/* last natural line */
};

struct xdiag {
	enum ka_diag_code	 code;
	unsigned int		 line, col;
};

struct xcomment {
	const char	*text;
	unsigned int	 line, col;
};

struct pcase {
	const char	*name;
	const char	*in;
	size_t		 in_len;
	int		 rc;
	struct xprop	 p[6];		/* ends at key == NULL */
	struct xdiag	 d[4];		/* ends at line == 0 */
	struct xcomment	 c[3];		/* ends at text == NULL */
};

#define IN(s)		.in = (s), .in_len = sizeof(s) - 1
#define P(k, v, kl, kc, vl, vc, last)					\
	{ (k), sizeof(k) - 1, (v), sizeof(v) - 1, (kl), (kc), (vl), (vc), \
	    (last) }
#define D(code, l, c)	{ (code), (l), (c) }
#define C(t, l, c)	{ (t), (l), (c) }

#define BAD		KA_D_PROPS_BAD_ESCAPE
#define NONASCII	KA_D_PROPS_NON_ASCII

/*
 * Every expected result below was derived by hand from the Java
 * specification: the javadoc of java.util.Properties.load(Reader) and the
 * behaviour of LineReader.readLine() and loadConvert() it describes, with
 * load(InputStream) reading bytes as ISO-8859-1, as in JDK 17 (the same
 * through JDK 25).  They were not produced by running this parser.  Keys
 * and values are written as the UTF-8 this module hands out; columns count
 * bytes.
 */
static const struct pcase cases[] = {
	/* Separators and white space around them. */
	{ .name = "equals", IN("a=b\n"),
	  .p = { P("a", "b", 1, 1, 1, 3, 1) } },
	{ .name = "colon", IN("a:b\n"),
	  .p = { P("a", "b", 1, 1, 1, 3, 1) } },
	{ .name = "space", IN("a b\n"),
	  .p = { P("a", "b", 1, 1, 1, 3, 1) } },
	{ .name = "tab", IN("a\tb\n"),
	  .p = { P("a", "b", 1, 1, 1, 3, 1) } },
	{ .name = "spaces-around-equals", IN("  key  =  value\n"),
	  .p = { P("key", "value", 1, 3, 1, 11, 1) } },
	{ .name = "form-feed-is-white-space", IN("\fa\f=\fb\n"),
	  .p = { P("a", "b", 1, 2, 1, 6, 1) } },
	{ .name = "vertical-tab-is-not-white-space", IN("\va=b\n"),
	  .p = { P("\va", "b", 1, 1, 1, 4, 1) } },
	{ .name = "trailing-white-space-kept", IN("a=b  \t\f\n"),
	  .p = { P("a", "b  \t\f", 1, 1, 1, 3, 1) } },
	{ .name = "double-equals", IN("a==b\n"),
	  .p = { P("a", "=b", 1, 1, 1, 3, 1) } },
	{ .name = "one-separator-only", IN("a = = b\n"),
	  .p = { P("a", "= b", 1, 1, 1, 5, 1) } },
	{ .name = "colon-then-equals", IN("a:=b\n"),
	  .p = { P("a", "=b", 1, 1, 1, 3, 1) } },
	{ .name = "space-then-equals-in-value", IN("a b=c\n"),
	  .p = { P("a", "b=c", 1, 1, 1, 3, 1) } },
	{ .name = "colon-ends-key-before-equals", IN("a:b=c\n"),
	  .p = { P("a", "b=c", 1, 1, 1, 3, 1) } },
	{ .name = "url-value", IN("u=http://h:9092/x?a=b\n"),
	  .p = { P("u", "http://h:9092/x?a=b", 1, 1, 1, 3, 1) } },
	{ .name = "key-alone", IN("key\n"),
	  .p = { P("key", "", 1, 1, 1, 4, 1) } },
	{ .name = "key-and-white-space", IN("key   \n"),
	  .p = { P("key", "", 1, 1, 1, 7, 1) } },
	{ .name = "key-and-equals", IN("key=\n"),
	  .p = { P("key", "", 1, 1, 1, 5, 1) } },
	{ .name = "empty-key", IN("=v\n"),
	  .p = { P("", "v", 1, 1, 1, 2, 1) } },
	{ .name = "empty-key-indented", IN("  : v\n"),
	  .p = { P("", "v", 1, 3, 1, 5, 1) } },
	{ .name = "would-be-inline-comment", IN("acks=all # safe\n"),
	  .p = { P("acks", "all # safe", 1, 1, 1, 6, 1) } },
	{ .name = "hash-inside-key", IN("a#b=c\n"),
	  .p = { P("a#b", "c", 1, 1, 1, 5, 1) } },

	/* Natural lines. */
	{ .name = "empty-input", IN("") },
	{ .name = "blank-lines", IN("\n  \n\t\f\nx=1\n"),
	  .p = { P("x", "1", 4, 1, 4, 3, 4) } },
	{ .name = "no-final-newline", IN("a=1\nb=2"),
	  .p = { P("a", "1", 1, 1, 1, 3, 1), P("b", "2", 2, 1, 2, 3, 2) } },
	{ .name = "crlf", IN("a=1\r\nb=2\r\n"),
	  .p = { P("a", "1", 1, 1, 1, 3, 1), P("b", "2", 2, 1, 2, 3, 2) } },
	{ .name = "cr-only", IN("a=1\rb=2\r"),
	  .p = { P("a", "1", 1, 1, 1, 3, 1), P("b", "2", 2, 1, 2, 3, 2) } },
	{ .name = "cr-then-crlf", IN("a=1\r\r\nb=2\n"),
	  .p = { P("a", "1", 1, 1, 1, 3, 1), P("b", "2", 3, 1, 3, 3, 3) } },
	{ .name = "lf-cr-is-two-ends", IN("a=1\n\rb=2"),
	  .p = { P("a", "1", 1, 1, 1, 3, 1), P("b", "2", 3, 1, 3, 3, 3) } },

	/* Comments. */
	{ .name = "hash-comment", IN("# c\na=b\n"),
	  .p = { P("a", "b", 2, 1, 2, 3, 2) },
	  .c = { C(" c", 1, 1) } },
	{ .name = "bang-comment", IN("!c=d\n"),
	  .c = { C("c=d", 1, 1) } },
	{ .name = "indented-comment", IN("  \t# x\n"),
	  .c = { C(" x", 1, 4) } },
	{ .name = "comment-backslash-does-not-continue",
	  IN("# c \\\na=b\n"),
	  .p = { P("a", "b", 2, 1, 2, 3, 2) },
	  .c = { C(" c \\", 1, 1) } },
	{ .name = "comment-crlf-and-eof", IN("#x\r\na=1\r\n#y"),
	  .p = { P("a", "1", 2, 1, 2, 3, 2) },
	  .c = { C("x", 1, 1), C("y", 3, 1) } },
	{ .name = "comment-is-latin-1-no-warning", IN("#caf\xE9\n"),
	  .c = { C("caf\xC3\xA9", 1, 1) } },
	{ .name = "comment-with-utf-8-bytes", IN("# \xC3\xA9\na=b\n"),
	  .p = { P("a", "b", 2, 1, 2, 3, 2) },
	  .c = { C(" \xC3\x83\xC2\xA9", 1, 1) } },
	{ .name = "hash-on-continuation-is-data", IN("a=b\\\n#c\n"),
	  .p = { P("a", "b#c", 1, 1, 1, 3, 2) } },
	{ .name = "bang-on-indented-continuation", IN("a=b\\\n  !c\n"),
	  .p = { P("a", "b!c", 1, 1, 1, 3, 2) } },
	{ .name = "escaped-hash-key", IN("\\#a=1\n"),
	  .p = { P("#a", "1", 1, 1, 1, 5, 1) } },
	/*
	 * The logical line is still empty, so '#' starts a comment (JDK 17;
	 * JDK 8 and 11 read a key "#c" here).
	 */
	{ .name = "lone-backslash-then-comment", IN("\\\n#c\nb=2\n"),
	  .p = { P("b", "2", 3, 1, 3, 3, 3) },
	  .c = { C("c", 2, 1) } },

	/* Continuation lines. */
	{ .name = "continuation", IN("a=b\\\n  c\n"),
	  .p = { P("a", "bc", 1, 1, 1, 3, 2) } },
	{ .name = "continuation-in-key", IN("ke\\\n  y=v\n"),
	  .p = { P("key", "v", 1, 1, 2, 5, 2) } },
	{ .name = "value-on-next-line", IN("a=\\\n   v\n"),
	  .p = { P("a", "v", 1, 1, 2, 4, 2) } },
	{ .name = "separator-on-next-line", IN("a\\\n  =b\n"),
	  .p = { P("a", "b", 1, 1, 2, 4, 2) } },
	{ .name = "three-lines", IN("a=1\\\n 2\\\n\t\f 3\n"),
	  .p = { P("a", "123", 1, 1, 1, 3, 3) } },
	{ .name = "even-backslashes-do-not-continue", IN("a=b\\\\\nc=d\n"),
	  .p = { P("a", "b\\", 1, 1, 1, 3, 1), P("c", "d", 2, 1, 2, 3, 2) } },
	{ .name = "odd-run-of-three-continues", IN("a=b\\\\\\\n  c\n"),
	  .p = { P("a", "b\\c", 1, 1, 1, 3, 2) } },
	{ .name = "continuation-into-empty-line", IN("a=b\\\n\nc=d\n"),
	  .p = { P("a", "b", 1, 1, 1, 3, 2), P("c", "d", 3, 1, 3, 3, 3) } },
	{ .name = "continuation-into-blank-line", IN("a=\\\n  \t\nc=d\n"),
	  .p = { P("a", "", 1, 1, 1, 3, 2), P("c", "d", 3, 1, 3, 3, 3) } },
	{ .name = "continuation-crlf", IN("a=b\\\r\n  c\r\nd=e\r\n"),
	  .p = { P("a", "bc", 1, 1, 1, 3, 2), P("d", "e", 3, 1, 3, 3, 3) } },
	{ .name = "continuation-cr", IN("a=b\\\r  c\rd=e"),
	  .p = { P("a", "bc", 1, 1, 1, 3, 2), P("d", "e", 3, 1, 3, 3, 3) } },
	{ .name = "continuation-cr-then-cr", IN("a=b\\\r\r\nc=d"),
	  .p = { P("a", "b", 1, 1, 1, 3, 2), P("c", "d", 3, 1, 3, 3, 3) } },
	{ .name = "odd-backslash-at-eof", IN("a=b\\"),
	  .p = { P("a", "b", 1, 1, 1, 3, 1) } },
	{ .name = "odd-backslash-newline-at-eof", IN("a=b\\\n"),
	  .p = { P("a", "b", 1, 1, 1, 3, 1) } },
	{ .name = "odd-backslash-crlf-at-eof", IN("a=b\\\r\n"),
	  .p = { P("a", "b", 1, 1, 1, 3, 1) } },
	{ .name = "odd-backslash-cr-at-eof", IN("a=b\\\r"),
	  .p = { P("a", "b", 1, 1, 1, 3, 1) } },
	{ .name = "even-backslashes-at-eof", IN("a=b\\\\\\\\"),
	  .p = { P("a", "b\\\\", 1, 1, 1, 3, 1) } },
	{ .name = "lone-backslash-at-eof", IN("a=1\n\\"),
	  .p = { P("a", "1", 1, 1, 1, 3, 1), P("", "", 2, 1, 2, 1, 2) } },
	{ .name = "lone-backslash-line-at-eof", IN("\\\n"),
	  .p = { P("", "", 1, 1, 1, 1, 1) } },
	/* The "\n" of a "\r\n" is read before the end of input is seen. */
	{ .name = "lone-backslash-crlf-at-eof", IN("a=1\r\n\\\r\n"),
	  .p = { P("a", "1", 1, 1, 1, 3, 1) } },
	{ .name = "lone-backslash-cr-at-eof", IN("\\\r"),
	  .p = { P("", "", 1, 1, 1, 1, 1) } },
	{ .name = "lone-backslash-then-blank", IN("\\\n\nx=1\n"),
	  .p = { P("x", "1", 3, 1, 3, 3, 3) } },
	{ .name = "lone-backslash-then-entry", IN("\\\n  x=1\n"),
	  .p = { P("x", "1", 2, 3, 2, 5, 2) } },
	{ .name = "continuation-then-white-space-eof", IN("a=b\\\n  "),
	  .p = { P("a", "b", 1, 1, 1, 3, 2) } },
	{ .name = "escape-split-by-continuation", IN("k=\\u00\\\n  41\n"),
	  .p = { P("k", "A", 1, 1, 1, 3, 2) } },

	/* Escapes in keys and values. */
	{ .name = "escaped-equals-in-key", IN("a\\=b=c\n"),
	  .p = { P("a=b", "c", 1, 1, 1, 6, 1) } },
	{ .name = "escaped-colon-in-key", IN("a\\:b:c\n"),
	  .p = { P("a:b", "c", 1, 1, 1, 6, 1) } },
	{ .name = "escaped-space-in-key", IN("a\\ b c\n"),
	  .p = { P("a b", "c", 1, 1, 1, 6, 1) } },
	{ .name = "u003d-in-key-is-not-separator", IN("a\\u003Db=c\n"),
	  .p = { P("a=b", "c", 1, 1, 1, 10, 1) } },
	{ .name = "escaped-backslash-before-equals", IN("a\\\\=b\n"),
	  .p = { P("a\\", "b", 1, 1, 1, 5, 1) } },
	{ .name = "escaped-backslash-then-u", IN("a\\\\u0041=b\n"),
	  .p = { P("a\\u0041", "b", 1, 1, 1, 10, 1) } },
	{ .name = "leading-escaped-space-in-value", IN("a=\\ b\n"),
	  .p = { P("a", " b", 1, 1, 1, 3, 1) } },
	{ .name = "escaped-space-then-spaces", IN("a = \\  x \n"),
	  .p = { P("a", "  x ", 1, 1, 1, 5, 1) } },
	{ .name = "control-escapes", IN("k=\\t\\n\\r\\f|\\b\\#\\\\\\x\\\"\n"),
	  .p = { P("k", "\t\n\r\f|b#\\x\"", 1, 1, 1, 3, 1) } },
	{ .name = "no-octal-escapes", IN("k=\\101\\0\n"),
	  .p = { P("k", "1010", 1, 1, 1, 3, 1) } },
	{ .name = "u-escape-either-case", IN("k=\\u00e9\\u00E9\\uFFfd\n"),
	  .p = { P("k", "\xC3\xA9\xC3\xA9\xEF\xBF\xBD", 1, 1, 1, 3, 1) } },
	{ .name = "u-escape-in-key", IN("\\u0041=1\n"),
	  .p = { P("A", "1", 1, 1, 1, 8, 1) } },
	{ .name = "u0000-kept", IN("k=a\\u0000b\n"),
	  .p = { P("k", "a\0b", 1, 1, 1, 3, 1) } },
	{ .name = "surrogate-pair", IN("k=\\uD83D\\uDE00!\n"),
	  .p = { P("k", "\xF0\x9F\x98\x80!", 1, 1, 1, 3, 1) } },
	{ .name = "lone-high-surrogate", IN("k=\\uD83Dx\n"),
	  .p = { P("k", "\xEF\xBF\xBDx", 1, 1, 1, 3, 1) } },
	{ .name = "lone-low-surrogate", IN("k=\\uDE00\n"),
	  .p = { P("k", "\xEF\xBF\xBD", 1, 1, 1, 3, 1) } },
	{ .name = "reversed-surrogates", IN("k=\\uDE00\\uD83D\n"),
	  .p = { P("k", "\xEF\xBF\xBD\xEF\xBF\xBD", 1, 1, 1, 3, 1) } },
	{ .name = "surrogates-do-not-pair-across-key-and-value",
	  IN("\\uD83D=\\uDE00\n"),
	  .p = { P("\xEF\xBF\xBD", "\xEF\xBF\xBD", 1, 1, 1, 8, 1) } },
	{ .name = "quotes-have-no-meaning", IN("k=\"a b\"\n"),
	  .p = { P("k", "\"a b\"", 1, 1, 1, 3, 1) } },

	/* Malformed \u escapes: Java refuses the whole file. */
	{ .name = "bad-escape-short", IN("k=\\u12\n"), .rc = -1,
	  .d = { D(BAD, 1, 3) } },
	{ .name = "bad-escape-not-hex", IN("k=\\uZZZZ\n"), .rc = -1,
	  .d = { D(BAD, 1, 3) } },
	{ .name = "bad-escape-at-eof", IN("k=\\u"), .rc = -1,
	  .d = { D(BAD, 1, 3) } },
	{ .name = "bad-escape-double-u", IN("k=\\uu0041\n"), .rc = -1,
	  .d = { D(BAD, 1, 3) } },
	{ .name = "bad-escape-in-key", IN("x\\u12=v\n"), .rc = -1,
	  .d = { D(BAD, 1, 2) } },
	{ .name = "bad-escape-cut-by-separator", IN("\\u00=41\n"), .rc = -1,
	  .d = { D(BAD, 1, 1) } },
	{ .name = "bad-escape-on-continuation",
	  IN("a=1\nb=x\\\n  y\\u1\nc=2\n"), .rc = -1,
	  .p = { P("a", "1", 1, 1, 1, 3, 1), P("c", "2", 4, 1, 4, 3, 4) },
	  .d = { D(BAD, 3, 4) } },
	{ .name = "bad-escapes-all-reported",
	  IN("k=\\uZZ\nok=1\nj=\\u12345\\u1\n"), .rc = -1,
	  .p = { P("ok", "1", 2, 1, 2, 4, 2) },
	  .d = { D(BAD, 1, 3), D(BAD, 3, 10) } },

	/* Duplicate keys: all kept, in order; the last wins. */
	{ .name = "duplicates", IN("a=1\nb=2\na=3\na=4\n"),
	  .p = { P("a", "1", 1, 1, 1, 3, 1), P("b", "2", 2, 1, 2, 3, 2),
	    P("a", "3", 3, 1, 3, 3, 3), P("a", "4", 4, 1, 4, 3, 4) } },
	{ .name = "duplicates-spelled-differently",
	  IN("a\\=b=1\na\\u003db:2\n"),
	  .p = { P("a=b", "1", 1, 1, 1, 6, 1),
	    P("a=b", "2", 2, 1, 2, 10, 2) } },

	/* Bytes >= 0x80 are ISO-8859-1 characters. */
	{ .name = "utf-8-value-is-mojibake", IN("name=caf\xC3\xA9\n"),
	  .p = { P("name", "caf\xC3\x83\xC2\xA9", 1, 1, 1, 6, 1) },
	  .d = { D(NONASCII, 1, 9) } },
	{ .name = "latin-1-value", IN("name=caf\xE9\n"),
	  .p = { P("name", "caf\xC3\xA9", 1, 1, 1, 6, 1) },
	  .d = { D(NONASCII, 1, 9) } },
	{ .name = "non-ascii-warned-once", IN("a=\xE9\nb=\xFF\n"),
	  .p = { P("a", "\xC3\xA9", 1, 1, 1, 3, 1),
	    P("b", "\xC3\xBF", 2, 1, 2, 3, 2) },
	  .d = { D(NONASCII, 1, 3) } },
	{ .name = "non-ascii-in-key", IN("\xE9=1\n"),
	  .p = { P("\xC3\xA9", "1", 1, 1, 1, 3, 1) },
	  .d = { D(NONASCII, 1, 1) } },
	{ .name = "nbsp-is-not-white-space", IN("\xA0" "a=b\n"),
	  .p = { P("\xC2\xA0" "a", "b", 1, 1, 1, 4, 1) },
	  .d = { D(NONASCII, 1, 1) } },
	{ .name = "c1-control-byte", IN("k=\x85\n"),
	  .p = { P("k", "\xC2\x85", 1, 1, 1, 3, 1) },
	  .d = { D(NONASCII, 1, 3) } },
	{ .name = "non-ascii-after-comment", IN("#\xE9\nk=v\\\n \xE9\n"),
	  .p = { P("k", "v\xC3\xA9", 2, 1, 2, 3, 3) },
	  .d = { D(NONASCII, 3, 2) },
	  .c = { C("\xC3\xA9", 1, 1) } },
	{ .name = "non-ascii-in-refused-line", IN("k=\xE9\\u1\n"), .rc = -1,
	  .d = { D(BAD, 1, 4), D(NONASCII, 1, 3) } },
};

static size_t
count_props(const struct pcase *tc)
{
	size_t	 n = 0;

	while (n < 6 && tc->p[n].key != NULL)
		n++;
	return n;
}

static struct ka_source *
parse(const char *in, size_t len, struct ka_props *p, struct ka_diags *ds,
    int *rc)
{
	struct ka_source	*src;

	src = ka_source_new(PATH, in, len);
	ka_diags_init(ds);
	*rc = ka_props_parse(p, src, ds);
	return src;
}

START_TEST(test_case)
{
	const struct pcase	*tc = &cases[_i];
	const struct xprop	*x;
	const struct ka_prop	*e, *w;
	struct ka_source	*src;
	struct ka_props		 p;
	struct ka_diags		 ds;
	size_t			 n, i, j, prev, next;
	int			 rc;

	src = parse(tc->in, tc->in_len, &p, &ds, &rc);
	ck_assert_msg(rc == tc->rc, "%s: rc %d", tc->name, rc);

	n = count_props(tc);
	ck_assert_msg(p.len == n, "%s: %zu entries, want %zu", tc->name,
	    p.len, n);
	for (i = 0; i < n; i++) {
		x = &tc->p[i];
		e = &p.v[i];
		ck_assert_msg(e->key_len == x->key_len &&
		    memcmp(e->key, x->key, x->key_len) == 0 &&
		    e->key[e->key_len] == '\0',
		    "%s: entry %zu key \"%s\"", tc->name, i, e->key);
		ck_assert_msg(e->value_len == x->value_len &&
		    memcmp(e->value, x->value, x->value_len) == 0 &&
		    e->value[e->value_len] == '\0',
		    "%s: entry %zu value \"%s\" (%zu bytes)", tc->name, i,
		    e->value, e->value_len);
		ck_assert_msg(e->key_loc.line == x->kl &&
		    e->key_loc.col == x->kc,
		    "%s: entry %zu key at %u:%u, want %u:%u", tc->name, i,
		    e->key_loc.line, e->key_loc.col, x->kl, x->kc);
		ck_assert_msg(e->value_loc.line == x->vl &&
		    e->value_loc.col == x->vc,
		    "%s: entry %zu value at %u:%u, want %u:%u", tc->name, i,
		    e->value_loc.line, e->value_loc.col, x->vl, x->vc);
		ck_assert_msg(e->last_line == x->last,
		    "%s: entry %zu last line %u, want %u", tc->name, i,
		    e->last_line, x->last);
		ck_assert_str_eq(e->key_loc.path, PATH);
		ck_assert_ptr_eq(e->value_loc.path, src->path);

		/* The chain links each entry to its nearest namesakes. */
		prev = next = NONE;
		for (j = 0; j < n; j++) {
			if (tc->p[j].key_len != x->key_len ||
			    memcmp(tc->p[j].key, x->key, x->key_len) != 0)
				continue;
			if (j < i)
				prev = j;
			else if (j > i && next == NONE)
				next = j;
		}
		ck_assert_msg(e->shadows == prev && e->shadowed_by == next,
		    "%s: entry %zu chain %zu/%zu", tc->name, i, e->shadows,
		    e->shadowed_by);

		/* The winner is the last entry with this key. */
		if (strlen(x->key) == x->key_len) {
			w = ka_props_get(&p, x->key);
			ck_assert_ptr_nonnull(w);
			ck_assert_uint_eq(w->shadowed_by, NONE);
			ck_assert_str_eq(w->key, x->key);
		}
	}

	for (n = 0; n < 4 && tc->d[n].line != 0; n++) {
		ck_assert_msg(n < ds.len, "%s: diagnostic %zu missing",
		    tc->name, n);
		ck_assert_msg(ds.v[n].code == tc->d[n].code &&
		    ds.v[n].loc.line == tc->d[n].line &&
		    ds.v[n].loc.col == tc->d[n].col,
		    "%s: diagnostic %zu is %s at %u:%u", tc->name, n,
		    ka_diag_id(ds.v[n].code), ds.v[n].loc.line,
		    ds.v[n].loc.col);
		ck_assert_str_eq(ds.v[n].loc.path, PATH);
		ck_assert_ptr_nonnull(ds.v[n].detail);
	}
	ck_assert_msg(ds.len == n, "%s: %zu diagnostics, want %zu (%s)",
	    tc->name, ds.len, n, ds.len > 0 ? ds.v[0].detail : "");

	for (n = 0; n < 3 && tc->c[n].text != NULL; n++) {
		ck_assert_msg(n < p.ncomments, "%s: comment %zu missing",
		    tc->name, n);
		ck_assert_str_eq(p.comments[n].text, tc->c[n].text);
		ck_assert_uint_eq(p.comments[n].loc.line, tc->c[n].line);
		ck_assert_uint_eq(p.comments[n].loc.col, tc->c[n].col);
		ck_assert_str_eq(p.comments[n].loc.path, PATH);
	}
	ck_assert_msg(p.ncomments == n, "%s: %zu comments, want %zu",
	    tc->name, p.ncomments, n);

	ka_props_clear(&p);
	ck_assert_uint_eq(p.len, 0);
	ka_diags_clear(&ds);
	ka_source_free(src);
}
END_TEST

/* The winner, its chain, and a key that is absent. */
START_TEST(test_get_and_chain)
{
	static const char	 in[] = "a=1\nb=2\na=3\n=e\na=4\n";
	const struct ka_prop	*w;
	struct ka_source	*src;
	struct ka_props		 p;
	struct ka_diags		 ds;
	int			 rc;

	src = parse(in, sizeof(in) - 1, &p, &ds, &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(p.len, 5);
	w = ka_props_get(&p, "a");
	ck_assert_ptr_eq(w, &p.v[4]);
	ck_assert_str_eq(w->value, "4");
	ck_assert_uint_eq(p.v[0].shadowed_by, 2);
	ck_assert_uint_eq(p.v[2].shadows, 0);
	ck_assert_uint_eq(p.v[2].shadowed_by, 4);
	ck_assert_uint_eq(p.v[4].shadows, 2);
	ck_assert_uint_eq(p.v[0].shadows, NONE);
	ck_assert_uint_eq(p.v[1].shadows, NONE);
	ck_assert_uint_eq(p.v[1].shadowed_by, NONE);
	ck_assert_str_eq(ka_props_get(&p, "")->value, "e");
	ck_assert_ptr_null(ka_props_get(&p, "c"));
	ck_assert_ptr_null(ka_props_get(&p, "a "));
	ka_props_clear(&p);
	ka_diags_clear(&ds);
	ka_source_free(src);
}
END_TEST

/* The details say what Kafka sees and what to write instead. */
START_TEST(test_details)
{
	static const struct {
		const char	*in;
		const char	*detail;
	} t[] = {
		{ "name=caf\xC3\xA9\n",
		  "byte 0xC3 is read as ISO-8859-1 '\xC3\x83', so Kafka sees "
		  "\"caf\xC3\x83\xC2\xA9\"; write \\u00e9 instead" },
		{ "name=caf\xE9\n",
		  "byte 0xE9 is read as ISO-8859-1 '\xC3\xA9', so Kafka sees "
		  "\"caf\xC3\xA9\"; write \\u00e9 instead" },
		{ "k=\xF0\x9F\x98\x80\n",
		  "byte 0xF0 is read as ISO-8859-1 '\xC3\xB0', so Kafka sees "
		  "\"\xC3\xB0\\u009f\\u0098\\u0080\"; "
		  "write \\ud83d\\ude00 instead" },
		{ "k=\\u1\xE9",
		  "byte 0xE9 is read as ISO-8859-1 '\xC3\xA9'; "
		  "write \\u00e9 instead" },
		{ "k=\\uZZZZ\n",
		  "malformed escape \"\\uZZZZ\": \\u takes exactly 4 hex "
		  "digits" },
		{ "k=x\\u1\n",
		  "malformed escape \"\\u1\": \\u takes exactly 4 hex digits" },
	};
	struct ka_source	*src;
	struct ka_props		 p;
	struct ka_diags		 ds;
	size_t			 i;
	int			 rc;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		src = parse(t[i].in, strlen(t[i].in), &p, &ds, &rc);
		ck_assert_uint_ge(ds.len, 1);
		ck_assert_str_eq(ds.v[ds.len - 1].detail, t[i].detail);
		ka_props_clear(&p);
		ka_diags_clear(&ds);
		ka_source_free(src);
	}
}
END_TEST

/*
 * A line of n bytes: "k=" and n - 2 'x', split by continuations every
 * 1000 bytes if cont.  Returns an owned buffer of *len bytes.
 */
static char *
long_line(size_t n, int cont, const char *tail, size_t *len)
{
	size_t	 tl = strlen(tail), cap = n + n / 1000 * 4 + tl + 8, i, o;
	char	*s = xmalloc(cap);

	memcpy(s, "k=", 2);
	o = 2;
	for (i = 2; i < n; i++) {
		if (cont && i % 1000 == 0) {
			memcpy(s + o, "\\\n  ", 4);
			o += 4;
		}
		s[o++] = 'x';
	}
	memcpy(s + o, tail, tl);
	*len = o + tl;
	return s;
}

START_TEST(test_line_bounds)
{
	static const struct {
		size_t		 n;		/* bytes in line 1 */
		int		 cont;		/* split it up */
		const char	*tail;
		int		 rc;
		unsigned int	 b_line;	/* "b" is here, or 0 */
	} t[] = {
		{ KA_PROPS_MAX_LINE, 0, "\nb=1\n", 0, 2 },
		{ KA_PROPS_MAX_LINE, 0, "\\\n\nb=1\n", 0, 3 },
		{ KA_PROPS_MAX_LINE, 0, "\\", 0, 0 },
		{ KA_PROPS_MAX_LINE + 1, 0, "\nb=1\n", -1, 2 },
		{ KA_PROPS_MAX_LINE + 1, 0, "\\", -1, 0 },
		{ KA_PROPS_MAX_LINE * 3, 0, "\\\n\nb=1", -1, 3 },
		{ KA_PROPS_MAX_LINE, 1, "\nb=1\n", 0, 67 },
		{ KA_PROPS_MAX_LINE + 1, 1, "\nb=1\n", -1, 67 },
	};
	struct ka_source	*src;
	struct ka_props		 p;
	struct ka_diags		 ds;
	const struct ka_prop	*e;
	size_t			 i, len;
	char			*in;
	int			 rc;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		in = long_line(t[i].n, t[i].cont, t[i].tail, &len);
		src = parse(in, len, &p, &ds, &rc);
		ck_assert_msg(rc == t[i].rc, "case %zu: rc %d", i, rc);
		e = ka_props_get(&p, "k");
		if (t[i].rc == 0) {
			ck_assert_uint_eq(ds.len, 0);
			ck_assert_ptr_nonnull(e);
			ck_assert_uint_eq(e->value_len, t[i].n - 2);
		} else {
			ck_assert_ptr_null(e);
			ck_assert_uint_eq(ds.len, 1);
			ck_assert_int_eq(ds.v[0].code,
			    KA_D_PROPS_LINE_TOO_LONG);
			ck_assert_uint_eq(ds.v[0].loc.line, 1);
			ck_assert_uint_eq(ds.v[0].loc.col, 1);
		}
		e = ka_props_get(&p, "b");
		if (t[i].b_line == 0)
			ck_assert_ptr_null(e);
		else {
			ck_assert_ptr_nonnull(e);
			ck_assert_uint_eq(e->key_loc.line, t[i].b_line);
		}
		ka_props_clear(&p);
		ka_diags_clear(&ds);
		ka_source_free(src);
		free(in);
	}
}
END_TEST

/*
 * n entries "k<i>=<i>", or all with the key "k" if same; the bound is on
 * entries, not distinct keys.  Also shows that 50,000 duplicates chain in
 * linear time (a quadratic chain would make this test crawl).
 */
START_TEST(test_key_bound)
{
	static const struct {
		size_t	 n;
		int	 same;
		int	 rc;
	} t[] = {
		{ KA_PROPS_MAX_KEYS, 0, 0 },
		{ KA_PROPS_MAX_KEYS, 1, 0 },
		{ KA_PROPS_MAX_KEYS + 1, 0, -1 },
		{ KA_PROPS_MAX_KEYS + 5, 1, -1 },
	};
	struct ka_source	*src;
	struct ka_props		 p;
	struct ka_diags		 ds;
	const struct ka_prop	*e;
	size_t			 i, k, len, cap;
	char			*in;
	int			 rc, w;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		cap = t[i].n * 16 + 1;
		in = xmalloc(cap);
		len = 0;
		for (k = 0; k < t[i].n; k++) {
			w = t[i].same ? snprintf(in + len, cap - len,
			    "k=%zu\n", k) : snprintf(in + len, cap - len,
			    "k%zu=%zu\n", k, k);
			len += (size_t)w;
		}
		src = parse(in, len, &p, &ds, &rc);
		ck_assert_int_eq(rc, t[i].rc);
		ck_assert_uint_eq(p.len, KA_PROPS_MAX_KEYS);
		if (t[i].rc == 0)
			ck_assert_uint_eq(ds.len, 0);
		else {
			ck_assert_uint_eq(ds.len, 1);
			ck_assert_int_eq(ds.v[0].code,
			    KA_D_PROPS_TOO_MANY_KEYS);
			ck_assert_uint_eq(ds.v[0].loc.line,
			    KA_PROPS_MAX_KEYS + 1);
			ck_assert_uint_eq(ds.v[0].loc.col, 1);
		}
		if (t[i].same) {
			e = ka_props_get(&p, "k");
			ck_assert_ptr_eq(e, &p.v[KA_PROPS_MAX_KEYS - 1]);
			ck_assert_uint_eq(e->shadows, KA_PROPS_MAX_KEYS - 2);
			ck_assert_uint_eq(p.v[0].shadowed_by, 1);
		} else {
			e = ka_props_get(&p, "k49999");
			ck_assert_ptr_nonnull(e);
			ck_assert_str_eq(e->value, "49999");
			ck_assert_uint_eq(e->shadows, NONE);
		}
		ka_props_clear(&p);
		ka_diags_clear(&ds);
		ka_source_free(src);
		free(in);
	}
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("props");
	TCase	*tc;

	tc = tcase_create("java");
	tcase_add_loop_test(tc, test_case, 0,
	    (int)(sizeof(cases) / sizeof(cases[0])));
	suite_add_tcase(s, tc);

	tc = tcase_create("api");
	tcase_add_test(tc, test_get_and_chain);
	tcase_add_test(tc, test_details);
	suite_add_tcase(s, tc);

	tc = tcase_create("bounds");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_line_bounds);
	tcase_add_test(tc, test_key_bound);
	suite_add_tcase(s, tc);
	return s;
}

KA_CHECK_MAIN(suite)
