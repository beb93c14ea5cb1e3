/*
 * bench-lifecycle.c: how the real coopreport program does on a large
 * store (issue #4): "list" and "status" over 1,000, 10,000 and 100,000
 * reports, and "finalize" per report.
 *
 * For each size it fills a temporary store (plain mkdir and write, no
 * fsync: only the commands are measured) with reports spread over the
 * states as a long-used store holds them (80% sent, 10% drafts, 5% in
 * the outbox, 5% failed), each with an envelope as coopreport writes it,
 * waits until its envelopes are more than SUMMARY_RACY_SECS old (the
 * summary cache does not trust younger ones, summary.h), and runs
 * "coopreport list", "list --porcelain" and "status" with stdout to
 * /dev/null, after one warm-up run of each (the page cache and the
 * summary cache are warm, as on a machine in use).  It prints each
 * command's wall time and peak memory (ru_maxrss of the child, from
 * wait4()), and the size of the summary cache.  Then, for each command,
 * it moves the store's stamp on as a writer does (file_stamp() of the
 * lock), waits again and times one run "after a command", where every
 * entry's envelope is checked with a stat() and the cache rewritten; and
 * last it changes every envelope (a new ctime) as well and times one run
 * "cold", where every envelope is read and the cache written.
 * For finalize it makes drafts of the shipped HTX-CDS-01 from its sample
 * answers and prints the milliseconds of each finalize, on average.
 *
 *   bench/bench-lifecycle [MAX]     sizes up to MAX (default 100000)
 */
#include "common.h"

#include <sys/resource.h>
#include <sys/wait.h>

#include <dirent.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "file.h"
#include "store.h"
#include "summary.h"

#ifndef COOPREPORT
#define COOPREPORT	TOP_BUILDDIR "/src/coopreport"
#endif
#define FORMS		TOP_SRCDIR "/forms"
#define FINALIZE_N	10

/*
 * Runs coopreport with args on store home, stdout to out (or /dev/null),
 * stdin from in (or /dev/null); returns its exit status, and its wall
 * time and peak memory (kB) through the pointers when not NULL.
 */
static int
run(const char *home, const char *const *args, const char *in,
    const char *out, double *secs, long *maxrss_kb)
{
	struct rusage	 ru;
	const char	*argv[16];
	double		 t0 = bench_seconds();
	size_t		 i, n = 0;
	pid_t		 pid;
	int		 st, fd;

	argv[n++] = COOPREPORT;
	argv[n++] = "--forms";
	argv[n++] = FORMS;
	for (i = 0; args[i] != NULL && n < nitems(argv) - 1; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	if ((pid = fork()) == 0) {
		setenv("COOPREPORT_HOME", home, 1);
		setenv("COOPREPORT_MIN_FREE_KB", "0", 1);
		fd = open(out != NULL ? out : "/dev/null",
		    O_WRONLY | O_CREAT | O_TRUNC, 0600);
		dup2(fd, 1);
		fd = open(in != NULL ? in : "/dev/null", O_RDONLY);
		dup2(fd, 0);
		fd = open("/dev/null", O_WRONLY);
		dup2(fd, 2);
		execv(argv[0], (char *const *)(uintptr_t)argv);
		_exit(127);
	}
	if (pid == -1 || wait4(pid, &st, 0, &ru) == -1)
		return -1;
	if (secs != NULL)
		*secs = bench_seconds() - t0;
	if (maxrss_kb != NULL)
		*maxrss_kb = ru.ru_maxrss;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void
write_file(const char *path, const char *data)
{
	int	 fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd == -1 || write(fd, data, strlen(data)) !=
	    (ssize_t)strlen(data) || close(fd) == -1) {
		fprintf(stderr, "bench-lifecycle: cannot write %s: %s\n", path,
		    strerror(errno));
		exit(1);
	}
}

/* A store of n reports, spread over the states. */
static void
fill(const char *dir, long n)
{
	static const char *const states[] = {
		"drafts", "outbox", "sent", "failed", "quarantine", "tmp",
		"forms", "profiles",
	};
	struct buf	 env = BUF_INIT;
	const char	*state;
	char		*p, uuid[40];
	size_t		 i;
	long		 k, t;

	for (i = 0; i < nitems(states); i++) {
		xasprintf(&p, "%s/%s", dir, states[i]);
		mkdir(p, 0700);
		free(p);
	}
	for (k = 0; k < n; k++) {
		state = k % 20 == 0 ? "outbox" : k % 20 == 1 ? "failed" :
		    k % 10 == 2 ? "drafts" : "sent";
		t = 1700000000L + k * 600;
		snprintf(uuid, sizeof(uuid), "%08lx-0000-4000-8000-%012lx",
		    (unsigned long)(k * 2654435761UL % 0xffffffffUL),
		    (unsigned long)k);
		xasprintf(&p, "%s/%s/%ld.%s", dir, state, t, uuid);
		mkdir(p, 0700);
		buf_reset(&env);
		buf_addf(&env, "version: 1\nform-id: %s\nform-version: 1.0.0\n"
		    "created: 2026-01-01T00:00:00Z\ninstance-id: uuid:%s\n"
		    "period: %ld-nam1\ntax-code: %010ld\nhistory-head: "
		    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0"
		    "f00a08\nupdated: 2026-01-01T00:00:00Z\n%s",
		    k % 2 ? "htx-hd-01" : "htx-cds-01", uuid, 2000 + k % 30,
		    4201785235L + k % 50, strcmp(state, "drafts") == 0 ? "" :
		    "state-changed: 2026-01-02T00:00:00Z\n");
		if (strcmp(state, "failed") == 0)
			buf_adds(&env, "attempts: 3\nlast-error: 413 Request "
			    "Entity Too Large\n");
		if (strcmp(state, "outbox") == 0)
			buf_adds(&env, "attempts: 1\nnext-try: "
			    "2026-01-03T00:00:00Z\n");
		free(p);
		xasprintf(&p, "%s/%s/%ld.%s/envelope", dir, state, t, uuid);
		write_file(p, env.s);
		free(p);
	}
	buf_release(&env);
}

/* Gives every envelope a new ctime, as a change of every entry does. */
static void
touch_all(const char *dir)
{
	struct dirent	*d;
	char		*p;
	DIR		*dp;
	int		 fd, s;

	for (s = 0; s < STORE_NSTATES; s++) {
		xasprintf(&p, "%s/%s", dir, store_state_name(
		    (enum store_state)s));
		dp = opendir(p);
		free(p);
		if (dp == NULL)
			continue;
		fd = dirfd(dp);
		while ((d = readdir(dp)) != NULL) {
			if (d->d_name[0] == '.')
				continue;
			xasprintf(&p, "%s/envelope", d->d_name);
			(void)utimensat(fd, p, NULL, 0);
			free(p);
		}
		closedir(dp);
	}
}

/* What a writer does before it changes anything: the store's stamp moves
 * on, and the summary cache is no longer believed without checks. */
static void
stamp_lock(const char *dir)
{
	char	*p;
	int	 fd;

	xasprintf(&p, "%s/lock", dir);
	if ((fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) != -1) {
		(void)file_stamp(fd, p, NULL);
		close(fd);
	}
	free(p);
}

/* Until what was written is older than the summary cache's racy limit. */
static void
settle(void)
{
	sleep(SUMMARY_RACY_SECS + 1);
}

static void
remove_dir(const char *dir)
{
	char	*cmd;

	xasprintf(&cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "bench-lifecycle: cannot remove %s\n", dir);
	free(cmd);
}

static void
report(const char *name, const char *how, long n, double secs, long kb,
    int rc)
{
	char	 what[48];

	snprintf(what, sizeof(what), "%s%s", name, how);
	printf("%-33s %7ld reports  %7.3f s  %6.1f MB peak%s\n", what, n,
	    secs, (double)kb / 1024, rc == 0 ? "" : "  (failed)");
}

static void
bench_reads(long n)
{
	static const char *const list[] = { "list", NULL };
	static const char *const porcelain[] = { "list", "--porcelain", NULL };
	static const char *const status[] = { "status", NULL };
	static const struct {
		const char		*name;
		const char *const	*args;
	} cmds[] = {
		{ "list", list },
		{ "list --porcelain", porcelain },
		{ "status", status },
	};
	char		 tmpl[] = "/tmp/bench-lifecycle.XXXXXX", *dir, *p;
	struct stat	 sb;
	double		 secs;
	size_t		 i;
	long		 kb;
	int		 rc;

	if ((dir = mkdtemp(tmpl)) == NULL) {
		fprintf(stderr, "bench-lifecycle: mkdtemp: %s\n",
		    strerror(errno));
		exit(1);
	}
	fill(dir, n);
	settle();
	for (i = 0; i < nitems(cmds); i++) {
		(void)run(dir, cmds[i].args, NULL, NULL, NULL, NULL);
		rc = run(dir, cmds[i].args, NULL, NULL, &secs, &kb);
		report(cmds[i].name, "", n, secs, kb, rc);
	}
	xasprintf(&p, "%s/cache/summary", dir);
	printf("%-33s %7ld reports  %7.1f MB\n", "summary cache", n,
	    stat(p, &sb) == 0 ? (double)sb.st_size / 1048576 : 0.0);
	free(p);
	for (i = 0; i < nitems(cmds); i++) {
		stamp_lock(dir);
		settle();
		rc = run(dir, cmds[i].args, NULL, NULL, &secs, &kb);
		report(cmds[i].name, " after a command", n, secs, kb, rc);
	}
	for (i = 0; i < nitems(cmds); i++) {
		touch_all(dir);
		stamp_lock(dir);
		settle();
		rc = run(dir, cmds[i].args, NULL, NULL, &secs, &kb);
		report(cmds[i].name, " cold", n, secs, kb, rc);
	}
	remove_dir(dir);
}

static void
bench_finalize(void)
{
	static const char *const new[] = { "new", "--empty", "htx-cds-01",
	    NULL };
	char		 tmpl[] = "/tmp/bench-lifecycle.XXXXXX", *dir, *idf;
	char		 id[64];
	const char	*imp[4], *fin[3];
	double		 secs, total = 0;
	int		 k, done = 0;
	FILE		*f;

	if ((dir = mkdtemp(tmpl)) == NULL)
		return;
	xasprintf(&idf, "%s.id", dir);
	for (k = 0; k < FINALIZE_N; k++) {
		if (run(dir, new, NULL, idf, NULL, NULL) != 0 ||
		    (f = fopen(idf, "r")) == NULL)
			break;
		if (fgets(id, sizeof(id), f) == NULL) {
			fclose(f);
			break;
		}
		fclose(f);
		id[strcspn(id, "\n")] = '\0';
		imp[0] = "import";
		imp[1] = id;
		imp[2] = FORMS "/samples/htx-cds-01-khanh-hoa.csv";
		imp[3] = NULL;
		fin[0] = "finalize";
		fin[1] = id;
		fin[2] = NULL;
		if (run(dir, imp, NULL, NULL, NULL, NULL) != 0 ||
		    run(dir, fin, NULL, NULL, &secs, NULL) != 0)
			break;
		total += secs;
		done++;
	}
	if (done > 0)
		printf("finalize          %7d reports  %7.1f ms a report "
		    "(HTX-CDS-01, the Khánh Hòa sample)\n", done,
		    total * 1000 / done);
	else
		printf("finalize          could not run\n");
	unlink(idf);
	free(idf);
	remove_dir(dir);
}

int
main(int argc, char **argv)
{
	long	 max = argc > 1 ? atol(argv[1]) : 100000, n;

	for (n = 1000; n <= max; n *= 10)
		bench_reads(n);
	bench_finalize();
	return 0;
}
