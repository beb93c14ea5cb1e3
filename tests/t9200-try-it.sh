#!/bin/sh
# t9200-try-it.sh: the README's "Try it" (forms/samples/try-it.sh) does
# the main job on the bundled defaults: a report of the sample
# cooperative filled, checked, scored and finalized into the outbox.
. "${top_srcdir:-.}/tests/lib.sh"

# The accountant reads the terminal: standard output and errors together.
try() { sh "$top_srcdir/forms/samples/try-it.sh" "$COOPREPORT" 2>&1; }

TMPDIR=$T TRY_LANG=en run try
is_rc 0 "try-it.sh runs to the end"
like "$(out)" '^htx-cds-01 +1\.[0-9.]+ ' "it lists the bundled forms"
like "$(out)" '^115 answers imported$' "it imports the sample answers"
like "$(out)" '^the report can be finalized$' "the sample validates clean"
like "$(out)" '^159\.73$' "the maturity score of the sample is computed"
like "$(out)" 'is finalized: it waits in the outbox' "the report is finalized"
like "$(out)" '^[0-9a-f]{8}  htx-cds-01 +2025-nam1 +outbox ' \
    "list shows it in the outbox"
like "$(out)" 'history of report [0-9a-f]{8} is intact' "its history is intact"
store=$(sed -n 's/^The store of this try is //p' "$T/out")
ok "the try used a store of its own under TMPDIR" test -d "$store/outbox"
is "$(ls "$store/outbox" | wc -l)" 1 "one report waits in that outbox"

TMPDIR=$T run try
is_rc 0 "try-it.sh runs in Vietnamese by default"
like "$(out)" '^đã nhập 115 câu trả lời$' "its messages are in Vietnamese"

done_testing
