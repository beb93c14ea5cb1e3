#!/bin/sh
# t3240-status.sh: "coopreport status" on the shipped forms and their
# calendars (src/cmd-status.c, src/calendar.c, forms/README.md "The
# reporting calendar"), with the clock pinned to 22 November 2026:
# counts per state, the oldest report in the outbox, the next try and
# the last error, and what is due, overdue first, given the reports in
# the store; --porcelain; --profile counts one cooperative's reports.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/store-lib.sh"
. "$top_srcdir/tests/lifecycle-lib.sh"

FF=$top_srcdir/forms
s() { cr --forms "$FF" "$@"; }

s status
is_rc 0 "status of an empty store"
is "$(out)" "Reports: 0 drafts, 0 in the outbox, 0 sent, 0 failed
Due:
  overdue   htx-cds-01    2025-6thang2  Second half-year  deadline 2025-12-15, 342 days ago
  overdue   htx-cds-01    2025-nam1     Whole year        deadline 2025-12-15, 342 days ago
  overdue   htx-hd-01     2025-nam1     Whole year        deadline 2025-12-15, 342 days ago
  overdue   htx-cds-01    2026-6thang1  First half-year   deadline 2026-06-15, 160 days ago
  due soon  htx-cds-01    2026-6thang2  Second half-year  deadline 2026-12-15, in 23 days
  due soon  htx-cds-01    2026-nam1     Whole year        deadline 2026-12-15, in 23 days
  due soon  htx-hd-01     2026-nam1     Whole year        deadline 2026-12-15, in 23 days" \
    "every period listed as due: overdue by deadline, then due soon"
unlike "$(out)" "quy" "quarters (due: no) are not listed"
unlike "$(out)" "2025-6thang1" "nor a deadline more than a year ago"

s --lang vi status
like "$(out)" "htx-hd-01     2026-nam1     Cả năm" \
    "the period's name in the chosen language"

# A draft for a period is named; a finalized one takes it off the list.
s new --empty htx-hd-01
h=$(out)
s import "$h" "$FF/samples/htx-hd-01-khanh-hoa.csv"
s status
like "$(out)" "^  overdue   htx-hd-01     2025-nam1     Whole year        deadline 2025-12-15, 342 days ago \\(draft $h started\\)$" \
    "a draft in progress is named"
s finalize "$h"
s status
is "$(out | sed -n 2p)" "Oldest in the outbox: $h, finalized 2026-11-22 08:30" \
    "the oldest report in the outbox"
unlike "$(out)" "htx-hd-01     2025-nam1" "a finalized report is no longer due"
like "$(out)" "^Reports: 0 drafts, 1 in the outbox, 0 sent, 0 failed$" \
    "the counts"

# What an upload leaves in the envelope (sync is another command's).
e=$(entry "$h")
printf 'attempts: 2\nnext-try: 2026-11-22T03:00:00Z\nlast-error: the server did not answer\n' \
    >>"$e/envelope"
# Written by hand here, so fsck follows, as coopreport-store.5 says after
# an edit by hand: like sync, it changes the store's stamp, and list and
# status check each envelope again instead of believing their cache.
s fsck
is_rc 0 "fsck finds the hand-written upload result sound"
s status
like "$(out)" "^Next upload try: 2026-11-22 10:00 \\(report $h\\)$" \
    "the next try, on the local clock"
like "$(out)" "^Last error: report $h: the server did not answer$" \
    "the last error"
s status --porcelain
uuid=$(basename "$e" | cut -d. -f2)
like "$(out)" "^count	outbox	1$" "--porcelain: the counts"
like "$(out)" "^oldest-queued	$uuid	2026-11-22T01:30:00Z$" \
    "the oldest queued report"
like "$(out)" "^next-try	$uuid	2026-11-22T03:00:00Z$" "the next try"
like "$(out)" "^last-error	$uuid	2026-11-22T01:30:00Z	the server did not answer$" \
    "the last error, with its time"
like "$(out)" "^due	overdue	htx-cds-01	2025-nam1	2025-12-15	$" \
    "a period due, without a draft"
unlike "$(out)" "htx-hd-01	2025-nam1" "not the one filed"

# A sent report counts as done too.
mkdir -p "$COOPREPORT_HOME/sent"
s new --empty htx-cds-01
d=$(out)
s set "$d" report_year=2025 period_type=nam
mv "$(entry "$d")" "$COOPREPORT_HOME/sent/"
s status
unlike "$(out)" "htx-cds-01    2025-nam1" "a sent report is done"
like "$(out)" "1 sent" "and counted"

# --profile: only that cooperative's reports count.
s profile set tax_code=0100109106
s --profile default status
like "$(out)" "htx-hd-01     2025-nam1" \
    "with --profile another cooperative's report does not count"
s --profile nobody status
is_rc 1 "a profile that is not there"

done_testing
