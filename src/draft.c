/*
 * draft.c: reports on top of the store, the envelope and the history:
 * creating, prefilling, opening, saving and finalizing them.
 */
#include "common.h"

#include "digest.h"
#include "draft.h"
#include "envelope.h"
#include "file.h"
#include "form.h"
#include "formdir.h"
#include "history.h"
#include "profile.h"
#include "report.h"
#include "store.h"

/*
 * The answers that belong to one report only, which a new report does
 * not take from the last one (forms/README.md, "What both forms share").
 */
static const char *const per_report_fields[] = {
	"report_year", "period_type", "period_no", "data_from", "data_to",
	"report_kind", "amendment_no", "amendment_reason", "sign_date",
	"attest_confirm", NULL
};

/* The separator of the names in the envelope key "attachments": a file
 * name never holds one. */
#define ATTACHMENT_SEP	'/'

static int
load_form(const struct formdir *fd, const char *name, const char *version,
    const char *lang, int any_version, struct form **out, struct buf *err)
{
	if (formdir_load(fd, name, version, out, err) == -1) {
		if (!any_version || version == NULL)
			return STORE_ERROR;
		/* A finalized report, only read: another version will do. */
		buf_reset(err);
		if (formdir_load(fd, name, NULL, out, err) == -1)
			return STORE_ERROR;
	}
	form_select_lang(*out, lang);
	return STORE_OK;
}

int
draft_envelope(const struct store_entry *e, struct envelope *env,
    struct buf *err)
{
	struct buf	 data = BUF_INIT;
	const char	*why;
	char		 sid[STORE_SHORT_ID_LEN + 1];
	int		 rc;

	store_entry_short_id(e, sid);
	if ((rc = store_entry_read(e, DRAFT_ENVELOPE, &data, err)) < 0)
		goto out;
	if (envelope_parse(env, e->path, data.s, data.len, err) == -1) {
		rc = STORE_ERROR;
		goto out;
	}
	if ((why = envelope_validate(env)) != NULL)
		rc = buf_errf(err, _("report '%s': %s"), sid, why);
out:
	buf_release(&data);
	return rc;
}

/* "2025-nam1" from the period answers, or "" when the form has none. */
static void
period_of(struct report *r, struct buf *out)
{
	char	*year = report_get(r, "report_year", NULL);
	char	*type = report_get(r, "period_type", NULL);
	char	*no = report_get(r, "period_no", NULL);

	if (year != NULL && type != NULL && *year != '\0' && *type != '\0')
		buf_addf(out, "%s-%s%s", year, type, no != NULL ? no : "");
	free(year);
	free(type);
	free(no);
}

/* The envelope keys that follow the answers: period and tax-code. */
static void
refresh_envelope(struct envelope *env, struct report *r)
{
	struct buf	 period = BUF_INIT;
	char		*tax = report_get(r, "tax_code", NULL);

	period_of(r, &period);
	if (period.len > 0)
		envelope_set(env, "period", period.s);
	else
		envelope_unset(env, "period");
	if (tax != NULL && *tax != '\0')
		envelope_set(env, "tax-code", tax);
	else
		envelope_unset(env, "tax-code");
	free(tax);
	buf_release(&period);
}

/* Is event TEXT the last line of the verified history h? */
static int
last_event_is(const struct store_entry *e, const struct buf *h,
    const char *event, const char *text)
{
	struct history_event	*ev = NULL;
	size_t			 n = 0;
	int			 bad, same;

	if (history_parse(e->name, HISTORY_FILE, h->s, h->len, &ev, &n, &bad,
	    NULL) < 0)
		return 0;
	same = n > 0 && strcmp(ev[n - 1].event, event) == 0 &&
	    strcmp(ev[n - 1].text, text != NULL ? text : "") == 0;
	history_events_free(ev, n);
	return same;
}

enum commit_flags {
	COMMIT_INSTANCE = 1 << 0,	/* write instance.xml */
};

/*
 * Writes a change of the draft in the order of draft.h (uploads, extra
 * files, instance, history, envelope, move) as one struct store_edit,
 * undone when a step fails.
 */
static int
commit(struct draft *d, unsigned flags, const char *event, const char *text,
    const struct store_file *extra, size_t nextra, enum store_state to,
    struct buf *err)
{
	struct store_edit	 ed;
	struct buf		 h = BUF_INIT, env = BUF_INIT, undo = BUF_INIT;
	char			*xml = NULL;
	size_t			 len, i;
	int			 rc = STORE_OK;

	store_edit_init(&ed, d->entry);
	/* Files first: the instance never names one that is not there. */
	for (i = 0; i < d->nfiles && rc == STORE_OK; i++)
		rc = store_edit_write(&ed, d->files[i].name,
		    d->files[i].data.s, d->files[i].data.len, err);
	for (i = 0; i < nextra && rc == STORE_OK; i++)
		rc = store_edit_write(&ed, extra[i].name, extra[i].data,
		    extra[i].len, err);
	if (rc == STORE_OK && (flags & COMMIT_INSTANCE)) {
		xml = report_save(d->report, &len);
		rc = store_edit_write(&ed, DRAFT_INSTANCE, xml, len, err);
	}
	if (rc == STORE_OK)
		rc = history_read(d->entry, &h, err);
	if (rc == STORE_OK && !last_event_is(d->entry, &h, event, text)) {
		history_extend(&h, d->entry->name, event, text);
		rc = store_edit_write(&ed, HISTORY_FILE, h.s, h.len, err);
	}
	if (rc == STORE_OK) {
		/* After the history: its anchor (history.h). */
		refresh_envelope(d->env, d->report);
		history_set_anchor(d->env, d->entry->name, h.s, h.len);
		envelope_serialize(d->env, &env);
		rc = store_edit_write(&ed, DRAFT_ENVELOPE, env.s, env.len,
		    err);
	}
	if (rc == STORE_OK)
		rc = store_edit_move(&ed, to, err);
	if (rc < 0 && store_edit_undo(&ed, &undo) < 0)
		buf_addf(err, _("; and the report could not be put back as it "
		    "was: %s"), undo.s);
	store_edit_release(&ed);
	free(xml);
	buf_release(&h);
	buf_release(&env);
	buf_release(&undo);
	return rc;
}

/* Loads the report held by entry e, whose envelope is env. */
static int
load_report(const struct store_entry *e, const struct formdir *fd,
    const char *lang, time_t now, int any_version, struct envelope *env,
    struct form **form, struct report **r, struct buf *err)
{
	struct buf	 data = BUF_INIT;
	struct stat	 st;
	const char	*fid, *fver, *file = DRAFT_INSTANCE;
	char		 sid[STORE_SHORT_ID_LEN + 1], *p;
	int		 rc;

	*form = NULL;
	*r = NULL;
	store_entry_short_id(e, sid);
	if ((rc = draft_envelope(e, env, err)) < 0)
		return rc;
	fid = envelope_get(env, "form-id");
	fver = envelope_get(env, "form-version");
	if ((rc = load_form(fd, fid, fver, lang, any_version, form, err)) < 0)
		return rc;
	/* A finalized report brought without its instance: its submission. */
	xasprintf(&p, "%s/%s", e->path, DRAFT_INSTANCE);
	if (e->state != STORE_DRAFTS && lstat(p, &st) == -1 && errno == ENOENT)
		file = DRAFT_SUBMISSION;
	free(p);
	if ((rc = store_entry_read(e, file, &data, err)) < 0)
		goto out;
	if ((*r = report_load(*form, data.s, data.len, now, err)) == NULL)
		rc = buf_wrapf(err, _("report '%s'"), sid);
out:
	buf_release(&data);
	return rc < 0 ? STORE_ERROR : STORE_OK;
}

/* Sets one answer of a prefill, or names why it was left out. */
static void
prefill_set(struct report *r, const char *path, const char *value,
    struct buf *notes)
{
	struct buf	 err = BUF_INIT;

	if (report_set(r, path, value, &err) == -1)
		buf_addf(notes, "%s\n", err.s);
	buf_release(&err);
}

/* The amendment's own answers (draft.h). */
static int
amend_answers(struct report *r, struct report *old, const char *old_iid,
    struct buf *notes, struct buf *err)
{
	char		*kind, *no, *end, num[32];
	long		 n = 0;

	if (report_set_meta(r, "deprecatedID", old_iid, err) == -1)
		return STORE_ERROR;
	if (report_type(r, "report_kind", NULL) == NULL)
		return STORE_OK;
	kind = report_get(old, "report_kind", NULL);
	no = report_get(old, "amendment_no", NULL);
	if (kind != NULL && strcmp(kind, "B") == 0 && no != NULL) {
		n = strtol(no, &end, 10);
		if (*no == '\0' || *end != '\0' || n < 0)
			n = 0;
	}
	free(kind);
	free(no);
	prefill_set(r, "report_kind", "B", notes);
	if (report_type(r, "amendment_no", NULL) != NULL) {
		snprintf(num, sizeof(num), "%ld", n + 1);
		prefill_set(r, "amendment_no", num, notes);
	}
	if (report_type(r, "amendment_reason", NULL) != NULL)
		prefill_set(r, "amendment_reason", "", notes);
	return STORE_OK;
}

/* The profile's answers that the form has, in the profile's order. */
static void
profile_answers(struct report *r, const struct profile *p,
    struct buf *notes)
{
	const char	*v;
	size_t		 i;

	for (i = 0; profile_fields[i] != NULL; i++) {
		if ((v = profile_get(p, profile_fields[i])) == NULL ||
		    report_type(r, profile_fields[i], NULL) == NULL)
			continue;
		prefill_set(r, profile_fields[i], v, notes);
	}
}

struct new_files {
	struct store_file *v;
	char		**names;
	struct buf	*data;
	size_t		 n;
};

static void
new_files_release(struct new_files *nf)
{
	size_t	 i;

	for (i = 0; i < nf->n; i++) {
		free(nf->names[i]);
		buf_release(&nf->data[i]);
	}
	free(nf->names);
	free(nf->data);
	free(nf->v);
}

/* The uploads an amendment carries over from the old entry. */
static int
amend_files(struct report *r, const struct store_entry *old,
    struct new_files *nf, struct buf *err)
{
	size_t	 n, i;
	int	 rc = STORE_OK;

	n = report_files(r, &nf->names);
	nf->data = xcalloc(n + 1, sizeof(*nf->data));
	nf->v = xcalloc(n + 1, sizeof(*nf->v));
	for (i = 0; i < n; i++) {
		buf_init(&nf->data[i]);
		if (rc == STORE_OK)
			rc = store_entry_read(old, nf->names[i],
			    &nf->data[i], err);
	}
	/* The names go into the entry as the instance names them. */
	for (i = 0; i < n; i++) {
		nf->v[i].name = nf->names[i];
		nf->v[i].data = nf->data[i].s;
		nf->v[i].len = nf->data[i].len;
	}
	nf->n = n;
	return rc;
}

int
draft_create(struct store *st, const struct formdir *fd, const char *name,
    const char *lang, time_t now, const struct draft_seed *seed,
    struct draft **out, struct buf *notes, struct buf *err)
{
	struct draft		*d = xcalloc(1, sizeof(*d));
	struct envelope		*old_env = envelope_new();
	struct form		*old_form = NULL;
	struct report		*old = NULL;
	struct new_files	 nf;
	struct buf		 env = BUF_INIT, hist = BUF_INIT;
	struct buf		 text = BUF_INIT, ignored = BUF_INIT;
	struct store_file	*files = NULL;
	const char		*iid, *uuid = NULL, *old_iid = NULL;
	char			*xml = NULL, *entry_name = NULL;
	char			 sid[STORE_SHORT_ID_LEN + 1];
	size_t			 len, i;
	int			 rc;

	*out = NULL;
	memset(&nf, 0, sizeof(nf));
	if (notes == NULL)
		notes = &ignored;
	if ((rc = store_check_space(st, err)) < 0)
		goto fail;
	if (seed != NULL && seed->from != NULL) {
		if ((rc = load_report(seed->from, fd, lang, now, 1, old_env,
		    &old_form, &old, err)) < 0)
			goto fail;
		if (name == NULL)
			name = envelope_get(old_env, "form-id");
		old_iid = report_instance_id(old);
	}
	if ((rc = load_form(fd, name, NULL, lang, 0, &d->form, err)) < 0)
		goto fail;
	if ((d->report = report_new(d->form, now, err)) == NULL) {
		rc = STORE_ERROR;
		goto fail;
	}
	buf_addf(&text, "%s %s", form_id(d->form), form_version(d->form));
	if (old != NULL) {
		store_entry_short_id(seed->from, sid);
		if (seed->amend && *old_iid == '\0') {
			rc = buf_errf(err, _("report '%s' has no instanceID, "
			    "so it cannot be amended"), sid);
			goto fail;
		}
		report_copy_answers(d->report, old, seed->amend ?
		    REPORT_COPY_FILES | REPORT_COPY_EXPLANATIONS : 0,
		    seed->amend ? NULL : per_report_fields, notes);
		if (seed->amend) {
			if ((rc = amend_answers(d->report, old, old_iid, notes,
			    err)) < 0 ||
			    (rc = amend_files(d->report, seed->from, &nf,
			    err)) < 0)
				goto fail;
			buf_addf(&text, "; amends %s", old_iid);
		} else
			buf_addf(&text, "; answers from %s", sid);
	}
	if (seed != NULL && seed->profile != NULL && !seed->amend) {
		profile_answers(d->report, seed->profile, notes);
		buf_addf(&text, "; profile %s", seed->profile->name);
	}
	iid = report_instance_id(d->report);
	if (strncmp(iid, "uuid:", 5) == 0)
		uuid = iid + 5;
	d->env = envelope_new();
	envelope_set(d->env, "form-id", form_id(d->form));
	envelope_set(d->env, "form-version", form_version(d->form));
	envelope_set_time(d->env, "created", now);
	if (*iid != '\0')
		envelope_set(d->env, "instance-id", iid);
	if (seed != NULL && seed->amend)
		envelope_set(d->env, "deprecated-id", old_iid);
	refresh_envelope(d->env, d->report);
	xml = report_save(d->report, &len);
	/* The first history line names the entry it belongs to. */
	entry_name = store_entry_name(now, uuid);
	history_start(&hist, entry_name, "created", text.s);
	history_set_anchor(d->env, entry_name, hist.s, hist.len);
	envelope_serialize(d->env, &env);
	files = xcalloc(nf.n + 3, sizeof(*files));
	for (i = 0; i < nf.n; i++)
		files[i] = nf.v[i];
	files[i++] = (struct store_file){ DRAFT_ENVELOPE, env.s, env.len };
	files[i++] = (struct store_file){ HISTORY_FILE, hist.s, hist.len };
	files[i++] = (struct store_file){ DRAFT_INSTANCE, xml, len };
	rc = store_entry_create(st, uuid, now, files, i, &d->entry, err);
fail:
	new_files_release(&nf);
	free(files);
	free(xml);
	free(entry_name);
	buf_release(&env);
	buf_release(&hist);
	buf_release(&text);
	buf_release(&ignored);
	report_free(old);
	form_free(old_form);
	envelope_free(old_env);
	if (rc < 0) {
		draft_free(d);
		return rc;
	}
	*out = d;
	return STORE_OK;
}

int
draft_new(struct store *st, const struct formdir *fd, const char *name,
    const char *lang, time_t now, struct draft **out, struct buf *err)
{
	return draft_create(st, fd, name, lang, now, NULL, out, NULL, err);
}

static int
open_entry(struct store *st, const struct formdir *fd, const char *id,
    const char *lang, time_t now, int any_state, struct draft **out,
    struct buf *err)
{
	struct draft	*d = xcalloc(1, sizeof(*d));
	enum store_state s;
	int		 rc;

	*out = NULL;
	if ((rc = store_entry_find(st, id, &d->entry, err)) < 0)
		goto fail;
	s = d->entry->state;
	if (s == STORE_QUARANTINE && !any_state) {
		rc = buf_errf(err, _("report '%s' is in quarantine/: it is "
		    "damaged (see 'coopreport fsck')"), id);
		goto fail;
	}
	if (s != STORE_DRAFTS && !any_state) {
		rc = buf_errf(err, _("report '%s' is finalized (it is in %s/) "
		    "and cannot be changed; to correct it, run 'coopreport "
		    "amend %s'"), id, store_state_name(s), id);
		goto fail;
	}
	d->env = envelope_new();
	if ((rc = load_report(d->entry, fd, lang, now, s != STORE_DRAFTS,
	    d->env, &d->form, &d->report, err)) < 0)
		goto fail;
	*out = d;
	return STORE_OK;
fail:
	draft_free(d);
	return rc < 0 ? rc : STORE_ERROR;
}

int
draft_open(struct store *st, const struct formdir *fd, const char *id,
    const char *lang, time_t now, struct draft **out, struct buf *err)
{
	return open_entry(st, fd, id, lang, now, 0, out, err);
}

int
draft_read(struct store *st, const struct formdir *fd, const char *id,
    const char *lang, time_t now, struct draft **out, struct buf *err)
{
	return open_entry(st, fd, id, lang, now, 1, out, err);
}

/* What draft_last_saved() and draft_find_amendment() look for. */
struct pick {
	const char	*form_id;	/* or NULL */
	const char	*tax_code;	/* or NULL */
	const char	*deprecated;	/* or NULL */
	struct store_entry *best;	/* the newest match */
};

static int
key_is(const struct envelope *env, const char *key, const char *want)
{
	const char	*v;

	return want == NULL || ((v = envelope_get(env, key)) != NULL &&
	    strcmp(v, want) == 0);
}

static int
pick_one(const struct store_entry *e, void *arg)
{
	struct pick	*pk = arg;
	struct envelope	*env = envelope_new();

	if ((pk->best == NULL || e->time >= pk->best->time) &&
	    draft_envelope(e, env, NULL) == STORE_OK &&
	    key_is(env, "form-id", pk->form_id) &&
	    key_is(env, "tax-code", pk->tax_code) &&
	    key_is(env, "deprecated-id", pk->deprecated)) {
		store_entry_free(pk->best);
		pk->best = store_entry_copy(e);
	}
	envelope_free(env);
	return 0;
}

/* The newest entry of the states that matches pk, or *out NULL. */
static int
pick(struct store *st, struct pick *pk, const enum store_state *states,
    size_t n, struct store_entry **out, struct buf *err)
{
	size_t	 i;
	int	 rc = STORE_OK;

	*out = NULL;
	for (i = 0; i < n && rc == STORE_OK; i++)
		rc = store_walk(st, states[i], pick_one, pk, err);
	if (rc == STORE_OK)
		*out = pk->best;
	else
		store_entry_free(pk->best);
	pk->best = NULL;
	return rc;
}

int
draft_last_saved(struct store *st, const char *form_id, const char *tax_code,
    struct store_entry **out, struct buf *err)
{
	static const enum store_state finalized[] = {
		STORE_OUTBOX, STORE_SENT,
	};
	static const enum store_state drafts[] = { STORE_DRAFTS };
	struct pick	 pk;
	int		 rc;

	memset(&pk, 0, sizeof(pk));
	pk.form_id = form_id;
	pk.tax_code = tax_code;
	if ((rc = pick(st, &pk, finalized, nitems(finalized), out,
	    err)) < 0 || *out != NULL)
		return rc;
	return pick(st, &pk, drafts, nitems(drafts), out, err);
}

int
draft_find_amendment(struct store *st, const char *iid,
    struct store_entry **out, struct buf *err)
{
	static const enum store_state drafts[] = { STORE_DRAFTS };
	struct pick	 pk;

	memset(&pk, 0, sizeof(pk));
	pk.deprecated = iid;
	return pick(st, &pk, drafts, nitems(drafts), out, err);
}

static int
check_attachment_name(const char *name, struct buf *err)
{
	if (strcmp(name, DRAFT_INSTANCE) == 0 ||
	    strcmp(name, DRAFT_ENVELOPE) == 0 ||
	    strcmp(name, HISTORY_FILE) == 0 ||
	    strcmp(name, DRAFT_SUBMISSION) == 0 ||
	    !store_entry_file_name_ok(name))
		return buf_errf(err, _("'%s' cannot be the name of an "
		    "attached file; rename it"), name);
	return 0;
}

int
draft_answer(struct draft *d, const char *path, const char *value,
    const char *base, struct buf *err)
{
	struct draft_file	*df;
	struct buf		 data = BUF_INIT;
	const char		*type, *name;
	char			*file;
	size_t			 i;
	int			 rc;

	type = report_type(d->report, path, err);
	if (type == NULL)
		return -1;
	if (strcmp(type, "binary") != 0 || value[0] != '@')
		return report_set(d->report, path, value, err);
	if (value[1] == '/' || base == NULL)
		file = xstrdup(value + 1);
	else
		xasprintf(&file, "%s/%s", base, value + 1);
	name = strrchr(file, '/') != NULL ? strrchr(file, '/') + 1 : file;
	rc = file_read(file, STORE_FILE_MAX, &data, err);
	if (rc == 0 && (rc = check_attachment_name(name, err)) == 0 &&
	    (rc = report_check_file(d->report, path, name, data.s, data.len,
	    err)) == 0)
		rc = report_set(d->report, path, name, err);
	if (rc != 0) {
		free(file);
		buf_release(&data);
		return -1;
	}
	for (i = 0; i < d->nfiles; i++)
		if (strcmp(d->files[i].name, name) == 0)
			break;
	if (i == d->nfiles) {
		d->files = xreallocarray(d->files, d->nfiles + 1,
		    sizeof(*d->files));
		df = &d->files[d->nfiles++];
		df->name = xstrdup(name);
	} else {
		df = &d->files[i];
		buf_release(&df->data);
	}
	df->data = data;
	free(file);
	return 0;
}

static void
add_line(struct buf *out, const char *where, const char *msg)
{
	if (where != NULL)
		buf_addf(out, "%s: ", where);
	buf_addf(out, "%s\n", msg);
}

size_t
draft_apply(struct draft *d, const struct draft_change *c, size_t n,
    const char *base, struct buf *errs, struct buf *warns)
{
	struct report_problems	 ps;
	struct buf		 err = BUF_INIT, line = BUF_INIT;
	size_t			 i, k, nerr = 0;

	for (i = 0; i < n; i++) {
		buf_reset(&err);
		if (draft_answer(d, c[i].path, c[i].value, base, &err) == -1) {
			add_line(errs, c[i].where, err.s);
			nerr++;
		}
	}
	for (i = 0; i < n && nerr == 0; i++) {
		report_check(d->report, c[i].path, &ps);
		for (k = 0; k < ps.n; k++) {
			if (ps.v[k].kind == REPORT_KIND_REQUIRED ||
			    ps.v[k].kind == REPORT_KIND_TYPE)
				continue;
			struct report_problem p = ps.v[k];

			/* The caller says "warning: " before the line. */
			p.severity = REPORT_ERROR;
			buf_reset(&line);
			report_problem_format(&p, &line);
			if (ps.v[k].severity == REPORT_ERROR) {
				add_line(errs, c[i].where, line.s);
				nerr++;
			} else
				add_line(warns, c[i].where, line.s);
		}
		report_problems_release(&ps);
	}
	buf_release(&err);
	buf_release(&line);
	return nerr;
}

int
draft_save(struct draft *d, const char *event, const char *text,
    struct buf *err)
{
	return commit(d, COMMIT_INSTANCE, event, text, NULL, 0,
	    d->entry->state, err);
}

int
draft_log(struct draft *d, const char *event, const char *text,
    struct buf *err)
{
	return commit(d, 0, event, text, NULL, 0, d->entry->state, err);
}

int
draft_finalize(struct draft *d, time_t now, const char *note,
    struct buf *err)
{
	struct store_file	 sub;
	struct buf		 text = BUF_INIT, list = BUF_INIT;
	struct stat		 st;
	char			**names, *xml, *hex, *p;
	char			 sid[STORE_SHORT_ID_LEN + 1];
	size_t			 len, n, i, k;
	int			 rc = STORE_OK;

	store_entry_short_id(d->entry, sid);
	if (d->entry->state != STORE_DRAFTS)
		return buf_errf(err, _("report '%s' is already finalized (it "
		    "is in %s/)"), sid, store_state_name(d->entry->state));
	report_stamp_end(d->report, now);
	/* Every file the submission names must go with it. */
	n = report_files(d->report, &names);
	for (i = 0; i < n; i++) {
		for (k = 0; k < d->nfiles; k++)
			if (strcmp(d->files[k].name, names[i]) == 0)
				break;
		xasprintf(&p, "%s/%s", d->entry->path, names[i]);
		if (k == d->nfiles && rc == STORE_OK && lstat(p, &st) == -1)
			rc = buf_errf(err, _("report '%s' names the file '%s', "
			    "which is not in it; give the file again with "
			    "'coopreport set'"), sid, names[i]);
		free(p);
		buf_addf(&list, "%s%s", i > 0 ? "/" : "", names[i]);
		free(names[i]);
	}
	free(names);
	if (rc < 0) {
		buf_release(&list);
		return rc;
	}
	xml = report_submission(d->report, &len);
	hex = digest_hex(DIGEST_SHA256, xml, len);
	envelope_set_time(d->env, "state-changed", now);
	envelope_set(d->env, "submission-sha256", hex);
	if (list.len > 0)
		envelope_set(d->env, "attachments", list.s);
	else
		envelope_unset(d->env, "attachments");
	if (note != NULL && *note != '\0')
		buf_addf(&text, "%s; ", note);
	buf_addf(&text, "submission.xml sha256 %s", hex);
	sub = (struct store_file){ DRAFT_SUBMISSION, xml, len };
	rc = commit(d, COMMIT_INSTANCE, "finalize", text.s, &sub, 1,
	    STORE_OUTBOX, err);
	free(xml);
	free(hex);
	buf_release(&text);
	buf_release(&list);
	return rc;
}

void
draft_short_id(const struct draft *d, char *out, size_t n)
{
	char	 sid[STORE_SHORT_ID_LEN + 1];

	store_entry_short_id(d->entry, sid);
	snprintf(out, n, "%s", sid);
}

void
draft_free(struct draft *d)
{
	size_t	 i;

	if (d == NULL)
		return;
	for (i = 0; i < d->nfiles; i++) {
		free(d->files[i].name);
		buf_release(&d->files[i].data);
	}
	free(d->files);
	report_free(d->report);
	form_free(d->form);
	envelope_free(d->env);
	if (d->entry != NULL)
		store_entry_free(d->entry);
	free(d);
}
