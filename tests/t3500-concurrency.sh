#!/bin/sh
# t3500-concurrency.sh: two real processes at once (src/store.c's fcntl
# lock, src/cli.c's CMD_LOCK_STORE and writes() hook).  A long import,
# held open on a FIFO while it owns the lock, meets every other writer:
# each fails at once with the lock message and exit 75 and changes
# nothing, while every reader goes on; then the import completes and the
# refused change, tried again, goes through, so nothing is lost.  Then
# writers race in pairs: each either succeeds or is refused with 75, and
# every answer that a run reported as saved is there at the end.  No
# test here depends on timing: the import says when it holds the lock
# (with -v), and the wait for it has no deadline but a bound.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/store-lib.sh"
. "$top_srcdir/tests/lifecycle-lib.sh"

S=$COOPREPORT_HOME
make_base "$S"

mkfifo "$T/fifo"
C -v import "$d" - <"$T/fifo" >"$T/imp.out" 2>"$T/imp.err" &
pid=$!
# Opening the writing end lets the import start; it keeps it waiting.
exec 3>"$T/fifo"
k=0
while ! grep -q "reading the answers from the standard input" "$T/imp.err" &&
    [ $k -lt 1200 ]; do
	sleep 0.05
	k=$((k + 1))
done
like "$(cat "$T/imp.err")" "reading the answers" \
    "the import holds the lock and waits for its input"

snapshot "$S" >"$T/before"
for a in "set $d members_total=99" "finalize --explain e_invoice=x $d" \
    "delete --yes $d2" "new coop-mini" "amend $o" "validate $d" \
    "profile set preparer_name=Lan" "fsck" "import-bundle $T/usb"; do
	# shellcheck disable=SC2086
	C $a >"$T/out" 2>"$T/err"
	rc=$?
	is "$rc:$(cat "$T/err")" \
	    "75:error: store '$S' is locked by another coopreport" \
	    "a second writer fails at once: ${a%% *}"
done
snapshot "$S" >"$T/after"
ok "and changed nothing" cmp "$T/before" "$T/after"
for a in "list" "status" "show $d" "get $d members_total" "log $d" \
    "profile show" "fsck --dry-run" "export --to $T/b"; do
	# shellcheck disable=SC2086
	C $a >"$T/out" 2>"$T/err"
	is "$?" 0 "a reader is not blocked: ${a%% *}"
done

printf 'path,value\nstaff_total,7\nit_staff,3\n' >&3
exec 3>&-
wait "$pid"
is "$?" 0 "the import then completes"
c get "$d" staff_total
is "$(out)" 7 "with its answers"
c set "$d" members_total=99
is_rc 0 "the refused change, tried again, goes through"
c get "$d" staff_total
is "$(out)" 7 "and loses nothing of the import"
c get "$d" members_total
is "$(out)" 99 "nor of itself"

# Writers in pairs, at the same moment: each succeeds or is refused, and
# what succeeded stays.
bad=
saved=0
refused=0
for i in $(seq 1 20); do
	C set "$d" "members_total=$((100 + i))" >/dev/null 2>"$T/e1" &
	p1=$!
	C set "$d" "staff_total=$((10 + i))" >/dev/null 2>"$T/e2" &
	p2=$!
	wait $p1; r1=$?
	wait $p2; r2=$?
	for r in $r1 $r2; do
		case $r in
		0) saved=$((saved + 1)) ;;
		75) refused=$((refused + 1)) ;;
		*) bad="$bad run $i: exit $r: $(cat "$T/e1" "$T/e2");" ;;
		esac
	done
	[ $r1 -ne 0 ] || [ "$(C get "$d" members_total)" = $((100 + i)) ] ||
	    bad="$bad run $i: members_total was lost;"
	[ $r2 -ne 0 ] || [ "$(C get "$d" staff_total)" = $((10 + i)) ] ||
	    bad="$bad run $i: staff_total was lost;"
done
is "$bad" "" "every racing writer saved or was refused, and nothing saved was lost"
diag "saved $saved, refused $refused"
ok "some writers were saved" [ "$saved" -gt 0 ]
c fsck
is_rc 0 "the store checks clean"

done_testing
