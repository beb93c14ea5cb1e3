/*
 * csv.h: RFC 4180 comma-separated values, as a spreadsheet exports them:
 * an optional UTF-8 byte order mark, CRLF or LF line ends, fields in
 * double quotes that may hold commas, quotes ("") and line breaks.  Used
 * for the answers of "coopreport import" and for jr://file-csv secondary
 * instances.
 *
 * Calling sequence: csv_parse() calls fn once per record, in order, with
 * the line on which the record starts (from 1) and its fields; the
 * fields are NUL-terminated and live only during the call.  A blank line
 * is a record with one empty field.
 *
 * Error handling: csv_parse() returns 0, or -1 with one line in err for
 * a quote that never closes or a stray quote inside an unquoted field
 * ("line N: ..."), or whatever fn put in err when it returned -1.
 *
 * Ownership: nothing is kept after the call.
 */
#ifndef CSV_H
#define CSV_H

typedef int csv_record_fn(void *arg, size_t line, char **fields,
    size_t nfields, struct buf *err);

int	 csv_parse(const char *, size_t, csv_record_fn *, void *,
	    struct buf *);

#endif /* CSV_H */
