/*
 * settings.c: reading coopreport-config(5), and the language the locale
 * asks for.  The file is small and read whole; a key the program does not
 * know is an error, so that a typing mistake never goes unnoticed.
 */
#include "common.h"

#include "settings.h"

#define SETTINGS_MAX_SIZE	65536

void
settings_init(struct settings *c)
{
	memset(c, 0, sizeof(*c));
}

void
settings_release(struct settings *c)
{
	free(c->lang);
	settings_init(c);
}

char *
settings_path(void)
{
	const char	*x = getenv("XDG_CONFIG_HOME"), *home;
	char		*p;

	if (x != NULL && x[0] == '/') {
		xasprintf(&p, "%s/coopreport/config", x);
		return p;
	}
	if ((home = getenv("HOME")) == NULL || *home == '\0')
		home = ".";
	xasprintf(&p, "%s/.config/coopreport/config", home);
	return p;
}

static bool
is_lang(const char *v)
{
	return strcmp(v, "vi") == 0 || strcmp(v, "en") == 0;
}

static char *
strip(char *s)
{
	char	*e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static int
settings_line(struct settings *c, char *line, const char *path, size_t lineno,
    struct buf *err)
{
	char	*eq, *key, *value;

	line = strip(line);
	if (*line == '\0' || *line == '#')
		return 0;
	if ((eq = strchr(line, '=')) == NULL)
		return buf_errf(err, _("%s:%zu: expected 'key = value'"),
		    path, lineno);
	*eq = '\0';
	key = strip(line);
	value = strip(eq + 1);
	if (strcmp(key, "lang") == 0) {
		if (!is_lang(value))
			return buf_errf(err, _("%s:%zu: 'lang' must be 'vi' "
			    "or 'en', not '%s'"), path, lineno, value);
		free(c->lang);
		c->lang = xstrdup(value);
		return 0;
	}
	return buf_errf(err, _("%s:%zu: unknown setting '%s'"), path, lineno,
	    key);
}

int
settings_load(struct settings *c, const char *path, struct buf *err)
{
	struct buf	 text = BUF_INIT;
	char		 chunk[4096], *line, *next;
	size_t		 n, lineno = 0;
	FILE		*f;
	int		 rc = 0;

	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			return 0;
		return buf_errf(err, _("cannot read '%s': %s"), path,
		    strerror(errno));
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		buf_add(&text, chunk, n);
		if (text.len > SETTINGS_MAX_SIZE)
			break;
	}
	if (ferror(f))
		rc = buf_errf(err, _("cannot read '%s': %s"), path,
		    strerror(errno));
	else if (text.len > SETTINGS_MAX_SIZE)
		rc = buf_errf(err, _("'%s' is too large for a configuration "
		    "file"), path);
	else if (memchr(text.s, '\0', text.len) != NULL)
		rc = buf_errf(err, _("'%s' is not a text file"), path);
	fclose(f);
	for (line = text.s; rc == 0 && line != NULL && *line != '\0';
	    line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		rc = settings_line(c, line, path, ++lineno, err);
	}
	buf_release(&text);
	return rc;
}

const char *
settings_locale_lang(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char	*v;
	size_t		 i;

	for (i = 0; i < nitems(vars); i++) {
		if ((v = getenv(vars[i])) == NULL || *v == '\0')
			continue;
		if (strncmp(v, "vi", 2) == 0)
			return "vi";
		if (strncmp(v, "en", 2) == 0)
			return "en";
		return NULL;
	}
	return NULL;
}
