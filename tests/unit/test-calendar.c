/*
 * test-calendar.c: the reporting calendar of a form (src/calendar.c)
 * read from the shipped HTX-HD-01, the dates of its periods as
 * forms/README.md gives them, when a period is overdue or due soon, and
 * the refusal of a malformed calendar.
 */
#include "common.h"

#include <time.h>

#include "calendar.h"
#include "datetime.h"
#include "form.h"

#include "../tap.h"

static long
day(const char *iso)
{
	double	 d = 0;

	datetime_parse_date(iso, &d);
	return (long)d;
}

static const struct calendar_item *
item(const struct calendar *cal, const char *type, int no)
{
	size_t	 i;

	for (i = 0; i < cal->n; i++)
		if (strcmp(cal->v[i].period_type, type) == 0 &&
		    cal->v[i].period_no == no)
			return &cal->v[i];
	return NULL;
}

static void
is_day(long got, const char *want, const char *what)
{
	char	 s[16];

	calendar_format_day(got, s);
	is_str(s, want, "%s", what);
}

static const char bad_form[] =
    "<h:html xmlns=\"http://www.w3.org/2002/xforms\" "
    "xmlns:h=\"http://www.w3.org/1999/xhtml\">"
    "<h:head><h:title>x</h:title><model>"
    "<instance><data id=\"x\"><a/><meta><instanceID/></meta></data>"
    "</instance>"
    "<instance id=\"coop-calendar\"><root><item>"
    "<period_type>nam</period_type><period_no>1</period_no>"
    "<from_month_day>12-15</from_month_day>"
    "<from_year_offset>-1</from_year_offset>"
    "<to_month_day>13-14</to_month_day><to_year_offset>0</to_year_offset>"
    "<deadline_month_day>12-15</deadline_month_day>"
    "<deadline_year_offset>0</deadline_year_offset><due>yes</due>"
    "</item></root></instance>"
    "<bind nodeset=\"/data/a\" type=\"string\"/>"
    "<bind nodeset=\"/data/meta/instanceID\" type=\"string\" "
    "readonly=\"true()\"/>"
    "</model></h:head><h:body><input ref=\"/data/a\"><label>a</label>"
    "</input></h:body></h:html>";

int
main(void)
{
	struct calendar		 cal;
	struct calendar_period	 p;
	const struct calendar_item *it;
	struct buf		 err = BUF_INIT;
	struct form		*f;
	char			*path;

	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
	xasprintf(&path, "%s/forms/htx-hd-01.xml", TOP_SRCDIR);
	f = form_load(path, 0, &err);
	ok(f != NULL, "HTX-HD-01 loads (%s)", err.s);
	if (f == NULL)
		return done_testing();
	is_int(calendar_load(f, &cal, &err), 1, "it has a calendar");
	is_int((long long)cal.n, 5, "the year and four quarters");
	it = item(&cal, "nam", 1);
	ok(it != NULL && it->due, "the year is listed as due");
	ok(item(&cal, "quy", 2) != NULL && !item(&cal, "quy", 2)->due,
	    "a quarter is not");
	calendar_period(it, 2025, &p);
	is_str(p.key, "2025-nam1", "the period's name in the store");
	is_day(p.from, "2024-12-15", "the window starts on 15/12 the year "
	    "before");
	is_day(p.to, "2025-12-14", "and ends on 14/12");
	is_day(p.deadline, "2025-12-15", "the deadline is 15/12");
	is_str(calendar_label(it, "en"), "Whole year", "its name in English");
	is_str(calendar_label(it, "vi"), "Cả năm", "and in Vietnamese");
	is_int(calendar_due(&p, day("2025-10-01")), CALENDAR_NOT_DUE,
	    "two months before the window ends: not due yet");
	is_int(calendar_due(&p, day("2025-11-14")), CALENDAR_DUE_SOON,
	    "30 days before: due soon");
	is_int(calendar_due(&p, day("2025-12-15")), CALENDAR_DUE_SOON,
	    "on the deadline: still due soon");
	is_int(calendar_due(&p, day("2025-12-16")), CALENDAR_OVERDUE,
	    "the day after: overdue");
	is_int(calendar_due(&p, day("2026-12-16")), CALENDAR_OVERDUE,
	    "366 days after: still overdue");
	is_int(calendar_due(&p, day("2026-12-17")), CALENDAR_NOT_DUE,
	    "after that: history, not work");
	calendar_period(item(&cal, "quy", 1), 2026, &p);
	is_day(p.from, "2025-12-15", "Q1 2026 starts on 15/12/2025");
	is_day(p.to, "2026-03-14", "and ends on 14/3");
	is_int(calendar_due(&p, day("2026-03-20")), CALENDAR_NOT_DUE,
	    "a period not listed as due never is");
	calendar_release(&cal);
	form_free(f);

	buf_reset(&err);
	f = form_load_mem(bad_form, sizeof(bad_form) - 1, "bad.xml", NULL, 0,
	    &err);
	ok(f != NULL, "a form with a malformed calendar loads (%s)", err.s);
	if (f != NULL) {
		is_int(calendar_load(f, &cal, &err), -1, "its calendar does not");
		is_str(err.s, "form 'x': calendar item 1: a month and day is "
		    "not MM-DD", "naming the item and why");
		form_free(f);
	}
	is_int(calendar_day(1795311000), day("2026-11-22"),
	    "calendar_day: the local date (TZ=Asia/Ho_Chi_Minh)");
	free(path);
	buf_release(&err);
	return done_testing();
}
