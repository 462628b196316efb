/*
 * SHA-256 (FIPS 180-4), for the fingerprints of findings: short inputs,
 * no secrets.  Pure, but for the choice of the processor's SHA
 * instructions where it has them, made once.
 */
#ifndef KA_SHA256_H
#define KA_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define KA_SHA256_LEN	32			/* bytes of a digest */
#define KA_SHA256_HEX	(2 * KA_SHA256_LEN + 1)	/* hex digits and NUL */

struct ka_sha256 {
	uint32_t	 h[8];
	uint64_t	 len;		/* bytes hashed so far */
	unsigned char	 buf[64];	/* a partial block */
	size_t		 nbuf;
};

void	ka_sha256_init(struct ka_sha256 *);
void	ka_sha256_update(struct ka_sha256 *, const void *, size_t);
void	ka_sha256_final(struct ka_sha256 *, unsigned char [KA_SHA256_LEN]);
/* The same as 64 lower-case hex digits, NUL-terminated. */
void	ka_sha256_final_hex(struct ka_sha256 *, char [KA_SHA256_HEX]);

/* The digest of n bytes as 64 lower-case hex digits, NUL-terminated. */
void	ka_sha256_hex(const void *, size_t, char [KA_SHA256_HEX]);

/*
 * For the tests: use the portable block function (on) even where the
 * processor's would be chosen, or choose again (off).
 */
void	ka_sha256_portable(int);

#endif
