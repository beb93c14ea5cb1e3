/*
 * test-uuid.c: version 4 UUIDs and random bytes (src/uuid.c).
 */
#include "common.h"

#include "uuid.h"

#include "../tap.h"

#define COUNT	1000

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* True when u has the 8-4-4-4-12 form in lower-case hex. */
static bool
uuid_form(const char *u)
{
	size_t	 i;

	if (strlen(u) != UUID_STRLEN)
		return false;
	for (i = 0; i < UUID_STRLEN; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (u[i] != '-')
				return false;
		} else if (strchr("0123456789abcdef", u[i]) == NULL ||
		    u[i] == '\0')
			return false;
	}
	return true;
}

int
main(void)
{
	static char	 all[COUNT][UUID_STRLEN + 1];
	unsigned char	 r[64], zero[64];
	bool		 form = true, version = true, variant = true;
	size_t		 i, dups = 0;

	for (i = 0; i < COUNT; i++) {
		memset(all[i], 'X', sizeof(all[i]));
		uuid_v4(all[i]);
		if (!uuid_form(all[i])) {
			diag("bad form: %.37s", all[i]);
			form = false;
		}
		if (all[i][14] != '4')
			version = false;
		if (strchr("89ab", all[i][19]) == NULL)
			variant = false;
	}
	ok(form, "%d UUIDs have the form 8-4-4-4-12 in lower-case hex",
	    COUNT);
	ok(version, "each has version 4");
	ok(variant, "each has the variant 10xx (8, 9, a or b)");
	qsort(all, COUNT, sizeof(all[0]), str_cmp);
	for (i = 1; i < COUNT; i++)
		if (strcmp(all[i - 1], all[i]) == 0)
			dups++;
	is_int((long long)dups, 0, "%d UUIDs are distinct", COUNT);

	/* Not a test of randomness: that the buffer is filled at all. */
	memset(zero, 0, sizeof(zero));
	memset(r, 0, sizeof(r));
	random_bytes(r, sizeof(r));
	ok(memcmp(r, zero, sizeof(r)) != 0, "random_bytes fills the buffer");
	random_bytes(r, 0);
	ok(1, "random_bytes of nothing returns");
	return done_testing();
}
