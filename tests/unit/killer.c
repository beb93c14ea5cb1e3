/*
 * killer.c: runs a command and kills it with SIGKILL at a chosen moment,
 * for tests/t3310-kill.sh, which needs kills that land anywhere in a
 * command's life, without any hook in the program (unlike
 * COOPREPORT_TEST_STOP_AFTER).
 *
 *   killer time CMD ARGS...        run CMD; print its wall time in us
 *   killer MAX_US SEED CMD ARGS... run CMD, send SIGKILL after a delay
 *                                  drawn from SEED in [0, MAX_US] us;
 *                                  print "killed" or "exited N"
 *   killer                         (no operand) tests itself, in TAP
 *
 * The delay is measured from just after fork(); the command's stdout
 * and stderr are the killer's.  The exit status is 0 unless the killer
 * itself failed.
 */
#include "common.h"

#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../tap.h"

static long long
now_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static pid_t
start(char **argv)
{
	pid_t	 pid = fork();

	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "killer: cannot run '%s': %s\n", argv[0],
		    strerror(errno));
		_exit(127);
	}
	return pid;
}

/* xorshift64*: the same delays for the same seed, on every machine. */
static unsigned long long
draw(unsigned long long seed)
{
	unsigned long long x = seed * 2685821657736338717ULL + 1;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	return x * 2685821657736338717ULL;
}

/* Runs argv, killing it after delay us (or never when delay < 0);
 * returns "killed" (1) or the exit status in *status (0). */
static int
run(char **argv, long long delay, int *status)
{
	struct timespec	 ts;
	pid_t		 pid;
	int		 st, killed = 0;

	if ((pid = start(argv)) == -1)
		return -1;
	if (delay >= 0) {
		ts.tv_sec = (time_t)(delay / 1000000);
		ts.tv_nsec = (long)(delay % 1000000) * 1000;
		while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
			;
		killed = kill(pid, SIGKILL) == 0;
	}
	if (waitpid(pid, &st, 0) == -1)
		return -1;
	if (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL && killed)
		return 1;
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	return 0;
}

static int
self_test(void)
{
	char		 s0[] = "sleep", s1[] = "5", t0s[] = "true";
	char		*sleeper[] = { s0, s1, NULL };
	char		*truth[] = { t0s, NULL };
	long long	 t0;
	int		 status = -1;

	t0 = now_us();
	is_int(run(sleeper, 20000, &status), 1, "a sleep is killed");
	ok(now_us() - t0 < 4000000, "at once, not after it ends");
	is_int(run(truth, 2000000, &status), 0, "true ends before the kill");
	is_int(status, 0, "with its status");
	ok(draw(1) != draw(2) && draw(7) == draw(7),
	    "delays differ by seed, and repeat");
	return done_testing();
}

int
main(int argc, char **argv)
{
	long long	 t0, max;
	int		 status = 0, r;
	char		*end;

	if (argc == 1)
		return self_test();
	if (argc >= 3 && strcmp(argv[1], "time") == 0) {
		t0 = now_us();
		if (run(argv + 2, -1, &status) < 0)
			return 1;
		printf("%lld\n", now_us() - t0);
		return 0;
	}
	if (argc < 4 || (max = strtoll(argv[1], &end, 10)) <= 0 ||
	    *end != '\0') {
		fprintf(stderr, "usage: killer time CMD ... | killer MAX_US "
		    "SEED CMD ...\n");
		return 2;
	}
	r = run(argv + 3, (long long)(draw(strtoull(argv[2], NULL, 10)) %
	    (unsigned long long)(max + 1)), &status);
	if (r < 0)
		return 1;
	if (r == 1)
		printf("killed\n");
	else
		printf("exited %d\n", status);
	return 0;
}
