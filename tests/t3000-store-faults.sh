#!/bin/sh
# t3000-store-faults.sh: the store when the disk fails (src/file.c,
# src/store.c, src/history.c), through the LD_PRELOAD shim
# tests/inject/fault.c and tests/unit/store-exercise.
#
# Each single change (create an entry, replace a file, append to the
# history, move, delete) runs with write, fsync, rename or close failing
# with EIO or ENOSPC at its first, second, ... call on the store, until
# the fault no longer fires.  Every run must end in one of two ways:
# failed, with one clear line naming a file of the store (exit 75 and
# "the disk is full" for ENOSPC), and the store exactly as before; or
# succeeded (a failed close() of a file only read is harmless), with the
# store exactly as after a run without faults.  The one documented
# exception (src/file.h): when only the directory sync after the final
# rename of a file fails, the new file may be in place, and the error
# says that it "may not survive a power cut"; the store is then as
# before or as after, never in between.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/store-lib.sh"

need_fault_shim

base=$T/base
run "$EXERCISE" "$base" script
is_rc 0 "set up a store with a draft, a sent and a failed report"

# Each change, as arguments to the exercise after the store.
set_changes() {
	changes_n=5
}
change() {
	case $1 in
	1) echo "create eeeeeeee-0000-4000-8000-00000000000e" ;;
	2) echo "write aaaa instance.xml <data>9</data>" ;;
	3) echo "append aaaa set revenue=9" ;;
	4) echo "move aaaa outbox" ;;
	5) echo "delete aaaa" ;;
	esac
}
set_changes

S=$T/store
fired_fail=0
for c in $(seq 1 $changes_n); do
	args=$(change "$c")
	# What a run without faults gives.
	rm -rf "$S"; cp -a "$base" "$S"
	# shellcheck disable=SC2086
	run "$EXERCISE" "$S" $args
	is_rc 0 "without faults: $args"
	snapshot "$S" >"$T/after.snap"
	snapshot "$base" >"$T/before.snap"

	for op in write fsync rename close; do
		for e in EIO ENOSPC; do
			n=1
			problems=
			failures=0
			while [ $n -le 100 ]; do
				rm -rf "$S"; cp -a "$base" "$S"
				: >"$T/fault.log"
				# shellcheck disable=SC2086
				LD_PRELOAD=$FAULT_SHIM COOPREPORT_FAULT_OP=$op \
				COOPREPORT_FAULT_ERRNO=$e COOPREPORT_FAULT_PATH=$S \
				COOPREPORT_FAULT_AFTER=$n \
				COOPREPORT_FAULT_LOG=$T/fault.log \
				    "$EXERCISE" "$S" $args >"$T/out" 2>"$T/err"
				rc=$?
				snapshot "$S" >"$T/snap"
				if [ ! -s "$T/fault.log" ]; then
					# Past the last call: a clean run.
					[ $rc -eq 0 ] || problems="$problems
n=$n: no fault, yet exit $rc: $(cat "$T/err")"
					break
				fi
				msg=$(cat "$T/err")
				if [ $rc -eq 0 ]; then
					cmp -s "$T/snap" "$T/after.snap" ||
					    problems="$problems
n=$n: succeeded, but the store is not as after a clean run"
				elif printf '%s' "$msg" | grep -q 'may not survive a power cut'; then
					failures=$((failures + 1))
					cmp -s "$T/snap" "$T/after.snap" ||
					    cmp -s "$T/snap" "$T/before.snap" ||
					    problems="$problems
n=$n: a failed final sync, and the store is neither as before nor as after"
				else
					failures=$((failures + 1))
					cmp -s "$T/snap" "$T/before.snap" ||
					    problems="$problems
n=$n: failed ($msg), and the store changed: $(diff "$T/before.snap" "$T/snap" | head -8)"
				fi
				if [ $rc -ne 0 ]; then
					why=$(fault_message $rc $e "$S" "$msg")
					[ -z "$why" ] || problems="$problems
n=$n: $why"
				fi
				n=$((n + 1))
			done
			fired_fail=$((fired_fail + failures))
			fault_walk_end "$op $e: $args"
		done
	done
done
ok "faults made changes fail ($fired_fail times)" [ $fired_fail -gt 50 ]

# Low space is refused before anything is written.
rm -rf "$S"; cp -a "$base" "$S"
run env COOPREPORT_MIN_FREE_KB=999999999999 "$EXERCISE" "$S" create \
    ffffffff-0000-4000-8000-00000000000f
is_rc 75 "a nearly full disk refuses a new report with exit 75"
like "$(err)" "^error: the disk holding '$S' is nearly full" \
    "and says so"
snapshot "$S" >"$T/snap"
ok "the store is as before" cmp -s "$T/snap" "$T/before.snap"

done_testing
