/*
 * test-store.c: the spool (src/store.c): the layout and its modes, the
 * safety checks, the writer lock between two real processes, readers,
 * entries (create, find by prefix, every transition, write, read,
 * delete), walking in age order, the tmp/ sweep, the space check, and
 * edits that undo themselves (struct store_edit).
 */
#include "common.h"

#include <sys/wait.h>

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include "file.h"
#include "store.h"

#include "../tap.h"
#include "testfs.h"

#define U1	"abcd1111-1111-4111-8111-111111111111"
#define U2	"abcd2222-2222-4222-8222-222222222222"
#define U3	"12345678-9abc-4def-8123-456789abcdef"

/* Number of names (not . and ..) in a directory under top. */
static int
count(const char *name)
{
	struct dirent	*d;
	char		*p = path_of(name);
	DIR		*dp = opendir(p);
	int		 n = 0;

	free(p);
	if (dp == NULL)
		return -1;
	while ((d = readdir(dp)) != NULL)
		if (strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0)
			n++;
	closedir(dp);
	return n;
}

static int
create(struct store *st, const char *uuid, time_t when,
    struct store_entry **e, struct buf *err)
{
	struct store_file f[2] = {
		{ "envelope", "version: 1\n", 11 },
		{ "instance.xml", "<data/>\n", 8 },
	};

	return store_entry_create(st, uuid, when, f, 2, e, err);
}

static void
test_layout(void)
{
	static const char *const dirs[] = {
		"s", "s/drafts", "s/outbox", "s/sent", "s/failed",
		"s/quarantine", "s/tmp", "s/forms", "s/profiles",
	};
	struct store	*st;
	struct buf	 err = BUF_INIT;
	char		*p = path_of("s");
	size_t		 i;

	is_int(store_open(p, 0, &st, &err), 0,
	    "a reader opens a missing store");
	ok(st != NULL && st->missing && !exists("s"),
	    "... and creates nothing");
	store_close(st);
	is_int(store_open(p, STORE_WRITE, &st, &err), 0, "a writer creates it");
	for (i = 0; i < nitems(dirs); i++)
		is_int(mode_of(dirs[i]), 0700, "%s is a directory, 0700",
		    dirs[i]);
	is_int(mode_of("s/lock"), 0600, "lock is a file, 0600");
	store_close(st);
	is_int(store_open(p, STORE_WRITE, &st, &err), 0, "and opens it again");
	store_close(st);
	free(p);
	buf_release(&err);
}

static void
test_safety(void)
{
	struct store	*st = NULL;
	struct buf	 err = BUF_INIT;
	char		*p = path_of("s"), *d = path_of("s/outbox");

	chmod(d, 0770);
	is_int(store_open(p, 0, &st, &err), STORE_ERROR,
	    "a group-writable state directory is refused");
	ok(strstr(err.s, "is not safe to use") != NULL &&
	    strstr(err.s, "s/outbox' can be changed by other users") != NULL,
	    "the message names it: %s", err.s);
	ok(st == NULL, "no store on failure");
	chmod(d, 0700);
	chmod(p, 0702);
	is_int(store_open(p, STORE_WRITE, &st, &err), STORE_ERROR,
	    "a world-writable store is refused");
	chmod(p, 0700);
	if (geteuid() == 0) {
		if (chown(d, 65534, 65534) == 0) {
			is_int(store_open(p, 0, &st, &err), STORE_ERROR,
			    "a directory of another user is refused");
			ok(strstr(err.s, "belongs to another user") != NULL,
			    "message: %s", err.s);
			if (chown(d, 0, 0) != 0)
				diag("cannot chown back");
		} else {
			ok(0, "chown: %s", strerror(errno));
			ok(0, "chown");
		}
	} else {
		ok(1, "another user's directory # SKIP needs root to chown");
		ok(1, "message # SKIP needs root");
	}
	free(d);
	d = path_of("s/failed");
	rmdir(d);
	close(open(d, O_WRONLY | O_CREAT, 0600));
	is_int(store_open(p, STORE_WRITE, &st, &err), STORE_ERROR,
	    "a file where a state directory should be is refused");
	ok(strstr(err.s, "s/failed") != NULL, "message: %s", err.s);
	is_int(store_open(p, 0, &st, &err), STORE_ERROR, "by readers too");
	ok(strstr(err.s, "is not a directory") != NULL, "message: %s", err.s);
	unlink(d);
	is_int(store_open(p, 0, &st, &err), 0,
	    "a reader accepts a missing state directory");
	store_close(st);
	free(d);
	free(p);
	buf_release(&err);
}

static void
test_lock(void)
{
	struct store	*st, *other;
	struct buf	 err = BUF_INIT;
	char		*p = path_of("s");
	int		 status, fds[2], n;
	char		 msg[512], want[512];
	pid_t		 pid;

	is_int(store_open(p, STORE_WRITE, &st, &err), 0, "the first writer");
	if (pipe(fds) != 0)
		return;
	if ((pid = fork()) == 0) {
		/* A second process: the writer fails at once, readers work. */
		int rc = store_open(p, STORE_WRITE, &other, &err);

		if (write(fds[1], err.s, err.len) < 0)
			_exit(3);
		if (rc != STORE_TEMPFAIL)
			_exit(1);
		if (store_open(p, 0, &other, &err) != 0)
			_exit(2);
		store_close(other);
		/* Free the child's copies, for valgrind's leak check. */
		store_close(st);
		free(p);
		buf_release(&err);
		_exit(store_exit_code(rc));
	}
	close(fds[1]);
	n = (int)read(fds[0], msg, sizeof(msg) - 1);
	msg[n > 0 ? n : 0] = '\0';
	close(fds[0]);
	waitpid(pid, &status, 0);
	is_int(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 75,
	    "a second writer fails with STORE_TEMPFAIL (exit 75); a reader "
	    "does not wait");
	snprintf(want, sizeof(want), "store '%s' is locked by another "
	    "coopreport", p);
	is_str(msg, want, "the second writer is told why");
	store_close(st);
	if ((pid = fork()) == 0) {
		int rc = store_open(p, STORE_WRITE, &other, &err);

		store_close(other);
		free(p);
		buf_release(&err);
		_exit(rc == 0 ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "after store_close() another writer gets the lock");
	free(p);
	buf_release(&err);
}

static int
collect(const struct store_entry *e, void *arg)
{
	struct buf	*b = arg;

	buf_addf(b, "%s%s", b->len ? " " : "", e->name);
	return strstr(e->name, "stop") != NULL;
}

static int
stop_at_second(const struct store_entry *e, void *arg)
{
	int	*n = arg;

	(void)e;
	return ++*n == 2 ? 7 : 0;
}

static void
test_entries(void)
{
	struct store	*st;
	struct store_entry *a, *b, *c, *x;
	struct buf	 err = BUF_INIT, out = BUF_INIT;
	char		*p = path_of("s"), sid[STORE_SHORT_ID_LEN + 1];
	int		 n = 0, s;
	enum store_state state;

	store_open(p, STORE_WRITE, &st, &err);
	is_int(create(st, U1, 1000, &a, &err), 0, "create an entry");
	is_str(a->name, "1000." U1, "its name is <time>.<uuid>");
	is_str(store_state_name(a->state), "drafts", "it is a draft");
	ok(exists("s/drafts/1000." U1 "/envelope") &&
	    exists("s/drafts/1000." U1 "/instance.xml"), "with its files");
	is_int(mode_of("s/drafts/1000." U1), 0700, "the entry is 0700");
	is_int(mode_of("s/drafts/1000." U1 "/envelope"), 0600,
	    "its files 0600");
	is_int(count("s/tmp"), 0, "nothing is left in tmp/");
	store_entry_short_id(a, sid);
	is_str(sid, "abcd1111", "the short id is 8 hex digits");
	is_int(create(st, U2, 20, &b, &err), 0, "a second, older entry");
	is_int(create(st, U3, 300, &c, &err), 0, "a third");
	is_int(create(st, U3, 301, &x, &err), -1, "a taken uuid is refused");
	ok(strstr(err.s, "is taken") != NULL, "message: %s", err.s);
	is_int(create(st, "ABCD1111-1111-4111-8111-111111111111", 1, &x, &err),
	    -1, "an upper-case uuid is refused");
	is_int(create(st, NULL, 0, &x, &err), 0, "a new uuid");
	ok(x != NULL && store_entry_name_ok(x->name), "gives a valid name: %s",
	    x ? x->name : "");
	store_entry_delete(x, &err);
	store_entry_free(x);

	/* Bad file lists. */
	{
		struct store_file f[2] = { { "a", "", 0 }, { "a", "", 0 } };
		struct store_file g[1] = { { ".hidden", "", 0 } };
		struct store_file h[1] = { { "a/b", "", 0 } };

		is_int(store_entry_create(st, NULL, 0, f, 2, &x, &err), -1,
		    "a file given twice is refused");
		is_int(store_entry_create(st, NULL, 0, g, 1, &x, &err), -1,
		    "a hidden file name is refused");
		is_int(store_entry_create(st, NULL, 0, h, 1, &x, &err), -1,
		    "a file name with a slash is refused");
		is_int(count("s/drafts"), 3, "and nothing was created");
	}

	/* Finding by id. */
	static const struct {
		const char	*id;
		const char	*want;	/* name, or a part of the error */
	} finds[] = {
		{ "abcd1111", "1000." U1 },
		{ "abcd1", "1000." U1 },
		{ "ABCD2", "20." U2 },
		{ "1234", "300." U3 },
		{ U3, "300." U3 },
		{ "uuid:" U3, "300." U3 },
		{ "300." U3, "300." U3 },
		{ "123456789abc4def", "300." U3 },
		{ "12345678-9abc", "300." U3 },
		{ "abcd", "the id 'abcd' is ambiguous: it matches abcd2222 "
		  "(drafts), abcd1111 (drafts)" },
		{ "abc", "'abc' is not a report id" },
		{ "xyz12", "'xyz12' is not a report id" },
		{ "ffff", "no report has the id 'ffff'" },
	};
	size_t i;

	for (i = 0; i < nitems(finds); i++) {
		buf_reset(&err);
		if (store_entry_find(st, finds[i].id, &x, &err) == 0) {
			is_str(x->name, finds[i].want, "find '%s'",
			    finds[i].id);
			store_entry_free(x);
		} else
			ok(strstr(err.s, finds[i].want) != NULL,
			    "find '%s' fails: %s", finds[i].id, err.s);
	}

	/* Walk: oldest first, by the number, not the text. */
	is_int(store_walk(st, STORE_DRAFTS, collect, &out, &err), 0, "walk");
	is_str(out.s, "20." U2 " 300." U3 " 1000." U1, "in age order");
	is_int(store_walk(st, STORE_DRAFTS, stop_at_second, &n, &err), 7,
	    "a callback stops the walk with its value");
	is_int(n, 2, "after the second entry");
	buf_reset(&out);
	is_int(store_walk(st, STORE_SENT, collect, &out, &err), 0,
	    "walk an empty state");
	is_str(out.s, "", "nothing there");

	/* Every transition. */
	static const enum store_state path[] = {
		STORE_OUTBOX, STORE_SENT, STORE_QUARANTINE, STORE_DRAFTS,
		STORE_OUTBOX, STORE_FAILED, STORE_QUARANTINE, STORE_OUTBOX,
		STORE_DRAFTS, STORE_SENT, STORE_FAILED, STORE_DRAFTS,
		STORE_QUARANTINE, STORE_SENT, STORE_OUTBOX, STORE_QUARANTINE,
		STORE_FAILED, STORE_SENT, STORE_DRAFTS, STORE_FAILED,
		STORE_OUTBOX, STORE_DRAFTS,
	};
	for (i = 0; i < nitems(path); i++) {
		char *where;
		enum store_state from = a->state;

		xasprintf(&where, "s/%s/1000." U1 "/instance.xml",
		    store_state_name(path[i]));
		ok(store_entry_move(a, path[i], &err) == 0 && exists(where) &&
		    a->state == path[i] && strstr(where, a->path +
		    strlen(testfs_top) + 1) == where,
		    "move %s -> %s", store_state_name(from),
		    store_state_name(path[i]));
		free(where);
	}
	is_int(store_entry_move(a, STORE_DRAFTS, &err), 0,
	    "moving to the same state does nothing");

	/* Write and read one file; a crashed writer's temp file goes. */
	{
		char *junk;

		xasprintf(&junk, "%s/.tmp-99999-dead", a->path);
		close(open(junk, O_WRONLY | O_CREAT, 0600));
		is_int(store_entry_write(a, "instance.xml", "<data>2</data>\n",
		    15, &err), 0, "write one file of an entry");
		ok(access(junk, F_OK) == -1,
		    "a stale temp file in the entry is removed");
		free(junk);
	}
	buf_reset(&out);
	is_int(store_entry_read(a, "instance.xml", &out, &err), 0, "read it");
	is_str(out.s, "<data>2</data>\n", "the new content");
	is_int(store_entry_read(a, "missing", &out, &err), -1,
	    "reading a missing file fails");
	ok(strstr(err.s, "/drafts/1000." U1 "/missing'") != NULL,
	    "message: %s", err.s);
	is_int(store_entry_write(a, "../escape", "x", 1, &err), -1,
	    "a name with a slash is refused");
	is_int(store_entry_read(a, "../lock", &out, &err), -1,
	    "reading outside the entry is refused");

	/* Delete. */
	is_int(store_entry_delete(b, &err), 0, "delete an entry");
	is_int(store_entry_find(st, U2, &x, &err), -1, "it is gone");
	is_int(count("s/tmp"), 0, "and not left in tmp/");
	is_int(store_entry_delete(b, &err), -1, "deleting it twice fails");

	/* States by name. */
	for (s = 0; s < STORE_NSTATES; s++)
		ok(store_state_from_name(store_state_name(
		    (enum store_state)s), &state) == 0 && (int)state == s,
		    "state name %s", store_state_name((enum store_state)s));
	is_int(store_state_from_name("tmp", &state), -1,
	    "tmp is not a state");
	is_int(store_exit_code(STORE_OK), 0, "exit code of OK");
	is_int(store_exit_code(STORE_ERROR), 1, "exit code of an error");
	is_int(store_exit_code(STORE_TEMPFAIL), 75, "exit code of TEMPFAIL");

	store_entry_free(a);
	store_entry_free(b);
	store_entry_free(c);
	store_close(st);
	free(p);
	buf_release(&err);
	buf_release(&out);
}

static void
set_age(const char *name, time_t age)
{
	struct timespec	 ts[2];
	char		*p = path_of(name);

	ts[0].tv_sec = ts[1].tv_sec = time(NULL) - age;
	ts[0].tv_nsec = ts[1].tv_nsec = 0;
	if (utimensat(AT_FDCWD, p, ts, AT_SYMLINK_NOFOLLOW) != 0)
		diag("utimensat %s: %s", p, strerror(errno));
	free(p);
}

static void
test_sweep(void)
{
	struct store	*st;
	struct buf	 err = BUF_INIT;
	char		*p = path_of("s"), *d;

	d = path_of("s/tmp/old/sub");
	file_mkdir(d, &err);
	free(d);
	d = path_of("s/tmp/new");
	file_mkdir(d, &err);
	free(d);
	d = path_of("s/tmp/oldfile");
	close(open(d, O_WRONLY | O_CREAT, 0600));
	free(d);
	set_age("s/tmp/old", 25 * 3600);
	set_age("s/tmp/oldfile", 24 * 3600 + 60);
	set_age("s/tmp/new", 23 * 3600);
	is_int(store_open(p, 0, &st, &err), 0, "a reader opens");
	store_close(st);
	is_int(count("s/tmp"), 3, "a reader sweeps nothing");
	is_int(store_open(p, STORE_WRITE, &st, &err), 0, "a writer opens");
	ok(!exists("s/tmp/old") && !exists("s/tmp/oldfile"),
	    "and sweeps what is older than 24 hours");
	ok(exists("s/tmp/new"), "but keeps what is younger");
	set_age("s/tmp/new", 25 * 3600);
	is_int(store_sweep_tmp(st, time(NULL), &err), 0, "sweep again");
	is_int(count("s/tmp"), 0, "now it is gone too");
	store_close(st);
	free(p);
	buf_release(&err);
}

static void
test_space(void)
{
	struct store	*st;
	struct store_entry *x = NULL;
	struct buf	 err = BUF_INIT;
	char		*p = path_of("s");

	store_open(p, STORE_WRITE, &st, &err);
	setenv("COOPREPORT_MIN_FREE_KB", "0", 1);
	is_int(store_check_space(st, &err), 0, "no threshold: room enough");
	setenv("COOPREPORT_MIN_FREE_KB", "18446744073709551615", 1);
	is_int(store_check_space(st, &err), STORE_TEMPFAIL,
	    "an impossible threshold: the disk is \"full\"");
	ok(strstr(err.s, "the disk holding '") != NULL &&
	    strstr(err.s, "is nearly full") != NULL &&
	    strstr(err.s, "free some space and try again") != NULL,
	    "message: %s", err.s);
	is_int(create(st, NULL, 0, &x, &err), STORE_TEMPFAIL,
	    "a new entry is refused before anything is written");
	ok(x == NULL && count("s/drafts") == 2 && count("s/tmp") == 0,
	    "nothing was written");
	unsetenv("COOPREPORT_MIN_FREE_KB");
	store_close(st);
	free(p);
	buf_release(&err);
}

static void
test_default_path(void)
{
	char	*p;

	setenv("COOPREPORT_HOME", "/x/home", 1);
	p = store_default_path();
	is_str(p, "/x/home", "COOPREPORT_HOME wins");
	free(p);
	setenv("COOPREPORT_HOME", "", 1);
	setenv("XDG_DATA_HOME", "/x/data", 1);
	setenv("HOME", "/x/user", 1);
	p = store_default_path();
	is_str(p, "/x/data/coopreport", "then XDG_DATA_HOME");
	free(p);
	setenv("XDG_DATA_HOME", "relative", 1);
	p = store_default_path();
	is_str(p, "/x/user/.local/share/coopreport",
	    "a relative XDG_DATA_HOME is ignored; then HOME");
	free(p);
}

/* What <top>/<name> holds, or "(none)"; the caller frees. */
static char *
content(const char *name)
{
	struct buf	 b = BUF_INIT;
	char		*p = path_of(name);

	if (file_read(p, 1 << 20, &b, NULL) < 0)
		buf_adds(&b, "(none)");
	free(p);
	return buf_detach(&b, NULL);
}

static void
is_content(const char *name, const char *want, const char *what)
{
	char	*got = content(name);

	is_str(got, want, "%s", what);
	free(got);
}

static void
test_edit(void)
{
	struct store_edit	 ed;
	struct store_entry	*e;
	struct store		*st;
	struct buf		 err = BUF_INIT;
	char			*p = path_of("e"), *name;

	store_open(p, STORE_WRITE, &st, &err);
	free(p);
	is_int(create(st, U3, 1795311000, &e, &err), 0, "an entry to edit");
	xasprintf(&name, "e/drafts/%s", e->name);
	store_edit_init(&ed, e);
	is_int(store_edit_write(&ed, "instance.xml", "<data/>\n", 8, &err), 0,
	    "writing the bytes a file holds");
	is_int(ed.changed, 0, "changes nothing");
	is_int(store_edit_write(&ed, "instance.xml", "<data>1</data>\n", 15,
	    &err), 0, "a new instance");
	is_int(store_edit_write(&ed, "instance.xml", "<data>2</data>\n", 15,
	    &err), 0, "and again");
	is_int(store_edit_write(&ed, "scan.pdf", "%PDF-", 5, &err), 0,
	    "a new file");
	is_int(store_edit_move(&ed, STORE_OUTBOX, &err), 0, "a move");
	is_int(ed.changed, 1, "the edit changed the entry");
	is_int(store_edit_undo(&ed, &err), 0, "undo");
	store_edit_release(&ed);
	is_int(e->state, STORE_DRAFTS, "the entry is back in drafts/");
	xasprintf(&p, "%s/instance.xml", name);
	is_content(p, "<data/>\n", "the instance holds what it held first");
	is_int(mode_of(p), 0600, "with its mode");
	free(p);
	xasprintf(&p, "%s/scan.pdf", name);
	ok(!exists(p), "the new file is gone");
	free(p);
	xasprintf(&p, "e/outbox/%s", e->name);
	ok(!exists(p), "nothing is left in outbox/");
	free(p);
	store_edit_init(&ed, e);
	is_int(store_edit_write(&ed, "../x", "x", 1, &err), STORE_ERROR,
	    "a bad file name is refused");
	store_edit_release(&ed);
	store_entry_free(e);
	store_close(st);
	free(name);
	buf_release(&err);
}

int
main(void)
{
	char	 tmpl[] = "/tmp/test-store.XXXXXX";

	if ((testfs_top = mkdtemp(tmpl)) == NULL) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	unsetenv("COOPREPORT_MIN_FREE_KB");
	unsetenv("COOPREPORT_TEST_NOW");
	test_layout();
	test_safety();
	test_lock();
	setenv("COOPREPORT_MIN_FREE_KB", "0", 1);
	test_entries();
	test_sweep();
	test_space();
	test_edit();
	test_default_path();
	testfs_remove();
	return done_testing();
}
