/*
 * bench-store.c: how long listing and finding take in a large store
 * (src/store.c).  It fills drafts/ of a temporary store with N empty
 * entry directories (plain mkdir, no fsync: only the listing is
 * measured), then times store_walk() over them and store_entry_find()
 * of one id, and prints the numbers.
 *
 *   bench/bench-store [N]      N defaults to 100000
 */
#include "common.h"

#include <unistd.h>

#include "bench.h"
#include "store.h"

static int
count(const struct store_entry *e, void *arg)
{
	(void)e;
	++*(long *)arg;
	return 0;
}

int
main(int argc, char **argv)
{
	char		 tmpl[] = "/tmp/bench-store.XXXXXX", *dir, *p, *cmd;
	struct store	*st;
	struct store_entry *e;
	struct buf	 err = BUF_INIT;
	long		 n = argc > 1 ? atol(argv[1]) : 100000, i, seen = 0;
	double		 t0, t1, t2;

	if ((dir = mkdtemp(tmpl)) == NULL || store_open(dir, STORE_WRITE,
	    &st, &err) != 0) {
		fprintf(stderr, "bench-store: cannot set up: %s\n", err.s);
		return 1;
	}
	for (i = 0; i < n; i++) {
		xasprintf(&p, "%s/drafts/%ld.%08lx-0000-4000-8000-%012lx", dir,
		    1795311000L + i, (unsigned long)i * 2654435761UL %
		    0xffffffffUL, (unsigned long)i);
		if (mkdir(p, 0700) != 0) {
			fprintf(stderr, "bench-store: mkdir %s: %s\n", p,
			    strerror(errno));
			return 1;
		}
		free(p);
	}
	t0 = bench_seconds();
	store_walk(st, STORE_DRAFTS, count, &seen, &err);
	t1 = bench_seconds();
	/* The last entry's id: every state is scanned in full. */
	if (store_entry_find(st, "9e3779b1-0000-4000-8000-000000000001", &e,
	    &err) == 0)
		store_entry_free(e);
	if (store_entry_find(st, "00000000", &e, &err) == 0)
		store_entry_free(e);
	t2 = bench_seconds();
	printf("entries %ld\n", seen);
	printf("walk_seconds %.3f\n", t1 - t0);
	printf("find_seconds %.3f\n", (t2 - t1) / 2);
	store_close(st);
	xasprintf(&cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "bench-store: cannot remove %s\n", dir);
	free(cmd);
	buf_release(&err);
	return 0;
}
