/*
 * standalone.c: replays a fuzz target's seed corpus without libFuzzer, so
 * that every normal "make check" (and the ASan, UBSan and valgrind runs)
 * feeds the target the inputs it was seeded with.  Each fuzz-NAME.c is
 * linked with this file as tests/fuzz/run-NAME; FUZZ_NAME names its corpus
 * directory, tests/fuzz/corpus/NAME.  It prints TAP, one line per input.
 */
#include "common.h"

#include <dirent.h>

#include "../tap.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
replay(const char *path)
{
	struct buf	 b = BUF_INIT;
	char		 chunk[8192];
	size_t		 n;
	FILE		*f;

	if ((f = fopen(path, "rb")) == NULL) {
		ok(0, "open %s: %s", path, strerror(errno));
		return;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	LLVMFuzzerTestOneInput((const uint8_t *)b.s, b.len);
	ok(1, "replayed %s", strrchr(path, '/') + 1);
	buf_release(&b);
}

int
main(void)
{
	const char	*top = getenv("top_srcdir");
	struct dirent	*d;
	char		*dir, *path, **names = NULL;
	size_t		 i, n = 0;
	DIR		*dp;

	xasprintf(&dir, "%s/tests/fuzz/corpus/%s", top ? top : ".",
	    FUZZ_NAME);
	if ((dp = opendir(dir)) == NULL) {
		ok(0, "open corpus %s: %s", dir, strerror(errno));
		free(dir);
		return done_testing();
	}
	while ((d = readdir(dp)) != NULL) {
		if (d->d_name[0] == '.')
			continue;
		names = xreallocarray(names, n + 1, sizeof(*names));
		names[n++] = xstrdup(d->d_name);
	}
	closedir(dp);
	qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n; i++) {
		xasprintf(&path, "%s/%s", dir, names[i]);
		replay(path);
		free(path);
		free(names[i]);
	}
	free(names);
	free(dir);
	ok(n > 0, "the corpus of %s is not empty", FUZZ_NAME);
	return done_testing();
}
