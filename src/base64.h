/*
 * base64.h: RFC 4648 base64 (standard alphabet, with padding).
 *
 * base64_encode() returns a string that is the caller's to free().
 * base64_decode() appends the decoded bytes to out and returns 0, or -1
 * when the input is not valid base64 (ASCII whitespace is skipped).
 */
#ifndef BASE64_H
#define BASE64_H

char	*base64_encode(const void *, size_t);
int	 base64_decode(const char *, size_t, struct buf *);

#endif /* BASE64_H */
