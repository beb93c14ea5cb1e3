/*
 * testhook.h: the hooks that let the test suite crash coopreport on
 * purpose and pin its clock (STYLE.md rule 23).
 *
 * Purpose: every durable step of the store (a file written and synced, a
 * rename made durable, a directory created) calls test_step().  With
 * COOPREPORT_TEST_STOP_AFTER=N in the environment, the N-th call ends the
 * process at once with _exit(EXIT_CODE_TEST_STOP): no atexit handlers, no
 * temp file cleanup, no flush, exactly like a crash or a power cut at
 * that point.  tests/t3100-crash-loop.sh walks N from 1 upwards.
 * test_now() is the time that the store writes into entry names,
 * envelopes and histories; COOPREPORT_TEST_NOW=SECONDS pins it so that
 * two runs write the same bytes.
 *
 * Calling sequence: call test_step("what") right after each durable step;
 * call test_now() wherever the store needs "now".  Without the variables
 * both are inert: one getenv() each, cached for the life of the process.
 *
 * Error handling: a malformed value of either variable is ignored (the
 * hook stays inert); these are test-only switches and never fail.
 */
#ifndef TESTHOOK_H
#define TESTHOOK_H

#include <time.h>

void	 test_step(const char *);
time_t	 test_now(void);

#endif /* TESTHOOK_H */
