/*
 * envelope.h: the versioned "key: value" metadata file of a store entry
 * (STYLE.md rule 15; the format is in coopreport-store(5)).
 *
 * Purpose: an envelope holds what the store and the upload need to know
 * about one report without parsing its XML: form-id, form-version,
 * period, created, state-changed, instance-id, deprecated-id, attempts,
 * next-try, last-error, receipt, updated, tax-code, history-head,
 * submission-sha256, attachments, and any key a later version adds.  The
 * file is text an operator can read with cat:
 *
 *	version: 1
 *	form-id: HTX-HD-01
 *	created: 2026-11-22T01:30:00Z
 *
 * The first line is always "version: 1".  Keys are lower-case letters,
 * digits and hyphens, starting with a letter.  A value is one line: a
 * backslash, a newline, a carriage return, a tab and other control bytes
 * are written as \\, \n, \r, \t and \xHH.  Unknown keys are kept in their
 * order; new keys are added at the end; so serialising what was parsed
 * gives the same bytes, and serialisation is deterministic.
 *
 * Calling sequence: envelope_new(), then envelope_parse() on a file's
 * bytes or envelope_set*() on a fresh one; envelope_get*() to read;
 * envelope_validate() before trusting it; envelope_serialize() to get the
 * bytes to write (through file_write_atomic() or store_entry_write());
 * envelope_free().
 *
 * Error handling: envelope_parse() returns 0, or -1 with "damaged
 * envelope 'FILE' at line N: WHY" in err; the envelope is then empty.
 * Duplicate keys, a missing or unknown version, a malformed line, a bad
 * escape and a last line without its newline are all errors: an
 * envelope is checked as a whole and never repaired.  The typed getters
 * return 1 when the key is there and well formed, 0 when it is absent,
 * and -1 when its value is malformed.  envelope_validate() returns NULL,
 * or a one-line translated reason.  Setting a key that is not a valid
 * key is a programming error and aborts.
 *
 * Ownership: the envelope owns its keys and values; envelope_get()
 * returns a string borrowed until the key is set again or the envelope
 * is freed; envelope_validate()'s reason lives until the next call on
 * the same envelope.
 */
#ifndef ENVELOPE_H
#define ENVELOPE_H

#include <time.h>

#define ENVELOPE_VERSION	1
#define ENVELOPE_TIME_LEN	20	/* "2026-11-22T01:30:00Z" */

struct envelope_field {
	char	*key;
	char	*value;		/* unescaped */
};

struct envelope {
	struct envelope_field *fields;	/* in file order, version excluded */
	size_t		 nfields;
	struct buf	 reason;	/* envelope_validate()'s answer */
};

struct envelope *envelope_new(void);
void	 envelope_free(struct envelope *);
void	 envelope_clear(struct envelope *);
int	 envelope_parse(struct envelope *, const char *, const char *, size_t,
	    struct buf *);
void	 envelope_serialize(const struct envelope *, struct buf *);
const char *envelope_validate(struct envelope *);

const char *envelope_get(const struct envelope *, const char *);
void	 envelope_set(struct envelope *, const char *, const char *);
void	 envelope_unset(struct envelope *, const char *);
int	 envelope_get_int(const struct envelope *, const char *, long long *);
void	 envelope_set_int(struct envelope *, const char *, long long);
int	 envelope_get_time(const struct envelope *, const char *, time_t *);
void	 envelope_set_time(struct envelope *, const char *, time_t);

/* Helpers shared with history.c: the same one-line escaping and time
 * format are used there. */
int	 envelope_key_ok(const char *);
void	 envelope_escape(struct buf *, const char *);
int	 envelope_unescape(struct buf *, const char *, size_t);
void	 envelope_format_time(time_t, char [ENVELOPE_TIME_LEN + 1]);
int	 envelope_parse_time(const char *, size_t, time_t *);

#endif /* ENVELOPE_H */
