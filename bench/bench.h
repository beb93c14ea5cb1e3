/*
 * bench.h: what the programs under bench/ share: the wall clock.
 *
 * Calling sequence: t0 = bench_seconds(); ...; bench_seconds() - t0 is
 * the wall time of the work in between, in seconds.  CLOCK_MONOTONIC:
 * a change of the system clock during a run does not show.
 *
 * Error handling: none; clock_gettime() of CLOCK_MONOTONIC cannot fail
 * on the systems we build for.
 *
 * Ownership: nothing is allocated.
 */
#ifndef BENCH_H
#define BENCH_H

#include <time.h>

static inline double
bench_seconds(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#endif /* BENCH_H */
