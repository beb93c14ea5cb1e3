/*
 * cmd-fsck.c: "coopreport fsck" checks every report of the store
 * (fsck.h) and prints one line per problem, naming the report's folder
 * and file and what was done: a damaged report is moved to quarantine/,
 * never deleted; an interrupted command's envelope is brought up to
 * date.  It exits 1 when it found damage, and on a clean store prints
 * one summary line on stderr (none with --quiet).
 */
#include "common.h"

#include "cli.h"
#include "fsck.h"
#include "msg.h"
#include "store.h"

enum { OPT_DRY_RUN };

static const struct cmd_option fsck_options[] = {
	{ "dry-run", 'n', CMD_ARG_NONE, NULL,
	  N_("only report what is wrong; move and change nothing") },
	{ NULL, 0, CMD_ARG_NONE, NULL, NULL }
};

static int
fsck_writes(const struct cmd_args *args)
{
	return args->opt[OPT_DRY_RUN].count == 0;
}

static enum exit_code
cmd_fsck_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct fsck_result	 res;
	struct buf		 err = BUF_INIT;
	enum exit_code		 rc = EXIT_CODE_OK;
	const char		*done;
	size_t			 i, stray = 0;
	int			 s, dry = args->opt[OPT_DRY_RUN].count > 0;

	if ((s = fsck_run(ctx->store, dry ? FSCK_DRY_RUN : 0, &res,
	    &err)) < 0) {
		msg_error("%s", err.s);
		rc = store_exit_code(s);
	}
	for (i = 0; i < res.n; i++) {
		const struct fsck_problem *p = &res.v[i];

		switch (p->kind) {
		case FSCK_DAMAGE:
			done = p->done ? _("moved to quarantine/") :
			    _("not moved");
			break;
		case FSCK_REPAIR:
			done = p->done ? _("repaired") : _("not repaired");
			break;
		default:
			done = NULL;
			stray++;
			break;
		}
		if (done != NULL)
			printf("%s (%s)\n", p->what, done);
		else
			printf("%s\n", p->what);
	}
	if (s < 0)
		;
	else if (res.damaged > 0 || stray > 0) {
		msg_error(Q_("%zu report checked: %zu damaged, %zu other "
		    "problems", "%zu reports checked: %zu damaged, %zu other "
		    "problems", res.checked), res.checked, res.damaged, stray);
		rc = EXIT_CODE_ERROR;
	} else
		msg_info(Q_("%zu report checked: no damage",
		    "%zu reports checked: no damage", res.checked),
		    res.checked);
	if (s >= 0 && res.quarantined > 0)
		msg_info(Q_("%zu report is in quarantine/ from before",
		    "%zu reports are in quarantine/ from before",
		    res.quarantined), res.quarantined);
	fsck_result_release(&res);
	buf_release(&err);
	return rc;
}

const struct cmd_entry cmd_fsck_entry = {
	.name = "fsck",
	.synopsis = "[--dry-run]",
	.summary = N_("check every report of the store and put damaged ones "
	    "aside"),
	.options = fsck_options,
	.min_args = 0,
	.max_args = 0,
	.flags = CMD_LOCK_STORE,
	.writes = fsck_writes,
	.exec = cmd_fsck_exec,
};
