/*
 * cmd-log.c: "coopreport log ID" prints the history of a report, one
 * event a line with its time on the local clock, and checks its hash
 * chain and the envelope's anchor of its last line (history.h): it says
 * that the history is intact, or where it was broken, and then exits 1.
 */
#include "common.h"

#include "cli.h"
#include "draft.h"
#include "envelope.h"
#include "history.h"
#include "msg.h"
#include "store.h"

/* The byte length of the first n lines of data. */
static size_t
prefix_len(const char *data, size_t len, int n)
{
	const char	*p = data, *end = data + len, *nl;

	while (n-- > 0 && p < end && (nl = memchr(p, '\n',
	    (size_t)(end - p))) != NULL)
		p = nl + 1;
	return (size_t)(p - data);
}

static void
print_events(const struct history_event *ev, size_t n)
{
	struct buf	 line = BUF_INIT;
	char		 when[32];
	size_t		 i;

	for (i = 0; i < n; i++) {
		buf_reset(&line);
		cli_local_time(ev[i].time, when);
		buf_addf(&line, "%s  ", when);
		cli_pad(&line, ev[i].event, 14);
		buf_addf(&line, "  %s", ev[i].text);
		while (line.len > 0 && line.s[line.len - 1] == ' ')
			buf_truncate(&line, line.len - 1);
		printf("%s\n", line.s);
	}
	buf_release(&line);
}

static enum exit_code
cmd_log_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct store_entry	*e = NULL;
	struct history_event	*ev = NULL;
	struct envelope		*env = envelope_new();
	struct buf		 h = BUF_INIT, err = BUF_INIT;
	enum exit_code		 rc = EXIT_CODE_OK;
	char			 sid[STORE_SHORT_ID_LEN + 1], *path = NULL;
	size_t			 n = 0;
	int			 bad, s, env_ok;

	if ((s = store_entry_find(ctx->store, args->argv[0], &e, &err)) < 0 ||
	    (s = store_entry_read(e, HISTORY_FILE, &h, &err)) < 0) {
		msg_error("%s", err.s);
		rc = store_exit_code(s);
		goto out;
	}
	store_entry_short_id(e, sid);
	xasprintf(&path, "%s/%s", e->path, HISTORY_FILE);
	env_ok = draft_envelope(e, env, NULL) == STORE_OK;
	if (history_parse(e->name, path, h.s, h.len, &ev, &n, &bad,
	    &err) < 0) {
		/* What comes before the break still reads. */
		if (history_parse(e->name, path, h.s, prefix_len(h.s, h.len,
		    bad - 1), &ev, &n, &bad, NULL) == STORE_OK)
			print_events(ev, n);
		msg_error("%s", err.s);
		rc = EXIT_CODE_ERROR;
		goto out;
	}
	print_events(ev, n);
	switch (env_ok ? history_check_anchor(env, e->name, h.s, h.len) :
	    HISTORY_UNANCHORED) {
	case HISTORY_CUT:
		msg_error(_("the history of report %s does not end where its "
		    "envelope says: its last lines were removed or changed"),
		    sid);
		rc = EXIT_CODE_ERROR;
		break;
	case HISTORY_LAGS:
		msg_info(_("the history of report %s is intact; the command "
		    "that wrote its last event was interrupted before it "
		    "finished ('coopreport fsck' completes it)"), sid);
		break;
	case HISTORY_ANCHORED:
	case HISTORY_UNANCHORED:
		msg_info(Q_("the history of report %s is intact: %zu event",
		    "the history of report %s is intact: %zu events", n),
		    sid, n);
		break;
	}
out:
	history_events_free(ev, n);
	store_entry_free(e);
	envelope_free(env);
	free(path);
	buf_release(&h);
	buf_release(&err);
	return rc;
}

const struct cmd_entry cmd_log_entry = {
	.name = "log",
	.synopsis = "ID",
	.summary = N_("show the history of a report and check its hash "
	    "chain"),
	.options = NULL,
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_NEED_STORE,
	.exec = cmd_log_exec,
};
