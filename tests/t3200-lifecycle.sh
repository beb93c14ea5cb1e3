#!/bin/sh
# t3200-lifecycle.sh: a report from draft to outbox and its correction
# (src/cmd-finalize.c, src/cmd-list.c, src/cmd-log.c, src/cmd-amend.c,
# src/cmd-delete.c, src/draft.c, src/history.c): finalize blocks on
# errors and on unexplained warnings and then changes nothing; it
# freezes submission.xml and moves the report to outbox/, after which
# set and import refuse it; list and log show it; amend starts the ODK
# edit chain; delete deletes drafts only.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/store-lib.sh"
. "$top_srcdir/tests/lifecycle-lib.sh"

S=$COOPREPORT_HOME

c new coop-mini
is_rc 0 "a new draft"
id=$(out)

# Errors block, printed as validate prints them, and change nothing.
snapshot "$S" >"$T/before"
c finalize "$id"
is_rc 1 "a draft with errors is not finalized"
like "$(out)" "^members_total: this answer is required" \
    "each problem on stdout, as validate prints it"
like "$(err)" "^error: report $id cannot be finalized: [0-9]+ problems$" \
    "and the count on stderr"
snapshot "$S" >"$T/after"
ok "nothing was changed, not even the history" cmp "$T/before" "$T/after"

# A warning needs an explanation.
fill "$id" khong
c validate "$id"
is_rc 0 "filled in, it validates, with a warning"
snapshot "$S" >"$T/before"
c finalize "$id" </dev/null
is_rc 1 "without an explanation it is not finalized"
like "$(err)" "each warning needs a written explanation" "and says why"
like "$(err)" "^  e_invoice: warning: " "naming the warning"
like "$(err)" "^error: report $id was not finalized; nothing was changed$" \
    "and that nothing changed"
snapshot "$S" >"$T/after"
ok "nothing was changed" cmp "$T/before" "$T/after"
c finalize --explain 'members_total=nothing to say' "$id"
is_rc 1 "an explanation of an answer without a warning is refused"
like "$(err)" "there is no warning at 'members_total' to explain" \
    "by name"
c finalize --explain 'no equals sign' "$id"
is_rc 2 "--explain needs PATH=TEXT"
c finalize --explain 'e_invoice=  ' "$id"
is_rc 1 "an empty explanation is refused"
snapshot "$S" >"$T/after"
ok "still nothing was changed" cmp "$T/before" "$T/after"

c finalize --explain 'e_invoice=Chưa đăng ký hóa đơn điện tử' "$id"
is_rc 0 "with the explanation it is finalized"
like "$(err)" "report $id is finalized" "and says so"
e=$(entry "$id")
case $e in "$S/outbox/"*) r=1 ;; *) r=0 ;; esac
is "$r" 1 "the report is in outbox/"
ok "with its submission.xml" test -f "$e/submission.xml"
is "$(stat -c %a "$e/submission.xml")" 600 "mode 0600"
is "$(envelope_key "$id" submission-sha256)" \
    "$(sha256sum <"$e/submission.xml" | cut -c1-64)" \
    "the envelope records its SHA-256"
like "$(envelope_key "$id" state-changed)" "^2026-11-22T01:30:00Z$" \
    "and when it changed state"
like "$(cat "$e/submission.xml")" \
    "<coop:explanation ref=\"/data/e_invoice\">Chưa đăng ký hóa đơn điện tử</coop:explanation>" \
    "the explanation is in the submission"
like "$(cat "$e/submission.xml")" \
    "<timeEnd>2026-11-22T08:30:00.000\\+07:00</timeEnd>" "so is timeEnd"
like "$(tail -n 1 "$e/history")" " finalize warnings explained: 1; submission.xml sha256 [0-9a-f]{64}$" \
    "the history records it, with the hash"
c show --format xml "$id"
ok "show --format xml prints the frozen bytes" cmp "$T/out" "$e/submission.xml"
c get "$id" members_total
is "$(out)" 12 "get reads a finalized report"

# From now on the report cannot be edited.
snapshot "$S" >"$T/before"
for cmd in "set $id members_total=13" "import $id $T/x.csv" \
    "validate $id" "finalize $id"; do
	printf 'path,value\nmembers_total,13\n' >"$T/x.csv"
	# shellcheck disable=SC2086
	c $cmd
	is_rc 1 "$(echo "$cmd" | cut -d' ' -f1) refuses a finalized report"
	like "$(err)" "^error: report '$id' is finalized \\(it is in outbox/\\) and cannot be changed; to correct it, run 'coopreport amend $id'$" \
	    "and says how to correct it"
done
c delete --yes "$id"
is_rc 1 "delete refuses a finalized report"
like "$(err)" "is finalized \\(it is in outbox/\\) and is never deleted" \
    "and says so"
snapshot "$S" >"$T/after"
ok "the finalized report is as it was" cmp "$T/before" "$T/after"

# list
c list
is_rc 0 "list"
like "$(out)" "^$id  coop-mini     -           outbox      2026-11-22 08:30$" \
    "one line: id, form, period, state, last change"
c list --porcelain
uuid=$(basename "$e" | cut -d. -f2)
is "$(out)" "$(printf '%s\toutbox\tcoop-mini\t2025.1\t\t2026-11-22T01:30:00Z\t2026-11-22T01:30:00Z\t4201785235' "$uuid")" \
    "--porcelain: uuid, state, form, version, period, times, tax code"
c list --state draft
is "$(out)" "" "--state draft: none"
c list --state outbox --porcelain
like "$(out)" "^$uuid	outbox" "--state outbox: the report"
c list --state nowhere
is_rc 2 "a bad --state is misuse"

# log
c log "$id"
is_rc 0 "log"
like "$(out)" "^2026-11-22 08:30  created         coop-mini 2025.1$" \
    "the first event, on the local clock"
like "$(out)" "^2026-11-22 08:30  set             org_type, tax_code," \
    "the set"
like "$(out)" "^2026-11-22 08:30  finalize        warnings explained: 1" \
    "the finalize"
like "$(err)" "the history of report $id is intact: 4 events" \
    "the chain and its anchor hold"
cp "$e/history" "$T/history"
sed -i '2s/ set / sat /' "$e/history"
c log "$id"
is_rc 1 "a changed line breaks the chain"
like "$(err)" "^error: damaged history '.*/history' at line 3: the line does not follow" \
    "at the line after it"
like "$(out)" "created" "the lines before the break are shown"
cp "$T/history" "$e/history"
sed -i '$d' "$e/history"
c log "$id"
is_rc 1 "a last line cut off is found by the anchor"
like "$(err)" "does not end where its envelope says" "and said"
cp "$T/history" "$e/history"
chmod 600 "$e/history"

# amend
c amend "$id"
is_rc 0 "amend a finalized report"
aid=$(out)
like "$aid" "^[0-9a-f]{8}$" "prints the new draft's id"
unlike "$aid" "^$id$" "a new report"
c get "$aid" report_kind
is "$(out)" B "a supplementary report"
c get "$aid" amendment_no
is "$(out)" 1 "amendment number 1"
c get "$aid" members_total
is "$(out)" 12 "the answers are copied"
c show --format xml "$aid"
like "$(out)" "<deprecatedID>uuid:$uuid</deprecatedID>" \
    "deprecatedID is the old instanceID"
unlike "$(out)" "<instanceID>uuid:$uuid</instanceID>" "with a new instanceID"
like "$(out)" "<coop:explanation ref=\"/data/e_invoice\">" \
    "the explanations are copied"
is "$(envelope_key "$aid" deprecated-id)" "uuid:$uuid" \
    "the envelope names the report it replaces"
snapshot "$S/outbox" >"$T/after"
snapshot "$S/outbox" >"$T/outbox-before"
c amend "$id"
is_rc 0 "amend again"
is "$(out)" "$aid" "gives the same draft"
like "$(err)" "already being amended in draft $aid" "and says so"
c amend "$aid"
is_rc 1 "a draft cannot be amended"
like "$(err)" "is still a draft" "and says why"
c validate "$aid"
like "$(out)" "^amendment_reason: this answer is required" \
    "the reason for the amendment must be given"
c set "$aid" members_total=13 'amendment_reason=Bổ sung một thành viên'
c finalize "$aid" </dev/null
is_rc 0 "the amendment is finalized (its explanation came along)"
snapshot "$S/outbox" >"$T/after"
grep -v "$(basename "$(entry "$aid")")" "$T/after" >"$T/after.old"
ok "the old report is untouched" cmp "$T/outbox-before" "$T/after.old"
c amend "$aid"
aid2=$(out)
c get "$aid2" amendment_no
is "$(out)" 2 "an amendment of an amendment is number 2"
c get "$aid2" amendment_reason
is "$(out)" "" "with a new reason to give"

# delete
c delete "$aid2" </dev/null
is_rc 2 "delete without --yes and without a terminal is misuse"
like "$(err)" "give --yes to delete draft $aid2" "and says what to do"
ok "the draft is still there" test -d "$(entry "$aid2")"
c delete --yes "$aid2"
is_rc 0 "delete --yes"
like "$(err)" "draft $aid2 is deleted" "says so"
is "$(entry "$aid2")" "" "the draft is gone"
c delete --yes "$aid2"
is_rc 1 "deleting it again fails"
like "$(err)" "no report has the id '$aid2'" "as nothing has that id"

# The questions at the terminal, through script(1) when it is there.
if command -v script >/dev/null 2>&1; then
	tty() {
		# tty ANSWERS ARGS...: coopreport at a terminal.
		_a=$1
		shift
		# A question that found no answer would wait: timeout ends it.
		printf '%s\n' "$_a" | timeout 30 script -qec \
		    "'$COOPREPORT' --forms '$F' $*" /dev/null >"$T/out" 2>&1
		rc=$?
	}
	C new coop-mini >"$T/id" 2>/dev/null
	tid=$(cat "$T/id")
	fill "$tid" khong
	tty 'Chưa dùng hóa đơn điện tử' finalize "$tid"
	is_rc 0 "at a terminal finalize asks for the explanation"
	like "$(out)" "explanation: " "with a question"
	e=$(entry "$tid")
	like "$(cat "$e/submission.xml")" \
	    ">Chưa dùng hóa đơn điện tử</coop:explanation>" \
	    "and keeps the answer"
	C new coop-mini >"$T/id" 2>/dev/null
	tid=$(cat "$T/id")
	tty 'n' delete "$tid"
	is_rc 0 "delete asks at a terminal"
	like "$(out)" "delete draft $tid \\(coop-mini \\) for good\\? \\[y/N\\]" \
	    "what it will delete"
	ok "'n' keeps it" test -d "$(entry "$tid")"
	tty 'có' delete "$tid"
	is "$(entry "$tid")" "" "'có' deletes it"
fi

c fsck
is_rc 0 "after all this the store checks clean"

done_testing
