#!/bin/sh
# t3300-lifecycle-crash.sh: crash safety of the commands, by construction
# (STYLE.md rule 23; src/draft.c, src/store.c, src/history.c,
# src/bundle.c, src/testhook.c).  For each of new, set, import,
# finalize, amend, delete, export and import-bundle, the command is
# stopped at its N-th durable step (COOPREPORT_TEST_STOP_AFTER=N, exit
# 100, like a power cut), for N = 1, 2, ... until a run completes.  After
# each stop, fsck --dry-run finds no damage (only, at most, an envelope
# to bring up to date); the command run again, as a user would, ends
# with exactly the store (and bundle) of an uninterrupted run, compared
# by content with the clock pinned (COOPREPORT_TEST_NOW); and fsck then
# finds the store clean.  tmp/ is left out of the comparison: it is
# scratch, swept after a day.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/store-lib.sh"
. "$top_srcdir/tests/lifecycle-lib.sh"

base=$T/base
S=$T/store
COOPREPORT_HOME=$base

# The base store (make_base), with two reports in the bundle.
make_base "$base" 2
COOPREPORT_HOME=$S
c fsck --home "$base" --dry-run
is "$rc:$(out)" "0:" "the base store is clean"

# command NAME: its arguments; new and amend make reports with new uuids.
args() {
	case $1 in
	new) echo "new coop-mini" ;;
	set) echo "set $d members_total=20 statement=@$T/scan.pdf" ;;
	import) echo "import $d $T/answers.csv" ;;
	finalize) echo "finalize --explain e_invoice=Chưa_có $d" ;;
	amend) echo "amend $o" ;;
	delete) echo "delete --yes $d2" ;;
	export) echo "export --to $T/bundle" ;;
	import-bundle) echo "import-bundle $T/usb" ;;
	esac
}
# What a rerun may say when the first run had already committed.
done_already() {
	case $1 in
	finalize) echo "is finalized" ;;
	delete) echo "no report has the id" ;;
	*) echo "^$" ;;
	esac
}
state() {
	# state NAME: the store (and the bundle), as compared.
	case $1 in
	new|amend) normalized "$S" ;;
	*) normalized "$S" raw ;;
	esac
	[ "$1" != export ] || normalized "$T/bundle" raw
}
drafts() {
	ls "$S/drafts" | wc -l
}

total=0
for cmd in new set import finalize amend delete export import-bundle; do
	a=$(args "$cmd")
	# The uninterrupted run, under valgrind when configured.
	rm -rf "$S" "$T/bundle"; cp -a "$base" "$S"
	# shellcheck disable=SC2086
	c $a
	is_rc 0 "$cmd: an uninterrupted run succeeds"
	state "$cmd" >"$T/ref"
	ndrafts=$(drafts)

	n=1
	problems=
	while [ $n -le 200 ]; do
		rm -rf "$S" "$T/bundle"; cp -a "$base" "$S"
		# shellcheck disable=SC2086
		COOPREPORT_TEST_STOP_AFTER=$n C $a >"$T/out" 2>"$T/err"
		rc=$?
		[ $rc -eq 100 ] || break
		C fsck --dry-run >"$T/fsck" 2>&1
		[ $? -eq 0 ] || problems="$problems
n=$n: damage after the stop: $(cat "$T/fsck")"
		# The user runs the command again; new, whose effect is a new
		# draft, only when it made none.
		if [ "$cmd" != new ] || [ "$(drafts)" -ne "$ndrafts" ]; then
			# shellcheck disable=SC2086
			C $a >"$T/out" 2>"$T/err"
			rc=$?
			[ $rc -eq 0 ] || grep -q "$(done_already "$cmd")" "$T/err" ||
			    problems="$problems
n=$n: the rerun failed ($rc): $(cat "$T/err")"
		fi
		state "$cmd" >"$T/now"
		cmp -s "$T/ref" "$T/now" || problems="$problems
n=$n: the rerun does not converge: $(diff "$T/ref" "$T/now" | head -6)"
		C fsck >"$T/fsck" 2>/dev/null
		[ $? -eq 0 ] && [ ! -s "$T/fsck" ] || problems="$problems
n=$n: fsck after the rerun: $(cat "$T/fsck")"
		n=$((n + 1))
	done
	is "$rc" 0 "$cmd: the run after the last step completes (n=$n)"
	ok "$cmd: it has durable steps to stop at ($((n - 1)))" [ "$n" -gt 1 ]
	if [ -z "$problems" ]; then
		_result 1 "$cmd: stopped at each of $((n - 1)) steps, each rerun converges"
	else
		_result 0 "$cmd: stopped at each step"
		diag "$problems"
	fi
	total=$((total + n - 1))
done
ok "$total stops in all" [ "$total" -gt 60 ]

done_testing
