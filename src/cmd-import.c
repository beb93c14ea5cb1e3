/*
 * cmd-import.c: "coopreport import ID FILE.csv" answers a draft from a
 * spreadsheet's "path,value" export.  Every refusal names the CSV line,
 * and nothing is imported unless every answer is accepted.  An upload
 * question may take "@FILE", relative to the CSV file's folder.  FILE
 * "-" is the standard input, read once the store is locked.
 */
#include "common.h"

#include <unistd.h>

#include "cli.h"
#include "draft.h"
#include "file.h"
#include "import.h"
#include "msg.h"
#include "store.h"

#define IMPORT_MAX_SIZE	(16u << 20)
#define STDIN_NAME	"-"

/* The whole standard input, at most max bytes; -1 after an error. */
static int
read_stdin(size_t max, struct buf *out, struct buf *err)
{
	char	 chunk[65536];
	ssize_t	 n;

	msg_verbose("%s", _("reading the answers from the standard input"));
	for (;;) {
		n = read(STDIN_FILENO, chunk, sizeof(chunk));
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return buf_errf(err, _("cannot read the standard input: "
			    "%s"), strerror(errno));
		if (n == 0)
			return 0;
		if ((size_t)n > max - out->len)
			return buf_errf(err, _("the standard input is larger "
			    "than %zu bytes"), max);
		buf_add(out, chunk, (size_t)n);
	}
}

static enum exit_code
cmd_import_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	const char		*file = args->argv[1];
	struct import_answers	 a;
	struct draft		*d = NULL;
	struct buf		 text = BUF_INIT, err = BUF_INIT,
				 errs = BUF_INIT, warns = BUF_INIT;
	enum exit_code		 rc;
	size_t			 nerr;
	char			*base, *slash;
	int			 s;

	memset(&a, 0, sizeof(a));
	if ((strcmp(file, STDIN_NAME) == 0 ? read_stdin(IMPORT_MAX_SIZE, &text,
	    &err) : file_read(file, IMPORT_MAX_SIZE, &text, &err)) < 0 ||
	    import_read(text.s, text.len, file, &a, &err) == -1) {
		msg_error("%s", err.s);
		rc = EXIT_CODE_ERROR;
		goto out;
	}
	if ((rc = cli_open_draft(ctx, args->argv[0], &d)) != EXIT_CODE_OK)
		goto out;
	base = xstrdup(file);
	if ((slash = strrchr(base, '/')) != NULL)
		*slash = '\0';
	else
		strcpy(base, ".");
	nerr = draft_apply(d, a.v, a.n, base, &errs, &warns);
	free(base);
	msg_error_lines(errs.s);
	msg_warning_lines(warns.s);
	if (nerr > 0) {
		msg_error(Q_("%zu answer refused; nothing was imported",
		    "%zu answers refused; nothing was imported", nerr), nerr);
		rc = EXIT_CODE_ERROR;
		goto out;
	}
	buf_reset(&text);
	buf_addf(&text, "%s, %zu answers", file, a.n);
	if ((s = draft_save(d, "import", text.s, &err)) < 0) {
		msg_error("%s", err.s);
		rc = store_exit_code(s);
	} else
		msg_info(Q_("%zu answer imported", "%zu answers imported",
		    a.n), a.n);
out:
	draft_free(d);
	import_release(&a);
	buf_release(&text);
	buf_release(&err);
	buf_release(&errs);
	buf_release(&warns);
	return rc;
}

const struct cmd_entry cmd_import_entry = {
	.name = "import",
	.synopsis = "ID FILE.csv",
	.summary = N_("answer a draft report from a path,value CSV file"),
	.options = NULL,
	.min_args = 2,
	.max_args = 2,
	.flags = CMD_LOCK_STORE,
	.exec = cmd_import_exec,
};
