/*
 * datetime.h: the lexical forms of XForms dates and times, and their
 * value as days since 1970-01-01, as ODK uses them in XPath.
 *
 *   date	YYYY-MM-DD			days, an integer
 *   dateTime	YYYY-MM-DDThh:mm[:ss[.fff]][Z|+hh:mm|-hh:mm]
 *		days since the epoch in UTC when an offset is given, in
 *		local time (TZ) when it is not; fractional
 *   time	hh:mm[:ss[.fff]][Z|+hh:mm|-hh:mm]
 *		the time of day on 1970-01-01, as a fraction of a day, for
 *		comparing times
 *
 * The parsers check the calendar (2025-02-29 is not a date) and return 0,
 * or -1 when the text is not of that form; they never print.  The
 * formatters write into out (at least DATETIME_BUFSZ bytes) and keep the
 * local offset, as ODK requires for dateTime.
 */
#ifndef DATETIME_H
#define DATETIME_H

#include <time.h>

#define DATETIME_BUFSZ	64

int	 datetime_parse_date(const char *, double *);
int	 datetime_parse_datetime(const char *, double *);
int	 datetime_parse_time(const char *, double *);
/* Any of the three forms above, tried in that order. */
int	 datetime_parse_any(const char *, double *);

/* days since the epoch -> "YYYY-MM-DD" (the floor of days) */
void	 datetime_format_date(double, char *);
/* days since the epoch -> "YYYY-MM-DDThh:mm:ss.sss+hh:mm" in local time */
void	 datetime_format_datetime(double, char *);
/* seconds since the epoch -> the same, for now() and timestamps */
void	 datetime_format_time_t(time_t, char *);

#endif /* DATETIME_H */
