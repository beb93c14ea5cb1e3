/*
 * digest.c: MD5 (RFC 1321), SHA-1 and the SHA-2 family (FIPS 180-4),
 * one block function per algorithm behind a shared buffering layer.
 *
 * The context keeps the partial block in ctx->block; digest_update()
 * fills it and compresses whenever it holds a whole block, and hashes
 * whole blocks straight from the caller's memory when nothing is waiting.
 * The padding in digest_final() is the same for all five (a 0x80 byte,
 * zeros, the bit length) except for the width and byte order of the
 * length, which is why MD5 (little-endian) and SHA-384/512 (128-bit
 * length) are special cases there.
 */
#include "common.h"

#include <ctype.h>

#include "digest.h"

static const struct digest_info {
	const char	*name;		/* canonical spelling */
	size_t		 size;		/* digest bytes */
	size_t		 block;		/* block bytes */
} digest_infos[] = {
	[DIGEST_MD5] =		{ "MD5",	16,	64 },
	[DIGEST_SHA1] =		{ "SHA-1",	20,	64 },
	[DIGEST_SHA256] =	{ "SHA-256",	32,	64 },
	[DIGEST_SHA384] =	{ "SHA-384",	48,	128 },
	[DIGEST_SHA512] =	{ "SHA-512",	64,	128 },
};

static inline uint32_t
rol32(uint32_t x, unsigned n)
{
	return (x << n) | (x >> (32 - n));
}

static inline uint32_t
ror32(uint32_t x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

static inline uint64_t
ror64(uint64_t x, unsigned n)
{
	return (x >> n) | (x << (64 - n));
}

static inline uint32_t
load_le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static inline uint32_t
load_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static inline uint64_t
load_be64(const unsigned char *p)
{
	return (uint64_t)load_be32(p) << 32 | load_be32(p + 4);
}

static inline void
store_le32(unsigned char *p, uint32_t x)
{
	p[0] = (unsigned char)x;
	p[1] = (unsigned char)(x >> 8);
	p[2] = (unsigned char)(x >> 16);
	p[3] = (unsigned char)(x >> 24);
}

static inline void
store_be32(unsigned char *p, uint32_t x)
{
	p[0] = (unsigned char)(x >> 24);
	p[1] = (unsigned char)(x >> 16);
	p[2] = (unsigned char)(x >> 8);
	p[3] = (unsigned char)x;
}

static inline void
store_be64(unsigned char *p, uint64_t x)
{
	store_be32(p, (uint32_t)(x >> 32));
	store_be32(p + 4, (uint32_t)x);
}

/* --- MD5 ---------------------------------------------------------------- */

/* Per-round shift amounts, four per round, and the sine constants. */
static const unsigned char md5_s[4][4] = {
	{ 7, 12, 17, 22 }, { 5, 9, 14, 20 }, { 4, 11, 16, 23 },
	{ 6, 10, 15, 21 },
};

static const uint32_t md5_k[64] = {
	0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a,
	0xa8304613, 0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be,
	0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340,
	0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
	0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8,
	0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
	0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
	0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
	0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92,
	0xffeff47d, 0x85845dd1, 0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1,
	0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};

static void
md5_block(uint32_t *h, const unsigned char *p)
{
	uint32_t	 m[16], a, b, c, d, t;
	unsigned	 i;

	for (i = 0; i < 16; i++)
		m[i] = load_le32(p + 4 * i);
	a = h[0];
	b = h[1];
	c = h[2];
	d = h[3];
	/* One step: f is the round's function, g the message word. */
#define MD5_STEP(f, g) do {						\
		t = b + rol32(a + (f) + md5_k[i] + m[g],		\
		    md5_s[i / 16][i % 4]);				\
		a = d;							\
		d = c;							\
		c = b;							\
		b = t;							\
	} while (0)
	for (i = 0; i < 16; i++)
		MD5_STEP((b & c) | (~b & d), i);
	for (; i < 32; i++)
		MD5_STEP((d & b) | (~d & c), (5 * i + 1) % 16);
	for (; i < 48; i++)
		MD5_STEP(b ^ c ^ d, (3 * i + 5) % 16);
	for (; i < 64; i++)
		MD5_STEP(c ^ (b | ~d), (7 * i) % 16);
#undef MD5_STEP
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
}

/* --- SHA-1 -------------------------------------------------------------- */

static void
sha1_block(uint32_t *h, const unsigned char *p)
{
	uint32_t	 w[80], a, b, c, d, e, t;
	unsigned	 i;

	for (i = 0; i < 16; i++)
		w[i] = load_be32(p + 4 * i);
	for (; i < 80; i++)
		w[i] = rol32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	a = h[0];
	b = h[1];
	c = h[2];
	d = h[3];
	e = h[4];
	/* One step: f is the round's function, k its constant. */
#define SHA1_STEP(f, k) do {						\
		t = rol32(a, 5) + (f) + e + (k) + w[i];			\
		e = d;							\
		d = c;							\
		c = rol32(b, 30);					\
		b = a;							\
		a = t;							\
	} while (0)
	for (i = 0; i < 20; i++)
		SHA1_STEP((b & c) | (~b & d), 0x5a827999);
	for (; i < 40; i++)
		SHA1_STEP(b ^ c ^ d, 0x6ed9eba1);
	for (; i < 60; i++)
		SHA1_STEP((b & c) | (b & d) | (c & d), 0x8f1bbcdc);
	for (; i < 80; i++)
		SHA1_STEP(b ^ c ^ d, 0xca62c1d6);
#undef SHA1_STEP
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
}

/* --- SHA-256 ------------------------------------------------------------ */

static const uint32_t sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static void
sha256_block(uint32_t *h, const unsigned char *p)
{
	uint32_t	 w[64], a, b, c, d, e, f, g, hh, s0, s1, t1, t2;
	unsigned	 i;

	for (i = 0; i < 16; i++)
		w[i] = load_be32(p + 4 * i);
	for (; i < 64; i++) {
		s0 = ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^
		    (w[i - 15] >> 3);
		s1 = ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^
		    (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = h[0], b = h[1], c = h[2], d = h[3];
	e = h[4], f = h[5], g = h[6], hh = h[7];
	for (i = 0; i < 64; i++) {
		s1 = ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25);
		t1 = hh + s1 + ((e & f) ^ (~e & g)) + sha256_k[i] + w[i];
		s0 = ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22);
		t2 = s0 + ((a & b) ^ (a & c) ^ (b & c));
		hh = g, g = f, f = e, e = d + t1;
		d = c, c = b, b = a, a = t1 + t2;
	}
	h[0] += a, h[1] += b, h[2] += c, h[3] += d;
	h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
}

/* --- SHA-512 and SHA-384 ------------------------------------------------ */

static const uint64_t sha512_k[80] = {
	0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL,
	0xe9b5dba58189dbbcULL, 0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL,
	0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL, 0xd807aa98a3030242ULL,
	0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
	0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL,
	0xc19bf174cf692694ULL, 0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL,
	0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL, 0x2de92c6f592b0275ULL,
	0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
	0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL,
	0xbf597fc7beef0ee4ULL, 0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL,
	0x06ca6351e003826fULL, 0x142929670a0e6e70ULL, 0x27b70a8546d22ffcULL,
	0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
	0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL,
	0x92722c851482353bULL, 0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL,
	0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL, 0xd192e819d6ef5218ULL,
	0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
	0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL,
	0x34b0bcb5e19b48a8ULL, 0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL,
	0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL, 0x748f82ee5defb2fcULL,
	0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
	0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL,
	0xc67178f2e372532bULL, 0xca273eceea26619cULL, 0xd186b8c721c0c207ULL,
	0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL, 0x06f067aa72176fbaULL,
	0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
	0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL,
	0x431d67c49c100d4cULL, 0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL,
	0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL,
};

static void
sha512_block(uint64_t *h, const unsigned char *p)
{
	uint64_t	 w[80], a, b, c, d, e, f, g, hh, s0, s1, t1, t2;
	unsigned	 i;

	for (i = 0; i < 16; i++)
		w[i] = load_be64(p + 8 * i);
	for (; i < 80; i++) {
		s0 = ror64(w[i - 15], 1) ^ ror64(w[i - 15], 8) ^
		    (w[i - 15] >> 7);
		s1 = ror64(w[i - 2], 19) ^ ror64(w[i - 2], 61) ^
		    (w[i - 2] >> 6);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = h[0], b = h[1], c = h[2], d = h[3];
	e = h[4], f = h[5], g = h[6], hh = h[7];
	for (i = 0; i < 80; i++) {
		s1 = ror64(e, 14) ^ ror64(e, 18) ^ ror64(e, 41);
		t1 = hh + s1 + ((e & f) ^ (~e & g)) + sha512_k[i] + w[i];
		s0 = ror64(a, 28) ^ ror64(a, 34) ^ ror64(a, 39);
		t2 = s0 + ((a & b) ^ (a & c) ^ (b & c));
		hh = g, g = f, f = e, e = d + t1;
		d = c, c = b, b = a, a = t1 + t2;
	}
	h[0] += a, h[1] += b, h[2] += c, h[3] += d;
	h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
}

/* --- the shared layer --------------------------------------------------- */

static void
digest_block(struct digest_ctx *ctx, const unsigned char *p)
{
	switch (ctx->alg) {
	case DIGEST_MD5:
		md5_block(ctx->h.s32, p);
		break;
	case DIGEST_SHA1:
		sha1_block(ctx->h.s32, p);
		break;
	case DIGEST_SHA256:
		sha256_block(ctx->h.s32, p);
		break;
	case DIGEST_SHA384:
	case DIGEST_SHA512:
		sha512_block(ctx->h.s64, p);
		break;
	}
}

int
digest_alg_from_name(const char *name, enum digest_alg *alg)
{
	const char	*want, *got;
	size_t		 i;

	for (i = 0; i < nitems(digest_infos); i++) {
		/* Compare ignoring case, with the hyphen optional. */
		want = digest_infos[i].name;
		got = name;
		while (*want != '\0') {
			if (*want == '-' && *got != '-') {
				want++;
				continue;
			}
			if (toupper((unsigned char)*got) != *want)
				break;
			want++;
			got++;
		}
		if (*want == '\0' && *got == '\0') {
			*alg = (enum digest_alg)i;
			return 0;
		}
	}
	return -1;
}

size_t
digest_size(enum digest_alg alg)
{
	return digest_infos[alg].size;
}

void
digest_init(struct digest_ctx *ctx, enum digest_alg alg)
{
	static const uint32_t md5_h[4] = {
		0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476,
	};
	static const uint32_t sha1_h[5] = {
		0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0,
	};
	static const uint32_t sha256_h[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};
	static const uint64_t sha384_h[8] = {
		0xcbbb9d5dc1059ed8ULL, 0x629a292a367cd507ULL,
		0x9159015a3070dd17ULL, 0x152fecd8f70e5939ULL,
		0x67332667ffc00b31ULL, 0x8eb44a8768581511ULL,
		0xdb0c2e0d64f98fa7ULL, 0x47b5481dbefa4fa4ULL,
	};
	static const uint64_t sha512_h[8] = {
		0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL,
		0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
		0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL,
		0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
	};

	memset(ctx, 0, sizeof(*ctx));
	ctx->alg = alg;
	switch (alg) {
	case DIGEST_MD5:
		memcpy(ctx->h.s32, md5_h, sizeof(md5_h));
		break;
	case DIGEST_SHA1:
		memcpy(ctx->h.s32, sha1_h, sizeof(sha1_h));
		break;
	case DIGEST_SHA256:
		memcpy(ctx->h.s32, sha256_h, sizeof(sha256_h));
		break;
	case DIGEST_SHA384:
		memcpy(ctx->h.s64, sha384_h, sizeof(sha384_h));
		break;
	case DIGEST_SHA512:
		memcpy(ctx->h.s64, sha512_h, sizeof(sha512_h));
		break;
	}
}

void
digest_update(struct digest_ctx *ctx, const void *data, size_t n)
{
	const unsigned char	*p = data;
	size_t			 bs = digest_infos[ctx->alg].block, take;

	ctx->len += n;
	if (ctx->used > 0) {
		take = bs - ctx->used < n ? bs - ctx->used : n;
		memcpy(ctx->block + ctx->used, p, take);
		ctx->used += take;
		p += take;
		n -= take;
		if (ctx->used < bs)
			return;
		digest_block(ctx, ctx->block);
		ctx->used = 0;
	}
	for (; n >= bs; p += bs, n -= bs)
		digest_block(ctx, p);
	if (n > 0)
		memcpy(ctx->block, p, n);
	ctx->used = n;
}

void
digest_final(struct digest_ctx *ctx, unsigned char *out)
{
	size_t		 bs = digest_infos[ctx->alg].block;
	size_t		 lenw = bs == 128 ? 16 : 8;	/* length field */
	uint64_t	 bits = ctx->len * 8;
	size_t		 i;

	ctx->block[ctx->used++] = 0x80;
	if (ctx->used > bs - lenw) {
		memset(ctx->block + ctx->used, 0, bs - ctx->used);
		digest_block(ctx, ctx->block);
		ctx->used = 0;
	}
	/* The length in bits: 64 bits wide, or 128 for SHA-384/512, whose
	 * high half takes the bits that ctx->len * 8 shifted out. */
	memset(ctx->block + ctx->used, 0, bs - ctx->used);
	if (ctx->alg == DIGEST_MD5) {
		store_le32(ctx->block + bs - 8, (uint32_t)bits);
		store_le32(ctx->block + bs - 4, (uint32_t)(bits >> 32));
	} else {
		store_be64(ctx->block + bs - 8, bits);
		if (lenw == 16)
			store_be64(ctx->block + bs - 16, ctx->len >> 61);
	}
	digest_block(ctx, ctx->block);

	switch (ctx->alg) {
	case DIGEST_MD5:
		for (i = 0; i < 4; i++)
			store_le32(out + 4 * i, ctx->h.s32[i]);
		break;
	case DIGEST_SHA1:
	case DIGEST_SHA256:
		for (i = 0; i < digest_infos[ctx->alg].size / 4; i++)
			store_be32(out + 4 * i, ctx->h.s32[i]);
		break;
	case DIGEST_SHA384:
	case DIGEST_SHA512:
		for (i = 0; i < digest_infos[ctx->alg].size / 8; i++)
			store_be64(out + 8 * i, ctx->h.s64[i]);
		break;
	}
	memset(ctx, 0, sizeof(*ctx));
}

void
digest(enum digest_alg alg, const void *data, size_t n, unsigned char *out)
{
	struct digest_ctx	 ctx;

	digest_init(&ctx, alg);
	digest_update(&ctx, data, n);
	digest_final(&ctx, out);
}

void
digest_to_hex(const unsigned char *p, size_t n, char *out)
{
	static const char	 hex[] = "0123456789abcdef";
	size_t			 i;

	for (i = 0; i < n; i++) {
		out[2 * i] = hex[p[i] >> 4];
		out[2 * i + 1] = hex[p[i] & 15];
	}
	out[2 * n] = '\0';
}

char *
digest_hex(enum digest_alg alg, const void *data, size_t n)
{
	unsigned char	 md[DIGEST_MAX_SIZE];
	char		*hex;

	digest(alg, data, n, md);
	hex = xmalloc(2 * digest_infos[alg].size + 1);
	digest_to_hex(md, digest_infos[alg].size, hex);
	return hex;
}
