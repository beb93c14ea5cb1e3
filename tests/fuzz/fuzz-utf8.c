/*
 * fuzz-utf8.c: libFuzzer target for src/utf8.c.  For any bytes x:
 * NFC(NFC(x)) == NFC(x); NFC(x) is valid UTF-8 when x is; utf8_is_nfc()
 * agrees with utf8_nfc() on x and holds on NFC(x); utf8_nfc() and
 * utf8_nfc_append() agree; the counting functions agree with each other.
 * Any broken property aborts.
 */
#include "common.h"

#include "utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check(bool cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz-utf8: %s\n", what);
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	const char	*s = (const char *)data;
	struct buf	 once = BUF_INIT, twice = BUF_INIT;
	size_t		 chars, i, off;
	char		*str;
	bool		 same;

	utf8_nfc_append(&once, s, n);
	utf8_nfc_append(&twice, once.s, once.len);
	check(once.len == twice.len &&
	    memcmp(once.s, twice.s, once.len) == 0, "NFC is not idempotent");
	check(!utf8_valid(s, n) || utf8_valid(once.s, once.len),
	    "NFC of valid UTF-8 is not valid");
	check(utf8_is_nfc(once.s, once.len), "NFC is not NFC to utf8_is_nfc");
	same = once.len == n && memcmp(once.s, s, n) == 0;
	check(utf8_is_nfc(s, n) == same, "utf8_is_nfc disagrees with utf8_nfc");
	str = utf8_nfc(s, n);
	check(memcmp(str, once.s, once.len + 1) == 0,
	    "utf8_nfc and utf8_nfc_append disagree");
	free(str);

	chars = utf8_length(s, n);
	check(chars <= n, "more characters than bytes");
	check(utf8_offset(s, n, chars) == n, "the offset of the end is not n");
	for (i = 0, off = 0; i < chars && i < 64; i++) {
		check(utf8_offset(s, n, i) >= off, "offsets go backwards");
		off = utf8_offset(s, n, i);
		check(utf8_length(s, off) == i, "length and offset disagree");
	}
	buf_release(&once);
	buf_release(&twice);
	return 0;
}
