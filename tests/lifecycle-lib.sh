# tests/lifecycle-lib.sh: helpers for the scenarios of the report
# lifecycle (t32xx-t35xx), sourced after tests/lib.sh and
# tests/store-lib.sh.  They use the small form tests/forms/coop-mini.xml.
#
#   c ARGS...               cr with --forms tests/forms
#   C ARGS...               coopreport itself, not under valgrind (loops)
#   fill ID [e_invoice]     answer every question of a coop-mini draft;
#                           e_invoice=khong (the default co) raises the
#                           form's one warning
#   entry ID                the folder of report ID in the store
#   envelope_key ID KEY     the value of KEY in report ID's envelope
#   make_base DIR [N]       the store of the crash and fault scenarios:
#                           a profile; a filled draft with a warning ($d);
#                           a draft ($d2); a finalized report with an
#                           attachment ($o); $T/scan.pdf, $T/answers.csv,
#                           and a bundle of N reports (1) in $T/usb
#   normalized DIR [raw]    snapshot() with tmp/ left out (scratch by
#                           design: what a crash left half done) and,
#                           unless raw, every uuid and SHA-256 in paths
#                           and contents replaced by a placeholder, for
#                           runs that make new reports (random uuids)

F=$top_srcdir/tests/forms
c() { cr --forms "$F" "$@"; }
C() { "$COOPREPORT" --forms "$F" "$@"; }

fill() {
	C set "$1" org_type=htx tax_code=4201785235 members_total=12 \
	    staff_total=3 it_staff=1 revenue_total=100 profit_before_tax=10 \
	    reg_date=2020-01-01 internet_fixed=co internet_speed=50_100 \
	    software_used=ke_toan "e_invoice=${2:-co}" >/dev/null 2>&1
}

entry() {
	for _e in "$COOPREPORT_HOME"/*/*."$1"*; do
		[ -d "$_e" ] && echo "$_e"
	done
}

envelope_key() {
	sed -n "s/^$2: //p" "$(entry "$1")/envelope"
}

UUID_RE='[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
normalized() {
	[ -d "$1" ] || { echo "(no store)"; return; }
	if [ "${2:-}" = raw ]; then
		_n='s/^$//'
	else
		_n="s/$UUID_RE/UUID/g; s/[0-9a-f]{64}/HASH/g"
	fi
	(cd "$1" && find . -path ./tmp -prune -o -print | LC_ALL=C sort |
	    while read -r f; do
		if [ -d "$f" ]; then
			echo "d $(stat -c %a "$f") $f"
		else
			echo "f $(stat -c %a "$f") $(sed -E "$_n" "$f" |
			    sha256sum | cut -c1-64) $f"
		fi
	done) | sed -E "$_n" | LC_ALL=C sort
}

make_base() {
	printf '%%PDF-1.4\nbiên bản\n' >"$T/scan.pdf"
	printf 'path,value\nmembers_total,21\nstaff_total,4\nit_staff,2\n' \
	    >"$T/answers.csv"
	_home=$COOPREPORT_HOME
	COOPREPORT_HOME=$1
	C profile set org_type=htx tax_code=4201785235 >/dev/null 2>&1
	C new --empty coop-mini >"$T/id" 2>/dev/null; d=$(cat "$T/id")
	fill "$d" khong
	C new --empty coop-mini >"$T/id" 2>/dev/null; d2=$(cat "$T/id")
	C new --empty coop-mini >"$T/id" 2>/dev/null; o=$(cat "$T/id")
	fill "$o"
	C set "$o" "statement=@$T/scan.pdf" >/dev/null 2>&1
	C finalize "$o" >/dev/null 2>&1
	COOPREPORT_HOME=$T/elsewhere
	for _k in $(seq 1 "${2:-1}"); do
		C new --empty coop-mini >"$T/id" 2>/dev/null
		fill "$(cat "$T/id")"
		C finalize "$(cat "$T/id")" >/dev/null 2>&1
	done
	C export --to "$T/usb" >/dev/null 2>&1
	COOPREPORT_HOME=$_home
}
