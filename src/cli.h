/*
 * cli.h: commands, their options, and the help printed from them.
 *
 * Purpose: every subcommand lives in its own cmd-<name>.c and exports one
 * "const struct cmd_entry cmd_<name>_entry".  cli.c keeps these in one
 * sorted table, parses each command's options from its option table, and
 * prints --help from the same tables, so the help text, the parser and
 * the man page check (tests/t9000-docs.sh) share one source.
 *
 * Calling sequence: main() calls cli_run(argc, argv), which returns the
 * process exit code.  cli_run() parses global options, finds the command
 * by its exact name, parses the command's options and operands into a
 * struct cmd_args, does the setup that the entry's flags ask for, calls
 * exec, and afterwards checks that stdout was written completely.
 *
 * Error handling: misuse prints one line and a hint, and gives
 * EXIT_CODE_USAGE; exec returns an enum exit_code of its own.
 *
 * Ownership: struct cmd_args and struct cmd_ctx belong to cli_run() and
 * live until exec returns; their strings point into argv.
 */
#ifndef CLI_H
#define CLI_H

#include <time.h>

/* What the dispatcher prepares before a command's exec runs. */
enum cmd_flags {
	CMD_NEED_STORE = 1 << 0,	/* open $COOPREPORT_HOME for reading */
	CMD_LOCK_STORE = 1 << 1,	/* ... and take the single-writer lock */
};

enum cmd_arg {
	CMD_ARG_NONE,			/* a switch; count says how often */
	CMD_ARG_ONE,			/* takes a value; the last one wins */
	CMD_ARG_MANY,			/* takes a value; every one is kept */
};

struct cmd_option {
	const char	*name;		/* long name, without "--" */
	int		 letter;	/* short name, or 0 */
	enum cmd_arg	 arg;
	const char	*metavar;	/* N_("FILE"): the value in --help */
	const char	*help;		/* N_(): one line for --help */
};

#define CMD_OPTIONS_MAX	16

struct cmd_optval {
	int		 count;		/* how many times it was given */
	const char	*value;		/* the last value given, or NULL */
	const char	**values;	/* CMD_ARG_MANY: every value, in order */
	size_t		 nvalues;
};

struct cmd_args {
	int		 argc;		/* operands after the options */
	char		**argv;
	struct cmd_optval opt[CMD_OPTIONS_MAX];	/* as the entry's table */
};

struct store;

/* Global state of one run, from the global options and the environment. */
struct cmd_ctx {
	const struct cmd_entry *entry;
	char		*store_path;	/* --home, else $COOPREPORT_HOME... */
	struct store	*store;		/* open when the flags ask for it */
	const char	*lang;		/* "vi" or "en": --lang, the config,
					 * the locale, else "vi" */
	const char	*home;		/* --home, or NULL for the default */
	const char	*profile;	/* --profile, or NULL for "default" */
	const char	**forms_dirs;	/* every --forms DIR, in order */
	size_t		 nforms_dirs;
	int		 verbosity;	/* -1 quiet, 0, 1 -v, 2 -vv */
};

struct cmd_entry {
	const char	*name;
	const char	*synopsis;	/* what follows the name in SYNOPSIS */
	const char	*summary;	/* N_(): one line for --help */
	const struct cmd_option *options; /* ends with a NULL name */
	int		 min_args;	/* operands */
	int		 max_args;	/* -1 for no limit */
	int		 flags;		/* enum cmd_flags */
	/* With CMD_LOCK_STORE: NULL, or whether these arguments change the
	 * store (else it is opened for reading, as CMD_NEED_STORE). */
	int		(*writes)(const struct cmd_args *);
	enum exit_code	(*exec)(struct cmd_ctx *, struct cmd_args *);
};

struct draft;
struct formdir;

int	cli_run(int, char **);
/* The forms search path of this run: --forms, the store's, installed. */
void	cli_formdir(const struct cmd_ctx *, struct formdir *);
/* Opens draft id of the store; on failure says why and returns the exit
 * code, else EXIT_CODE_OK. */
enum exit_code cli_open_draft(const struct cmd_ctx *, const char *,
	    struct draft **);
/* The same for a report in any state, to read it. */
enum exit_code cli_open_report(const struct cmd_ctx *, const char *,
	    struct draft **);
/*
 * Asks the person at the terminal: prints the question on stderr and
 * reads one line from stdin into answer, without its newline.  Returns
 * 0, or -1 when stdin is not a terminal or at end of input.
 */
int	cli_ask(const char *, struct buf *);
/* What listings show: a state's name for a person (translated), a time
 * on the local clock ("2026-11-22 08:30"), and s padded with spaces to
 * width characters. */
const char *cli_state_label(int);
void	cli_local_time(time_t, char [32]);
void	cli_pad(struct buf *, const char *, size_t);
/* The columns that s takes on a terminal. */
size_t	cli_width(const char *);
void	cli_usage_error(const struct cmd_entry *, const char *, ...)
	    ATTR_PRINTFLIKE(2, 3);
void	cli_print_help(FILE *, const struct cmd_entry *);
const struct cmd_entry *cli_find(const char *);

#endif /* CLI_H */
