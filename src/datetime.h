/*
 * datetime.h: the lexical forms of XForms dates and times, and their
 * value as days since 1970-01-01, as ODK uses them in XPath.
 *
 *   date	YYYY-MM-DD			days, an integer
 *   dateTime	YYYY-MM-DDThh:mm[:ss[.fff]][Z|+hh:mm|-hh:mm]
 *		days since the epoch in UTC when an offset is given, in
 *		local time (TZ) when it is not; fractional
 *   time	hh:mm[:ss[.fff]][Z|+hh:mm|-hh:mm]
 *		the time of day on the local clock, as a fraction of a day,
 *		for comparing times; a time with an offset is moved to the
 *		local zone with today's local offset (as JavaRosa does),
 *		so the result may fall outside [0, 1)
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

/* y-m-d of the proleptic Gregorian calendar -> days since the epoch; a
 * day past the end of its month counts on into the next month */
long	 datetime_days_from_civil(long, int, int);
/* The days of month m (1 to 12) of year y, of the same calendar. */
int	 datetime_days_in_month(long, int);
/* days since the epoch -> "YYYY-MM-DD" (the floor of days) */
void	 datetime_format_date(double, char *);
/* days since the epoch -> "YYYY-MM-DDThh:mm:ss.sss+hh:mm" in local time */
void	 datetime_format_datetime(double, char *);
/* seconds since the epoch -> the same, for now() and timestamps */
void	 datetime_format_time_t(time_t, char *);

/*
 * Broken-down local time, for format-date() and decimal-time().  offset
 * is the local offset east of UTC in seconds; has_offset says whether the
 * parsed text carried one.
 */
struct datetime_fields {
	long	 year;
	int	 month, day, hour, minute, second, msec;
	int	 wday;		/* 0 is Sunday */
	long	 offset;
	int	 has_offset;
};

/* A date or a dateTime, as the local clock shows it (a date is its local
 * midnight; a dateTime with an offset is moved to the local zone). */
int	 datetime_parse_fields(const char *, struct datetime_fields *);
/* days since the epoch (an instant) -> the local clock */
void	 datetime_local_fields(double, struct datetime_fields *);
/* fields -> "YYYY-MM-DDThh:mm:ss.sss+hh:mm" */
void	 datetime_format_fields(const struct datetime_fields *, char *);

#endif /* DATETIME_H */
