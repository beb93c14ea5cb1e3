/*
 * cmd-forms.c: "coopreport forms" lists the form definitions on the
 * search path (formdir.h): id, version and title, one form a line.  A
 * file that does not load is named on stderr, with why.
 */
#include "common.h"

#include "cli.h"
#include "formdir.h"
#include "msg.h"

static enum exit_code
cmd_forms_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct formdir		 fd;
	struct formdir_form	*list;
	size_t			 n, i, wid = 0, wver = 0;

	(void)args;
	cli_formdir(ctx, &fd);
	formdir_scan(&fd, &list, &n);
	for (i = 0; i < n; i++) {
		if (list[i].id == NULL || list[i].shadowed)
			continue;
		if (strlen(list[i].id) > wid)
			wid = strlen(list[i].id);
		if (strlen(list[i].version) > wver)
			wver = strlen(list[i].version);
	}
	for (i = 0; i < n; i++) {
		if (list[i].error != NULL)
			msg_warning(_("skipping a form that does not load: %s"),
			    list[i].error);
		else if (list[i].shadowed)
			msg_verbose(_("%s: form '%s' is shadowed by another "
			    "of the same id"), list[i].path, list[i].id);
		else
			printf("%-*s  %-*s  %s\n", (int)wid, list[i].id,
			    (int)wver, list[i].version, list[i].title);
	}
	formdir_list_free(list, n);
	formdir_release(&fd);
	return EXIT_CODE_OK;
}

const struct cmd_entry cmd_forms_entry = {
	.name = "forms",
	.synopsis = "",
	.summary = N_("list the forms that reports can be made from"),
	.options = NULL,
	.min_args = 0,
	.max_args = 0,
	.flags = 0,
	.exec = cmd_forms_exec,
};
