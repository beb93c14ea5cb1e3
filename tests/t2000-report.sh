#!/bin/sh
# t2000-report.sh: filling a report from the command line (src/cmd-new.c,
# src/cmd-set.c, src/cmd-get.c, src/cmd-show.c, src/cmd-validate.c,
# src/cmd-import.c, src/draft.c, src/import.c, src/report.c) on the
# fixture form tests/forms/coop-mini.xml: the draft in the store, typed
# answers, all or nothing, repeats, uploads, import, show, validate.
. "${top_srcdir:-.}/tests/lib.sh"

F=$top_srcdir/tests/forms
c() { cr --forms "$F" "$@"; }

c new coop-mini
is_rc 0 "new: exit 0"
id=$(out)
like "$id" '^[0-9a-f]{8}$' "new prints the short id alone"
is "$(err)" "" "new says nothing else"
entry=$(echo "$COOPREPORT_HOME"/drafts/*.$id*)
ok "the draft is an entry of drafts/" test -d "$entry"
for f in instance.xml envelope history; do
	ok "the entry holds $f" test -f "$entry/$f"
done
like "$(cat "$entry/envelope")" '^form-id: coop-mini$' "envelope: form-id"
like "$(cat "$entry/envelope")" '^form-version: 2025\.1$' \
    "envelope: form-version"
like "$(cat "$entry/history")" ' created coop-mini 2025\.1$' \
    "history: created"
iid=$(sed -n 's|.*<instanceID>\(.*\)</instanceID>.*|\1|p' "$entry/instance.xml")
like "$entry" "\\.${iid#uuid:}\$" "the entry is named after the instanceID"
like "$(stat -c %a "$entry/instance.xml")" '^600$' "files are 0600"

short=$(echo "$id" | cut -c1-4)
c get "$short" report_kind
is_rc 0 "get with four digits of the id"
is "$(out)" "C" "get prints the default value"

c set "$id" org_type=htx members_total=12 staff_total=4 it_staff=1 \
    revenue_total=1500.5 profit_before_tax=120 tax_code=4201785235 \
    reg_date=2019-05-20 internet_fixed=co internet_speed=gt100 \
    'software_used=ke_toan kho' e_invoice=co
is_rc 0 "set several answers"
is "$(err)" "" "set says nothing when all is well"
c get "$id" members_total
is "$(out)" "12" "get reads an answer back"
c get "$id" /data/score
is "$(out)" "20" "the calculation followed"
like "$(cat "$entry/history")" ' set org_type, members_total, ' \
    "history: set, with the paths"

cp "$entry/instance.xml" "$T/before.xml"
c set "$id" members_total=abc staff_total=6 nosuch=1 org_type=zz
is_rc 1 "a bad answer: exit 1"
like "$(err)" "^error: 'members_total': 'abc' is not a whole number$" \
    "the type error is named"
like "$(err)" "^error: 'nosuch' is not a question of form 'coop-mini'$" \
    "the unknown path is named"
like "$(err)" "^error: 'org_type': 'zz' is not one of the choices \
\\(htx, lhhtx, tht\\)$" "the unknown choice is named"
like "$(err)" "^error: 3 answers refused; nothing was changed$" \
    "and nothing was changed"
ok "the draft is untouched" cmp "$T/before.xml" "$entry/instance.xml"
c get "$id" staff_total
is "$(out)" "4" "not even the good answer of that call"

c set "$id" it_staff=9
is_rc 1 "a failed constraint is refused"
is "$(err)" "error: it_staff: cannot be more than the total workers \
— IT-qualified workers
error: 1 answer refused; nothing was changed" \
    "with the form's message and the label"
c set "$id" it_staff=9 staff_total=10
is_rc 0 "the same with its total in one call"
c set "$id" e_invoice=khong
is_rc 0 "a warning does not refuse"
is "$(err)" "warning: e_invoice: a cooperative normally has to use \
e-invoices — Uses e-invoices" "but it is printed"

c set "$id" amendment_reason="Vi$(printf 'e\314\243\314\202')t"
c get "$id" amendment_reason
is "$(out)" "Việt" "decomposed Vietnamese is stored in NFC"
is "$(printf '%s' "$(out)" | od -An -tx1 | tr -d ' \n')" "5669e1bb8774" \
    "as bytes too"

# Repeats.
c set "$id" 'certifications[1]/cert_type=vietgap' \
    'certifications[1]/issued=2024-03-01' \
    'certifications[2]/cert_type=globalgap' \
    'certifications[2]/issued=2024-05-01'
is_rc 0 "set adds repeat entries at the next index"
c set "$id" 'certifications[4]/cert_type=vietgap'
is_rc 1 "a gap in the index is refused"
like "$(err)" "there is no 'certifications\\[4\\]'; it has 2, so the next \
new one is 'certifications\\[3\\]'" "and says what is possible"
c get "$id" cert_count
is "$(out)" "2" "two entries"
c set --remove 'certifications[1]' "$id"
is_rc 0 "--remove takes an entry away"
c get "$id" 'certifications[1]/cert_type'
is "$(out)" "globalgap" "the next one moves up"
c set --remove 'certifications[5]' "$id"
is_rc 1 "--remove of a missing entry is refused"

# Uploads.
printf '%%PDF-1.4\n%%fake but with the magic\n' >"$T/scan.pdf"
printf 'plain\n' >"$T/notes.txt"
printf 'not a pdf\n' >"$T/fake.pdf"
c set "$id" statement=@"$T/scan.pdf"
is_rc 0 "an upload from @FILE"
c get "$id" statement
is "$(out)" "scan.pdf" "the XML holds the bare file name"
ok "the file is copied into the draft" cmp "$T/scan.pdf" "$entry/scan.pdf"
c set "$id" statement=@"$T/nosuch.pdf"
is_rc 1 "a missing file is refused"
like "$(err)" "nosuch.pdf" "and named"
c set "$id" statement=@"$T/notes.txt"
is_rc 1 "a type the question does not take is refused"
like "$(err)" "'statement': 'notes.txt' is text/plain, but the question \
takes application/pdf,image/\\*" "and says what it takes"
c set "$id" statement=@"$T/fake.pdf"
is_rc 1 "a file that only looks like a PDF is refused"
ok "no stray copy is left" test ! -e "$entry/notes.txt"
c set "$id" amendment_reason=@home
is_rc 0 "@ is an ordinary character for other questions"
c get "$id" amendment_reason
is "$(out)" "@home" "and is kept as typed"

# show
c --lang en show "$id"
is_rc 0 "show: exit 0"
like "$(out)" "^Báo cáo mẫu nhỏ \\(coop-mini 2025\\.1\\)$" "show: the title"
like "$(out)" "^A\\. General information$" "show: a section heading"
like "$(out)" "^  Organisation type: Cooperative \\(htx\\)$" \
    "show: a choice by its label, in English"
like "$(out)" "^  Management software in use: Accounting \\(ke_toan\\); \
Stock and supplies \\(kho\\)$" "show: several choices"
like "$(out)" "^  Quality certifications #1$" "show: a repeat entry"
like "$(out)" "^    Certification: GlobalGAP \\(globalgap\\)$" \
    "show: a question of the entry"
unlike "$(out)" "Amendment number" "show: a question that does not apply"
c --lang vi show "$id"
like "$(out)" "^  Loại hình tổ chức: Hợp tác xã \\(htx\\)$" \
    "show in Vietnamese"
c show --format xml "$id"
is_rc 0 "show --format xml"
like "$(out)" '^<data xmlns="http://www.w3.org/2002/xforms"' \
    "the submission's root"
like "$(out)" "<members_total>12</members_total>" "holds the answers"
unlike "$(out)" "amendment_no" "not the questions that do not apply"
unlike "$(out)" "jr:template" "nor the repeat template"
c show --format json "$id"
is_rc 2 "an unknown format is misuse"

# validate
c set "$id" 'certifications[2]/cert_type=vietgap'
c validate "$id"
is_rc 1 "validate: a problem left: exit 1"
like "$(out)" "^certifications\\[2\\]/issued: this answer is required — \
Issued$" "a required answer in a repeat entry"
like "$(out)" "^e_invoice: warning: a cooperative normally has to use \
e-invoices — Uses e-invoices$" "a warning line"
c set "$id" 'certifications[2]/issued=2024-05-01'
c validate "$id"
is_rc 0 "validate: only a warning left: exit 0"
is "$(out)" "e_invoice: warning: a cooperative normally has to use \
e-invoices — Uses e-invoices" "the warning is printed"
like "$(err)" "the report can be finalized" "and the verdict"
like "$(cat "$entry/history")" ' validate 0 errors, 1 warnings$' \
    "history: validate"
c set "$id" report_kind=B
c validate "$id"
is_rc 1 "skip logic: amendments become required"
like "$(out)" "^amendment_no: this answer is required — Amendment number$" \
    "amendment_no is listed"
c set "$id" report_kind=C
c validate "$id"
is_rc 0 "and back"

# import
printf '\357\273\277path,value\nmembers_total,15\n\n' >"$T/ok.csv"
printf '"amendment_reason","a, b"\n' >>"$T/ok.csv"
c import "$id" "$T/ok.csv"
is_rc 0 "import: a CSV with a BOM and a header"
like "$(err)" "2 answers imported" "says how many"
c get "$id" amendment_reason
is "$(out)" "a, b" "a quoted value with a comma"
like "$(cat "$entry/history")" " import .*ok.csv, 2 answers$" \
    "history: import"
cp "$entry/instance.xml" "$T/before.xml"
printf 'members_total,16\nstaff_total,x\n\nit_staff,99\nnosuch,1\n' \
    >"$T/bad.csv"
c import "$id" "$T/bad.csv"
is_rc 1 "import: bad lines: exit 1"
like "$(err)" "^error: .*bad.csv:2: 'staff_total': 'x' is not a whole \
number$" "the line of a type error"
like "$(err)" "^error: .*bad.csv:5: 'nosuch' is not a question" \
    "the line of an unknown path"
like "$(err)" "nothing was imported" "nothing is imported"
ok "the draft is untouched" cmp "$T/before.xml" "$entry/instance.xml"
printf 'members_total,16,extra\n' >"$T/three.csv"
c import "$id" "$T/three.csv"
is_rc 1 "a line of three fields"
like "$(err)" "three.csv:1: expected two fields, path,value; found 3" \
    "is named"
printf 'statement,@scan.pdf\n' >"$T/up.csv"
c import "$id" "$T/up.csv"
is_rc 0 "import: an upload relative to the CSV file"

c get "$id" nosuch
is_rc 1 "get: an unknown path"
c get ffffffff members_total
is_rc 1 "an unknown report id"
c set "$id"
is_rc 2 "set with nothing to set is misuse"

done_testing
