/*
 * calendar.c: reading a form's coop-calendar instance, and the dates of
 * its periods.  It reads the form's own libxml2 tree (form-int.h), as
 * the rest of the form engine does; nothing of libxml2 leaves it.
 */
#include "common.h"

#include <time.h>

#include "calendar.h"
#include "datetime.h"
#include "form-int.h"

void
calendar_release(struct calendar *cal)
{
	size_t	 i;

	for (i = 0; i < cal->n; i++) {
		free(cal->v[i].period_type);
		free(cal->v[i].label_vi);
		free(cal->v[i].label_en);
	}
	free(cal->v);
	cal->v = NULL;
	cal->n = 0;
}

/* The text of the child element called name, or NULL; caller frees. */
static char *
child_text(xmlNode *item, const char *name)
{
	xmlNode	*c;
	xmlChar	*v;
	char	*s;

	for (c = item->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)c->name, name) != 0)
			continue;
		v = xmlNodeGetContent(c);
		s = xstrdup(v != NULL ? (const char *)v : "");
		xmlFree(v);
		return s;
	}
	return NULL;
}

static int
parse_int(const char *s, long lo, long hi, int *out)
{
	char	*end;
	long	 v;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

/* "MM-DD" */
static int
parse_month_day(const char *s, int *month, int *day)
{
	char	 m[3], d[3];

	if (s == NULL || strlen(s) != 5 || s[2] != '-')
		return -1;
	memcpy(m, s, 2);
	m[2] = '\0';
	memcpy(d, s + 3, 2);
	d[2] = '\0';
	if (strspn(m, "0123456789") != 2 || strspn(d, "0123456789") != 2)
		return -1;
	return parse_int(m, 1, 12, month) == 0 && parse_int(d, 1, 31,
	    day) == 0 ? 0 : -1;
}

/* One <item>; returns NULL or what is wrong with it. */
static const char *
parse_item(xmlNode *node, struct calendar_item *it)
{
	static const char *const names[] = {
		"period_type", "period_no", "from_month_day",
		"from_year_offset", "to_month_day", "to_year_offset",
		"deadline_month_day", "deadline_year_offset", "due",
	};
	char		*v[nitems(names)];
	const char	*why = NULL;
	size_t		 i;

	for (i = 0; i < nitems(names); i++)
		v[i] = child_text(node, names[i]);
	if (v[0] == NULL || *v[0] == '\0')
		why = _("it has no period_type");
	else if (parse_int(v[1], 1, 99, &it->period_no) == -1)
		why = _("period_no is not a number from 1 to 99");
	else if (parse_month_day(v[2], &it->from_month, &it->from_day) == -1 ||
	    parse_month_day(v[4], &it->to_month, &it->to_day) == -1 ||
	    parse_month_day(v[6], &it->deadline_month,
	    &it->deadline_day) == -1)
		why = _("a month and day is not MM-DD");
	else if (parse_int(v[3], -9, 9, &it->from_offset) == -1 ||
	    parse_int(v[5], -9, 9, &it->to_offset) == -1 ||
	    parse_int(v[7], -9, 9, &it->deadline_offset) == -1)
		why = _("a year offset is not a number from -9 to 9");
	else if (v[8] == NULL || (strcmp(v[8], "yes") != 0 &&
	    strcmp(v[8], "no") != 0))
		why = _("due is not 'yes' or 'no'");
	if (why == NULL) {
		it->period_type = v[0];
		v[0] = NULL;
		it->due = strcmp(v[8], "yes") == 0;
		it->label_vi = child_text(node, "label_vi");
		it->label_en = child_text(node, "label_en");
	}
	for (i = 0; i < nitems(names); i++)
		free(v[i]);
	return why;
}

int
calendar_load(const struct form *f, struct calendar *cal, struct buf *err)
{
	const struct form_instance *fi;
	const char	*why;
	xmlNode		*root, *c;
	size_t		 k = 0;

	cal->v = NULL;
	cal->n = 0;
	fi = strmap_get(&f->inst_by_id, CALENDAR_INSTANCE);
	if (fi == NULL || fi->node == NULL)
		return 0;
	for (root = fi->node->children; root != NULL &&
	    root->type != XML_ELEMENT_NODE; root = root->next)
		;
	if (root == NULL)
		return 0;
	for (c = root->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)c->name, "item") != 0)
			continue;
		k++;
		cal->v = xreallocarray(cal->v, cal->n + 1, sizeof(*cal->v));
		memset(&cal->v[cal->n], 0, sizeof(cal->v[cal->n]));
		if ((why = parse_item(c, &cal->v[cal->n])) != NULL) {
			calendar_release(cal);
			return buf_errf(err, _("form '%s': calendar item %zu: "
			    "%s"), f->id, k, why);
		}
		cal->n++;
	}
	return 1;
}

void
calendar_period(const struct calendar_item *it, long year,
    struct calendar_period *p)
{
	memset(p, 0, sizeof(*p));
	p->item = it;
	p->year = year;
	p->from = datetime_days_from_civil(year + it->from_offset,
	    it->from_month, it->from_day);
	p->to = datetime_days_from_civil(year + it->to_offset, it->to_month,
	    it->to_day);
	p->deadline = datetime_days_from_civil(year + it->deadline_offset,
	    it->deadline_month, it->deadline_day);
	snprintf(p->key, sizeof(p->key), "%ld-%s%d", year, it->period_type,
	    it->period_no);
}

enum calendar_due_kind
calendar_due(const struct calendar_period *p, long today)
{
	if (!p->item->due)
		return CALENDAR_NOT_DUE;
	if (p->deadline < today)
		return today - p->deadline <= CALENDAR_OVERDUE_DAYS ?
		    CALENDAR_OVERDUE : CALENDAR_NOT_DUE;
	if (p->to - today <= CALENDAR_SOON_DAYS)
		return CALENDAR_DUE_SOON;
	return CALENDAR_NOT_DUE;
}

long
calendar_day(time_t t)
{
	struct tm	 tm;

	if (localtime_r(&t, &tm) == NULL)
		return (long)(t / 86400);
	return datetime_days_from_civil(tm.tm_year + 1900L, tm.tm_mon + 1,
	    tm.tm_mday);
}

void
calendar_format_day(long day, char *out)
{
	char	 s[DATETIME_BUFSZ];

	datetime_format_date((double)day, s);
	s[15] = '\0';	/* "YYYY-MM-DD"; a year of 5 digits still fits */
	memcpy(out, s, strlen(s) + 1);
}

const char *
calendar_label(const struct calendar_item *it, const char *lang)
{
	const char	*l = strcmp(lang, "en") == 0 ? it->label_en :
			    it->label_vi;

	if (l == NULL || *l == '\0')
		l = it->label_vi != NULL ? it->label_vi : "";
	return l;
}
