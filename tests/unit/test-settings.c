/*
 * test-settings.c: src/config.c, coopreport-config(5) and the language of
 * the locale.
 */
#include "common.h"

#include <unistd.h>

#include "settings.h"
#include "../tap.h"

static char dir[] = "/tmp/test-settings.XXXXXX";

static int
load(const char *text, struct settings *c, struct buf *err)
{
	char	*path;
	FILE	*f;
	int	 rc;

	xasprintf(&path, "%s/config", dir);
	f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	settings_init(c);
	buf_reset(err);
	rc = settings_load(c, path, err);
	unlink(path);
	free(path);
	return rc;
}

int
main(void)
{
	struct settings	 c;
	struct buf	 err = BUF_INIT;
	char		*p;

	if (mkdtemp(dir) == NULL)
		return 99;

	is_int(load("lang = en\n", &c, &err), 0, "'lang = en' loads");
	is_str(c.lang, "en", "lang is en");
	settings_release(&c);
	is_int(load("# comment\n\n  lang=vi  \r\n", &c, &err), 0,
	    "comments, blanks, spaces and CRLF are fine");
	is_str(c.lang, "vi", "lang is vi");
	settings_release(&c);
	is_int(load("lang = fr\n", &c, &err), -1, "lang = fr is refused");
	ok(strstr(err.s, "config:1: 'lang' must be 'vi' or 'en', not 'fr'")
	    != NULL, "the bad value is named with its line: %s", err.s);
	settings_release(&c);
	is_int(load("\nlanguage = vi\n", &c, &err), -1, "an unknown key is "
	    "refused");
	ok(strstr(err.s, "config:2: unknown setting 'language'") != NULL,
	    "the unknown key is named with its line: %s", err.s);
	settings_release(&c);
	is_int(load("lang\n", &c, &err), -1, "a line without '=' is refused");
	ok(strstr(err.s, "expected 'key = value'") != NULL, "and says so");
	settings_release(&c);

	settings_init(&c);
	is_int(settings_load(&c, "/nonexistent/coopreport/config", &err), 0,
	    "a missing file is no error");
	ok(c.lang == NULL, "and sets nothing");
	settings_release(&c);

	setenv("XDG_CONFIG_HOME", "/x/cfg", 1);
	p = settings_path();
	is_str(p, "/x/cfg/coopreport/config", "XDG_CONFIG_HOME is used");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", "/home/k", 1);
	p = settings_path();
	is_str(p, "/home/k/.config/coopreport/config", "else ~/.config");
	free(p);

	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANG", "vi_VN.UTF-8", 1);
	is_str(settings_locale_lang(), "vi", "LANG=vi_VN.UTF-8 means vi");
	setenv("LC_MESSAGES", "en_GB.UTF-8", 1);
	is_str(settings_locale_lang(), "en", "LC_MESSAGES comes before LANG");
	setenv("LC_ALL", "C.UTF-8", 1);
	ok(settings_locale_lang() == NULL, "LC_ALL=C.UTF-8 says nothing");

	rmdir(dir);
	buf_release(&err);
	return done_testing();
}
