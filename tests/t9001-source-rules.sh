#!/bin/sh
# t9001-source-rules.sh: rules of the source tree that a compiler cannot
# check.  src/file.c is the only file that calls rename(), fsync() or
# fdatasync() (STYLE.md rule 13): every other change of a file goes
# through file_write_atomic() or file_rename_durable().  And
# man/coopreport-store.5 describes every envelope key that
# src/envelope.c knows and every directory that src/store.c creates.
. "${top_srcdir:-.}/tests/lib.sh"

cd "$top_srcdir" || exit 99
# A call is the name after a non-identifier character and before "(";
# comment lines (starting with "/*" or "*") are skipped.
found=$(grep -nE '(^|[^A-Za-z0-9_])(rename|fsync|fdatasync)[[:space:]]*\(' \
    src/*.c src/*.h 2>/dev/null | grep -v '^src/file\.c:' |
    grep -vE '^[^:]+:[0-9]+:[[:space:]]*(/?\*)' )
is "$found" "" "no rename(, fsync( or fdatasync( outside src/file.c"

# The rule catches what it is meant to catch.
printf 'int f(void) { return rename("a", "b"); }\n' >"$T/x.c"
n=$(grep -cE '(^|[^A-Za-z0-9_])(rename|fsync|fdatasync)[[:space:]]*\(' "$T/x.c")
is "$n" 1 "the pattern finds a call"
printf 'int f(void) { return file_rename_durable(a, b, e); }\n' >"$T/y.c"
n=$(grep -cE '(^|[^A-Za-z0-9_])(rename|fsync|fdatasync)[[:space:]]*\(' "$T/y.c")
is "$n" 0 "and not file_rename_durable("

man5=$top_srcdir/man/coopreport-store.5
if command -v mandoc >/dev/null 2>&1; then
	mandoc -T lint -W warning "$man5" >"$T/lint" 2>&1
	is "$?:$(cat "$T/lint")" "0:" "mandoc -T lint finds nothing in coopreport-store.5"
fi
keys=$(sed -n 's/^	{ "\([a-z-]*\)",.*KEY_.*/\1/p' src/envelope.c)
[ -n "$keys" ]
is "$?" 0 "the envelope keys are found in src/envelope.c"
for k in $keys; do
	grep -q "^\.It Cm $k\$" "$man5"
	is "$?" 0 "coopreport-store.5 describes the envelope key '$k'"
done
dirs=$(sed -n '/^static const char \*const state_names/,/};/p;/^static const char \*const other_dirs/p' \
    src/store.c | grep -o '"[a-z]*"' | tr -d '"')
for d in $dirs; do
	grep -q "^\.It Pa $d/\$" "$man5"
	is "$?" 0 "coopreport-store.5 describes the directory '$d/'"
done

done_testing
