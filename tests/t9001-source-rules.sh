#!/bin/sh
# t9001-source-rules.sh: rules of the source tree that a compiler cannot
# check.  src/file.c is the only file that calls rename(), fsync() or
# fdatasync() (STYLE.md rule 13): every other change of a file goes
# through file_write_atomic() or file_rename_durable().
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

done_testing
