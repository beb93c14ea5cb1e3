# lint.awk: check the format of one tests/xpath/*.cases file
# (tests/xpath/README.md) and count its cases.
#
# Usage: awk -v dir=INSTANCES-DIR -f lint.awk FILE.cases
# Prints one line "FILE:LINE: problem" per problem, then a last line
# "cases N".  Checks: every expression line is followed at once by an
# expectation line ("=> TEXT", "=>", "!! TEXT" or "~> REGEX"); directives
# are known and well-formed; %instance and %secondary files exist in dir;
# an expression that is not expected to fail has balanced quotes,
# parentheses and brackets.  Regular expressions are checked by the
# caller (t1050-xpath-case-files.sh).

function problem(msg) {
	printf "%s:%d: %s\n", FILENAME, FNR, msg
	bad++
}

function exists(f,    line, r) {
	r = (getline line < f)
	if (r >= 0)
		close(f)
	return r >= 0
}

# balanced(s): "" when quotes, () and [] balance outside string literals,
# else what is wrong.
function balanced(s,    i, c, q, depth, stack) {
	q = ""
	depth = 0
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (q != "") {
			if (c == q)
				q = ""
			continue
		}
		if (c == "'" || c == "\"")
			q = c
		else if (c == "(" || c == "[")
			stack[++depth] = c
		else if (c == ")" || c == "]") {
			if (depth == 0)
				return "unopened '" c "'"
			if ((c == ")") != (stack[depth] == "("))
				return "'" stack[depth] "' closed by '" c "'"
			depth--
		}
	}
	if (q != "")
		return "unterminated string literal"
	if (depth > 0)
		return "unclosed '" stack[depth] "'"
	return ""
}

function directive(line,    name, arg, n, parts) {
	name = line
	sub(/^%/, "", name)
	sub(/[ \t].*/, "", name)
	arg = line
	if (!sub(/^%[a-z]+[ \t]+/, "", arg))
		arg = ""
	if (arg == "") {
		problem("directive without an argument")
		return
	}
	if (name == "instance") {
		if (arg != "-" && !exists(dir "/" arg))
			problem("no instance file '" arg "'")
	} else if (name == "secondary") {
		n = split(arg, parts, "=")
		if (n != 2 || parts[1] !~ /^[A-Za-z_][A-Za-z0-9_.-]*$/)
			problem("want %secondary ID=FILE")
		else if (!exists(dir "/" parts[2]))
			problem("no instance file '" parts[2] "'")
	} else if (name == "at") {
		if (arg !~ /^\//)
			problem("%at wants an absolute path")
	} else if (name == "now") {
		if (arg !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9](\.[0-9]+)?(Z|[+-][0-9][0-9]:[0-9][0-9])$/)
			problem("%now wants a dateTime with an offset")
	} else if (name == "tz") {
		if (arg !~ /^[A-Za-z_]+(\/[A-Za-z_+-]+)*$/ && arg != "UTC")
			problem("%tz wants a zone name")
	} else if (name == "seed") {
		if (arg !~ /^-?[0-9]+$/)
			problem("%seed wants an integer")
	} else
		problem("unknown directive '%" name "'")
}

BEGIN {
	want = "expression"
	bad = 0
	cases = 0
}

want == "expectation" {
	if ($0 ~ /^(=>|!!|~>)( |$)/) {
		if ($0 ~ /^(!!|~>)/ && length($0) < 4)
			problem("empty " substr($0, 1, 2) " expectation")
		if ($0 !~ /^!!/ && (msg = balanced(expr)) != "")
			printf "%s:%d: %s\n", FILENAME, exprline, msg, bad++
		cases++
		want = "expression"
		next
	}
	# report it, then read this line afresh
	problem("the expression on line " exprline \
	    " has no expectation line after it")
	want = "expression"
}

/^#/ || /^[ \t]*$/ { next }

/^%/ { directive($0); next }

/^(=>|!!|~>)( |$)/ { problem("an expectation without an expression"); next }

{
	expr = $0
	exprline = FNR
	want = "expectation"
}

END {
	if (want == "expectation")
		printf "%s:%d: the expression has no expectation line\n",
		    FILENAME, exprline
	print "cases " cases
}
