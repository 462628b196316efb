/*
 * ka_scan_plain() (scan.h): sixteen bytes at a time with SSE2, which
 * every x86-64 processor has, the last few copied into a block of their
 * own; a byte at a time elsewhere.
 */
#include "config.h"

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "scan.h"

#ifdef __SSE2__
/*
 * The bytes of x that are not plain, as a bit mask: sp holds the specials,
 * five of them always, the first one filling in.
 */
static unsigned int
hits(__m128i x, const __m128i sp[5])
{
	/* Signed: below 0x20 is a control or a byte from 0x80. */
	__m128i	 m = _mm_cmplt_epi8(x, _mm_set1_epi8(0x20));
	size_t	 k;

	for (k = 0; k < 5; k++)
		m = _mm_or_si128(m, _mm_cmpeq_epi8(x, sp[k]));
	return (unsigned int)_mm_movemask_epi8(m);
}

size_t
ka_scan_plain(const unsigned char *p, size_t n, const char *specials)
{
	unsigned char	 tail[16];
	__m128i		 sp[5];
	size_t		 i, k, ns = strlen(specials);
	unsigned int	 mask;

	for (k = 0; k < 5; k++)
		sp[k] = _mm_set1_epi8((char)specials[k < ns ? k : 0]);
	for (i = 0; i + 16 <= n; i += 16) {
		mask = hits(_mm_loadu_si128((const __m128i *)(p + i)), sp);
		if (mask != 0)
			return i + (size_t)__builtin_ctz(mask);
	}
	if (i == n)
		return n;
	/*
	 * The rest, copied so as not to read past n, and followed by NULs,
	 * which are controls: the scan stops at n at the latest.
	 */
	memset(tail, 0, sizeof(tail));
	memcpy(tail, p + i, n - i);
	mask = hits(_mm_loadu_si128((const __m128i *)tail), sp);
	return i + (size_t)__builtin_ctz(mask);
}
#else
size_t
ka_scan_plain(const unsigned char *p, size_t n, const char *specials)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (p[i] < 0x20 || p[i] >= 0x80 ||
		    strchr(specials, p[i]) != NULL)
			break;
	return i;
}
#endif
