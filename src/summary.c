/*
 * summary.c: the summary cache of list and status (summary.h).
 *
 * The cache is read as a stream, in step with store_walk(): both are in
 * (state, name) order, so that a reader holds one line at a time (a
 * reader that collects a new cache excepted).  A line is
 *
 *	STATE TAB NAME TAB INODE TAB SIZE TAB CTIME-SEC.NSEC
 *	    (TAB "=" ESCAPED-VALUE or TAB alone when the key is absent)
 *	    for each of summary_keys, TAB line_hash() of all before it, LF
 *
 * after the line "coopreport-summary 2 STAMP".  Any line that fails its
 * hash, its syntax or the order ends the use of the cache for this run;
 * the entries from there on are read from their envelopes.
 *
 * A reader that does not trust the cache (the store's stamp moved)
 * collects the new one in memory as it goes, from the lines it found
 * good and the envelopes it read, and writes it at the end if the store
 * held still.  A trusted cache that turns out damaged or short makes
 * summary_close() walk the store a second time to write it anew.
 */
#include "common.h"

#include <dirent.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "draft.h"
#include "file.h"
#include "summary.h"

#define SUMMARY_DIR	"cache"
#define SUMMARY_FILE	"summary"
#define SUMMARY_MAGIC	"coopreport-summary 2"	/* SUMMARY_VERSION */

/* In the order of enum summary_key. */
const char *const summary_keys[] = {
	"form-id", "form-version", "period", "tax-code", "created",
	"updated", "state-changed", "next-try", "last-error", NULL,
};
#define F_STATE		0
#define F_NAME		1
#define F_INODE		2
#define F_SIZE		3
#define F_CTIME		4
#define F_KEYS		5
#define NFIELDS		(F_KEYS + SUMMARY_NKEYS + 1)	/* the hash last */

struct summary {
	struct store	*store;
	int		 off;		/* COOPREPORT_TEST_NO_SUMMARY */
	FILE		*old;		/* the cache being read, or NULL */
	char		*line;		/* getline()'s buffer */
	size_t		 cap;
	size_t		 linelen;
	char		*field[NFIELDS];	/* the current line, split */
	int		 have;		/* field[] holds a line not yet used */
	int		 prev_state;	/* of the line before, for the order */
	struct buf	 prev_name;
	time_t		 start;		/* entries changed since are racy */
	struct buf	 stamp;		/* store_stamp() at the start */
	int		 stamp_ok;	/* and the cache may be written */
	int		 trusted;	/* the cache's stamp is the store's */
	int		 damaged;	/* a bad line ended its use */
	struct buf	 fresh;		/* the new cache, unless trusted */
	struct buf	 unesc[SUMMARY_NKEYS];	/* values with escapes */
	struct envelope	*env;		/* of an entry read */
	size_t		 entries, stale;
	size_t		 hits, reads;	/* for summary_counts() */
};

/*
 * The check of one line: a multiply-and-shift hash of its bytes taken
 * eight at a time (a listing hashes 20 MB), folded to 32 bits.  It
 * catches damage, not malice: the cache holds nothing secret and
 * decides nothing but speed.
 */
static uint32_t
line_hash(const char *s, size_t len)
{
	uint64_t	 h = 0x84222325cbf29ce4u ^ len, w;
	size_t		 i;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15u;
		h ^= h >> 29;
	}
	for (; i < len; i++) {
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3u;
		h ^= h >> 29;
	}
	return (uint32_t)(h ^ (h >> 32));
}

/* Decimal digits up to end (or the NUL): 0 and *v, or -1. */
static int
parse_u64(const char *s, const char *end, unsigned long long *v)
{
	unsigned long long	 n = 0;
	const char		*p;

	for (p = s; p != end && *p != '\0'; p++) {
		if (*p < '0' || *p > '9' || n > (ULLONG_MAX - 9) / 10)
			return -1;
		n = n * 10 + (unsigned long long)(*p - '0');
	}
	if (p == s || (end != NULL && p != end))
		return -1;
	*v = n;
	return 0;
}

static void
drop_old(struct summary *s)
{
	if (s->old != NULL)
		fclose(s->old);
	s->old = NULL;
	s->have = 0;
}

static char *
cache_path(const struct summary *s, const char *file)
{
	char	*p;

	if (file == NULL)
		xasprintf(&p, "%s/" SUMMARY_DIR, s->store->path);
	else
		xasprintf(&p, "%s/" SUMMARY_DIR "/%s", s->store->path, file);
	return p;
}

/* Opens the cache and checks its first line; a bad one is no cache. */
static void
open_old(struct summary *s)
{
	struct stat	 sb;
	char		*p = cache_path(s, SUMMARY_FILE);
	ssize_t		 n;
	int		 fd;

	fd = open(p, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	free(p);
	if (fd == -1)
		return;
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    (s->old = fdopen(fd, "r")) == NULL) {
		close(fd);
		return;
	}
	(void)setvbuf(s->old, NULL, _IOFBF, 256 * 1024);
	n = getline(&s->line, &s->cap, s->old);
	if (n < 0 || strncmp(s->line, SUMMARY_MAGIC " ",
	    sizeof(SUMMARY_MAGIC)) != 0 || s->line[n - 1] != '\n') {
		drop_old(s);
		return;
	}
	/* The store's stamp, then: nothing changed since it was written. */
	s->line[n - 1] = '\0';
	s->trusted = s->stamp_ok && strcmp(s->line + sizeof(SUMMARY_MAGIC) -
	    1, s->stamp.s) == 0;
}

/* Reads and checks the next line into field[]; 0 at the end of a good
 * cache or at the first bad line (the cache is dropped then). */
static int
next_line(struct summary *s)
{
	unsigned long long	 st, h;
	char			*p, *tab;
	ssize_t			 n;
	size_t			 i;
	int			 c;

	if (s->old == NULL)
		return 0;
	if ((n = getline(&s->line, &s->cap, s->old)) == -1 &&
	    feof(s->old)) {
		drop_old(s);		/* the end */
		return 0;
	}
	if (n <= 0 || s->line[n - 1] != '\n' || strlen(s->line) != (size_t)n)
		goto bad;
	s->linelen = (size_t)n;
	s->line[n - 1] = '\0';
	if ((tab = strrchr(s->line, '\t')) == NULL || strlen(tab + 1) != 8)
		goto bad;
	h = strtoull(tab + 1, &p, 16);
	if (*p != '\0' || h != line_hash(s->line, (size_t)(tab - s->line)))
		goto bad;
	for (i = 0, p = s->line; i < NFIELDS; i++) {
		s->field[i] = p;
		if ((tab = strchr(p, '\t')) == NULL)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	/* The name is only ever compared with the names of real entries. */
	if (i != NFIELDS - 1 || parse_u64(s->field[F_STATE], NULL, &st) ==
	    -1 || st >= STORE_NSTATES)
		goto bad;
	/* Strictly in store_walk() order, or the merge would go wrong. */
	if (s->prev_state >= 0) {
		c = (int)st != s->prev_state ? (int)st - s->prev_state :
		    store_entry_name_cmp(s->field[F_NAME], s->prev_name.s);
		if (c <= 0)
			goto bad;
	}
	s->prev_state = (int)st;
	buf_reset(&s->prev_name);
	buf_adds(&s->prev_name, s->field[F_NAME]);
	s->have = 1;
	return 1;
bad:
	s->damaged = 1;
	drop_old(s);
	return 0;
}

/* The cache line of e, or 0; lines of entries that are gone are
 * skipped and counted stale. */
static int
find_line(struct summary *s, const struct store_entry *e)
{
	int	 c;

	for (;;) {
		if (!s->have && !next_line(s))
			return 0;
		c = s->prev_state != (int)e->state ? s->prev_state -
		    (int)e->state : store_entry_name_cmp(s->field[F_NAME],
		    e->name);
		if (c > 0)
			return 0;	/* e is new: the line is for later */
		s->have = 0;
		if (c == 0)
			return 1;
		s->stale++;
	}
}

/* The line's stamp is the envelope's stamp sb. */
static int
same_stamp(const struct summary *s, const struct stat *sb)
{
	unsigned long long	 ino, size, sec, nsec;
	const char		*dot = strchr(s->field[F_CTIME], '.');

	return dot != NULL &&
	    parse_u64(s->field[F_INODE], NULL, &ino) == 0 &&
	    parse_u64(s->field[F_SIZE], NULL, &size) == 0 &&
	    parse_u64(s->field[F_CTIME], dot, &sec) == 0 &&
	    parse_u64(dot + 1, NULL, &nsec) == 0 && sb->st_ctim.tv_sec >= 0 &&
	    ino == (unsigned long long)sb->st_ino &&
	    size == (unsigned long long)sb->st_size &&
	    sec == (unsigned long long)sb->st_ctim.tv_sec &&
	    nsec == (unsigned long long)sb->st_ctim.tv_nsec;
}

/*
 * Points row at the line's fields, unescaped; -1 if one is malformed.
 * A value without a backslash is used where it lies in the line: a hit
 * costs no allocation.
 */
static int
fill_row(struct summary *s, struct summary_row *row)
{
	char	*f;
	size_t	 i;

	for (i = 0; i < SUMMARY_NKEYS; i++) {
		f = s->field[F_KEYS + i];
		row->v[i] = NULL;
		if (*f == '\0')
			continue;
		if (*f != '=')
			return -1;
		if (strchr(++f, '\\') == NULL) {
			row->v[i] = f;
			continue;
		}
		buf_reset(&s->unesc[i]);
		if (envelope_unescape(&s->unesc[i], f, strlen(f)) == -1 ||
		    strlen(s->unesc[i].s) != s->unesc[i].len)
			return -1;
		row->v[i] = s->unesc[i].s;
	}
	return 0;
}

/* The line as it was read, tabs put back. */
static void
keep_old_line(struct summary *s)
{
	size_t	 at = s->fresh.len, i;

	buf_add(&s->fresh, s->line, s->linelen);
	for (i = at; i < s->fresh.len - 1; i++)
		if (s->fresh.s[i] == '\0')
			s->fresh.s[i] = '\t';
	s->fresh.s[s->fresh.len - 1] = '\n';
}

static void
add_line(struct summary *s, const struct store_entry *e,
    const struct stat *sb, const struct summary_row *row)
{
	const char	*v;
	size_t		 at = s->fresh.len, i;

	buf_addf(&s->fresh, "%d\t%s\t%llu\t%llu\t%lld.%09ld", (int)e->state,
	    e->name, (unsigned long long)sb->st_ino,
	    (unsigned long long)sb->st_size, (long long)sb->st_ctim.tv_sec,
	    (long)sb->st_ctim.tv_nsec);
	for (i = 0; i < SUMMARY_NKEYS; i++) {
		buf_addc(&s->fresh, '\t');
		if ((v = row->v[i]) != NULL) {
			buf_addc(&s->fresh, '=');
			envelope_escape(&s->fresh, v);
		}
	}
	buf_addf(&s->fresh, "\t%08lx\n", (unsigned long)line_hash(s->fresh.s +
	    at, s->fresh.len - at));
}

static struct summary *
summary_new(struct store *st, int rebuild)
{
	struct summary	*s = xcalloc(1, sizeof(*s));
	const char	*v = getenv("COOPREPORT_TEST_NO_SUMMARY");
	struct timespec	 now;
	time_t		 newest;
	size_t		 i;

	s->store = st;
	s->prev_state = -1;
	buf_init(&s->prev_name);
	buf_init(&s->fresh);
	buf_init(&s->stamp);
	for (i = 0; i < SUMMARY_NKEYS; i++)
		buf_init(&s->unesc[i]);
	s->env = envelope_new();
	s->off = st->missing || (v != NULL && *v != '\0' && strcmp(v, "0") !=
	    0);
	if (s->off)
		return s;
	/* The real clock, never test_now(): it is compared with ctimes. */
	clock_gettime(CLOCK_REALTIME, &now);
	s->start = now.tv_sec;
	/*
	 * The stamp before the walk, and no writer at work: if both still
	 * hold after it, the cache written from it is true of that stamp.
	 * A stamp changed within SUMMARY_RACY_SECS (an entry moved by hand
	 * in the same clock tick) is not written.
	 */
	s->stamp_ok = store_stamp(st, &s->stamp, &newest) == 0 &&
	    newest <= s->start - SUMMARY_RACY_SECS &&
	    store_writer_active(st) == 0;
	buf_addf(&s->fresh, SUMMARY_MAGIC "%s\n", s->stamp.s);
	if (!rebuild)
		open_old(s);
	if (s->trusted)
		buf_release(&s->fresh);	/* nothing to collect */
	return s;
}

struct summary *
summary_open(struct store *st)
{
	return summary_new(st, 0);
}

/* The row of an envelope read: pointers into s->env. */
static int
read_row(struct summary *s, const struct store_entry *e,
    struct summary_row *row, struct buf *err)
{
	size_t	 i;
	int	 rc;

	s->reads++;
	for (i = 0; i < SUMMARY_NKEYS; i++)
		row->v[i] = NULL;
	if ((rc = draft_envelope(e, s->env, err)) < 0)
		return rc;
	for (i = 0; i < SUMMARY_NKEYS; i++)
		row->v[i] = envelope_get(s->env, summary_keys[i]);
	return STORE_OK;
}

int
summary_get(struct summary *s, const struct store_entry *e,
    struct summary_row *row, struct buf *err)
{
	struct stat	 sb;
	int		 rc, stamped, racy;

	if (s->off)
		return read_row(s, e, row, err);
	s->entries++;
	/* Nothing changed since the cache was written: no stat() at all. */
	if (s->trusted) {
		if (find_line(s, e)) {
			if (fill_row(s, row) == 0) {
				s->hits++;
				return STORE_OK;
			}
			s->damaged = 1;
		}
		/* Not cached (it was racy), or a damaged line. */
		return read_row(s, e, row, err);
	}
	/* The stamp before the read: a change in between shows next time. */
	stamped = store_entry_stat(e, DRAFT_ENVELOPE, &sb) == 0 &&
	    S_ISREG(sb.st_mode);
	if (stamped && find_line(s, e) && same_stamp(s, &sb) &&
	    fill_row(s, row) == 0) {
		keep_old_line(s);
		s->hits++;
		return STORE_OK;
	}
	if ((rc = read_row(s, e, row, err)) < 0)
		return rc;
	racy = !stamped || sb.st_ctim.tv_sec < 0 || sb.st_ctim.tv_sec >
	    s->start - SUMMARY_RACY_SECS;
	s->stale++;
	if (!racy)
		add_line(s, e, &sb, row);
	return STORE_OK;
}

void
summary_counts(const struct summary *s, size_t *hits, size_t *reads)
{
	*hits = s->hits;
	*reads = s->reads;
}

/*
 * Removes the temp files that a reader killed while writing the cache
 * left in dir, once they are as old as what a writer sweeps from tmp/
 * (a younger one may be another reader's, being written).
 */
static void
sweep(const char *dir, time_t now)
{
	struct dirent	*d;
	struct stat	 sb;
	DIR		*dp;

	if ((dp = opendir(dir)) == NULL)
		return;
	while ((d = readdir(dp)) != NULL)
		if (file_is_temp_name(d->d_name) && fstatat(dirfd(dp),
		    d->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(sb.st_mode) && sb.st_mtime < now - STORE_SWEEP_AGE)
			(void)unlinkat(dirfd(dp), d->d_name, 0);
	closedir(dp);
}

/* No writer came and went, and none is at work: what the walk read is
 * true of the stamp taken before it. */
static int
unchanged(struct summary *s)
{
	struct buf	 now;
	time_t		 newest;
	int		 same;

	if (!s->stamp_ok || store_writer_active(s->store) != 0)
		return 0;
	buf_init(&now);
	same = store_stamp(s->store, &now, &newest) == 0 &&
	    strcmp(now.s, s->stamp.s) == 0;
	buf_release(&now);
	return same;
}

/* Replaces the cache with fresh; best effort, errors are ignored. */
static void
write_cache(struct summary *s)
{
	char	*dir = cache_path(s, NULL);

	if (file_mkdir(dir, NULL) == FILE_OK) {
		sweep(dir, s->start);
		(void)file_write_atomic(dir, SUMMARY_FILE, s->fresh.s,
		    s->fresh.len, NULL);
	}
	free(dir);
}

static void
summary_free(struct summary *s)
{
	size_t	 i;

	drop_old(s);
	free(s->line);
	buf_release(&s->prev_name);
	buf_release(&s->fresh);
	buf_release(&s->stamp);
	for (i = 0; i < SUMMARY_NKEYS; i++)
		buf_release(&s->unesc[i]);
	envelope_free(s->env);
	free(s);
}

static int
rebuild_one(const struct store_entry *e, void *arg)
{
	struct summary_row	 row;

	(void)summary_get(arg, e, &row, NULL);
	return 0;
}

/* The second walk, when the first found the cache stale. */
static void
rebuild(struct store *st)
{
	struct summary	*s = summary_new(st, 1);
	int		 state;

	for (state = 0; state < STORE_NSTATES; state++)
		if (store_walk(st, (enum store_state)state, rebuild_one, s,
		    NULL) < 0)
			break;
	if (state == STORE_NSTATES && unchanged(s))
		write_cache(s);
	summary_free(s);
}

int
summary_row_time(const struct summary_row *row, enum summary_key k,
    time_t *t)
{
	const char	*v = row->v[k];

	if (v == NULL)
		return 0;
	return envelope_parse_time(v, strlen(v), t) == 0 ? 1 : -1;
}

void
summary_close(struct summary *s, int complete)
{
	struct store	*st = s->store;
	int		 again = 0;

	if (!s->off && complete) {
		/* Lines after the last entry are of entries gone. */
		while (s->have || next_line(s)) {
			s->have = 0;
			s->stale++;
		}
		/*
		 * An untrusted cache is rewritten, if the store held still,
		 * to carry the new stamp; a trusted one found damaged or
		 * short takes a second walk.
		 */
		if (!s->trusted && s->entries > 0 && unchanged(s))
			write_cache(s);
		else if (s->trusted && (s->damaged || s->stale > 0))
			again = 1;
	}
	summary_free(s);
	if (again)
		rebuild(st);
}
