/*
 * testhook.c: the crash hook and the pinned clock of the test suite.
 */
#include "common.h"

#include <unistd.h>

#include "testhook.h"

/* Parses a decimal environment variable; -1 when unset or malformed. */
static long long
env_number(const char *name)
{
	const char	*s = getenv(name);
	char		*end;
	long long	 v;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 0)
		return -1;
	return v;
}

void
test_step(const char *what)
{
	static int		 loaded;
	static long long	 stop_after, count;

	(void)what;	/* named for a debugger's backtrace */
	if (!loaded) {
		stop_after = env_number("COOPREPORT_TEST_STOP_AFTER");
		loaded = 1;
	}
	if (stop_after <= 0)
		return;
	if (++count >= stop_after)
		_exit(EXIT_CODE_TEST_STOP);
}

time_t
test_now(void)
{
	static int		 loaded;
	static long long	 pinned;

	if (!loaded) {
		pinned = env_number("COOPREPORT_TEST_NOW");
		loaded = 1;
	}
	return pinned >= 0 ? (time_t)pinned : time(NULL);
}
