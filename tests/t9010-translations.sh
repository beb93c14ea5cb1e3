#!/bin/sh
# t9010-translations.sh: every message a user can read is translated
# (po/POTFILES.in, po/vi.po, src/*.c): each source file with _() or N_()
# is listed for xgettext, and po/vi.po translates every message they hold,
# with nothing fuzzy, so that "--lang vi" never falls back to English.
. "${top_srcdir:-.}/tests/lib.sh"

command -v xgettext >/dev/null 2>&1 && command -v msgcmp >/dev/null 2>&1 ||
    skip_all "xgettext and msgcmp (gettext) are needed"

cd "$top_srcdir" || exit 99

listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort)
marked=$(grep -l -E '(^|[^A-Za-z0-9_])N?_\(' src/*.c | sort)
missing=$(printf '%s\n' "$marked" | grep -vxF "$listed")
is "$missing" "" "every source file with messages is in po/POTFILES.in"

xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=Q_:1,2 \
    --language=C -o "$T/coopreport.pot" $listed 2>"$T/xgettext.err"
is "$?" 0 "xgettext reads every listed file"

msgcmp po/vi.po "$T/coopreport.pot" >"$T/msgcmp" 2>&1
is "$?:$(head -n 20 "$T/msgcmp")" "0:" \
    "po/vi.po translates every message of the program"

fuzzy=$(msgattrib --only-fuzzy --no-obsolete po/vi.po 2>/dev/null |
    grep -c '^msgid ' )
is "$fuzzy" 0 "po/vi.po has no fuzzy translation"

msgfmt -c -o /dev/null po/vi.po 2>"$T/msgfmt"
is "$?:$(cat "$T/msgfmt")" "0:" "po/vi.po passes msgfmt -c (formats match)"

done_testing
