/*
 * cmd-amend.c: "coopreport amend ID" starts the correction of a report
 * that was finalized (in outbox/ or sent/): a new draft with every answer
 * of the old one, a new instanceID and meta/deprecatedID set to the old
 * instanceID (the ODK edit chain), and, where the form has the fields,
 * report kind B with the next amendment number (HTKK's supplementary
 * declaration).  The old report is not touched.  It prints the new
 * draft's id; run again, it finds the draft it made before.
 */
#include "common.h"

#include "cli.h"
#include "draft.h"
#include "envelope.h"
#include "formdir.h"
#include "msg.h"
#include "store.h"
#include "testhook.h"

static enum exit_code
cmd_amend_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct draft_seed	 seed;
	struct formdir		 fd;
	struct store_entry	*old = NULL, *dup = NULL;
	struct envelope		*env = envelope_new();
	struct draft		*d = NULL;
	struct buf		 err = BUF_INIT, notes = BUF_INIT;
	enum exit_code		 rc = EXIT_CODE_OK;
	const char		*iid;
	char			 sid[STORE_SHORT_ID_LEN + 1], *line;
	char			 old_sid[STORE_SHORT_ID_LEN + 1];
	int			 s;

	cli_formdir(ctx, &fd);
	if ((s = store_entry_find(ctx->store, args->argv[0], &old,
	    &err)) < 0 || (s = draft_envelope(old, env, &err)) < 0)
		goto fail;
	store_entry_short_id(old, old_sid);
	if (old->state != STORE_OUTBOX && old->state != STORE_SENT) {
		s = buf_errf(&err, old->state == STORE_DRAFTS ?
		    _("report '%s' is still a draft: change it with "
		    "'coopreport set' instead") : _("report '%s' is in %s/; "
		    "only a report in outbox/ or sent/ can be amended"),
		    args->argv[0], store_state_name(old->state));
		goto fail;
	}
	if ((iid = envelope_get(env, "instance-id")) == NULL) {
		s = buf_errf(&err, _("report '%s' has no instanceID, so it "
		    "cannot be amended"), args->argv[0]);
		goto fail;
	}
	/* Once is enough: a second run finds the first one's draft. */
	if ((s = draft_find_amendment(ctx->store, iid, &dup, &err)) < 0)
		goto fail;
	if (dup != NULL) {
		store_entry_short_id(dup, sid);
		printf("%s\n", sid);
		msg_info(_("report %s is already being amended in draft %s"),
		    old_sid, sid);
		goto out;
	}
	memset(&seed, 0, sizeof(seed));
	seed.from = old;
	seed.amend = 1;
	if ((s = draft_create(ctx->store, &fd, NULL, ctx->lang, test_now(),
	    &seed, &d, &notes, &err)) < 0)
		goto fail;
	draft_short_id(d, sid, sizeof(sid));
	printf("%s\n", sid);
	for (line = strtok(notes.s, "\n"); line != NULL;
	    line = strtok(NULL, "\n"))
		msg_warning(_("not copied: %s"), line);
	msg_info(_("draft %s amends report %s; change it, then finalize it"),
	    sid, old_sid);
	goto out;
fail:
	msg_error("%s", err.s);
	rc = store_exit_code(s);
out:
	draft_free(d);
	store_entry_free(old);
	store_entry_free(dup);
	envelope_free(env);
	formdir_release(&fd);
	buf_release(&err);
	buf_release(&notes);
	return rc;
}

const struct cmd_entry cmd_amend_entry = {
	.name = "amend",
	.synopsis = "ID",
	.summary = N_("start a correction of a finalized report, as a new "
	    "draft"),
	.options = NULL,
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_LOCK_STORE,
	.exec = cmd_amend_exec,
};
