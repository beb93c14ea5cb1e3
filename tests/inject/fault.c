/*
 * fault.c: an LD_PRELOAD shim that makes chosen I/O calls fail, so that
 * tests can check how coopreport behaves when the disk fails or fills up
 * (STYLE.md rule 23; tests/t3000-store-faults.sh).  Built only with
 * --enable-fault-injection, as tests/inject/fault.so.
 *
 * Environment (read once, at the first intercepted call):
 *
 *   COOPREPORT_FAULT_OP     which call fails: write, fsync, fdatasync,
 *                           rename, close, open or mkdir.  Unset: the
 *                           shim does nothing at all.
 *   COOPREPORT_FAULT_ERRNO  the error: EIO (the default), ENOSPC, EDQUOT,
 *                           EACCES or EROFS.
 *   COOPREPORT_FAULT_PATH   only calls on a path that contains this
 *                           substring count; fd-based calls (write,
 *                           fsync, fdatasync, close) find their path
 *                           through /proc/self/fd.  Unset: every call of
 *                           the operation counts, stdout and stderr
 *                           included.
 *   COOPREPORT_FAULT_AFTER  N: the N-th counted call fails (default 1);
 *                           the calls before and after it go through.
 *   COOPREPORT_FAULT_LOG    a file to which the shim appends one line
 *                           "FAILED OP PATH" when it injects the fault,
 *                           so a test can tell that it fired.
 *
 * A failing close() still closes the descriptor, as Linux does.  A
 * failing write() writes nothing.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static int	 loaded;
static char	 op[16];
static char	 path_filter[4096];
static int	 fault_errno = EIO;
static long	 after = 1;
static long	 counted;
static char	 log_path[4096];

static void
load(void)
{
	const char	*s;

	if (loaded)
		return;
	loaded = 1;
	if ((s = getenv("COOPREPORT_FAULT_OP")) != NULL)
		snprintf(op, sizeof(op), "%s", s);
	if ((s = getenv("COOPREPORT_FAULT_PATH")) != NULL)
		snprintf(path_filter, sizeof(path_filter), "%s", s);
	if ((s = getenv("COOPREPORT_FAULT_AFTER")) != NULL && atol(s) > 0)
		after = atol(s);
	if ((s = getenv("COOPREPORT_FAULT_LOG")) != NULL)
		snprintf(log_path, sizeof(log_path), "%s", s);
	if ((s = getenv("COOPREPORT_FAULT_ERRNO")) != NULL) {
		if (strcmp(s, "ENOSPC") == 0)
			fault_errno = ENOSPC;
		else if (strcmp(s, "EDQUOT") == 0)
			fault_errno = EDQUOT;
		else if (strcmp(s, "EACCES") == 0)
			fault_errno = EACCES;
		else if (strcmp(s, "EROFS") == 0)
			fault_errno = EROFS;
	}
}

static void *
next(const char *name)
{
	void	*f = dlsym(RTLD_NEXT, name);

	if (f == NULL)
		abort();
	return f;
}

static void
fd_path(int fd, char *out, size_t size)
{
	char	 link[64];
	ssize_t	 n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, out, size - 1);
	out[n < 0 ? 0 : n] = '\0';
}

static void
log_fault(const char *what, const char *path)
{
	ssize_t	(*real_write)(int, const void *, size_t) = next("write");
	char	 line[4300];
	int	 fd, n;

	if (log_path[0] == '\0')
		return;
	fd = open(log_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd == -1)
		return;
	n = snprintf(line, sizeof(line), "FAILED %s %s\n", what, path);
	if (n > 0)
		(void)real_write(fd, line, (size_t)n < sizeof(line) ?
		    (size_t)n : sizeof(line) - 1);
	((int (*)(int))next("close"))(fd);
}

/* Whether this call, on this path, is the one to fail. */
static int
should_fail(const char *what, const char *path)
{
	load();
	if (op[0] == '\0' || strcmp(op, what) != 0)
		return 0;
	if (path_filter[0] != '\0' && strstr(path, path_filter) == NULL)
		return 0;
	if (++counted != after)
		return 0;
	log_fault(what, path);
	return 1;
}

static int
fd_should_fail(const char *what, int fd)
{
	char	 path[4096];

	load();
	if (op[0] == '\0' || strcmp(op, what) != 0)
		return 0;
	fd_path(fd, path, sizeof(path));
	return should_fail(what, path);
}

ssize_t
write(int fd, const void *buf, size_t len)
{
	static ssize_t	(*real)(int, const void *, size_t);

	if (real == NULL)
		real = next("write");
	if (fd_should_fail("write", fd)) {
		errno = fault_errno;
		return -1;
	}
	return real(fd, buf, len);
}

int
fsync(int fd)
{
	static int	(*real)(int);

	if (real == NULL)
		real = next("fsync");
	if (fd_should_fail("fsync", fd)) {
		errno = fault_errno;
		return -1;
	}
	return real(fd);
}

int
fdatasync(int fd)
{
	static int	(*real)(int);

	if (real == NULL)
		real = next("fdatasync");
	if (fd_should_fail("fdatasync", fd)) {
		errno = fault_errno;
		return -1;
	}
	return real(fd);
}

int
close(int fd)
{
	static int	(*real)(int);
	int		 fail;

	if (real == NULL)
		real = next("close");
	fail = fd_should_fail("close", fd);
	if (real(fd) == -1)
		return -1;
	if (fail) {
		errno = fault_errno;
		return -1;
	}
	return 0;
}

int
rename(const char *from, const char *to)
{
	static int	(*real)(const char *, const char *);

	if (real == NULL)
		real = next("rename");
	if (should_fail("rename", from) ||
	    (op[0] != '\0' && path_filter[0] != '\0' &&
	    strstr(from, path_filter) == NULL && should_fail("rename", to))) {
		errno = fault_errno;
		return -1;
	}
	return real(from, to);
}

int
mkdir(const char *path, mode_t mode)
{
	static int	(*real)(const char *, mode_t);

	if (real == NULL)
		real = next("mkdir");
	if (should_fail("mkdir", path)) {
		errno = fault_errno;
		return -1;
	}
	return real(path, mode);
}

int
open(const char *path, int flags, ...)
{
	static int	(*real)(const char *, int, ...);
	mode_t		 mode = 0;
	va_list		 ap;

	if (real == NULL)
		real = next("open");
	if (flags & (O_CREAT | O_TMPFILE)) {
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	if (should_fail("open", path)) {
		errno = fault_errno;
		return -1;
	}
	return real(path, flags, mode);
}
