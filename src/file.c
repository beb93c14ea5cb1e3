/*
 * file.c: atomic file replacement, durable renames, and the registry of
 * temp files that a signal or an exit removes.  This file owns every
 * rename(), fsync() and fdatasync() of the tree.
 */
#include "common.h"

#include <sys/stat.h>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "file.h"
#include "testhook.h"

#define TEMP_PREFIX	".tmp-"
#define TEMP_SLOTS	16

/*
 * The registry is a fixed array so that the signal handler can walk it
 * without taking locks or allocating: a slot is filled only once its
 * string is complete, and emptied before the string is freed.
 */
static char *volatile	 temp_slot[TEMP_SLOTS];
static struct sigaction	 temp_old_action[3];
static const int	 temp_signals[3] = { SIGINT, SIGTERM, SIGHUP };
static int		 temp_installed;

static void
temp_remove_all(void)
{
	size_t	 i;
	char	*p;

	for (i = 0; i < TEMP_SLOTS; i++)
		if ((p = temp_slot[i]) != NULL)
			unlink(p);
}

static void
temp_on_signal(int sig)
{
	size_t	 i;

	temp_remove_all();
	for (i = 0; i < nitems(temp_signals); i++)
		if (temp_signals[i] == sig)
			sigaction(sig, &temp_old_action[i], NULL);
	raise(sig);
}

static void
temp_install(void)
{
	struct sigaction	 sa;
	size_t			 i;

	if (temp_installed)
		return;
	temp_installed = 1;
	atexit(temp_remove_all);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = temp_on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < nitems(temp_signals); i++)
		sigaction(temp_signals[i], &sa, &temp_old_action[i]);
}

void
file_temp_register(const char *path)
{
	size_t	 i;

	temp_install();
	for (i = 0; i < TEMP_SLOTS; i++) {
		if (temp_slot[i] == NULL) {
			temp_slot[i] = xstrdup(path);
			return;
		}
	}
	abort();	/* BUG: more temp files at once than the design has */
}

void
file_temp_unregister(const char *path)
{
	size_t	 i;
	char	*p;

	for (i = 0; i < TEMP_SLOTS; i++) {
		p = temp_slot[i];
		if (p != NULL && strcmp(p, path) == 0) {
			temp_slot[i] = NULL;
			free(p);
			return;
		}
	}
}

int
file_is_temp_name(const char *name)
{
	return strncmp(name, TEMP_PREFIX, strlen(TEMP_PREFIX)) == 0;
}

/*
 * Finishes an error message that the caller began with buf_errf(): a
 * full disk or quota gets a wording of its own, since the user can do
 * something about it; anything else ends with strerror().
 */
static int
io_cause(struct buf *err, int e)
{
	if (e == ENOSPC || e == EDQUOT) {
		if (err != NULL)
			buf_addf(err, _(": the disk is full (%s); free some "
			    "space and try again"), strerror(e));
		return FILE_NOSPACE;
	}
	if (err != NULL)
		buf_addf(err, ": %s", strerror(e));
	return FILE_ERROR;
}

int
file_stamp(int fd, const char *path, struct buf *err)
{
	struct timespec	 ts[2];
	struct stat	 sb;
	int		 e;

	if (fstat(fd, &sb) == -1)
		goto fail;
	clock_gettime(CLOCK_REALTIME, &ts[1]);
	if (ts[1].tv_sec < sb.st_mtim.tv_sec || (ts[1].tv_sec ==
	    sb.st_mtim.tv_sec && ts[1].tv_nsec <= sb.st_mtim.tv_nsec)) {
		ts[1] = sb.st_mtim;
		if (++ts[1].tv_nsec == 1000000000) {
			ts[1].tv_sec++;
			ts[1].tv_nsec = 0;
		}
	}
	ts[0].tv_sec = 0;
	ts[0].tv_nsec = UTIME_OMIT;
	if (futimens(fd, ts) == -1 || fsync(fd) == -1)
		goto fail;
	return FILE_OK;
fail:
	e = errno;
	buf_errf(err, _("cannot record a change in '%s'"), path);
	return io_cause(err, e);
}

int
file_sync_dir(const char *path, struct buf *err)
{
	int	 fd, e;

	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		e = errno;
		buf_errf(err, _("cannot open the directory '%s'"), path);
		return io_cause(err, e);
	}
	if (fsync(fd) == -1) {
		e = errno;
		close(fd);
		buf_errf(err, _("cannot sync the directory '%s'"), path);
		return io_cause(err, e);
	}
	if (close(fd) == -1) {
		e = errno;
		buf_errf(err, _("cannot sync the directory '%s'"), path);
		return io_cause(err, e);
	}
	return FILE_OK;
}

/* Writes everything, through short writes and EINTR. */
static int
write_all(int fd, const void *data, size_t len)
{
	const char	*p = data;
	ssize_t		 n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Creates <dir>/.tmp-<pid>-<n>, registered for removal.  The suffix mixes
 * a counter with the clock; O_EXCL settles any collision (a crashed
 * process with the same pid), so it only needs to differ, not to be
 * secret.  Returns the fd, or -1 with errno set and *path NULL.
 */
static int
temp_create(const char *dir, char **path)
{
	static unsigned	 counter;
	struct timespec	 ts;
	unsigned	 tries;
	int		 fd;

	for (tries = 0; tries < 100; tries++) {
		clock_gettime(CLOCK_REALTIME, &ts);
		xasprintf(path, "%s/" TEMP_PREFIX "%ld-%lx", dir,
		    (long)getpid(), ((unsigned long)ts.tv_nsec << 8) ^
		    counter++);
		fd = open(*path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC |
		    O_NOFOLLOW, 0600);
		if (fd != -1) {
			file_temp_register(*path);
			return fd;
		}
		free(*path);
		*path = NULL;
		if (errno != EEXIST)
			return -1;
	}
	errno = EEXIST;
	return -1;
}

static int
name_ok(const char *name)
{
	return *name != '\0' && strchr(name, '/') == NULL &&
	    strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

int
file_write_atomic(const char *dir, const char *name, const void *data,
    size_t len, struct buf *err)
{
	char	*tmp = NULL, *dst;
	int	 fd, e, rc = FILE_ERROR;

	xasprintf(&dst, "%s/%s", dir, name);
	if (!name_ok(name)) {
		buf_errf(err, _("cannot write '%s': not a plain file name"),
		    dst);
		goto out;
	}
	if ((fd = temp_create(dir, &tmp)) == -1) {
		e = errno;
		buf_errf(err, _("cannot create a file in '%s'"), dir);
		rc = io_cause(err, e);
		goto out;
	}
	if (write_all(fd, data, len) == -1) {
		e = errno;
		close(fd);
		buf_errf(err, _("cannot write '%s'"), dst);
		rc = io_cause(err, e);
		goto fail;
	}
	if (fsync(fd) == -1) {
		e = errno;
		close(fd);
		buf_errf(err, _("cannot sync '%s'"), dst);
		rc = io_cause(err, e);
		goto fail;
	}
	/* Some file systems (NFS, quotas) report a failed write only here. */
	if (close(fd) == -1) {
		e = errno;
		buf_errf(err, _("cannot write '%s'"), dst);
		rc = io_cause(err, e);
		goto fail;
	}
	test_step("temp file written");
	if (rename(tmp, dst) == -1) {
		e = errno;
		buf_errf(err, _("cannot replace '%s'"), dst);
		rc = io_cause(err, e);
		goto fail;
	}
	file_temp_unregister(tmp);
	if ((rc = file_sync_dir(dir, err)) != FILE_OK) {
		buf_addf(err, _(" ('%s' was written but may not survive a "
		    "power cut)"), dst);
		goto out;
	}
	test_step("file replaced");
	rc = FILE_OK;
	goto out;
fail:
	/* The one place a failed write is undone. */
	unlink(tmp);
	file_temp_unregister(tmp);
out:
	free(tmp);
	free(dst);
	return rc;
}

/* The directory part of path ("." when there is none); caller frees. */
static char *
parent_of(const char *path)
{
	const char	*slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int
file_rename_durable(const char *from, const char *to, struct buf *err)
{
	struct stat	 st;
	char		*pfrom, *pto;
	int		 e, rc;

	if (lstat(to, &st) == 0) {
		buf_errf(err, _("cannot move '%s' to '%s': %s"), from, to,
		    strerror(EEXIST));
		return FILE_ERROR;
	}
	if (rename(from, to) == -1) {
		e = errno;
		buf_errf(err, _("cannot move '%s' to '%s'"), from, to);
		return io_cause(err, e);
	}
	pfrom = parent_of(from);
	pto = parent_of(to);
	rc = file_sync_dir(pto, err);
	if (rc == FILE_OK && strcmp(pfrom, pto) != 0)
		rc = file_sync_dir(pfrom, err);
	if (rc != FILE_OK) {
		/* Not known to be durable: put it back, as before the call. */
		if (rename(to, from) == 0) {
			(void)file_sync_dir(pto, NULL);
			(void)file_sync_dir(pfrom, NULL);
		}
	} else
		test_step("rename");
	free(pfrom);
	free(pto);
	return rc;
}

/*
 * Reads fd to its end into out (at most max bytes) and closes it; path
 * is for messages.  With short_is_end, a short read ends it: a regular
 * file's end, without the one more read() that would return 0.
 */
static int
read_all(int fd, const char *path, size_t max, int short_is_end,
    struct buf *out, struct buf *err)
{
	size_t	 start = out->len, want = 4096;
	ssize_t	 n;
	int	 e;

	for (;;) {
		buf_grow(out, want);
		n = read(fd, out->s + out->len, want);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			e = errno;
			close(fd);
			buf_truncate(out, start);
			if (e == EISDIR || e == EAGAIN)
				return buf_errf(err, _("cannot read '%s': not "
				    "a regular file"), path);
			buf_errf(err, _("cannot read '%s'"), path);
			return io_cause(err, e);
		}
		if ((size_t)n > max - (out->len - start)) {
			close(fd);
			buf_truncate(out, start);
			return buf_errf(err, _("cannot read '%s': it is larger "
			    "than %zu bytes"), path, max);
		}
		out->len += (size_t)n;
		out->s[out->len] = '\0';
		if (n == 0 || (short_is_end && (size_t)n < want))
			break;
		want = 65536;
	}
	close(fd);
	return FILE_OK;
}

int
file_read(const char *path, size_t max, struct buf *out, struct buf *err)
{
	struct stat	 st;
	int		 fd, e;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		e = errno;
		buf_errf(err, _("cannot open '%s'"), path);
		return io_cause(err, e);
	}
	if (fstat(fd, &st) == -1) {
		e = errno;
		close(fd);
		buf_errf(err, _("cannot read '%s'"), path);
		return io_cause(err, e);
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return buf_errf(err, _("cannot read '%s': not a regular file"),
		    path);
	}
	return read_all(fd, path, max, 0, out, err);
}

int
file_read_at(int dirfd, const char *rel, const char *path, size_t max,
    struct buf *out, struct buf *err)
{
	int	 fd, e;

	/* No link followed; a FIFO does not block, and is refused. */
	if ((fd = openat(dirfd, rel, O_RDONLY | O_CLOEXEC | O_NOFOLLOW |
	    O_NONBLOCK)) == -1) {
		e = errno;
		buf_errf(err, _("cannot open '%s'"), path);
		return io_cause(err, e);
	}
	return read_all(fd, path, max, 1, out, err);
}

/* Creates one directory; 1 if it was made, 0 if it was there already. */
static int
mkdir_one(const char *path, struct buf *err)
{
	struct stat	 st;
	char		*parent;
	int		 e, rc;

	if (mkdir(path, 0700) == -1) {
		e = errno;
		if (e == EEXIST && stat(path, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				return 0;
			return buf_errf(err, _("cannot create the directory "
			    "'%s': a file of that name is in the way"), path);
		}
		buf_errf(err, _("cannot create the directory '%s'"), path);
		return io_cause(err, e);
	}
	parent = parent_of(path);
	rc = file_sync_dir(parent, err);
	free(parent);
	if (rc != FILE_OK) {
		(void)rmdir(path);
		return rc;
	}
	test_step("mkdir");
	return 1;
}

int
file_mkdir(const char *path, struct buf *err)
{
	struct stat	 st;
	char		*p, *slash;
	int		 rc = FILE_OK;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return FILE_OK;
	p = xstrdup(path);
	/* Each missing parent first, then the directory itself. */
	for (slash = strchr(p + 1, '/'); slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))
			rc = mkdir_one(p, err);
		*slash = '/';
		if (rc < 0)
			break;
	}
	if (rc >= 0)
		rc = mkdir_one(p, err);
	free(p);
	return rc < 0 ? rc : FILE_OK;
}

int
file_remove_tree(const char *path, struct buf *err)
{
	struct stat	 st;
	struct dirent	*d;
	DIR		*dp;
	char		*sub;
	int		 e, rc = FILE_OK;

	if (lstat(path, &st) == -1) {
		if (errno == ENOENT)
			return FILE_OK;
		e = errno;
		buf_errf(err, _("cannot remove '%s'"), path);
		return io_cause(err, e);
	}
	if (!S_ISDIR(st.st_mode)) {
		if (unlink(path) == -1 && errno != ENOENT) {
			e = errno;
			buf_errf(err, _("cannot remove '%s'"), path);
			return io_cause(err, e);
		}
		return FILE_OK;
	}
	if ((dp = opendir(path)) == NULL) {
		e = errno;
		buf_errf(err, _("cannot remove '%s'"), path);
		return io_cause(err, e);
	}
	while (rc == FILE_OK && (d = readdir(dp)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		xasprintf(&sub, "%s/%s", path, d->d_name);
		rc = file_remove_tree(sub, err);
		free(sub);
	}
	closedir(dp);
	if (rc == FILE_OK && rmdir(path) == -1 && errno != ENOENT) {
		e = errno;
		buf_errf(err, _("cannot remove '%s'"), path);
		return io_cause(err, e);
	}
	return rc;
}
