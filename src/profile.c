/*
 * profile.c: the identity profiles of a store, in <store>/profiles/.
 */
#include "common.h"

#include <dirent.h>
#include <unistd.h>

#include "envelope.h"
#include "file.h"
#include "form.h"
#include "formdir.h"
#include "profile.h"
#include "report.h"
#include "store.h"
#include "testhook.h"

#define PROFILE_DIR		"profiles"
#define PROFILE_FILE_MAX	(64 * 1024)

/*
 * The identity block of forms/README.md ("What both forms share") and
 * who prepares the reports, in the order the forms ask them, which is the
 * order "new" sets them in (province before commune: choosing a province
 * clears the commune).
 */
const char *const profile_fields[] = {
	"org_name",
	"tax_code",
	"org_type",
	"reg_date",
	"province_code",
	"commune_code",
	"commune_other",
	"address",
	"phone",
	"email",
	"sector_main",
	"agri_subtype",
	"vsic_codes",
	"size_class",
	"governance_model",
	"flag_ethnic_mountain",
	"flag_difficult_area",
	"legal_rep_name",
	"legal_rep_title",
	"recipient_agency",
	"preparer_name",
	"preparer_phone",
	NULL
};

int
profile_name_ok(const char *name)
{
	size_t	 i;

	if (!((name[0] >= 'a' && name[0] <= 'z') ||
	    (name[0] >= '0' && name[0] <= '9')))
		return 0;
	for (i = 0; name[i] != '\0'; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		    (name[i] >= '0' && name[i] <= '9') || name[i] == '-' ||
		    name[i] == '_'))
			return 0;
	return i <= PROFILE_NAME_MAX;
}

/* Levenshtein distance of two short ASCII words, capped at 9. */
static size_t
distance(const char *a, const char *b)
{
	size_t	 la = strlen(a), lb = strlen(b), i, j, d[33], prev, tmp;

	if (la > 32 || lb > 32)
		return 9;
	for (j = 0; j <= lb; j++)
		d[j] = j;
	for (i = 1; i <= la; i++) {
		prev = d[0];
		d[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = d[j];
			d[j] = prev + (a[i - 1] != b[j - 1]);
			if (d[j - 1] + 1 < d[j])
				d[j] = d[j - 1] + 1;
			if (tmp + 1 < d[j])
				d[j] = tmp + 1;
			prev = tmp;
		}
	}
	return d[lb] > 9 ? 9 : d[lb];
}

int
profile_field_check(const char *key, struct buf *err)
{
	const char	*best = NULL;
	size_t		 i, d, bestd = 3;

	for (i = 0; profile_fields[i] != NULL; i++) {
		if (strcmp(key, profile_fields[i]) == 0)
			return STORE_OK;
		if ((d = distance(key, profile_fields[i])) < bestd) {
			bestd = d;
			best = profile_fields[i];
		}
	}
	if (best != NULL)
		return buf_errf(err, _("unknown profile key '%s'; did you "
		    "mean '%s'?"), key, best);
	return buf_errf(err, _("unknown profile key '%s' (the keys are the "
	    "identity questions of the forms; 'coopreport profile show' "
	    "lists them)"), key);
}

/* "tax_code" -> "tax-code", for the envelope format; caller frees. */
static char *
env_key(const char *field)
{
	char	*k = xstrdup(field), *p;

	for (p = k; *p != '\0'; p++)
		if (*p == '_')
			*p = '-';
	return k;
}

int
profile_load(struct store *st, const char *name, struct profile **out,
    struct buf *err)
{
	struct profile	*p;
	struct buf	 data = BUF_INIT;
	struct stat	 sb;
	char		*path;
	int		 rc = STORE_OK;

	*out = NULL;
	if (!profile_name_ok(name))
		return buf_errf(err, _("'%s' is not a profile name (lower-case "
		    "letters, digits, '-' and '_', at most %d)"), name,
		    PROFILE_NAME_MAX);
	p = xcalloc(1, sizeof(*p));
	p->name = xstrdup(name);
	p->env = envelope_new();
	xasprintf(&path, "%s/" PROFILE_DIR "/%s", st->path, name);
	if (lstat(path, &sb) == -1 && errno == ENOENT)
		goto out;
	if ((rc = file_read(path, PROFILE_FILE_MAX, &data, err)) < 0)
		goto out;
	if (envelope_parse(p->env, path, data.s, data.len, err) == -1) {
		rc = STORE_ERROR;
		goto out;
	}
	p->exists = 1;
out:
	free(path);
	buf_release(&data);
	if (rc < 0) {
		profile_free(p);
		return rc;
	}
	*out = p;
	return STORE_OK;
}

const char *
profile_get(const struct profile *p, const char *field)
{
	const char	*v;
	char		*k = env_key(field);

	v = envelope_get(p->env, k);
	free(k);
	return v;
}

int
profile_set(struct profile *p, const char *field, const char *value,
    struct buf *err)
{
	char	*k;

	if (profile_field_check(field, err) < 0)
		return STORE_ERROR;
	k = env_key(field);
	if (*value == '\0')
		envelope_unset(p->env, k);
	else
		envelope_set(p->env, k, value);
	free(k);
	return STORE_OK;
}

int
profile_save(struct store *st, const struct profile *p, struct buf *err)
{
	struct buf	 data = BUF_INIT;
	char		*dir;
	int		 rc;

	envelope_serialize(p->env, &data);
	xasprintf(&dir, "%s/" PROFILE_DIR, st->path);
	rc = file_write_atomic(dir, p->name, data.s, data.len, err);
	free(dir);
	buf_release(&data);
	return rc;
}

void
profile_free(struct profile *p)
{
	if (p == NULL)
		return;
	free(p->name);
	envelope_free(p->env);
	free(p);
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
profile_list(struct store *st, char ***out, size_t *nout, struct buf *err)
{
	struct dirent	*d;
	char		*dir;
	DIR		*dp;

	*out = NULL;
	*nout = 0;
	xasprintf(&dir, "%s/" PROFILE_DIR, st->path);
	if ((dp = opendir(dir)) == NULL) {
		int e = errno, rc = STORE_OK;

		if (e != ENOENT)
			rc = buf_errf(err, _("cannot read the directory '%s': "
			    "%s"), dir, strerror(e));
		free(dir);
		return rc;
	}
	while ((d = readdir(dp)) != NULL) {
		if (!profile_name_ok(d->d_name))
			continue;	/* ".", "..", temp files */
		*out = xreallocarray(*out, *nout + 1, sizeof(**out));
		(*out)[(*nout)++] = xstrdup(d->d_name);
	}
	closedir(dp);
	free(dir);
	if (*nout > 1)
		qsort(*out, *nout, sizeof(**out), name_cmp);
	return STORE_OK;
}

static int
named(const char *const *keys, const char *key)
{
	size_t	 i;

	for (i = 0; keys[i] != NULL; i++)
		if (strcmp(keys[i], key) == 0)
			return 1;
	return 0;
}

/* The refusals of one form. */
static size_t
check_form(const struct profile *p, struct form *f, const char *const *keys,
    struct buf *errs)
{
	struct report_problems	 ps;
	struct report		*r;
	struct buf		 err = BUF_INIT, line = BUF_INIT;
	const char		*v;
	size_t			 i, k, nbad = 0;

	if ((r = report_new(f, test_now(), &err)) == NULL) {
		buf_release(&err);
		return 0;	/* a form with problems: "lint" says which */
	}
	for (i = 0; profile_fields[i] != NULL; i++) {
		if ((v = profile_get(p, profile_fields[i])) == NULL ||
		    report_type(r, profile_fields[i], NULL) == NULL)
			continue;
		buf_reset(&err);
		if (report_set(r, profile_fields[i], v, &err) == 0)
			continue;
		if (named(keys, profile_fields[i])) {
			buf_addf(errs, "%s: %s\n", form_id(f), err.s);
			nbad++;
		}
	}
	for (i = 0; profile_fields[i] != NULL; i++) {
		if (!named(keys, profile_fields[i]) ||
		    profile_get(p, profile_fields[i]) == NULL ||
		    report_type(r, profile_fields[i], NULL) == NULL)
			continue;
		report_check(r, profile_fields[i], &ps);
		for (k = 0; k < ps.n; k++) {
			if (ps.v[k].severity != REPORT_ERROR ||
			    ps.v[k].kind == REPORT_KIND_REQUIRED)
				continue;
			buf_reset(&line);
			report_problem_format(&ps.v[k], &line);
			buf_addf(errs, "%s: %s\n", form_id(f), line.s);
			nbad++;
		}
		report_problems_release(&ps);
	}
	report_free(r);
	buf_release(&err);
	buf_release(&line);
	return nbad;
}

size_t
profile_check(const struct profile *p, const struct formdir *fd,
    const char *lang, const char *const *keys, struct buf *errs)
{
	struct formdir_form	*forms;
	struct form		*f;
	size_t			 n, i, nbad = 0;

	formdir_scan(fd, &forms, &n);
	for (i = 0; i < n; i++) {
		if (forms[i].id == NULL || forms[i].shadowed ||
		    formdir_load(fd, forms[i].path, NULL, &f, NULL) == -1)
			continue;
		form_select_lang(f, lang);
		nbad += check_form(p, f, keys, errs);
		form_free(f);
	}
	formdir_list_free(forms, n);
	return nbad;
}
