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
 * The chain cannot show lines cut from the end of the file, since
 * nothing after them refers to them.
 *
 * Calling sequence: history_start(out, name, event, text) gives the
 * bytes of a new history, to be written with the entry itself by
 * store_entry_create(); history_append(entry, event, text, err) adds one
 * line, rewriting the file whole through store_entry_write() (histories
 * are short).  history_parse() checks a history's bytes and, when asked,
 * returns its events; history_verify() only checks.
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

#include <time.h>

struct store_entry;

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

#endif /* HISTORY_H */
