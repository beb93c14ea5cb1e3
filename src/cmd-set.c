/*
 * cmd-set.c: "coopreport set ID PATH=VALUE..." answers questions of a
 * draft, and removes repeat entries with --remove.  All or nothing: when
 * one answer is refused (a wrong type, a path the form does not have, a
 * failed constraint), every refusal is named and nothing is saved.
 */
#include "common.h"

#include "cli.h"
#include "draft.h"
#include "msg.h"
#include "report.h"
#include "store.h"

enum { OPT_REMOVE };

static const struct cmd_option set_options[] = {
	{ "remove", 0, CMD_ARG_MANY, N_("PATH"),
	  N_("remove the repeat entry at PATH, e.g. 'certifications[2]'") },
	{ NULL, 0, CMD_ARG_NONE, NULL, NULL }
};

static enum exit_code
cmd_set_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	const struct cmd_optval	*rm = &args->opt[OPT_REMOVE];
	struct draft_change	*changes;
	struct draft		*d;
	struct buf		 err = BUF_INIT, errs = BUF_INIT,
				 warns = BUF_INIT, what = BUF_INIT;
	size_t			 i, n = 0, nerr = 0;
	char			*eq;
	enum exit_code		 rc = EXIT_CODE_OK;
	int			 s;

	if (args->argc < 2 && rm->nvalues == 0) {
		cli_usage_error(ctx->entry, _("nothing to set: give "
		    "PATH=VALUE or --remove PATH"));
		return EXIT_CODE_USAGE;
	}
	changes = xcalloc((size_t)args->argc, sizeof(*changes));
	for (i = 1; i < (size_t)args->argc; i++) {
		if ((eq = strchr(args->argv[i], '=')) == NULL ||
		    eq == args->argv[i]) {
			cli_usage_error(ctx->entry, _("'%s' is not "
			    "PATH=VALUE"), args->argv[i]);
			free(changes);
			return EXIT_CODE_USAGE;
		}
		*eq = '\0';
		changes[n].path = args->argv[i];
		changes[n++].value = eq + 1;
		buf_addf(&what, "%s%s", what.len > 0 ? ", " : "",
		    args->argv[i]);
	}
	if ((rc = cli_open_draft(ctx, args->argv[0], &d)) != EXIT_CODE_OK)
		goto out;
	for (i = 0; i < rm->nvalues; i++) {
		buf_reset(&err);
		if (report_repeat_remove(d->report, rm->values[i], &err) ==
		    -1) {
			msg_error("%s", err.s);
			nerr++;
		}
		buf_addf(&what, "%s-%s", what.len > 0 ? ", " : "",
		    rm->values[i]);
	}
	nerr += draft_apply(d, changes, n, NULL, &errs, &warns);
	msg_error_lines(errs.s);
	msg_warning_lines(warns.s);
	if (nerr > 0) {
		msg_error(Q_("%zu answer refused; nothing was changed",
		    "%zu answers refused; nothing was changed", nerr), nerr);
		rc = EXIT_CODE_ERROR;
	} else if ((s = draft_save(d, "set", what.s, &err)) < 0) {
		msg_error("%s", err.s);
		rc = store_exit_code(s);
	}
	draft_free(d);
out:
	free(changes);
	buf_release(&err);
	buf_release(&errs);
	buf_release(&warns);
	buf_release(&what);
	return rc;
}

const struct cmd_entry cmd_set_entry = {
	.name = "set",
	.synopsis = "[--remove PATH] ID [PATH=VALUE ...]",
	.summary = N_("answer questions of a draft report"),
	.options = set_options,
	.min_args = 1,
	.max_args = -1,
	.flags = CMD_LOCK_STORE,
	.exec = cmd_set_exec,
};
