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
	static const char	 hop[] = "H\xe1\xbb\xa3p t\xc3\xa1" "c x\xc3\xa3";
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

int
main(void)
{
	test_decode();
	test_bad();
	test_all_code_points();
	test_exhaustive();
	test_counting();
	return done_testing();
}
