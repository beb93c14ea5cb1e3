#!/bin/sh
# t2100-htx-job.sh: the whole job, scripted, on the shipped forms
# (forms/htx-cds-01.xml, forms/htx-hd-01.xml, forms/samples/): an
# agricultural cooperative in Khánh Hòa fills HTX-CDS-01 with set and
# import, adds repeat entries, turns skip logic both ways, gets the
# computed score of forms/README.md and validates clean; HTX-HD-01 is
# filled end to end the same way.
. "${top_srcdir:-.}/tests/lib.sh"

F=$top_srcdir/forms
c() { cr --forms "$F" "$@"; }

c new htx-cds-01
is_rc 0 "a new HTX-CDS-01 report"
id=$(out)
entry=$(echo "$COOPREPORT_HOME"/drafts/*.$id*)

c get "$id" report_year
is "$(out)" "$(date +%Y)" "odk-instance-first-load set the report year"
c get "$id" sign_date
is "$(out)" "$(date +%Y-%m-%d)" "and the signing date"

# The identity by hand, in two calls; the period drives the data window.
c set "$id" report_year=2025 period_type=nam
is_rc 0 "the period"
c get "$id" period_no
is "$(out)" "1" "xforms-value-changed: an annual report is period 1"
c get "$id" data_from
is "$(out)" "2024-12-15" "the data window starts on 15/12 of the year before"
c get "$id" data_to
is "$(out)" "2025-12-14" "and ends on 14/12"
c set "$id" 'org_name=HỢP TÁC XÃ NÔNG NGHIỆP XOÀI CAM LÂM' \
    tax_code=4201785235 org_type=htx members_total=38
is_rc 0 "the identity"

# Everything else from the spreadsheet export.
c import "$id" "$F/samples/htx-cds-01-khanh-hoa.csv"
is_rc 0 "the Khánh Hòa sample imports"
like "$(err)" "answers imported" "and says so"

# The score of forms/README.md.
c get "$id" dbi_total
is "$(out)" "159.73" "the DX score is 159.73 of 320"
c get "$id" dbi_level
is "$(out)" "3" "level 3"
for p in "1 36.4" "2 10" "3 40" "4 32.5" "5 23.33" "6 17.5"; do
	c get "$id" "dbi_p${p% *}_points"
	is "$(out)" "${p#* }" "pillar ${p% *}: ${p#* } points"
done
c get "$id" online_revenue_pct
is "$(out)" "6.29" "online revenue is 6.29 % of the total"
c get "$id" website_on_vn
is "$(out)" "co" "the website is on .vn"
c get "$id" meta/instanceName
is "$(out)" "HTX-CDS-01 4201785235 2025-nam1" "instanceName"

c validate "$id"
is_rc 0 "the report validates"
is "$(out)" "" "with no error and no warning"

# Repeats: a second certification, a second support.
c set "$id" 'certifications[2]/cert_type=huu_co_tcvn' \
    'certifications[2]/product=Xoài sấy' 'certifications[2]/area_ha=5' \
    'certifications[2]/issued=2025-01-15' \
    'certifications[2]/expires=2028-01-14'
is_rc 0 "a second certification"
c set "$id" 'certifications[3]/issued=2025-01-15' \
    'certifications[3]/expires=2024-01-14'
is_rc 1 "an expiry before the issue date is refused"
c get "$id" 'certifications[2]/product'
is "$(out)" "Xoài sấy" "the second entry holds its answers"

# Skip logic both ways.
c set "$id" trace_applied=khong
c validate "$id"
is_rc 0 "no traceability: its questions no longer apply"
c show --format xml "$id"
unlike "$(out)" "<trace_products>" "and are not submitted"
c set "$id" trace_applied=co
c show --format xml "$id"
like "$(out)" "<trace_products>3</trace_products>" "back: the answer is kept"
c set "$id" report_kind=B
c validate "$id"
is_rc 1 "a supplementary report needs its amendment number"
like "$(out)" "^amendment_no: " "which is listed"
like "$(out)" "^amendment_reason: " "with the reason"
c set "$id" amendment_no=1 'amendment_reason=Bổ sung chứng nhận hữu cơ'
c validate "$id"
is_rc 0 "answered, it validates"
c set "$id" report_kind=C
c show --format xml "$id"
unlike "$(out)" "amendment" "back to an original report: no amendment"

# The people's credit fund hides sections D and E.
c set "$id" org_type=qtdnd
c validate "$id"
like "$(out)" "^sector_main: " "a credit fund must choose the credit sector"
c show --format xml "$id"
unlike "$(out)" "<land_area_ha>" "section D does not apply to it"
c set "$id" org_type=htx
c validate "$id"
is_rc 0 "back to a cooperative, it validates"

# The signed scan, and the result in both languages.
printf '%%PDF-1.4\nsigned\n' >"$T/bien-ban.pdf"
c set "$id" signed_scan=@"$T/bien-ban.pdf"
is_rc 0 "the signed scan (application/*)"
ok "is in the draft" cmp "$T/bien-ban.pdf" "$entry/bien-ban.pdf"
c --lang vi show "$id"
like "$(out)" "Tự đánh giá tham khảo – không thay thế đánh giá chính thức\\. \
Tổng điểm: 159\\.73/320; mức 3/5" "the score, labelled as not official (vi)"
c --lang en show "$id"
like "$(out)" "Indicative self-assessment – does not replace an official \
assessment\\. Total: 159\\.73/320; level 3/5" "and in English"
c show --format xml "$id"
like "$(out)" "<dbi_total>159.73</dbi_total>" "the submission holds the score"
like "$(out)" "<signed_scan>bien-ban.pdf</signed_scan>" "and the file's name"
like "$(out)" "<instanceID>uuid:[0-9a-f-]{36}</instanceID>" "an instanceID"
c validate "$id"
is_rc 0 "the finished report validates"

# HTX-HD-01, end to end.
c new htx-hd-01
is_rc 0 "a new HTX-HD-01 report"
hd=$(out)
c get "$hd" 'key_staff_quals[4]/role'
is_rc 0 "four fixed key-staff rows"
c set "$hd" 'key_staff_quals[5]/level=so_cap'
is_rc 1 "which cannot grow"
c import "$hd" "$F/samples/htx-hd-01-khanh-hoa.csv"
is_rc 0 "its Khánh Hòa sample imports"
c get "$hd" internal_ratio_pct
is "$(out)" "62.94" "internal transactions are 62.94 %"
c get "$hd" indivisible_fund_min
is "$(out)" "10.82" "the indivisible fund minimum"
c get "$hd" distributable_internal
is "$(out)" "367.594" "the internal distributable income"
c get "$hd" meta/instanceName
is "$(out)" "HTX-HD-01 4201785235 2025-nam1" "its instanceName"
c validate "$hd"
is_rc 0 "it validates"
is "$(out)" "" "with no error and no warning"

done_testing
