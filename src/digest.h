/*
 * digest.h: MD5, SHA-1, SHA-256, SHA-384 and SHA-512, written here so that
 * coopreport needs no crypto library.  Used by XPath digest(), the
 * history hash chain and bundle manifests.
 *
 * Calling sequence: one-shot digest() or digest_hex(); or, for large
 * input, digest_init(), digest_update() any number of times, then
 * digest_final().  Nothing here fails; digest_alg_from_name() returns -1
 * for a name it does not know.
 *
 * Ownership: digest_hex() returns a string that is the caller's to free().
 */
#ifndef DIGEST_H
#define DIGEST_H

enum digest_alg {
	DIGEST_MD5,
	DIGEST_SHA1,
	DIGEST_SHA256,
	DIGEST_SHA384,
	DIGEST_SHA512,
};

#define DIGEST_MAX_SIZE	64	/* bytes, SHA-512 */

struct digest_ctx {
	enum digest_alg	 alg;
	uint64_t	 len;		/* bytes hashed so far */
	union {
		uint32_t	 s32[8];
		uint64_t	 s64[8];
	}		 h;
	unsigned char	 block[128];
	size_t		 used;		/* bytes waiting in block */
};

/* "MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512", any case; also
 * without the hyphen.  Returns 0, or -1 for an unknown name. */
int	 digest_alg_from_name(const char *, enum digest_alg *);
size_t	 digest_size(enum digest_alg);
void	 digest_init(struct digest_ctx *, enum digest_alg);
void	 digest_update(struct digest_ctx *, const void *, size_t);
void	 digest_final(struct digest_ctx *, unsigned char *);
void	 digest(enum digest_alg, const void *, size_t, unsigned char *);
char	*digest_hex(enum digest_alg, const void *, size_t);
/* Lower-case hex of n bytes into out, which holds 2 * n + 1 bytes. */
void	 digest_to_hex(const unsigned char *, size_t, char *);

#endif /* DIGEST_H */
