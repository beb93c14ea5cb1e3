/*
 * test-form-peek.c: form_peek() (src/form.c) reads the id and version of
 * a form without loading it, and formdir_load() (src/formdir.c) uses it
 * to skip the forms it is not looking for.  Whenever the peek answers,
 * it must say what form_load() says: on every form of the tree and on
 * forms made to mislead it (the id element after a long itext, a second
 * head or instance, namespaces, entities, a DTD).  formdir_load() must
 * still find a form by the id in the file, whatever the file's name.
 */
#include "common.h"

#include <libxml/parser.h>

#include "form.h"
#include "formdir.h"

#include "../tap.h"

static const char *top;
static char dir[] = "/tmp/test-form-peek.XXXXXX";

/* A minimal form; head_extra goes before <model>, model_extra before
 * the first <instance>, root is the primary instance's element. */
static char *
form_xml(const char *head_extra, const char *model_extra, const char *root)
{
	char	*s;

	xasprintf(&s, "<?xml version=\"1.0\"?>\n"
	    "<h:html xmlns=\"http://www.w3.org/2002/xforms\" "
	    "xmlns:h=\"http://www.w3.org/1999/xhtml\" "
	    "xmlns:orx=\"http://openrosa.org/xforms\">"
	    "<h:head><h:title>t</h:title>%s<model>%s<instance>%s</instance>"
	    "<bind nodeset=\"/data/a\" type=\"string\"/></model></h:head>"
	    "<h:body><input ref=\"/data/a\"><label>a</label></input>"
	    "</h:body></h:html>\n", head_extra, model_extra, root);
	return s;
}

static char *
write_file(const char *name, const char *text)
{
	char	*path;
	FILE	*f;

	xasprintf(&path, "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL || fputs(text, f) == EOF ||
	    fclose(f) == EOF)
		printf("Bail out! cannot write %s\n", path);
	return path;
}

/* Whatever the peek says agrees with the load; returns the peek's rc. */
static int
agrees(const char *path, const char *what)
{
	struct buf	 err = BUF_INIT;
	struct form	*f;
	char		*id, *version;
	int		 rc;

	rc = form_peek(path, &id, &version);
	f = form_load(path, 0, &err);
	if (rc == 0 && f != NULL)
		ok(strcmp(id, form_id(f)) == 0 &&
		    strcmp(version, form_version(f)) == 0,
		    "%s: the peek says '%s' '%s', the load '%s' '%s'", what,
		    id, version, form_id(f), form_version(f));
	else
		ok(rc == -1 || f == NULL, "%s: %s", what, rc == 0 ?
		    "the peek answers, the form does not load" :
		    "the peek gives up");
	form_free(f);
	free(id);
	free(version);
	buf_release(&err);
	return rc;
}

static void
test_shipped(void)
{
	static const char *const files[] = {
		"forms/htx-cds-01.xml", "forms/htx-hd-01.xml",
		"tests/forms/coop-mini.xml", "tests/forms/household.xml",
		"tests/forms/unsupported-app.xml",
	};
	char	*path;
	size_t	 i;

	for (i = 0; i < nitems(files); i++) {
		xasprintf(&path, "%s/%s", top, files[i]);
		is_int(agrees(path, files[i]), 0, "%s: the peek answers",
		    files[i]);
		free(path);
	}
}

static void
test_tricky(void)
{
	static const struct {
		const char	*what, *head, *model, *root;
		int		 rc;	/* the peek's, -1: may give up */
	} cases[] = {
		{ "plain", "", "", "<data id=\"p\" version=\"3\"><a/></data>",
		    0 },
		{ "orx:version", "", "",
		    "<data id=\"p\" orx:version=\"7\"><a/></data>", 0 },
		{ "no version", "", "", "<data id=\"p\"><a/></data>", 0 },
		{ "an entity in the id", "", "",
		    "<data id=\"a&amp;b\" version=\"1\"><a/></data>", 0 },
		{ "no id", "", "", "<data version=\"1\"><a/></data>", -1 },
		{ "itext first", "", "<itext><translation lang=\"en\">"
		    "<text id=\"x\"><value>data id=\"q\"</value></text>"
		    "</translation></itext>",
		    "<data id=\"p\" version=\"1\"><a/></data>", 0 },
		{ "a secondary instance of another shape", "",
		    "", "<data id=\"p\"><a/></data></instance>"
		    "<instance id=\"s\"><root id=\"q\"/>", 0 },
		{ "an instance outside the XForms namespace first", "",
		    "<h:instance><data id=\"q\"/></h:instance>",
		    "<data id=\"p\"><a/></data>", 0 },
		{ "a comment and text before the root", "", "",
		    "<!-- <data id=\"q\"/> -->\n  <data id=\"p\"><a/></data>",
		    0 },
		{ "a model outside the XForms namespace first",
		    "<h:model><instance><data id=\"q\"/></instance></h:model>",
		    "", "<data id=\"p\"><a/></data>", 0 },
	};
	char	*xml, *path, name[32];
	size_t	 i;
	int	 rc;

	for (i = 0; i < nitems(cases); i++) {
		xml = form_xml(cases[i].head, cases[i].model, cases[i].root);
		snprintf(name, sizeof(name), "tricky-%zu.xml", i);
		path = write_file(name, xml);
		rc = agrees(path, cases[i].what);
		if (cases[i].rc == 0)
			is_int(rc, 0, "%s: the peek answers", cases[i].what);
		free(path);
		free(xml);
	}
	path = write_file("dtd.xml", "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE h:html [<!ENTITY e \"q\">]>\n<h:html "
	    "xmlns=\"http://www.w3.org/2002/xforms\" "
	    "xmlns:h=\"http://www.w3.org/1999/xhtml\"><h:head><model>"
	    "<instance><data id=\"&e;\"/></instance></model></h:head>"
	    "</h:html>\n");
	is_int(agrees(path, "a DTD"), -1, "a DTD: the peek gives up");
	free(path);
	path = write_file("broken.xml", "<h:html xmlns:h=\"http://www.w3.org/"
	    "1999/xhtml\"><h:head><model");
	is_int(agrees(path, "cut short"), -1, "cut short: the peek gives up");
	free(path);
	path = write_file("second-head.xml", "<h:html "
	    "xmlns=\"http://www.w3.org/2002/xforms\" "
	    "xmlns:h=\"http://www.w3.org/1999/xhtml\"><h:head/><h:head><model>"
	    "<instance><data id=\"q\"/></instance></model></h:head>"
	    "</h:html>\n");
	is_int(agrees(path, "an empty head, then another"), -1,
	    "an empty head, then another: the peek gives up");
	free(path);
}

/* formdir_load by id: the file names mislead, the ids decide. */
static void
test_formdir(void)
{
	struct formdir	 fd;
	struct form	*f;
	struct buf	 err = BUF_INIT;
	const char	*dirs[1];
	char		*sub, *xml;
	int		 rc;

	xasprintf(&sub, "%s/forms", dir);
	if (mkdir(sub, 0700) == -1)
		printf("Bail out! mkdir %s: %s\n", sub, strerror(errno));
	/* x.xml holds form y, y.xml holds form x, z.xml holds x again in
	 * another version. */
	xml = form_xml("", "", "<data id=\"y\" version=\"1\"><a/></data>");
	free(write_file("forms/x.xml", xml));
	free(xml);
	xml = form_xml("", "", "<data id=\"x\" version=\"1\"><a/></data>");
	free(write_file("forms/y.xml", xml));
	free(xml);
	xml = form_xml("", "", "<data id=\"x\" version=\"2\"><a/></data>");
	free(write_file("forms/z.xml", xml));
	free(xml);
	dirs[0] = sub;
	formdir_init(&fd, dirs, 1, NULL);
	ok(formdir_load(&fd, "x", NULL, &f, &err) == 0 &&
	    strstr(form_path(f), "/y.xml") != NULL, "form x is in y.xml");
	form_free(f);
	ok(formdir_load(&fd, "y", NULL, &f, &err) == 0 &&
	    strstr(form_path(f), "/x.xml") != NULL, "form y is in x.xml");
	form_free(f);
	ok(formdir_load(&fd, "x", "2", &f, &err) == 0 &&
	    strstr(form_path(f), "/z.xml") != NULL &&
	    strcmp(form_version(f), "2") == 0, "form x version 2 is in z.xml");
	form_free(f);
	buf_reset(&err);
	rc = formdir_load(&fd, "x", "3", &f, &err);
	ok(rc == -1 && strstr(err.s, "only other versions") != NULL,
	    "form x version 3: only other versions (%s)", err.s);
	buf_reset(&err);
	rc = formdir_load(&fd, "w", NULL, &f, &err);
	ok(rc == -1 && strstr(err.s, "no form 'w'") != NULL,
	    "no form w (%s)", err.s);
	formdir_release(&fd);
	free(sub);
	buf_release(&err);
}

int
main(void)
{
	char	*cmd;

	if ((top = getenv("top_srcdir")) == NULL)
		top = ".";
	if (mkdtemp(dir) == NULL) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	test_shipped();
	test_tricky();
	test_formdir();
	xasprintf(&cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		diag("cannot remove %s", dir);
	free(cmd);
	xmlCleanupParser();
	return done_testing();
}
