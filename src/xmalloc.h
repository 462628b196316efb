/*
 * Allocation wrappers.  Running out of memory is the one fatal path below
 * main(): these functions never return NULL, they end the process with
 * exit status 4 instead, so callers never test their result.
 */
#ifndef KA_XMALLOC_H
#define KA_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

void	*xmalloc(size_t);			/* owned by the caller */
void	*xcalloc(size_t, size_t);		/* owned, zeroed */
void	*xreallocarray(void *, size_t, size_t);	/* owned; as realloc */
char	*xstrdup(const char *);			/* owned */
char	*xstrndup(const char *, size_t);	/* owned, NUL-terminated */
char	*xasprintf(const char *, ...)		/* owned */
	    __attribute__((__format__(__printf__, 1, 2)));
char	*xvasprintf(const char *, va_list)	/* owned */
	    __attribute__((__format__(__printf__, 1, 0)));

#endif
