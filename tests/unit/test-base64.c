/*
 * test-base64.c: RFC 4648 base64 (src/base64.c): the section 10 vectors
 * both ways, whitespace, and the inputs the decoder must refuse.
 */
#include "common.h"

#include "base64.h"

#include "../tap.h"

static const struct {
	const char	*plain;
	const char	*coded;
} rfc4648[] = {
	{ "", "" },
	{ "f", "Zg==" },
	{ "fo", "Zm8=" },
	{ "foo", "Zm9v" },
	{ "foob", "Zm9vYg==" },
	{ "fooba", "Zm9vYmE=" },
	{ "foobar", "Zm9vYmFy" },
};

/* Decodes s; returns the decoder's result and leaves the bytes in out. */
static int
decode(const char *s, struct buf *out)
{
	buf_reset(out);
	return base64_decode(s, strlen(s), out);
}

static void
test_rfc4648(void)
{
	struct buf	 out = BUF_INIT;
	char		*s;
	size_t		 i;

	for (i = 0; i < nitems(rfc4648); i++) {
		s = base64_encode(rfc4648[i].plain, strlen(rfc4648[i].plain));
		is_str(s, rfc4648[i].coded, "encode '%s'", rfc4648[i].plain);
		free(s);
		ok(decode(rfc4648[i].coded, &out) == 0 &&
		    out.len == strlen(rfc4648[i].plain) &&
		    strcmp(out.s, rfc4648[i].plain) == 0,
		    "decode '%s'", rfc4648[i].coded);
	}
	buf_release(&out);
}

static void
test_binary(void)
{
	struct buf	 out = BUF_INIT;
	unsigned char	 all[256];
	char		*s;
	size_t		 i, n;
	bool		 round = true;

	for (i = 0; i < sizeof(all); i++)
		all[i] = (unsigned char)(255 - i);
	for (n = 0; n <= sizeof(all); n++) {
		s = base64_encode(all, n);
		if (strlen(s) != (n + 2) / 3 * 4 || decode(s, &out) != 0 ||
		    out.len != n || memcmp(out.s, all, n) != 0)
			round = false;
		free(s);
	}
	ok(round, "every prefix of 256 distinct bytes survives the round "
	    "trip");
	s = base64_encode("\xfb\xff\xbf", 3);
	is_str(s, "+/+/", "the two last letters of the alphabet are + and /");
	free(s);

	buf_reset(&out);
	buf_adds(&out, "kept");
	base64_decode("Zm9v", 4, &out);
	is_str(out.s, "keptfoo", "decoding appends to what the buffer holds");
	ok(base64_decode("Zm9v!", 5, &out) == -1 &&
	    strcmp(out.s, "keptfoo") == 0,
	    "a refused input leaves the buffer as it was");
	ok(base64_decode("Zm9vYmFyZm9v", 4, &out) == 0 &&
	    strcmp(out.s, "keptfoofoo") == 0,
	    "only the n bytes given are decoded");
	buf_release(&out);
}

static void
test_whitespace(void)
{
	static const char *const spaced[] = {
		"Zm9v\nYmFy", "Zm9vYmFy\n", " Zm9vYmFy", "Zm 9v Ym Fy",
		"Zm9v\r\nYmFy\r\n", "\tZm9vYmFy\t", "Z\nm\n9\nv\nY\nm\nF\ny",
	};
	struct buf	 out = BUF_INIT;
	size_t		 i;

	for (i = 0; i < nitems(spaced); i++)
		ok(decode(spaced[i], &out) == 0 &&
		    strcmp(out.s, "foobar") == 0,
		    "whitespace skipped in case %zu", i);
	ok(decode("Zg= =", &out) == 0 && strcmp(out.s, "f") == 0,
	    "whitespace between the padding characters is skipped");
	ok(decode("Zg==\n", &out) == 0 && strcmp(out.s, "f") == 0,
	    "whitespace after the padding is skipped");
	ok(decode(" \n\t", &out) == 0 && out.len == 0,
	    "only whitespace decodes to nothing");
	buf_release(&out);
}

static void
test_refused(void)
{
	static const struct {
		const char	*s;
		const char	*why;
	} bad[] = {
		{ "Zm9v!", "a character outside the alphabet" },
		{ "Zm9v-_", "the URL-safe alphabet" },
		{ "Zm9\x80", "a non-ASCII byte" },
		{ "Zm9", "a group of three without padding" },
		{ "Zg", "a group of two without padding" },
		{ "Z", "a single character" },
		{ "Zm9vY", "a trailing single character" },
		{ "Zg=", "one padding character where two are due" },
		{ "Z===", "three padding characters" },
		{ "====", "a group of padding alone" },
		{ "=", "padding alone" },
		{ "Zm9v=", "padding after a whole group" },
		{ "Zg==Zg==", "data after the padding" },
		{ "Zg==\nZm9v", "data after the padding and a line break" },
		{ "Zm=v", "padding in the middle of a group" },
		{ "Zg===", "an extra padding character" },
		{ "Zh==", "non-zero bits under two padding characters" },
		{ "Zm9=", "non-zero bits under one padding character" },
	};
	struct buf	 out = BUF_INIT;
	size_t		 i;

	for (i = 0; i < nitems(bad); i++) {
		buf_reset(&out);
		is_int(base64_decode(bad[i].s, strlen(bad[i].s), &out), -1,
		    "refused: %s", bad[i].why);
		is_int((long long)out.len, 0, "nothing appended: %s",
		    bad[i].why);
	}
	buf_release(&out);
}

int
main(void)
{
	test_rfc4648();
	test_binary();
	test_whitespace();
	test_refused();
	return done_testing();
}
