/*
 * store.c: the layout, the lock, the space check and the entries of the
 * spool.  Every change goes through file.c; this file decides where
 * things go and in which order, so that each visible step is complete.
 */
#include "common.h"

#include <sys/statvfs.h>

#include <dirent.h>
#include <fcntl.h>
#include <pwd.h>
#include <unistd.h>

#include "file.h"
#include "store.h"
#include "testhook.h"

/* Directory names; the order is enum store_state's. */
static const char *const state_names[STORE_NSTATES] = {
	"drafts", "outbox", "sent", "failed", "quarantine",
};

/* What store_open() creates besides the state directories. */
static const char *const other_dirs[] = { "tmp", "forms", "profiles" };

#define DELETED_PREFIX	"deleted."
#define MIN_FREE_KB	(20 * 1024)	/* 20 MB */
#define MIN_FREE_PCT	5
#define MIN_FREE_INODES	100

const char *
store_state_name(enum store_state s)
{
	return (unsigned)s < STORE_NSTATES ? state_names[s] : "?";
}

int
store_state_from_name(const char *name, enum store_state *out)
{
	int	 i;

	for (i = 0; i < STORE_NSTATES; i++) {
		if (strcmp(name, state_names[i]) == 0) {
			*out = (enum store_state)i;
			return 0;
		}
	}
	return -1;
}

enum exit_code
store_exit_code(int rc)
{
	if (rc == STORE_OK)
		return EXIT_CODE_OK;
	return rc == STORE_TEMPFAIL ? EXIT_CODE_TEMPFAIL : EXIT_CODE_ERROR;
}

/* file.c and store.c share their status values. */
_Static_assert((int)FILE_NOSPACE == (int)STORE_TEMPFAIL, "status values");
_Static_assert((int)FILE_ERROR == (int)STORE_ERROR, "status values");

char *
store_default_path(void)
{
	const char	*s;
	struct passwd	*pw;
	char		*path;

	if ((s = getenv("COOPREPORT_HOME")) != NULL && *s != '\0')
		return xstrdup(s);
	if ((s = getenv("XDG_DATA_HOME")) != NULL && *s == '/') {
		xasprintf(&path, "%s/coopreport", s);
		return path;
	}
	if ((s = getenv("HOME")) == NULL || *s == '\0') {
		if ((pw = getpwuid(getuid())) == NULL)
			return NULL;
		s = pw->pw_dir;
	}
	xasprintf(&path, "%s/.local/share/coopreport", s);
	return path;
}

static void
need_writer(const struct store *st)
{
	if (!(st->flags & STORE_WRITE))
		abort();	/* BUG: a change through a reader's store */
}

/*
 * A store that another user can write to could be made to send forged
 * reports, so it is refused outright.  Returns 1 when path is missing
 * and may_miss, 0 when safe, or -1.
 */
static int
check_safe(const char *store, const char *path, int follow, int may_miss,
    struct buf *err)
{
	struct stat	 st;
	int		 e;

	if ((follow ? stat(path, &st) : lstat(path, &st)) == -1) {
		e = errno;
		if (e == ENOENT && may_miss)
			return 1;
		return buf_errf(err, _("cannot open the store '%s': '%s': %s"),
		    store, path, strerror(e));
	}
	if (!S_ISDIR(st.st_mode))
		return buf_errf(err, _("cannot open the store '%s': '%s' is "
		    "not a directory"), store, path);
	if (st.st_uid != geteuid())
		return buf_errf(err, _("store '%s' is not safe to use: '%s' "
		    "belongs to another user"), store, path);
	if (st.st_mode & 022)
		return buf_errf(err, _("store '%s' is not safe to use: '%s' "
		    "can be changed by other users (run 'chmod go-w %s')"),
		    store, path, path);
	return 0;
}

/* <store>/<sub>; the caller frees. */
static char *
store_sub(const struct store *st, const char *sub)
{
	char	*p;

	xasprintf(&p, "%s/%s", st->path, sub);
	return p;
}

/* Checks, and for a writer creates, every directory of the layout. */
static int
open_layout(struct store *st, struct buf *err)
{
	const char	*subs[STORE_NSTATES + nitems(other_dirs)];
	size_t		 i;
	char		*p;
	int		 rc = 0;

	for (i = 0; i < STORE_NSTATES; i++)
		subs[i] = state_names[i];
	for (i = 0; i < nitems(other_dirs); i++)
		subs[STORE_NSTATES + i] = other_dirs[i];
	for (i = 0; i < nitems(subs) && rc >= 0; i++) {
		p = store_sub(st, subs[i]);
		if (st->flags & STORE_WRITE)
			rc = file_mkdir(p, err);
		if (rc >= 0)
			rc = check_safe(st->path, p, 0,
			    !(st->flags & STORE_WRITE), err);
		free(p);
	}
	return rc < 0 ? rc : STORE_OK;
}

static int
take_lock(struct store *st, struct buf *err)
{
	struct flock	 fl;
	char		*p = store_sub(st, "lock");
	int		 e;

	st->lock_fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (st->lock_fd == -1) {
		e = errno;
		buf_errf(err, _("cannot open '%s': %s"), p, strerror(e));
		free(p);
		return e == ENOSPC || e == EDQUOT ? STORE_TEMPFAIL :
		    STORE_ERROR;
	}
	free(p);
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	/* F_SETLK, not F_SETLKW: a second writer fails at once. */
	if (fcntl(st->lock_fd, F_SETLK, &fl) == -1) {
		e = errno;
		close(st->lock_fd);
		st->lock_fd = -1;
		if (e == EAGAIN || e == EACCES) {
			buf_errf(err, _("store '%s' is locked by another "
			    "coopreport"), st->path);
			return STORE_TEMPFAIL;
		}
		return buf_errf(err, _("cannot lock the store '%s': %s"),
		    st->path, strerror(e));
	}
	/* Before any change: readers' caches of the store are stale now. */
	p = store_sub(st, "lock");
	e = file_stamp(st->lock_fd, p, err);
	free(p);
	if (e < 0) {
		close(st->lock_fd);
		st->lock_fd = -1;
		return e == FILE_NOSPACE ? STORE_TEMPFAIL : STORE_ERROR;
	}
	return STORE_OK;
}

/* One file's part of store_stamp(); its ctime raises *newest. */
static int
add_stamp(const char *path, int dir, struct buf *out, time_t *newest)
{
	struct stat	 sb;

	if (lstat(path, &sb) == -1) {
		/* Not there yet: no writer ever came, and the first makes it
		 * (a directory made by hand shows as soon as it is). */
		if (errno != ENOENT)
			return -1;
		buf_adds(out, " -");
		return 0;
	}
	if (dir ? !S_ISDIR(sb.st_mode) : !S_ISREG(sb.st_mode))
		return -1;
	buf_addf(out, " %llu.%lld.%09ld.%lld.%09ld",
	    (unsigned long long)sb.st_ino, (long long)sb.st_mtim.tv_sec,
	    (long)sb.st_mtim.tv_nsec, (long long)sb.st_ctim.tv_sec,
	    (long)sb.st_ctim.tv_nsec);
	if (sb.st_ctim.tv_sec > *newest)
		*newest = sb.st_ctim.tv_sec;
	return 0;
}

int
store_stamp(struct store *st, struct buf *out, time_t *newest)
{
	char	*p;
	int	 i, rc;

	*newest = 0;
	p = store_sub(st, "lock");
	rc = add_stamp(p, 0, out, newest);
	free(p);
	for (i = 0; rc == 0 && i < STORE_NSTATES; i++) {
		p = store_sub(st, state_names[i]);
		rc = add_stamp(p, 1, out, newest);
		free(p);
	}
	return rc;
}

int
store_writer_active(struct store *st)
{
	struct flock	 fl;
	char		*p = store_sub(st, "lock");
	int		 fd, rc;

	fd = open(p, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	free(p);
	if (fd == -1)
		return errno == ENOENT ? 0 : -1;
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	rc = fcntl(fd, F_GETLK, &fl) == -1 ? -1 : fl.l_type != F_UNLCK;
	close(fd);
	return rc;
}

int
store_open(const char *path, int flags, struct store **out, struct buf *err)
{
	struct store	*st = xcalloc(1, sizeof(*st));
	int		 rc;

	*out = NULL;
	st->path = xstrdup(path);
	st->flags = flags;
	st->lock_fd = -1;
	for (rc = 0; rc < STORE_NSTATES; rc++)
		st->state_fd[rc] = -1;
	if (flags & STORE_WRITE) {
		if ((rc = file_mkdir(path, err)) < 0)
			goto fail;
	}
	rc = check_safe(path, path, 1, !(flags & STORE_WRITE), err);
	if (rc == 1) {
		st->missing = 1;	/* a reader: nothing to read yet */
		*out = st;
		return STORE_OK;
	}
	if (rc < 0)
		goto fail;
	if ((flags & STORE_WRITE) && (rc = take_lock(st, err)) < 0)
		goto fail;
	if ((rc = open_layout(st, err)) < 0)
		goto fail;
	/* Best effort: what cannot be swept now is swept next time. */
	if (flags & STORE_WRITE)
		(void)store_sweep_tmp(st, time(NULL), NULL);
	*out = st;
	return STORE_OK;
fail:
	store_close(st);
	return rc == STORE_TEMPFAIL ? STORE_TEMPFAIL : STORE_ERROR;
}

void
store_close(struct store *st)
{
	int	 i;

	if (st == NULL)
		return;
	/* Closing the fd drops the fcntl() lock. */
	if (st->lock_fd != -1)
		close(st->lock_fd);
	for (i = 0; i < STORE_NSTATES; i++)
		if (st->state_fd[i] != -1)
			close(st->state_fd[i]);
	free(st->path);
	free(st);
}

int
store_sweep_tmp(struct store *st, time_t now, struct buf *err)
{
	struct dirent	*d;
	struct stat	 sb;
	char		*dir, *p;
	DIR		*dp;
	int		 rc = STORE_OK;

	need_writer(st);
	dir = store_sub(st, "tmp");
	if ((dp = opendir(dir)) == NULL) {
		rc = buf_errf(err, _("cannot read the directory '%s': %s"),
		    dir, strerror(errno));
		free(dir);
		return rc;
	}
	while ((d = readdir(dp)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		xasprintf(&p, "%s/%s", dir, d->d_name);
		if (lstat(p, &sb) == 0 && now - sb.st_mtime > STORE_SWEEP_AGE &&
		    file_remove_tree(p, err) < 0)
			rc = STORE_ERROR;
		free(p);
	}
	closedir(dp);
	free(dir);
	return rc;
}

/* Free space below the threshold is refused before any write. */
int
store_check_space(struct store *st, struct buf *err)
{
	struct statvfs	 vfs;
	const char	*env = getenv("COOPREPORT_MIN_FREE_KB");
	unsigned long long free_kb, min_kb = MIN_FREE_KB;
	int		 pct = MIN_FREE_PCT;
	char		*end;

	if (statvfs(st->path, &vfs) == -1)
		return buf_errf(err, _("cannot find the free space of '%s': "
		    "%s"), st->path, strerror(errno));
	if (env != NULL && *env != '\0') {
		min_kb = strtoull(env, &end, 10);
		if (*end != '\0')
			min_kb = MIN_FREE_KB;
		pct = 0;	/* the variable is the whole rule */
	}
	free_kb = (unsigned long long)vfs.f_bavail * vfs.f_frsize / 1024;
	if (free_kb < min_kb || (unsigned long long)vfs.f_bavail * 100 <
	    (unsigned long long)vfs.f_blocks * (unsigned)pct) {
		buf_errf(err, _("the disk holding '%s' is nearly full (%llu "
		    "MB free); free some space and try again"), st->path,
		    free_kb / 1024);
		return STORE_TEMPFAIL;
	}
	/* File systems without an inode count report 0 files. */
	if (vfs.f_files > 0 && (vfs.f_favail < MIN_FREE_INODES ||
	    (unsigned long long)vfs.f_favail * 100 <
	    (unsigned long long)vfs.f_files * MIN_FREE_PCT)) {
		buf_errf(err, _("the disk holding '%s' has almost no room for "
		    "new files; free some space and try again"), st->path);
		return STORE_TEMPFAIL;
	}
	return STORE_OK;
}

static int
is_hex(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

/* A lower-case uuid of the 8-4-4-4-12 shape. */
static int
uuid_ok(const char *s)
{
	size_t	 i;

	for (i = 0; i < UUID_STRLEN; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (!is_hex(s[i]))
			return 0;
	}
	return s[i] == '\0';
}

int
store_entry_name_ok(const char *name)
{
	size_t	 i;

	for (i = 0; name[i] >= '0' && name[i] <= '9'; i++)
		;
	return i > 0 && i <= 19 && name[i] == '.' && uuid_ok(name + i + 1);
}

char *
store_entry_name(time_t when, const char *uuid)
{
	char	*name;

	xasprintf(&name, "%lld.%s", (long long)when, uuid);
	return name;
}

int
store_entry_file_name_ok(const char *name)
{
	const unsigned char	*p = (const unsigned char *)name;

	if (*p == '\0' || *p == '.' || strlen(name) > 255)
		return 0;
	for (; *p != '\0'; p++)
		if (*p == '/' || *p < 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

static struct store_entry *
entry_new(struct store *st, enum store_state state, const char *name)
{
	struct store_entry	*e = xcalloc(1, sizeof(*e));
	const char		*dot = strchr(name, '.');
	size_t			 lp = strlen(st->path);
	size_t			 ls = strlen(state_names[state]);
	size_t			 ln = strlen(name);
	unsigned long long	 t = 0;
	const char		*p;

	e->store = st;
	e->state = state;
	e->name = xmemdup(name, ln + 1);
	/* <store>/<state>/<name>, without printf: walks make thousands. */
	e->path = xmalloc(lp + ls + ln + 3);
	memcpy(e->path, st->path, lp);
	e->path[lp] = '/';
	memcpy(e->path + lp + 1, state_names[state], ls);
	e->path[lp + 1 + ls] = '/';
	memcpy(e->path + lp + ls + 2, name, ln + 1);
	memcpy(e->uuid, dot + 1, UUID_STRLEN + 1);
	for (p = name; p < dot; p++)
		t = t > (unsigned long long)LLONG_MAX / 10 ? ULLONG_MAX :
		    t * 10 + (unsigned long long)(*p - '0');
	e->time = (time_t)(t > (unsigned long long)LLONG_MAX ? LLONG_MAX :
	    (long long)t);
	return e;
}

struct store_entry *
store_entry_copy(const struct store_entry *e)
{
	return entry_new(e->store, e->state, e->name);
}

void
store_entry_free(struct store_entry *e)
{
	if (e == NULL)
		return;
	free(e->name);
	free(e->path);
	free(e);
}

void
store_entry_short_id(const struct store_entry *e,
    char out[STORE_SHORT_ID_LEN + 1])
{
	memcpy(out, e->uuid, STORE_SHORT_ID_LEN);
	out[STORE_SHORT_ID_LEN] = '\0';
}

/*
 * The entry names of one state directory, sorted oldest first.  The
 * names sit end to end in one buffer, so that a state of 100,000
 * reports costs about 56 bytes a report and a single allocation.
 */
struct name_ref {
	size_t		 off;		/* where it starts in text */
	size_t		 digits;	/* of the time, before the dot */
};

struct name_list {
	struct buf	 text;		/* the names, each ending with NUL */
	struct name_ref	*off;
	size_t		 n;
};

#define NAME_AT(nl, i)	((nl)->text.s + (nl)->off[i].off)

/* qsort() has no argument for the buffer; one sort runs at a time. */
static const char	*sort_text;

static int
name_cmp(const void *a, const void *b)
{
	const struct name_ref	*x = a, *y = b;

	/* Shorter digit strings are older times: compare as numbers. */
	if (x->digits != y->digits)
		return x->digits < y->digits ? -1 : 1;
	return strcmp(sort_text + x->off, sort_text + y->off);
}

/* Reads a state directory; keep(name) says which names to list. */
static int
read_state(struct store *st, enum store_state state, int (*keep)(const char *),
    struct name_list *nl, struct buf *err)
{
	struct dirent	*d;
	char		*dir;
	DIR		*dp;
	size_t		 cap = 0;

	buf_init(&nl->text);
	nl->off = NULL;
	nl->n = 0;
	if (st->missing)
		return STORE_OK;
	dir = store_sub(st, state_names[state]);
	if ((dp = opendir(dir)) == NULL) {
		if (errno == ENOENT && !(st->flags & STORE_WRITE)) {
			free(dir);
			return STORE_OK;
		}
		buf_errf(err, _("cannot read the directory '%s': %s"), dir,
		    strerror(errno));
		free(dir);
		return STORE_ERROR;
	}
	while ((d = readdir(dp)) != NULL) {
		if (!keep(d->d_name))
			continue;
		if (nl->n == cap) {
			cap = cap ? cap * 2 : 64;
			nl->off = xreallocarray(nl->off, cap,
			    sizeof(*nl->off));
		}
		nl->off[nl->n].off = nl->text.len;
		nl->off[nl->n++].digits = strcspn(d->d_name, ".");
		buf_add(&nl->text, d->d_name, strlen(d->d_name) + 1);
	}
	closedir(dp);
	free(dir);
	return STORE_OK;
}

static int
list_state(struct store *st, enum store_state state, struct name_list *nl,
    struct buf *err)
{
	/* fsck reports the strangers, through store_strangers(). */
	if (read_state(st, state, store_entry_name_ok, nl, err) < 0)
		return STORE_ERROR;
	if (nl->n > 1) {
		sort_text = nl->text.s;
		qsort(nl->off, nl->n, sizeof(*nl->off), name_cmp);
		sort_text = NULL;
	}
	return STORE_OK;
}

static void
name_list_release(struct name_list *nl)
{
	buf_release(&nl->text);
	free(nl->off);
}

static int
not_entry_name(const char *name)
{
	return strcmp(name, ".") != 0 && strcmp(name, "..") != 0 &&
	    !store_entry_name_ok(name);
}

int
store_strangers(struct store *st, enum store_state state, char ***out,
    size_t *nout, struct buf *err)
{
	struct name_list	 nl;
	size_t			 i;

	*out = NULL;
	*nout = 0;
	if (read_state(st, state, not_entry_name, &nl, err) < 0)
		return STORE_ERROR;
	if (nl.n > 0)
		*out = xcalloc(nl.n, sizeof(**out));
	for (i = 0; i < nl.n; i++)
		(*out)[i] = xstrdup(NAME_AT(&nl, i));
	*nout = nl.n;
	name_list_release(&nl);
	return STORE_OK;
}

int
store_walk(struct store *st, enum store_state state, store_walk_fn fn,
    void *arg, struct buf *err)
{
	struct name_list	 nl;
	struct store_entry	*e;
	size_t			 i;
	int			 rc;

	if ((rc = list_state(st, state, &nl, err)) < 0)
		return rc;
	for (i = 0; i < nl.n && rc == 0; i++) {
		e = entry_new(st, state, NAME_AT(&nl, i));
		rc = fn(e, arg);
		store_entry_free(e);
	}
	name_list_release(&nl);
	return rc;
}

/*
 * Reduces what the user typed to lower-case hex without hyphens: "uuid:"
 * in front (an instanceID) and a whole entry name are accepted too.
 * Returns the hex digits, or NULL when it is not an id.
 */
static char *
id_digits(const char *id)
{
	const char	*dot;
	struct buf	 b = BUF_INIT;
	int		 c;

	if (strncmp(id, "uuid:", 5) == 0)
		id += 5;
	if ((dot = strchr(id, '.')) != NULL && store_entry_name_ok(id))
		id = dot + 1;
	for (; *id != '\0'; id++) {
		c = *id >= 'A' && *id <= 'F' ? *id - 'A' + 'a' : *id;
		if (c == '-')
			continue;
		if (!is_hex(c)) {
			buf_release(&b);
			return NULL;
		}
		buf_addc(&b, c);
	}
	if (b.len < STORE_ID_MIN) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

static int
uuid_has_prefix(const char *uuid, const char *digits)
{
	for (; *digits != '\0'; uuid++) {
		if (*uuid == '\0')
			return 0;
		if (*uuid == '-')
			continue;
		if (*uuid != *digits++)
			return 0;
	}
	return 1;
}

#define AMBIGUOUS_SHOWN	10

int
store_entry_find(struct store *st, const char *id, struct store_entry **out,
    struct buf *err)
{
	struct name_list	 nl;
	struct buf		 cand = BUF_INIT;
	struct store_entry	*e, *found = NULL;
	char			*digits, sid[STORE_SHORT_ID_LEN + 1];
	size_t			 i, nfound = 0;
	int			 s, rc = STORE_OK;

	*out = NULL;
	if ((digits = id_digits(id)) == NULL)
		return buf_errf(err, _("'%s' is not a report id (at least %d "
		    "hex digits, as 'coopreport list' shows)"), id,
		    STORE_ID_MIN);
	for (s = 0; s < STORE_NSTATES && rc == STORE_OK; s++) {
		if ((rc = list_state(st, (enum store_state)s, &nl, err)) < 0)
			break;
		for (i = 0; i < nl.n; i++) {
			e = entry_new(st, (enum store_state)s,
			    NAME_AT(&nl, i));
			if (!uuid_has_prefix(e->uuid, digits)) {
				store_entry_free(e);
				continue;
			}
			if (nfound++ < AMBIGUOUS_SHOWN) {
				store_entry_short_id(e, sid);
				buf_addf(&cand, "%s%s (%s)", cand.len ? ", " :
				    "", strcmp(sid, e->uuid) == 0 ? e->uuid :
				    sid, state_names[s]);
			}
			if (found == NULL)
				found = e;
			else
				store_entry_free(e);
		}
		name_list_release(&nl);
	}
	if (rc == STORE_OK && nfound == 0)
		rc = buf_errf(err, _("no report has the id '%s'"), id);
	else if (rc == STORE_OK && nfound > 1) {
		if (nfound > AMBIGUOUS_SHOWN)
			buf_addf(&cand, _(" and %zu more"),
			    nfound - AMBIGUOUS_SHOWN);
		rc = buf_errf(err, _("the id '%s' is ambiguous: it matches %s"),
		    id, cand.s);
	}
	if (rc == STORE_OK)
		*out = found;
	else
		store_entry_free(found);
	buf_release(&cand);
	free(digits);
	return rc;
}

/*
 * Removes the temp files that a crashed writer left in an entry.  The
 * caller holds the lock, so no temp file there is in flight.
 */
static void
entry_tidy(const struct store_entry *e)
{
	struct dirent	*d;
	char		*p;
	DIR		*dp;

	if ((dp = opendir(e->path)) == NULL)
		return;
	while ((d = readdir(dp)) != NULL) {
		if (!file_is_temp_name(d->d_name))
			continue;
		xasprintf(&p, "%s/%s", e->path, d->d_name);
		(void)unlink(p);
		free(p);
	}
	closedir(dp);
}

int
store_entry_create(struct store *st, const char *uuid, time_t when,
    const struct store_file *files, size_t nfiles, struct store_entry **out,
    struct buf *err)
{
	return store_entry_create_in(st, STORE_DRAFTS, uuid, when, files,
	    nfiles, out, err);
}

int
store_entry_create_in(struct store *st, enum store_state state,
    const char *uuid, time_t when, const struct store_file *files,
    size_t nfiles, struct store_entry **out, struct buf *err)
{
	struct store_entry	*dup;
	char			 id[UUID_STRLEN + 1], *name, *tmp, *dst;
	size_t			 i, j;
	int			 rc;

	need_writer(st);
	*out = NULL;
	if ((rc = store_check_space(st, err)) < 0)
		return rc;
	for (i = 0; i < nfiles; i++) {
		if (!store_entry_file_name_ok(files[i].name))
			return buf_errf(err, _("cannot create a report: '%s' "
			    "is not a valid file name"), files[i].name);
		for (j = 0; j < i; j++)
			if (strcmp(files[i].name, files[j].name) == 0)
				return buf_errf(err, _("cannot create a "
				    "report: the file '%s' is given twice"),
				    files[i].name);
	}
	if (uuid == NULL)
		uuid_v4(id);
	else if (!uuid_ok(uuid))
		return buf_errf(err, _("cannot create a report: '%s' is not a "
		    "lower-case uuid"), uuid);
	else {
		if (store_entry_find(st, uuid, &dup, NULL) == STORE_OK) {
			store_entry_free(dup);
			return buf_errf(err, _("cannot create a report: the id "
			    "'%s' is taken"), uuid);
		}
		memcpy(id, uuid, sizeof(id));
	}
	if (when == 0)
		when = test_now();
	name = store_entry_name(when, id);
	xasprintf(&tmp, "%s/tmp/%s", st->path, name);
	xasprintf(&dst, "%s/%s/%s", st->path, state_names[state], name);
	/* A crashed attempt at the same entry: ours to redo. */
	if ((rc = file_remove_tree(tmp, err)) < 0)
		goto out;
	if ((rc = file_mkdir(tmp, err)) < 0)
		goto fail;
	for (i = 0; i < nfiles; i++)
		if ((rc = file_write_atomic(tmp, files[i].name, files[i].data,
		    files[i].len, err)) < 0)
			goto fail;
	if ((rc = file_rename_durable(tmp, dst, err)) < 0)
		goto fail;
	*out = entry_new(st, state, name);
	goto out;
fail:
	(void)file_remove_tree(tmp, NULL);
out:
	free(name);
	free(tmp);
	free(dst);
	return rc;
}

int
store_entry_move(struct store_entry *e, enum store_state to,
    struct buf *err)
{
	char	*dst;
	int	 rc;

	need_writer(e->store);
	if (e->state == to)
		return STORE_OK;
	entry_tidy(e);
	xasprintf(&dst, "%s/%s/%s", e->store->path, state_names[to], e->name);
	if ((rc = file_rename_durable(e->path, dst, err)) < 0) {
		free(dst);
		return rc;
	}
	free(e->path);
	e->path = dst;
	e->state = to;
	return STORE_OK;
}

int
store_entry_write(struct store_entry *e, const char *name, const void *data,
    size_t len, struct buf *err)
{
	need_writer(e->store);
	if (!store_entry_file_name_ok(name))
		return buf_errf(err, _("cannot write '%s/%s': not a valid file "
		    "name"), e->path, name);
	entry_tidy(e);
	return file_write_atomic(e->path, name, data, len, err);
}

/* The open state directory, opened when first needed; -1 if it cannot
 * be opened (the callers then use whole paths). */
static int
state_dir_fd(struct store *st, enum store_state state)
{
	char	*dir;

	if (st->state_fd[state] == -1) {
		dir = store_sub(st, state_names[state]);
		st->state_fd[state] = open(dir, O_RDONLY | O_DIRECTORY |
		    O_CLOEXEC);
		free(dir);
	}
	return st->state_fd[state];
}

int
store_entry_stat(const struct store_entry *e, const char *name,
    struct stat *sb)
{
	char	 rel[NAME_MAX * 2 + 2];
	size_t	 ln = strlen(e->name), lf = strlen(name);
	int	 fd;

	if (!store_entry_file_name_ok(name) || ln > NAME_MAX ||
	    lf > NAME_MAX) {
		errno = EINVAL;
		return -1;
	}
	if ((fd = state_dir_fd(e->store, e->state)) == -1)
		return -1;
	/* "<name>/<file>" without printf: a listing makes 100,000. */
	memcpy(rel, e->name, ln);
	rel[ln] = '/';
	memcpy(rel + ln + 1, name, lf + 1);
	return fstatat(fd, rel, sb, AT_SYMLINK_NOFOLLOW);
}

int
store_entry_name_cmp(const char *a, const char *b)
{
	size_t	 da = strcspn(a, "."), db = strcspn(b, ".");

	/* As name_cmp(): shorter digit strings are older times. */
	if (da != db)
		return da < db ? -1 : 1;
	return strcmp(a, b);
}

int
store_entry_read(const struct store_entry *e, const char *name,
    struct buf *out, struct buf *err)
{
	char		*p, *rel;
	int		 rc, fd;

	if (!store_entry_file_name_ok(name))
		return buf_errf(err, _("cannot read '%s/%s': not a valid file "
		    "name"), e->path, name);
	/* Relative to the state directory: a listing reads thousands. */
	fd = state_dir_fd(e->store, e->state);
	xasprintf(&p, "%s/%s", e->path, name);
	if (fd == -1)
		rc = file_read(p, STORE_FILE_MAX, out, err);
	else {
		xasprintf(&rel, "%s/%s", e->name, name);
		rc = file_read_at(fd, rel, p, STORE_FILE_MAX, out, err);
		free(rel);
	}
	free(p);
	return rc < 0 ? STORE_ERROR : STORE_OK;
}

int
store_entry_delete(struct store_entry *e, struct buf *err)
{
	char	*dst;
	int	 rc;

	need_writer(e->store);
	xasprintf(&dst, "%s/tmp/" DELETED_PREFIX "%s", e->store->path, e->name);
	/* Left by a crash during an earlier delete of the same entry. */
	if ((rc = file_remove_tree(dst, err)) < 0 ||
	    (rc = file_rename_durable(e->path, dst, err)) < 0) {
		free(dst);
		return rc;
	}
	/*
	 * The entry has left its state: that is the delete.  What remains
	 * in tmp/ is removed now or, after a crash, by the sweep.
	 */
	(void)file_remove_tree(dst, NULL);
	free(dst);
	return STORE_OK;
}

/* ------------------------------------------------------------------ */
/* Edits that can be undone */

void
store_edit_init(struct store_edit *ed, struct store_entry *e)
{
	memset(ed, 0, sizeof(*ed));
	ed->entry = e;
	ed->from = e->state;
}

void
store_edit_release(struct store_edit *ed)
{
	size_t	 i;

	for (i = 0; i < ed->nundo; i++) {
		free(ed->undo[i].name);
		buf_release(&ed->undo[i].old);
	}
	free(ed->undo);
	ed->undo = NULL;
	ed->nundo = 0;
}

/*
 * What <entry>/<name> holds now: 1 and its bytes in out, 0 when there is
 * no such file, or a negative store_status.
 */
static int
entry_file_now(const struct store_entry *e, const char *name,
    struct buf *out, struct buf *err)
{
	struct stat	 sb;
	char		*p;
	int		 rc;

	xasprintf(&p, "%s/%s", e->path, name);
	if (lstat(p, &sb) == -1 && errno == ENOENT) {
		free(p);
		return 0;
	}
	free(p);
	rc = store_entry_read(e, name, out, err);
	return rc < 0 ? rc : 1;
}

int
store_edit_write(struct store_edit *ed, const char *name, const void *data,
    size_t len, struct buf *err)
{
	struct store_undo	 u;
	size_t			 i;
	int			 rc;

	need_writer(ed->entry->store);
	if (!store_entry_file_name_ok(name))
		return buf_errf(err, _("cannot write '%s/%s': not a valid file "
		    "name"), ed->entry->path, name);
	memset(&u, 0, sizeof(u));
	buf_init(&u.old);
	if ((rc = entry_file_now(ed->entry, name, &u.old, err)) < 0)
		return rc;
	u.existed = rc;
	if (u.existed && u.old.len == len && memcmp(u.old.s, data, len) == 0) {
		buf_release(&u.old);
		return STORE_OK;	/* already so: nothing to do or undo */
	}
	/* Only the first change of a file keeps what it held before. */
	for (i = 0; i < ed->nundo; i++)
		if (strcmp(ed->undo[i].name, name) == 0)
			break;
	if (i == ed->nundo) {
		u.name = xstrdup(name);
		ed->undo = xreallocarray(ed->undo, ed->nundo + 1,
		    sizeof(*ed->undo));
		ed->undo[ed->nundo++] = u;
	} else
		buf_release(&u.old);
	ed->changed = 1;
	return store_entry_write(ed->entry, name, data, len, err);
}

int
store_edit_move(struct store_edit *ed, enum store_state to, struct buf *err)
{
	int	 rc;

	if (ed->entry->state == to)
		return STORE_OK;
	if ((rc = store_entry_move(ed->entry, to, err)) == STORE_OK)
		ed->moved = 1;
	return rc;
}

/* Puts one file back as it was before the edit. */
static int
undo_file(struct store_entry *e, const struct store_undo *u, struct buf *err)
{
	struct buf	 now = BUF_INIT;
	char		*p;
	int		 rc;

	if ((rc = entry_file_now(e, u->name, &now, err)) < 0)
		goto out;
	if (u->existed) {
		if (rc == 1 && now.len == u->old.len &&
		    memcmp(now.s, u->old.s, now.len) == 0)
			rc = STORE_OK;
		else
			rc = file_write_atomic(e->path, u->name, u->old.s,
			    u->old.len, err);
	} else if (rc == 1) {
		xasprintf(&p, "%s/%s", e->path, u->name);
		if (unlink(p) == -1 && errno != ENOENT)
			rc = buf_errf(err, _("cannot remove '%s': %s"), p,
			    strerror(errno));
		else
			rc = file_sync_dir(e->path, err);
		free(p);
	} else
		rc = STORE_OK;
out:
	buf_release(&now);
	return rc < 0 ? rc : STORE_OK;
}

int
store_edit_undo(struct store_edit *ed, struct buf *err)
{
	size_t	 i;
	int	 rc = STORE_OK, r;

	need_writer(ed->entry->store);
	if (ed->moved) {
		if ((r = store_entry_move(ed->entry, ed->from, err)) < 0)
			return r;	/* the files are where it was moved */
		ed->moved = 0;
	}
	for (i = ed->nundo; i-- > 0;) {
		if ((r = undo_file(ed->entry, &ed->undo[i], rc == STORE_OK ?
		    err : NULL)) < 0 && rc == STORE_OK)
			rc = r;
	}
	return rc;
}
