/*
 * cmd-finalize.c: "coopreport finalize ID" turns a draft into a filed
 * report: it validates it (an error blocks, printed as "validate"
 * prints it), makes sure that each warning has a written explanation
 * (--explain PATH=TEXT, or a question at the terminal) and drops the
 * explanations of warnings that no longer stand, stamps timeEnd,
 * freezes the exact submission bytes into submission.xml and moves the
 * report to outbox/, after which it cannot be changed, only amended.
 */
#include "common.h"

#include "cli.h"
#include "draft.h"
#include "msg.h"
#include "report.h"
#include "store.h"
#include "testhook.h"

enum { OPT_EXPLAIN };

static const struct cmd_option finalize_options[] = {
	{ "explain", 0, CMD_ARG_MANY, N_("PATH=TEXT"),
	  N_("the explanation of the warning at PATH; may be repeated") },
	{ NULL, 0, CMD_ARG_NONE, NULL, NULL }
};

/*
 * Keeps each --explain in the report, once each names a standing
 * warning.  Returns the number of refusals, each said.
 */
static size_t
apply_explanations(struct report *r, const struct report_problems *ps,
    const struct cmd_optval *v)
{
	struct buf	 err = BUF_INIT;
	char		*arg, *eq, *want, *got;
	size_t		 i, k, nbad = 0;
	int		 found;

	for (i = 0; i < v->nvalues; i++) {
		arg = xstrdup(v->values[i]);
		eq = strchr(arg, '=');
		*eq = '\0';
		want = report_canonical_path(r, arg);
		found = 0;
		for (k = 0; want != NULL && k < ps->n && !found; k++) {
			if (ps->v[k].severity != REPORT_WARNING)
				continue;
			got = report_canonical_path(r, ps->v[k].path);
			found = got != NULL && strcmp(got, want) == 0;
			free(got);
		}
		buf_reset(&err);
		if (!found) {
			msg_error(_("there is no warning at '%s' to explain "
			    "('coopreport validate' lists the warnings)"),
			    arg);
			nbad++;
		} else if (report_explain(r, arg, eq + 1, &err) == -1) {
			msg_error("%s", err.s);
			nbad++;
		}
		free(want);
		free(arg);
	}
	buf_release(&err);
	return nbad;
}

/* Asks for the explanation of warning p; -1 when none is given. */
static int
ask_explanation(struct report *r, const struct report_problem *p)
{
	struct buf	 line = BUF_INIT, answer = BUF_INIT, err = BUF_INIT;
	int		 rc = -1;

	report_problem_format(p, &line);
	fprintf(stderr, "%s\n", line.s);
	while (cli_ask(_("explanation: "), &answer) == 0) {
		buf_reset(&err);
		if (report_explain(r, p->path, answer.s, &err) == 0) {
			rc = 0;
			break;
		}
		fprintf(stderr, "%s\n", err.s);
	}
	buf_release(&line);
	buf_release(&answer);
	buf_release(&err);
	return rc;
}

/*
 * Every warning must have an explanation: asked for at a terminal, else
 * listed.  Returns how many were explained, or -1 after saying which
 * still need one.
 */
static int
check_warnings(struct report *r, const struct report_problems *ps)
{
	struct buf	 line = BUF_INIT;
	char		*text;
	size_t		 i, nwarn = 0, missing = 0;

	for (i = 0; i < ps->n; i++) {
		if (ps->v[i].severity != REPORT_WARNING)
			continue;
		nwarn++;
		if ((text = report_explanation(r, ps->v[i].path)) != NULL) {
			free(text);
			continue;
		}
		if (ask_explanation(r, &ps->v[i]) == 0)
			continue;
		if (missing++ == 0)
			msg_error("%s", _("each warning needs a written "
			    "explanation before the report is finalized; give "
			    "it with --explain PATH=TEXT for:"));
		buf_reset(&line);
		report_problem_format(&ps->v[i], &line);
		fprintf(stderr, "  %s\n", line.s);
	}
	buf_release(&line);
	return missing > 0 ? -1 : (int)nwarn;
}

static enum exit_code
cmd_finalize_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	const struct cmd_optval	*ex = &args->opt[OPT_EXPLAIN];
	struct report_problems	 ps;
	struct draft		*d;
	struct buf		 line = BUF_INIT, err = BUF_INIT;
	enum exit_code		 rc;
	time_t			 now = test_now();
	char			 sid[STORE_SHORT_ID_LEN + 1];
	size_t			 i;
	int			 s, nexpl;

	for (i = 0; i < ex->nvalues; i++) {
		const char *eq = strchr(ex->values[i], '=');

		if (eq == NULL || eq == ex->values[i]) {
			cli_usage_error(ctx->entry, _("'%s' is not PATH=TEXT"),
			    ex->values[i]);
			return EXIT_CODE_USAGE;
		}
	}
	if ((rc = cli_open_draft(ctx, args->argv[0], &d)) != EXIT_CODE_OK)
		return rc;
	draft_short_id(d, sid, sizeof(sid));
	report_recalc(d->report, now);
	report_validate(d->report, &ps);
	if (ps.nerrors > 0) {
		for (i = 0; i < ps.n; i++) {
			buf_reset(&line);
			report_problem_format(&ps.v[i], &line);
			printf("%s\n", line.s);
		}
		msg_error(Q_("report %s cannot be finalized: %zu problem",
		    "report %s cannot be finalized: %zu problems",
		    ps.nerrors), sid, ps.nerrors);
		rc = EXIT_CODE_ERROR;
		goto out;
	}
	if (apply_explanations(d->report, &ps, ex) > 0 ||
	    (nexpl = check_warnings(d->report, &ps)) < 0) {
		msg_error(_("report %s was not finalized; nothing was "
		    "changed"), sid);
		rc = EXIT_CODE_ERROR;
		goto out;
	}
	/* Only what stands in the final report is explained in it. */
	(void)report_drop_explanations(d->report, &ps);
	buf_reset(&line);
	if (nexpl > 0)
		buf_addf(&line, "warnings explained: %d", nexpl);
	if ((s = draft_finalize(d, now, line.s, &err)) < 0) {
		msg_error("%s", err.s);
		rc = store_exit_code(s);
		goto out;
	}
	msg_info(_("report %s is finalized: it waits in the outbox to be "
	    "sent"), sid);
out:
	report_problems_release(&ps);
	draft_free(d);
	buf_release(&line);
	buf_release(&err);
	return rc;
}

const struct cmd_entry cmd_finalize_entry = {
	.name = "finalize",
	.synopsis = "[--explain PATH=TEXT] ID",
	.summary = N_("check a draft, freeze it and queue it for sending"),
	.options = finalize_options,
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_LOCK_STORE,
	.exec = cmd_finalize_exec,
};
