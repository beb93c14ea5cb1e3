/*
 * csv.c: a one-pass reader of RFC 4180 records.  Every field of a record
 * is collected in one buffer, separated by NULs, so that a record costs
 * two allocations however many fields it has.
 */
#include "common.h"

#include "csv.h"

struct record {
	struct buf	 text;		/* the fields, each ending with NUL */
	size_t		*starts;	/* offset of each field in text */
	size_t		 n, cap;
	char		**fields;
	size_t		 fcap;
};

static void
field_end(struct record *r)
{
	buf_addc(&r->text, '\0');
}

static void
field_start(struct record *r)
{
	if (r->n == r->cap) {
		r->cap = r->cap == 0 ? 8 : r->cap * 2;
		r->starts = xreallocarray(r->starts, r->cap,
		    sizeof(*r->starts));
	}
	r->starts[r->n++] = r->text.len;
}

static int
emit(struct record *r, size_t line, csv_record_fn *fn, void *arg,
    struct buf *err)
{
	size_t	 i;
	int	 rc;

	if (r->n > r->fcap) {
		r->fcap = r->n;
		r->fields = xreallocarray(r->fields, r->fcap,
		    sizeof(*r->fields));
	}
	for (i = 0; i < r->n; i++)
		r->fields[i] = r->text.s + r->starts[i];
	rc = fn(arg, line, r->fields, r->n, err);
	buf_reset(&r->text);
	r->n = 0;
	return rc;
}

int
csv_parse(const char *s, size_t len, csv_record_fn *fn, void *arg,
    struct buf *err)
{
	struct record	 r;
	size_t		 i = 0, line = 1, start_line = 1;
	int		 rc = 0;

	memset(&r, 0, sizeof(r));
	buf_init(&r.text);
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len) {
		/* At the start of a field. */
		if (r.n == 0)
			start_line = line;
		field_start(&r);
		if (s[i] == '"') {
			size_t	 qline = line;

			for (i++;; i++) {
				if (i >= len) {
					rc = buf_errf(err, _("line %zu: a "
					    "quoted field is never closed"),
					    qline);
					goto out;
				}
				if (s[i] == '"') {
					if (i + 1 < len && s[i + 1] == '"') {
						buf_addc(&r.text, '"');
						i++;
						continue;
					}
					i++;
					break;
				}
				if (s[i] == '\n')
					line++;
				buf_addc(&r.text, s[i]);
			}
			if (i < len && s[i] != ',' && s[i] != '\n' &&
			    !(s[i] == '\r' && (i + 1 == len ||
			    s[i + 1] == '\n'))) {
				rc = buf_errf(err, _("line %zu: unexpected "
				    "text after a closing quote"), line);
				goto out;
			}
		} else {
			while (i < len && s[i] != ',' && s[i] != '\n' &&
			    !(s[i] == '\r' && (i + 1 == len ||
			    s[i + 1] == '\n'))) {
				if (s[i] == '"') {
					rc = buf_errf(err, _("line %zu: a "
					    "quote inside a field that does "
					    "not start with one"), line);
					goto out;
				}
				buf_addc(&r.text, s[i++]);
			}
		}
		field_end(&r);
		if (i < len && s[i] == ',') {
			i++;
			if (i == len) {
				/* "a," at the very end: one more empty field */
				field_start(&r);
				field_end(&r);
			}
			continue;
		}
		/* End of the record: CRLF, LF or the end of the input. */
		if (i < len && s[i] == '\r')
			i++;
		if (i < len && s[i] == '\n') {
			i++;
			line++;
		}
		if ((rc = emit(&r, start_line, fn, arg, err)) != 0)
			goto out;
	}
	if (r.n > 0)
		rc = emit(&r, start_line, fn, arg, err);
out:
	buf_release(&r.text);
	free(r.starts);
	free(r.fields);
	return rc < 0 ? -1 : 0;
}
