/*
 * SHA-256 as FIPS 180-4 defines it, written from the standard: a block
 * function over 64-byte blocks, and a buffer for the partial block.  On
 * x86 processors with the SHA extensions the block function is theirs
 * (Intel's SHA256RNDS2, SHA256MSG1 and SHA256MSG2), chosen once at run
 * time: a SARIF report fingerprints every finding, and the portable
 * block function was a tenth of the cost of writing one.
 */
#include "config.h"

#include <stdatomic.h>
#include <string.h>

#if defined(__GNUC__) && defined(__x86_64__)
#define KA_SHA_NI	1
#include <cpuid.h>
#include <immintrin.h>
#endif

#include "sha256.h"

static const uint32_t k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b,
	0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
	0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7,
	0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
	0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152,
	0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
	0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
	0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
	0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
	0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

#define ROTR(x, n)	(((x) >> (n)) | ((x) << (32 - (n))))
#define CH(x, y, z)	((z) ^ ((x) & ((y) ^ (z))))
#define MAJ(x, y, z)	(((x) & (y)) | ((z) & ((x) | (y))))
#define BSIG0(x)	(ROTR(x, 2) ^ ROTR(x, 13) ^ ROTR(x, 22))
#define BSIG1(x)	(ROTR(x, 6) ^ ROTR(x, 11) ^ ROTR(x, 25))
#define SSIG0(x)	(ROTR(x, 7) ^ ROTR(x, 18) ^ ((x) >> 3))
#define SSIG1(x)	(ROTR(x, 17) ^ ROTR(x, 19) ^ ((x) >> 10))

/*
 * Word t of the message schedule from t = 16 on, kept in a ring of 16
 * words: W[t] replaces W[t - 16], the last word it needs.
 */
#define SCHED(t)	(w[(t) & 15] += SSIG1(w[((t) - 2) & 15]) + \
			    w[((t) - 7) & 15] + SSIG0(w[((t) - 15) & 15]))

/*
 * One round, with the working variables named in the order of that
 * round: the eight-round steps below rename them instead of moving
 * seven of them each round.
 */
#define ROUND(a, b, c, d, e, f, g, h, t, wt) do {			\
	t1 = (h) + BSIG1(e) + CH(e, f, g) + k[t] + (wt);		\
	(d) += t1;							\
	(h) = t1 + BSIG0(a) + MAJ(a, b, c);				\
} while (0)

#define EIGHT(t, W) do {						\
	ROUND(a, b, c, d, e, f, g, h, (t), W((t)));			\
	ROUND(h, a, b, c, d, e, f, g, (t) + 1, W((t) + 1));		\
	ROUND(g, h, a, b, c, d, e, f, (t) + 2, W((t) + 2));		\
	ROUND(f, g, h, a, b, c, d, e, (t) + 3, W((t) + 3));		\
	ROUND(e, f, g, h, a, b, c, d, (t) + 4, W((t) + 4));		\
	ROUND(d, e, f, g, h, a, b, c, (t) + 5, W((t) + 5));		\
	ROUND(c, d, e, f, g, h, a, b, (t) + 6, W((t) + 6));		\
	ROUND(b, c, d, e, f, g, h, a, (t) + 7, W((t) + 7));		\
} while (0)

#define FIRST(t)	w[(t)]

static void
block_portable(struct ka_sha256 *s, const unsigned char *p)
{
	uint32_t	 w[16], a, b, c, d, e, f, g, h, t1;
	size_t		 i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 |
		    (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	a = s->h[0];
	b = s->h[1];
	c = s->h[2];
	d = s->h[3];
	e = s->h[4];
	f = s->h[5];
	g = s->h[6];
	h = s->h[7];
	/* Constant indices let the schedule's ring live at fixed places. */
	EIGHT(0, FIRST);
	EIGHT(8, FIRST);
	EIGHT(16, SCHED);
	EIGHT(24, SCHED);
	EIGHT(32, SCHED);
	EIGHT(40, SCHED);
	EIGHT(48, SCHED);
	EIGHT(56, SCHED);
	s->h[0] += a;
	s->h[1] += b;
	s->h[2] += c;
	s->h[3] += d;
	s->h[4] += e;
	s->h[5] += f;
	s->h[6] += g;
	s->h[7] += h;
}

#ifdef KA_SHA_NI
/*
 * The block function of the SHA extensions.  SHA256RNDS2 does two rounds
 * on the state split as (A, B, E, F) and (C, D, G, H), highest word
 * first, with W + K of the two rounds in the low words of its third
 * operand; SHA256MSG1 and SHA256MSG2 compute four words of the schedule
 * from the sixteen before them.
 */
__attribute__((target("sha,sse4.1")))
static void
block_ni(struct ka_sha256 *s, const unsigned char *p)
{
	const __m128i	 bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL,
			    0x0405060700010203LL);
	__m128i		 abef, cdgh, abef0, cdgh0, t, wk, m[4];
	size_t		 i;

	/* h[0..7] = a..h into (A, B, E, F) and (C, D, G, H). */
	t = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&s->h[0]),
	    0xb1);					/* b a d c */
	cdgh = _mm_shuffle_epi32(_mm_loadu_si128(
	    (const __m128i *)&s->h[4]), 0x1b);		/* h g f e */
	abef = _mm_alignr_epi8(t, cdgh, 8);		/* f e b a */
	cdgh = _mm_blend_epi16(cdgh, t, 0xf0);		/* h g d c */
	abef0 = abef;
	cdgh0 = cdgh;

	for (i = 0; i < 16; i++) {
		if (i < 4)
			m[i] = _mm_shuffle_epi8(_mm_loadu_si128(
			    (const __m128i *)(p + 16 * i)), bswap);
		else
			/* W[t-16..] + s0(W[t-15..]) + W[t-7..], then s1. */
			m[i & 3] = _mm_sha256msg2_epu32(_mm_add_epi32(
			    _mm_sha256msg1_epu32(m[i & 3], m[(i + 1) & 3]),
			    _mm_alignr_epi8(m[(i + 3) & 3], m[(i + 2) & 3],
			    4)), m[(i + 3) & 3]);
		wk = _mm_add_epi32(m[i & 3],
		    _mm_loadu_si128((const __m128i *)&k[4 * i]));
		cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
		wk = _mm_shuffle_epi32(wk, 0x0e);
		abef = _mm_sha256rnds2_epu32(abef, cdgh, wk);
	}
	abef = _mm_add_epi32(abef, abef0);
	cdgh = _mm_add_epi32(cdgh, cdgh0);

	/* And back to a..h. */
	t = _mm_shuffle_epi32(abef, 0x1b);		/* a b e f */
	cdgh = _mm_shuffle_epi32(cdgh, 0xb1);		/* g h c d */
	_mm_storeu_si128((__m128i *)&s->h[0],
	    _mm_blend_epi16(t, cdgh, 0xf0));		/* a b c d */
	_mm_storeu_si128((__m128i *)&s->h[4],
	    _mm_alignr_epi8(cdgh, t, 8));		/* e f g h */
}

/* Whether the processor has the SHA extensions, and SSSE3 and SSE4.1. */
static int
have_ni(void)
{
	unsigned int	 a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d) ||
	    (c & bit_SSSE3) == 0 || (c & bit_SSE4_1) == 0)
		return 0;
	if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
		return 0;
	return (b & bit_SHA) != 0;
}
#endif

/*
 * -1 until the first block: then whether block_ni() is used.  Atomic, so
 * that threads may hash at once; relaxed, as any of them finds the same.
 */
static atomic_int	 use_ni = -1;

void
ka_sha256_portable(int on)
{
	atomic_store_explicit(&use_ni, on ? 0 : -1, memory_order_relaxed);
}

static void
block(struct ka_sha256 *s, const unsigned char *p)
{
#ifdef KA_SHA_NI
	int	 ni = atomic_load_explicit(&use_ni, memory_order_relaxed);

	if (ni == -1) {
		ni = have_ni();
		atomic_store_explicit(&use_ni, ni, memory_order_relaxed);
	}
	if (ni) {
		block_ni(s, p);
		return;
	}
#endif
	block_portable(s, p);
}

void
ka_sha256_init(struct ka_sha256 *s)
{
	static const uint32_t	 iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
	};

	memset(s, 0, sizeof(*s));
	memcpy(s->h, iv, sizeof(iv));
}

void
ka_sha256_update(struct ka_sha256 *s, const void *data, size_t n)
{
	const unsigned char	*p = data;
	size_t			 take;

	s->len += n;
	if (s->nbuf > 0) {
		take = 64 - s->nbuf < n ? 64 - s->nbuf : n;
		memcpy(s->buf + s->nbuf, p, take);
		s->nbuf += take;
		p += take;
		n -= take;
		if (s->nbuf < 64)
			return;
		block(s, s->buf);
		s->nbuf = 0;
	}
	for (; n >= 64; p += 64, n -= 64)
		block(s, p);
	memcpy(s->buf, p, n);
	s->nbuf = n;
}

/* Pad with 0x80, zeros and the bit length, big-endian; then the digest. */
void
ka_sha256_final(struct ka_sha256 *s, unsigned char out[KA_SHA256_LEN])
{
	uint64_t	 bits = s->len * 8;
	size_t		 i;

	s->buf[s->nbuf++] = 0x80;
	if (s->nbuf > 56) {
		memset(s->buf + s->nbuf, 0, 64 - s->nbuf);
		block(s, s->buf);
		s->nbuf = 0;
	}
	memset(s->buf + s->nbuf, 0, 56 - s->nbuf);
	for (i = 0; i < 8; i++)
		s->buf[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
	block(s, s->buf);
	for (i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(s->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(s->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(s->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)s->h[i];
	}
}

void
ka_sha256_final_hex(struct ka_sha256 *s, char hex[KA_SHA256_HEX])
{
	static const char	 digits[] = "0123456789abcdef";
	unsigned char		 d[KA_SHA256_LEN];
	size_t			 i;

	ka_sha256_final(s, d);
	for (i = 0; i < KA_SHA256_LEN; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 0xf];
	}
	hex[2 * i] = '\0';
}

void
ka_sha256_hex(const void *data, size_t n, char hex[KA_SHA256_HEX])
{
	struct ka_sha256	 s;

	ka_sha256_init(&s);
	ka_sha256_update(&s, data, n);
	ka_sha256_final_hex(&s, hex);
}
