/*
 * bundle.c: exporting finalized reports with a SHA-256 manifest, and
 * importing them into the outbox of another store (bundle.h).
 */
#include "common.h"

#include <dirent.h>
#include <unistd.h>

#include "bundle.h"
#include "digest.h"
#include "draft.h"
#include "envelope.h"
#include "file.h"
#include "history.h"
#include "store.h"
#include "strmap.h"

/* ------------------------------------------------------------------ */
/* The manifest */

void
bundle_manifest_release(struct bundle_manifest *m)
{
	size_t	 i;

	for (i = 0; i < m->n; i++) {
		free(m->v[i].entry);
		free(m->v[i].name);
	}
	free(m->v);
	m->v = NULL;
	m->n = 0;
}

/* A path of a bundle: a valid entry name and a valid file name, and no
 * backslash, which sha256sum would escape. */
static int
path_ok(const char *entry, const char *name)
{
	return store_entry_name_ok(entry) && store_entry_file_name_ok(name) &&
	    strchr(name, '\\') == NULL;
}

static void
manifest_add(struct bundle_manifest *m, const char *entry, const char *name,
    const char *sha256)
{
	struct bundle_file	*f;

	m->v = xreallocarray(m->v, m->n + 1, sizeof(*m->v));
	f = &m->v[m->n++];
	f->entry = xstrdup(entry);
	f->name = xstrdup(name);
	memcpy(f->sha256, sha256, HISTORY_HASH_LEN + 1);
}

static int
is_lower_hex(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

static int
damaged(struct bundle_manifest *m, struct buf *err, const char *file,
    int line, const char *why)
{
	bundle_manifest_release(m);
	return buf_errf(err, _("damaged manifest '%s' at line %d: %s"), file,
	    line, why);
}

int
bundle_manifest_parse(const char *data, size_t len, const char *file,
    struct bundle_manifest *m, struct buf *err)
{
	struct strmap	 seen;
	const char	*p = data, *end = data + len, *nl, *slash;
	char		*entry, *name, hash[HISTORY_HASH_LEN + 1];
	size_t		 magic = strlen(BUNDLE_MAGIC);
	int		 line = 1, rc = STORE_OK;

	m->v = NULL;
	m->n = 0;
	if (len < magic + 1 || memcmp(data, BUNDLE_MAGIC, magic) != 0 ||
	    data[magic] != '\n')
		return damaged(m, err, file, 1, _("the first line is not "
		    "'coopreport-bundle 1'"));	/* BUNDLE_MAGIC */
	strmap_init(&seen);
	for (p = data + magic + 1; p < end && rc == STORE_OK; p = nl + 1) {
		line++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL) {
			rc = damaged(m, err, file, line, _("the last line is "
			    "cut short"));
			break;
		}
		if ((size_t)(nl - p) < HISTORY_HASH_LEN + 4 ||
		    !is_lower_hex(p, HISTORY_HASH_LEN) ||
		    memcmp(p + HISTORY_HASH_LEN, "  ", 2) != 0 ||
		    memchr(p, '\0', (size_t)(nl - p)) != NULL) {
			rc = damaged(m, err, file, line, _("the line is not "
			    "'SHA256  ENTRY/FILE'"));
			break;
		}
		memcpy(hash, p, HISTORY_HASH_LEN);
		hash[HISTORY_HASH_LEN] = '\0';
		p += HISTORY_HASH_LEN + 2;
		slash = memchr(p, '/', (size_t)(nl - p));
		entry = slash == NULL ? NULL : xstrndup(p, (size_t)(slash - p));
		name = slash == NULL ? NULL : xstrndup(slash + 1,
		    (size_t)(nl - slash - 1));
		if (entry == NULL || !path_ok(entry, name))
			rc = damaged(m, err, file, line, _("the path is not "
			    "the name of a report and of one of its files"));
		else {
			struct buf key = BUF_INIT;

			buf_addf(&key, "%s/%s", entry, name);
			if (strmap_put(&seen, key.s, &seen) != NULL)
				rc = damaged(m, err, file, line, _("the file "
				    "is listed twice"));
			else
				manifest_add(m, entry, name, hash);
			buf_release(&key);
		}
		free(entry);
		free(name);
	}
	strmap_release(&seen);
	return rc;
}

static int
file_cmp(const void *a, const void *b)
{
	const struct bundle_file	*x = a, *y = b;
	int				 c;

	if ((c = strcmp(x->entry, y->entry)) != 0)
		return c;
	return strcmp(x->name, y->name);
}

void
bundle_manifest_serialize(const struct bundle_manifest *m, struct buf *out)
{
	struct bundle_file	*v;
	size_t			 i;

	v = xcalloc(m->n + 1, sizeof(*v));
	if (m->n > 0) {
		memcpy(v, m->v, m->n * sizeof(*v));
		qsort(v, m->n, sizeof(*v), file_cmp);
	}
	buf_addf(out, "%s\n", BUNDLE_MAGIC);
	for (i = 0; i < m->n; i++)
		buf_addf(out, "%s  %s/%s\n", v[i].sha256, v[i].entry,
		    v[i].name);
	free(v);
}

/* ------------------------------------------------------------------ */
/* One report's files, read and checked */

struct rfile {
	char		*name;
	struct buf	 data;
};

struct report_files {
	char		*entry;
	struct rfile	*v;
	size_t		 n;
	struct envelope	*env;
};

static void
report_files_release(struct report_files *rf)
{
	size_t	 i;

	for (i = 0; i < rf->n; i++) {
		free(rf->v[i].name);
		buf_release(&rf->v[i].data);
	}
	free(rf->v);
	free(rf->entry);
	envelope_free(rf->env);
	memset(rf, 0, sizeof(*rf));
}

static struct rfile *
rfile_add(struct report_files *rf, const char *name)
{
	struct rfile	*f;

	rf->v = xreallocarray(rf->v, rf->n + 1, sizeof(*rf->v));
	f = &rf->v[rf->n++];
	f->name = xstrdup(name);
	buf_init(&f->data);
	return f;
}

static const struct rfile *
rfile_get(const struct report_files *rf, const char *name)
{
	size_t	 i;

	for (i = 0; i < rf->n; i++)
		if (strcmp(rf->v[i].name, name) == 0)
			return &rf->v[i];
	return NULL;
}

static void
sha256_hex(const struct buf *b, char out[HISTORY_HASH_LEN + 1])
{
	unsigned char	 md[DIGEST_MAX_SIZE];

	digest(DIGEST_SHA256, b->s, b->len, md);
	digest_to_hex(md, digest_size(DIGEST_SHA256), out);
}

/*
 * The checks a report passes to be exported or imported: its envelope
 * is valid and names its uuid, its history chain and anchor hold, its
 * submission.xml has the hash the envelope records, and every
 * attachment the envelope names is there.  where names the report in
 * messages.
 */
static int
check_report(struct report_files *rf, const char *uuid, const char *where,
    struct buf *err)
{
	const struct rfile	*env, *hist, *sub;
	const char		*v, *why, *att, *sep;
	char			 hash[HISTORY_HASH_LEN + 1];
	char			*name;
	int			 bad;

	if ((env = rfile_get(rf, DRAFT_ENVELOPE)) == NULL ||
	    (hist = rfile_get(rf, HISTORY_FILE)) == NULL ||
	    (sub = rfile_get(rf, DRAFT_SUBMISSION)) == NULL)
		return buf_errf(err, _("'%s' is not a finalized report: it "
		    "needs an envelope, a history and a submission.xml"),
		    where);
	rf->env = envelope_new();
	if (envelope_parse(rf->env, where, env->data.s, env->data.len,
	    err) == -1)
		return STORE_ERROR;
	if ((why = envelope_validate(rf->env)) != NULL)
		return buf_errf(err, _("'%s/envelope': %s"), where, why);
	if ((v = envelope_get(rf->env, "instance-id")) == NULL ||
	    strncmp(v, "uuid:", 5) != 0 || strcmp(v + 5, uuid) != 0)
		return buf_errf(err, _("'%s/envelope': the instance-id is not "
		    "the report's id"), where);
	if (history_verify(rf->entry, where, hist->data.s, hist->data.len,
	    &bad, err) < 0)
		return STORE_ERROR;
	if (history_check_anchor(rf->env, rf->entry, hist->data.s,
	    hist->data.len) == HISTORY_CUT)
		return buf_errf(err, _("'%s/history': its last lines were "
		    "removed or changed"), where);
	sha256_hex(&sub->data, hash);
	if ((v = envelope_get(rf->env, "submission-sha256")) != NULL &&
	    strcmp(v, hash) != 0)
		return buf_errf(err, _("'%s/submission.xml' is not the "
		    "submission that was finalized (its SHA-256 differs)"),
		    where);
	att = envelope_get(rf->env, "attachments");
	while (att != NULL && *att != '\0') {
		sep = strchr(att, '/');
		name = xstrndup(att, sep != NULL ? (size_t)(sep - att) :
		    strlen(att));
		if (rfile_get(rf, name) == NULL) {
			buf_errf(err, _("'%s': the attachment '%s' is "
			    "missing"), where, name);
			free(name);
			return STORE_ERROR;
		}
		free(name);
		att = sep != NULL ? sep + 1 : NULL;
	}
	return STORE_OK;
}

/* ------------------------------------------------------------------ */
/* Export */

/* What an export changed in the bundle directory, to undo a failure. */
struct change {
	char		*path;
	int		 dir;		/* a directory it created */
	int		 existed;	/* a file: there before */
	struct buf	 old;
};

struct changes {
	struct change	*v;
	size_t		 n;
};

static void
changes_undo(struct changes *c)
{
	struct change	*ch;
	char		*dir, *slash;

	while (c->n > 0) {
		ch = &c->v[--c->n];
		if (ch->dir)
			(void)rmdir(ch->path);
		else if (ch->existed) {
			dir = xstrdup(ch->path);
			slash = strrchr(dir, '/');
			*slash = '\0';
			(void)file_write_atomic(dir, slash + 1, ch->old.s,
			    ch->old.len, NULL);
			free(dir);
		} else
			(void)unlink(ch->path);
		free(ch->path);
		buf_release(&ch->old);
	}
}

static void
changes_release(struct changes *c)
{
	size_t	 i;

	for (i = 0; i < c->n; i++) {
		free(c->v[i].path);
		buf_release(&c->v[i].old);
	}
	free(c->v);
	c->v = NULL;
	c->n = 0;
}

static struct change *
change_add(struct changes *c, const char *path, int dir)
{
	struct change	*ch;

	c->v = xreallocarray(c->v, c->n + 1, sizeof(*c->v));
	ch = &c->v[c->n++];
	memset(ch, 0, sizeof(*ch));
	ch->path = xstrdup(path);
	ch->dir = dir;
	buf_init(&ch->old);
	return ch;
}

/* Removes the temp files that an interrupted export left in dir. */
static void
tidy_temps(const char *dir)
{
	struct dirent	*d;
	char		*p;
	DIR		*dp;

	if ((dp = opendir(dir)) == NULL)
		return;
	while ((d = readdir(dp)) != NULL) {
		if (!file_is_temp_name(d->d_name))
			continue;
		xasprintf(&p, "%s/%s", dir, d->d_name);
		(void)unlink(p);
		free(p);
	}
	closedir(dp);
}

/* Creates dir unless it is there, keeping note of it. */
static int
export_mkdir(struct changes *c, const char *dir, struct buf *err)
{
	struct stat	 st;

	if (lstat(dir, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			tidy_temps(dir);
			return STORE_OK;
		}
		return buf_errf(err, _("cannot write the bundle: '%s' is not "
		    "a folder"), dir);
	}
	change_add(c, dir, 1);
	return file_mkdir(dir, err);
}

/* Writes dir/name unless it holds those bytes, keeping note of it. */
static int
export_write(struct changes *c, const char *dir, const char *name,
    const struct buf *data, struct buf *err)
{
	struct change	*ch;
	struct stat	 st;
	struct buf	 old = BUF_INIT;
	char		*path;
	int		 existed, rc;

	xasprintf(&path, "%s/%s", dir, name);
	existed = lstat(path, &st) == 0;
	if (existed && (!S_ISREG(st.st_mode) || file_read(path,
	    STORE_FILE_MAX, &old, NULL) < 0)) {
		rc = buf_errf(err, _("cannot write the bundle: '%s' is in the "
		    "way"), path);
		goto out;
	}
	if (existed && old.len == data->len &&
	    memcmp(old.s, data->s, old.len) == 0) {
		rc = STORE_OK;
		goto out;
	}
	ch = change_add(c, path, 0);
	ch->existed = existed;
	ch->old = old;
	buf_init(&old);
	rc = file_write_atomic(dir, name, data->s, data->len, err);
out:
	buf_release(&old);
	free(path);
	return rc;
}

/* Reads the files of a finalized entry that a bundle carries. */
static int
read_entry(const struct store_entry *e, struct report_files *rf,
    struct buf *err)
{
	static const char *const core[] = {
		DRAFT_ENVELOPE, HISTORY_FILE, DRAFT_SUBMISSION, DRAFT_INSTANCE,
	};
	struct envelope	*env = envelope_new();
	struct stat	 st;
	const char	*att, *sep;
	char		*p, *name, sid[STORE_SHORT_ID_LEN + 1];
	size_t		 i;
	int		 rc = STORE_OK;

	store_entry_short_id(e, sid);
	rf->entry = xstrdup(e->name);
	if (e->state != STORE_OUTBOX && e->state != STORE_SENT &&
	    e->state != STORE_FAILED) {
		rc = buf_errf(err, _("report '%s' is not finalized (it is in "
		    "%s/); only finalized reports are exported"), sid,
		    store_state_name(e->state));
		goto out;
	}
	for (i = 0; i < nitems(core) && rc == STORE_OK; i++) {
		xasprintf(&p, "%s/%s", e->path, core[i]);
		/* instance.xml goes along when there is one. */
		if (i < 3 || lstat(p, &st) == 0)
			rc = store_entry_read(e, core[i], &rfile_add(rf,
			    core[i])->data, err);
		free(p);
	}
	if (rc == STORE_OK && (rc = draft_envelope(e, env, err)) == STORE_OK) {
		att = envelope_get(env, "attachments");
		while (rc == STORE_OK && att != NULL && *att != '\0') {
			sep = strchr(att, '/');
			name = xstrndup(att, sep != NULL ?
			    (size_t)(sep - att) : strlen(att));
			if (!store_entry_file_name_ok(name) ||
			    strchr(name, '\\') != NULL)
				rc = buf_errf(err, _("report '%s': '%s' cannot "
				    "be carried in a bundle"), sid, name);
			else if (rfile_get(rf, name) == NULL)
				rc = store_entry_read(e, name,
				    &rfile_add(rf, name)->data, err);
			free(name);
			att = sep != NULL ? sep + 1 : NULL;
		}
	}
	if (rc == STORE_OK && (rc = check_report(rf, e->uuid, e->path,
	    err)) < 0)
		buf_wrapf(err, _("report '%s' is damaged; run 'coopreport "
		    "fsck'"), sid);
out:
	envelope_free(env);
	return rc;
}

/* The bundle already in dir, or none; a folder with anything else in it
 * is refused. */
static int
existing_bundle(const char *dir, struct bundle_manifest *m, struct buf *err)
{
	struct buf	 data = BUF_INIT;
	struct dirent	*d;
	struct stat	 st;
	char		*path;
	DIR		*dp;
	int		 rc = STORE_OK, other = 0;

	m->v = NULL;
	m->n = 0;
	if (lstat(dir, &st) == -1)
		return STORE_OK;
	xasprintf(&path, "%s/%s", dir, BUNDLE_MANIFEST);
	if (lstat(path, &st) == 0) {
		if ((rc = file_read(path, BUNDLE_MANIFEST_MAX, &data,
		    err)) == STORE_OK)
			rc = bundle_manifest_parse(data.s, data.len, path, m,
			    err);
	} else if ((dp = opendir(dir)) == NULL)
		rc = buf_errf(err, _("cannot read the directory '%s': %s"),
		    dir, strerror(errno));
	else {
		/* What an interrupted export left is not "something else". */
		while ((d = readdir(dp)) != NULL)
			if (strcmp(d->d_name, ".") != 0 &&
			    strcmp(d->d_name, "..") != 0 &&
			    !store_entry_name_ok(d->d_name) &&
			    !file_is_temp_name(d->d_name))
				other = 1;
		closedir(dp);
		if (other)
			rc = buf_errf(err, _("'%s' is not empty and holds no "
			    "bundle; choose an empty folder"), dir);
	}
	free(path);
	buf_release(&data);
	return rc;
}

int
bundle_export(struct store *st, const char *dir,
    struct store_entry *const *entries, size_t n, struct buf *err)
{
	struct bundle_manifest	 old, m;
	struct report_files	 rf;
	struct changes		 c;
	struct buf		 text = BUF_INIT;
	char			 hash[HISTORY_HASH_LEN + 1], *edir;
	size_t			 i, k;
	int			 rc, keep;

	(void)st;
	memset(&c, 0, sizeof(c));
	memset(&m, 0, sizeof(m));
	if ((rc = existing_bundle(dir, &old, err)) < 0)
		return rc;
	/* The reports of the bundle there that are not exported again. */
	for (i = 0; i < old.n; i++) {
		for (keep = 1, k = 0; k < n && keep; k++)
			keep = strcmp(old.v[i].entry, entries[k]->name) != 0;
		if (keep)
			manifest_add(&m, old.v[i].entry, old.v[i].name,
			    old.v[i].sha256);
	}
	rc = export_mkdir(&c, dir, err);
	for (i = 0; i < n && rc == STORE_OK; i++) {
		memset(&rf, 0, sizeof(rf));
		if ((rc = read_entry(entries[i], &rf, err)) == STORE_OK) {
			xasprintf(&edir, "%s/%s", dir, rf.entry);
			rc = export_mkdir(&c, edir, err);
			for (k = 0; k < rf.n && rc == STORE_OK; k++) {
				rc = export_write(&c, edir, rf.v[k].name,
				    &rf.v[k].data, err);
				sha256_hex(&rf.v[k].data, hash);
				manifest_add(&m, rf.entry, rf.v[k].name, hash);
			}
			free(edir);
		}
		report_files_release(&rf);
	}
	/* The manifest last: the commit point of the bundle. */
	if (rc == STORE_OK) {
		bundle_manifest_serialize(&m, &text);
		rc = export_write(&c, dir, BUNDLE_MANIFEST, &text, err);
	}
	if (rc < 0)
		changes_undo(&c);
	changes_release(&c);
	bundle_manifest_release(&old);
	bundle_manifest_release(&m);
	buf_release(&text);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Import */

void
bundle_items_free(struct bundle_item *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(v[i].entry);
		free(v[i].form_id);
		free(v[i].period);
	}
	free(v);
}

/* Reads dir/entry/name, which must be a plain file with the hash. */
static int
read_listed(const char *dir, const struct bundle_file *bf, struct buf *out,
    struct buf *err)
{
	struct stat	 st;
	char		*edir, *path, hash[HISTORY_HASH_LEN + 1];
	int		 rc = STORE_OK;

	xasprintf(&edir, "%s/%s", dir, bf->entry);
	xasprintf(&path, "%s/%s", edir, bf->name);
	if (lstat(edir, &st) == -1 || !S_ISDIR(st.st_mode) ||
	    lstat(path, &st) == -1)
		rc = buf_errf(err, _("'%s' is missing from the bundle"), path);
	else if (!S_ISREG(st.st_mode))
		rc = buf_errf(err, _("'%s' is not a plain file; the bundle is "
		    "refused"), path);
	else if ((rc = file_read(path, STORE_FILE_MAX, out, err)) == STORE_OK) {
		sha256_hex(out, hash);
		if (strcmp(hash, bf->sha256) != 0)
			rc = buf_errf(err, _("'%s' is not the file the "
			    "manifest lists (its SHA-256 differs): it was "
			    "changed or damaged; the bundle is refused"),
			    path);
	}
	free(edir);
	free(path);
	return rc < 0 ? STORE_ERROR : STORE_OK;
}

/* Groups the manifest's files by report and reads them all. */
static int
read_bundle(const char *dir, struct bundle_manifest *m,
    struct report_files **out, size_t *nout, struct buf *err)
{
	struct report_files	*v = NULL;
	size_t			 n = 0, i;
	int			 rc = STORE_OK;

	qsort(m->v, m->n, sizeof(*m->v), file_cmp);
	for (i = 0; i < m->n && rc == STORE_OK; i++) {
		if (n == 0 || strcmp(v[n - 1].entry, m->v[i].entry) != 0) {
			v = xreallocarray(v, n + 1, sizeof(*v));
			memset(&v[n], 0, sizeof(*v));
			v[n++].entry = xstrdup(m->v[i].entry);
		}
		rc = read_listed(dir, &m->v[i], &rfile_add(&v[n - 1],
		    m->v[i].name)->data, err);
	}
	for (i = 0; i < n && rc == STORE_OK; i++) {
		char *where;

		xasprintf(&where, "%s/%s", dir, v[i].entry);
		rc = check_report(&v[i], strchr(v[i].entry, '.') + 1, where,
		    err);
		free(where);
	}
	*out = v;
	*nout = n;
	return rc;
}

/* Is the report already in the store?  1 yes, 0 no, or -1: another
 * report has its id. */
static int
in_store(struct store *st, const struct report_files *rf, const char *dir,
    struct buf *err)
{
	struct store_entry	*e;
	struct buf		 sub = BUF_INIT;
	const struct rfile	*mine = rfile_get(rf, DRAFT_SUBMISSION);
	int			 rc;

	if (store_entry_find(st, strchr(rf->entry, '.') + 1, &e, NULL) < 0)
		return 0;
	rc = store_entry_read(e, DRAFT_SUBMISSION, &sub, NULL) == STORE_OK &&
	    sub.len == mine->data.len &&
	    memcmp(sub.s, mine->data.s, sub.len) == 0 ? 1 : -1;
	if (rc == -1)
		buf_errf(err, _("report '%s/%s' has the id of a different "
		    "report in the store (%s/%s); nothing was imported"), dir,
		    rf->entry, store_state_name(e->state), e->name);
	store_entry_free(e);
	buf_release(&sub);
	return rc;
}

/* Puts one checked report into outbox/, its history saying whence. */
static int
import_one(struct store *st, const struct report_files *rf, const char *dir,
    struct store_entry **out, struct buf *err)
{
	struct store_file	*files = xcalloc(rf->n, sizeof(*files));
	struct envelope		*env = envelope_new();
	struct buf		 hist = BUF_INIT, envb = BUF_INIT;
	struct buf		 text = BUF_INIT;
	const struct rfile	*h = rfile_get(rf, HISTORY_FILE);
	const struct rfile	*e = rfile_get(rf, DRAFT_ENVELOPE);
	size_t			 i;
	int			 rc;

	buf_add(&hist, h->data.s, h->data.len);
	buf_addf(&text, "from %s", dir);
	history_extend(&hist, rf->entry, "import-bundle", text.s);
	if (envelope_parse(env, DRAFT_ENVELOPE, e->data.s, e->data.len,
	    err) == -1) {
		rc = STORE_ERROR;
		goto out;
	}
	history_set_anchor(env, rf->entry, hist.s, hist.len);
	envelope_serialize(env, &envb);
	for (i = 0; i < rf->n; i++) {
		files[i].name = rf->v[i].name;
		if (strcmp(rf->v[i].name, HISTORY_FILE) == 0) {
			files[i].data = hist.s;
			files[i].len = hist.len;
		} else if (strcmp(rf->v[i].name, DRAFT_ENVELOPE) == 0) {
			files[i].data = envb.s;
			files[i].len = envb.len;
		} else {
			files[i].data = rf->v[i].data.s;
			files[i].len = rf->v[i].data.len;
		}
	}
	rc = store_entry_create_in(st, STORE_OUTBOX, strchr(rf->entry, '.') + 1,
	    (time_t)strtoll(rf->entry, NULL, 10), files, rf->n, out, err);
out:
	free(files);
	envelope_free(env);
	buf_release(&hist);
	buf_release(&envb);
	buf_release(&text);
	return rc;
}

int
bundle_import(struct store *st, const char *dir, struct bundle_item **items,
    size_t *nitems, struct buf *err)
{
	struct bundle_manifest	 m;
	struct report_files	*v = NULL;
	struct store_entry	**made = NULL;
	struct bundle_item	*it;
	struct buf		 data = BUF_INIT;
	struct stat		 sb;
	const char		*per;
	char			*path;
	size_t			 n = 0, i, nmade = 0;
	int			 rc, *already = NULL;

	*items = NULL;
	*nitems = 0;
	memset(&m, 0, sizeof(m));
	xasprintf(&path, "%s/%s", dir, BUNDLE_MANIFEST);
	if (lstat(path, &sb) == -1 || !S_ISREG(sb.st_mode))
		rc = buf_errf(err, _("'%s' is not a bundle: it has no %s"),
		    dir, BUNDLE_MANIFEST);
	else if ((rc = file_read(path, BUNDLE_MANIFEST_MAX, &data,
	    err)) == STORE_OK)
		rc = bundle_manifest_parse(data.s, data.len, path, &m, err);
	if (rc == STORE_OK && m.n == 0)
		rc = buf_errf(err, _("the bundle '%s' holds no report"), dir);
	if (rc == STORE_OK)
		rc = read_bundle(dir, &m, &v, &n, err);
	if (rc == STORE_OK)
		already = xcalloc(n + 1, sizeof(*already));
	for (i = 0; i < n && rc == STORE_OK; i++)
		if ((already[i] = in_store(st, &v[i], dir, err)) < 0)
			rc = STORE_ERROR;
	if (rc == STORE_OK)
		made = xcalloc(n + 1, sizeof(*made));
	for (i = 0; i < n && rc == STORE_OK; i++)
		if (!already[i] && (rc = import_one(st, &v[i], dir,
		    &made[nmade], err)) == STORE_OK)
			nmade++;
	if (rc < 0) {
		/* All or nothing: the reports added so far go again. */
		while (nmade > 0) {
			(void)store_entry_delete(made[--nmade], NULL);
			store_entry_free(made[nmade]);
		}
	} else {
		*items = xcalloc(n + 1, sizeof(**items));
		for (i = 0; i < n; i++) {
			it = &(*items)[i];
			it->entry = xstrdup(v[i].entry);
			it->form_id = xstrdup(envelope_get(v[i].env,
			    "form-id"));
			per = envelope_get(v[i].env, "period");
			it->period = xstrdup(per != NULL ? per : "");
			it->already = already[i];
		}
		*nitems = n;
	}
	for (i = 0; i < nmade; i++)
		store_entry_free(made[i]);
	for (i = 0; i < n; i++)
		report_files_release(&v[i]);
	free(v);
	free(made);
	free(already);
	free(path);
	bundle_manifest_release(&m);
	buf_release(&data);
	return rc;
}
