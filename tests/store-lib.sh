# tests/store-lib.sh: helpers for the store scenarios (t3xxx), sourced
# after tests/lib.sh.
#
#   EXERCISE                the tests/unit/store-exercise program
#   snapshot DIR            every path below DIR, sorted, with its type,
#                           mode and (for files) the SHA-256 of its bytes
#   need_fault_shim         skip the test unless the LD_PRELOAD fault shim
#                           is built and can be used (not under ASan)
#   fault_walk_end DESC     after the calls 1..$n-1 of one fault ($op),
#                           with $failures runs made to fail and the
#                           $problems found: a fault that fired on a
#                           write, fsync or rename must have made a run
#                           fail (a close may be of a file only read);
#                           one TAP result for DESC
#   fault_message RC ERRNO WHERE MSG
#                           what is wrong with a run that a fault made
#                           fail ("" when nothing): one line naming a file
#                           of WHERE, and exit 75 with "the disk is full"
#                           for ENOSPC, exit 1 for EIO

EXERCISE=$top_builddir/tests/unit/store-exercise
COOPREPORT_TEST_NOW=1795311000
COOPREPORT_MIN_FREE_KB=0
export COOPREPORT_TEST_NOW COOPREPORT_MIN_FREE_KB

snapshot() {
	[ -d "$1" ] || { echo "(no store)"; return; }
	(cd "$1" && find . -print | LC_ALL=C sort | while read -r f; do
		if [ -d "$f" ]; then
			echo "d $(stat -c %a "$f") $f"
		else
			echo "f $(stat -c %a "$f") $(sha256sum <"$f" | cut -c1-64) $f"
		fi
	done)
}

need_fault_shim() {
	if [ -z "${FAULT_SHIM:-}" ] || [ ! -f "$FAULT_SHIM" ]; then
		skip_all "the fault shim is not built (configure --enable-fault-injection)"
	fi
	case ${SAN_CFLAGS:-} in
	*sanitize=address*)
		skip_all "ASan and LD_PRELOAD interposition clash; run in a non-ASan build" ;;
	esac
}

fault_message() {
	[ "$(printf '%s\n' "$4" | wc -l)" -eq 1 ] || echo "not one line: $4"
	case $4 in
	"error: "*"'$3/"*|"error: "*"'$3'"*) ;;
	*) echo "does not name a file of $3: $4" ;;
	esac
	if [ "$2" = ENOSPC ]; then
		case $1:$4 in
		75:*"the disk is full"*) ;;
		*) echo "ENOSPC is not 'the disk is full' with exit 75: $1 $4" ;;
		esac
	elif [ "$1" -ne 1 ]; then
		echo "EIO gives exit $1"
	fi
}

fault_walk_end() {
	if [ "$n" -gt 1 ] && [ "$op" != close ] && [ "$failures" -eq 0 ]; then
		problems="$problems
the fault fired but never made a run fail"
	fi
	if [ -z "$problems" ]; then
		_result 1 "$1, calls 1..$((n - 1))"
	else
		_result 0 "$1"
		diag "$problems"
	fi
}
