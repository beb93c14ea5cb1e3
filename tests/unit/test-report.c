/*
 * test-report.c: src/report.c and src/recalc.c on the fixture forms:
 * typed answers, paths, repeats, recalculation, relevance, actions,
 * validation with the form's messages, explanations, NFC, the submission
 * and the draft round trip.
 */
#include "common.h"

#include "form-int.h"
#include "../tap.h"

static const char *top;
static time_t now;

static struct form *
load(const char *rel, const char *lang)
{
	struct buf	 err = BUF_INIT;
	char		*path;
	struct form	*f;

	xasprintf(&path, "%s/%s", top, rel);
	f = form_load(path, 0, &err);
	if (f == NULL)
		diag("%s", err.s);
	else
		form_select_lang(f, lang);
	free(path);
	buf_release(&err);
	return f;
}

static int
set(struct report *r, const char *path, const char *value, struct buf *err)
{
	buf_reset(err);
	return report_set(r, path, value, err);
}

static char *
get(struct report *r, const char *path)
{
	struct buf	 err = BUF_INIT;
	char		*v = report_get(r, path, &err);

	if (v == NULL)
		v = xstrdup(err.s);
	buf_release(&err);
	return v;
}

static void
is_get(struct report *r, const char *path, const char *want,
    const char *what)
{
	char	*v = get(r, path);

	is_str(v, want, "%s", what);
	free(v);
}

/* The problems at path as "kind:message" lines. */
static char *
problems(struct report *r, const char *path)
{
	static const char *const kinds[] = {
		"required", "type", "constraint", "warning", "eval",
	};
	struct report_problems	 ps;
	struct buf		 out = BUF_INIT;
	size_t			 i;

	if (path == NULL)
		report_validate(r, &ps);
	else
		report_check(r, path, &ps);
	for (i = 0; i < ps.n; i++)
		buf_addf(&out, "%s%s:%s:%s", i > 0 ? "\n" : "", ps.v[i].path,
		    kinds[ps.v[i].kind], ps.v[i].message);
	report_problems_release(&ps);
	return buf_detach(&out, NULL);
}

static void
like_problems(struct report *r, const char *path, const char *want,
    const char *what)
{
	char	*p = problems(r, path);

	ok(strstr(p, want) != NULL, "%s: %s", what, p);
	free(p);
}

static void
test_types(struct form *f)
{
	struct buf	 err = BUF_INIT;
	struct report	*r;
	const char	*iid;

	r = report_new(f, now, &err);
	ok(r != NULL, "a new coop-mini report (%s)", err.s);
	if (r == NULL)
		return;
	iid = report_instance_id(r);
	ok(strncmp(iid, "uuid:", 5) == 0 && strlen(iid) == 41,
	    "instanceID is uuid: and a UUID (%s)", iid);
	is_get(r, "meta/timeStart", "2025-12-20T10:00:00.000+07:00",
	    "timeStart is preloaded with the offset");
	is_get(r, "report_kind", "C", "a default value is kept");

	is_int(set(r, "members_total", "+007", &err), 0, "an int with a sign");
	is_get(r, "members_total", "7", "is stored plainly");
	is_get(r, "/data/members_total", "7", "an absolute path reads it");
	is_int(set(r, "members_total", "abc", &err), -1, "'abc' is no int");
	is_str(err.s, "'members_total': 'abc' is not a whole number",
	    "the refusal names the field and the value");
	is_get(r, "members_total", "7", "a refused answer changes nothing");
	is_int(set(r, "members_total", "99999999999", &err), -1,
	    "an int beyond 32 bits is refused");
	is_int(set(r, "revenue_total", "1234.50", &err), 0, "a decimal");
	is_int(set(r, "revenue_total", "1.234,5", &err), -1,
	    "a decimal comma is refused");
	ok(strstr(err.s, "write decimals with a point") != NULL,
	    "with advice: %s", err.s);
	is_int(set(r, "reg_date", "2025-02-30", &err), -1,
	    "30 February is not a date");
	ok(strstr(err.s, "YYYY-MM-DD") != NULL, "the format is shown: %s",
	    err.s);
	is_int(set(r, "reg_date", "2019-05-20", &err), 0, "a date");
	is_int(set(r, "org_type", "coop", &err), -1, "a choice not offered");
	is_str(err.s, "'org_type': 'coop' is not one of the choices (htx, "
	    "lhhtx, tht)", "the choices are listed");
	is_int(set(r, "org_type", "htx tht", &err), -1, "two choices in a "
	    "select1");
	is_int(set(r, "software_used", " ke_toan  kho ke_toan ", &err), 0,
	    "a select with spaces and a repeat");
	is_get(r, "software_used", "ke_toan kho", "is stored once each");
	is_int(set(r, "nosuch", "1", &err), -1, "an unknown path");
	is_str(err.s, "'nosuch' is not a question of form 'coop-mini'",
	    "is named");
	is_int(set(r, "score", "3", &err), -1, "a calculated field");
	ok(strstr(err.s, "computed by the form") != NULL, "is refused: %s",
	    err.s);
	is_int(set(r, "meta/instanceID", "x", &err), -1, "a read-only field");
	is_int(set(r, "meta", "x", &err), -1, "a group");
	is_int(set(r, "statement", "../x.pdf", &err), -1, "a file name with "
	    "a slash");
	is_int(set(r, "tax_code", "bad\xff", &err), -1, "invalid UTF-8");
	is_int(set(r, "amendment_reason", "a\x11" "b", &err), -1,
	    "a control character");
	is_str(err.s, "'amendment_reason': the value has a control character, "
	    "which a report cannot hold", "is named");
	is_int(set(r, "amendment_reason", "a\tb\nc", &err), 0,
	    "tabs and newlines are fine");
	is_int(set(r, "amendment_reason", "Vie\xcc\xa3\xcc\x82t Nam", &err),
	    0, "decomposed Vietnamese");
	is_get(r, "amendment_reason", "Vi\xe1\xbb\x87t Nam",
	    "is stored in NFC");
	is_int(set(r, "members_total", "", &err), 0, "clearing an answer");
	is_get(r, "members_total", "", "leaves it empty");
	is_get(r, "score", "10", "the score of two programs");
	is_int(set(r, "score", "10", &err), 0, "a computed answer may be set "
	    "to its own value");
	is_int(set(r, "meta/instanceID", report_instance_id(r), &err), 0,
	    "a read-only one too");
	is_int(report_set_meta(r, "timeNowhere", "x", &err), -1,
	    "report_set_meta: coop-mini has no meta/timeNowhere");
	is_str(err.s, "form 'coop-mini' has no meta/timeNowhere",
	    "and says so");
	is_int(report_set_meta(r, "deprecatedID", "uuid:x", &err), 0,
	    "report_set_meta adds meta/deprecatedID, which coop-mini lacks");
	is_int(report_set_meta(r, "deprecatedID", "uuid:y", &err), 0,
	    "and sets it again");
	{
		size_t	 len;
		char	*xml = report_submission(r, &len);
		struct report *r2;

		ok(strstr(xml, "<deprecatedID>uuid:y</deprecatedID>") != NULL &&
		    strstr(xml, "uuid:x") == NULL,
		    "one deprecatedID goes into the submission");
		free(xml);
		xml = report_save(r, &len);
		r2 = report_load(f, xml, len, now, &err);
		ok(r2 != NULL, "a report with an added deprecatedID loads "
		    "again (%s)", err.s);
		report_free(r2);
		free(xml);
	}
	is_int(report_set_meta(r, "instanceName", "n", &err), 0,
	    "report_set_meta sets a meta field");
	report_stamp_end(r, now + 3600);
	is_get(r, "meta/timeEnd", "2025-12-20T11:00:00.000+07:00",
	    "report_stamp_end fills timeEnd");
	report_free(r);
	buf_release(&err);
}

static void
test_logic(struct form *f)
{
	struct buf	 err = BUF_INIT;
	struct report	*r;
	char		*xml;

	r = report_new(f, now, &err);
	if (r == NULL)
		return;
	is_get(r, "score", "0", "the score starts at 0");
	set(r, "internet_fixed", "co", &err);
	is_get(r, "score", "10", "broadband counts 10");
	set(r, "software_used", "ke_toan kho", &err);
	is_get(r, "score", "20", "two programs count 5 each");
	set(r, "software_used", "khong_co", &err);
	is_get(r, "score", "10", "'none' counts nothing");

	like_problems(r, NULL, "internet_speed:required:this answer is "
	    "required", "a relevant required field is listed");
	set(r, "internet_fixed", "khong", &err);
	like_problems(r, NULL, "org_type:required:", "others are still "
	    "listed");
	xml = problems(r, NULL);
	ok(strstr(xml, "internet_speed:") == NULL, "a non-relevant one is "
	    "not: %s", xml);
	free(xml);

	set(r, "org_type", "htx", &err);
	set(r, "members_total", "3", &err);
	like_problems(r, "members_total", "members_total:constraint:there "
	    "must be at least 5 official members", "the form's message, "
	    "with its output");
	set(r, "org_type", "tht", &err);
	xml = problems(r, "members_total");
	is_str(xml, "", "a cooperative group needs only 2");
	free(xml);
	set(r, "staff_total", "4", &err);
	set(r, "it_staff", "5", &err);
	like_problems(r, "it_staff", "constraint:cannot be more than the "
	    "total workers", "a count above its total");
	set(r, "revenue_total", "100", &err);
	set(r, "profit_before_tax", "150", &err);
	like_problems(r, "profit_before_tax", "constraint:the profit cannot "
	    "be more than the total revenue", "profit above revenue");
	set(r, "tax_code", "4201785236", &err);
	like_problems(r, "tax_code", "constraint:the tax code is wrong",
	    "a wrong check digit");
	set(r, "tax_code", "4201785235", &err);
	xml = problems(r, "tax_code");
	is_str(xml, "", "the right check digit");
	free(xml);
	set(r, "org_type", "htx", &err);
	set(r, "e_invoice", "khong", &err);
	like_problems(r, "e_invoice", "e_invoice:warning:a cooperative "
	    "normally has to use e-invoices", "a soft check is a warning");
	is_get(r, "meta/instanceName", "coop-mini 4201785235",
	    "instanceName is calculated");

	/* Skip logic both ways, and the submission. */
	set(r, "report_kind", "B", &err);
	set(r, "amendment_no", "2", &err);
	xml = report_submission(r, NULL);
	ok(strstr(xml, "<amendment_no>2</amendment_no>") != NULL,
	    "a relevant answer is submitted");
	free(xml);
	set(r, "report_kind", "C", &err);
	xml = report_submission(r, NULL);
	ok(strstr(xml, "amendment_no") == NULL, "a non-relevant one is not");
	ok(strstr(xml, "jr:template") == NULL, "nor the repeat template");
	free(xml);
	xml = report_save(r, NULL);
	ok(strstr(xml, "<amendment_no>2</amendment_no>") != NULL,
	    "but the draft keeps it");
	free(xml);
	is_get(r, "amendment_no", "2", "and it can be read");
	report_free(r);
	buf_release(&err);
}

static void
test_repeats(struct form *f)
{
	struct buf	 err = BUF_INIT;
	struct report	*r;
	char		*xml;

	r = report_new(f, now, &err);
	if (r == NULL)
		return;
	is_get(r, "form_code", "COOP-MINI", "a constant calculate");
	is_get(r, "cert_count", "0", "no certification at first");
	is_int(set(r, "certifications[1]/cert_type", "vietgap", &err), 0,
	    "setting entry 1 adds it");
	is_int(set(r, "certifications[2]/cert_type", "globalgap", &err), 0,
	    "and entry 2");
	is_int(set(r, "certifications[4]/cert_type", "vietgap", &err), -1,
	    "entry 4 is refused");
	is_str(err.s, "'certifications[4]/cert_type': there is no "
	    "'certifications[4]'; it has 2, so the next new one is "
	    "'certifications[3]'", "and says what is possible");
	is_int(set(r, "certifications[3]/cert_type", "nope", &err), -1,
	    "a refused answer in a new entry");
	is_get(r, "cert_count", "2", "does not add the entry");
	is_int(set(r, "certifications[3]/nosuch", "1", &err), -1,
	    "a bad path under a new entry");
	is_get(r, "cert_count", "2", "does not add the entry either");
	is_get(r, "score", "4", "the score counts 2 per certification");
	is_get(r, "certifications[2]/cert_type", "globalgap", "entry 2");
	is_get(r, "certifications/cert_type", "vietgap", "no index is 1");
	is_get(r, "certifications[2]/cert_code", "C-1", "a constant calculate "
	    "in a new entry");
	report_recalc(r, now);
	is_get(r, "certifications[2]/cert_code", "C-1", "kept by a later "
	    "full recalculation");
	is_get(r, "form_code", "COOP-MINI", "and at the top");
	set(r, "certifications[2]/issued", "2024-01-10", &err);
	set(r, "certifications[2]/expires", "2023-01-10", &err);
	like_problems(r, NULL, "certifications[2]/expires:constraint:the "
	    "expiry date must come after the issue date", "../issued "
	    "within the entry");
	is_int(report_repeat_add(r, "certifications", &err), 3,
	    "report_repeat_add gives the new index");
	is_int(report_repeat_remove(r, "certifications[1]", &err), 0,
	    "removing entry 1");
	is_get(r, "certifications[1]/cert_type", "globalgap", "moves 2 up");
	is_get(r, "cert_count", "2", "and the count follows");
	is_int(report_repeat_remove(r, "certifications[9]", &err), -1,
	    "removing a missing entry");
	is_int(report_repeat_remove(r, "members_total", &err), -1,
	    "removing a field that is not a repeat");
	is_int(report_explain(r, "certifications[1]/expires", "Đang chờ cấp "
	    "lại", &err), 0, "an explanation");
	is_int(report_explain(r, "certifications[1]/expires", "Đã gia hạn",
	    &err), 0, "a second one for the same path");
	xml = report_save(r, NULL);
	ok(strstr(xml, "<coop:explanation ref=\"/data/certifications[1]/"
	    "expires\">Đã gia hạn</coop:explanation>") != NULL,
	    "replaces the first, inside meta");
	ok(strstr(xml, "Đang chờ") == NULL, "the first is gone");
	free(xml);
	report_free(r);
	buf_release(&err);
}

static void
test_round_trip(struct form *f)
{
	struct buf	 err = BUF_INIT;
	struct report	*r, *r2;
	char		*xml, *xml2;
	size_t		 len;

	r = report_new(f, now, &err);
	if (r == NULL)
		return;
	set(r, "org_type", "lhhtx", &err);
	set(r, "certifications[1]/area_ha", "2.5", &err);
	report_explain(r, "org_type", "vì sao", &err);
	xml = report_save(r, &len);
	r2 = report_load(f, xml, len, now, &err);
	ok(r2 != NULL, "a saved report loads again (%s)", err.s);
	if (r2 != NULL) {
		is_get(r2, "org_type", "lhhtx", "with its answers");
		is_get(r2, "certifications[1]/area_ha", "2.5", "and repeats");
		is_str(report_instance_id(r2), report_instance_id(r),
		    "and its instanceID");
		xml2 = report_save(r2, NULL);
		is_str(xml2, xml, "saving it again gives the same bytes");
		free(xml2);
		report_free(r2);
	}
	buf_reset(&err);
	r2 = report_load(f, "<data id=\"other\"/>", 18, now, &err);
	ok(r2 == NULL && strstr(err.s, "belongs to form 'other'") != NULL,
	    "another form's instance is refused: %s", err.s);
	buf_reset(&err);
	r2 = report_load(f, "<data id=\"coop-mini\"><x/></data>", 32, now,
	    &err);
	ok(r2 == NULL && strstr(err.s, "'/data/x'") != NULL,
	    "an element the form does not have is refused: %s", err.s);
	free(xml);
	report_free(r);
	buf_release(&err);
}

static void
test_household(void)
{
	struct buf	 err = BUF_INIT, out = BUF_INIT;
	struct form	*f = load("tests/forms/household.xml", "vi");
	struct report	*r;

	if (f == NULL)
		return;
	r = report_new(f, now, &err);
	ok(r != NULL, "a household report (%s)", err.s);
	if (r == NULL) {
		form_free(f);
		return;
	}
	is_get(r, "started", "2025-12-20", "odk-instance-first-load ran");
	is_int(set(r, "members_count", "2", &err), 0, "jr:count set to 2");
	is_get(r, "member[2]/mname", "", "makes two members");
	is_int(set(r, "member[3]/mname", "x", &err), -1, "a jr:count repeat "
	    "cannot grow by hand");
	is_int(set(r, "member[1]/crops[1]/crop", "rice", &err), 0,
	    "a nested repeat entry");
	is_get(r, "member[1]/crops[1]/yield_t", "0", "odk-new-repeat ran");
	set(r, "member[1]/crops[1]/yield_t", "2.5", &err);
	set(r, "member[2]/crops[1]/crop", "mango", &err);
	set(r, "member[2]/crops[1]/yield_t", "4", &err);
	is_get(r, "total_yield", "6.5", "sum() over nested repeats");
	is_int(set(r, "member[1]/crops[1]/crop", "wheat", &err), -1,
	    "a crop not in the jr://file list");
	is_int(set(r, "members_count", "1", &err), 0, "jr:count down to 1");
	is_get(r, "total_yield", "2.5", "drops the second member");
	is_int(set(r, "province", "khanh_hoa", &err), 0, "a province");
	is_int(set(r, "commune", "da_lat", &err), -1, "a commune of another "
	    "province is refused by the cascade");
	is_int(set(r, "commune", "nha_trang", &err), 0, "one of its own is "
	    "not");
	is_int(set(r, "name", "Lê Thị Hoa", &err), 0, "a name");
	is_get(r, "last_change", "name:Lê Thị Hoa", "xforms-value-changed "
	    "ran");
	is_get(r, "meta/instanceName", "Household Lê Thị Hoa",
	    "orx:meta/orx:instanceName is calculated");
	report_render_text(r, &out);
	ok(strstr(out.s, "Xã của Lê Thị Hoa: Nha Trang (nha_trang)") !=
	    NULL, "show: a label with <output>, a choice with its label");
	ok(strstr(out.s, "Tỉnh: Khánh Hòa (khanh_hoa)") != NULL,
	    "show: an itemset label through jr:itext(itextId)");
	ok(strstr(out.s, "Thành viên #1") != NULL, "show: repeat entries");
	ok(strstr(out.s, "Cây trồng: Lúa (rice)") != NULL, "show: a nested "
	    "repeat's question");
	report_free(r);
	form_free(f);
	buf_release(&err);
	buf_release(&out);
}

/* Prefill and amendments: copying answers, files and explanations. */
static void
test_copy(struct form *f)
{
	static const char *const skip[] = { "report_kind", NULL };
	struct report	*a, *b, *h;
	struct buf	 err = BUF_INIT, notes = BUF_INIT;
	struct form	*hf;
	char		**files, *s;
	size_t		 n, i;

	a = report_new(f, now, &err);
	b = report_new(f, now, &err);
	set(a, "org_type", "htx", &err);
	set(a, "members_total", "12", &err);
	set(a, "report_kind", "B", &err);
	set(a, "internet_fixed", "khong", &err);
	set(a, "certifications[1]/cert_type", "vietgap", &err);
	set(a, "certifications[2]/cert_type", "huu_co_tcvn", &err);
	set(a, "statement", "scan.pdf", &err);
	is_int(report_explain(a, "members_total", "ít thành viên", &err), 0,
	    "an explanation");
	n = report_copy_answers(b, a, 0, skip, &notes);
	ok(n >= 4, "answers are copied (%zu)", n);
	is_get(b, "members_total", "12", "an answer");
	is_get(b, "certifications[2]/cert_type", "huu_co_tcvn",
	    "repeat entries are added as they are copied");
	is_get(b, "report_kind", "C", "a question in skip is left alone");
	is_get(b, "statement", "", "an upload is not copied unless asked");
	is_get(b, "cert_count", "2", "a computed answer is computed, not copied");
	ok(strcmp(report_instance_id(a), report_instance_id(b)) != 0,
	    "the meta block is the new report's own");
	s = report_explanation(b, "members_total");
	ok(s == NULL, "explanations are not copied unless asked");
	free(s);
	report_copy_answers(b, a, REPORT_COPY_FILES |
	    REPORT_COPY_EXPLANATIONS, NULL, &notes);
	is_get(b, "statement", "scan.pdf", "REPORT_COPY_FILES copies uploads");
	s = report_explanation(b, "/data/members_total");
	is_str(s != NULL ? s : "(none)", "ít thành viên",
	    "REPORT_COPY_EXPLANATIONS copies explanations");
	free(s);
	is_str(notes.s, "", "nothing was refused");
	s = report_canonical_path(b, "certifications[2]/cert_type");
	is_str(s, "/data/certifications[2]/cert_type",
	    "report_canonical_path: absolute, with the index");
	free(s);
	ok(report_canonical_path(b, "nosuch") == NULL,
	    "and NULL for no question");

	set(b, "internet_fixed", "co", &err);
	set(b, "statement", "scan.pdf", &err);
	n = report_files(b, &files);
	is_int((long long)n, 1, "report_files: the upload the submission names");
	is_str(n > 0 ? files[0] : "", "scan.pdf", "by its name");
	for (i = 0; i < n; i++)
		free(files[i]);
	free(files);

	/* Another form: what it does not ask is left out, silently. */
	if ((hf = load("tests/forms/household.xml", "en")) != NULL) {
		h = report_new(hf, now, &err);
		buf_reset(&notes);
		report_copy_answers(h, a, 0, NULL, &notes);
		is_str(notes.s, "", "copying into another form names nothing "
		    "it does not have");
		report_free(h);
		form_free(hf);
	}
	report_free(a);
	report_free(b);
	buf_release(&err);
	buf_release(&notes);
}

int
main(void)
{
	struct form	*f;

	if ((top = getenv("top_srcdir")) == NULL)
		top = ".";
	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
	now = 1766199600;	/* 2025-12-20 10:00:00 +07:00 */
	if ((f = load("tests/forms/coop-mini.xml", "en")) == NULL)
		return 1;
	test_types(f);
	test_logic(f);
	test_repeats(f);
	test_round_trip(f);
	test_copy(f);
	form_free(f);
	test_household();
	xmlCleanupParser();
	return done_testing();
}
