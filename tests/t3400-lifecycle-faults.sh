#!/bin/sh
# t3400-lifecycle-faults.sh: every command that writes, when the disk
# fails or fills up (src/store.c's struct store_edit, src/draft.c,
# src/bundle.c, src/fsck.c, src/profile.c, src/file.c), through the
# LD_PRELOAD shim tests/inject/fault.c.
#
# For each of new, set, import, validate, finalize, amend, delete,
# profile set, export, import-bundle and fsck, and for write, fsync,
# rename and close failing with EIO or ENOSPC at their 1st, 2nd, ...
# call on the store (for export, on the bundle), until the fault no
# longer fires: the command either fails with one line that names a file
# ("the disk is full" and exit 75 for ENOSPC, exit 1 for EIO) and
# leaves the store, and the bundle, exactly as before, contents and
# modes; or succeeds (a failed close() of a file that was only read is
# harmless) and leaves them as a run without faults does.  The one
# exception of src/file.h stands: when only the last directory sync of
# a file written alone fails (the profile), the new file may be in
# place, and the error says that it "may not survive a power cut".
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/store-lib.sh"
. "$top_srcdir/tests/lifecycle-lib.sh"

need_fault_shim

base=$T/base
S=$T/store
B=$T/bundle

# The base store (make_base), with a report to quarantine and an
# envelope behind its history for fsck to act on.
make_base "$base"
# fsck's work: a broken envelope, and an envelope behind its history.
COOPREPORT_HOME=$base
C new --empty coop-mini >"$T/id" 2>/dev/null; bad=$(cat "$T/id")
printf 'version: 1\nbroken\n' >"$(entry "$bad")/envelope"
cp "$(entry "$d2")/envelope" "$T/env"
C set "$d2" members_total=9 >/dev/null 2>&1
cp "$T/env" "$(entry "$d2")/envelope"
COOPREPORT_HOME=$S

args() {
	case $1 in
	new) echo "new coop-mini" ;;
	set) echo "set $d members_total=20 statement=@$T/scan.pdf" ;;
	import) echo "import $d $T/answers.csv" ;;
	validate) echo "validate $d" ;;
	finalize) echo "finalize --explain e_invoice=Chưa_có $d" ;;
	amend) echo "amend $o" ;;
	delete) echo "delete --yes $d2" ;;
	profile) echo "profile set preparer_name=Lan" ;;
	export) echo "export --to $B" ;;
	import-bundle) echo "import-bundle $T/usb" ;;
	fsck) echo "fsck" ;;
	esac
}
# The exit status and output a run without faults must have.
clean_rc() {
	case $1 in
	fsck) echo 1 ;;		# it found (and put aside) damage
	*) echo 0 ;;
	esac
}
# What a run compares: the store, and for export the bundle; new and
# amend make reports with new uuids, so those are normalized.
fast() {
	[ -d "$1" ] || { echo "(none)"; return; }
	(cd "$1" && find . -printf '%y %m %p\n' | LC_ALL=C sort &&
	    find . -type f -exec sha256sum {} + | LC_ALL=C sort -k 2)
}
state() {
	fast "$S"
	fast "$B"
}
after_state() {
	case $1 in
	new|amend) normalized "$S" ;;
	*) state ;;
	esac
}

fired=0
for cmd in new set import validate finalize amend delete profile export \
    import-bundle fsck; do
	a=$(args "$cmd")
	if [ "$cmd" = export ]; then where=$B; else where=$S; fi
	rm -rf "$S" "$B"; cp -a "$base" "$S"
	state >"$T/before"
	# shellcheck disable=SC2086
	C $a >"$T/out" 2>"$T/err"
	is "$?" "$(clean_rc "$cmd")" "$cmd: without faults"
	after_state "$cmd" >"$T/after"
	for op in write fsync rename close; do
		for e in EIO ENOSPC; do
			n=1
			problems=
			failures=0
			while [ $n -le 200 ]; do
				rm -rf "$S" "$B"; cp -a "$base" "$S"
				: >"$T/fault.log"
				# shellcheck disable=SC2086
				LD_PRELOAD=$FAULT_SHIM COOPREPORT_FAULT_OP=$op \
				COOPREPORT_FAULT_ERRNO=$e \
				COOPREPORT_FAULT_PATH=$where \
				COOPREPORT_FAULT_AFTER=$n \
				COOPREPORT_FAULT_LOG=$T/fault.log \
				    C $a >"$T/out" 2>"$T/err"
				rc=$?
				if [ ! -s "$T/fault.log" ]; then
					[ $rc -eq "$(clean_rc "$cmd")" ] ||
					    problems="$problems
n=$n: no fault, yet exit $rc: $(cat "$T/err")"
					break
				fi
				msg=$(grep -v '^warning: ' "$T/err" |
				    grep -v "report.\\{0,1\\} checked: " |
				    grep -v "is in quarantine/ from before")
				if [ $rc -eq "$(clean_rc "$cmd")" ] &&
				    ! printf '%s' "$msg" | grep -q '^error: '; then
					after_state "$cmd" >"$T/now"
					cmp -s "$T/now" "$T/after" ||
					    problems="$problems
n=$n: succeeded, but not as a run without faults: $(diff "$T/after" "$T/now" | head -4)"
				else
					failures=$((failures + 1))
					state >"$T/now"
					if printf '%s' "$msg" | grep -q 'may not survive a power cut'; then
						after_state "$cmd" >"$T/now2"
						cmp -s "$T/now" "$T/before" ||
						    cmp -s "$T/now2" "$T/after" ||
						    problems="$problems
n=$n: a failed final sync, and neither as before nor as after"
					else
						cmp -s "$T/now" "$T/before" ||
						    problems="$problems
n=$n: failed ($msg), and changed: $(diff "$T/before" "$T/now" | head -6)"
					fi
					why=$(fault_message $rc $e "$where" "$msg")
					[ -z "$why" ] || problems="$problems
n=$n: $why"
				fi
				n=$((n + 1))
			done
			fired=$((fired + failures))
			fault_walk_end "$cmd: $op $e"
		done
	done
done
ok "faults made commands fail ($fired times)" [ $fired -gt 200 ]

# Low space refuses new work before anything is written.
for cmd in new amend import-bundle; do
	rm -rf "$S" "$B"; cp -a "$base" "$S"
	# shellcheck disable=SC2086
	COOPREPORT_MIN_FREE_KB=999999999999 C $(args "$cmd") >"$T/out" 2>"$T/err"
	is "$?" 75 "$cmd: a nearly full disk is refused with exit 75"
	like "$(cat "$T/err")" "^error: the disk holding '$S' is nearly full" \
	    "$cmd: and said"
	state >"$T/now"
	ok "$cmd: the store is as before" cmp -s "$T/now" "$T/before"
done

done_testing
