/*
 * cmd-delete.c: "coopreport delete ID" deletes a draft, after asking at
 * the terminal, or at once with --yes (which a script must give).  A
 * finalized report is never deleted: it is a legal record.
 */
#include "common.h"

#include <unistd.h>

#include "cli.h"
#include "draft.h"
#include "envelope.h"
#include "msg.h"
#include "store.h"

enum { OPT_YES };

static const struct cmd_option delete_options[] = {
	{ "yes", 'y', CMD_ARG_NONE, NULL,
	  N_("do not ask; needed when the input is not a terminal") },
	{ NULL, 0, CMD_ARG_NONE, NULL, NULL }
};

/* "y", "yes", and the Vietnamese "c", "có". */
static int
is_yes(const char *s)
{
	return strcmp(s, "y") == 0 || strcmp(s, "Y") == 0 ||
	    strcmp(s, "yes") == 0 || strcmp(s, "c") == 0 ||
	    strcmp(s, "C") == 0 || strcmp(s, "có") == 0 ||
	    strcmp(s, "Có") == 0;
}

static enum exit_code
cmd_delete_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct store_entry	*e = NULL;
	struct envelope		*env = envelope_new();
	struct buf		 err = BUF_INIT, q = BUF_INIT, a = BUF_INIT;
	enum exit_code		 rc = EXIT_CODE_OK;
	const char		*form, *period;
	char			 sid[STORE_SHORT_ID_LEN + 1];
	int			 s;

	if ((s = store_entry_find(ctx->store, args->argv[0], &e, &err)) < 0)
		goto fail;
	store_entry_short_id(e, sid);
	if (e->state != STORE_DRAFTS) {
		s = buf_errf(&err, _("report '%s' is finalized (it is in %s/) "
		    "and is never deleted; only drafts are"), args->argv[0],
		    store_state_name(e->state));
		goto fail;
	}
	if (!args->opt[OPT_YES].count) {
		if (!isatty(STDIN_FILENO)) {
			cli_usage_error(ctx->entry, _("give --yes to delete "
			    "draft %s without a question"), sid);
			rc = EXIT_CODE_USAGE;
			goto out;
		}
		form = period = NULL;
		if (draft_envelope(e, env, NULL) == STORE_OK) {
			form = envelope_get(env, "form-id");
			period = envelope_get(env, "period");
		}
		buf_addf(&q, _("delete draft %s (%s %s) for good? [y/N] "),
		    sid, form != NULL ? form : "?", period != NULL ? period :
		    "");
		if (cli_ask(q.s, &a) == -1 || !is_yes(a.s)) {
			msg_info(_("draft %s was not deleted"), sid);
			goto out;
		}
	}
	if ((s = store_entry_delete(e, &err)) < 0)
		goto fail;
	msg_info(_("draft %s is deleted"), sid);
	goto out;
fail:
	msg_error("%s", err.s);
	rc = store_exit_code(s);
out:
	store_entry_free(e);
	envelope_free(env);
	buf_release(&err);
	buf_release(&q);
	buf_release(&a);
	return rc;
}

const struct cmd_entry cmd_delete_entry = {
	.name = "delete",
	.synopsis = "[--yes] ID",
	.summary = N_("delete a draft report"),
	.options = delete_options,
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_LOCK_STORE,
	.exec = cmd_delete_exec,
};
