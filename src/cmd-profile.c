/*
 * cmd-profile.c: "coopreport profile" keeps the identity of the
 * cooperative that "new" fills into each report (profile.h):
 *	profile [show]			the answers of the profile
 *	profile list			the profiles of the store
 *	profile set KEY=VALUE ...	change it; an empty VALUE removes
 * --profile NAME chooses the profile (default: "default").  A key must
 * be one of the identity questions, and each value must be one that the
 * forms accept: a typo is refused by name, and nothing is saved.
 */
#include "common.h"

#include "cli.h"
#include "formdir.h"
#include "msg.h"
#include "profile.h"
#include "store.h"

static int
profile_writes(const struct cmd_args *args)
{
	return args->argc > 0 && strcmp(args->argv[0], "set") == 0;
}

static const char *
profile_name(const struct cmd_ctx *ctx)
{
	return ctx->profile != NULL ? ctx->profile : PROFILE_DEFAULT;
}

static enum exit_code
profile_show(struct cmd_ctx *ctx, struct profile *p)
{
	struct buf	 unset = BUF_INIT;
	const char	*v;
	size_t		 i;

	if (!p->exists && ctx->profile != NULL) {
		msg_error(_("there is no profile '%s'"), p->name);
		return EXIT_CODE_ERROR;
	}
	for (i = 0; profile_fields[i] != NULL; i++) {
		if ((v = profile_get(p, profile_fields[i])) != NULL)
			printf("%s=%s\n", profile_fields[i], v);
		else
			buf_addf(&unset, "%s%s", unset.len > 0 ? ", " : "",
			    profile_fields[i]);
	}
	if (unset.len > 0)
		msg_info(_("not set in profile '%s': %s"), p->name, unset.s);
	buf_release(&unset);
	return EXIT_CODE_OK;
}

static enum exit_code
profile_list_all(struct cmd_ctx *ctx)
{
	struct buf	 err = BUF_INIT;
	char		**names;
	size_t		 n, i;

	if (profile_list(ctx->store, &names, &n, &err) < 0) {
		msg_error("%s", err.s);
		buf_release(&err);
		return EXIT_CODE_ERROR;
	}
	for (i = 0; i < n; i++) {
		printf("%s\n", names[i]);
		free(names[i]);
	}
	free(names);
	if (n == 0)
		msg_info("%s", _("there is no profile yet; make one with "
		    "'coopreport profile set KEY=VALUE ...'"));
	buf_release(&err);
	return EXIT_CODE_OK;
}

static enum exit_code
profile_change(struct cmd_ctx *ctx, struct profile *p, int argc,
    char **argv)
{
	struct formdir	 fd;
	struct buf	 err = BUF_INIT, errs = BUF_INIT;
	const char	**keys;
	enum exit_code	 rc = EXIT_CODE_OK;
	size_t		 nbad = 0;
	char		*eq;
	int		 i, s;

	if (argc == 0) {
		cli_usage_error(ctx->entry, _("nothing to set: give "
		    "KEY=VALUE"));
		return EXIT_CODE_USAGE;
	}
	keys = xcalloc((size_t)argc + 1, sizeof(*keys));
	for (i = 0; i < argc; i++) {
		if ((eq = strchr(argv[i], '=')) == NULL || eq == argv[i]) {
			cli_usage_error(ctx->entry, _("'%s' is not KEY=VALUE"),
			    argv[i]);
			free(keys);
			return EXIT_CODE_USAGE;
		}
		*eq = '\0';
		keys[i] = argv[i];
		buf_reset(&err);
		if (profile_set(p, argv[i], eq + 1, &err) < 0) {
			msg_error("%s", err.s);
			nbad++;
		}
	}
	if (nbad == 0) {
		cli_formdir(ctx, &fd);
		nbad = profile_check(p, &fd, ctx->lang, keys, &errs);
		formdir_release(&fd);
		msg_error_lines(errs.s);
	}
	if (nbad > 0) {
		msg_error(Q_("%zu answer refused; profile '%s' was not "
		    "changed", "%zu answers refused; profile '%s' was not "
		    "changed", nbad), nbad, p->name);
		rc = EXIT_CODE_ERROR;
	} else if ((s = profile_save(ctx->store, p, &err)) < 0) {
		msg_error("%s", err.s);
		rc = store_exit_code(s);
	}
	free(keys);
	buf_release(&err);
	buf_release(&errs);
	return rc;
}

static enum exit_code
cmd_profile_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	const char	*action = args->argc > 0 ? args->argv[0] : "show";
	struct profile	*p = NULL;
	struct buf	 err = BUF_INIT;
	enum exit_code	 rc;
	int		 s;

	if (strcmp(action, "list") == 0 || strcmp(action, "show") == 0) {
		if (args->argc > 1) {
			cli_usage_error(ctx->entry, _("unexpected operand "
			    "'%s'"), args->argv[1]);
			return EXIT_CODE_USAGE;
		}
		if (strcmp(action, "list") == 0)
			return profile_list_all(ctx);
	} else if (strcmp(action, "set") != 0) {
		cli_usage_error(ctx->entry, _("'%s' is not show, list or set"),
		    action);
		return EXIT_CODE_USAGE;
	}
	if ((s = profile_load(ctx->store, profile_name(ctx), &p, &err)) < 0) {
		msg_error("%s", err.s);
		buf_release(&err);
		return store_exit_code(s);
	}
	if (strcmp(action, "show") == 0)
		rc = profile_show(ctx, p);
	else
		rc = profile_change(ctx, p, args->argc - 1, args->argv + 1);
	profile_free(p);
	buf_release(&err);
	return rc;
}

const struct cmd_entry cmd_profile_entry = {
	.name = "profile",
	.synopsis = "[show | list | set KEY=VALUE ...]",
	.summary = N_("show or change the identity that new reports are "
	    "filled in with"),
	.options = NULL,
	.min_args = 0,
	.max_args = -1,
	.flags = CMD_LOCK_STORE,
	.writes = profile_writes,
	.exec = cmd_profile_exec,
};
