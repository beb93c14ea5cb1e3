/*
 * cmd-list.c: "coopreport list" prints one line per report: its id,
 * form, period, state and last change, oldest first, state by state.
 * It reads the envelope of a report only when the summary cache
 * (summary.h) has no current line for it, so that a store of 100,000
 * reports lists in a fraction of a second and in little memory
 * (bench/bench-lifecycle).  --porcelain prints the stable
 * tab-separated format of coopreport(1), never translated.
 */
#include "common.h"

#include "cli.h"
#include "envelope.h"
#include "msg.h"
#include "store.h"
#include "summary.h"

enum { OPT_STATE, OPT_PORCELAIN };

static const struct cmd_option list_options[] = {
	{ "state", 0, CMD_ARG_ONE, N_("STATE"),
	  N_("only the reports in STATE: draft, outbox, sent, failed or "
	  "quarantine") },
	{ "porcelain", 0, CMD_ARG_NONE, NULL,
	  N_("print tab-separated fields for scripts (see coopreport(1))") },
	{ NULL, 0, CMD_ARG_NONE, NULL, NULL }
};

struct list_ctx {
	int		 porcelain;
	size_t		 state_width;	/* of the widest state's name */
	const char	*label[STORE_NSTATES];	/* translated once */
	size_t		 damaged;
	struct summary	*sum;
	struct buf	 line;
};

/* The time a report last changed: updated, state-changed or created. */
static time_t
last_change(const struct summary_row *row, const struct store_entry *e)
{
	static const enum summary_key keys[] = {
		SUMMARY_UPDATED, SUMMARY_STATE_CHANGED, SUMMARY_CREATED,
	};
	time_t	 t;
	size_t	 i;

	for (i = 0; i < nitems(keys); i++)
		if (summary_row_time(row, keys[i], &t) == 1)
			return t;
	return e->time;
}

/* One porcelain field: the value escaped as in an envelope, then a tab
 * or the end of the line. */
static void
field(struct buf *b, const char *v, int last)
{
	envelope_escape(b, v != NULL ? v : "");
	buf_addc(b, last ? '\n' : '\t');
}

static int
list_one(const struct store_entry *e, void *arg)
{
	struct list_ctx	*lc = arg;
	struct summary_row row;
	char		 sid[STORE_SHORT_ID_LEN + 1], when[32];
	char		 iso[ENVELOPE_TIME_LEN + 1];
	const char	*form, *period;
	time_t		 t;

	/* A damaged envelope leaves the row empty. */
	if (summary_get(lc->sum, e, &row, NULL) != STORE_OK)
		lc->damaged++;
	form = row.v[SUMMARY_FORM_ID];
	period = row.v[SUMMARY_PERIOD];
	t = last_change(&row, e);
	buf_reset(&lc->line);
	if (lc->porcelain) {
		envelope_format_time(t, iso);
		field(&lc->line, e->uuid, 0);
		field(&lc->line, store_state_name(e->state), 0);
		field(&lc->line, form, 0);
		field(&lc->line, row.v[SUMMARY_FORM_VERSION], 0);
		field(&lc->line, period, 0);
		field(&lc->line, iso, 0);
		envelope_format_time(e->time, iso);
		field(&lc->line, iso, 0);
		field(&lc->line, row.v[SUMMARY_TAX_CODE], 1);
	} else {
		store_entry_short_id(e, sid);
		cli_local_time(t, when);
		buf_addf(&lc->line, "%s  ", sid);
		cli_pad(&lc->line, form != NULL ? form : "?", 12);
		buf_adds(&lc->line, "  ");
		cli_pad(&lc->line, period != NULL && *period != '\0' ? period :
		    "-", 10);
		buf_adds(&lc->line, "  ");
		cli_pad(&lc->line, lc->label[e->state], lc->state_width);
		buf_addf(&lc->line, "  %s\n", when);
	}
	fwrite(lc->line.s, 1, lc->line.len, stdout);
	return 0;
}

/* "draft" or "drafts", "outbox", ...; -1 for anything else. */
static int
parse_state(const char *s)
{
	enum store_state st;

	if (strcmp(s, "draft") == 0)
		return STORE_DRAFTS;
	if (store_state_from_name(s, &st) == 0)
		return (int)st;
	return -1;
}

static enum exit_code
cmd_list_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct list_ctx	 lc;
	struct buf	 err = BUF_INIT;
	const char	*want = args->opt[OPT_STATE].value;
	enum exit_code	 rc = EXIT_CODE_OK;
	size_t		 hits, reads;
	int		 s, only = -1;

	if (want != NULL && (only = parse_state(want)) < 0) {
		cli_usage_error(ctx->entry, _("--state takes draft, outbox, "
		    "sent, failed or quarantine, not '%s'"), want);
		return EXIT_CODE_USAGE;
	}
	memset(&lc, 0, sizeof(lc));
	lc.porcelain = args->opt[OPT_PORCELAIN].count > 0;
	for (s = 0; s < STORE_NSTATES; s++) {
		lc.label[s] = cli_state_label(s);
		if (cli_width(lc.label[s]) > lc.state_width)
			lc.state_width = cli_width(lc.label[s]);
	}
	lc.sum = summary_open(ctx->store);
	buf_init(&lc.line);
	for (s = 0; s < STORE_NSTATES; s++) {
		if (only >= 0 && s != only)
			continue;
		if (store_walk(ctx->store, (enum store_state)s, list_one, &lc,
		    &err) < 0) {
			msg_error("%s", err.s);
			rc = EXIT_CODE_ERROR;
			break;
		}
	}
	if (lc.damaged > 0)
		msg_warning(Q_("%zu report could not be read; run 'coopreport "
		    "fsck'", "%zu reports could not be read; run 'coopreport "
		    "fsck'", lc.damaged), lc.damaged);
	summary_counts(lc.sum, &hits, &reads);
	if (getenv("COOPREPORT_TEST_SUMMARY_TRACE") != NULL)
		fprintf(stderr, "summary: %zu cached, %zu read\n", hits,
		    reads);
	summary_close(lc.sum, only < 0 && rc == EXIT_CODE_OK);
	buf_release(&lc.line);
	buf_release(&err);
	return rc;
}

const struct cmd_entry cmd_list_entry = {
	.name = "list",
	.synopsis = "[--state STATE] [--porcelain]",
	.summary = N_("list the reports: id, form, period, state, last "
	    "change"),
	.options = list_options,
	.min_args = 0,
	.max_args = 0,
	.flags = CMD_NEED_STORE,
	.exec = cmd_list_exec,
};
