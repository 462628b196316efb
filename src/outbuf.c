/* The buffered writer of outbuf.h. */
#include "config.h"

#include <string.h>

#include "outbuf.h"

void
ka_outbuf_init(struct ka_outbuf *o, FILE *fp)
{
	o->fp = fp;
	o->len = 0;
}

void
ka_outbuf_flush(struct ka_outbuf *o)
{
	if (o->len > 0)
		fwrite(o->buf, 1, o->len, o->fp);
	o->len = 0;
}

/* A run longer than the buffer goes straight out. */
void
ka_outbuf_put_long(struct ka_outbuf *o, const void *s, size_t n)
{
	ka_outbuf_flush(o);
	if (n > sizeof(o->buf)) {
		fwrite(s, 1, n, o->fp);
		return;
	}
	memcpy(o->buf, s, n);
	o->len = n;
}

void
ka_outbuf_puts(struct ka_outbuf *o, const char *s)
{
	ka_outbuf_put(o, s, strlen(s));
}

/* Digits by hand: reports write a few numbers for each finding. */
void
ka_outbuf_int(struct ka_outbuf *o, long long n)
{
	char			 buf[24], *p = buf + sizeof(buf);
	unsigned long long	 u;

	u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (n < 0)
		*--p = '-';
	ka_outbuf_put(o, p, (size_t)(buf + sizeof(buf) - p));
}
