/*
 * test-digest.c: MD5, SHA-1, SHA-256, SHA-384 and SHA-512 (src/digest.c)
 * against the vectors of RFC 1321 and FIPS 180 / NIST, one-shot and
 * streamed in awkward chunk sizes, and the algorithm names.
 */
#include "common.h"

#include "digest.h"

#include "../tap.h"

#define M448	"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
#define M896	"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn" \
		"hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
#define MILLION	NULL	/* one million 'a' */

static const char *const alg_names[] = {
	"MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512",
};

static const struct vector {
	const char	*name;
	const char	*msg;
	const char	*want[5];	/* by enum digest_alg */
} vectors[] = {
	{ "empty", "", {
		"d41d8cd98f00b204e9800998ecf8427e",
		"da39a3ee5e6b4b0d3255bfef95601890afd80709",
		"e3b0c44298fc1c149afbf4c8996fb924"
		"27ae41e4649b934ca495991b7852b855",
		"38b060a751ac96384cd9327eb1b1e36a"
		"21fdb71114be07434c0cc7bf63f6e1da"
		"274edebfe76f65fbd51ad2f14898b95b",
		"cf83e1357eefb8bdf1542850d66d8007"
		"d620e4050b5715dc83f4a921d36ce9ce"
		"47d0d13c5d85f2b0ff8318d2877eec2f"
		"63b931bd47417a81a538327af927da3e",
	} },
	{ "abc", "abc", {
		"900150983cd24fb0d6963f7d28e17f72",
		"a9993e364706816aba3e25717850c26c9cd0d89d",
		"ba7816bf8f01cfea414140de5dae2223"
		"b00361a396177a9cb410ff61f20015ad",
		"cb00753f45a35e8bb5a03d699ac65007"
		"272c32ab0eded1631a8b605a43ff5bed"
		"8086072ba1e7cc2358baeca134c825a7",
		"ddaf35a193617abacc417349ae204131"
		"12e6fa4e89a97ea20a9eeee64b55d39a"
		"2192992a274fc1a836ba3c23a3feebbd"
		"454d4423643ce80e2a9ac94fa54ca49f",
	} },
	{ "448-bit", M448, {
		"8215ef0796a20bcaaae116d3876c664a",
		"84983e441c3bd26ebaae4aa1f95129e5e54670f1",
		"248d6a61d20638b8e5c026930c3e6039"
		"a33ce45964ff2167f6ecedd419db06c1",
		"3391fdddfc8dc7393707a65b1b470939"
		"7cf8b1d162af05abfe8f450de5f36bc6"
		"b0455a8520bc4e6f5fe95b1fe3c8452b",
		"204a8fc6dda82f0a0ced7beb8e08a416"
		"57c16ef468b228a8279be331a703c335"
		"96fd15c13b1b07f9aa1d3bea57789ca0"
		"31ad85c7a71dd70354ec631238ca3445",
	} },
	{ "896-bit", M896, {
		"03dd8807a93175fb062dfb55dc7d359c",
		"a49b2446a02c645bf419f995b67091253a04a259",
		"cf5b16a778af8380036ce59e7b049237"
		"0b249b11e8f07a51afac45037afee9d1",
		"09330c33f71147e83d192fc782cd1b47"
		"53111b173b3b05d22fa08086e3b0f712"
		"fcc7c71a557e2db966c3e9fa91746039",
		"8e959b75dae313da8cf4f72814fc143f"
		"8f7779c6eb9f7fa17299aeadb6889018"
		"501d289e4900f7e4331b99dec4b5433a"
		"c7d329eeb6dd26545e96e55b874be909",
	} },
	{ "one million 'a'", MILLION, {
		"7707d6ae4e027c70eea2a935c2296f21",
		"34aa973cd4c4daa4f61eeb2bdbad27316534016f",
		"cdc76e5c9914fb9281a1c7e284d73e67"
		"f1809a48a497200e046d39ccc7112cd0",
		"9d0e1809716474cb086e834e310a4a1c"
		"ed149e9c00f248527972cec5704c2a5b"
		"07b8b3dc38ecc4ebae97ddd87f3d8985",
		"e718483d0ce769644e2e42c7bc15b463"
		"8e1f98b13b2044285632a803afa973eb"
		"de0ff244877ea60a4cb0432ce577c31b"
		"eb009c5c2c49aa2e4eadb217ad8cc09b",
	} },
	/* The rest of RFC 1321's suite (A.5). */
	{ "'message digest'", "message digest", {
		"f96b697d7cb7938d525a2f31aaf161d0", NULL, NULL, NULL, NULL,
	} },
	{ "a to z", "abcdefghijklmnopqrstuvwxyz", {
		"c3fcd3d76192e4007dfb496cca67e13b", NULL, NULL, NULL, NULL,
	} },
	{ "alphanumerics",
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", {
		"d174ab98d277d9f5a5611c2c9f419d9f", NULL, NULL, NULL, NULL,
	} },
	{ "eight times 1234567890", "1234567890123456789012345678901234567890"
	    "1234567890123456789012345678901234567890", {
		"57edf4a22be3c955ac49da2e2107b67a", NULL, NULL, NULL, NULL,
	} },
};

/*
 * SHA-256 of the concatenated lower-case hex digests of the messages of
 * 0 to 299 bytes where byte i of the n-byte message is (7 * i + n) % 256:
 * one value per algorithm that covers every padding boundary (55, 56,
 * 64, 111, 112, 128 bytes, ...).  Computed with Python's hashlib.
 */
static const char *const boundary_want[5] = {
	"eff9290c361e5eaa9fa46cf2b525af85a8d3f5a857e6213339acbfeb0da09cd4",
	"0d3b889248aafd116147ec20508e9b74efbe81147a909d27928d501ef8252084",
	"def85da8f53f8ad58eda585dce61c0d7bfbb3da6924badae49d32d11288c576f",
	"10113922e1739f53de41ce96fa1c9801531ca19d0eeedf066996a360053f0d31",
	"3fc0957efd71e6e6fe7b8f784a62e21aaf63d8de2bed89a7d5d097825e0787ce",
};

static const size_t chunks[] = { 1, 63, 64, 65, 127, 128, 129 };

/* The streamed digest of msg fed chunk bytes at a time, as hex. */
static void
streamed_hex(enum digest_alg alg, const char *msg, size_t n, size_t chunk,
    char *hex)
{
	struct digest_ctx	 ctx;
	unsigned char		 md[DIGEST_MAX_SIZE];
	size_t			 off, take;

	digest_init(&ctx, alg);
	for (off = 0; off < n; off += take) {
		take = n - off < chunk ? n - off : chunk;
		digest_update(&ctx, msg + off, take);
	}
	digest_final(&ctx, md);
	digest_to_hex(md, digest_size(alg), hex);
}

static void
test_vectors(void)
{
	char		*million, *got, hex[2 * DIGEST_MAX_SIZE + 1];
	const char	*msg;
	size_t		 v, a, c, n;
	bool		 same;

	million = xmalloc(1000000);
	memset(million, 'a', 1000000);
	for (v = 0; v < nitems(vectors); v++) {
		msg = vectors[v].msg != MILLION ? vectors[v].msg : million;
		n = vectors[v].msg != MILLION ? strlen(msg) : 1000000;
		for (a = 0; a < 5; a++) {
			if (vectors[v].want[a] == NULL)
				continue;
			got = digest_hex((enum digest_alg)a, msg, n);
			is_str(got, vectors[v].want[a], "%s of %s",
			    alg_names[a], vectors[v].name);
			free(got);
			same = true;
			for (c = 0; c < nitems(chunks); c++) {
				streamed_hex((enum digest_alg)a, msg, n,
				    chunks[c], hex);
				if (strcmp(hex, vectors[v].want[a]) != 0) {
					diag("chunk %zu gives %s", chunks[c],
					    hex);
					same = false;
				}
			}
			ok(same, "%s of %s, streamed in chunks of 1, 63, 64, "
			    "65, 127, 128 and 129 bytes", alg_names[a],
			    vectors[v].name);
		}
	}
	free(million);
}

static void
test_boundaries(void)
{
	struct buf	 all = BUF_INIT;
	char		 msg[300], *hex, *got;
	size_t		 a, n, i;

	for (a = 0; a < 5; a++) {
		buf_reset(&all);
		for (n = 0; n < sizeof(msg); n++) {
			for (i = 0; i < n; i++)
				msg[i] = (char)((7 * i + n) & 255);
			hex = digest_hex((enum digest_alg)a, msg, n);
			buf_adds(&all, hex);
			free(hex);
		}
		got = digest_hex(DIGEST_SHA256, all.s, all.len);
		is_str(got, boundary_want[a],
		    "%s of every length from 0 to 299 bytes", alg_names[a]);
		free(got);
	}
	buf_release(&all);
}

static void
test_names(void)
{
	static const struct {
		const char	*name;
		int		 want;	/* enum digest_alg, or -1 */
	} names[] = {
		{ "MD5", DIGEST_MD5 },		{ "md5", DIGEST_MD5 },
		{ "Md5", DIGEST_MD5 },		{ "SHA-1", DIGEST_SHA1 },
		{ "sha-1", DIGEST_SHA1 },	{ "SHA1", DIGEST_SHA1 },
		{ "sha1", DIGEST_SHA1 },	{ "Sha-1", DIGEST_SHA1 },
		{ "SHA-256", DIGEST_SHA256 },	{ "sha-256", DIGEST_SHA256 },
		{ "SHA256", DIGEST_SHA256 },	{ "sha256", DIGEST_SHA256 },
		{ "SHA-384", DIGEST_SHA384 },	{ "sha-384", DIGEST_SHA384 },
		{ "SHA384", DIGEST_SHA384 },	{ "sha384", DIGEST_SHA384 },
		{ "SHA-512", DIGEST_SHA512 },	{ "sha-512", DIGEST_SHA512 },
		{ "SHA512", DIGEST_SHA512 },	{ "sHa512", DIGEST_SHA512 },
		{ "", -1 },			{ "MD-5", -1 },
		{ "MD4", -1 },			{ "SHA", -1 },
		{ "SHA-", -1 },			{ "SHA--1", -1 },
		{ "SHA-224", -1 },		{ "SHA3-256", -1 },
		{ "SHA-2", -1 },		{ "SHA-2566", -1 },
		{ "SHA-25", -1 },		{ " SHA-1", -1 },
		{ "SHA-1 ", -1 },		{ "SHA_1", -1 },
		{ "MD5\n", -1 },		{ "SHA-512/256", -1 },
	};
	enum digest_alg	 alg;
	size_t		 i;
	int		 r;

	for (i = 0; i < nitems(names); i++) {
		alg = (enum digest_alg)99;
		r = digest_alg_from_name(names[i].name, &alg);
		if (names[i].want < 0)
			is_int(r, -1, "'%s' is not a digest name",
			    names[i].name);
		else
			ok(r == 0 && (int)alg == names[i].want,
			    "'%s' names %s", names[i].name,
			    alg_names[names[i].want]);
	}
}

int
main(void)
{
	static const size_t	 sizes[5] = { 16, 20, 32, 48, 64 };
	unsigned char		 md[DIGEST_MAX_SIZE];
	char			 hex[9];
	size_t			 a;

	for (a = 0; a < 5; a++)
		is_int((long long)digest_size((enum digest_alg)a),
		    (long long)sizes[a], "%s is %zu bytes", alg_names[a],
		    sizes[a]);

	digest(DIGEST_SHA1, "abc", 3, md);
	digest_to_hex(md, 4, hex);
	is_str(hex, "a9993e36", "digest_to_hex writes n bytes and a NUL");

	test_vectors();
	test_boundaries();
	test_names();
	return done_testing();
}
