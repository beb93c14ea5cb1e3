/*
 * cmd-get.c: "coopreport get ID PATH" prints one answer of a report.
 */
#include "common.h"

#include "cli.h"
#include "draft.h"
#include "msg.h"
#include "report.h"

static enum exit_code
cmd_get_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct draft	*d;
	struct buf	 err = BUF_INIT;
	enum exit_code	 rc;
	char		*v;

	if ((rc = cli_open_report(ctx, args->argv[0], &d)) != EXIT_CODE_OK)
		return rc;
	if ((v = report_get(d->report, args->argv[1], &err)) == NULL) {
		msg_error("%s", err.s);
		rc = EXIT_CODE_ERROR;
	} else
		printf("%s\n", v);
	free(v);
	draft_free(d);
	buf_release(&err);
	return rc;
}

const struct cmd_entry cmd_get_entry = {
	.name = "get",
	.synopsis = "ID PATH",
	.summary = N_("print one answer of a report"),
	.options = NULL,
	.min_args = 2,
	.max_args = 2,
	.flags = CMD_NEED_STORE,
	.exec = cmd_get_exec,
};
