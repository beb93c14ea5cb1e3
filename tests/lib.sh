# tests/lib.sh: sourced by every shell scenario (tests/tNNNN-*.sh).
#
# It gives each test a fresh temporary directory with its own HOME and
# store, a TAP producer, and helpers to run coopreport (under valgrind
# when configured) and check what it did.  Run scenarios through
# "make check", which exports COOPREPORT, top_srcdir and top_builddir;
# "make check TESTS=tests/t0000-cli.sh" runs one.  Set KEEP=1 to keep the
# temporary directory of a failed run.
#
#   cr ARGS...            run coopreport; sets $rc, files $T/out, $T/err
#   run CMD ARGS...       run any command the same way
#   ok DESC CMD...        passes when CMD exits 0
#   nok DESC CMD...       passes when CMD exits non-zero
#   is GOT WANT DESC      string equality
#   like GOT ERE DESC     grep -E match
#   unlike GOT ERE DESC   no grep -E match
#   is_rc WANT DESC       the last run's exit status
#   skip_all REASON       plan 1..0 and exit (automake counts a skip)
#   done_testing          print the plan; exit 1 when anything failed

set -u

if [ -z "${COOPREPORT:-}" ] || [ -z "${top_srcdir:-}" ]; then
	echo "Bail out! run this through 'make check'" >&2
	exit 99
fi
: "${top_builddir:=$top_srcdir}"
: "${VALGRIND:=}"

LC_ALL=C.UTF-8
TZ=Asia/Ho_Chi_Minh
export LC_ALL TZ
unset LANG LANGUAGE COOPREPORT_HOME COOPREPORT_LANG XDG_DATA_HOME \
    XDG_CONFIG_HOME COOPREPORT_TEST_STOP_AFTER 2>/dev/null || :

T=$(mktemp -d "${TMPDIR:-/tmp}/coopreport-test.XXXXXX") || exit 99
HOME=$T/home
COOPREPORT_HOME=$T/store
mkdir -p "$HOME"
export HOME COOPREPORT_HOME

# Messages in English unless a test says otherwise: C.UTF-8 names no
# language, and coopreport then speaks Vietnamese.  A test of the language
# rules sets XDG_CONFIG_HOME or removes this file.
mkdir -p "$HOME/.config/coopreport"
echo "lang = en" >"$HOME/.config/coopreport/config"

test_count=0
test_failed=0
rc=0

_cleanup() {
	if [ "$test_failed" -ne 0 ] && [ -n "${KEEP:-}" ]; then
		echo "# kept $T" >&2
	else
		chmod -R u+rwx "$T" 2>/dev/null
		rm -rf "$T"
	fi
}
trap _cleanup EXIT

_result() {
	# _result PASS DESC
	test_count=$((test_count + 1))
	if [ "$1" -eq 1 ]; then
		echo "ok $test_count - $2"
	else
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $2"
	fi
}

diag() {
	printf '%s\n' "$@" | sed 's/^/# /'
}

run() {
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	return 0
}

# cr: coopreport itself.  Under valgrind, status 99 means valgrind found
# an error; that is a test failure of its own, whatever the test checks.
cr() {
	# shellcheck disable=SC2086
	$VALGRIND "$COOPREPORT" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	if [ -n "$VALGRIND" ] && [ "$rc" -eq 99 ]; then
		_result 0 "valgrind is clean: coopreport $*"
		diag "$(cat "$T/err")"
	fi
	return 0
}

out() { cat "$T/out"; }
err() { cat "$T/err"; }

ok() {
	_d=$1; shift
	if "$@" >"$T/ok.out" 2>&1; then
		_result 1 "$_d"
	else
		_result 0 "$_d"
		diag "command failed: $*" "$(cat "$T/ok.out")"
	fi
}

nok() {
	_d=$1; shift
	if "$@" >"$T/ok.out" 2>&1; then
		_result 0 "$_d"
		diag "command succeeded: $*" "$(cat "$T/ok.out")"
	else
		_result 1 "$_d"
	fi
}

is() {
	if [ "$1" = "$2" ]; then
		_result 1 "$3"
	else
		_result 0 "$3"
		diag "got:  '$1'" "want: '$2'"
	fi
}

like() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		_result 1 "$3"
	else
		_result 0 "$3"
		diag "got:  '$1'" "want match: $2"
	fi
}

unlike() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		_result 0 "$3"
		diag "got:  '$1'" "want no match: $2"
	else
		_result 1 "$3"
	fi
}

is_rc() {
	if [ "$rc" -eq "$1" ]; then
		_result 1 "$2"
	else
		_result 0 "$2"
		diag "exit status $rc, want $1" "stderr: $(cat "$T/err")"
	fi
}

skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

done_testing() {
	echo "1..$test_count"
	[ "$test_failed" -eq 0 ]
	exit $?
}
