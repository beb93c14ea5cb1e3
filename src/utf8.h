/*
 * utf8.h: the little UTF-8 that coopreport needs: decoding, encoding,
 * counting characters, and Unicode normalisation form C (NFC), so that
 * Vietnamese typed in decomposed form ("a" + U+0323 + U+0302) is stored
 * as the precomposed characters ("ậ").
 *
 * Calling sequence and errors: utf8_decode() reads one code point from s
 * (at most n bytes) and returns its length in bytes, or -1 for an invalid
 * or truncated sequence (overlong forms, surrogates and values above
 * U+10FFFF are invalid).  utf8_valid() checks a whole string.  The
 * counting functions treat each invalid byte as one character, so they
 * never fail.
 *
 * Ownership: utf8_nfc() returns a string that is the caller's to free();
 * the others return pointers into, or lengths of, the caller's string.
 */
#ifndef UTF8_H
#define UTF8_H

int	 utf8_decode(const char *, size_t, uint32_t *);
/* Writes 1 to 4 bytes into out; returns the count, or 0 for a value that
 * cannot be encoded (a surrogate or above U+10FFFF). */
int	 utf8_encode(uint32_t, char out[4]);
bool	 utf8_valid(const char *, size_t);
/* Characters in the first n bytes of s. */
size_t	 utf8_length(const char *, size_t);
/* Byte offset of character number idx (from 0) in the n bytes of s, or n
 * when s has fewer characters. */
size_t	 utf8_offset(const char *, size_t, size_t);
/* NFC of the n bytes of s (which must be valid UTF-8; invalid bytes are
 * copied as they are, and nothing composes across one). */
char	*utf8_nfc(const char *, size_t);
/* The same, appended to out (which keeps its NUL termination): for
 * callers that need the length or build a larger string. */
void	 utf8_nfc_append(struct buf *, const char *, size_t);
/* True when s is already in NFC: the quick check of UAX #15, and where
 * that cannot decide, the segment concerned normalised and compared
 * (no allocation unless a segment decomposes to over 32 code points). */
bool	 utf8_is_nfc(const char *, size_t);
/* The Unicode version of the NFC tables, such as "14.0.0". */
const char *utf8_unicode_version(void);

#endif /* UTF8_H */
