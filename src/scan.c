/*
 * ka_scan_plain() (scan.h): sixteen bytes at a time with SSE2, which
 * every x86-64 processor has, and a byte at a time elsewhere and for
 * the last few bytes.
 */
#include "config.h"

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "scan.h"

size_t
ka_scan_plain(const unsigned char *p, size_t n,
    const unsigned char stop[256], const char *specials)
{
	size_t		 i = 0;
#ifdef __SSE2__
	__m128i		 sp[5], low, x, m;
	size_t		 k, ns;
	unsigned int	 mask;

	if (n >= 16 && (ns = strlen(specials)) >= 1 && ns <= 5) {
		/* Five comparisons always: the first special fills in. */
		for (k = 0; k < 5; k++)
			sp[k] = _mm_set1_epi8((char)specials[k < ns ? k : 0]);
		low = _mm_set1_epi8(0x20);
		for (; i + 16 <= n; i += 16) {
			x = _mm_loadu_si128((const __m128i *)(p + i));
			/* Signed: below 0x20 is a control or from 0x80. */
			m = _mm_cmplt_epi8(x, low);
			m = _mm_or_si128(m, _mm_cmpeq_epi8(x, sp[0]));
			m = _mm_or_si128(m, _mm_cmpeq_epi8(x, sp[1]));
			m = _mm_or_si128(m, _mm_cmpeq_epi8(x, sp[2]));
			m = _mm_or_si128(m, _mm_cmpeq_epi8(x, sp[3]));
			m = _mm_or_si128(m, _mm_cmpeq_epi8(x, sp[4]));
			mask = (unsigned int)_mm_movemask_epi8(m);
			if (mask != 0)
				return i + (size_t)__builtin_ctz(mask);
		}
	}
#else
	(void)specials;
#endif
	while (i < n && !stop[p[i]])
		i++;
	return i;
}
