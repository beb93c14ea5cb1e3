#!/bin/sh
# t3220-bundle.sh: reports carried on a USB stick (src/bundle.c,
# src/cmd-export.c, src/cmd-import-bundle.c): export writes the files
# and a manifest that sha256sum checks; import-bundle puts the reports
# into another store's outbox byte for byte, twice harmlessly, and
# refuses a changed, missing or strange file by name, a hostile manifest,
# and a different report with a known id, importing nothing then.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/store-lib.sh"
. "$top_srcdir/tests/lifecycle-lib.sh"

S=$COOPREPORT_HOME
B=$T/usb/bao-cao
S2=$T/other

printf '%%PDF-1.4\nký tên\n' >"$T/bien-ban.pdf"
for k in 1 2; do
	C new --empty coop-mini >"$T/id" 2>/dev/null
	id=$(cat "$T/id")
	fill "$id"
	C set "$id" "statement=@$T/bien-ban.pdf" >/dev/null 2>&1
	C finalize "$id" >/dev/null 2>&1
	eval "id$k=\$id"
done
C new --empty coop-mini >"$T/id" 2>/dev/null
draft=$(cat "$T/id")
is "$(envelope_key "$id1" attachments)" "bien-ban.pdf" \
    "finalize records the attachment the submission names"

c export --to "$B" "$draft"
is_rc 1 "a draft is not exported"
like "$(err)" "report '$draft' is not finalized \\(it is in drafts/\\)" \
    "and says so"
ok "and nothing is written" test ! -e "$B"

snapshot "$S" >"$T/store.before"
c export --to "$B"
is_rc 0 "export the outbox"
like "$(err)" "2 reports exported to '$B'" "says how many"
snapshot "$S" >"$T/store.after"
ok "the store is only read" cmp "$T/store.before" "$T/store.after"
is "$(stat -c %a "$B")" 700 "the bundle's folder is 0700"
is "$(head -n 1 "$B/MANIFEST")" "coopreport-bundle 1" "the manifest's first line"
is "$(tail -n +2 "$B/MANIFEST" | wc -l)" 10 "then a line per file"
(cd "$B" && tail -n +2 MANIFEST | sha256sum -c --strict --quiet) \
    >"$T/sum" 2>&1
is "$?:$(cat "$T/sum")" "0:" "sha256sum -c checks the bundle"
e1=$(basename "$(entry "$id1")")
ok "each report's folder is named as its entry" test -d "$B/$e1"
ok "with the attachment" cmp "$T/bien-ban.pdf" "$B/$e1/bien-ban.pdf"
is "$(stat -c %a "$B/$e1/submission.xml")" 600 "files are 0600"

c export --to "$B" "$id1"
is_rc 0 "exporting into the same bundle again"
snapshot "$B" >"$T/b1"
(cd "$B" && tail -n +2 MANIFEST | sha256sum -c --quiet) >/dev/null 2>&1
is "$?" 0 "keeps it whole, with both reports"
mkdir "$T/junk" && echo x >"$T/junk/notes.txt"
c export --to "$T/junk"
is_rc 1 "a folder that holds something else is refused"
like "$(err)" "'$T/junk' is not empty and holds no bundle" "and said"

# Import into another store.
COOPREPORT_HOME=$S2
c import-bundle "$B"
is_rc 0 "import-bundle"
like "$(err)" "report ${id1} \\(coop-mini\\) is in the outbox" "names each report"
like "$(err)" "2 reports imported from '$B'" "and counts them"
for k in 1 2; do
	eval "id=\$id$k"
	e=$(basename "$(entry "$id")")
	ok "report $k: the same entry name" test -d "$S2/outbox/$e"
	ok "report $k: the same submission.xml" \
	    cmp "$S/outbox/$e/submission.xml" "$S2/outbox/$e/submission.xml"
	ok "report $k: the same attachment" \
	    cmp "$S/outbox/$e/bien-ban.pdf" "$S2/outbox/$e/bien-ban.pdf"
	like "$(tail -n 1 "$S2/outbox/$e/history")" " import-bundle from $B$" \
	    "report $k: the history says whence it came"
done
c log "$id1"
like "$(err)" "is intact" "the imported history holds"
c fsck
is_rc 0 "the other store checks clean"
snapshot "$S2" >"$T/s2.before"
c import-bundle "$B"
is_rc 0 "importing the same bundle again"
like "$(err)" "report ${id1} \\(coop-mini\\) is already in the store" \
    "is harmless"
like "$(err)" "0 reports imported" "and imports nothing"
snapshot "$S2" >"$T/s2.after"
ok "the store did not change" cmp "$T/s2.before" "$T/s2.after"

# Refusals: each names the file, and nothing is imported.
rm -rf "$S2"
try() {
	# try DESC ERE: import the copy in $T/b; refused, named, nothing in.
	c import-bundle "$T/b"
	is_rc 1 "$1"
	like "$(err)" "$2" "$1: named"
	ok "$1: nothing imported" test ! -d "$S2/outbox" -o -z "$(ls "$S2/outbox" 2>/dev/null)"
}
fresh() {
	rm -rf "$T/b" "$S2"
	cp -a "$B" "$T/b"
}
fresh
echo "<!-- sửa -->" >>"$T/b/$e1/submission.xml"
try "a changed submission" "'$T/b/$e1/submission.xml' is not the file the manifest lists"
fresh
rm "$T/b/$e1/history"
try "a missing file" "'$T/b/$e1/history' is missing from the bundle"
fresh
rm "$T/b/$e1/bien-ban.pdf"
ln -s /etc/passwd "$T/b/$e1/bien-ban.pdf"
try "a link instead of a file" "'$T/b/$e1/bien-ban.pdf' is not a plain file"
fresh
sed -i "s|$e1/envelope|$e1/../../../etc/passwd|" "$T/b/MANIFEST"
try "a path that climbs out" "damaged manifest '$T/b/MANIFEST' at line [0-9]+: the path is not"
fresh
sed -i "s|  $e1/envelope|  /etc/passwd|" "$T/b/MANIFEST"
try "an absolute path" "damaged manifest .* the path is not"
fresh
sed -i "2s|^|x|" "$T/b/MANIFEST"
try "a line that is not a hash and a path" "damaged manifest .*line 2: the line is not"
fresh
sed -i "1s/1/2/" "$T/b/MANIFEST"
try "an unknown version" "damaged manifest .*line 1: the first line is not 'coopreport-bundle 1'"
fresh
grep -v "/submission.xml" "$B/MANIFEST" >"$T/b/MANIFEST"
try "a report without its submission" "is not a finalized report"
fresh
rm "$T/b/MANIFEST"
try "a folder without a manifest" "'$T/b' is not a bundle: it has no MANIFEST"

# A different report with the same id in the store.
fresh
mkdir -p "$S2"
COOPREPORT_HOME=$S2
C new --empty coop-mini >/dev/null 2>&1
mkdir -p "$S2/outbox"
cp -a "$S/outbox/$e1" "$S2/outbox/$e1"
echo "<!-- khác -->" >>"$S2/outbox/$e1/submission.xml"
snapshot "$S2" >"$T/s2.before"
c import-bundle "$T/b"
is_rc 1 "a different report with a known id is refused"
like "$(err)" "has the id of a different report in the store" "and said"
snapshot "$S2" >"$T/s2.after"
ok "nothing was imported" cmp "$T/s2.before" "$T/s2.after"

done_testing
