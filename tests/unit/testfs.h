/*
 * testfs.h: header-only helpers for the unit tests that look at files
 * below a temporary directory (test-file.c, test-store.c).  Set
 * testfs_top to that directory first; every name is relative to it.
 */
#ifndef TESTFS_H
#define TESTFS_H

#include <dirent.h>
#include <unistd.h>

static char	*testfs_top;

/* <testfs_top>/<name>; the caller frees. */
static char * __attribute__((unused))
path_of(const char *name)
{
	char	*p;

	xasprintf(&p, "%s/%s", testfs_top, name);
	return p;
}

/* The permission bits of a path, or -1 when it is missing. */
static int __attribute__((unused))
mode_of(const char *name)
{
	struct stat	 st;
	char		*p = path_of(name);
	int		 m;

	m = lstat(p, &st) == 0 ? (int)(st.st_mode & 07777) : -1;
	free(p);
	return m;
}

static int __attribute__((unused))
exists(const char *name)
{
	char	*p = path_of(name);
	int	 r = access(p, F_OK) == 0;

	free(p);
	return r;
}

/* Removes the whole temporary directory at the end of a test. */
static void __attribute__((unused))
testfs_remove(void)
{
	char	*cmd;

	xasprintf(&cmd, "rm -rf '%s'", testfs_top);
	if (system(cmd) != 0)
		printf("# cannot remove %s\n", testfs_top);
	free(cmd);
}

#endif /* TESTFS_H */
