/*
 * history.c: the hash-chained event log of a store entry.
 */
#include "common.h"

#include <time.h>

#include "digest.h"
#include "envelope.h"
#include "history.h"
#include "store.h"
#include "testhook.h"

#define HASH_HEX	64

/* The SHA-256 of len bytes, as lower-case hex, into out. */
static void
hash_hex(const void *data, size_t len, char out[HASH_HEX + 1])
{
	unsigned char	 md[DIGEST_MAX_SIZE];

	digest(DIGEST_SHA256, data, len, md);
	digest_to_hex(md, digest_size(DIGEST_SHA256), out);
}

/* What the first line refers to: the entry's name and a newline. */
static void
anchor_hash(const char *entry_name, char out[HASH_HEX + 1])
{
	struct buf	 b = BUF_INIT;

	buf_addf(&b, "%s\n", entry_name);
	hash_hex(b.s, b.len, out);
	buf_release(&b);
}

void
history_events_free(struct history_event *ev, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(ev[i].event);
		free(ev[i].text);
	}
	free(ev);
}

static int
damaged(struct buf *err, const char *file, int line, const char *why)
{
	return buf_errf(err, _("damaged history '%s' at line %d: %s"), file,
	    line, why);
}

/*
 * Parses one line (without its newline) into ev; returns NULL or what is
 * wrong with it.  prev is the hash the line must carry.
 */
static const char *
parse_line(const char *p, size_t len, const char *prev,
    struct history_event *ev)
{
	struct buf	 text = BUF_INIT;
	const char	*ev_start, *sp;
	size_t		 evlen;

	if (len < ENVELOPE_TIME_LEN + 1 + HASH_HEX + 2 ||
	    p[ENVELOPE_TIME_LEN] != ' ' ||
	    p[ENVELOPE_TIME_LEN + 1 + HASH_HEX] != ' ')
		return _("the line is not 'TIME HASH EVENT TEXT'");
	if (envelope_parse_time(p, ENVELOPE_TIME_LEN, &ev->time) == -1)
		return _("the time is not valid");
	if (memcmp(p + ENVELOPE_TIME_LEN + 1, prev, HASH_HEX) != 0)
		return _("the line does not follow the line before it (it "
		    "was changed, moved, or a line was removed)");
	ev_start = p + ENVELOPE_TIME_LEN + 1 + HASH_HEX + 1;
	sp = memchr(ev_start, ' ', len - (size_t)(ev_start - p));
	evlen = sp != NULL ? (size_t)(sp - ev_start) : len -
	    (size_t)(ev_start - p);
	ev->event = xstrndup(ev_start, evlen);
	if (strlen(ev->event) != evlen || !envelope_key_ok(ev->event))
		return _("the event is not a valid word");
	if (sp != NULL && envelope_unescape(&text, sp + 1,
	    len - (size_t)(sp + 1 - p)) == -1) {
		buf_release(&text);
		return _("the text has a control character or a bad escape");
	}
	if (strlen(text.s) != text.len) {
		buf_release(&text);
		return _("the text has a control character or a bad escape");
	}
	ev->text = buf_detach(&text, NULL);
	return NULL;
}

int
history_parse(const char *entry_name, const char *file, const char *data,
    size_t len, struct history_event **events, size_t *nevents,
    int *bad_line, struct buf *err)
{
	struct history_event	*ev = NULL, one;
	const char		*p = data, *end = data + len, *nl, *why;
	char			 prev[HASH_HEX + 1];
	size_t			 n = 0;
	int			 line = 0;

	*bad_line = 0;
	anchor_hash(entry_name, prev);
	while (p < end) {
		line++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL) {
			*bad_line = line;
			why = _("the last line is cut short");
			break;
		}
		memset(&one, 0, sizeof(one));
		why = parse_line(p, (size_t)(nl - p), prev, &one);
		if (why != NULL) {
			free(one.event);
			free(one.text);
			*bad_line = line;
			break;
		}
		if (events != NULL) {
			ev = xreallocarray(ev, n + 1, sizeof(*ev));
			ev[n++] = one;
		} else {
			free(one.event);
			free(one.text);
		}
		hash_hex(p, (size_t)(nl + 1 - p), prev);
		p = nl + 1;
	}
	if (*bad_line != 0) {
		history_events_free(ev, n);
		return damaged(err, file, *bad_line, why);
	}
	if (events != NULL) {
		*events = ev;
		*nevents = n;
	}
	return STORE_OK;
}

int
history_verify(const char *entry_name, const char *file, const char *data,
    size_t len, int *bad_line, struct buf *err)
{
	return history_parse(entry_name, file, data, len, NULL, NULL,
	    bad_line, err);
}

/* The hash the next line must carry: of the last line, or the anchor. */
static void
last_hash(const char *entry_name, const struct buf *h,
    char out[HASH_HEX + 1])
{
	const char	*start;

	if (h->len == 0) {
		anchor_hash(entry_name, out);
		return;
	}
	/* h ends with '\n' (it was verified); find the line before it. */
	start = h->s + h->len - 1;
	while (start > h->s && start[-1] != '\n')
		start--;
	hash_hex(start, (size_t)(h->s + h->len - start), out);
}

/* One line: TIME PREV EVENT[ TEXT], now. */
static void
add_line(struct buf *h, const char *prev, const char *event,
    const char *text)
{
	char	 when[ENVELOPE_TIME_LEN + 1];

	if (!envelope_key_ok(event))
		abort();	/* BUG: event names come from code */
	envelope_format_time(test_now(), when);
	buf_addf(h, "%s %s %s", when, prev, event);
	if (text != NULL && *text != '\0') {
		buf_addc(h, ' ');
		envelope_escape(h, text);
	}
	buf_addc(h, '\n');
}

void
history_start(struct buf *out, const char *entry_name, const char *event,
    const char *text)
{
	char	 prev[HASH_HEX + 1];

	anchor_hash(entry_name, prev);
	add_line(out, prev, event, text);
}

void
history_extend(struct buf *h, const char *entry_name, const char *event,
    const char *text)
{
	char	 prev[HASH_HEX + 1];

	last_hash(entry_name, h, prev);
	add_line(h, prev, event, text);
}

/* The start of the last line of a verified, non-empty history. */
static const char *
last_line(const char *data, size_t len)
{
	const char	*start = data + len - 1;

	while (start > data && start[-1] != '\n')
		start--;
	return start;
}

void
history_set_anchor(struct envelope *env, const char *entry_name,
    const char *data, size_t len)
{
	struct buf	 h = BUF_INIT;
	char		 head[HASH_HEX + 1];
	time_t		 t;

	buf_add(&h, data, len);
	last_hash(entry_name, &h, head);
	envelope_set(env, "history-head", head);
	if (len > 0 && envelope_parse_time(last_line(data, len),
	    ENVELOPE_TIME_LEN, &t) == 0)
		envelope_set_time(env, "updated", t);
	buf_release(&h);
}

enum history_anchor
history_check_anchor(const struct envelope *env, const char *entry_name,
    const char *data, size_t len)
{
	const char	*head = envelope_get(env, "history-head"), *last, *p;
	const char	*nl;
	char		 hash[HASH_HEX + 1];

	if (head == NULL)
		return HISTORY_UNANCHORED;
	if (len == 0) {
		anchor_hash(entry_name, hash);
		return strcmp(head, hash) == 0 ? HISTORY_ANCHORED :
		    HISTORY_CUT;
	}
	last = last_line(data, len);
	hash_hex(last, (size_t)(data + len - last), hash);
	if (strcmp(head, hash) == 0)
		return HISTORY_ANCHORED;
	/*
	 * Behind: the head is the hash of an earlier line, which the line
	 * after it carries as PREV (several interrupted commands in a row
	 * leave it several lines behind).  A line cut from the end, or the
	 * last line changed, leaves a head that no line carries.
	 */
	for (p = data; p < data + len; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(data + len - p));
		if (nl == NULL)
			break;
		if ((size_t)(nl - p) > ENVELOPE_TIME_LEN + 1 + HASH_HEX &&
		    strncmp(p + ENVELOPE_TIME_LEN + 1, head, HASH_HEX) == 0)
			return HISTORY_LAGS;
	}
	return HISTORY_CUT;
}

int
history_read(const struct store_entry *e, struct buf *h, struct buf *err)
{
	struct stat	 st;
	char		*path;
	int		 bad, rc = STORE_OK;

	xasprintf(&path, "%s/%s", e->path, HISTORY_FILE);
	if (lstat(path, &st) == 0 || errno != ENOENT)
		rc = store_entry_read(e, HISTORY_FILE, h, err);
	if (rc == STORE_OK && h->len > 0)
		rc = history_verify(e->name, path, h->s, h->len, &bad, err);
	free(path);
	return rc;
}

/*
 * Writes the envelope of e with its anchor set from h, through ed.  An
 * entry without an envelope (a test's) keeps none.
 */
static int
write_anchor(struct store_edit *ed, const struct buf *h, struct buf *err)
{
	struct store_entry	*e = ed->entry;
	struct envelope		*env = envelope_new();
	struct buf		 b = BUF_INIT;
	struct stat		 st;
	char			*path;
	int			 rc = STORE_OK;

	xasprintf(&path, "%s/envelope", e->path);
	if (lstat(path, &st) == -1 && errno == ENOENT)
		goto out;
	if ((rc = store_entry_read(e, "envelope", &b, err)) < 0)
		goto out;
	if (envelope_parse(env, path, b.s, b.len, err) == -1) {
		rc = STORE_ERROR;
		goto out;
	}
	history_set_anchor(env, e->name, h->s, h->len);
	buf_reset(&b);
	envelope_serialize(env, &b);
	rc = store_edit_write(ed, "envelope", b.s, b.len, err);
out:
	envelope_free(env);
	buf_release(&b);
	free(path);
	return rc;
}

int
history_append(struct store_entry *e, const char *event, const char *text,
    struct buf *err)
{
	struct store_edit	 ed;
	struct buf		 h = BUF_INIT;
	int			 rc;

	store_edit_init(&ed, e);
	if ((rc = history_read(e, &h, err)) == STORE_OK) {
		history_extend(&h, e->name, event, text);
		/* The history first, then its anchor (history.h). */
		if ((rc = store_edit_write(&ed, HISTORY_FILE, h.s, h.len,
		    err)) == STORE_OK)
			rc = write_anchor(&ed, &h, err);
		if (rc < 0)
			(void)store_edit_undo(&ed, NULL);
	}
	store_edit_release(&ed);
	buf_release(&h);
	return rc;
}

int
history_anchor(struct store_entry *e, struct buf *err)
{
	struct store_edit	 ed;
	struct buf		 h = BUF_INIT;
	int			 rc;

	store_edit_init(&ed, e);
	if ((rc = history_read(e, &h, err)) == STORE_OK &&
	    (rc = write_anchor(&ed, &h, err)) < 0)
		(void)store_edit_undo(&ed, NULL);
	store_edit_release(&ed);
	buf_release(&h);
	return rc;
}
