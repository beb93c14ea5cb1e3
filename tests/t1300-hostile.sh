#!/bin/sh
# t1300-hostile.sh: hostile form files are refused, quickly and in
# bounded memory (src/form.c: the DOCTYPE refusal, no network, no entity
# expansion, the size limit, libxml2's depth limit): the billion-laughs
# entity, XXE on file:///etc/passwd, an external DTD, 10^5-deep nesting
# and a 100 MB text node.  The big files are made here, never committed.
. "${top_srcdir:-.}/tests/lib.sh"

H=$T/hostile
mkdir -p "$H"
# A guard against a hang, not a measure: every refusal takes far less.
ulimit -t 120 2>/dev/null || :
head='<h:html xmlns="http://www.w3.org/2002/xforms"'
head="$head"' xmlns:h="http://www.w3.org/1999/xhtml">'

{
	echo '<?xml version="1.0"?>'
	echo '<!DOCTYPE h:html ['
	echo '<!ENTITY lol0 "lol">'
	i=1
	while [ $i -le 12 ]; do
		p=$((i - 1))
		printf '<!ENTITY lol%d "' $i
		j=0
		while [ $j -lt 10 ]; do printf '&lol%d;' $p; j=$((j + 1)); done
		printf '">\n'
		i=$((i + 1))
	done
	echo ']>'
	echo "$head<h:head><h:title>&lol12;</h:title></h:head></h:html>"
} >"$H/laughs.xml"

cat >"$H/xxe.xml" <<XML
<?xml version="1.0"?>
<!DOCTYPE h:html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
$head<h:head><h:title>&xxe;</h:title></h:head></h:html>
XML

cat >"$H/dtd.xml" <<XML
<?xml version="1.0"?>
<!DOCTYPE h:html SYSTEM "http://127.0.0.1:9/xforms.dtd">
$head<h:head><h:title>t</h:title></h:head></h:html>
XML

awk -v head="$head" 'BEGIN {
	printf "%s<h:head><h:title>", head
	for (i = 0; i < 100000; i++) printf "<a>"
	for (i = 0; i < 100000; i++) printf "</a>"
	print "</h:title></h:head></h:html>"
}' >"$H/deep.xml"

{
	printf '%s<h:head><h:title>' "$head"
	head -c 100000000 /dev/zero | tr '\0' 'a'
	printf '</h:title></h:head></h:html>\n'
} >"$H/big.xml"

# Largest resident set of a command, in KiB, when python3 can tell.
maxrss() {
	[ -n "${PYTHON3:-}" ] || return 0
	"$PYTHON3" -c '
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,
    stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
}

# hostile FILE WHAT MESSAGE
hostile() {
	cr lint "$H/$1"
	is_rc 1 "$2 is refused"
	like "$(out)" "$3" "$2: the refusal says why"
	unlike "$(out)" "root:" "$2: nothing of /etc/passwd comes out"
	if [ -z "$VALGRIND" ] && [ -n "${PYTHON3:-}" ]; then
		kib=$(maxrss "$COOPREPORT" lint "$H/$1")
		if [ "$kib" -lt 65536 ]; then
			_result 1 "$2: refused in less than 64 MiB ($kib KiB)"
		else
			_result 0 "$2: refused in less than 64 MiB ($kib KiB)"
		fi
	fi
}

hostile laughs.xml "the billion-laughs entity" \
    "laughs.xml: the document has a document type declaration"
hostile xxe.xml "XXE on file:///etc/passwd" \
    "xxe.xml: the document has a document type declaration"
hostile dtd.xml "an external DTD" \
    "dtd.xml: the document has a document type declaration"
hostile deep.xml "10^5-deep nesting" \
    "deep.xml:1: the XML is not well formed: .*depth"
hostile big.xml "a 100 MB text node" \
    "cannot read '.*big.xml': it is larger than 8388608 bytes"

# A hostile media file of a good form is refused as well.
mkdir -p "$H/f/good-media"
evil='<instance id="evil" src="jr://file/evil.xml"/>'
sed "s|<instance id=\"provinces\">|$evil<instance id=\"provinces\">|" \
    "$top_srcdir/tests/forms/household.xml" >"$H/f/good.xml"
cp "$top_srcdir/tests/forms/household-media/"* "$H/f/good-media/"
cp "$H/xxe.xml" "$H/f/good-media/evil.xml"
cr lint "$H/f/good.xml"
is_rc 1 "a form whose media file has a DTD is refused"
like "$(out)" "secondary instance 'evil': evil.xml: the document has a \
document type declaration" "the media file is named"
sed 's|src="jr://file/evil.xml"|src="jr://file/../evil.xml"|' \
    "$H/f/good.xml" >"$H/f/escape.xml"
cr lint "$H/f/escape.xml"
like "$(out)" "unsupported feature: the secondary instance 'evil' comes \
from 'jr://file/../evil.xml'" "a media path out of the folder is refused"

done_testing
