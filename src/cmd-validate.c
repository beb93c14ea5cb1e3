/*
 * cmd-validate.c: "coopreport validate ID" lists what stops a report
 * from being finalized, one line a problem on stdout ("PATH: message"),
 * and the warnings that will need a written explanation ("PATH: warning:
 * message").  It exits 0 when the report could be finalized.
 */
#include "common.h"

#include <time.h>

#include "cli.h"
#include "draft.h"
#include "msg.h"
#include "report.h"
#include "store.h"

static enum exit_code
cmd_validate_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct report_problems	 ps;
	struct draft		*d;
	struct buf		 line = BUF_INIT, err = BUF_INIT;
	enum exit_code		 rc;
	size_t			 i;
	int			 s;

	if ((rc = cli_open_draft(ctx, args->argv[0], &d)) != EXIT_CODE_OK)
		return rc;
	report_recalc(d->report, time(NULL));
	report_validate(d->report, &ps);
	for (i = 0; i < ps.n; i++) {
		buf_reset(&line);
		report_problem_format(&ps.v[i], &line);
		printf("%s\n", line.s);
	}
	buf_reset(&line);
	buf_addf(&line, "%zu errors, %zu warnings", ps.nerrors,
	    ps.n - ps.nerrors);
	if ((s = draft_log(d, "validate", line.s, &err)) < 0) {
		msg_error("%s", err.s);
		rc = store_exit_code(s);
	} else if (ps.nerrors > 0) {
		msg_info(Q_("the report cannot be finalized: %zu problem",
		    "the report cannot be finalized: %zu problems",
		    ps.nerrors), ps.nerrors);
		rc = EXIT_CODE_ERROR;
	} else
		msg_info("%s", _("the report can be finalized"));
	report_problems_release(&ps);
	draft_free(d);
	buf_release(&line);
	buf_release(&err);
	return rc;
}

const struct cmd_entry cmd_validate_entry = {
	.name = "validate",
	.synopsis = "ID",
	.summary = N_("check a report and list what stops it from being "
	    "finalized"),
	.options = NULL,
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_LOCK_STORE,
	.exec = cmd_validate_exec,
};
