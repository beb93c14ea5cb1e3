/*
 * cmd-help.c: "coopreport help [COMMAND]" prints the same text as
 * --help, for people who type the word.
 */
#include "common.h"

#include "cli.h"

static enum exit_code
cmd_help_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	const struct cmd_entry	*e = NULL;

	(void)ctx;
	if (args->argc == 1 && (e = cli_find(args->argv[0])) == NULL) {
		cli_usage_error(NULL, _("unknown command '%s'"),
		    args->argv[0]);
		return EXIT_CODE_USAGE;
	}
	cli_print_help(stdout, e);
	return EXIT_CODE_OK;
}

const struct cmd_entry cmd_help_entry = {
	.name = "help",
	.synopsis = "[COMMAND]",
	.summary = N_("show the list of commands, or the help of one"),
	.options = NULL,
	.min_args = 0,
	.max_args = 1,
	.flags = 0,
	.exec = cmd_help_exec,
};
