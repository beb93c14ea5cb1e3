#!/bin/sh
# t3260-explanations.sh: finalize keeps the explanation of a warning only
# while the warning stands (src/cmd-finalize.c, report_drop_explanations()
# in src/report.c).  An amendment starts with the explanations of the
# report it corrects; an answer changed since so that its warning is gone
# must not carry an explanation into the new submission, and an answer
# whose warning still stands keeps its text.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/store-lib.sh"
. "$top_srcdir/tests/lifecycle-lib.sh"

TEXT='Chưa đăng ký hóa đơn điện tử'
EXPL="<coop:explanation ref=\"/data/e_invoice\">$TEXT</coop:explanation>"

# Two reports with a warning, explained and finalized.
for n in 1 2; do
	c new coop-mini
	id=$(out)
	fill "$id" khong
	c finalize --explain "e_invoice=$TEXT" "$id"
	is_rc 0 "report $n, with a warning explained, is finalized"
	like "$(cat "$(entry "$id")/submission.xml")" "$EXPL" \
	    "its submission holds the explanation"
	eval "id$n=\$id"
done

# Explained, then fixed, then finalized.
c amend "$id1"
is_rc 0 "an amendment"
fixed=$(out)
like "$(cat "$(entry "$fixed")/instance.xml")" "$EXPL" \
    "starts with the explanation of the report it corrects"
c set "$fixed" e_invoice=co amendment_reason=sai
is_rc 0 "the answer is changed"
c validate "$fixed"
unlike "$(out)" "warning" "and its warning is gone"
c finalize "$fixed"
is_rc 0 "the amendment is finalized"
sub=$(cat "$(entry "$fixed")/submission.xml")
unlike "$sub" "coop:explanation" \
    "its submission has no explanation of a warning that is gone"
like "$sub" "<e_invoice>co</e_invoice>" "and has the new answer"

# Explained, still standing, finalized.
c amend "$id2"
is_rc 0 "an amendment of the other report"
kept=$(out)
c set "$kept" members_total=13 amendment_reason=sai
c validate "$kept"
like "$(out)" "e_invoice: warning: " "its warning still stands"
c finalize "$kept" </dev/null
is_rc 0 "it is finalized without being asked again"
like "$(cat "$(entry "$kept")/submission.xml")" "$EXPL" \
    "and the standing warning keeps its explanation, word for word"
c finalize --explain "e_invoice=Đã đăng ký" "$kept"
is_rc 1 "a finalized report cannot be finalized again"

c fsck
is_rc 0 "the store checks clean"

done_testing
