#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "version.h"

/* Parse up to four dot-separated components of at most 255 each. */
static const char *
components(const char *s, unsigned long *out)
{
	unsigned long	 part[4] = { 0, 0, 0, 0 };
	unsigned int	 n = 0, digits;

	for (;;) {
		digits = 0;
		while (*s >= '0' && *s <= '9') {
			part[n] = part[n] * 10 + (unsigned long)(*s - '0');
			if (part[n] > 255)
				return NULL;
			s++;
			digits++;
		}
		if (digits == 0)
			return NULL;
		n++;
		if (*s != '.' || n == 4)
			break;
		s++;
	}
	if (n < 2)
		return NULL;
	*out = KA_VERSION(part[0], part[1], part[2], part[3]);
	return s;
}

int
ka_version_parse(const char *s, unsigned long *out)
{
	const char	*end;

	end = components(s, out);
	if (end == NULL || *end != '\0')
		return -1;
	return 0;
}

const char *
ka_version_format(unsigned long v, char *buf, unsigned int size)
{
	unsigned long	 a = v >> 24, b = (v >> 16) & 0xff,
			 c = (v >> 8) & 0xff, d = v & 0xff;

	if (d != 0)
		snprintf(buf, size, "%lu.%lu.%lu.%lu", a, b, c, d);
	else if (c != 0)
		snprintf(buf, size, "%lu.%lu.%lu", a, b, c);
	else
		snprintf(buf, size, "%lu.%lu", a, b);
	return buf;
}

int
ka_version_ranges_parse(const char *s, struct ka_vranges *rs,
    const char **errstr)
{
	struct ka_vrange	*r;
	unsigned long		 v;
	int			 op, bound = 0;

	memset(rs, 0, sizeof(*rs));
	*errstr = NULL;
	while (*s == ' ')
		s++;
	if (*s == '\0')
		return 0;
	r = &rs->v[rs->len++];
	r->lo = 0;
	r->hi = ULONG_MAX;
	for (;;) {
		while (*s == ' ')
			s++;
		if (*s == '\0')
			break;
		if (s[0] == '|' && s[1] == '|') {
			if (!bound) {
				*errstr = "empty alternative around ||";
				return -1;
			}
			bound = 0;
			if (rs->len == KA_VRANGE_MAX) {
				*errstr = "too many alternatives";
				return -1;
			}
			s += 2;
			r = &rs->v[rs->len++];
			r->lo = 0;
			r->hi = ULONG_MAX;
			continue;
		}
		/* op: 1 >=, 2 >, 3 <=, 4 <, 5 = */
		if (s[0] == '>' && s[1] == '=')
			op = 1, s += 2;
		else if (s[0] == '>')
			op = 2, s += 1;
		else if (s[0] == '<' && s[1] == '=')
			op = 3, s += 2;
		else if (s[0] == '<')
			op = 4, s += 1;
		else if (s[0] == '=')
			op = 5, s += 1;
		else {
			*errstr = "expected >=, >, <=, < or = before a version";
			return -1;
		}
		s = components(s, &v);
		if (s == NULL || (*s != ' ' && *s != '\0' && *s != '|')) {
			*errstr = "expected a version such as 3.0 or 3.0.1";
			return -1;
		}
		bound = 1;
		switch (op) {
		case 1:
			if (v > r->lo)
				r->lo = v;
			break;
		case 2:
			if (v + 1 > r->lo)
				r->lo = v + 1;
			break;
		case 3:
			if (v + 1 < r->hi)
				r->hi = v + 1;
			break;
		case 4:
			if (v < r->hi)
				r->hi = v;
			break;
		default:
			r->lo = v;
			r->hi = v + 1;
			break;
		}
	}
	if (!bound) {
		*errstr = "empty alternative around ||";
		return -1;
	}
	return 0;
}

int
ka_version_ranges_match(const struct ka_vranges *rs, unsigned long v)
{
	unsigned int	 i;

	if (rs->len == 0)
		return 1;
	for (i = 0; i < rs->len; i++)
		if (v >= rs->v[i].lo && v < rs->v[i].hi)
			return 1;
	return 0;
}
