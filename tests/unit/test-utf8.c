/*
 * test-utf8.c: UTF-8 decoding, encoding, validation and counting
 * (src/utf8.c), over every class of ill-formed sequence and over
 * Vietnamese text.
 */
#include "common.h"

#include "utf8.h"

#include "../tap.h"

static const struct {
	const char	*s;
	size_t		 n;
	uint32_t	 cp;
} good[] = {
	{ "\x00", 1, 0x0 },
	{ "\x7f", 1, 0x7f },
	{ "\xc2\x80", 2, 0x80 },
	{ "\xc3\xa0", 2, 0xe0 },		/* à */
	{ "\xdf\xbf", 2, 0x7ff },
	{ "\xe0\xa0\x80", 3, 0x800 },
	{ "\xe1\xbb\xa3", 3, 0x1ee3 },		/* ợ */
	{ "\xed\x9f\xbf", 3, 0xd7ff },
	{ "\xee\x80\x80", 3, 0xe000 },
	{ "\xef\xbf\xbd", 3, 0xfffd },
	{ "\xef\xbf\xbf", 3, 0xffff },
	{ "\xf0\x90\x80\x80", 4, 0x10000 },
	{ "\xf0\x9f\x98\x80", 4, 0x1f600 },
	{ "\xf3\xbf\xbf\xbf", 4, 0xfffff },
	{ "\xf4\x8f\xbf\xbf", 4, 0x10ffff },
};

static const struct {
	const char	*s;
	const char	*why;
} bad[] = {
	/* overlong forms */
	{ "\xc0\x80", "overlong NUL in two bytes" },
	{ "\xc0\xaf", "overlong '/' in two bytes" },
	{ "\xc1\xbf", "overlong U+007F in two bytes" },
	{ "\xe0\x80\x80", "overlong NUL in three bytes" },
	{ "\xe0\x9f\xbf", "overlong U+07FF in three bytes" },
	{ "\xf0\x80\x80\x80", "overlong NUL in four bytes" },
	{ "\xf0\x8f\xbf\xbf", "overlong U+FFFF in four bytes" },
	{ "\xf8\x88\x80\x80\x80", "a five-byte form" },
	{ "\xfc\x84\x80\x80\x80\x80", "a six-byte form" },
	/* surrogates */
	{ "\xed\xa0\x80", "the first high surrogate U+D800" },
	{ "\xed\xad\xbf", "the last high surrogate U+DB7F" },
	{ "\xed\xb0\x80", "the first low surrogate U+DC00" },
	{ "\xed\xbf\xbf", "the last low surrogate U+DFFF" },
	{ "\xed\xa0\xbd\xed\xb8\x80", "a surrogate pair (CESU-8)" },
	/* above U+10FFFF */
	{ "\xf4\x90\x80\x80", "U+110000" },
	{ "\xf4\xbf\xbf\xbf", "U+13FFFF" },
	{ "\xf5\x80\x80\x80", "lead byte F5" },
	{ "\xf7\xbf\xbf\xbf", "U+1FFFFF" },
	{ "\xfe", "byte FE" },
	{ "\xff", "byte FF" },
	/* truncated */
	{ "\xc3", "a two-byte lead alone" },
	{ "\xe1\xbb", "three-byte form cut after two" },
	{ "\xe1", "three-byte form cut after one" },
	{ "\xf0\x9f\x98", "four-byte form cut after three" },
	{ "\xf0\x9f", "four-byte form cut after two" },
	{ "\xc3" "a", "a lead followed by ASCII" },
	{ "\xe1\xbb" "a", "a three-byte form interrupted by ASCII" },
	{ "\xc3\xc3\xa0", "a lead followed by another lead" },
	{ "\xf0\x9f\x98\xe1\xbb\xa3", "a cut form followed by a good one" },
	/* stray continuation bytes */
	{ "\x80", "a lone continuation byte 80" },
	{ "\xbf", "a lone continuation byte BF" },
	{ "a\x80" "b", "a continuation byte between letters" },
	{ "\xc3\xa0\xa0", "one continuation byte too many" },
	{ "\xe1\xbb\xa3\x80\x80", "continuation bytes after a character" },
};

static void
test_decode(void)
{
	char		 enc[4];
	uint32_t	 cp;
	size_t		 i;
	int		 len;

	for (i = 0; i < nitems(good); i++) {
		cp = 0xdeadbeef;
		len = utf8_decode(good[i].s, good[i].n, &cp);
		ok(len == (int)good[i].n && cp == good[i].cp,
		    "decode U+%04X", (unsigned)good[i].cp);
		is_int(utf8_decode(good[i].s, good[i].n - 1, &cp),
		    -1,
		    "U+%04X cut short is refused", (unsigned)good[i].cp);
		ok(utf8_encode(good[i].cp, enc) == (int)good[i].n &&
		    memcmp(enc, good[i].s, good[i].n) == 0,
		    "encode U+%04X", (unsigned)good[i].cp);
		ok(utf8_valid(good[i].s, good[i].n), "U+%04X is valid",
		    (unsigned)good[i].cp);
	}
	is_int(utf8_decode("", 0, &cp), -1, "nothing to decode is refused");
	is_int(utf8_encode(0xd800, enc), 0, "U+D800 cannot be encoded");
	is_int(utf8_encode(0xdfff, enc), 0, "U+DFFF cannot be encoded");
	is_int(utf8_encode(0x110000, enc), 0, "U+110000 cannot be encoded");
	is_int(utf8_encode(0xffffffff, enc), 0, "0xFFFFFFFF cannot be encoded");
}

static void
test_bad(void)
{
	uint32_t	 cp;
	size_t		 i, n, at;
	int		 len;
	bool		 found;

	for (i = 0; i < nitems(bad); i++) {
		n = strlen(bad[i].s);
		ok(!utf8_valid(bad[i].s, n), "invalid: %s", bad[i].why);
		/* The decoder, walking from the start, must stop somewhere. */
		found = false;
		for (at = 0; at < n; at += (size_t)len) {
			if ((len = utf8_decode(bad[i].s + at, n - at,
			    &cp)) < 0) {
				found = true;
				break;
			}
		}
		ok(found, "the decoder refuses %s", bad[i].why);
	}
}

/* Every code point: encoding and decoding are inverse, and only the
 * surrogates fail. */
static void
test_all_code_points(void)
{
	char		 enc[4];
	uint32_t	 c, back;
	bool		 round = true;
	int		 len;

	for (c = 0; c <= 0x10ffff; c++) {
		len = utf8_encode(c, enc);
		if (c >= 0xd800 && c <= 0xdfff) {
			if (len != 0)
				round = false;
			continue;
		}
		if (len == 0 || utf8_decode(enc, (size_t)len, &back) != len ||
		    back != c || !utf8_valid(enc, (size_t)len))
			round = false;
	}
	ok(round, "every scalar value from U+0000 to U+10FFFF survives "
	    "encode and decode");
}

/* Every two-byte and three-byte sequence: accepted exactly when it is
 * the shortest encoding of a scalar value. */
static void
test_exhaustive(void)
{
	unsigned char	 s[3];
	uint32_t	 cp;
	char		 enc[4];
	unsigned	 a, b, c;
	bool		 right = true;
	int		 len, want;

	for (a = 0; a < 256; a++)
		for (b = 0; b < 256; b++) {
			s[0] = (unsigned char)a;
			s[1] = (unsigned char)b;
			len = utf8_decode((char *)s, 2, &cp);
			want = a < 0x80 ? 1 :
			    (a >= 0xc2 && a <= 0xdf && (b & 0xc0) == 0x80) ?
			    2 : -1;
			if (len != want)
				right = false;
		}
	ok(right, "all 65536 two-byte inputs decode as the table says");

	right = true;
	for (a = 0xe0; a < 0xf0; a++)
		for (b = 0; b < 256; b++)
			for (c = 0; c < 256; c++) {
				s[0] = (unsigned char)a;
				s[1] = (unsigned char)b;
				s[2] = (unsigned char)c;
				len = utf8_decode((char *)s, 3, &cp);
				/* What is accepted encodes back the same. */
				if (len == 3 && (utf8_encode(cp, enc) != 3 ||
				    memcmp(enc, s, 3) != 0))
					right = false;
				/* Accepted iff some value encodes to it. */
				cp = (uint32_t)(a & 15) << 12 |
				    (uint32_t)(b & 63) << 6 | (c & 63);
				want = (b & 0xc0) == 0x80 &&
				    (c & 0xc0) == 0x80 && cp >= 0x800 &&
				    (cp < 0xd800 || cp > 0xdfff);
				if ((len == 3) != want)
					right = false;
			}
	ok(right, "all three-byte inputs with an E0-EF lead decode as the "
	    "table says");
}

static void
test_counting(void)
{
	static const char	 hop[] =
	    "H\xe1\xbb\xa3p t\xc3\xa1" "c x\xc3\xa3";
	static const char	 title[] = "B\xc3\xa1o c\xc3\xa1o t\xc3\xacnh "
	    "h\xc3\xacnh ho\xe1\xba\xa1t \xc4\x91\xe1\xbb\x99ng";
	static const size_t	 hop_at[] = { 0, 1, 4, 5, 6, 7, 9, 10, 11, 12 };
	const size_t		 n = strlen(hop);
	size_t			 i;
	bool			 right = true;

	is_str(hop, "Hợp tác xã", "the test text is what it says");
	is_int((long long)utf8_length(hop, n), 10,
	    "utf8_length(\"Hợp tác xã\") is 10");
	is_int((long long)utf8_length(title, strlen(title)), 27,
	    "utf8_length(\"Báo cáo tình hình hoạt động\") is 27");
	for (i = 0; i < nitems(hop_at); i++)
		if (utf8_offset(hop, n, i) != hop_at[i]) {
			diag("character %zu at %zu, want %zu", i,
			    utf8_offset(hop, n, i), hop_at[i]);
			right = false;
		}
	ok(right, "utf8_offset finds each character of \"Hợp tác xã\"");
	is_int((long long)utf8_offset(hop, n, 10), (long long)n,
	    "the offset of the character after the last is n");
	is_int((long long)utf8_offset(hop, n, 1000), (long long)n,
	    "an offset past the end is n");
	is_int((long long)utf8_offset(hop, 3, 2), 2,
	    "a character cut by n counts one per byte for offsets");
	is_int((long long)utf8_length(hop, 3), 3,
	    "a character cut by n counts one per byte");
	is_int((long long)utf8_length("", 0), 0, "the empty string has none");
	is_int((long long)utf8_length("a\xff" "b", 3), 3,
	    "an invalid byte counts as one character");
	is_int((long long)utf8_length("\xe1\xbb" "a", 3), 3,
	    "each byte of a truncated sequence counts as one");
	is_int((long long)utf8_length("\xed\xa0\x80", 3), 3,
	    "each byte of an encoded surrogate counts as one");
	is_int((long long)utf8_offset("a\xff\xc3\xa0z", 5, 3), 4,
	    "offsets step over an invalid byte as one character");
	is_int((long long)utf8_length("a\0b", 3), 3, "NUL is a character");
}

/* --- NFC ---------------------------------------------------------------- */

#define END	0	/* ends a code point list */

static const struct {
	uint32_t	 in[12];
	uint32_t	 want[12];
	const char	*why;
} nfc_cases[] = {
	/* Vietnamese typed with combining marks, in every order. */
	{ { 'H', 'o', 0x31b, 0x323, 'p', ' ', 't', 'a', 0x301, 'c', END },
	  { 'H', 0x1ee3, 'p', ' ', 't', 0xe1, 'c', END },
	  "\"Hợp tác\" from o + horn + dot below, a + acute" },
	{ { 'x', 'a', 0x303, END }, { 'x', 0xe3, END }, "xã from a + tilde" },
	{ { 'H', 'o', 0x323, 0x31b, 'p', END }, { 'H', 0x1ee3, 'p', END },
	  "ợ from o + dot below + horn (reordered)" },
	{ { 'H', 0x1ecd, 0x31b, 'p', END }, { 'H', 0x1ee3, 'p', END },
	  "ợ from ọ + horn" },
	{ { 'H', 0x1a1, 0x323, 'p', END }, { 'H', 0x1ee3, 'p', END },
	  "ợ from ơ + dot below" },
	{ { 'a', 0x323, 0x302, END }, { 0x1ead, END },
	  "ậ from a + dot below + circumflex" },
	{ { 'a', 0x302, 0x323, END }, { 0x1ead, END },
	  "ậ from a + circumflex + dot below" },
	{ { 0xe2, 0x323, END }, { 0x1ead, END }, "ậ from â + dot below" },
	{ { 0x1ea1, 0x302, END }, { 0x1ead, END }, "ậ from ạ + circumflex" },
	{ { 0xea, 0x323, END }, { 0x1ec7, END },
	  "ệ from ê + dot below (no direct pair)" },
	{ { 'e', 0x302, 0x303, END }, { 0x1ec5, END },
	  "ễ from e + circumflex + tilde" },
	{ { 'U', 0x31b, 0x300, 'D', 0x111, END }, { 0x1eea, 'D', 0x111, END },
	  "Ừ from U + horn + grave; đ has no decomposition" },
	/* Canonical reordering. */
	{ { 'x', 0x301, 0x316, END }, { 'x', 0x316, 0x301, END },
	  "marks reordered by class where nothing composes" },
	{ { 'q', 0x307, 0x323, END }, { 'q', 0x323, 0x307, END },
	  "dot above and dot below reordered" },
	{ { 'a', 0x301, 0x316, END }, { 0xe1, 0x316, END },
	  "a lower class between does not block" },
	{ { 'a', 0x5ae, 0x300, 0x301, END }, { 0xe0, 0x5ae, 0x301, END },
	  "the second mark of a class is blocked by the first" },
	{ { 0x1e0b, 0x323, END }, { 0x1e0d, 0x307, END },
	  "ḋ + dot below becomes ḍ + dot above" },
	{ { 'e', 0x301, 0x301, END }, { 0xe9, 0x301, END },
	  "only the first of two acutes composes" },
	/* Composition exclusions, singletons, non-starter decompositions. */
	{ { 0x958, END }, { 0x915, 0x93c, END },
	  "U+0958 is excluded from composition" },
	{ { 0x915, 0x93c, END }, { 0x915, 0x93c, END },
	  "U+0915 U+093C does not compose to the excluded U+0958" },
	{ { 0xfb1d, END }, { 0x5d9, 0x5b4, END }, "U+FB1D is excluded" },
	{ { 0x2126, END }, { 0x3a9, END }, "the ohm sign is a singleton" },
	{ { 0x212b, END }, { 0xc5, END }, "the angstrom sign is a singleton" },
	{ { 'A', 0x30a, END }, { 0xc5, END }, "A + ring above is Å" },
	{ { 0x344, END }, { 0x308, 0x301, END },
	  "U+0344, a non-starter decomposition" },
	{ { 0xf73, END }, { 0xf71, 0xf72, END },
	  "U+0F73, a non-starter decomposition" },
	{ { 0x1f82, END }, { 0x1f82, END },
	  "ᾂ stays: four code points compose back" },
	/* Starters that compose with starters. */
	{ { 0xcc6, 0xcd5, END }, { 0xcc7, END }, "Kannada two-part vowel" },
	{ { 0xcc6, 0xcc2, 0xcd5, END }, { 0xccb, END },
	  "Kannada three-part vowel" },
	/* Hangul. */
	{ { 0x1100, 0x1161, END }, { 0xac00, END }, "Hangul L + V" },
	{ { 0x1100, 0x1161, 0x11a8, END }, { 0xac01, END },
	  "Hangul L + V + T" },
	{ { 0xac00, 0x11a8, END }, { 0xac01, END }, "Hangul LV + T" },
	{ { 0xac01, 0x11a8, END }, { 0xac01, 0x11a8, END },
	  "Hangul LVT + T does not compose" },
	{ { 0x1112, 0x1161, 0x11ab, 0x1100, 0x116e, 0x11a8, 0x110b, 0x1165,
	    END }, { 0xd55c, 0xad6d, 0xc5b4, END }, "한국어 from jamo" },
	{ { 0x1100, 0x11a8, END }, { 0x1100, 0x11a8, END },
	  "Hangul L + T does not compose" },
	/* Already NFC, and marks with nothing to attach to. */
	{ { 'x', 0x301, END }, { 'x', 0x301, END },
	  "x + acute has no composite" },
	{ { 0xe9, 0x301, END }, { 0xe9, 0x301, END }, "é + acute stays" },
	{ { 0x301, 'e', END }, { 0x301, 'e', END },
	  "a leading mark stays and does not move" },
	{ { 0x316, 0x301, END }, { 0x316, 0x301, END },
	  "leading marks in order stay" },
	{ { 0x301, 0x316, END }, { 0x316, 0x301, END },
	  "leading marks are reordered" },
	{ { 0x10ffff, 0x1f600, 0xfffd, END },
	  { 0x10ffff, 0x1f600, 0xfffd, END },
	  "code points without normalisation data pass through" },
};

/* Appends the UTF-8 of the code points of v (up to END) to b. */
static void
add_cps(struct buf *b, const uint32_t *v)
{
	char	 enc[4];

	for (; *v != END; v++)
		buf_add(b, enc, (size_t)utf8_encode(*v, enc));
}

/* Checks utf8_nfc(in) == want, the same through utf8_nfc_append(),
 * idempotence and utf8_is_nfc(). */
static void
check_nfc(const char *in, size_t inlen, const char *want, size_t wantlen,
    const char *why)
{
	struct buf	 got = BUF_INIT;
	char		*s, *again;

	utf8_nfc_append(&got, in, inlen);
	if (!ok(got.len == wantlen && memcmp(got.s, want, wantlen) == 0,
	    "NFC: %s", why))
		diag("got '%s', want '%s'", got.s, want);
	s = utf8_nfc(in, inlen);
	ok(memcmp(s, got.s, got.len + 1) == 0,
	    "utf8_nfc and utf8_nfc_append agree: %s", why);
	again = utf8_nfc(got.s, got.len);
	ok(memcmp(again, got.s, got.len + 1) == 0, "NFC is idempotent: %s",
	    why);
	ok(utf8_is_nfc(got.s, got.len), "the result is NFC: %s", why);
	is_int(utf8_is_nfc(in, inlen), inlen == wantlen &&
	    memcmp(in, want, inlen) == 0, "utf8_is_nfc of the input: %s", why);
	free(again);
	free(s);
	buf_release(&got);
}

static void
test_nfc_cases(void)
{
	struct buf	 in = BUF_INIT, want = BUF_INIT;
	size_t		 i;

	for (i = 0; i < nitems(nfc_cases); i++) {
		buf_reset(&in);
		buf_reset(&want);
		add_cps(&in, nfc_cases[i].in);
		add_cps(&want, nfc_cases[i].want);
		check_nfc(in.s, in.len, want.s, want.len, nfc_cases[i].why);
	}
	buf_release(&in);
	buf_release(&want);
}

static void
test_nfc_bytes(void)
{
	static const char	 hop[] =
	    "H\xe1\xbb\xa3p t\xc3\xa1" "c x\xc3\xa3";
	struct buf		 b = BUF_INIT, want = BUF_INIT;
	char			*got;
	size_t			 i;

	check_nfc("", 0, "", 0, "the empty string");
	check_nfc("plain ASCII", 11, "plain ASCII", 11, "ASCII is unchanged");
	check_nfc(hop, strlen(hop), hop, strlen(hop),
	    "precomposed Vietnamese is unchanged");
	check_nfc("e\xff\xcc\x81", 4, "e\xff\xcc\x81", 4,
	    "an invalid byte is copied and blocks composition");
	check_nfc("\xe1\xbb" "e\xcc\x81", 5, "\xe1\xbb\xc3\xa9", 4,
	    "a truncated sequence is copied, what follows normalised");
	check_nfc("a\0e\xcc\x81", 5, "a\0\xc3\xa9", 4,
	    "NUL is a character like another");
	check_nfc("x\xcc\x81\xcc\x96\xff", 6, "x\xcc\x96\xcc\x81\xff", 6,
	    "a segment ended by an invalid byte is reordered");

	/* A long run of marks: past the stack buffer and the short sort. */
	buf_adds(&b, "a");
	for (i = 0; i < 100; i++)
		buf_adds(&b, "\xcc\x81\xcc\x96");	/* U+0301 U+0316 */
	buf_adds(&want, "\xc3\xa1");
	for (i = 0; i < 100; i++)
		buf_adds(&want, "\xcc\x96");
	for (i = 0; i < 99; i++)
		buf_adds(&want, "\xcc\x81");
	check_nfc(b.s, b.len, want.s, want.len,
	    "a run of 200 marks is sorted stably and composed once");

	/* Decomposed text, many times over, through utf8_nfc_append. */
	buf_reset(&b);
	buf_reset(&want);
	for (i = 0; i < 1000; i++) {
		buf_adds(&b, "Ho\xcc\xa3\xcc\x9bp ta\xcc\x81" "c xa\xcc\x83 ");
		buf_addf(&want, "%s ", hop);
	}
	buf_reset(&b);
	for (i = 0; i < 1000; i++)
		buf_adds(&b, "Ho\xcc\xa3\xcc\x9bp ta\xcc\x81" "c xa\xcc\x83 ");
	got = utf8_nfc(b.s, b.len);
	ok(strcmp(got, want.s) == 0, "a long decomposed text");
	free(got);
	buf_reset(&want);
	buf_adds(&want, "keep:");
	utf8_nfc_append(&want, b.s, b.len);
	ok(strncmp(want.s, "keep:", 5) == 0 && want.s[want.len] == '\0' &&
	    utf8_length(want.s, want.len) == 5 + 11 * 1000,
	    "utf8_nfc_append appends the NFC and keeps the NUL");
	buf_reset(&want);
	utf8_nfc_append(&want, "plain", 5);
	is_str(want.s, "plain", "utf8_nfc_append copies text already in NFC");
	buf_release(&b);
	buf_release(&want);
}

/* Every Hangul syllable decomposes and composes back by arithmetic. */
static void
test_nfc_hangul(void)
{
	uint32_t	 s, l, v, t;
	char		 in[12], want[4], *got;
	size_t		 n;
	int		 wl;
	bool		 right = true;

	for (s = 0xac00; s <= 0xd7a3; s++) {
		l = 0x1100 + (s - 0xac00) / (21 * 28);
		v = 0x1161 + (s - 0xac00) % (21 * 28) / 28;
		t = 0x11a7 + (s - 0xac00) % 28;
		n = (size_t)utf8_encode(l, in);
		n += (size_t)utf8_encode(v, in + n);
		if (t != 0x11a7)
			n += (size_t)utf8_encode(t, in + n);
		wl = utf8_encode(s, want);
		got = utf8_nfc(in, n);
		if (strlen(got) != (size_t)wl || memcmp(got, want, 3) != 0 ||
		    utf8_is_nfc(in, n) || !utf8_is_nfc(want, (size_t)wl))
			right = false;
		free(got);
	}
	ok(right, "all 11172 Hangul syllables compose from their jamo");
}

int
main(void)
{
	test_decode();
	test_bad();
	test_all_code_points();
	test_exhaustive();
	test_counting();
	test_nfc_cases();
	test_nfc_bytes();
	test_nfc_hangul();
	return done_testing();
}
