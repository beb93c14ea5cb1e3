/*
 * cmd-status.c: "coopreport status" sums the store up: how many reports
 * are in each state, the oldest one waiting in the outbox, the next
 * upload try, the last error, and what is due from the calendar of every
 * available form, overdue first, then due soon (calendar.h), given the
 * reports already in the store for each form and period.  It reads the
 * envelopes only, one at a time, and only those that the summary cache
 * (summary.h) has no current line for; --porcelain prints tab-separated
 * lines for scripts, never translated.
 */
#include "common.h"

#include "calendar.h"
#include "cli.h"
#include "envelope.h"
#include "form.h"
#include "formdir.h"
#include "msg.h"
#include "profile.h"
#include "store.h"
#include "strmap.h"
#include "summary.h"
#include "testhook.h"

enum { OPT_PORCELAIN };

static const struct cmd_option status_options[] = {
	{ "porcelain", 0, CMD_ARG_NONE, NULL,
	  N_("print tab-separated lines for scripts (see coopreport(1))") },
	{ NULL, 0, CMD_ARG_NONE, NULL, NULL }
};

/* What the store holds for one form and period. */
enum have_rank {
	HAVE_DRAFT = 1,
	HAVE_QUEUED,
	HAVE_SENT,
};

struct have {
	enum have_rank	 rank;
	char		 draft[STORE_SHORT_ID_LEN + 1];
};

/* One report of an event that status shows: its id and when. */
struct mark {
	char		 id[UUID_STRLEN + 1];
	time_t		 when;
	int		 set;
};

struct status {
	size_t		 count[STORE_NSTATES];
	size_t		 damaged;
	struct mark	 oldest;	/* the longest in the outbox */
	struct mark	 next_try;
	struct mark	 last_error;
	char		*error_text;
	const char	*tax_code;	/* only this cooperative's, or NULL */
	struct strmap	 periods;	/* "form\tperiod" -> struct have */
	struct summary	*sum;
};

struct due {
	enum calendar_due_kind kind;
	char		*form_id;
	char		*label;
	struct calendar_period p;
	char		 draft[STORE_SHORT_ID_LEN + 1];
};

static time_t
row_time(const struct summary_row *row, enum summary_key k, time_t dflt)
{
	time_t	 t;

	return summary_row_time(row, k, &t) == 1 ? t : dflt;
}

static void
mark(struct mark *m, const struct store_entry *e, time_t when, int later)
{
	if (m->set && (later ? when <= m->when : when >= m->when))
		return;
	memcpy(m->id, e->uuid, sizeof(m->id));
	m->when = when;
	m->set = 1;
}

static void
note_period(struct status *st, const struct store_entry *e,
    const struct summary_row *row)
{
	struct buf	 key = BUF_INIT;
	struct have	*h;
	const char	*form = row->v[SUMMARY_FORM_ID];
	const char	*period = row->v[SUMMARY_PERIOD];
	const char	*tax = row->v[SUMMARY_TAX_CODE];
	enum have_rank	 rank;

	if (period == NULL || *period == '\0' || (st->tax_code != NULL &&
	    (tax == NULL || strcmp(tax, st->tax_code) != 0)))
		return;
	rank = e->state == STORE_SENT ? HAVE_SENT : e->state == STORE_OUTBOX ?
	    HAVE_QUEUED : HAVE_DRAFT;
	buf_addf(&key, "%s\t%s", form, period);
	if ((h = strmap_get(&st->periods, key.s)) == NULL) {
		h = xcalloc(1, sizeof(*h));
		strmap_put(&st->periods, key.s, h);
	}
	if (rank > h->rank) {
		h->rank = rank;
		if (rank == HAVE_DRAFT)
			store_entry_short_id(e, h->draft);
	}
	buf_release(&key);
}

static int
status_one(const struct store_entry *e, void *arg)
{
	struct status	*st = arg;
	struct summary_row row;
	const char	*err;
	time_t		 t;

	st->count[e->state]++;
	if (e->state == STORE_QUARANTINE)
		return 0;
	if (summary_get(st->sum, e, &row, NULL) < 0) {
		st->damaged++;
		return 0;
	}
	if (e->state == STORE_OUTBOX) {
		mark(&st->oldest, e, row_time(&row, SUMMARY_STATE_CHANGED,
		    e->time), 0);
		if (summary_row_time(&row, SUMMARY_NEXT_TRY, &t) == 1)
			mark(&st->next_try, e, t, 0);
	}
	if ((e->state == STORE_OUTBOX || e->state == STORE_FAILED) &&
	    (err = row.v[SUMMARY_LAST_ERROR]) != NULL && *err != '\0') {
		t = row_time(&row, SUMMARY_UPDATED, row_time(&row,
		    SUMMARY_STATE_CHANGED, e->time));
		if (!st->last_error.set || t > st->last_error.when) {
			mark(&st->last_error, e, t, 1);
			free(st->error_text);
			st->error_text = xstrdup(err);
		}
	}
	if (e->state != STORE_FAILED)
		note_period(st, e, &row);
	return 0;
}

static int
due_cmp(const void *a, const void *b)
{
	const struct due	*x = a, *y = b;
	int			 c;

	if (x->kind != y->kind)
		return x->kind == CALENDAR_OVERDUE ? -1 : 1;
	if (x->p.deadline != y->p.deadline)
		return x->p.deadline < y->p.deadline ? -1 : 1;
	if ((c = strcmp(x->form_id, y->form_id)) != 0)
		return c;
	return strcmp(x->p.key, y->p.key);
}

/* Adds the due periods of one form's calendar to *v. */
static void
form_due(struct status *st, const struct form *f, const struct calendar *cal,
    const char *lang, long today, struct due **v, size_t *n)
{
	struct calendar_period	 p;
	struct buf		 key = BUF_INIT;
	const struct have	*h;
	enum calendar_due_kind	 kind;
	struct tm		 tm;
	time_t			 now = test_now();
	long			 year, y;
	size_t			 i;

	year = localtime_r(&now, &tm) != NULL ? tm.tm_year + 1900L :
	    1970 + (long)(now / 31556952);
	for (i = 0; i < cal->n; i++) {
		for (y = year - 1; y <= year + 1; y++) {
			calendar_period(&cal->v[i], y, &p);
			if ((kind = calendar_due(&p, today)) ==
			    CALENDAR_NOT_DUE)
				continue;
			buf_reset(&key);
			buf_addf(&key, "%s\t%s", form_id(f), p.key);
			h = strmap_get(&st->periods, key.s);
			if (h != NULL && h->rank >= HAVE_QUEUED)
				continue;
			*v = xreallocarray(*v, *n + 1, sizeof(**v));
			memset(&(*v)[*n], 0, sizeof(**v));
			(*v)[*n].kind = kind;
			(*v)[*n].form_id = xstrdup(form_id(f));
			(*v)[*n].label = xstrdup(calendar_label(&cal->v[i],
			    lang));
			(*v)[*n].p = p;
			(*v)[*n].p.item = NULL;	/* the calendar goes */
			if (h != NULL)
				memcpy((*v)[*n].draft, h->draft,
				    sizeof((*v)[*n].draft));
			(*n)++;
		}
	}
	buf_release(&key);
}

/* Every due period of every usable form, sorted. */
static void
collect_due(const struct cmd_ctx *ctx, struct status *st, long today,
    struct due **v, size_t *n)
{
	struct formdir		 fd;
	struct formdir_form	*forms;
	struct calendar		 cal;
	struct form		*f;
	struct buf		 err = BUF_INIT;
	size_t			 nforms, i;

	*v = NULL;
	*n = 0;
	cli_formdir(ctx, &fd);
	formdir_scan(&fd, &forms, &nforms);
	for (i = 0; i < nforms; i++) {
		if (forms[i].id == NULL || forms[i].shadowed)
			continue;
		buf_reset(&err);
		if (formdir_load(&fd, forms[i].path, NULL, &f, &err) == -1)
			continue;	/* "coopreport forms" says why */
		if (calendar_load(f, &cal, &err) == -1)
			msg_warning("%s", err.s);
		else
			form_due(st, f, &cal, ctx->lang, today, v, n);
		calendar_release(&cal);
		form_free(f);
	}
	formdir_list_free(forms, nforms);
	formdir_release(&fd);
	buf_release(&err);
	if (*n > 1)
		qsort(*v, *n, sizeof(**v), due_cmp);
}

static void
porcelain_time(const char *what, const struct mark *m, const char *text)
{
	struct buf	 b = BUF_INIT;
	char		 iso[ENVELOPE_TIME_LEN + 1];

	if (!m->set)
		return;
	envelope_format_time(m->when, iso);
	buf_addf(&b, "%s\t%s\t%s", what, m->id, iso);
	if (text != NULL) {
		buf_addc(&b, '\t');
		envelope_escape(&b, text);
	}
	printf("%s\n", b.s);
	buf_release(&b);
}

static void
print_porcelain(const struct status *st, const struct due *v, size_t n)
{
	char	 day[16];
	size_t	 i;
	int	 s;

	for (s = 0; s < STORE_NSTATES; s++)
		printf("count\t%s\t%zu\n",
		    store_state_name((enum store_state)s), st->count[s]);
	porcelain_time("oldest-queued", &st->oldest, NULL);
	porcelain_time("next-try", &st->next_try, NULL);
	porcelain_time("last-error", &st->last_error, st->error_text);
	for (i = 0; i < n; i++) {
		calendar_format_day(v[i].p.deadline, day);
		printf("due\t%s\t%s\t%s\t%s\t%s\n", v[i].kind ==
		    CALENDAR_OVERDUE ? "overdue" : "soon", v[i].form_id,
		    v[i].p.key, day, v[i].draft);
	}
}

static void
print_human(const struct status *st, const struct due *v, size_t n,
    long today)
{
	struct buf	 line = BUF_INIT;
	char		 when[32], day[16], sid[STORE_SHORT_ID_LEN + 1];
	size_t		 i, w, width = 0, kw;
	long		 d;

	printf(_("Reports: %zu drafts, %zu in the outbox, %zu sent, %zu "
	    "failed"), st->count[STORE_DRAFTS], st->count[STORE_OUTBOX],
	    st->count[STORE_SENT], st->count[STORE_FAILED]);
	if (st->count[STORE_QUARANTINE] > 0)
		printf(_(", %zu in quarantine (see 'coopreport fsck')"),
		    st->count[STORE_QUARANTINE]);
	printf("\n");
	if (st->oldest.set) {
		memcpy(sid, st->oldest.id, STORE_SHORT_ID_LEN);
		sid[STORE_SHORT_ID_LEN] = '\0';
		cli_local_time(st->oldest.when, when);
		printf(_("Oldest in the outbox: %s, finalized %s\n"), sid,
		    when);
	}
	if (st->next_try.set) {
		memcpy(sid, st->next_try.id, STORE_SHORT_ID_LEN);
		sid[STORE_SHORT_ID_LEN] = '\0';
		cli_local_time(st->next_try.when, when);
		printf(_("Next upload try: %s (report %s)\n"), when, sid);
	}
	if (st->last_error.set) {
		memcpy(sid, st->last_error.id, STORE_SHORT_ID_LEN);
		sid[STORE_SHORT_ID_LEN] = '\0';
		printf(_("Last error: report %s: %s\n"), sid, st->error_text);
	}
	if (n == 0) {
		printf("%s\n", _("Nothing is due."));
		buf_release(&line);
		return;
	}
	printf("%s\n", _("Due:"));
	for (i = 0; i < n; i++)
		if ((w = cli_width(v[i].label)) > width)
			width = w;
	kw = cli_width(_("overdue"));
	if ((w = cli_width(_("due soon"))) > kw)
		kw = w;
	for (i = 0; i < n; i++) {
		buf_reset(&line);
		buf_adds(&line, "  ");
		cli_pad(&line, v[i].kind == CALENDAR_OVERDUE ? _("overdue") :
		    _("due soon"), kw);
		buf_adds(&line, "  ");
		cli_pad(&line, v[i].form_id, 12);
		buf_adds(&line, "  ");
		cli_pad(&line, v[i].p.key, 12);
		buf_adds(&line, "  ");
		cli_pad(&line, v[i].label, width);
		calendar_format_day(v[i].p.deadline, day);
		d = v[i].p.deadline - today;
		buf_adds(&line, "  ");
		if (d < 0)
			buf_addf(&line, Q_("deadline %s, %ld day ago",
			    "deadline %s, %ld days ago", (unsigned long)-d),
			    day, -d);
		else if (d == 0)
			buf_addf(&line, _("deadline %s, today"), day);
		else
			buf_addf(&line, Q_("deadline %s, in %ld day",
			    "deadline %s, in %ld days", (unsigned long)d),
			    day, d);
		if (v[i].draft[0] != '\0')
			buf_addf(&line, _(" (draft %s started)"), v[i].draft);
		printf("%s\n", line.s);
	}
	buf_release(&line);
}

/* The tax code whose reports count, from --profile; -1 after an error. */
static int
profile_tax_code(const struct cmd_ctx *ctx, struct profile **p,
    const char **tax)
{
	struct buf	 err = BUF_INIT;

	*p = NULL;
	*tax = NULL;
	if (ctx->profile == NULL)
		return 0;
	if (profile_load(ctx->store, ctx->profile, p, &err) < 0) {
		msg_error("%s", err.s);
		buf_release(&err);
		return -1;
	}
	buf_release(&err);
	if (!(*p)->exists) {
		msg_error(_("there is no profile '%s'"), ctx->profile);
		return -1;
	}
	if ((*tax = profile_get(*p, "tax_code")) == NULL)
		msg_warning(_("profile '%s' has no tax_code, so the reports of "
		    "every cooperative count"), ctx->profile);
	return 0;
}

static enum exit_code
cmd_status_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct status		 st;
	struct profile		*p;
	struct due		*v = NULL;
	struct strmap_entry	*me;
	struct buf		 err = BUF_INIT;
	enum exit_code		 rc = EXIT_CODE_OK;
	size_t			 n = 0, i, pos = 0;
	long			 today = calendar_day(test_now());
	int			 s;

	memset(&st, 0, sizeof(st));
	strmap_init(&st.periods);
	if (profile_tax_code(ctx, &p, &st.tax_code) == -1) {
		rc = EXIT_CODE_ERROR;
		goto out;
	}
	st.sum = summary_open(ctx->store);
	for (s = 0; s < STORE_NSTATES; s++) {
		if (store_walk(ctx->store, (enum store_state)s, status_one, &st,
		    &err) < 0) {
			msg_error("%s", err.s);
			rc = EXIT_CODE_ERROR;
			break;
		}
	}
	summary_close(st.sum, rc == EXIT_CODE_OK);
	if (rc != EXIT_CODE_OK)
		goto out;
	collect_due(ctx, &st, today, &v, &n);
	if (args->opt[OPT_PORCELAIN].count)
		print_porcelain(&st, v, n);
	else
		print_human(&st, v, n, today);
	if (st.damaged > 0)
		msg_warning(Q_("%zu report could not be read; run 'coopreport "
		    "fsck'", "%zu reports could not be read; run 'coopreport "
		    "fsck'", st.damaged), st.damaged);
out:
	for (i = 0; i < n; i++) {
		free(v[i].form_id);
		free(v[i].label);
	}
	free(v);
	while ((me = strmap_next(&st.periods, &pos)) != NULL)
		free(me->value);
	strmap_release(&st.periods);
	free(st.error_text);
	profile_free(p);
	buf_release(&err);
	return rc;
}

const struct cmd_entry cmd_status_entry = {
	.name = "status",
	.synopsis = "[--porcelain]",
	.summary = N_("sum up the store: counts, the outbox, errors, and "
	    "what is due"),
	.options = status_options,
	.min_args = 0,
	.max_args = 0,
	.flags = CMD_NEED_STORE,
	.exec = cmd_status_exec,
};
