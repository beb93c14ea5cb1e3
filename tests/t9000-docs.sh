#!/bin/sh
# t9000-docs.sh: the documentation matches the program (man/coopreport.1,
# README.md, .ci/run, src/cli.c): every command and option in the tables
# is in the man page, every usage line equals its SYNOPSIS line, the man
# page is clean mdoc, and CI runs exactly the README's test command.
. "${top_srcdir:-.}/tests/lib.sh"

man=$top_srcdir/man/coopreport.1

cr --help
commands=$(out | sed -n '/^Commands:/,/^$/p' | sed -n 's/^  \([a-z-]*\) .*/\1/p')
[ -n "$commands" ] || { echo "Bail out! no commands in --help"; exit 1; }

# The SYNOPSIS as a reader sees it, one line per command.
if command -v mandoc >/dev/null 2>&1; then
	mandoc -T lint -W warning "$man" >"$T/lint" 2>&1
	lint_rc=$?
	is "$lint_rc:$(cat "$T/lint")" "0:" "mandoc -T lint finds nothing in coopreport.1"
	mandoc -T ascii -O width=1000 "$man" >"$T/man.raw"
else
	groff -mdoc -Tascii -rLL=1000n "$man" >"$T/man.raw" 2>/dev/null
fi
# Drop overstrike (bold, underline) so that the text reads plain.
bs=$(printf '\b')
sed "s/.$bs//g" "$T/man.raw" >"$T/man.txt"
sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' "$T/man.txt" |
    sed 's/^ *//; s/  */ /g' >"$T/synopsis"

for c in $commands; do
	grep -q "^\.It Cm $c\( \|$\)" "$man"
	is "$?" 0 "coopreport.1 describes the command '$c'"

	cr "$c" --help
	usage=$(out | sed -n 's/^usage: //p' | sed 's/  */ /g')
	grep -qxF -- "$usage" "$T/synopsis"
	is "$?" 0 "the usage of '$c' equals its SYNOPSIS line: $usage"

	# Options of the command: the part of its help before the global ones.
	opts=$(out | sed -n '/^Options:/,/^Global options:/p' |
	    sed -n 's/^ *\(-[a-zA-Z], \)\{0,1\}--\([a-z0-9-]*\).*/\2/p')
	for o in $opts; do
		grep -q "Fl -$o\( \|$\)" "$man"
		is "$?" 0 "coopreport.1 describes '$c --$o'"
	done
done

globals=$(out | sed -n '/^Global options:/,$p' |
    sed -n 's/^ *\(-[a-zA-Z], \)\{0,1\}--\([a-z0-9-]*\).*/\2/p')
for o in $globals; do
	grep -q "Fl -$o\( \|$\)" "$man"
	is "$?" 0 "coopreport.1 describes the global option '--$o'"
done

for s in NAME SYNOPSIS DESCRIPTION COMMANDS FILES 'EXIT STATUS' EXAMPLES 'SEE ALSO'; do
	grep -q "^\.Sh $s\$" "$man"
	is "$?" 0 "coopreport.1 has the section $s"
done

# CI runs exactly the README's test command.
readme_cmd=$(sed -n '/<!-- test-command -->/,/^```$/p' "$top_srcdir/README.md" |
    sed -n '/^```sh$/,/^```$/p' | sed '1d;$d')
ci_cmd=$(sed -n '/^# the README test command$/{n;p;}' "$top_srcdir/.ci/run")
[ -n "$readme_cmd" ]
is "$?" 0 "the README shows a test command"
is "$ci_cmd" "$readme_cmd" ".ci/run runs exactly the README's test command"

done_testing
