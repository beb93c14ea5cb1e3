/*
 * history.h: the append-only history of a store entry, one line per
 * event, chained by SHA-256 so that a changed, dropped or reordered line
 * shows (the format is in coopreport-store(5)).
 *
 * Purpose: each line of <entry>/history reads
 *
 *	TIME PREV EVENT[ TEXT]
 *
 * TIME is UTC, "2026-11-22T01:30:00Z"; PREV is the lower-case hex
 * SHA-256 of the previous line, newline included, or for the first line
 * of the entry's name followed by a newline (so "echo NAME | sha256sum"
 * and "sed -n 1p history | sha256sum" check it by hand); EVENT is a word
 * of lower-case letters, digits and hyphens (created, set, import,
 * validate, finalize, upload-attempt, upload-result, amend, move, ...);
 * TEXT is free text on one line, escaped as envelope values are.
 * The chain alone cannot show lines cut from the end of the file, since
 * nothing after them refers to them; so the entry's envelope anchors the
 * end: its key history-head holds the SHA-256 of the last line, and its
 * key updated the time of that line.  A command writes the history
 * first and the envelope after it, so a crash between the two leaves an
 * envelope one line behind (HISTORY_LAGS; several crashes in a row, as
 * many lines): what interrupted commands leave, which history_anchor()
 * (or the next command) puts right, and never damage.  Any other head
 * (HISTORY_CUT) is damage: it is the hash of no line of the history, as
 * when lines were cut from its end or its last line was changed.
 *
 * Calling sequence: history_start(out, name, event, text) gives the
 * bytes of a new history, to be written with the entry itself by
 * store_entry_create(), and history_set_anchor() the envelope keys that
 * go with it; history_append(entry, event, text, err) adds one line,
 * rewriting the history whole and then the envelope's anchor, as one
 * struct store_edit (histories are short); a caller that writes more
 * files in the same command uses history_extend() and
 * history_set_anchor() on bytes it writes itself, in that order.
 * history_parse() checks a history's bytes and, when asked, returns its
 * events; history_verify() only checks; history_check_anchor() compares
 * a verified history with its envelope's anchor.
 *
 * Error handling: 0, or a negative store_status with one line in err.
 * history_append() refuses to add to a damaged history.  history_parse()
 * sets *bad_line to the first line that is damaged (0 when all is well).
 *
 * Ownership: the events that history_parse() returns are the caller's,
 * freed with history_events_free().
 */
#ifndef HISTORY_H
#define HISTORY_H

#define HISTORY_FILE	"history"
#define HISTORY_HASH_LEN	64	/* hex digits of SHA-256 */

#include <time.h>

struct store_entry;
struct envelope;

/* history_check_anchor()'s answer. */
enum history_anchor {
	HISTORY_ANCHORED,	/* history-head is the last line's hash */
	HISTORY_UNANCHORED,	/* no history-head: an entry made before it */
	HISTORY_LAGS,		/* behind: interrupted commands */
	HISTORY_CUT,		/* neither: lines were removed or changed */
};

struct history_event {
	time_t	 time;
	char	*event;
	char	*text;		/* unescaped; "" when there was none */
};

void	 history_start(struct buf *, const char *, const char *,
	    const char *);
int	 history_append(struct store_entry *, const char *, const char *,
	    struct buf *);
int	 history_parse(const char *, const char *, const char *, size_t,
	    struct history_event **, size_t *, int *, struct buf *);
int	 history_verify(const char *, const char *, const char *, size_t,
	    int *, struct buf *);
void	 history_events_free(struct history_event *, size_t);
/* Reads and verifies the history of an entry into h ("" when it has no
 * history file). */
int	 history_read(const struct store_entry *, struct buf *,
	    struct buf *);
/* Appends one line, now, to the bytes of a verified history. */
void	 history_extend(struct buf *, const char *, const char *,
	    const char *);
/* Sets history-head and updated in env from a verified history. */
void	 history_set_anchor(struct envelope *, const char *, const char *,
	    size_t);
enum history_anchor history_check_anchor(const struct envelope *,
	    const char *, const char *, size_t);
/* Rewrites the entry's envelope so that its anchor matches the history
 * (after HISTORY_LAGS or HISTORY_UNANCHORED); nothing when it does. */
int	 history_anchor(struct store_entry *, struct buf *);

#endif /* HISTORY_H */
