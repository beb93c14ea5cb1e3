/*
 * test-file.c: the durability primitives (src/file.c, src/testhook.c):
 * atomic writes and their modes, failure paths that leave the old file
 * alone, reads with a size limit, directories, removal, durable renames,
 * the temp file registry, and the crash hook.
 */
#include "common.h"

#include <sys/resource.h>
#include <sys/wait.h>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "file.h"

#include "../tap.h"
#include "testfs.h"

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in a directory, sorted, joined by spaces; caller frees. */
static char *
listing(const char *name)
{
	struct dirent	*d;
	struct buf	 b = BUF_INIT;
	char		*dir = path_of(name), *names[64];
	size_t		 n = 0, i;
	DIR		*dp;

	dp = opendir(dir);
	free(dir);
	if (dp == NULL)
		return xstrdup("(none)");
	while ((d = readdir(dp)) != NULL && n < nitems(names))
		if (strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0)
			names[n++] = xstrdup(d->d_name);
	closedir(dp);
	qsort(names, n, sizeof(*names), str_cmp);
	for (i = 0; i < n; i++) {
		buf_addf(&b, "%s%s", i ? " " : "", names[i]);
		free(names[i]);
	}
	return buf_detach(&b, NULL);
}

/* Compares a file's bytes with want. */
static void
is_file(const char *name, const char *want, const char *desc)
{
	struct buf	 b = BUF_INIT, err = BUF_INIT;
	char		*p = path_of(name);

	if (file_read(p, 1 << 20, &b, &err) != 0)
		is_str(err.s, want, "%s", desc);
	else
		is_str(b.s, want, "%s", desc);
	free(p);
	buf_release(&b);
	buf_release(&err);
}

static void
is_listing(const char *dir, const char *want, const char *desc)
{
	char	*s = listing(dir);

	is_str(s, want, "%s", desc);
	free(s);
}

/* Runs in children before anything else, while the hook is unread. */
static void
test_stop_hook(void)
{
	struct buf	 err = BUF_INIT;
	char		*dir = path_of("stop"), *s;
	pid_t		 pid;
	int		 status;

	/* Not file_mkdir(): that is a durable step, which reads the hook. */
	mkdir(dir, 0700);
	if ((pid = fork()) == 0) {
		setenv("COOPREPORT_TEST_STOP_AFTER", "1", 1);
		file_write_atomic(dir, "a", "one\n", 4, &err);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == EXIT_CODE_TEST_STOP,
	    "COOPREPORT_TEST_STOP_AFTER=1 stops the process with 100");
	s = listing("stop");
	ok(strncmp(s, ".tmp-", 5) == 0 && strchr(s, ' ') == NULL,
	    "stopped after the temp file: only the temp file is there (%s)",
	    s);
	free(s);

	if ((pid = fork()) == 0) {
		setenv("COOPREPORT_TEST_STOP_AFTER", "2", 1);
		file_write_atomic(dir, "b", "two\n", 4, &err);
		file_write_atomic(dir, "c", "three\n", 6, &err);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == EXIT_CODE_TEST_STOP,
	    "COOPREPORT_TEST_STOP_AFTER=2 stops too");
	is_file("stop/b", "two\n",
	    "stopped after the rename: the file is whole");
	ok(!exists("stop/c"), "and the next write never happened");
	free(dir);
	buf_release(&err);
}

static void
test_write(void)
{
	struct buf	 err = BUF_INIT;
	char		*dir = path_of("w");

	is_int(file_mkdir(dir, &err), 0, "mkdir");
	is_int(mode_of("w"), 0700, "a new directory is 0700");
	is_int(file_mkdir(dir, &err), 0,
	    "mkdir of an existing directory is fine");
	is_int(file_write_atomic(dir, "f", "Hợp tác xã\n",
	    strlen("Hợp tác xã\n"), &err), 0,
	    "atomic write");
	is_file("w/f", "Hợp tác xã\n", "the content is there");
	is_int(mode_of("w/f"), 0600, "the file is 0600");
	is_listing("w", "f", "no temp file is left");
	is_int(file_write_atomic(dir, "f", "new\n", 4, &err), 0, "replace");
	is_file("w/f", "new\n", "the new content replaced the old");
	is_listing("w", "f", "still one file");
	is_int(file_write_atomic(dir, "empty", "", 0, &err), 0,
	    "an empty file");
	is_file("w/empty", "", "it is empty");
	is_int(file_write_atomic(dir, "a/b", "x", 1, &err), -1,
	    "a name with a slash is refused");
	ok(strstr(err.s, "not a plain file name") != NULL, "... saying why");
	free(dir);

	dir = path_of("nosuchdir");
	is_int(file_write_atomic(dir, "f", "x", 1, &err), -1,
	    "writing into a missing directory fails");
	ok(strstr(err.s, "nosuchdir") != NULL &&
	    strstr(err.s, "No such file or directory") != NULL,
	    "the message names the directory and the cause: %s", err.s);
	free(dir);

	/* A file where a directory should be. */
	dir = path_of("w/f");
	is_int(file_write_atomic(dir, "g", "x", 1, &err), -1,
	    "writing below a file fails");
	ok(strstr(err.s, "Not a directory") != NULL, "the cause: %s", err.s);
	is_int(file_mkdir(dir, &err), -1, "mkdir over a file fails");
	ok(strstr(err.s, "w/f") != NULL && strstr(err.s, "in the way") != NULL,
	    "the message names it: %s", err.s);
	free(dir);
	dir = path_of("w/f/sub");
	is_int(file_mkdir(dir, &err), -1, "mkdir below a file fails");
	free(dir);

	dir = path_of("deep/er/est");
	is_int(file_mkdir(dir, &err), 0, "mkdir creates missing parents");
	is_int(mode_of("deep/er"), 0700, "parents are 0700 too");
	free(dir);
	buf_release(&err);
}

static void
test_write_failures(void)
{
	struct buf	 err = BUF_INIT;
	struct rlimit	 old, small;
	char		*dir = path_of("w"), big[8192];

	/* A write that fails half way: the file size limit (EFBIG). */
	memset(big, 'x', sizeof(big));
	getrlimit(RLIMIT_FSIZE, &old);
	small = old;
	small.rlim_cur = 4096;
	signal(SIGXFSZ, SIG_IGN);
	setrlimit(RLIMIT_FSIZE, &small);
	is_int(file_write_atomic(dir, "f", big, sizeof(big), &err), -1,
	    "a write that fails half way fails");
	setrlimit(RLIMIT_FSIZE, &old);
	ok(strstr(err.s, "cannot write '") != NULL &&
	    strstr(err.s, "/w/f'") != NULL && strstr(err.s, "large") != NULL,
	    "the message names the file and the cause: %s", err.s);
	is_file("w/f", "new\n", "the old file is untouched");
	is_listing("w", "empty f", "the temp file is removed");

	if (geteuid() == 0) {
		ok(1, "read-only directory # SKIP root ignores permissions");
		ok(1, "read-only directory message # SKIP root");
		ok(1, "read-only directory listing # SKIP root");
	} else {
		chmod(dir, 0500);
		is_int(file_write_atomic(dir, "f", "x", 1, &err), -1,
		    "writing into a read-only directory fails");
		ok(strstr(err.s, "Permission denied") != NULL,
		    "the cause: %s", err.s);
		chmod(dir, 0700);
		is_file("w/f", "new\n", "the old file is untouched");
	}
	free(dir);
	buf_release(&err);
}

static void
test_read(void)
{
	struct buf	 b = BUF_INIT, err = BUF_INIT;
	char		*p = path_of("w/f");

	is_int(file_read(p, 4, &b, &err), 0, "read at exactly the limit");
	is_str(b.s, "new\n", "read appends the content");
	buf_reset(&b);
	is_int(file_read(p, 3, &b, &err), -1, "a file above the limit");
	ok(strstr(err.s, "/w/f'") != NULL &&
	    strstr(err.s, "larger than 3 bytes") != NULL,
	    "the message says so: %s", err.s);
	is_int((long long)b.len, 0, "nothing is kept of a refused file");
	free(p);
	p = path_of("w/none");
	is_int(file_read(p, 10, &b, &err), -1, "a missing file");
	ok(strstr(err.s, "cannot open '") != NULL &&
	    strstr(err.s, "No such file") != NULL, "message: %s", err.s);
	free(p);
	p = path_of("w");
	is_int(file_read(p, 10, &b, &err), -1, "a directory");
	ok(strstr(err.s, "not a regular file") != NULL, "message: %s", err.s);
	free(p);
	buf_release(&b);
	buf_release(&err);
}

static void
test_rename_remove(void)
{
	struct buf	 err = BUF_INIT;
	char		*a = path_of("r1"), *b = path_of("w/r2"), *c;

	file_mkdir(a, &err);
	c = path_of("r1/sub");
	file_mkdir(c, &err);
	file_write_atomic(c, "x", "x\n", 2, &err);
	free(c);
	is_int(file_rename_durable(a, b, &err), 0, "a directory moves");
	ok(!exists("r1") && exists("w/r2/sub/x"), "with what it holds");
	c = path_of("w/f");
	is_int(file_rename_durable(c, b, &err), -1,
	    "a move onto something that exists is refused");
	ok(strstr(err.s, "File exists") != NULL, "message: %s", err.s);
	ok(exists("w/f"), "and nothing moved");
	free(c);
	is_int(file_rename_durable(a, b, &err), -1, "moving nothing fails");
	ok(strstr(err.s, "cannot move '") != NULL, "message: %s", err.s);
	is_int(file_remove_tree(b, &err), 0, "a tree is removed");
	ok(!exists("w/r2"), "all of it");
	is_int(file_remove_tree(b, &err), 0, "removing what is gone is fine");
	free(a);
	free(b);
	buf_release(&err);
}

/* file_stamp(): the modification time only ever moves forward, even
 * twice in one clock tick, or from a time ahead of the clock. */
static void
test_stamp(void)
{
	struct timespec	 ahead[2];
	struct buf	 err = BUF_INIT;
	struct stat	 a, b;
	char		*p = path_of("w/lock");
	int		 fd, i, forward = 1;

	fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	ok(fd != -1, "a lock file to stamp");
	is_int(file_stamp(fd, p, &err), 0, "a file is stamped");
	fstat(fd, &a);
	for (i = 0; i < 100; i++) {
		file_stamp(fd, p, &err);
		fstat(fd, &b);
		if (b.st_mtim.tv_sec < a.st_mtim.tv_sec || (b.st_mtim.tv_sec ==
		    a.st_mtim.tv_sec && b.st_mtim.tv_nsec <= a.st_mtim.tv_nsec))
			forward = 0;
		a = b;
	}
	ok(forward, "100 stamps in a row each move its time forward");
	ahead[0].tv_nsec = UTIME_OMIT;
	ahead[1].tv_sec = time(NULL) + 3600;
	ahead[1].tv_nsec = 999999999;
	futimens(fd, ahead);
	file_stamp(fd, p, &err);
	fstat(fd, &b);
	ok(b.st_mtim.tv_sec == ahead[1].tv_sec + 1 && b.st_mtim.tv_nsec == 0,
	    "a time ahead of the clock moves on by one nanosecond");
	close(fd);
	is_int(file_stamp(fd, p, &err), -1, "a closed file is not stamped");
	ok(strstr(err.s, "cannot record a change in '") != NULL &&
	    strstr(err.s, "w/lock") != NULL, "message: %s", err.s);
	free(p);
	buf_release(&err);
}

static void
test_registry(void)
{
	char	*p = path_of("w/registered");
	pid_t	 pid;
	int	 status;
	FILE	*f;

	if ((f = fopen(p, "w")) != NULL)
		fclose(f);
	if ((pid = fork()) == 0) {
		file_temp_register(p);
		raise(SIGTERM);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
	    "the signal is raised again after the cleanup");
	ok(!exists("w/registered"), "SIGTERM removes a registered temp file");

	if ((f = fopen(p, "w")) != NULL)
		fclose(f);
	if ((pid = fork()) == 0) {
		file_temp_register(p);
		exit(0);
	}
	waitpid(pid, &status, 0);
	ok(!exists("w/registered"), "exit() removes a registered temp file");

	if ((f = fopen(p, "w")) != NULL)
		fclose(f);
	if ((pid = fork()) == 0) {
		/* A job started in the background has SIGINT ignored. */
		signal(SIGINT, SIG_DFL);
		file_temp_register(p);
		file_temp_unregister(p);
		raise(SIGINT);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT &&
	    exists("w/registered"), "an unregistered file stays");
	ok(file_is_temp_name(".tmp-1-2") && !file_is_temp_name("tmp-1"),
	    "temp names are recognised");
	free(p);
}

int
main(void)
{
	char	 tmpl[] = "/tmp/test-file.XXXXXX";

	if ((testfs_top = mkdtemp(tmpl)) == NULL) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	test_stop_hook();
	test_write();
	test_write_failures();
	test_read();
	test_rename_remove();
	test_stamp();
	test_registry();
	testfs_remove();
	return done_testing();
}
