#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

#include "strtonum.h"

long long
ka_strtonum(const char *s, long long min, long long max, const char **errstr)
{
	long long	 v;
	char		*end;

	*errstr = NULL;
	if (s == NULL || *s == '\0' || isspace((unsigned char)*s) ||
	    (s[0] == '+' && s[1] == '\0')) {
		*errstr = "invalid";
		return 0;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end != '\0') {
		*errstr = "invalid";
		return 0;
	}
	if ((errno == ERANGE && v < 0) || v < min) {
		*errstr = "too small";
		return 0;
	}
	if (errno == ERANGE || v > max) {
		*errstr = "too large";
		return 0;
	}
	return v;
}
