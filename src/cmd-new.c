/*
 * cmd-new.c: "coopreport new FORM" starts a draft report of a form and
 * prints its id alone on a line, for the commands that fill it in.  The
 * draft is prefilled: the identity from the profile, the other answers
 * from the last report of the same form (ODK's last-saved), or from the
 * report that --from names.
 */
#include "common.h"

#include "cli.h"
#include "draft.h"
#include "envelope.h"
#include "form.h"
#include "formdir.h"
#include "msg.h"
#include "profile.h"
#include "store.h"
#include "testhook.h"

enum { OPT_FROM, OPT_EMPTY };

static const struct cmd_option new_options[] = {
	{ "from", 0, CMD_ARG_ONE, N_("ID"),
	  N_("copy the answers of report ID instead of the last report of "
	  "the form") },
	{ "empty", 0, CMD_ARG_NONE, NULL,
	  N_("copy no answers from an earlier report (the profile is still "
	  "used)") },
	{ NULL, 0, CMD_ARG_NONE, NULL, NULL }
};

/*
 * The profile to fill in: --profile NAME, which must exist, else
 * "default" when it exists.  Returns -1 after saying why.
 */
static int
load_profile(const struct cmd_ctx *ctx, struct profile **p)
{
	struct buf	 err = BUF_INIT;
	const char	*name = ctx->profile != NULL ? ctx->profile :
			    PROFILE_DEFAULT;

	if (profile_load(ctx->store, name, p, &err) < 0) {
		msg_error("%s", err.s);
		buf_release(&err);
		return -1;
	}
	buf_release(&err);
	if (!(*p)->exists) {
		profile_free(*p);
		*p = NULL;
		if (ctx->profile != NULL) {
			msg_error(_("there is no profile '%s'; make it with "
			    "'coopreport --profile %s profile set "
			    "KEY=VALUE ...'"), name, name);
			return -1;
		}
	}
	return 0;
}

/* The report to copy answers from, or *from NULL; -1 after an error. */
static int
find_source(const struct cmd_ctx *ctx, const struct cmd_args *args,
    const struct formdir *fd, const struct profile *p,
    struct store_entry **from, enum exit_code *rc)
{
	struct buf	 err = BUF_INIT;
	struct form	*f = NULL;
	int		 s = STORE_OK;

	*from = NULL;
	if (args->opt[OPT_FROM].value != NULL)
		s = store_entry_find(ctx->store, args->opt[OPT_FROM].value,
		    from, &err);
	else if (!args->opt[OPT_EMPTY].count) {
		/* The form's id, when FORM names its file. */
		if (formdir_load(fd, args->argv[0], NULL, &f, &err) == -1)
			s = STORE_ERROR;
		else
			s = draft_last_saved(ctx->store, form_id(f),
			    p != NULL ? profile_get(p, "tax_code") : NULL,
			    from, &err);
		form_free(f);
	}
	if (s < 0) {
		msg_error("%s", err.s);
		*rc = store_exit_code(s);
	}
	buf_release(&err);
	return s < 0 ? -1 : 0;
}

static enum exit_code
cmd_new_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct draft_seed	 seed;
	struct formdir		 fd;
	struct profile		*p = NULL;
	struct store_entry	*from = NULL;
	struct draft		*d = NULL;
	struct buf		 err = BUF_INIT, notes = BUF_INIT;
	enum exit_code		 rc = EXIT_CODE_OK;
	char			 sid[64], *line;
	int			 s;

	if (args->opt[OPT_FROM].value != NULL && args->opt[OPT_EMPTY].count) {
		cli_usage_error(ctx->entry, _("--from and --empty do not go "
		    "together"));
		return EXIT_CODE_USAGE;
	}
	cli_formdir(ctx, &fd);
	if (load_profile(ctx, &p) == -1) {
		rc = EXIT_CODE_ERROR;
		goto out;
	}
	if (find_source(ctx, args, &fd, p, &from, &rc) == -1)
		goto out;
	memset(&seed, 0, sizeof(seed));
	seed.from = from;
	seed.profile = p;
	s = draft_create(ctx->store, &fd, args->argv[0], ctx->lang,
	    test_now(), &seed, &d, &notes, &err);
	if (s < 0) {
		msg_error("%s", err.s);
		rc = store_exit_code(s);
		goto out;
	}
	draft_short_id(d, sid, sizeof(sid));
	printf("%s\n", sid);
	if (from != NULL) {
		char	 fsid[STORE_SHORT_ID_LEN + 1];

		store_entry_short_id(from, fsid);
		msg_info(_("answers copied from report %s; check each of them "
		    "for the new period"), fsid);
	}
	if (p != NULL)
		msg_info(_("identity filled in from profile '%s'"), p->name);
	for (line = strtok(notes.s, "\n"); line != NULL;
	    line = strtok(NULL, "\n"))
		msg_warning(_("not copied: %s"), line);
out:
	draft_free(d);
	store_entry_free(from);
	profile_free(p);
	formdir_release(&fd);
	buf_release(&err);
	buf_release(&notes);
	return rc;
}

const struct cmd_entry cmd_new_entry = {
	.name = "new",
	.synopsis = "[--from ID] [--empty] FORM",
	.summary = N_("start a new report of a form and print its id"),
	.options = new_options,
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_LOCK_STORE,
	.exec = cmd_new_exec,
};
