/*
 * settings.h: the user's configuration file, coopreport-config(5).  (The
 * module is not called config: <config.h> is autoconf's header.)
 *
 * Purpose: settings that outlive one command line.  The file is
 * $XDG_CONFIG_HOME/coopreport/config (by default
 * ~/.config/coopreport/config): lines "key = value", '#' starts a
 * comment, blank lines are ignored.  Known keys:
 *	lang	vi or en: the language of labels and messages
 *
 * Calling sequence: settings_init(&c); settings_load(&c, path, &err) (a
 * missing file is not an error); read c.lang; settings_release(&c).
 * settings_path() says where the file is for this environment.
 *
 * Error handling: settings_load() returns -1 and puts one line in err,
 * "FILE:LINE: what is wrong", for an unreadable file, a line that is not
 * "key = value", an unknown key or a bad value.
 *
 * Ownership: the strings in struct settings belong to it until
 * settings_release(); settings_path() returns a string the caller frees.
 */
#ifndef SETTINGS_H
#define SETTINGS_H

struct settings {
	char	*lang;		/* "vi", "en", or NULL when not set */
};

void	 settings_init(struct settings *);
void	 settings_release(struct settings *);
char	*settings_path(void);
int	 settings_load(struct settings *, const char *, struct buf *);

/* "vi" or "en" from the locale environment (LC_ALL, LC_MESSAGES, LANG,
 * the first one set), or NULL. */
const char *settings_locale_lang(void);

#endif /* SETTINGS_H */
