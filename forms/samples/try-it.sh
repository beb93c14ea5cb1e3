#!/bin/sh
# try-it.sh: the accountant's main job on the bundled defaults, for the
# README's "Try it": list the forms, start the digital-transformation
# report (HTX-CDS-01), fill it from the Khánh Hòa sample answers, check
# it, read the computed maturity score, finalize it into the outbox, and
# show the store.  It works in a store of its own under /tmp and leaves
# your own store alone.
#
#   sh forms/samples/try-it.sh [PATH-TO-COOPREPORT]
#   sh /usr/local/share/coopreport/forms/samples/try-it.sh   (installed)
#
# TRY_LANG=en shows English instead of Vietnamese.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
forms=$(cd "$here/.." && pwd)
# The program built in this tree, else the installed one.
cr=${1:-$(cd "$forms/.." && pwd)/src/coopreport}
[ -x "$cr" ] || cr=coopreport
lang=${TRY_LANG:-vi}
# Messages in Vietnamese before "make install": the build tree's catalogue.
if [ -d "$(dirname "$cr")/../locale" ]; then
	COOPREPORT_LOCALEDIR=$(cd "$(dirname "$cr")/../locale" && pwd)
	export COOPREPORT_LOCALEDIR
fi
COOPREPORT_HOME=$(mktemp -d "${TMPDIR:-/tmp}/coopreport-try.XXXXXX")
export COOPREPORT_HOME

run() {
	printf '\n$ coopreport %s\n' "$*"
	"$cr" --lang "$lang" --forms "$forms" "$@"
}

run forms
printf '\n$ coopreport new htx-cds-01\n'
id=$("$cr" --lang "$lang" --forms "$forms" new htx-cds-01)
echo "$id"
run import "$id" "$here/htx-cds-01-khanh-hoa.csv"
run validate "$id"
run get "$id" dbi_total
run get "$id" dbi_level
run finalize "$id"
run list
run status
run log "$id"
printf '\nThe store of this try is %s\n' "$COOPREPORT_HOME"
