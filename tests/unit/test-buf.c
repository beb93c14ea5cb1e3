/*
 * test-buf.c: struct buf (src/buf.c).
 */
#include "common.h"

#include "../tap.h"

int
main(void)
{
	struct buf	 b = BUF_INIT, err = BUF_INIT;
	char		*s;
	size_t		 len, i;

	is_str(b.s, "", "a new buffer is the empty string");
	buf_adds(&b, "Hợp tác xã");
	is_int((long long)b.len, 14, "length counts bytes");
	buf_addc(&b, '!');
	buf_addf(&b, " %d/%s", 42, "x");
	is_str(b.s, "Hợp tác xã! 42/x", "add, addc and addf append");
	buf_truncate(&b, 4);
	is_str(b.s, "Hợ", "truncate cuts and terminates");
	buf_truncate(&b, 100);
	is_int((long long)b.len, 4, "truncate never grows");

	buf_reset(&b);
	for (i = 0; i < 10000; i++)
		buf_addf(&b, "%zu,", i % 10);
	is_int((long long)b.len, 20000, "growth keeps every byte");
	ok(b.s[b.len] == '\0', "always NUL-terminated after growth");

	s = buf_detach(&b, &len);
	is_int((long long)len, 20000, "detach reports the length");
	is_str(b.s, "", "the buffer is empty after detach");
	free(s);
	s = buf_detach(&b, NULL);
	is_str(s, "", "detaching an empty buffer gives an owned empty string");
	free(s);

	is_int(buf_errf(&err, "cannot open '%s'", "a.xml"), -1,
	    "buf_errf returns -1");
	buf_wrapf(&err, "cannot load form");
	is_str(err.s, "cannot load form: cannot open 'a.xml'",
	    "buf_wrapf puts the context in front");
	buf_errf(&err, "second");
	is_str(err.s, "second", "buf_errf replaces the old text");
	is_int(buf_errf(NULL, "x"), -1, "a NULL err is allowed");
	buf_release(&err);

	buf_add(&b, "a\0b", 3);
	is_int((long long)b.len, 3, "binary data keeps embedded NUL");
	buf_release(&b);
	buf_release(&b);
	ok(b.cap == 0 && b.len == 0, "release twice is harmless");
	return done_testing();
}
