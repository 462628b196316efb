/*
 * A buffered writer for reports: a report is made of very many small
 * pieces, and a stdio call for each of them took most of the time of
 * writing one, so the pieces are gathered here and handed to the FILE in
 * large writes.  ka_outbuf_flush() must end every document; errors show
 * on the FILE (ferror) after it.
 */
#ifndef KA_OUTBUF_H
#define KA_OUTBUF_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define KA_OUTBUF_SIZE	65536

struct ka_outbuf {
	FILE		*fp;		/* borrowed */
	size_t		 len;		/* bytes in buf */
	char		 buf[KA_OUTBUF_SIZE];
};

void	ka_outbuf_init(struct ka_outbuf *, FILE *);
void	ka_outbuf_flush(struct ka_outbuf *);

/* Where a piece does not fit: flush first, or write it straight out. */
void	ka_outbuf_put_long(struct ka_outbuf *, const void *, size_t);

/* n bytes; inline, since most pieces fit in the buffer. */
static inline void
ka_outbuf_put(struct ka_outbuf *o, const void *s, size_t n)
{
	if (o->len + n > sizeof(o->buf)) {
		ka_outbuf_put_long(o, s, n);
		return;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

/* One byte; inline, since reports write so many of them one by one. */
static inline void
ka_outbuf_putc(struct ka_outbuf *o, int c)
{
	if (o->len == sizeof(o->buf))
		ka_outbuf_flush(o);
	o->buf[o->len++] = (char)c;
}

void	ka_outbuf_puts(struct ka_outbuf *, const char *);
/* A number in decimal. */
void	ka_outbuf_int(struct ka_outbuf *, long long);

#endif
