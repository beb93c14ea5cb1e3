/*
 * calendar.h: the reporting calendar of a form, and which periods are
 * due (issue #4, "coopreport status").
 *
 * Purpose: a form carries its calendar as the inline secondary instance
 * "coop-calendar" (forms/README.md, "The reporting calendar"): one item
 * per period type and number, with the data window and the deadline as
 * month-day and a year offset from the report year, whether the period
 * is listed as due every year, and its names.  calendar_load() reads it;
 * calendar_period() turns an item and a report year into dates and into
 * the name the store uses for the period (the envelope key "period",
 * "2025-nam1": year, type, number, as meta/instanceName ends);
 * calendar_due() says whether such a period is overdue or due soon on a
 * given day.
 *
 * Rules (forms/README.md): a period is listed only when its item says
 * due = yes.  It is overdue when its deadline has passed, for one year
 * after the deadline (CALENDAR_OVERDUE_DAYS; older periods are history,
 * not work); due soon when its deadline is still ahead and its data
 * window ends within CALENDAR_SOON_DAYS.  Whether a report for it exists
 * is the caller's part.  No weekend or holiday moves a deadline.
 *
 * Calling sequence: calendar_load(form, &cal, &err); for each item and
 * year, calendar_period() and calendar_due(); calendar_release(&cal).
 *
 * Error handling: calendar_load() returns 1 when the form has a calendar,
 * 0 when it has none, and -1 with one line in err when an item is
 * malformed ("form 'x': calendar item 2: ...").
 *
 * Ownership: struct calendar owns its items and their strings; a struct
 * calendar_period points to its item.
 */
#ifndef CALENDAR_H
#define CALENDAR_H

#include <time.h>

#define CALENDAR_INSTANCE	"coop-calendar"
#define CALENDAR_SOON_DAYS	30
#define CALENDAR_OVERDUE_DAYS	366

struct form;

struct calendar_item {
	char		*period_type;	/* "nam", "6thang", "quy" */
	int		 period_no;
	int		 from_month, from_day, from_offset;
	int		 to_month, to_day, to_offset;
	int		 deadline_month, deadline_day, deadline_offset;
	bool		 due;
	char		*label_vi;
	char		*label_en;
};

struct calendar {
	struct calendar_item *v;
	size_t		 n;
};

struct calendar_period {
	const struct calendar_item *item;
	long		 year;		/* the report year */
	long		 from, to;	/* the data window, days since 1970 */
	long		 deadline;
	char		 key[64];	/* "2025-nam1" */
};

enum calendar_due_kind {
	CALENDAR_NOT_DUE,
	CALENDAR_OVERDUE,		/* the deadline has passed */
	CALENDAR_DUE_SOON,		/* the window ends soon or has ended */
};

int	 calendar_load(const struct form *, struct calendar *, struct buf *);
void	 calendar_release(struct calendar *);
void	 calendar_period(const struct calendar_item *, long,
	    struct calendar_period *);
enum calendar_due_kind calendar_due(const struct calendar_period *, long);
/* The local date of t, as days since 1970-01-01. */
long	 calendar_day(time_t);
/* "2025-12-15" for a day number; out holds at least 16 bytes. */
void	 calendar_format_day(long, char *);
/* The item's name in lang ("vi" or "en"). */
const char *calendar_label(const struct calendar_item *, const char *);

#endif /* CALENDAR_H */
