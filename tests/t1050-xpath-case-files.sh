#!/bin/sh
# t1050-xpath-case-files.sh: the XPath case files tests/xpath/*.cases and
# their instances are well-formed (tests/xpath/README.md, checked by
# tests/xpath/lint.awk): every expression has an expectation line, every
# directive is known and names files that exist, every expression that
# must not fail has balanced quotes and brackets, every "~>" expectation
# is a valid extended regular expression, every instance is well-formed
# UTF-8 XML, and there are at least 600 cases in all.  The runner of the
# cases themselves is tests/unit/xpath-cases.c.
. "${top_srcdir:-.}/tests/lib.sh"

dir=$top_srcdir/tests/xpath
total=0
for f in "$dir"/*.cases; do
	name=${f##*/}
	awk -v dir="$dir/instances" -f "$dir/lint.awk" "$f" >"$T/lint"
	is "$(grep -v '^cases ' "$T/lint")" "" "$name is well-formed"
	n=$(sed -n 's/^cases //p' "$T/lint")
	unlike "$n" '^0?$' "$name has cases"
	total=$((total + ${n:-0}))

	# grep exits 2 on a regular expression it cannot compile
	sed -n 's/^~> //p' "$f" >"$T/re"
	badre=
	while IFS= read -r re; do
		printf '' | grep -Eq -- "^($re)\$"
		[ $? -eq 2 ] && badre="$badre $re"
	done <"$T/re"
	is "$badre" "" "$name: every ~> pattern compiles"
done
diag "$total cases"
ok "at least 600 cases in all ($total)" test "$total" -ge 600

if command -v xmllint >/dev/null 2>&1; then
	for x in "$dir"/instances/*.xml; do
		ok "${x##*/} is well-formed XML" xmllint --noout --nonet "$x"
	done
fi
if [ -n "${PYTHON3:-}" ]; then
	ok "case files and instances are NFC-normalised UTF-8" "$PYTHON3" -c '
import sys, unicodedata
bad = [f for f in sys.argv[1:]
       if not unicodedata.is_normalized("NFC", open(f, encoding="utf-8").read())]
sys.exit("not NFC: " + " ".join(bad) if bad else 0)' "$dir"/*.cases "$dir"/instances/*.xml
fi

done_testing
