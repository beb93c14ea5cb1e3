/*
 * store-exercise.c: drives the store the way the commands will, for the
 * shell scenarios that crash it (tests/t3100-crash-loop.sh) and make its
 * I/O fail (tests/t3000-store-faults.sh).  Uses src/store.c,
 * src/envelope.c, src/history.c and src/file.c.
 *
 *   store-exercise STORE script        the rerunnable sequence below
 *   store-exercise STORE check         every entry in every state whole
 *   store-exercise STORE create UUID
 *   store-exercise STORE write ID NAME TEXT
 *   store-exercise STORE append ID EVENT TEXT
 *   store-exercise STORE move ID STATE
 *   store-exercise STORE delete ID
 *   store-exercise                     (no operand) tests itself, in TAP
 *
 * Errors go to stderr as "error: ..."; the exit status is 0, 1, or 75
 * for a temporary failure (store_exit_code()).
 *
 * The script only moves forward: each step first looks whether its
 * effect is there, so that running it again after a crash at any point
 * finishes the work and ends with the same store as one clean run.
 */
#include "common.h"

#include <dirent.h>
#include <unistd.h>

#include "envelope.h"
#include "history.h"
#include "store.h"
#include "testhook.h"

#include "../tap.h"

#define UA	"aaaaaaaa-0000-4000-8000-00000000000a"
#define UB	"bbbbbbbb-0000-4000-8000-00000000000b"
#define UC	"cccccccc-0000-4000-8000-00000000000c"
#define UD	"dddddddd-0000-4000-8000-00000000000d"

static struct buf	 err = BUF_INIT;

/* The files of a new draft: envelope, instance.xml and history. */
static int
create(struct store *st, const char *uuid, struct store_entry **e)
{
	struct envelope	*env = envelope_new();
	struct buf	 envb = BUF_INIT, hist = BUF_INIT, id = BUF_INIT;
	struct store_file f[3];
	time_t		 now = test_now();
	char		*name = store_entry_name(now, uuid);
	int		 rc;

	buf_addf(&id, "uuid:%s", uuid);
	envelope_set(env, "form-id", "HTX-HD-01");
	envelope_set(env, "form-version", "2026.1");
	envelope_set(env, "period", "2026-Q3");
	envelope_set_time(env, "created", now);
	envelope_set(env, "instance-id", id.s);
	envelope_serialize(env, &envb);
	history_start(&hist, name, "created", "form 'HTX-HD-01' 2026-Q3");
	f[0] = (struct store_file){ "envelope", envb.s, envb.len };
	f[1] = (struct store_file){ "instance.xml", "<data>0</data>\n", 15 };
	f[2] = (struct store_file){ HISTORY_FILE, hist.s, hist.len };
	rc = store_entry_create(st, uuid, now, f, 3, e, &err);
	envelope_free(env);
	buf_release(&envb);
	buf_release(&hist);
	buf_release(&id);
	free(name);
	return rc;
}

/* The entry with this uuid, created when it is not there yet. */
static int
ensure(struct store *st, const char *uuid, struct store_entry **e)
{
	if (store_entry_find(st, uuid, e, NULL) == STORE_OK)
		return STORE_OK;
	return create(st, uuid, e);
}

/*
 * Appends an event unless it is already the last one; then only makes
 * sure that the envelope's anchor has caught up (a crash between the
 * history and the envelope leaves it one line behind).
 */
static int
append_once(struct store_entry *e, const char *event, const char *text)
{
	struct history_event *ev = NULL;
	struct buf	 h = BUF_INIT;
	size_t		 n = 0;
	int		 bad, rc, done = 0;

	if ((rc = store_entry_read(e, HISTORY_FILE, &h, &err)) < 0 ||
	    (rc = history_parse(e->name, HISTORY_FILE, h.s, h.len, &ev, &n,
	    &bad, &err)) < 0) {
		buf_release(&h);
		return rc;
	}
	done = n > 0 && strcmp(ev[n - 1].event, event) == 0 &&
	    strcmp(ev[n - 1].text, text) == 0;
	history_events_free(ev, n);
	buf_release(&h);
	return done ? history_anchor(e, &err) :
	    history_append(e, event, text, &err);
}

/* Sets one envelope key, rewriting the envelope. */
static int
set_key(struct store_entry *e, const char *key, const char *value)
{
	struct envelope	*env = envelope_new();
	struct buf	 b = BUF_INIT;
	int		 rc;

	if ((rc = store_entry_read(e, "envelope", &b, &err)) == 0 &&
	    (rc = envelope_parse(env, "envelope", b.s, b.len, &err)) == 0) {
		envelope_set(env, key, value);
		buf_reset(&b);
		envelope_serialize(env, &b);
		rc = store_entry_write(e, "envelope", b.s, b.len, &err);
	}
	envelope_free(env);
	buf_release(&b);
	return rc;
}

static int
finalize(struct store_entry *e)
{
	int	 rc;

	if (e->state != STORE_DRAFTS)
		return STORE_OK;
	if ((rc = store_entry_write(e, "submission.xml", "<data>1</data>\n",
	    15, &err)) < 0 ||
	    (rc = set_key(e, "state-changed", "2026-11-22T01:30:00Z")) < 0 ||
	    (rc = append_once(e, "finalize", "")) < 0)
		return rc;
	return store_entry_move(e, STORE_OUTBOX, &err);
}

static int
upload(struct store_entry *e, const char *result, enum store_state to)
{
	int	 rc;

	if (e->state != STORE_OUTBOX)
		return STORE_OK;
	if ((rc = set_key(e, "attempts", "1")) < 0 ||
	    (rc = set_key(e, to == STORE_SENT ? "receipt" : "last-error",
	    result)) < 0 ||
	    (rc = append_once(e, "upload-result", result)) < 0)
		return rc;
	return store_entry_move(e, to, &err);
}

static int
script(struct store *st)
{
	struct store_entry *a = NULL, *b = NULL, *c = NULL, *d = NULL;
	int		 rc;

	if ((rc = ensure(st, UA, &a)) < 0 ||
	    (rc = store_entry_write(a, "instance.xml", "<data>2</data>\n", 15,
	    &err)) < 0 ||
	    (rc = append_once(a, "set", "revenue=2")) < 0 ||
	    (rc = ensure(st, UB, &b)) < 0 ||
	    (rc = finalize(b)) < 0 ||
	    (rc = ensure(st, UC, &c)) < 0 ||
	    (rc = finalize(c)) < 0 ||
	    (rc = upload(c, "201 Created", STORE_SENT)) < 0 ||
	    (rc = upload(b, "413 Request Entity Too Large", STORE_FAILED)) < 0)
		goto out;
	if (store_entry_find(st, UD, &d, NULL) == STORE_OK ||
	    (rc = create(st, UD, &d)) == STORE_OK)
		rc = store_entry_delete(d, &err);
out:
	store_entry_free(a);
	store_entry_free(b);
	store_entry_free(c);
	store_entry_free(d);
	return rc;
}

/* A file the exercise writes is whole when it ends as written. */
static int
whole(const struct store_entry *e, const char *name, struct buf *b)
{
	buf_reset(b);
	if (store_entry_read(e, name, b, &err) < 0)
		return 0;
	return b->len >= 8 && strcmp(b->s + b->len - 8, "</data>\n") == 0;
}

static int
check_one(const struct store_entry *e, void *arg)
{
	static const char *const known[] = {
		"envelope", "history", "instance.xml", "submission.xml",
	};
	struct envelope	*env = envelope_new();
	struct dirent	*d;
	struct buf	 b = BUF_INIT;
	const char	*why;
	size_t		 i;
	int		*bad = arg, bad_line, k;
	DIR		*dp;

	if (store_entry_read(e, "envelope", &b, &err) < 0 ||
	    envelope_parse(env, e->path, b.s, b.len, &err) < 0) {
		fprintf(stderr, "error: %s\n", err.s);
		++*bad;
	} else if ((why = envelope_validate(env)) != NULL) {
		fprintf(stderr, "error: %s/envelope: %s\n", e->path, why);
		++*bad;
	}
	buf_reset(&b);
	if (store_entry_read(e, HISTORY_FILE, &b, &err) < 0 ||
	    history_verify(e->name, e->path, b.s, b.len, &bad_line, &err) < 0) {
		fprintf(stderr, "error: %s\n", err.s);
		++*bad;
	}
	if (!whole(e, "instance.xml", &b)) {
		fprintf(stderr, "error: %s/instance.xml is not whole\n",
		    e->path);
		++*bad;
	}
	if ((dp = opendir(e->path)) != NULL) {
		while ((d = readdir(dp)) != NULL) {
			if (d->d_name[0] == '.')
				continue;	/* ., .., temp files */
			for (k = 0, i = 0; i < nitems(known); i++)
				k |= strcmp(d->d_name, known[i]) == 0;
			if (!k) {
				fprintf(stderr, "error: a stranger in %s: "
				    "%s\n", e->path, d->d_name);
				++*bad;
			}
		}
		closedir(dp);
	}
	if (e->state != STORE_DRAFTS && !whole(e, "submission.xml", &b)) {
		fprintf(stderr, "error: %s/submission.xml is not whole\n",
		    e->path);
		++*bad;
	}
	envelope_free(env);
	buf_release(&b);
	return 0;
}

static int
check(struct store *st)
{
	int	 s, bad = 0;

	for (s = 0; s < STORE_NSTATES; s++)
		if (store_walk(st, (enum store_state)s, check_one, &bad,
		    &err) < 0)
			return STORE_ERROR;
	if (bad > 0)
		buf_errf(&err, "%d problems", bad);
	return bad > 0 ? STORE_ERROR : STORE_OK;
}

/* Commands that act on one entry. */
static int
entry_command(struct store *st, int argc, const char **argv)
{
	struct store_entry *e;
	enum store_state to;
	int		 rc;

	if ((rc = store_entry_find(st, argv[3], &e, &err)) < 0)
		return rc;
	if (strcmp(argv[2], "write") == 0 && argc == 6)
		rc = store_entry_write(e, argv[4], argv[5], strlen(argv[5]),
		    &err);
	else if (strcmp(argv[2], "append") == 0 && argc == 6)
		rc = history_append(e, argv[4], argv[5], &err);
	else if (strcmp(argv[2], "move") == 0 && argc == 5 &&
	    store_state_from_name(argv[4], &to) == 0)
		rc = store_entry_move(e, to, &err);
	else if (strcmp(argv[2], "delete") == 0 && argc == 4)
		rc = store_entry_delete(e, &err);
	else
		rc = buf_errf(&err, "bad command");
	store_entry_free(e);
	return rc;
}

static int
run(int argc, const char **argv)
{
	struct store	*st;
	struct store_entry *e;
	int		 rc, writer;

	writer = strcmp(argv[2], "check") != 0;
	if ((rc = store_open(argv[1], writer ? STORE_WRITE : 0, &st,
	    &err)) < 0)
		return rc;
	if (strcmp(argv[2], "script") == 0)
		rc = script(st);
	else if (strcmp(argv[2], "check") == 0)
		rc = check(st);
	else if (strcmp(argv[2], "create") == 0 && argc == 4) {
		if ((rc = create(st, argv[3], &e)) == 0)
			store_entry_free(e);
	} else if (argc >= 4)
		rc = entry_command(st, argc, argv);
	else
		rc = buf_errf(&err, "bad command");
	store_close(st);
	return rc;
}

static int
count_one(const struct store_entry *e, void *arg)
{
	(void)e;
	++*(int *)arg;
	return 0;
}

/* "drafts/outbox/sent/failed" counts, after a script run. */
static void
is_counts(const char *dir, const char *want, const char *desc)
{
	struct store	*st;
	struct buf	 got = BUF_INIT;
	int		 s, n;

	if (store_open(dir, 0, &st, &err) < 0) {
		ok(0, "%s: %s", desc, err.s);
		return;
	}
	for (s = 0; s < STORE_NSTATES; s++) {
		n = 0;
		store_walk(st, (enum store_state)s, count_one, &n, &err);
		buf_addf(&got, "%s%d", s ? "/" : "", n);
	}
	is_str(got.s, want, "%s", desc);
	store_close(st);
	buf_release(&got);
}

static int
self_test(const char *argv0)
{
	char	 tmpl[] = "/tmp/store-exercise.XXXXXX", *dir, *cmd;
	const char *args[6];

	setenv("COOPREPORT_TEST_NOW", "1795311000", 1);
	setenv("COOPREPORT_MIN_FREE_KB", "0", 1);
	if ((dir = mkdtemp(tmpl)) == NULL) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	args[0] = argv0;
	args[1] = dir;
	args[2] = "script";
	args[3] = NULL;
	is_int(run(3, args), 0, "the script runs");
	is_counts(dir, "1/0/1/1/0", "a draft, a sent and a failed report");
	args[2] = "check";
	is_int(run(3, args), 0, "and the store checks clean");
	args[2] = "script";
	is_int(run(3, args), 0, "the script runs again");
	is_counts(dir, "1/0/1/1/0", "to the same result");
	args[2] = "write";
	args[3] = "aaaa";
	args[4] = "envelope";
	args[5] = "version: 1\nform-id: x\n";
	is_int(run(6, args), 0, "damage an envelope");
	args[2] = "check";
	is_int(run(3, args), STORE_ERROR, "check finds it");
	ok(strstr(err.s, "1 problems") != NULL, "one problem: %s", err.s);
	args[2] = "move";
	args[3] = "bbbb";
	args[4] = "nowhere";
	is_int(run(5, args), STORE_ERROR, "a bad command is refused");
	xasprintf(&cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		diag("cannot remove %s", dir);
	free(cmd);
	return done_testing();
}

int
main(int argc, char **argv)
{
	const char	*args[8];
	int		 i, rc;

	if (argc == 1)
		return self_test(argv[0]);
	if (argc < 3 || argc > (int)nitems(args)) {
		fprintf(stderr, "usage: store-exercise STORE COMMAND ...\n");
		return EXIT_CODE_USAGE;
	}
	for (i = 0; i < argc; i++)
		args[i] = argv[i];
	rc = run(argc, args);
	if (rc < 0)
		fprintf(stderr, "error: %s\n", err.s);
	buf_release(&err);
	return store_exit_code(rc);
}
