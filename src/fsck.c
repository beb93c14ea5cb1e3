/*
 * fsck.c: the checks of every entry of a store, and the two actions
 * that follow from them: quarantine and the anchor's update (fsck.h).
 */
#include "common.h"

#include "digest.h"
#include "draft.h"
#include "envelope.h"
#include "form-int.h"
#include "fsck.h"
#include "history.h"
#include "store.h"
#include "strmap.h"

struct action {
	struct store_entry *e;
	enum fsck_kind	 kind;
	size_t		 first, last;	/* its problems in the result */
	enum store_state from;
	struct buf	 old_env;	/* a repair's envelope before it */
	int		 done;
};

struct walk {
	struct store	*st;
	struct fsck_result *res;
	struct action	*acts;
	size_t		 nacts;
	struct strmap	 ids;		/* uuid -> its state's name */
	struct envelope	*env;
	struct buf	 err;
};

void
fsck_result_release(struct fsck_result *res)
{
	size_t	 i;

	for (i = 0; i < res->n; i++)
		free(res->v[i].what);
	free(res->v);
	memset(res, 0, sizeof(*res));
}

static void ATTR_PRINTFLIKE(3, 4)
problem(struct fsck_result *res, enum fsck_kind kind, const char *fmt, ...)
{
	struct fsck_problem	*p;
	struct buf		 b = BUF_INIT;
	va_list			 ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	res->v = xreallocarray(res->v, res->n + 1, sizeof(*res->v));
	p = &res->v[res->n++];
	p->kind = kind;
	p->what = buf_detach(&b, NULL);
	p->done = 0;
}

/* Reads <entry>/name into out: 1, or 0 when it is missing (said). */
static int
need_file(struct walk *w, const struct store_entry *e, const char *name,
    struct buf *out)
{
	buf_reset(&w->err);
	buf_reset(out);
	if (store_entry_read(e, name, out, &w->err) == STORE_OK)
		return 1;
	problem(w->res, FSCK_DAMAGE, "%s", w->err.s);
	return 0;
}

/* Is data well-formed XML (read as every XML of coopreport is read)? */
static void
need_xml(struct walk *w, const struct store_entry *e, const char *name,
    const struct buf *data)
{
	xmlDoc	*doc;
	char	*path;

	xasprintf(&path, "%s/%s", e->path, name);
	buf_reset(&w->err);
	if ((doc = form_parse_xml(data->s, data->len, path, &w->err)) == NULL)
		problem(w->res, FSCK_DAMAGE, _("'%s' is not well-formed XML: "
		    "%s"), path, w->err.s);
	xmlFreeDoc(doc);
	free(path);
}

/* The envelope; 1 when it is good. */
static int
check_envelope(struct walk *w, const struct store_entry *e)
{
	const char	*iid;

	buf_reset(&w->err);
	if (draft_envelope(e, w->env, &w->err) < 0) {
		problem(w->res, FSCK_DAMAGE, _("'%s/envelope': %s"), e->path,
		    w->err.s);
		return 0;
	}
	if ((iid = envelope_get(w->env, "instance-id")) != NULL &&
	    (strncmp(iid, "uuid:", 5) != 0 || strcmp(iid + 5, e->uuid) != 0)) {
		problem(w->res, FSCK_DAMAGE, _("'%s/envelope': the instance-id "
		    "'%s' is not the report's id"), e->path, iid);
		return 0;
	}
	return 1;
}

/* The history and its anchor; sets *repair for an anchor to update. */
static void
check_history(struct walk *w, const struct store_entry *e, int env_ok,
    int *repair)
{
	struct buf	 h = BUF_INIT;
	char		*path;
	int		 bad;

	xasprintf(&path, "%s/%s", e->path, HISTORY_FILE);
	if (!need_file(w, e, HISTORY_FILE, &h))
		goto out;
	buf_reset(&w->err);
	if (history_verify(e->name, path, h.s, h.len, &bad, &w->err) < 0) {
		problem(w->res, FSCK_DAMAGE, "%s", w->err.s);
		goto out;
	}
	if (!env_ok)
		goto out;
	switch (history_check_anchor(w->env, e->name, h.s, h.len)) {
	case HISTORY_CUT:
		problem(w->res, FSCK_DAMAGE, _("'%s': its last lines were "
		    "removed or changed (the envelope's history-head does not "
		    "match)"), path);
		break;
	case HISTORY_LAGS:
		problem(w->res, FSCK_REPAIR, _("'%s/envelope': a command was "
		    "interrupted after it wrote the history; the envelope is "
		    "brought up to date"), e->path);
		*repair = 1;
		break;
	case HISTORY_UNANCHORED:
		problem(w->res, FSCK_REPAIR, _("'%s/envelope': it has no "
		    "history-head yet; it is added"), e->path);
		*repair = 1;
		break;
	case HISTORY_ANCHORED:
		break;
	}
out:
	buf_release(&h);
	free(path);
}

/* The files the entry's state needs. */
static void
check_files(struct walk *w, const struct store_entry *e, int env_ok)
{
	struct buf	 b = BUF_INIT;
	const char	*v, *att, *sep;
	char		*name, *hex;

	if (e->state == STORE_DRAFTS) {
		if (need_file(w, e, DRAFT_INSTANCE, &b))
			need_xml(w, e, DRAFT_INSTANCE, &b);
	} else if (need_file(w, e, DRAFT_SUBMISSION, &b)) {
		need_xml(w, e, DRAFT_SUBMISSION, &b);
		hex = digest_hex(DIGEST_SHA256, b.s, b.len);
		if (env_ok && (v = envelope_get(w->env,
		    "submission-sha256")) != NULL && strcmp(v, hex) != 0)
			problem(w->res, FSCK_DAMAGE, _("'%s/%s' is not the "
			    "submission that was finalized (its SHA-256 "
			    "differs from the envelope's)"), e->path,
			    DRAFT_SUBMISSION);
		free(hex);
	}
	att = env_ok ? envelope_get(w->env, "attachments") : NULL;
	while (att != NULL && *att != '\0') {
		sep = strchr(att, '/');
		name = xstrndup(att, sep != NULL ? (size_t)(sep - att) :
		    strlen(att));
		if (!store_entry_file_name_ok(name))
			problem(w->res, FSCK_DAMAGE, _("'%s/envelope': '%s' is "
			    "not the name of an attachment"), e->path, name);
		else
			(void)need_file(w, e, name, &b);
		free(name);
		att = sep != NULL ? sep + 1 : NULL;
	}
	buf_release(&b);
}

static int
check_one(const struct store_entry *e, void *arg)
{
	struct walk	*w = arg;
	struct action	*a;
	struct stat	 sb;
	const char	*other;
	size_t		 first = w->res->n, i;
	int		 env_ok = 0, repair = 0, damage = 0;
	char		*q;

	w->res->checked++;
	if ((other = strmap_get(&w->ids, e->uuid)) != NULL)
		problem(w->res, FSCK_STRAY, _("'%s': the same report id is in "
		    "%s/ too; keep one of them (see coopreport-store(5))"),
		    e->path, other);
	else
		strmap_put(&w->ids, e->uuid,
		    (void *)(uintptr_t)store_state_name(e->state));
	if (lstat(e->path, &sb) == -1 || !S_ISDIR(sb.st_mode))
		problem(w->res, FSCK_DAMAGE, _("'%s' is not a report folder"),
		    e->path);
	else {
		env_ok = check_envelope(w, e);
		check_history(w, e, env_ok, &repair);
		check_files(w, e, env_ok);
	}
	for (i = first; i < w->res->n; i++)
		damage |= w->res->v[i].kind == FSCK_DAMAGE;
	if (damage) {
		w->res->damaged++;
		xasprintf(&q, "%s/%s/%s", w->st->path,
		    store_state_name(STORE_QUARANTINE), e->name);
		if (lstat(q, &sb) == 0) {
			problem(w->res, FSCK_STRAY, _("'%s' cannot be moved: "
			    "'%s' is there already"), e->path, q);
			damage = 0;
		}
		free(q);
	}
	if (!damage && !repair)
		return 0;
	w->acts = xreallocarray(w->acts, w->nacts + 1, sizeof(*w->acts));
	a = &w->acts[w->nacts++];
	memset(a, 0, sizeof(*a));
	a->e = store_entry_copy(e);
	a->kind = damage ? FSCK_DAMAGE : FSCK_REPAIR;
	a->first = first;
	a->last = w->res->n;
	a->from = e->state;
	buf_init(&a->old_env);
	return 0;
}

/* Things in a state directory that are not reports. */
static int
strays(struct walk *w, enum store_state s, struct buf *err)
{
	char	**names;
	size_t	 n, i;
	int	 rc;

	if ((rc = store_strangers(w->st, s, &names, &n, err)) < 0)
		return rc;
	for (i = 0; i < n; i++) {
		problem(w->res, FSCK_STRAY, _("'%s/%s/%s' is not a report; "
		    "move it out of the store"), w->st->path,
		    store_state_name(s), names[i]);
		free(names[i]);
	}
	free(names);
	return STORE_OK;
}

static int
apply(struct action *a, struct buf *err)
{
	if (a->kind == FSCK_REPAIR) {
		if (store_entry_read(a->e, DRAFT_ENVELOPE, &a->old_env,
		    err) < 0)
			return STORE_ERROR;
		return history_anchor(a->e, err);
	}
	return store_entry_move(a->e, STORE_QUARANTINE, err);
}

static void
undo(struct action *a)
{
	if (a->kind == FSCK_REPAIR)
		(void)store_entry_write(a->e, DRAFT_ENVELOPE, a->old_env.s,
		    a->old_env.len, NULL);
	else
		(void)store_entry_move(a->e, a->from, NULL);
}

static int
quarantined(const struct store_entry *e, void *arg)
{
	(void)e;
	((struct fsck_result *)arg)->quarantined++;
	return 0;
}

int
fsck_run(struct store *st, unsigned flags, struct fsck_result *res,
    struct buf *err)
{
	struct walk	 w;
	size_t		 i, k;
	int		 s, rc = STORE_OK;

	memset(res, 0, sizeof(*res));
	memset(&w, 0, sizeof(w));
	w.st = st;
	w.res = res;
	w.env = envelope_new();
	buf_init(&w.err);
	strmap_init(&w.ids);
	for (s = 0; s < STORE_NSTATES && rc == STORE_OK; s++) {
		if (s == STORE_QUARANTINE)
			rc = store_walk(st, (enum store_state)s, quarantined,
			    res, err);
		else if ((rc = strays(&w, (enum store_state)s, err)) ==
		    STORE_OK)
			rc = store_walk(st, (enum store_state)s, check_one, &w,
			    err);
	}
	for (i = 0; i < w.nacts && rc == STORE_OK &&
	    !(flags & FSCK_DRY_RUN); i++) {
		if ((rc = apply(&w.acts[i], err)) < 0) {
			/* All or nothing: what was done is undone. */
			while (i-- > 0)
				undo(&w.acts[i]);
			break;
		}
		w.acts[i].done = 1;
	}
	for (i = 0; i < w.nacts; i++) {
		for (k = w.acts[i].first; k < w.acts[i].last; k++)
			if (res->v[k].kind == w.acts[i].kind)
				res->v[k].done = w.acts[i].done &&
				    rc == STORE_OK;
		store_entry_free(w.acts[i].e);
		buf_release(&w.acts[i].old_env);
	}
	free(w.acts);
	strmap_release(&w.ids);
	envelope_free(w.env);
	buf_release(&w.err);
	return rc;
}
