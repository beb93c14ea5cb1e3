#!/bin/sh
# t1000-eval.sh: "coopreport eval" (src/cmd-eval.c, over src/xpath.c,
# src/xpath-fn.c and src/datetime.c): instance files, --at, --now,
# --seed, secondary instances, errors and exit codes, unreadable and
# malformed files, and an XXE attempt that must not read /etc/passwd.
. "${top_srcdir:-.}/tests/lib.sh"

cat >"$T/report.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<data id="bao_cao_quy">
  <coop_name>Hợp tác xã Tân Phú</coop_name>
  <province>79</province>
  <members>12</members>
  <members_total>30</members_total>
  <period_end>2025-06-30</period_end>
  <g><q>4</q></g>
</data>
XML
cat >"$T/provinces.xml" <<'XML'
<root>
  <item><code>01</code><name>Hà Nội</name></item>
  <item><code>79</code><name>Hồ Chí Minh</name></item>
</root>
XML

cr eval '1 + 2 * 3'
is_rc 0 "an expression without an instance exits 0"
is "$(out)" "7" "it prints the result"
is "$(err)" "" "and nothing on stderr"

cr eval --instance "$T/report.xml" '/data/members_total - /data/members'
is "$(out)" "18" "paths read the primary instance"

cr eval --instance "$T/report.xml" 'name(.)'
is "$(out)" "data" "the context is the primary root element by default"

cr eval --instance "$T/report.xml" --at /data/members \
    '. >= 0 and . <= /data/members_total'
is_rc 0 "a constraint with --at exits 0"
is "$(out)" "true" "the constraint holds for the context node"

cr eval --instance "$T/report.xml" --at g/q '. * 2'
is "$(out)" "8" "--at may be relative to the root element"

cr eval --instance "$T/report.xml" --at /data/g/q 'current()/../../members'
is "$(out)" "12" "current() is the --at node"

cr eval --instance "$T/report.xml" --at /data/nosuch '.'
is_rc 1 "an --at path that selects nothing is an error"
like "$(err)" "^error: '--at /data/nosuch' must select exactly one node, not 0$" \
    "the error names the path"

cr eval --instance "$T/report.xml" --at '/data/*' '.'
is_rc 1 "an --at path that selects many nodes is an error"

cr eval --now 2025-06-15T10:30:00+07:00 'today()'
is "$(out)" "2025-06-15" "--now fixes today()"
cr eval --now 2025-06-15T10:30:00+07:00 'now()'
is "$(out)" "2025-06-15T10:30:00.000+07:00" "--now fixes now(), in local time"
TZ=UTC cr eval --now 2025-06-15T02:30:00+07:00 'today()'
is "$(out)" "2025-06-14" "today() is the local date"

cr eval --now yesterday 'today()'
is_rc 1 "an unreadable --now is an error"
like "$(err)" "^error: cannot read the time 'yesterday'" "the value is named"

cr eval --instance "$T/report.xml" --now 2025-07-20T08:00:00+07:00 \
    'today() > /data/period_end'
is "$(out)" "true" "dates compare as days"

cr eval --seed 42 'random()'
first=$(out)
cr eval --seed 42 'random()'
is "$(out)" "$first" "--seed makes random() repeatable"
cr eval --seed -1 'random()'
is_rc 1 "a negative --seed is an error"

cr eval --instance "$T/report.xml" --instance "provinces=$T/provinces.xml" \
    "instance('provinces')/root/item[code = /data/province]/name"
is_rc 0 "a secondary instance exits 0"
is "$(out)" "Hồ Chí Minh" "absolute paths in its predicates read the primary"

cr eval --instance "$T/report.xml" "instance('provinces')/root"
is_rc 1 "an unknown secondary instance is an error"
like "$(err)" "^error: column 1: no secondary instance 'provinces'$" \
    "the error names the instance and the column"

cr eval --instance "$T/report.xml" --instance "$T/provinces.xml" '1'
is_rc 1 "two primary instances are an error"

cr eval '(1 + 2'
is_rc 1 "a parse error exits 1"
is "$(err)" "error: column 7: expected ')'" "it names the column"
is "$(out)" "" "and prints nothing on stdout"

cr eval 'foo(1)'
is_rc 1 "an unknown function exits 1"
is "$(err)" "error: column 1: unknown function 'foo'" "the function is named"

cr eval 'round(1, 2, 3)'
is "$(err)" "error: column 1: 'round' takes 1 or 2 arguments" \
    "a wrong arity is an error"

cr eval 'count(1)'
is_rc 1 "an evaluation error exits 1"
is "$(err)" "error: column 1: 'count' needs a node-set, not a number" \
    "it names the function and the column"

cr eval --instance "$T/missing.xml" '1'
is_rc 1 "a missing instance file exits 1"
like "$(err)" "^error: cannot read instance '.*/missing.xml': No such file or directory$" \
    "the error names the file and the reason"

printf '<data>\n<a>1</b>\n</data>\n' >"$T/bad.xml"
cr eval --instance "$T/bad.xml" '1'
is_rc 1 "malformed XML exits 1"
like "$(err)" "^error: cannot read instance '.*/bad.xml': line 2: " \
    "the error names the file and the line"

cr eval --instance "p=$T/bad.xml" '1'
is_rc 1 "a malformed secondary instance exits 1"

: >"$T/empty.xml"
cr eval --instance "$T/empty.xml" '1'
is_rc 1 "an empty instance file exits 1"

cat >"$T/xxe.xml" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE data [
  <!ENTITY secret SYSTEM "file:///etc/passwd">
  <!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd">
  %remote;
]>
<data><a>&secret;</a><b>x</b></data>
XML
cr eval --instance "$T/xxe.xml" 'concat(/data/a, "|", /data/b)'
unlike "$(out)" "root:" "an external entity does not read /etc/passwd"
unlike "$(err)" "root:" "nor shows it in an error"

cat >"$T/lol.xml" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE data [
  <!ENTITY a "aaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<data><x>&c;</x></data>
XML
cr eval --instance "$T/lol.xml" 'string-length(/data/x)'
unlike "$(out)" '^1000$' "internal entities are not expanded into the text"

cr eval
is_rc 2 "no expression is misuse"
cr eval 1 2
is_rc 2 "two expressions are misuse"

cr eval --help
like "$(out)" "^usage: coopreport eval \[--instance FILE\]" "eval has a usage line"

done_testing
