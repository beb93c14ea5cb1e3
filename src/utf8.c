/*
 * utf8.c: decoding, encoding and counting UTF-8, and NFC.
 *
 * The decoder follows the Unicode Standard's table of well-formed byte
 * sequences (chapter 3, table 3-7): the second byte's range depends on
 * the first, which rules out overlong forms, surrogates and values above
 * U+10FFFF without decoding first and checking after.
 */
#include "common.h"

#include "utf8.h"

int
utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned char		 lo = 0x80, hi = 0xbf;
	uint32_t		 c;
	int			 len, i;

	if (n == 0)
		return -1;
	c = p[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c < 0xc2)
		return -1;		/* continuation, or overlong lead */
	if (c < 0xe0) {
		len = 2;
		c &= 0x1f;
	} else if (c < 0xf0) {
		len = 3;
		if (c == 0xe0)
			lo = 0xa0;	/* overlong */
		else if (c == 0xed)
			hi = 0x9f;	/* surrogates */
		c &= 0x0f;
	} else if (c < 0xf5) {
		len = 4;
		if (c == 0xf0)
			lo = 0x90;	/* overlong */
		else if (c == 0xf4)
			hi = 0x8f;	/* above U+10FFFF */
		c &= 0x07;
	} else
		return -1;
	if (n < (size_t)len)
		return -1;
	if (p[1] < lo || p[1] > hi)
		return -1;
	c = c << 6 | (p[1] & 0x3f);
	for (i = 2; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return -1;
		c = c << 6 | (p[i] & 0x3f);
	}
	*cp = c;
	return len;
}

int
utf8_encode(uint32_t c, char out[4])
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		if (c >= 0xd800 && c <= 0xdfff)
			return 0;
		out[0] = (char)(0xe0 | c >> 12);
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	if (c <= 0x10ffff) {
		out[0] = (char)(0xf0 | c >> 18);
		out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[3] = (char)(0x80 | (c & 0x3f));
		return 4;
	}
	return 0;
}

/* The length of the character at s, counting an invalid byte as one. */
static inline size_t
utf8_step(const char *s, size_t n)
{
	uint32_t	 c;
	int		 len;

	if ((unsigned char)*s < 0x80)
		return 1;
	len = utf8_decode(s, n, &c);
	return len < 0 ? 1 : (size_t)len;
}

bool
utf8_valid(const char *s, size_t n)
{
	uint32_t	 c;
	size_t		 i = 0;
	int		 len;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if ((len = utf8_decode(s + i, n - i, &c)) < 0)
			return false;
		i += (size_t)len;
	}
	return true;
}

size_t
utf8_length(const char *s, size_t n)
{
	size_t	 i = 0, count = 0;

	while (i < n) {
		i += utf8_step(s + i, n - i);
		count++;
	}
	return count;
}

size_t
utf8_offset(const char *s, size_t n, size_t idx)
{
	size_t	 i = 0;

	while (i < n && idx > 0) {
		i += utf8_step(s + i, n - i);
		idx--;
	}
	return i;
}
