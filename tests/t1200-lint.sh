#!/bin/sh
# t1200-lint.sh: "coopreport lint" and "coopreport forms" (src/cmd-lint.c,
# src/cmd-forms.c, src/form.c, src/form-body.c, src/recalc.c,
# src/formdir.c): a broken form for every check of lint, each caught with
# a precise message; both shipped forms lint clean; unsupported features
# are named; the forms search path and its precedence.
. "${top_srcdir:-.}/tests/lib.sh"

F=$top_srcdir/tests/forms
L=$F/lint

cr lint "$L/clean.xml"
is_rc 0 "a clean form: exit 0"
is "$(out)" "" "a clean form: nothing printed"

# check FILE LINE MESSAGE: lint finds exactly that problem.
check() {
	cr lint "$L/$1"
	is_rc 1 "$1: exit 1"
	is "$(out)" "$L/$1:$2: $3" "$1: $3"
}
check bind-nodeset.xml 26 \
    "the bind nodeset '/data/nope' is not in the primary instance"
check itext-missing.xml 17 \
    "the text id 'b' is missing from the translation 'English (en)'"
check itext-unknown.xml 33 "the text id 'zz' is not in the translations"
check expr-ref.xml 25 "'/data/b': the relevant expression refers to \
'/data/aa', which is not in the primary instance"
check choice-dup.xml 35 \
    "the choice value 'x' is given twice (also on line 34)"
check choice-space.xml 35 \
    "the choice value 'y z' is empty or contains a space"
check no-meta.xml 7 \
    "the primary instance has no meta block with an instanceID"
check calc-group.xml 28 "'/data/g' holds other questions; it cannot be calculated"
check setvalue-group.xml 28 \
    "'/data/g' holds other questions; a <setvalue> cannot give it a value"

cr lint "$L/itemset-values.xml"
is_rc 1 "choice values of an itemset list: exit 1"
is "$(out)" "$L/itemset-values.xml:42: the choice value 'x' is given twice \
in instance 'list'
$L/itemset-values.xml:42: the choice value 'z z' of instance 'list' is empty \
or contains a space" "a value twice and a value with a space are named"

cr lint "$L/expr-syntax.xml"
is_rc 1 "an expression that does not parse: exit 1"
like "$(out)" "^$L/expr-syntax.xml:24: '/data/a': the constraint expression \
'\\. >= \\(1' is not valid: column [0-9]+: " "it is named with the column"

cr lint "$L/cycle.xml"
is_rc 1 "a cycle: exit 1"
like "$(out)" "^$L/cycle.xml:2[46]: the calculations depend on each other \
in a cycle: /data/(a -> /data/c -> /data/a|c -> /data/a -> /data/c)$" \
    "the cycle's nodes are named in order"

cr lint "$L/clean.xml" "$L/choice-dup.xml" "$L/no-meta.xml"
is_rc 1 "several forms: exit 1 when one has a problem"
is "$(out | wc -l | tr -d ' ')" 2 "each problem is one line"

for f in "$top_srcdir/forms/htx-cds-01.xml" "$top_srcdir/forms/htx-hd-01.xml"
do
	cr lint "$f"
	is_rc 0 "${f##*/} lints clean"
	is "$(out)" "" "${f##*/}: no problem"
done

cr lint "$F/unsupported-geo.xml"
is_rc 1 "a geopoint question is refused"
like "$(out)" ":24: unsupported feature: the type 'geopoint'$" "and named"
cr lint "$F/unsupported-range.xml"
like "$(out)" ":31: unsupported feature: the <range> widget$" \
    "a range widget is named"
cr lint "$F/unsupported-app.xml"
like "$(out)" ":31: unsupported feature: the external app of appearance \
'ex:org.example.Scan'$" "an external app is named"
cr lint "$F/nosuch.xml"
is_rc 1 "a missing file"
like "$(out)" "cannot open '.*nosuch.xml': No such file" "is named"

# The same refusal when a report is started from it.
cr --forms "$F" new "$F/unsupported-geo.xml"
is_rc 1 "new refuses a form with an unsupported feature"
like "$(err)" "^error: .*unsupported-geo.xml:24: unsupported feature: \
the type 'geopoint'$" "and says which"

# forms: the search path, the listing and precedence.
cr --forms "$F" forms
is_rc 0 "forms: exit 0"
like "$(out)" "^coop-mini +2025\\.1 +Báo cáo mẫu nhỏ$" \
    "lists id, version, title"
like "$(out)" "^household +2025010101 +household$" "one line per form"
like "$(err)" "^warning: skipping a form that does not load: \
.*unsupported-geo.xml:24: unsupported feature" \
    "a form that does not load is named on stderr"

mkdir -p "$T/a" "$T/b" "$COOPREPORT_HOME/forms"
sed 's/version="2025.1"/version="9"/' "$F/coop-mini.xml" >"$T/b/coop-mini.xml"
cp "$F/coop-mini.xml" "$T/a/coop-mini.xml"
cr --forms "$T/a" --forms "$T/b" forms
like "$(out)" "^coop-mini +2025\\.1 " "the first --forms folder wins"
unlike "$(out)" " 9 " "the later one is shadowed"
cp "$T/b/coop-mini.xml" "$COOPREPORT_HOME/forms/"
cr forms
like "$(out)" "^coop-mini +9 " "the store's forms folder is searched"
cr --forms "$T/a" forms
like "$(out)" "^coop-mini +2025\\.1 " "--forms comes before the store's"

cr --forms "$T/a" new no-such-form
is_rc 1 "new: an unknown form"
is "$(err)" "error: no form 'no-such-form' in the forms folders; \
'coopreport forms' lists them" "is named"

done_testing
