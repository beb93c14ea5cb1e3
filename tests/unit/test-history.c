/*
 * test-history.c: the hash-chained history of an entry (src/history.c):
 * the line format, the chain as sha256sum computes it, and tampering:
 * a changed line, a dropped line, reordered lines, a cut last line.
 */
#include "common.h"

#include <unistd.h>

#include "digest.h"
#include "envelope.h"
#include "history.h"
#include "store.h"

#include "../tap.h"

#define NAME	"1795311000.0f8fad5b-d9cb-469f-a165-70867728950e"

/* Splits h into at most 8 lines (each with its newline). */
static size_t
split(const char *h, char lines[8][512])
{
	size_t	 n = 0, len;
	const char *nl;

	while (*h != '\0' && n < 8 && (nl = strchr(h, '\n')) != NULL) {
		len = (size_t)(nl + 1 - h);
		memcpy(lines[n], h, len);
		lines[n++][len] = '\0';
		h = nl + 1;
	}
	return n;
}

static int
verify(const char *data, int *bad)
{
	struct buf	 err = BUF_INIT;
	int		 rc;

	rc = history_verify(NAME, "h", data, strlen(data), bad, &err);
	if (rc != 0)
		diag("%s", err.s);
	buf_release(&err);
	return rc;
}

static void
test_format(void)
{
	struct buf	 h = BUF_INIT, err = BUF_INIT;
	struct history_event *ev;
	char		 lines[8][512], *want, *hex;
	size_t		 n;
	int		 bad;

	history_start(&h, NAME, "created", "form 'HTX-HD-01', kỳ 2026-Q3");
	hex = digest_hex(DIGEST_SHA256, NAME "\n", strlen(NAME) + 1);
	xasprintf(&want, "2026-11-22T01:30:00Z %s created form 'HTX-HD-01', "
	    "kỳ 2026-Q3\n", hex);
	is_str(h.s, want, "the first line: time, hash of the name, event, "
	    "text");
	free(want);
	free(hex);
	is_int(verify(h.s, &bad), 0, "a one-line history verifies");

	history_start(&h, NAME, "created", NULL);
	is_int(history_parse(NAME, "h", h.s, h.len, &ev, &n, &bad, &err), -1,
	    "two first lines do not chain");
	is_int(bad, 2, "the second line is the bad one");
	ok(strstr(err.s, "damaged history 'h' at line 2: the line does not "
	    "follow") != NULL, "message: %s", err.s);
	buf_release(&h);
	buf_release(&err);
	n = split("", lines);
	is_int((long long)n, 0, "nothing to split");
}

static void
test_append_and_tamper(void)
{
	struct store	*st;
	struct store_entry *e;
	struct store_file f[1];
	struct history_event *ev = NULL;
	struct buf	 h = BUF_INIT, err = BUF_INIT, t = BUF_INIT;
	char		 tmpl[] = "/tmp/test-history.XXXXXX", *dir, *cmd;
	char		 lines[8][512], *name, *hex;
	size_t		 n = 0, i;
	int		 bad;

	if ((dir = mkdtemp(tmpl)) == NULL) {
		ok(0, "mkdtemp: %s", strerror(errno));
		return;
	}
	if (store_open(dir, STORE_WRITE, &st, &err) != 0) {
		ok(0, "store_open: %s", err.s);
		return;
	}
	name = store_entry_name(1795311000,
	    "0f8fad5b-d9cb-469f-a165-70867728950e");
	is_str(name, NAME, "the entry name");
	history_start(&h, name, "created", "first");
	f[0].name = HISTORY_FILE;
	f[0].data = h.s;
	f[0].len = h.len;
	is_int(store_entry_create(st, "0f8fad5b-d9cb-469f-a165-70867728950e",
	    1795311000, f, 1, &e, &err), 0, "an entry with its history");
	free(name);
	is_int(history_append(e, "set", "revenue=1200\nline two", &err), 0,
	    "append");
	is_int(history_append(e, "finalize", "", &err), 0, "append, no text");
	is_int(history_append(e, "upload-attempt", "to \\srv", &err), 0,
	    "append again");
	buf_reset(&h);
	store_entry_read(e, HISTORY_FILE, &h, &err);
	is_int(history_parse(NAME, "h", h.s, h.len, &ev, &n, &bad, &err), 0,
	    "the appended history verifies");
	is_int((long long)n, 4, "four events");
	if (n == 4) {
		is_str(ev[1].event, "set", "event 2");
		is_str(ev[1].text, "revenue=1200\nline two",
		    "the text comes back unescaped");
		is_str(ev[2].text, "", "no text is an empty text");
		is_str(ev[3].text, "to \\srv", "a backslash survives");
		is_int((long long)ev[3].time, 1795311000, "the pinned time");
	}
	history_events_free(ev, n);
	n = split(h.s, lines);
	ok(strstr(lines[1], " set revenue=1200\\nline two\n") != NULL,
	    "a newline in the text is escaped on disk: %s", lines[1]);
	/* The chain, as an operator checks it with sha256sum. */
	hex = digest_hex(DIGEST_SHA256, lines[1], strlen(lines[1]));
	ok(strncmp(lines[2] + 21, hex, 64) == 0,
	    "line 3 carries the SHA-256 of line 2 with its newline");
	free(hex);

	/* A changed line: line 2's text (line 3 no longer follows). */
	buf_reset(&t);
	for (i = 0; i < n; i++)
		buf_adds(&t, lines[i]);
	t.s[strstr(t.s, "1200") - t.s] = '9';
	is_int(verify(t.s, &bad), -1, "a changed amount is caught");
	is_int(bad, 3, "at the line after it");

	/* A changed time on the first line. */
	buf_reset(&t);
	for (i = 0; i < n; i++)
		buf_adds(&t, lines[i]);
	t.s[3] = '7';
	is_int(verify(t.s, &bad), -1, "a changed time is caught");
	is_int(bad, 2, "at line 2");

	/* A dropped line. */
	buf_reset(&t);
	for (i = 0; i < n; i++)
		if (i != 1)
			buf_adds(&t, lines[i]);
	is_int(verify(t.s, &bad), -1, "a dropped line is caught");
	is_int(bad, 2, "where the gap is");

	/* The first line dropped. */
	buf_reset(&t);
	for (i = 1; i < n; i++)
		buf_adds(&t, lines[i]);
	is_int(verify(t.s, &bad), -1, "a dropped first line is caught");
	is_int(bad, 1, "at line 1");

	/* Reordered lines. */
	buf_reset(&t);
	buf_adds(&t, lines[0]);
	buf_adds(&t, lines[2]);
	buf_adds(&t, lines[1]);
	buf_adds(&t, lines[3]);
	is_int(verify(t.s, &bad), -1, "swapped lines are caught");
	is_int(bad, 2, "at the first moved line");

	/* A cut last line, and a malformed one. */
	buf_reset(&t);
	for (i = 0; i < n; i++)
		buf_adds(&t, lines[i]);
	buf_truncate(&t, t.len - 1);
	is_int(verify(t.s, &bad), -1, "a last line without newline");
	is_int(bad, 4, "is line 4");
	is_int(verify("garbage\n", &bad), -1, "garbage");
	is_int(bad, 1, "at line 1");
	buf_reset(&t);
	buf_adds(&t, lines[0]);
	buf_adds(&t, "2026-11-22T01:30:00Z ");
	buf_add(&t, lines[1] + 21, 64);
	buf_adds(&t, " Bad-Event\n");
	is_int(verify(t.s, &bad), -1, "an event that is not a word");
	is_int(bad, 2, "at line 2");

	/* A damaged history refuses appends. */
	buf_reset(&t);
	buf_adds(&t, lines[0]);
	buf_adds(&t, lines[2]);
	store_entry_write(e, HISTORY_FILE, t.s, t.len, &err);
	is_int(history_append(e, "set", "x", &err), -1,
	    "no append to a damaged history");
	ok(strstr(err.s, "damaged history '") != NULL &&
	    strstr(err.s, "/history' at line 2") != NULL,
	    "the message names the file: %s", err.s);

	store_entry_free(e);
	store_close(st);
	xasprintf(&cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		diag("cannot remove %s", dir);
	free(cmd);
	buf_release(&h);
	buf_release(&t);
	buf_release(&err);
}

/* The envelope's anchor of the end of the chain. */
static void
test_anchor(void)
{
	struct envelope	*env = envelope_new();
	struct buf	 h = BUF_INIT, h1 = BUF_INIT, h2 = BUF_INIT;
	char		 lines[8][512], *hex;

	history_start(&h, NAME, "created", "x");
	is_int(history_check_anchor(env, NAME, h.s, h.len),
	    HISTORY_UNANCHORED, "no history-head: not anchored yet");
	history_set_anchor(env, NAME, h.s, h.len);
	hex = digest_hex(DIGEST_SHA256, h.s, h.len);
	is_str(envelope_get(env, "history-head"), hex,
	    "history-head is the SHA-256 of the last line, newline included");
	free(hex);
	is_str(envelope_get(env, "updated"), "2026-11-22T01:30:00Z",
	    "updated is its time");
	is_int(history_check_anchor(env, NAME, h.s, h.len), HISTORY_ANCHORED,
	    "anchored");
	buf_add(&h1, h.s, h.len);
	history_extend(&h1, NAME, "set", "a");
	is_int(history_check_anchor(env, NAME, h1.s, h1.len), HISTORY_LAGS,
	    "a line written after the anchor: behind, an interrupted command");
	buf_add(&h2, h1.s, h1.len);
	history_extend(&h2, NAME, "set", "b");
	is_int(history_check_anchor(env, NAME, h2.s, h2.len), HISTORY_LAGS,
	    "two lines (two interrupted commands in a row): behind too");
	history_set_anchor(env, NAME, h2.s, h2.len);
	is_int(history_check_anchor(env, NAME, h2.s, h2.len), HISTORY_ANCHORED,
	    "anchored again");
	is_int(history_check_anchor(env, NAME, h1.s, h1.len), HISTORY_CUT,
	    "the last line cut off: the head is no line's hash");
	is_int(history_check_anchor(env, NAME, h.s, h.len), HISTORY_CUT,
	    "two lines cut off too");
	split(h2.s, lines);
	buf_reset(&h2);
	buf_add(&h2, h1.s, h1.len);
	lines[2][strlen(lines[2]) - 2] = 'c';	/* "set b" -> "set c" */
	buf_adds(&h2, lines[2]);
	is_int(history_check_anchor(env, NAME, h2.s, h2.len), HISTORY_CUT,
	    "the last line changed (the chain cannot see it, the anchor can)");
	envelope_free(env);
	buf_release(&h);
	buf_release(&h1);
	buf_release(&h2);
}

int
main(void)
{
	setenv("COOPREPORT_TEST_NOW", "1795311000", 1);
	setenv("COOPREPORT_MIN_FREE_KB", "0", 1);
	test_format();
	test_append_and_tamper();
	test_anchor();
	return done_testing();
}
