/*
 * datetime.c: the lexical forms of XForms dates, dateTimes and times, and
 * their value as days since 1970-01-01 (datetime.h).
 *
 * A date is a calendar day and counts whole days whatever the time zone;
 * a dateTime or a time is an instant, read in UTC when it carries an
 * offset and in the local zone (TZ) when it does not.  Calendar arithmetic
 * is done here with the civil-from-days algorithm rather than timegm(), so
 * that years far from 1970 work the same on every libc.
 */
#include "common.h"

#include <math.h>
#include <time.h>

#include "datetime.h"

#define SECS_PER_DAY	86400.0

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
long
datetime_days_from_civil(long y, int m, int d)
{
	long	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, long *y, int *m, int *d)
{
	long	 era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

int
datetime_days_in_month(long y, int m)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return mdays[m - 1];
}

/* Exactly n ASCII digits at s. */
static int
digits(const char *s, int n, int *out)
{
	int	 i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* One or two digits (JavaRosa and Enketo read "2025-1-2"). */
static int
digits12(const char **s, int *out)
{
	const char	*p = *s;

	if (*p < '0' || *p > '9')
		return -1;
	*out = *p++ - '0';
	if (*p >= '0' && *p <= '9')
		*out = *out * 10 + (*p++ - '0');
	*s = p;
	return 0;
}

/* YYYY-M[M]-D[D] (four or more year digits); sets *end after it. */
static int
parse_date_part(const char *s, struct datetime_fields *f, const char **end)
{
	const char	*p;
	int		 n = 0, m, d;
	long		 y = 0;

	while (s[n] >= '0' && s[n] <= '9' && n < 9)
		y = y * 10 + (s[n++] - '0');
	if (n < 4 || s[n] != '-')
		return -1;
	p = s + n + 1;
	if (digits12(&p, &m) == -1 || *p++ != '-' || digits12(&p, &d) == -1)
		return -1;
	if (m < 1 || m > 12 || d < 1 || d > datetime_days_in_month(y, m))
		return -1;
	f->year = y;
	f->month = m;
	f->day = d;
	*end = p;
	return 0;
}

/*
 * hh:mm[:ss[.fff]][Z|+hh[:mm]|-hh[:mm]]; the whole rest of the string.
 * Sets f->has_offset and f->offset (seconds east of UTC).
 */
static int
parse_time_part(const char *s, struct datetime_fields *f)
{
	int	 h, mi, sec = 0, oh, om = 0, neg;
	double	 frac = 0, scale = 0.1;

	if (digits(s, 2, &h) == -1 || s[2] != ':' ||
	    digits(s + 3, 2, &mi) == -1)
		return -1;
	s += 5;
	if (*s == ':') {
		if (digits(s + 1, 2, &sec) == -1)
			return -1;
		s += 3;
		if (*s == '.') {
			if (s[1] < '0' || s[1] > '9')
				return -1;
			for (s++; *s >= '0' && *s <= '9'; s++) {
				frac += (*s - '0') * scale;
				scale /= 10;
			}
		}
	}
	if (h > 23 || mi > 59 || sec > 59)
		return -1;
	f->hour = h;
	f->minute = mi;
	f->second = sec;
	f->msec = (int)floor(frac * 1000 + 1e-6);
	f->has_offset = 0;
	f->offset = 0;
	if (*s == 'Z') {
		f->has_offset = 1;
		s++;
	} else if (*s == '+' || *s == '-') {
		neg = *s == '-';
		if (digits(s + 1, 2, &oh) == -1)
			return -1;
		if (s[3] == ':') {
			if (digits(s + 4, 2, &om) == -1)
				return -1;
			s += 6;
		} else if (s[3] >= '0' && s[3] <= '9') {
			if (digits(s + 3, 2, &om) == -1)
				return -1;
			s += 5;
		} else
			s += 3;
		if (oh > 14 || om > 59)
			return -1;
		f->has_offset = 1;
		f->offset = (oh * 3600 + om * 60) * (neg ? -1 : 1);
	}
	if (*s != '\0')
		return -1;
	return 0;
}

/* Seconds since the epoch of local wall-clock fields. */
static double
local_instant(const struct datetime_fields *f)
{
	struct tm	 tm;
	time_t		 t;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (int)(f->year - 1900);
	tm.tm_mon = f->month - 1;
	tm.tm_mday = f->day;
	tm.tm_hour = f->hour;
	tm.tm_min = f->minute;
	tm.tm_sec = f->second;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	return (double)t + f->msec / 1000.0;
}

static double
fields_instant(const struct datetime_fields *f)
{
	double	 secs;

	if (!f->has_offset)
		return local_instant(f);
	secs = (double)datetime_days_from_civil(f->year, f->month, f->day) *
	    SECS_PER_DAY + f->hour * 3600 + f->minute * 60 + f->second;
	return secs - f->offset + f->msec / 1000.0;
}

int
datetime_parse_date(const char *s, double *days)
{
	struct datetime_fields	 f;
	const char		*end;

	if (parse_date_part(s, &f, &end) == -1 || *end != '\0')
		return -1;
	*days = (double)datetime_days_from_civil(f.year, f.month, f.day);
	return 0;
}

static int
parse_datetime_fields(const char *s, struct datetime_fields *f)
{
	const char	*end;

	memset(f, 0, sizeof(*f));
	if (parse_date_part(s, f, &end) == -1 || *end != 'T' ||
	    parse_time_part(end + 1, f) == -1)
		return -1;
	return 0;
}

int
datetime_parse_datetime(const char *s, double *days)
{
	struct datetime_fields	 f;

	if (parse_datetime_fields(s, &f) == -1)
		return -1;
	*days = fields_instant(&f) / SECS_PER_DAY;
	return 0;
}

/* The local offset now, for times of day that carry an offset. */
static long
offset_now(void)
{
	struct tm	 tm;
	time_t		 t = time(NULL);

	if (localtime_r(&t, &tm) == NULL)
		return 0;
	return tm.tm_gmtoff;
}

int
datetime_parse_time(const char *s, double *days)
{
	struct datetime_fields	 f;
	double			 secs;

	memset(&f, 0, sizeof(f));
	if (parse_time_part(s, &f) == -1)
		return -1;
	secs = f.hour * 3600.0 + f.minute * 60.0 + f.second + f.msec / 1000.0;
	if (f.has_offset)
		secs += (double)(offset_now() - f.offset);
	*days = secs / SECS_PER_DAY;
	return 0;
}

int
datetime_parse_any(const char *s, double *days)
{
	/* Cheap shape checks first: XPath calls this for every string that
	 * is not a plain number. */
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	if (s[2] == ':')
		return datetime_parse_time(s, days);
	if (datetime_parse_date(s, days) == 0)
		return 0;
	return datetime_parse_datetime(s, days);
}

int
datetime_parse_fields(const char *s, struct datetime_fields *f)
{
	struct datetime_fields	 g;
	const char		*end;

	memset(f, 0, sizeof(*f));
	if (parse_date_part(s, f, &end) == -1)
		return -1;
	if (*end != '\0' && parse_datetime_fields(s, f) == -1)
		return -1;
	/* The instant, seen on the local clock: this also fills in the day
	 * of the week and the local offset. */
	datetime_local_fields(fields_instant(f) / SECS_PER_DAY, &g);
	if (f->has_offset) {
		*f = g;
		return 0;
	}
	g.msec = f->msec;
	f->wday = g.wday;
	f->offset = g.offset;
	return 0;
}

void
datetime_local_fields(double days, struct datetime_fields *f)
{
	struct tm	 tm;
	double		 secs = days * SECS_PER_DAY, whole;
	time_t		 t;
	int		 ms;

	memset(f, 0, sizeof(*f));
	whole = floor(secs);
	ms = (int)floor((secs - whole) * 1000 + 0.5);
	if (ms >= 1000) {
		ms -= 1000;
		whole += 1;
	}
	t = (time_t)whole;
	if (localtime_r(&t, &tm) == NULL) {
		f->year = 1970;
		f->month = 1;
		f->day = 1;
		return;
	}
	f->year = tm.tm_year + 1900L;
	f->month = tm.tm_mon + 1;
	f->day = tm.tm_mday;
	f->hour = tm.tm_hour;
	f->minute = tm.tm_min;
	f->second = tm.tm_sec;
	f->msec = ms;
	f->wday = tm.tm_wday;
	f->offset = tm.tm_gmtoff;
	f->has_offset = 1;
}

void
datetime_format_date(double days, char *out)
{
	long	 y;
	int	 m, d;

	if (!isfinite(days) || fabs(days) > 1e9) {
		out[0] = '\0';
		return;
	}
	civil_from_days((long)floor(days), &y, &m, &d);
	snprintf(out, DATETIME_BUFSZ, "%04ld-%02d-%02d", y, m, d);
}

void
datetime_format_fields(const struct datetime_fields *f, char *out)
{
	long	 off = f->offset < 0 ? -f->offset : f->offset;

	snprintf(out, DATETIME_BUFSZ,
	    "%04ld-%02d-%02dT%02d:%02d:%02d.%03d%c%02ld:%02ld", f->year,
	    f->month, f->day, f->hour, f->minute, f->second, f->msec,
	    f->offset < 0 ? '-' : '+', off / 3600, off / 60 % 60);
}

void
datetime_format_datetime(double days, char *out)
{
	struct datetime_fields	 f;

	if (!isfinite(days) || fabs(days) > 1e9) {
		out[0] = '\0';
		return;
	}
	datetime_local_fields(days, &f);
	datetime_format_fields(&f, out);
}

void
datetime_format_time_t(time_t t, char *out)
{
	datetime_format_datetime((double)t / SECS_PER_DAY, out);
}
