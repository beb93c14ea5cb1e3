#!/bin/sh
# t1100-forms.sh: the report forms and their data (forms/htx-cds-01.xml,
# forms/htx-hd-01.xml, forms/*-media/, forms/samples/, forms/src/*.py):
# well-formed XML, the structure the engine relies on, the generated files
# up to date with their sources, the checker's verdict on both forms and
# samples, the computed values forms/README.md promises for the samples,
# and the checker catching broken answers and a broken form.
. "${top_srcdir:-.}/tests/lib.sh"

F=$top_srcdir/forms
PYTHONDONTWRITEBYTECODE=1
export PYTHONDONTWRITEBYTECODE

for x in "$F/htx-cds-01.xml" "$F/htx-hd-01.xml" \
    "$F/htx-cds-01-media/dbi-1970-lite.xml"; do
	n=${x#"$F"/}
	if command -v xmllint >/dev/null 2>&1; then
		ok "$n is well-formed (xmllint)" xmllint --noout --nonet "$x"
	fi
	like "$(head -c 2000 "$x")" 'encoding="UTF-8"' "$n declares UTF-8"
done

for id in htx-cds-01 htx-hd-01; do
	x=$F/$id.xml
	like "$(grep -c "<data id=\"$id\" version=\"[0-9.]*\">" "$x")" '^1$' \
	    "$id: the primary instance is <data id=\"$id\" version=...>"
	like "$(grep -c 'xmlns:coop="urn:coopreport:xforms:1"' "$x")" '^1$' \
	    "$id: the root declares the coop: namespace"
	like "$(grep '<translation ' "$x" | tr -d ' ')" \
	    '^<translationlang="TiếngViệt\(vi\)"default="true\(\)">$' \
	    "$id: Vietnamese is the first, default translation"
	is "$(grep -c '<translation lang="English (en)">' "$x")" 1 \
	    "$id: there is an English translation"
	is "$(grep -c '<instance id="coop-calendar">' "$x")" 1 \
	    "$id: the reporting calendar is a secondary instance"
	is "$(grep -c 'jr:template=""' "$x" | tr -d ' ')" \
	    "$(grep -c '<repeat nodeset=' "$x")" \
	    "$id: every repeat has a jr:template"
	# Every external instance has its media file.
	missing=
	for src in $(sed -n 's/.*src="jr:\/\/file[a-z-]*\/\([^"]*\)".*/\1/p' "$x"); do
		[ -f "$F/$id-media/$src" ] || missing="$missing $src"
	done
	is "$missing" "" "$id: every jr://file media file is in $id-media/"
	ok "$id: its commune list is the one in forms/src/data" \
	    cmp "$F/$id-media/communes.csv" "$F/src/data/communes.csv"
done

is "$(grep -c '^[0-9]\{5\},[^,]*,56$' "$F/src/data/communes.csv")" 65 \
    "the commune list holds the 65 units of Khánh Hòa"
is "$(cut -d, -f1 "$F/src/data/communes.csv" | sort | uniq -d)" "" \
    "commune codes are unique"

if [ -z "${PYTHON3:-}" ]; then
	done_testing
fi

# The committed forms are what the sources generate.
mkdir -p "$T/gen"
ok "gen.py runs" "$PYTHON3" "$F/src/gen.py" "$T/gen"
for p in htx-cds-01.xml htx-hd-01.xml htx-cds-01-media htx-hd-01-media; do
	ok "$p is up to date with forms/src" diff -r "$T/gen/$p" "$F/$p"
done

run "$PYTHON3" "$F/src/check.py"
is_rc 0 "check.py finds nothing wrong in the forms and samples"
is "$(grep -c '^ok - ' "$T/out")" 4 "check.py passed two forms, two samples"
unlike "$(cat "$T/out")" '^#' "the samples raise no warning"

# The values forms/README.md documents for the samples.
show=dbi_p1_points,dbi_p2_points,dbi_p3_points,dbi_p4_points
show=$show,dbi_p5_points,dbi_p6_points,dbi_p1_level,dbi_p2_level
show=$show,dbi_p3_level,dbi_p4_level,dbi_p5_level,dbi_p6_level,dbi_total
show=$show,dbi_level,period_from,period_to,period_deadline
show=$show,online_revenue_pct,website_on_vn,meta/instanceName
run "$PYTHON3" "$F/src/check.py" --today 2026-01-15 --show "$show" \
    "$F/htx-cds-01.xml" "$F/samples/htx-cds-01-khanh-hoa.csv"
is_rc 0 "the DX sample is clean on 2026-01-15"
is "$(grep '=' "$T/out" | tr '\n' ' ')" "dbi_p1_points=36.4 \
dbi_p2_points=10 dbi_p3_points=40 dbi_p4_points=32.5 dbi_p5_points=23.33 \
dbi_p6_points=17.5 dbi_p1_level=3 dbi_p2_level=2 dbi_p3_level=3 \
dbi_p4_level=3 dbi_p5_level=3 dbi_p6_level=3 dbi_total=159.73 dbi_level=3 \
period_from=2024-12-15 period_to=2025-12-14 period_deadline=2025-12-15 \
online_revenue_pct=6.29 website_on_vn=co \
meta/instanceName=HTX-CDS-01 4201785235 2025-nam1 " \
    "the DX sample computes the documented score and window"

run "$PYTHON3" "$F/src/check.py" --today 2026-01-15 --show \
    internal_ratio_pct,indivisible_fund_min,distributable_internal \
    "$F/htx-hd-01.xml" "$F/samples/htx-hd-01-khanh-hoa.csv"
is "$(grep '=' "$T/out" | tr '\n' ' ')" "internal_ratio_pct=62.94 \
indivisible_fund_min=10.82 distributable_internal=367.594 " \
    "the operations sample computes the documented values"

# Broken answers are caught: a wrong check digit, too few members for an
# HTX, a commune that is not on the list, a level that does not exist, a
# data window that differs from the calendar (a warning only).
sed -e 's/^tax_code,4201785235/tax_code,4201785236/' \
    -e 's/^members_total,38/members_total,4/' \
    -e 's/^commune_code,22453/commune_code,22999/' \
    -e 's/^sa_cloud,2/sa_cloud,9/' \
    -e 's/^data_from,2024-12-15/data_from,2024-12-16/' \
    "$F/samples/htx-cds-01-khanh-hoa.csv" >"$T/bad.csv"
run "$PYTHON3" "$F/src/check.py" "$F/htx-cds-01.xml" "$T/bad.csv"
is_rc 1 "check.py fails a sample with errors"
like "$(cat "$T/out")" "tax_code: constraint fails" "a wrong check digit"
like "$(cat "$T/out")" "members_total: constraint fails" "4 members, an HTX"
like "$(cat "$T/out")" "commune_code: '22999' is not a choice" \
    "a commune not on the list"
like "$(cat "$T/out")" "sa_cloud: '9' is not a choice" "an unknown level"
like "$(cat "$T/out")" "data_from: warning" "a data window off the calendar"
unlike "$(cat "$T/out")" "data_from: constraint" \
    "a data window off the calendar is not an error"

# A tax code whose check value is 10 gives a warning, not an error.
sed -e 's/^tax_code,4201785235/tax_code,4201785010/' \
    "$F/samples/htx-hd-01-khanh-hoa.csv" >"$T/ten.csv"
run "$PYTHON3" "$F/src/check.py" "$F/htx-hd-01.xml" "$T/ten.csv"
is_rc 0 "a check value of 10 is not an error"
like "$(cat "$T/out")" "tax_code: warning" "a check value of 10 warns"

# A broken form is caught: a path that does not exist, a function that
# is not ODK, an itext id missing from one language.
a='calculate="if(/data/revenue_total &gt; 0, round(100'
b='calculate="if(/data/revenue_totl \&gt; 0, roundx(100'
c='<text id="/data/mem_female:label">'
d='<text id="/data/mem_femaleX:label">'
sed -e "s|$a|$b|" -e "0,\|$c|s||$d|" \
    "$F/htx-hd-01.xml" >"$T/htx-hd-01.xml"
cp -r "$F/htx-hd-01-media" "$T/"
run "$PYTHON3" "$F/src/check.py" "$T/htx-hd-01.xml"
is_rc 1 "check.py fails a broken form"
like "$(cat "$T/out")" "'data/revenue_totl' does not exist" "a bad path"
like "$(cat "$T/out")" "roundx\(\) is not an ODK function" "a bad function"
like "$(cat "$T/out")" "translations differ in ids" "a text in one language"

done_testing
