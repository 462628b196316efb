/*
 * The scan of jsonpos.h: strings, brackets and commas are enough to know
 * where a value is, in valid JSON.
 */
#include "config.h"

#include <string.h>

#include "jsonpos.h"

#define DEPTH	32

void
ka_jsonpos_objects(const char *text, size_t len,
    void (*fn)(void *, unsigned int, const char *, size_t, unsigned int,
    unsigned int), void *arg)
{
	struct {
		int		 type;		/* '{' or '[' */
		const char	*key;		/* member holding this value */
		size_t		 keylen;
		const char	*member;	/* key of the member read */
		size_t		 memberlen;
		int		 expect;	/* a key comes next */
	}		 st[DEPTH + 1];
	unsigned int	 line = 1;
	size_t		 i, d = 0, start, bol = 0;

	memset(st, 0, sizeof(st));
	for (i = 0; i < len; i++) {
		switch (text[i]) {
		case '\n':
			line++;
			bol = i + 1;
			break;
		case '"':
			for (start = ++i; i < len && text[i] != '"'; i++)
				if (text[i] == '\\')
					i++;
			if (d >= 1 && d <= DEPTH && st[d].type == '{' &&
			    st[d].expect) {
				st[d].expect = 0;
				st[d].member = text + start;
				st[d].memberlen = i - start;
			}
			break;
		case '{':
		case '[':
			if (text[i] == '{' && d >= 1 && d <= DEPTH &&
			    st[d].type == '[')
				fn(arg, (unsigned int)d - 1, st[d].key,
				    st[d].keylen, line,
				    (unsigned int)(i - bol) + 1);
			if (++d <= DEPTH) {
				st[d].type = text[i];
				st[d].key = d >= 2 && st[d - 1].type == '{' ?
				    st[d - 1].member : "";
				st[d].keylen = d >= 2 && st[d - 1].type ==
				    '{' ? st[d - 1].memberlen : 0;
				st[d].member = "";
				st[d].memberlen = 0;
				st[d].expect = text[i] == '{';
			}
			break;
		case '}':
		case ']':
			if (d > 0)
				d--;
			break;
		case ',':
			if (d >= 1 && d <= DEPTH && st[d].type == '{')
				st[d].expect = 1;
			break;
		default:
			break;
		}
	}
}
