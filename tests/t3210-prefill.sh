#!/bin/sh
# t3210-prefill.sh: profiles and the prefill of new reports
# (src/cmd-profile.c, src/profile.c, src/cmd-new.c, src/draft.c,
# src/report.c's report_copy_answers): keys and values are checked
# against the forms and refused by name; new fills in the profile's
# identity and copies the last report of the form (ODK's last-saved), or
# the one --from names, but not what belongs to one report only;
# several profiles keep several cooperatives apart; on the shipped
# forms, an amendment is a supplementary report with the next number.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/store-lib.sh"
. "$top_srcdir/tests/lifecycle-lib.sh"

S=$COOPREPORT_HOME
P=$S/profiles

c profile
is_rc 0 "profile with no profile yet"
is "$(out)" "" "shows nothing"
like "$(err)" "not set in profile 'default': org_name, tax_code" \
    "and names the keys it could hold"
c profile list
like "$(err)" "there is no profile yet" "profile list says there is none"

c profile set tax_cod=4201785235
is_rc 1 "a key with a typo is refused"
like "$(err)" "^error: unknown profile key 'tax_cod'; did you mean 'tax_code'\\?$" \
    "by name, with the key it was meant to be"
c profile set colour=red
like "$(err)" "unknown profile key 'colour' \\(the keys are the identity" \
    "an unknown key without a near one"
c profile set org_type=hxt
is_rc 1 "a value the form refuses is refused"
like "$(err)" "^error: coop-mini: 'org_type': 'hxt' is not one of the choices" \
    "naming the form and the question"
c profile set tax_code=4201785236
is_rc 1 "a tax code with a wrong check digit is refused"
like "$(err)" "coop-mini: tax_code: the tax code is wrong" \
    "by the form's constraint"
c profile set members_total=5
like "$(err)" "unknown profile key 'members_total'" \
    "a question that is not identity is not a profile key"
ok "nothing was saved" test ! -e "$P/default"

c profile set org_type=htx tax_code=4201785235
is_rc 0 "profile set"
is "$(stat -c %a "$P/default")" 600 "the profile is a file of mode 0600"
is "$(cat "$P/default")" "version: 1
org-type: htx
tax-code: 4201785235" "in the envelope format"
c profile show
is "$(out)" "tax_code=4201785235
org_type=htx" "profile show: in the forms' order"
c profile set org_type=
c profile show
is "$(out)" "tax_code=4201785235" "an empty value removes a key"
c profile set org_type=htx
c --profile b profile set org_type=tht tax_code=0100109106
is_rc 0 "a second profile"
c profile list
is "$(out)" "b
default" "profile list"
c --profile 'B C' profile
is_rc 2 "a bad profile name is misuse"
c profile frobnicate
is_rc 2 "an unknown action is misuse"

# new: the profile's identity.
c new coop-mini
is_rc 0 "new with a profile"
a=$(out)
like "$(err)" "identity filled in from profile 'default'" "says so"
c get "$a" org_type
is "$(out)" htx "the profile's answers are filled in"
c get "$a" tax_code
is "$(out)" 4201785235 "both"
c --profile b new coop-mini
b=$(out)
c get "$b" org_type
is "$(out)" tht "--profile chooses another cooperative"
c --profile nobody new coop-mini
is_rc 1 "a profile that does not exist"
like "$(err)" "there is no profile 'nobody'" "is named"

# Last-saved: the last report of the form, of the same tax code.
fill "$a"
C set "$a" report_kind=B amendment_no=2 'amendment_reason=x' >/dev/null 2>&1
C finalize "$a" </dev/null >/dev/null 2>&1
c new coop-mini
is_rc 0 "a second report of the form"
n=$(out)
like "$(err)" "answers copied from report $a" "is prefilled from the first"
c get "$n" members_total
is "$(out)" 12 "its answers are copied"
c get "$n" software_used
is "$(out)" ke_toan "a choice too"
c get "$n" report_kind
is "$(out)" C "but not what belongs to one report only"
c get "$n" amendment_no
is "$(out)" "" "(the amendment number either)"
c log "$n"
like "$(out)" "created         coop-mini 2025.1; answers from $a; profile default" \
    "the history says where the answers came from"
c --profile b new coop-mini
b2=$(out)
c get "$b2" members_total
is "$(out)" "" "another cooperative's report is not copied"
c new --empty coop-mini
e=$(out)
c get "$e" members_total
is "$(out)" "" "--empty copies nothing"
c get "$e" tax_code
is "$(out)" 4201785235 "but fills in the profile"
c --profile b new --from "$a" coop-mini
f=$(out)
c get "$f" members_total
is "$(out)" 12 "--from copies the report it names"
c get "$f" org_type
is "$(out)" tht "and the profile comes after it"
c new --from "$a" --empty coop-mini
is_rc 2 "--from and --empty do not go together"
c new --from ffff coop-mini
is_rc 1 "--from a report that is not there"

# The shipped forms: the identity block, in order (a province clears
# its commune), and an amendment with the next number.
FF=$top_srcdir/forms
rm -f "$P/default"
cr --forms "$FF" profile set province_code=56 commune_code=22453 \
    'org_name=HỢP TÁC XÃ NÔNG NGHIỆP XOÀI CAM LÂM' tax_code=4201785235 \
    org_type=htx
is_rc 0 "a profile on the shipped forms"
cr --forms "$FF" profile set commune_code=99999
is_rc 1 "a commune that is not in the list is refused"
like "$(err)" "htx-cds-01: 'commune_code'" "by each form"
cr --forms "$FF" profile set province_code=01
is_rc 0 "another province"
cr --forms "$FF" profile set province_code=56
cr --forms "$FF" new htx-hd-01
h=$(out)
cr --forms "$FF" get "$h" commune_code
is "$(out)" 22453 "the commune survives its province"
cr --forms "$FF" import "$h" "$FF/samples/htx-hd-01-khanh-hoa.csv"
cr --forms "$FF" finalize "$h"
is_rc 0 "the HTX-HD-01 sample is finalized"
cr --forms "$FF" amend "$h"
ha=$(out)
cr --forms "$FF" get "$ha" report_kind
is "$(out)" B "its amendment is a supplementary report"
cr --forms "$FF" get "$ha" amendment_no
is "$(out)" 1 "number 1"
cr --forms "$FF" get "$ha" mem_official
is "$(out)" 38 "with the answers of the report"
cr --forms "$FF" show --format xml "$ha"
like "$(out)" "<deprecatedID>uuid:[0-9a-f-]{36}</deprecatedID>" \
    "and its deprecatedID"
cr --forms "$FF" new htx-hd-01
h2=$(out)
cr --forms "$FF" get "$h2" mem_official
is "$(out)" 38 "next year's report starts from the last one"
cr --forms "$FF" get "$h2" report_kind
is "$(out)" C "as an original report"

c fsck
is_rc 0 "the store checks clean"

done_testing
