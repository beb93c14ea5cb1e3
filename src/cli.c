/*
 * cli.c: the command table, option parsing, --help, and the dispatcher
 * that prepares what a command's flags ask for and checks stdout after.
 */
#include "common.h"

#include <getopt.h>
#include <locale.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include <curl/curl.h>
#include <libxml/parser.h>

#include "cli.h"
#include "draft.h"
#include "formdir.h"
#include "msg.h"
#include "profile.h"
#include "settings.h"
#include "store.h"
#include "testhook.h"

extern const struct cmd_entry cmd_amend_entry;
extern const struct cmd_entry cmd_delete_entry;
extern const struct cmd_entry cmd_eval_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_finalize_entry;
extern const struct cmd_entry cmd_forms_entry;
extern const struct cmd_entry cmd_fsck_entry;
extern const struct cmd_entry cmd_get_entry;
extern const struct cmd_entry cmd_help_entry;
extern const struct cmd_entry cmd_import_entry;
extern const struct cmd_entry cmd_import_bundle_entry;
extern const struct cmd_entry cmd_lint_entry;
extern const struct cmd_entry cmd_list_entry;
extern const struct cmd_entry cmd_log_entry;
extern const struct cmd_entry cmd_new_entry;
extern const struct cmd_entry cmd_profile_entry;
extern const struct cmd_entry cmd_set_entry;
extern const struct cmd_entry cmd_show_entry;
extern const struct cmd_entry cmd_status_entry;
extern const struct cmd_entry cmd_validate_entry;

/* Sorted by name; names are matched exactly (STYLE.md rule 3). */
static const struct cmd_entry *const cmd_table[] = {
	&cmd_amend_entry,
	&cmd_delete_entry,
	&cmd_eval_entry,
	&cmd_export_entry,
	&cmd_finalize_entry,
	&cmd_forms_entry,
	&cmd_fsck_entry,
	&cmd_get_entry,
	&cmd_help_entry,
	&cmd_import_entry,
	&cmd_import_bundle_entry,
	&cmd_lint_entry,
	&cmd_list_entry,
	&cmd_log_entry,
	&cmd_new_entry,
	&cmd_profile_entry,
	&cmd_set_entry,
	&cmd_show_entry,
	&cmd_status_entry,
	&cmd_validate_entry,
};

enum {
	GOPT_HELP,
	GOPT_VERSION,
	GOPT_HOME,
	GOPT_FORMS,
	GOPT_LANG,
	GOPT_PROFILE,
	GOPT_VERBOSE,
	GOPT_QUIET,
};

static const struct cmd_option global_options[] = {
	{ "help", 'h', CMD_ARG_NONE, NULL,
	  N_("show this help, or the help of one command, and exit") },
	{ "version", 0, CMD_ARG_NONE, NULL,
	  N_("show the version and exit") },
	{ "home", 0, CMD_ARG_ONE, N_("DIR"),
	  N_("keep reports in DIR instead of $COOPREPORT_HOME") },
	{ "forms", 0, CMD_ARG_MANY, N_("DIR"),
	  N_("also look for form definitions in DIR") },
	{ "lang", 0, CMD_ARG_ONE, N_("LANG"),
	  N_("language of labels and messages: vi or en") },
	{ "profile", 0, CMD_ARG_ONE, N_("NAME"),
	  N_("the cooperative whose identity 'new' fills in, and whose "
	  "reports 'status' shows as due (default: default)") },
	{ "verbose", 'v', CMD_ARG_NONE, NULL,
	  N_("say more; twice for debugging output") },
	{ "quiet", 'q', CMD_ARG_NONE, NULL,
	  N_("say only what went wrong") },
	{ NULL, 0, CMD_ARG_NONE, NULL, NULL }
};

/* getopt values: 1000 + index for global options, 2000 + index for the
 * command's own. */
#define GLOBAL_VAL	1000
#define COMMAND_VAL	2000

const struct cmd_entry *
cli_find(const char *name)
{
	size_t	 lo = 0, hi = nitems(cmd_table), mid;
	int	 c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(name, cmd_table[mid]->name);
		if (c == 0)
			return cmd_table[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static size_t
count_options(const struct cmd_option *o)
{
	size_t	 n = 0;

	while (o != NULL && o[n].name != NULL)
		n++;
	return n;
}

/* Display width of a UTF-8 string, for aligning translated help. */
static size_t
text_width(const char *s)
{
	mbstate_t	 st;
	wchar_t		 wc;
	size_t		 n, w = 0;
	int		 cw;

	for (n = 0; s[n] != '\0' && (unsigned char)s[n] < 0x80; n++)
		;
	if (s[n] == '\0')
		return n;	/* ASCII: as many columns as bytes */
	memset(&st, 0, sizeof(st));
	while (*s != '\0') {
		n = mbrtowc(&wc, s, MB_CUR_MAX, &st);
		if (n == (size_t)-1 || n == (size_t)-2) {
			memset(&st, 0, sizeof(st));
			n = 1;
			w++;
		} else {
			cw = wcwidth(wc);
			w += cw > 0 ? (size_t)cw : 0;
		}
		s += n;
	}
	return w;
}

static void
option_left(struct buf *b, const struct cmd_option *o)
{
	buf_reset(b);
	if (o->letter != 0)
		buf_addf(b, "  -%c, --%s", o->letter, o->name);
	else
		buf_addf(b, "      --%s", o->name);
	if (o->arg != CMD_ARG_NONE)
		buf_addf(b, " %s", _(o->metavar));
}

static void
print_options(FILE *f, const char *title, const struct cmd_option *o)
{
	struct buf	 b = BUF_INIT;
	size_t		 i, w, width = 0, n = count_options(o);

	if (n == 0)
		return;
	for (i = 0; i < n; i++) {
		option_left(&b, &o[i]);
		if ((w = text_width(b.s)) > width)
			width = w;
	}
	fprintf(f, "\n%s\n", title);
	for (i = 0; i < n; i++) {
		option_left(&b, &o[i]);
		fprintf(f, "%s%*s  %s\n", b.s, (int)(width - text_width(b.s)),
		    "", _(o[i].help));
	}
	buf_release(&b);
}

void
cli_print_help(FILE *f, const struct cmd_entry *e)
{
	size_t	 i, w, width = 0;

	if (e != NULL) {
		fprintf(f, "%s coopreport %s%s%s\n\n%s\n", _("usage:"),
		    e->name, *e->synopsis != '\0' ? " " : "", e->synopsis,
		    _(e->summary));
		print_options(f, _("Options:"), e->options);
		print_options(f, _("Global options:"), global_options);
		return;
	}
	fprintf(f, "%s coopreport [%s] %s [%s]\n\n", _("usage:"),
	    _("OPTIONS"), _("COMMAND"), _("ARGS"));
	fprintf(f, "%s\n", _("coopreport fills in, checks, keeps and uploads "
	    "the periodic reports of a cooperative."));
	fprintf(f, "\n%s\n", _("Commands:"));
	for (i = 0; i < nitems(cmd_table); i++)
		if ((w = strlen(cmd_table[i]->name)) > width)
			width = w;
	for (i = 0; i < nitems(cmd_table); i++)
		fprintf(f, "  %-*s  %s\n", (int)width, cmd_table[i]->name,
		    _(cmd_table[i]->summary));
	print_options(f, _("Global options:"), global_options);
	fprintf(f, "\n%s\n", _("Run 'coopreport COMMAND --help' for the "
	    "options of one command."));
}

void
cli_usage_error(const struct cmd_entry *e, const char *fmt, ...)
{
	va_list	 ap;

	fflush(stdout);
	fputs("error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (e != NULL)
		fprintf(stderr, _("try 'coopreport %s --help' for more "
		    "information\n"), e->name);
	else
		fprintf(stderr, _("try 'coopreport --help' for more "
		    "information\n"));
}

static void
print_version(void)
{
	const curl_version_info_data *cv = curl_version_info(CURLVERSION_NOW);

	printf("coopreport %s\n", PACKAGE_VERSION);
	printf("libcurl %s, libxml2 %s\n", cv->version, xmlParserVersion);
}

/*
 * Builds the getopt tables for the global options plus, when e is not
 * NULL, the command's own options.  Both arrays are the caller's to free.
 */
static void
build_getopt(const struct cmd_entry *e, struct option **lopts, char **sopts)
{
	const struct cmd_option	*tabs[2] = { global_options, NULL };
	struct buf		 s = BUF_INIT;
	size_t			 n, i, t, k = 0;

	if (e != NULL)
		tabs[1] = e->options;
	n = count_options(tabs[0]) + count_options(tabs[1]);
	*lopts = xcalloc(n + 1, sizeof(**lopts));
	/* "+": stop at the command name; ":": report a missing value. */
	buf_adds(&s, e == NULL ? "+:" : ":");
	for (t = 0; t < 2; t++) {
		for (i = 0; i < count_options(tabs[t]); i++) {
			const struct cmd_option *o = &tabs[t][i];
			int val = (t == 0 ? GLOBAL_VAL : COMMAND_VAL) + (int)i;

			(*lopts)[k].name = o->name;
			(*lopts)[k].has_arg = o->arg == CMD_ARG_NONE ?
			    no_argument : required_argument;
			(*lopts)[k].val = val;
			k++;
			if (o->letter != 0) {
				buf_addc(&s, o->letter);
				if (o->arg != CMD_ARG_NONE)
					buf_addc(&s, ':');
			}
		}
	}
	*sopts = buf_detach(&s, NULL);
}

/* Maps a short letter to its getopt value. */
static int
letter_val(const struct cmd_entry *e, int c)
{
	size_t	 i;

	for (i = 0; i < count_options(global_options); i++)
		if (global_options[i].letter == c)
			return GLOBAL_VAL + (int)i;
	for (i = 0; e != NULL && i < count_options(e->options); i++)
		if (e->options[i].letter == c)
			return COMMAND_VAL + (int)i;
	return -1;
}

static void
optval_set(struct cmd_optval *v, const struct cmd_option *o, const char *arg)
{
	v->count++;
	if (o->arg == CMD_ARG_NONE)
		return;
	v->value = arg;
	if (o->arg == CMD_ARG_MANY) {
		v->values = xreallocarray(v->values, v->nvalues + 1,
		    sizeof(*v->values));
		v->values[v->nvalues++] = arg;
	}
}

/*
 * Parses options into global[] and, for a command, args->opt[].  Returns
 * 0, or -1 after printing a usage error.
 */
static int
parse_options(const struct cmd_entry *e, int argc, char **argv,
    struct cmd_optval *global, struct cmd_args *args)
{
	struct option	*lopts;
	char		*sopts;
	int		 c, val, idx, rc = 0;

	build_getopt(e, &lopts, &sopts);
	optind = 0;	/* GNU: a full reset between the two passes */
	opterr = 0;
	while ((c = getopt_long(argc, argv, sopts, lopts, &idx)) != -1) {
		if (c == '?' || c == ':') {
			const char *bad = argv[optind - 1];

			if (optopt != 0 && optopt < GLOBAL_VAL)
				cli_usage_error(e, c == ':' ?
				    _("option '-%c' needs a value") :
				    _("unknown option '-%c'"), optopt);
			else
				cli_usage_error(e, c == ':' ?
				    _("option '%s' needs a value") :
				    _("unknown option '%s'"), bad);
			rc = -1;
			break;
		}
		val = c >= GLOBAL_VAL ? c : letter_val(e, c);
		if (val >= COMMAND_VAL)
			optval_set(&args->opt[val - COMMAND_VAL],
			    &e->options[val - COMMAND_VAL], optarg);
		else
			optval_set(&global[val - GLOBAL_VAL],
			    &global_options[val - GLOBAL_VAL], optarg);
	}
	free(lopts);
	free(sopts);
	return rc;
}

static void
optvals_release(struct cmd_optval *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(v[i].values);
}

/*
 * The language of messages and labels: --lang, then the configuration
 * file, then the locale, then Vietnamese.  gettext follows it through
 * LANGUAGE, which glibc ignores while LC_MESSAGES is "C"; C.UTF-8 is
 * always there and lets it work.
 */
static int
choose_lang(const char *opt, const char **lang)
{
	struct settings	 cfg;
	struct buf	 err = BUF_INIT;
	char		*path;
	const char	*cur;
	int		 rc = 0;

	settings_init(&cfg);
	if (opt != NULL) {
		if (strcmp(opt, "vi") == 0 || strcmp(opt, "en") == 0)
			*lang = strcmp(opt, "vi") == 0 ? "vi" : "en";
		else
			rc = -2;
	} else {
		path = settings_path();
		if (settings_load(&cfg, path, &err) == -1)
			rc = -1;
		free(path);
		if (cfg.lang != NULL)
			*lang = strcmp(cfg.lang, "vi") == 0 ? "vi" : "en";
		else if ((*lang = settings_locale_lang()) == NULL)
			*lang = "vi";
	}
	if (rc != -2) {
		setenv("LANGUAGE", *lang, 1);
		cur = setlocale(LC_MESSAGES, NULL);
		if (cur == NULL || strcmp(cur, "C") == 0 ||
		    strcmp(cur, "POSIX") == 0)
			setlocale(LC_MESSAGES, "C.UTF-8");
		/* A new domain binding makes gettext drop what it cached. */
		textdomain(PACKAGE);
	}
	if (rc == -1)
		msg_error("%s", err.s);
	buf_release(&err);
	settings_release(&cfg);
	return rc;
}

/* --lang, when given: -1 after a usage error for a bad value. */
static int
lang_option(const struct cmd_entry *e, const struct cmd_optval *v,
    const char **lang)
{
	if (v->value == NULL || choose_lang(v->value, lang) != -2)
		return 0;
	cli_usage_error(e, _("--lang takes 'vi' or 'en', not '%s'"),
	    v->value);
	return -1;
}

/*
 * The store, as the entry's flags ask (STYLE.md rule 4): its path always,
 * for the forms search path; opened for reading, or for writing under the
 * lock.  Returns -1 with *rc set after saying what went wrong.
 */
static int
open_store(const struct cmd_entry *e, const struct cmd_args *args,
    struct cmd_ctx *ctx, enum exit_code *rc)
{
	struct buf	 err = BUF_INIT;
	int		 s, lock;

	ctx->store_path = ctx->home != NULL ? xstrdup(ctx->home) :
	    store_default_path();
	if (ctx->store_path == NULL) {
		msg_error("%s", _("cannot tell where the store is: set "
		    "COOPREPORT_HOME"));
		*rc = EXIT_CODE_ERROR;
		return -1;
	}
	if (!(e->flags & (CMD_NEED_STORE | CMD_LOCK_STORE)))
		return 0;
	lock = (e->flags & CMD_LOCK_STORE) && (e->writes == NULL ||
	    e->writes(args));
	s = store_open(ctx->store_path, lock ? STORE_WRITE : 0, &ctx->store,
	    &err);
	if (s < 0) {
		msg_error("%s", err.s);
		*rc = store_exit_code(s);
	}
	buf_release(&err);
	return s < 0 ? -1 : 0;
}

void
cli_formdir(const struct cmd_ctx *ctx, struct formdir *fd)
{
	formdir_init(fd, ctx->forms_dirs, ctx->nforms_dirs, ctx->store_path);
}

static enum exit_code
open_report(const struct cmd_ctx *ctx, const char *id, int any_state,
    struct draft **d)
{
	struct formdir	 fd;
	struct buf	 err = BUF_INIT;
	int		 s;

	cli_formdir(ctx, &fd);
	s = (any_state ? draft_read : draft_open)(ctx->store, &fd, id,
	    ctx->lang, test_now(), d, &err);
	formdir_release(&fd);
	if (s < 0)
		msg_error("%s", err.s);
	buf_release(&err);
	return s < 0 ? store_exit_code(s) : EXIT_CODE_OK;
}

enum exit_code
cli_open_draft(const struct cmd_ctx *ctx, const char *id, struct draft **d)
{
	return open_report(ctx, id, 0, d);
}

enum exit_code
cli_open_report(const struct cmd_ctx *ctx, const char *id, struct draft **d)
{
	return open_report(ctx, id, 1, d);
}

const char *
cli_state_label(int state)
{
	/* TRANSLATORS: the states of a report, as listings show them. */
	static const char *const labels[STORE_NSTATES] = {
		N_("draft"), N_("outbox"), N_("sent"), N_("failed"),
		N_("quarantine"),
	};

	return state >= 0 && state < STORE_NSTATES ? _(labels[state]) : "?";
}

void
cli_local_time(time_t t, char out[32])
{
	struct tm	 tm;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(out, 32, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(out, 32, "%lld", (long long)t);
}

size_t
cli_width(const char *s)
{
	return text_width(s);
}

void
cli_pad(struct buf *b, const char *s, size_t width)
{
	size_t	 w = text_width(s);

	buf_adds(b, s);
	while (w++ < width)
		buf_addc(b, ' ');
}

int
cli_ask(const char *question, struct buf *answer)
{
	char	*line = NULL;
	size_t	 cap = 0;
	ssize_t	 n;

	buf_reset(answer);
	if (!isatty(STDIN_FILENO))
		return -1;
	fflush(stdout);
	fputs(question, stderr);
	fflush(stderr);
	if ((n = getline(&line, &cap, stdin)) <= 0) {
		free(line);
		fputc('\n', stderr);
		return -1;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		n--;
	buf_add(answer, line, (size_t)n);
	free(line);
	return 0;
}

/* Flushes and closes stdout; a short write is an error (git's rule). */
static int
finish_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		msg_error(_("cannot write the output: %s"), strerror(errno));
		return -1;
	}
	return 0;
}

int
cli_run(int argc, char **argv)
{
	struct cmd_optval	 global[CMD_OPTIONS_MAX];
	struct cmd_args		 args;
	struct cmd_ctx		 ctx;
	const struct cmd_entry	*e = NULL;
	enum exit_code		 rc;
	const char		*lang = "vi";
	int			 first, cfgrc;

	memset(global, 0, sizeof(global));
	memset(&args, 0, sizeof(args));
	memset(&ctx, 0, sizeof(ctx));

	/* The configuration and the locale, before anything is said. */
	cfgrc = choose_lang(NULL, &lang);
	if (parse_options(NULL, argc, argv, global, &args) == -1) {
		rc = EXIT_CODE_USAGE;
		goto out;
	}
	first = optind;
	if (lang_option(NULL, &global[GOPT_LANG], &lang) == -1) {
		rc = EXIT_CODE_USAGE;
		goto out;
	}
	if (global[GOPT_VERSION].count) {
		print_version();
		rc = EXIT_CODE_OK;
		goto flush;
	}
	if (first >= argc) {
		if (global[GOPT_HELP].count) {
			cli_print_help(stdout, NULL);
			rc = EXIT_CODE_OK;
			goto flush;
		}
		cli_usage_error(NULL, _("no command given"));
		rc = EXIT_CODE_USAGE;
		goto out;
	}
	if ((e = cli_find(argv[first])) == NULL) {
		cli_usage_error(NULL, _("unknown command '%s'"), argv[first]);
		rc = EXIT_CODE_USAGE;
		goto out;
	}
	if (count_options(e->options) > CMD_OPTIONS_MAX)
		abort();	/* a table longer than struct cmd_args holds */

	/* Second pass: the command's operands, its options and any global
	 * option given after the command name. */
	if (parse_options(e, argc - first, argv + first, global, &args) == -1) {
		rc = EXIT_CODE_USAGE;
		goto out;
	}
	if (lang_option(e, &global[GOPT_LANG], &lang) == -1) {
		rc = EXIT_CODE_USAGE;
		goto out;
	}
	if (global[GOPT_HELP].count) {
		cli_print_help(stdout, e);
		rc = EXIT_CODE_OK;
		goto flush;
	}
	if (cfgrc == -1) {
		/* A broken configuration file stops every command. */
		rc = EXIT_CODE_ERROR;
		goto out;
	}
	args.argc = argc - first - optind;
	args.argv = argv + first + optind;
	if (args.argc < e->min_args) {
		cli_usage_error(e, _("missing operand"));
		rc = EXIT_CODE_USAGE;
		goto out;
	}
	if (e->max_args >= 0 && args.argc > e->max_args) {
		cli_usage_error(e, _("unexpected operand '%s'"),
		    args.argv[e->max_args]);
		rc = EXIT_CODE_USAGE;
		goto out;
	}

	ctx.entry = e;
	ctx.lang = lang;
	ctx.home = global[GOPT_HOME].value;
	ctx.profile = global[GOPT_PROFILE].value;
	if (ctx.profile != NULL && !profile_name_ok(ctx.profile)) {
		cli_usage_error(e, _("'%s' is not a profile name (lower-case "
		    "letters, digits, '-' and '_')"), ctx.profile);
		rc = EXIT_CODE_USAGE;
		goto out;
	}
	ctx.forms_dirs = global[GOPT_FORMS].values;
	ctx.nforms_dirs = global[GOPT_FORMS].nvalues;
	ctx.verbosity = global[GOPT_QUIET].count ? -1 :
	    global[GOPT_VERBOSE].count;
	msg_set_verbosity(ctx.verbosity);
	if (open_store(e, &args, &ctx, &rc) == -1)
		goto out;

	rc = e->exec(&ctx, &args);
flush:
	if (finish_stdout() == -1 && rc == EXIT_CODE_OK)
		rc = EXIT_CODE_ERROR;
out:
	if (ctx.store != NULL)
		store_close(ctx.store);
	free(ctx.store_path);
	optvals_release(global, nitems(global));
	optvals_release(args.opt, nitems(args.opt));
	return (int)rc;
}
