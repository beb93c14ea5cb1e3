/*
 * base64.c: RFC 4648 base64 with the standard alphabet and padding.
 *
 * The decoder is strict, as RFC 4648 section 3.3 allows: it skips ASCII
 * whitespace (line breaks in XML text) but refuses any other character
 * outside the alphabet, input whose length is not a whole number of
 * four-character groups, "=" anywhere but at the end of the last group,
 * and non-zero bits under the padding (section 3.5), so that every
 * accepted string is the one encoding of its bytes.
 */
#include "common.h"

#include "base64.h"

static const char base64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

char *
base64_encode(const void *data, size_t n)
{
	const unsigned char	*p = data;
	char			*out, *o;
	uint32_t		 v;
	size_t			 i;

	if (n / 3 >= (SIZE_MAX - 1) / 4)
		oom();
	o = out = xmalloc((n + 2) / 3 * 4 + 1);
	for (i = 0; i + 3 <= n; i += 3) {
		v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
		*o++ = base64_alphabet[v >> 18];
		*o++ = base64_alphabet[(v >> 12) & 63];
		*o++ = base64_alphabet[(v >> 6) & 63];
		*o++ = base64_alphabet[v & 63];
	}
	if (n - i > 0) {
		v = (uint32_t)p[i] << 16;
		if (n - i == 2)
			v |= (uint32_t)p[i + 1] << 8;
		*o++ = base64_alphabet[v >> 18];
		*o++ = base64_alphabet[(v >> 12) & 63];
		*o++ = n - i == 2 ? base64_alphabet[(v >> 6) & 63] : '=';
		*o++ = '=';
	}
	*o = '\0';
	return out;
}

/* The value of an alphabet character, 64 for "=", 65 for whitespace,
 * or -1. */
static int
base64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	switch (c) {
	case '+':
		return 62;
	case '/':
		return 63;
	case '=':
		return 64;
	case ' ':
	case '\t':
	case '\n':
	case '\r':
	case '\f':
	case '\v':
		return 65;
	default:
		return -1;
	}
}

int
base64_decode(const char *s, size_t n, struct buf *out)
{
	size_t		 start = out->len, i;
	unsigned char	 bytes[3];
	uint32_t	 v = 0;
	int		 c, have = 0, pad = 0;
	bool		 ended = false;	/* a padded group was seen */

	for (i = 0; i < n; i++) {
		if ((c = base64_value((unsigned char)s[i])) == 65)
			continue;
		if (c < 0 || ended || (pad > 0 && c != 64))
			goto bad;
		if (c == 64) {
			/* "=" only as the third or fourth of a group. */
			if (have + pad < 2)
				goto bad;
			pad++;
		} else {
			v = v << 6 | (uint32_t)c;
			have++;
		}
		if (have + pad < 4)
			continue;
		if (pad > 0 && (v & ((1u << (2 * pad)) - 1)) != 0)
			goto bad;
		v <<= 6 * pad;
		bytes[0] = (unsigned char)(v >> 16);
		bytes[1] = (unsigned char)(v >> 8);
		bytes[2] = (unsigned char)v;
		buf_add(out, bytes, 3 - (size_t)pad);
		ended = pad > 0;
		v = 0;
		have = pad = 0;
	}
	if (have == 0 && pad == 0)
		return 0;
bad:
	buf_truncate(out, start);
	return -1;
}
