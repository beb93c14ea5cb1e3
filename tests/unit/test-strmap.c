/*
 * test-strmap.c: src/strmap.c, the hash table behind the form indexes.
 */
#include "common.h"

#include "strmap.h"
#include "../tap.h"

int
main(void)
{
	struct strmap		 m;
	struct strmap_entry	*e;
	char			 key[32];
	size_t			 i, pos = 0, seen = 0, bad = 0;
	int			 vals[1000];

	strmap_init(&m);
	ok(strmap_get(&m, "x") == NULL, "an empty map finds nothing");
	for (i = 0; i < nitems(vals); i++) {
		vals[i] = (int)i;
		snprintf(key, sizeof(key), "/data/q%zu", i);
		if (strmap_put(&m, key, &vals[i]) != NULL)
			bad++;
	}
	is_int((long long)bad, 0, "1000 new keys replace nothing");
	is_int((long long)m.count, 1000, "the map counts 1000 entries");
	for (i = 0, bad = 0; i < nitems(vals); i++) {
		snprintf(key, sizeof(key), "/data/q%zu", i);
		if (strmap_get(&m, key) != &vals[i])
			bad++;
	}
	is_int((long long)bad, 0, "every key finds its value");
	ok(strmap_get(&m, "/data/q1000") == NULL, "a missing key is NULL");
	ok(strmap_getn(&m, "/data/q12345", 9) == &vals[12],
	    "a key given by length finds its value");
	ok(strmap_put(&m, "/data/q7", &vals[8]) == &vals[7],
	    "replacing a key returns the old value");
	ok(strmap_get(&m, "/data/q7") == &vals[8], "and stores the new one");
	while ((e = strmap_next(&m, &pos)) != NULL)
		seen++;
	is_int((long long)seen, 1000, "iteration visits every entry once");
	strmap_release(&m);
	is_int((long long)m.count, 0, "release empties the map");
	return done_testing();
}
