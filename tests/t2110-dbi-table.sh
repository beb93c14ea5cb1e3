#!/bin/sh
# t2110-dbi-table.sh: the DX score of forms/htx-cds-01.xml stays data.
# The form copies its scoring table (htx-cds-01-media/dbi-1970-lite.xml)
# into constant calculates once per report (forms/src/htx_cds_01.py); a
# different table must still change the score without a form change.  The
# Khánh Hòa sample is filled with the stock table and with one where item
# i01 weighs 0, item i07 counts three times for pillar 2 instead of once
# for pillar 3, pillar 3 is worth 100 and level 3 needs a total above 180;
# the figures are worked out by hand below, and forms/src/check.py (the
# reference evaluator) must agree with the engine.
. "${top_srcdir:-.}/tests/lib.sh"

F=$top_srcdir/forms
D=$T/forms
mkdir -p "$D/htx-cds-01-media"
cp "$F/htx-cds-01.xml" "$D/"
cp "$F/htx-cds-01-media/"* "$D/htx-cds-01-media/"
tbl=$D/htx-cds-01-media/dbi-1970-lite.xml

show=dbi_p1_points,dbi_p2_points,dbi_p3_points,dbi_p4_points
show=$show,dbi_p5_points,dbi_p6_points,dbi_total,dbi_level

# score WHAT: the figures of the fields in $show, from the engine, into
# $line.
score() {
	cr --forms "$D" new htx-cds-01
	id=$(out)
	cr --forms "$D" set "$id" report_year=2025 period_type=nam
	cr --forms "$D" import "$id" "$F/samples/htx-cds-01-khanh-hoa.csv"
	is_rc 0 "$1: the sample imports"
	line=
	for f in $(echo "$show" | tr , ' '); do
		cr --forms "$D" get "$id" "$f"
		line="$line $f=$(out)"
	done
	line=${line# }
}

reference() {
	run "$PYTHON3" "$F/src/check.py" --today 2026-01-15 --show "$show" \
	    "$D/htx-cds-01.xml" "$F/samples/htx-cds-01-khanh-hoa.csv"
	grep '=' "$T/out" | tr '\n' ' ' | sed 's/ $//'
}

stock="dbi_p1_points=36.4 dbi_p2_points=10 dbi_p3_points=40 \
dbi_p4_points=32.5 dbi_p5_points=23.33 dbi_p6_points=17.5 dbi_total=159.73 \
dbi_level=3"
score "the stock table"
is "$line" "$stock" "the stock table gives the figures of forms/README.md"

# Items are blocks of lines: <item>, <id>, <pillar>, <weight>, ...
sed -e '/<id>i01<\/id>/,/<\/item>/s/<weight>1</<weight>0</' \
    -e '/<id>i07<\/id>/,/<\/item>/s/<pillar>3</<pillar>2</' \
    -e '/<id>i07<\/id>/,/<\/item>/s/<weight>1</<weight>3</' \
    -e 's/<max>80</<max>100</' \
    -e 's/<total_above>128</<total_above>180</' \
    "$F/htx-cds-01-media/dbi-1970-lite.xml" >"$tbl"
ok "the new table differs from the stock one in five places" \
    test "$(diff "$F/htx-cds-01-media/dbi-1970-lite.xml" "$tbl" |
    grep -c '^>')" -eq 5
ok "the form itself is unchanged" cmp "$F/htx-cds-01.xml" "$D/htx-cds-01.xml"

# By hand, item scores 3 4 3 2 2 | 2 | 3 3 2 2 2 3 | 2 3 | 4 0 3 | 3 2:
# P1 without i01: 11 of 20 -> 65 * 11/20 = 35.75;
# P2 with i07 (3) weighing 3: (2 + 9) of 5 * 4 -> 25 * 11/20 = 13.75;
# P3 without i07: 12 of 25 -> 100 * 12/25 = 48; P4 to P6 as before;
# total 35.75 + 13.75 + 48 + 32.5 + 23.33 + 17.5 = 170.83, not above 180
# for level 3; level 2 needs 64 and four pillars at level 2: all six are.
new="dbi_p1_points=35.75 dbi_p2_points=13.75 dbi_p3_points=48 \
dbi_p4_points=32.5 dbi_p5_points=23.33 dbi_p6_points=17.5 dbi_total=170.83 \
dbi_level=2"
score "the new table"
is "$line" "$new" "the new table changes the score"

if [ -n "${PYTHON3:-}" ]; then
	is "$(reference)" "$new" "check.py computes the same from the new table"
fi

done_testing
