# tests/store-lib.sh: helpers for the store scenarios (t3xxx), sourced
# after tests/lib.sh.
#
#   EXERCISE                the tests/unit/store-exercise program
#   snapshot DIR            every path below DIR, sorted, with its type,
#                           mode and (for files) the SHA-256 of its bytes

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
