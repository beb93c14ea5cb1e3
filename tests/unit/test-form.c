/*
 * test-form.c: src/form.c and src/form-body.c, loading XForms: the model,
 * secondary instances from media, itext, the body, the refusals of what
 * is unsupported or unsafe, and lint's findings on one broken form per
 * check (tests/forms/, tests/forms/lint/).
 */
#include "common.h"

#include "form-int.h"
#include "../tap.h"

static const char *top;

static struct form *
load(const char *rel, unsigned flags, struct buf *err)
{
	char		*path;
	struct form	*f;

	xasprintf(&path, "%s/%s", top, rel);
	buf_reset(err);
	f = form_load(path, flags, err);
	free(path);
	return f;
}

static struct form *
load_text(const char *xml, struct buf *err)
{
	buf_reset(err);
	return form_load_mem(xml, strlen(xml), "mem.xml", NULL, 0, err);
}

/* Lint output of a fixture, with the directory taken out of each line. */
static char *
lint(const char *rel, size_t *n)
{
	struct buf	 out = BUF_INIT, clean = BUF_INIT;
	char		*path, *s, *line;

	xasprintf(&path, "%s/%s", top, rel);
	*n = form_lint(path, &out);
	for (line = out.s; (s = strstr(line, path)) != NULL;) {
		buf_add(&clean, line, (size_t)(s - line));
		buf_adds(&clean, strrchr(rel, '/') + 1);
		line = s + strlen(path);
	}
	buf_adds(&clean, line);
	free(path);
	buf_release(&out);
	return buf_detach(&clean, NULL);
}

static void
test_coop_mini(void)
{
	struct buf		 err = BUF_INIT;
	struct form		*f;
	struct form_node	*fn;
	const struct form_text	*t;

	f = load("tests/forms/coop-mini.xml", 0, &err);
	ok(f != NULL, "coop-mini loads (%s)", err.s);
	if (f == NULL)
		return;
	is_str(form_id(f), "coop-mini", "the form id");
	is_str(form_version(f), "2025.1", "the version");
	is_str(form_title(f), "Báo cáo mẫu nhỏ", "the title");
	is_int((long long)f->ntrans, 2, "two translations");
	is_int(f->deflang, 0, "Vietnamese is the default");
	is_str(f->trans[1].code, "en", "the code of 'English (en)'");
	is_int(form_select_lang(f, "en"), 0, "English can be chosen");
	t = form_itext_get(f, "org_type", FORM_TEXT_LONG);
	ok(t != NULL && t->nparts == 1 &&
	    strcmp(t->parts[0].lit, "Organisation type") == 0,
	    "itext in English");
	is_int(form_select_lang(f, "fr"), -1, "French falls back");
	t = form_itext_get(f, "org_type", FORM_TEXT_LONG);
	ok(t != NULL && strcmp(t->parts[0].lit, "Loại hình tổ chức") == 0,
	    "to the default translation");
	t = form_itext_get(f, "members_msg", FORM_TEXT_LONG);
	ok(t != NULL && t->nparts == 3 && t->parts[1].expr != NULL,
	    "an <output> splits a text in three parts");

	fn = form_node_at(f, "/data/members_total");
	ok(fn != NULL && fn->bind != NULL && fn->type == FORM_TYPE_INT,
	    "members_total is an int with a bind");
	ok(fn != NULL && fn->control != NULL &&
	    fn->control->kind == FORM_CTL_INPUT, "bound to an input");
	ok(fn != NULL && fn->bind->msg_constraint != NULL &&
	    strcmp(fn->bind->msg_constraint->itext, "members_msg") == 0,
	    "its constraint message is an itext id");
	fn = form_node_at(f, "/data/e_invoice");
	ok(fn != NULL && fn->bind->expr[FORM_WARNING] != NULL &&
	    fn->bind->msg_warning != NULL, "coop:warning and its message");
	fn = form_node_at(f, "/data/certifications");
	ok(fn != NULL && fn->repeat && fn->has_template, "a repeat with a "
	    "template");
	ok(fn != NULL && fn->control != NULL &&
	    fn->control->kind == FORM_CTL_REPEAT, "the repeat wins over its "
	    "group");
	fn = form_node_at(f, "/data/certifications/expires");
	ok(fn != NULL && fn->type == FORM_TYPE_DATE && fn->depth == 2,
	    "a field of the repeat");
	fn = form_node_at(f, "/data/statement");
	ok(fn != NULL && fn->type == FORM_TYPE_BINARY && fn->control != NULL &&
	    strcmp(fn->control->mediatype, "application/pdf,image/*") == 0,
	    "an upload keeps its mediatype");
	fn = form_node_at(f, "/data/software_used");
	ok(fn != NULL && fn->type == FORM_TYPE_SELECT &&
	    fn->control->nchoices == 3, "a select with three choices");
	fn = form_node_at(f, "/data/meta/instanceID");
	ok(fn != NULL && fn->bind->preload != NULL &&
	    strcmp(fn->bind->preload, "uid") == 0, "the uid preload");
	is_int((long long)f->body->nkids, 2, "two sections in the body");
	ok(f->graph != NULL, "the dependency graph is built");
	form_free(f);
	buf_release(&err);
}

static void
test_pyxform_shape(void)
{
	struct buf		 err = BUF_INIT;
	struct form		*f;
	struct form_node	*fn;
	struct form_instance	*fi;
	const struct form_text	*t;
	size_t			 i, nvc = 0, nfirst = 0, nnew = 0;

	f = load("tests/forms/household.xml", 0, &err);
	ok(f != NULL, "the pyxform-shaped form loads (%s)", err.s);
	if (f == NULL)
		return;
	is_int(f->deflang, 0, "English is its default");
	fn = form_node_at(f, "/data/meta/instanceID");
	ok(fn != NULL && fn->bind != NULL, "orx:meta/orx:instanceID is "
	    "/data/meta/instanceID, bound");
	fn = form_node_at(f, "/data/member/crops/yield_t");
	ok(fn != NULL && fn->parent->repeat && fn->parent->parent->repeat,
	    "a repeat nested in a repeat");
	fn = form_node_at(f, "/data/member");
	ok(fn != NULL && fn->control->count != NULL, "jr:count is read");
	fi = strmap_get(&f->inst_by_id, "communes");
	ok(fi != NULL && fi->node->children != NULL &&
	    strcmp((const char *)fi->node->children->name, "root") == 0,
	    "the CSV instance becomes <root>");
	ok(fi != NULL && xmlChildElementCount(fi->node->children) == 5,
	    "with one <item> per line");
	fi = strmap_get(&f->inst_by_id, "crops");
	ok(fi != NULL && fi->node->children != NULL &&
	    xmlChildElementCount(xmlFirstElementChild(fi->node)) == 3,
	    "the jr://file instance is grafted under its <instance>");
	fn = form_node_at(f, "/data/commune");
	ok(fn != NULL && fn->control->itemset != NULL &&
	    strcmp(fn->control->itemset->instance, "communes") == 0,
	    "an itemset over a secondary instance");
	t = form_itext_get(f, "/data/name:hint", FORM_TEXT_GUIDANCE);
	ok(t != NULL && strcmp(t->parts[0].lit, "As written on the identity "
	    "card") == 0, "the guidance form of a hint");
	t = form_itext_get(f, "/data/province:label", FORM_TEXT_SHORT);
	ok(t != NULL && strcmp(t->parts[0].lit, "Prov.") == 0,
	    "the short form of a label");
	for (i = 0; i < f->nactions; i++) {
		nvc += (f->actions[i].events & FORM_EV_VALUE_CHANGED) != 0;
		nfirst += (f->actions[i].events & FORM_EV_FIRST_LOAD) != 0;
		nnew += (f->actions[i].events & FORM_EV_NEW_REPEAT) != 0;
	}
	ok(nvc == 1 && nfirst == 1 && nnew == 1, "setvalue on the three "
	    "events");
	form_free(f);
	buf_release(&err);
}

static void
test_refusals(void)
{
	struct buf	 err = BUF_INIT;
	struct form	*f;
	char		*big;

	f = load("tests/forms/unsupported-geo.xml", 0, &err);
	ok(f == NULL && strstr(err.s, "unsupported feature: the type "
	    "'geopoint'") != NULL, "geopoint is named: %s", err.s);
	f = load("tests/forms/unsupported-range.xml", 0, &err);
	ok(f == NULL && strstr(err.s, "unsupported feature: the <range> "
	    "widget") != NULL, "range is named: %s", err.s);
	f = load("tests/forms/unsupported-app.xml", 0, &err);
	ok(f == NULL && strstr(err.s, "external app") != NULL,
	    "an external app is named: %s", err.s);
	ok(f == NULL && strstr(err.s, "unsupported-app.xml:31:") != NULL,
	    "with the file and line: %s", err.s);
	f = load("tests/forms/nosuch.xml", 0, &err);
	ok(f == NULL && strstr(err.s, "cannot open") != NULL, "a missing "
	    "file: %s", err.s);

	f = load_text("<?xml version='1.0'?>\n<!DOCTYPE h:html [\n"
	    "<!ENTITY a 'aaaa'>]>\n<h:html xmlns:h='http://www.w3.org/1999/"
	    "xhtml'>&a;</h:html>", &err);
	ok(f == NULL && strstr(err.s, "document type declaration") != NULL,
	    "a DOCTYPE is refused: %s", err.s);
	f = load_text("<h:html xmlns:h='http://www.w3.org/1999/xhtml'>"
	    "<h:head>", &err);
	ok(f == NULL && strstr(err.s, "mem.xml:1: the XML is not well "
	    "formed") != NULL, "broken XML: %s", err.s);
	f = load_text("<html/>", &err);
	ok(f == NULL && strstr(err.s, "not an XForm") != NULL, "not an "
	    "XForm: %s", err.s);
	big = xcalloc(FORM_MAX_SIZE + 2, 1);
	memset(big, ' ', FORM_MAX_SIZE + 1);
	buf_reset(&err);
	f = form_load_mem(big, FORM_MAX_SIZE + 1, "big.xml", NULL, 0, &err);
	ok(f == NULL && strstr(err.s, "too large") != NULL, "too large: %s",
	    err.s);
	free(big);
	buf_release(&err);
}

static const struct {
	const char	*file;
	const char	*want;		/* a line of lint's output */
} lint_cases[] = {
	{ "bind-nodeset.xml", "bind-nodeset.xml:26: the bind nodeset "
	    "'/data/nope' is not in the primary instance" },
	{ "itext-missing.xml", "itext-missing.xml:17: the text id 'b' is "
	    "missing from the translation 'English (en)'" },
	{ "itext-unknown.xml", "itext-unknown.xml:33: the text id 'zz' is "
	    "not in the translations" },
	{ "expr-syntax.xml", "expr-syntax.xml:24: '/data/a': the "
	    "constraint expression '. >= (1' is not valid: column " },
	{ "expr-ref.xml", "expr-ref.xml:25: '/data/b': the relevant "
	    "expression refers to '/data/aa', which is not in the primary "
	    "instance" },
	{ "cycle.xml", "the calculations depend on each other in a cycle: " },
	{ "choice-dup.xml", "choice-dup.xml:35: the choice value 'x' is given "
	    "twice (also on line 34)" },
	{ "choice-space.xml", "choice-space.xml:35: the choice value 'y z' "
	    "is empty or contains a space" },
	{ "no-meta.xml", "no-meta.xml:7: the primary instance has no meta "
	    "block with an instanceID" },
};

static void
test_lint(void)
{
	char	*out, rel[128];
	size_t	 i, n;

	out = lint("tests/forms/lint/clean.xml", &n);
	is_int((long long)n, 0, "the clean form lints clean");
	is_str(out, "", "and prints nothing");
	free(out);
	for (i = 0; i < nitems(lint_cases); i++) {
		snprintf(rel, sizeof(rel), "tests/forms/lint/%s",
		    lint_cases[i].file);
		out = lint(rel, &n);
		ok(n == 1, "%s: one problem (%zu)", lint_cases[i].file, n);
		ok(strstr(out, lint_cases[i].want) != NULL, "%s: '%s'",
		    lint_cases[i].file, out);
		free(out);
	}
	out = lint("tests/forms/lint/cycle.xml", &n);
	ok(strstr(out, "/data/a -> /data/c -> /data/a") != NULL ||
	    strstr(out, "/data/c -> /data/a -> /data/c") != NULL,
	    "the cycle names its nodes in order: %s", out);
	free(out);
}

int
main(void)
{
	if ((top = getenv("top_srcdir")) == NULL)
		top = ".";
	test_coop_mini();
	test_pyxform_shape();
	test_refusals();
	test_lint();
	xmlCleanupParser();
	return done_testing();
}
