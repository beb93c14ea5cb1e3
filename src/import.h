/*
 * import.h: answers from a two-column CSV file, "path,value", as an
 * accountant exports them from a spreadsheet: UTF-8 with or without a
 * byte order mark, an optional header line "path,value", blank lines
 * ignored, spaces around a path or a value dropped.
 *
 * Calling sequence: import_read(text, len, "answers.csv", &a, &err) fills
 * a.v with one struct draft_change per answer, each with where set to
 * "answers.csv:LINE"; import_release(&a).
 *
 * Error handling: import_read() returns -1 with one line in err naming
 * the file and line ("answers.csv:4: ...") for a record that is not two
 * fields or a file that is not CSV; nothing is returned then.
 *
 * Ownership: struct import_answers owns the strings its changes point to.
 */
#ifndef IMPORT_H
#define IMPORT_H

#include "draft.h"

struct import_answers {
	struct draft_change *v;
	size_t		 n;
	char		**strings;	/* what v points into */
	size_t		 nstrings;
};

int	 import_read(const char *, size_t, const char *,
	    struct import_answers *, struct buf *);
void	 import_release(struct import_answers *);

#endif /* IMPORT_H */
