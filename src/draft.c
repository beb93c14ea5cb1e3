/*
 * draft.c: drafts on top of the store, the envelope and the history.
 */
#include "common.h"

#include "draft.h"
#include "envelope.h"
#include "file.h"
#include "form.h"
#include "formdir.h"
#include "history.h"
#include "report.h"
#include "store.h"

#define INSTANCE_FILE	"instance.xml"
#define ENVELOPE_FILE	"envelope"

static int
load_form(const struct formdir *fd, const char *name, const char *version,
    const char *lang, struct form **out, struct buf *err)
{
	if (formdir_load(fd, name, version, out, err) == -1)
		return STORE_ERROR;
	form_select_lang(*out, lang);
	return STORE_OK;
}

int
draft_new(struct store *st, const struct formdir *fd, const char *name,
    const char *lang, time_t now, struct draft **out, struct buf *err)
{
	struct draft		*d = xcalloc(1, sizeof(*d));
	struct buf		 env = BUF_INIT, hist = BUF_INIT;
	struct buf		 text = BUF_INIT;
	struct store_file	 files[3];
	const char		*iid, *uuid = NULL;
	char			*xml, *entry_name;
	size_t			 len;
	int			 rc;

	*out = NULL;
	if ((rc = store_check_space(st, err)) < 0 ||
	    (rc = load_form(fd, name, NULL, lang, &d->form, err)) < 0)
		goto fail;
	if ((d->report = report_new(d->form, now, err)) == NULL) {
		rc = STORE_ERROR;
		goto fail;
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
	envelope_serialize(d->env, &env);
	xml = report_save(d->report, &len);
	/* The first history line names the entry it belongs to. */
	entry_name = store_entry_name(now, uuid);
	buf_addf(&text, "%s %s", form_id(d->form), form_version(d->form));
	history_start(&hist, entry_name, "created", text.s);
	files[0].name = ENVELOPE_FILE;
	files[0].data = env.s;
	files[0].len = env.len;
	files[1].name = HISTORY_FILE;
	files[1].data = hist.s;
	files[1].len = hist.len;
	files[2].name = INSTANCE_FILE;
	files[2].data = xml;
	files[2].len = len;
	rc = store_entry_create(st, uuid, now, files, nitems(files),
	    &d->entry, err);
	free(xml);
	free(entry_name);
	buf_release(&env);
	buf_release(&hist);
	buf_release(&text);
	if (rc < 0)
		goto fail;
	*out = d;
	return STORE_OK;
fail:
	draft_free(d);
	return rc;
}

int
draft_open(struct store *st, const struct formdir *fd, const char *id,
    const char *lang, time_t now, struct draft **out, struct buf *err)
{
	struct draft	*d = xcalloc(1, sizeof(*d));
	struct buf	 data = BUF_INIT;
	const char	*fid, *fver, *why;
	int		 rc;

	*out = NULL;
	if ((rc = store_entry_find(st, id, &d->entry, err)) < 0)
		goto fail;
	if (d->entry->state != STORE_DRAFTS) {
		rc = buf_errf(err, _("report '%s' is not a draft any more "
		    "(it is in %s/)"), id, store_state_name(d->entry->state));
		goto fail;
	}
	d->env = envelope_new();
	if ((rc = store_entry_read(d->entry, ENVELOPE_FILE, &data, err)) < 0)
		goto fail;
	if (envelope_parse(d->env, ENVELOPE_FILE, data.s, data.len,
	    err) == -1) {
		rc = STORE_ERROR;
		goto fail;
	}
	if ((why = envelope_validate(d->env)) != NULL) {
		rc = buf_errf(err, _("report '%s': %s"), id, why);
		goto fail;
	}
	fid = envelope_get(d->env, "form-id");
	fver = envelope_get(d->env, "form-version");
	if (fid == NULL || fver == NULL) {
		rc = buf_errf(err, _("report '%s': the envelope does not say "
		    "which form it is for"), id);
		goto fail;
	}
	if ((rc = load_form(fd, fid, fver, lang, &d->form, err)) < 0)
		goto fail;
	buf_reset(&data);
	if ((rc = store_entry_read(d->entry, INSTANCE_FILE, &data, err)) < 0)
		goto fail;
	if ((d->report = report_load(d->form, data.s, data.len, now,
	    err)) == NULL) {
		rc = buf_wrapf(err, _("report '%s'"), id);
		goto fail;
	}
	buf_release(&data);
	*out = d;
	return STORE_OK;
fail:
	buf_release(&data);
	draft_free(d);
	return rc < 0 ? rc : STORE_ERROR;
}

static int
check_attachment_name(const char *name, struct buf *err)
{
	if (strcmp(name, INSTANCE_FILE) == 0 ||
	    strcmp(name, ENVELOPE_FILE) == 0 ||
	    strcmp(name, HISTORY_FILE) == 0 ||
	    strcmp(name, "submission.xml") == 0 ||
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
	char	*xml;
	size_t	 len, i;
	int	 rc;

	/* Files first: the instance never names one that is not there. */
	for (i = 0; i < d->nfiles; i++)
		if ((rc = store_entry_write(d->entry, d->files[i].name,
		    d->files[i].data.s, d->files[i].data.len, err)) < 0)
			return rc;
	xml = report_save(d->report, &len);
	rc = store_entry_write(d->entry, INSTANCE_FILE, xml, len, err);
	free(xml);
	if (rc < 0)
		return rc;
	return draft_log(d, event, text, err);
}

int
draft_log(struct draft *d, const char *event, const char *text,
    struct buf *err)
{
	return history_append(d->entry, event, text, err);
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
