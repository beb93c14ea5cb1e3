/*
 * file.h: the durability primitives of coopreport, and the only module
 * that calls rename(), fsync() or fdatasync() (STYLE.md rule 13;
 * tests/t9001-source-rules.sh enforces it).
 *
 * Purpose: file_write_atomic() replaces one file so that a crash leaves
 * either the old bytes or the new ones, never a mixture; it writes
 * <dir>/.tmp-<pid>-<rand> (O_CREAT|O_EXCL|O_CLOEXEC|O_NOFOLLOW, 0600),
 * fsyncs it, checks close(), renames it over <dir>/<name> and fsyncs
 * <dir>.  file_rename_durable() moves a file or a whole directory and
 * fsyncs both parent directories.  file_read(), file_mkdir() (0700, with
 * missing parents) and file_remove_tree() complete the set.  Each durable
 * step calls test_step() (testhook.h): file_write_atomic() twice (after
 * the temp file is synced and closed; after the rename and the directory
 * sync), file_rename_durable() once, file_mkdir() once per directory it
 * creates.
 *
 * Temp files in flight are kept in a registry and removed by an atexit()
 * handler and by handlers for SIGINT, SIGTERM and SIGHUP, which then
 * re-raise the signal (as git's tempfile.h does).  file_temp_register()
 * and file_temp_unregister() expose the registry to callers that create
 * temp files of their own.
 *
 * Error handling: every function returns FILE_OK (0), or a negative
 * enum file_status with one line in err that names the file and ends
 * with strerror().  FILE_NOSPACE means the disk (or the quota) is full:
 * the message says so and the caller should treat it as a temporary
 * failure (EXIT_CODE_TEMPFAIL, STYLE.md rule 18).  On any failure before
 * its rename, file_write_atomic() removes its temp file and leaves the
 * old file untouched; if only the final directory sync fails, the new
 * file is in place but may not survive a power cut, and the error says
 * so.  file_rename_durable() renames back when a directory sync fails,
 * so that its failure leaves the tree as it was.
 *
 * Ownership: the caller keeps every argument; file_read() appends to the
 * caller's buffer.
 */
#ifndef FILE_H
#define FILE_H

enum file_status {
	FILE_OK = 0,		/* done */
	FILE_ERROR = -1,	/* failed; err says why */
	FILE_NOSPACE = -2,	/* the disk or quota is full: try later */
};

int	 file_write_atomic(const char *, const char *, const void *, size_t,
	    struct buf *);
int	 file_rename_durable(const char *, const char *, struct buf *);
int	 file_read(const char *, size_t, struct buf *, struct buf *);
/*
 * The same for the store's own files, faster: rel is opened relative to
 * the directory dirfd (path is the file's whole path, for messages),
 * without following a link and without blocking on a FIFO, and read in
 * as few read() calls as its size needs: one for an envelope.
 */
int	 file_read_at(int, const char *, const char *, size_t, struct buf *,
	    struct buf *);
int	 file_mkdir(const char *, struct buf *);
int	 file_remove_tree(const char *, struct buf *);
int	 file_sync_dir(const char *, struct buf *);
/*
 * Moves the modification time of the open file fd (named path, for
 * messages) forward, to now or to one nanosecond past its old one when
 * the clock has not moved on, and syncs it: a change counter that
 * survives a power cut.  The store's writers stamp its lock this way, so
 * that the summary cache can tell that nothing changed (summary.h).
 */
int	 file_stamp(int, const char *, struct buf *);
int	 file_is_temp_name(const char *);

void	 file_temp_register(const char *);
void	 file_temp_unregister(const char *);

#endif /* FILE_H */
