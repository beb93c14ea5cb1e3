#!/bin/sh
# t9100-lang.sh: the language of messages and labels (src/cli.c,
# src/settings.c, po/vi.po, man/coopreport-config.5): --lang, then the
# configuration file, then the locale, then Vietnamese; gettext finds the
# catalogue built for the tests; a broken configuration stops commands.
. "${top_srcdir:-.}/tests/lib.sh"

cfg=$HOME/.config/coopreport/config
F=$top_srcdir/tests/forms

rm -f "$cfg"
cr nosuchcommand
is_rc 2 "no setting, a C locale: an unknown command is misuse"
is "$(head -n 1 "$T/err")" "error: không có lệnh 'nosuchcommand'" \
    "the message is in Vietnamese, the default"
cr --help
like "$(out)" "^Các lệnh:$" "--help is in Vietnamese too"

LC_ALL=en_US.UTF-8
export LC_ALL
cr nosuchcommand
is "$(head -n 1 "$T/err")" "error: unknown command 'nosuchcommand'" \
    "LC_ALL=en_US.UTF-8: English"
unset LC_ALL
LC_MESSAGES=vi_VN.UTF-8 LANG=en_US.UTF-8
export LC_MESSAGES LANG
cr nosuchcommand
is "$(head -n 1 "$T/err")" "error: không có lệnh 'nosuchcommand'" \
    "LC_MESSAGES=vi_VN comes before LANG=en_US"
unset LC_MESSAGES
cr nosuchcommand
is "$(head -n 1 "$T/err")" "error: unknown command 'nosuchcommand'" \
    "LANG=en_US.UTF-8 alone: English"

echo "lang = vi" >"$cfg"
cr nosuchcommand
is "$(head -n 1 "$T/err")" "error: không có lệnh 'nosuchcommand'" \
    "the configuration comes before the locale"
cr --lang en nosuchcommand
is "$(head -n 1 "$T/err")" "error: unknown command 'nosuchcommand'" \
    "--lang comes before the configuration"
cr help --lang en
like "$(out)" "^Commands:$" "--lang after the command name"

mkdir -p "$T/xdg/coopreport"
echo "lang = en" >"$T/xdg/coopreport/config"
XDG_CONFIG_HOME=$T/xdg
export XDG_CONFIG_HOME
cr nosuchcommand
is "$(head -n 1 "$T/err")" "error: unknown command 'nosuchcommand'" \
    "XDG_CONFIG_HOME is where the configuration is"
unset XDG_CONFIG_HOME
LC_ALL=C.UTF-8
export LC_ALL

cr --lang fr help
is_rc 2 "--lang fr is misuse"
like "$(err)" "^error: --lang nhận 'vi' hoặc 'en', không nhận 'fr'$" \
    "and says so in the configured language"
echo "lang = en" >"$cfg"
cr help --lang fr
like "$(err)" "^error: --lang takes 'vi' or 'en', not 'fr'$" "or in English"

printf 'lang = vi\ncolour = yes\n' >"$cfg"
cr --forms "$F" forms
is_rc 1 "a broken configuration stops a command"
like "$(err)" "^error: .*/config:2: unknown setting 'colour'$" \
    "naming the file and the line"
printf 'lang = de\n' >"$cfg"
cr --lang en forms
is_rc 1 "even with --lang"
like "$(err)" "config:1: 'lang' must be 'vi' or 'en', not 'de'" \
    "a bad value is named"

# The form follows the language.
echo "lang = vi" >"$cfg"
cr --forms "$F" new coop-mini
id=$(out)
cr --forms "$F" show "$id"
like "$(out)" "^A\\. Thông tin chung$" "labels in Vietnamese"
echo "lang = en" >"$cfg"
cr --forms "$F" show "$id"
like "$(out)" "^A\\. General information$" "labels in English"

done_testing
