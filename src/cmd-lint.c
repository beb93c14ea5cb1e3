/*
 * cmd-lint.c: "coopreport lint FORM.xml..." checks form definitions
 * before an agency publishes them, and lists every problem as
 * "FILE:LINE: message".  It exits 0 when every form is clean.
 */
#include "common.h"

#include "cli.h"
#include "form.h"

static enum exit_code
cmd_lint_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct buf	 out = BUF_INIT;
	size_t		 n = 0;
	int		 i;

	(void)ctx;
	for (i = 0; i < args->argc; i++)
		n += form_lint(args->argv[i], &out);
	fwrite(out.s, 1, out.len, stdout);
	buf_release(&out);
	return n == 0 ? EXIT_CODE_OK : EXIT_CODE_ERROR;
}

const struct cmd_entry cmd_lint_entry = {
	.name = "lint",
	.synopsis = "FORM.xml ...",
	.summary = N_("check form definitions and list their problems"),
	.options = NULL,
	.min_args = 1,
	.max_args = -1,
	.flags = 0,
	.exec = cmd_lint_exec,
};
