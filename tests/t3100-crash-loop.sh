#!/bin/sh
# t3100-crash-loop.sh: crash safety by construction (STYLE.md rule 23),
# over src/store.c, src/file.c, src/history.c, src/envelope.c and
# src/testhook.c, driven by tests/unit/store-exercise.
#
# For N = 1, 2, ... the exercise script is stopped at its N-th durable
# step (COOPREPORT_TEST_STOP_AFTER=N, exit 100, like a power cut).  After
# each stop every entry in every state directory must be whole (the
# exercise's "check"), and a normal rerun must end with exactly the
# store of an uninterrupted run.  The walk ends when a run completes.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/store-lib.sh"

ref=$T/ref
S=$T/store

# The uninterrupted run, under valgrind when configured.
$VALGRIND "$EXERCISE" "$ref" script >"$T/out" 2>"$T/err"
rc=$?
is_rc 0 "an uninterrupted run of the script succeeds"
run "$EXERCISE" "$ref" check
is_rc 0 "and leaves a store that checks clean"
snapshot "$ref" >"$T/ref.snap"

n=1
completed=0
while [ $n -le 1000 ]; do
	rm -rf "$S"
	COOPREPORT_TEST_STOP_AFTER=$n "$EXERCISE" "$S" script \
	    >"$T/out" 2>"$T/err"
	rc=$?
	if [ $rc -eq 0 ]; then
		completed=$n
		break
	fi
	problems=
	[ $rc -eq 100 ] || problems="$problems exit $rc, not 100;"
	if ! "$EXERCISE" "$S" check >"$T/check" 2>&1; then
		problems="$problems not whole after the stop: $(cat "$T/check");"
	fi
	if ! "$EXERCISE" "$S" script >"$T/out" 2>&1; then
		problems="$problems the rerun failed: $(cat "$T/out");"
	fi
	snapshot "$S" >"$T/snap"
	if ! cmp -s "$T/snap" "$T/ref.snap"; then
		problems="$problems the rerun differs: $(diff "$T/ref.snap" \
		    "$T/snap" | head -20);"
	fi
	if [ -z "$problems" ]; then
		_result 1 "stop after step $n: whole, and the rerun converges"
	else
		_result 0 "stop after step $n"
		diag "$problems"
	fi
	# A run that neither stops nor completes would never end the walk.
	[ $rc -eq 100 ] || break
	n=$((n + 1))
done

ok "the walk reached a run that completes" [ "$completed" -gt 0 ]
ok "the script has many durable steps ($completed)" [ "$completed" -gt 20 ]

# The same run through completion, and a second run on top of it, give
# the reference too: the script is idempotent.
run "$EXERCISE" "$S" script
is_rc 0 "a second full run succeeds"
snapshot "$S" >"$T/snap"
ok "and changes nothing" cmp -s "$T/snap" "$T/ref.snap"

done_testing
