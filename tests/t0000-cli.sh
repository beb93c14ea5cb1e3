#!/bin/sh
# t0000-cli.sh: the command line itself (src/main.c, src/cli.c,
# src/cmd-help.c): --help, --version, misuse and exit codes, the check of
# stdout after a command.
. "${top_srcdir:-.}/tests/lib.sh"

cr --help
is_rc 0 "--help exits 0"
like "$(out)" '^usage: coopreport' "--help prints the usage on stdout"
like "$(out)" '^Commands:' "--help lists the commands"
like "$(out)" '^  help ' "the command list names 'help'"
is "$(err)" "" "--help writes nothing on stderr"

cr help
is_rc 0 "'help' exits 0"
like "$(out)" '^Commands:' "'help' prints the same list"

cr help help
is_rc 0 "'help help' exits 0"
like "$(out)" '^usage: coopreport help \[COMMAND\]' "'help help' shows its usage"

cr help --help
like "$(out)" '^usage: coopreport help' "'help --help' shows the command's help"
like "$(out)" '^Global options:' "a command's help lists the global options"

cr --version
is_rc 0 "--version exits 0"
like "$(out)" '^coopreport [0-9]+\.[0-9]+\.[0-9]+$' "--version prints the version"
like "$(out)" '^libcurl .*libxml2 ' "--version names the library versions"

cr
is_rc 2 "no command is misuse (2)"
like "$(err)" "^error: no command given$" "no command: one line says so"
like "$(err)" "^try 'coopreport --help'" "no command: a hint follows"
is "$(out)" "" "misuse writes nothing on stdout"

cr nosuchcommand
is_rc 2 "an unknown command is misuse"
like "$(err)" "^error: unknown command 'nosuchcommand'$" "the unknown command is named"

cr he
is_rc 2 "a prefix is not a command (exact names only)"

cr --nosuch help
is_rc 2 "an unknown global option is misuse"
like "$(err)" "^error: unknown option '--nosuch'$" "the unknown option is named"

cr help --nosuch
is_rc 2 "an unknown command option is misuse"
like "$(err)" "^try 'coopreport help --help'" "the hint names the command"

cr -x help
is_rc 2 "an unknown short option is misuse"
like "$(err)" "^error: unknown option '-x'$" "the unknown short option is named"

cr help --lang
is_rc 2 "a missing option value is misuse"
like "$(err)" "needs a value" "the missing value is reported"

cr help help extra
is_rc 2 "too many operands is misuse"
like "$(err)" "^error: unexpected operand 'extra'$" "the extra operand is named"

cr help nosuch
is_rc 2 "help for an unknown command is misuse"

cr -q help
is_rc 0 "a global option before the command works"
cr help -v
is_rc 0 "a global option after the command works"

if [ -w /dev/full ]; then
	$VALGRIND "$COOPREPORT" --help >/dev/full 2>"$T/err"
	rc=$?
	is_rc 1 "a failed write to stdout is an error"
	like "$(err)" "^error: cannot write the output" "the write failure is reported"
fi

done_testing
