/*
 * main.c: process setup (umask, locale, translation, libxml2 and libcurl
 * initialisation) around cli_run(), which does the rest.
 */
#include "common.h"

#include <locale.h>
#include <langinfo.h>

#include <curl/curl.h>
#include <libxml/parser.h>

#include "cli.h"

/*
 * coopreport reads and writes Vietnamese text, so it needs a UTF-8
 * LC_CTYPE even when the environment says "C"; C.UTF-8 is always there
 * on glibc 2.35 and later.
 */
static void
setup_locale(void)
{
	const char	*dir;

	if (setlocale(LC_ALL, "") == NULL)
		setlocale(LC_ALL, "C");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	/* Tests run from the build tree, before "make install". */
	if ((dir = getenv("COOPREPORT_LOCALEDIR")) == NULL || *dir == '\0')
		dir = LOCALEDIR;
	bindtextdomain(PACKAGE, dir);
	textdomain(PACKAGE);
}

int
main(int argc, char **argv)
{
	int	 rc;

	/* Files 0600 and directories 0700, whatever the caller's umask. */
	umask(077);
	setup_locale();
	LIBXML_TEST_VERSION
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		fprintf(stderr, "fatal: %s\n",
		    _("cannot initialise the network library"));
		return EXIT_CODE_ERROR;
	}
	rc = cli_run(argc, argv);
	curl_global_cleanup();
	xmlCleanupParser();
	return rc;
}
