#!/bin/sh
# t3250-summary.sh: the summary cache of list and status (src/summary.c,
# coopreport-store.5 "The summary cache").  It is only ever a shortcut:
# whatever happened behind its back (an envelope edited in place, an
# entry moved, deleted or added, a truncated, garbled, reordered or
# older-format cache, a cache that cannot be written), list and status
# print exactly what they print without it (COOPREPORT_TEST_NO_SUMMARY=1).
# COOPREPORT_TEST_SUMMARY_TRACE=1 makes list say how many envelopes came
# from the cache, which shows that the cache is really used.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/store-lib.sh"
. "$top_srcdir/tests/lifecycle-lib.sh"

S=$COOPREPORT_HOME
N=150

# Entries made by hand, as bench/bench-lifecycle makes them: every state,
# escapes, an empty period, a missing tax code, errors and next tries.
mkdir -p "$S/drafts" "$S/outbox" "$S/sent" "$S/failed" "$S/quarantine"
chmod 700 "$S" "$S"/*
k=0
while [ $k -lt $N ]; do
	case $((k % 6)) in
	0) st=outbox ;; 1) st=failed ;; 2) st=drafts ;; *) st=sent ;;
	esac
	u=$(printf '%08x-0000-4000-8000-%012x' $((k * 7919 + 4096)) $k)
	e=$S/$st/$((1790000000 + k * 600)).$u
	mkdir -m 700 "$e"
	{
		printf 'version: 1\nform-id: htx-%s-01\nform-version: 1.0.%d\n' \
		    "$([ $((k % 2)) = 0 ] && echo hd || echo cds)" $((k % 3))
		printf 'created: 2026-01-01T00:00:00Z\ninstance-id: uuid:%s\n' "$u"
		[ $((k % 5)) = 0 ] && printf 'period: \n' ||
		    printf 'period: %d-nam1\n' $((2020 + k % 7))
		[ $((k % 4)) = 0 ] || printf 'tax-code: %010d\n' $((4201785235 + k))
		printf 'updated: 2026-0%d-01T00:00:00Z\n' $((1 + k % 9))
		[ $st = drafts ] || printf 'state-changed: 2026-02-0%dT00:00:00Z\n' $((1 + k % 9))
		[ $st = outbox ] && printf 'attempts: 1\nnext-try: 2026-03-0%dT00:00:00Z\n' $((1 + k % 9))
		[ $st = failed ] && printf 'attempts: 3\nlast-error: 413 Too\\tLarge \\\\ x%d\n' $k
	} >"$e/envelope"
	chmod 600 "$e/envelope"
	k=$((k + 1))
done
c new --empty coop-mini
real=$(out)
# The cache trusts no envelope changed less than SUMMARY_RACY_SECS (2)
# seconds before a run, so that a change in the same clock tick cannot
# go unseen; let the store age past that once.
sleep 3

# Runs list and status with and without the cache and compares.
same() {
	for a in "list --porcelain" "list" "list --state sent" "status --porcelain" \
	    "status"; do
		# shellcheck disable=SC2086
		COOPREPORT_TEST_NO_SUMMARY=1 C $a >"$T/want" 2>"$T/want.err"
		w=$?
		# shellcheck disable=SC2086
		c $a
		is "$rc:$(out)" "$w:$(cat "$T/want")" "$1: $a prints the same"
		is "$(err)" "$(cat "$T/want.err")" "$1: $a warns the same"
	done
}
trace() {
	COOPREPORT_TEST_SUMMARY_TRACE=1 C list >/dev/null 2>"$T/trace"
	grep '^summary:' "$T/trace"
}

ok "no cache before a reader ran" test ! -e "$S/cache"
is "$(trace)" "summary: 0 cached, $((N + 1)) read" "the first list reads every envelope"
is "$(stat -c %a "$S/cache")" 700 "cache/ is 0700"
is "$(stat -c %a "$S/cache/summary")" 600 "cache/summary is 0600"
like "$(head -n 1 "$S/cache/summary")" "^coopreport-summary 2( ([0-9.]+|-)){6}\$" \
    "the header: the format, then the store's stamp"
is "$(($(wc -l <"$S/cache/summary") - 1))" $((N + 1)) "one line per report"
is "$(trace)" "summary: $((N + 1)) cached, 0 read" "the next one reads none"
same "a current cache"
cp "$S/cache/summary" "$T/before"
c fsck --dry-run
unlike "$(out; err)" "cache" "fsck says nothing of the cache"
ok "and leaves it alone" cmp "$T/before" "$S/cache/summary"

# Many entries moved by hand: their lines are stale, their envelopes
# unchanged and old; enough of them to make list walk the store again and
# rewrite the cache, with the entries under their new state.
for e in $(ls -d "$S"/sent/* | sed -n '2,71p'); do
	mv "$e" "$S/failed/"
done
cp "$S/cache/summary" "$T/before"
same "70 entries moved"
# Moved in the same clock tick as a reader's stamp, they might go unseen:
# the cache is rewritten only once the state directories are 2 s old.
sleep 3
c list
nok "the cache was rewritten" cmp -s "$T/before" "$S/cache/summary"
is "$(trace)" "summary: $((N + 1)) cached, 0 read" "and now serves them all"

# While a writer holds the lock, what a reader sees may be half done:
# it uses the cache only by checking every entry, and writes none.
cp "$S/cache/summary" "$T/before"
c set "$real" members_total=9
sleep 3
"$PYTHON3" -c 'import fcntl, sys, time
f = open(sys.argv[1], "r+")
fcntl.lockf(f, fcntl.LOCK_EX)
open(sys.argv[2], "w").close()
time.sleep(30)' "$S/lock" "$T/locked" &
holder=$!
while [ ! -e "$T/locked" ]; do sleep 0.1; done
same "a writer at work"
ok "no cache is written while a writer holds the lock" \
    cmp -s "$T/before" "$S/cache/summary"
kill "$holder"
wait "$holder" 2>/dev/null
c list
nok "and one is once it is gone" cmp -s "$T/before" "$S/cache/summary"
is "$(trace)" "summary: $((N + 1)) cached, 0 read" \
    "a cache of the store's stamp is believed without a stat() per entry"

# An envelope edited in place, its size unchanged: only its ctime moves.
e=$(ls -d "$S"/sent/* | head -n 1)
sed 's/^form-id: htx-/form-id: ZZZ-/' "$e/envelope" >"$T/env"
is "$(wc -c <"$T/env")" "$(wc -c <"$e/envelope")" "the edit keeps the size"
cat "$T/env" >"$e/envelope"
# A hand edit inside an entry leaves the store's stamp alone: it shows
# after the next command that changes the store (coopreport-store.5),
# whose stamp makes list check each entry's envelope again.
c set "$real" members_total=8
is "$(trace)" "summary: $N cached, 1 read" \
    "after a command, an envelope edited in place is read again"
c list --porcelain
like "$(out)" "	ZZZ-" "and its new form is listed"
same "an envelope edited in place"

# A value appended, the way t3240 adds an upload's result.
e=$(ls -d "$S"/outbox/* | head -n 1)
printf 'last-error: the server did not answer\n' >>"$e/envelope"
c set "$real" members_total=7
same "an envelope appended to"

e=$(ls -d "$S"/sent/* | sed -n 2p)
mv "$e" "$S/failed/"
same "an entry moved"
rm -r "$(ls -d "$S"/drafts/* | head -n 1)"
same "an entry deleted"
u=00000000-0000-4000-8000-00000000abcd
mkdir -m 700 "$S/drafts/1799999999.$u"
printf 'version: 1\nform-id: added\ncreated: 2026-01-01T00:00:00Z\ninstance-id: uuid:%s\n' \
    "$u" >"$S/drafts/1799999999.$u/envelope"
same "an entry added"
rm "$(ls -d "$S"/failed/* | head -n 1)/envelope"
c set "$real" members_total=6
same "an envelope removed"
c list
like "$(err)" "report could not be read" "which is reported"

cp "$S/cache/summary" "$T/good"
head -c $(($(wc -c <"$T/good") / 2)) "$T/good" >"$S/cache/summary"
same "a truncated cache"
cp "$T/good" "$S/cache/summary"
sed '5s/=htx-/=xtx-/' "$T/good" >"$S/cache/summary"
same "a cache line changed"
c list --porcelain
unlike "$(out)" "xtx-" "a changed line is not believed"
{ sed -n '1p;3p;2p' "$T/good"; sed 1,3d "$T/good"; } >"$S/cache/summary"
same "cache lines out of order"
head -c 4000 /dev/urandom >"$S/cache/summary"
same "a garbage cache"
sed '1s/^coopreport-summary 2 .*/coopreport-summary 1/' "$T/good" \
    >"$S/cache/summary"
# What a reader killed while writing the cache leaves.
: >"$S/cache/.tmp-1-old"
touch -d '3 days ago' "$S/cache/.tmp-1-old"
: >"$S/cache/.tmp-2-young"
sleep 3	# past the racy limit, so that the cache is written
same "a cache of an older format"
like "$(head -n 1 "$S/cache/summary")" "^coopreport-summary 2 " \
    "which is replaced by one of this format"
ok "a temp file older than a day is swept then" test ! -e "$S/cache/.tmp-1-old"
ok "a young one, maybe another reader's, is not" test -e "$S/cache/.tmp-2-young"
: >"$S/cache/summary"
same "an empty cache"
rm "$S/cache/summary"
cp "$T/good" "$T/good.copy"
ln -s "$T/good" "$S/cache/summary"
same "a cache that is a symbolic link"
ok "which is replaced, not followed" test ! -L "$S/cache/summary"
ok "and the file it named is untouched" cmp "$T/good" "$T/good.copy"
rm -r "$S/cache"
: >"$S/cache"
same "a cache that cannot be written"
c list
is_rc 0 "list succeeds all the same"
is "$(err)" "$(COOPREPORT_TEST_NO_SUMMARY=1 C list 2>&1 >/dev/null)" \
    "and says nothing about the cache"
rm "$S/cache"

# A real report, changed by the commands themselves.
c set "$real" members_total=7
same "a report changed by set"
c delete --yes "$real"
same "a report deleted"

# Readers of a store that is not there create nothing.
COOPREPORT_HOME=$T/none C list >/dev/null 2>&1
ok "list of a missing store creates nothing" test ! -e "$T/none"
COOPREPORT_HOME=$T/none C status >/dev/null 2>&1
ok "nor does status" test ! -e "$T/none"

done_testing
