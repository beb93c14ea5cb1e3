/*
 * cmd-new.c: "coopreport new FORM" starts a draft report of a form and
 * prints its id alone on a line, for the commands that fill it in.
 */
#include "common.h"

#include <time.h>

#include "cli.h"
#include "draft.h"
#include "formdir.h"
#include "msg.h"
#include "store.h"

static enum exit_code
cmd_new_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct formdir	 fd;
	struct draft	*d;
	struct buf	 err = BUF_INIT;
	char		 sid[64];
	int		 rc;

	cli_formdir(ctx, &fd);
	rc = draft_new(ctx->store, &fd, args->argv[0], ctx->lang, time(NULL),
	    &d, &err);
	formdir_release(&fd);
	if (rc < 0) {
		msg_error("%s", err.s);
		buf_release(&err);
		return store_exit_code(rc);
	}
	draft_short_id(d, sid, sizeof(sid));
	printf("%s\n", sid);
	draft_free(d);
	buf_release(&err);
	return EXIT_CODE_OK;
}

const struct cmd_entry cmd_new_entry = {
	.name = "new",
	.synopsis = "FORM",
	.summary = N_("start a new report of a form and print its id"),
	.options = NULL,
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_LOCK_STORE,
	.exec = cmd_new_exec,
};
