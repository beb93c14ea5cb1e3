#!/bin/sh
# t3230-fsck.sh: checking a whole store (src/fsck.c, src/cmd-fsck.c,
# src/history.c's anchor): a clean store prints one summary line and
# exits 0; each kind of damage is one line naming the report's folder and
# file, and the report moves whole to quarantine/ (exit 1); an envelope
# one line behind its history is brought up to date (exit 0); strangers
# are named and left; --dry-run changes nothing and takes no lock.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/store-lib.sh"
. "$top_srcdir/tests/lifecycle-lib.sh"

S=$COOPREPORT_HOME

c fsck
is_rc 0 "fsck of a store that is not there yet"

mk() {
	# mk NAME [final]: a filled coop-mini report, finalized or not.
	C new --empty coop-mini >"$T/id" 2>/dev/null
	_id=$(cat "$T/id")
	fill "$_id"
	[ -z "${2:-}" ] || C finalize "$_id" >/dev/null 2>&1
	eval "$1=\$_id"
}
mk d1
mk d2
mk d3
mk d4
mk o1 final
mk o2 final
mk o3 final

c fsck
is_rc 0 "a clean store"
is "$(out)" "" "prints nothing on stdout"
is "$(err)" "7 reports checked: no damage" "and one summary line"
c -q fsck
is "$(err)" "" "nothing at all with --quiet"

# Damage, one kind a report.
printf 'version: 1\nform-id coop-mini\n' >"$(entry "$d1")/envelope"
echo "<!-- thêm -->" >>"$(entry "$o1")/submission.xml"
sed -i '$d' "$(entry "$o2")/history"
sed -i '1s/created/CREATED/' "$(entry "$d2")/history"
printf '<data id="coop-mini">' >"$(entry "$d3")/instance.xml"
rm "$(entry "$o3")/submission.xml"
for v in d1 o1 o2 d2 d3 o3; do
	eval "id=\$$v"
	eval "name_$v=\$(basename \"\$(entry \"\$id\")\")"
done
mkdir "$S/drafts/not-a-report"
snapshot "$S" >"$T/before"
snapshot "$S/outbox/$name_o1" >"$T/o1.before"

c fsck --dry-run
is_rc 1 "--dry-run finds the damage"
snapshot "$S" >"$T/after"
ok "and changes nothing" cmp "$T/before" "$T/after"
like "$(out)" "'$S/drafts/$name_d1/envelope': damaged envelope .* \\(not moved\\)$" \
    "and says nothing was moved"

c fsck
is_rc 1 "fsck finds damage"
like "$(out)" "^'$S/drafts/$name_d1/envelope': damaged envelope '.*' at line 2: the line is not 'key: value' \\(moved to quarantine/\\)$" \
    "a damaged envelope"
like "$(out)" "^'$S/outbox/$name_o1/submission.xml' is not the submission that was finalized .* \\(moved to quarantine/\\)$" \
    "a submission that changed after finalize"
like "$(out)" "^'$S/outbox/$name_o2/history': its last lines were removed or changed .* \\(moved to quarantine/\\)$" \
    "a history cut short"
like "$(out)" "^damaged history '$S/drafts/$name_d2/history' at line 1: .* \\(moved to quarantine/\\)$" \
    "a history changed"
like "$(out)" "^'$S/drafts/$name_d3/instance.xml' is not well-formed XML: .* \\(moved to quarantine/\\)$" \
    "an instance cut short"
like "$(out)" "^cannot open '$S/outbox/$name_o3/submission.xml': No such file or directory \\(moved to quarantine/\\)$" \
    "a finalized report without its submission"
like "$(out)" "^'$S/drafts/not-a-report' is not a report; move it out of the store$" \
    "a stranger is named"
like "$(err)" "^error: 7 reports checked: 6 damaged, 1 other problems$" \
    "the summary, on stderr"
for v in d1 o1 o2 d2 d3 o3; do
	eval "n=\$name_$v"
	ok "$v is in quarantine/" test -d "$S/quarantine/$n"
done
ok "the stranger is left where it was" test -d "$S/drafts/not-a-report"
snapshot "$S/quarantine/$name_o1" >"$T/o1.after"
ok "a report moves to quarantine/ whole and unchanged" \
    cmp "$T/o1.before" "$T/o1.after"
c list --state quarantine
is "$(out | wc -l)" 6 "list shows them in quarantine"
c status
like "$(out)" "6 in quarantine" "status counts them"
rmdir "$S/drafts/not-a-report"
c fsck
is_rc 0 "fsck again: the rest is clean"
like "$(err)" "6 reports are in quarantine/ from before" "and quarantine is mentioned"

# An interrupted command: the envelope one line behind the history.
cp "$(entry "$d4")/envelope" "$T/envelope.old"
C set "$d4" members_total=14 >/dev/null 2>&1
cp "$(entry "$d4")/envelope" "$T/envelope.new"
cp "$T/envelope.old" "$(entry "$d4")/envelope"
c log "$d4"
is_rc 0 "log of a report whose envelope lags"
like "$(err)" "was interrupted before it finished" "says the command was interrupted"
c fsck
is_rc 0 "fsck repairs it, which is no damage"
like "$(out)" "^'$S/drafts/.*$d4.*/envelope': a command was interrupted after it wrote the history; the envelope is brought up to date \\(repaired\\)$" \
    "and says so"
ok "the envelope is as the command would have left it" \
    cmp "$T/envelope.new" "$(entry "$d4")/envelope"
c fsck
is "$(out)" "" "and then the store is clean"
cp "$(entry "$d4")/envelope" "$T/envelope.old"
C set "$d4" members_total=15 >/dev/null 2>&1
C set "$d4" members_total=16 >/dev/null 2>&1
cp "$(entry "$d4")/envelope" "$T/envelope.new"
cp "$T/envelope.old" "$(entry "$d4")/envelope"
c fsck
is_rc 0 "two interrupted commands in a row are no damage either"
ok "the envelope is brought up to date" \
    cmp "$T/envelope.new" "$(entry "$d4")/envelope"

# An entry from before anchors gets its anchor.
sed -i '/^history-head:/d; /^updated:/d' "$(entry "$d4")/envelope"
c fsck
is_rc 0 "an envelope without history-head"
like "$(out)" "it has no history-head yet; it is added \\(repaired\\)" \
    "is anchored"
is "$(sort "$(entry "$d4")/envelope")" "$(sort "$T/envelope.new")" \
    "with the same keys and values as before (at the end)"

# fsck takes the lock; --dry-run does not.
c --home "$S" fsck --dry-run
is_rc 0 "--dry-run on a clean store"

done_testing
