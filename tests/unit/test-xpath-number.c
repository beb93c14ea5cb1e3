/*
 * test-xpath-number.c: the fast number conversions of the XPath engine
 * (src/xpath.c, src/xpath-fn.c) against slow references that are plainly
 * right, on many numbers from a fixed pseudo-random sequence:
 *  - xnum_shortest() (number to string, round()) against trying 1 to 17
 *    significant digits with printf and strtod;
 *  - xpath_string_number() (string to number) against strtod;
 *  - round(x, n) against rounding the shortest decimal digits of x, as
 *    JavaRosa does;
 *  - string(x) of integers against "%lld".
 * A failure prints the first numbers that differ.
 */
#include "common.h"

#include <locale.h>
#include <math.h>

#include <libxml/parser.h>

#include "xpath.h"
#include "xpath-int.h"

#include "../tap.h"

#define SAMPLES		20000
#define SHOWN		5

static uint64_t	 rng = 0x2545F4914F6CDD1DULL;

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* A decimal string: 1 to 17 significant digits, the point anywhere from
 * 20 places left of them to 20 right, sometimes a sign and spaces. */
static void
random_decimal(char *out, size_t sz, bool decorate)
{
	char	 digits[20];
	int	 n = 1 + (int)(next() % 17), shift = (int)(next() % 41) - 20;
	int	 i;
	size_t	 o = 0;

	for (i = 0; i < n; i++)
		digits[i] = (char)('0' + next() % 10);
	if (digits[0] == '0')
		digits[0] = '1';
	if (decorate && next() % 4 == 0)
		out[o++] = ' ';
	if (next() % 3 == 0)
		out[o++] = '-';
	if (shift >= 0) {
		/* digits, then shift zeros */
		for (i = 0; i < n; i++)
			out[o++] = digits[i];
		for (i = 0; i < shift && o < sz - 2; i++)
			out[o++] = '0';
		if (next() % 2 == 0) {
			out[o++] = '.';
			out[o++] = '0';
		}
	} else if (-shift < n) {
		for (i = 0; i < n; i++) {
			if (i == n + shift)
				out[o++] = '.';
			out[o++] = digits[i];
		}
	} else {
		out[o++] = '0';
		out[o++] = '.';
		for (i = 0; i < -shift - n; i++)
			out[o++] = '0';
		for (i = 0; i < n; i++)
			out[o++] = digits[i];
	}
	if (decorate && next() % 4 == 0)
		out[o++] = '\n';
	out[o] = '\0';
}

/* A finite double: half decimals, half random bit patterns. */
static double
random_double(void)
{
	char		 s[80];
	uint64_t	 bits;
	double		 d;

	if (next() % 2 == 0) {
		random_decimal(s, sizeof(s), false);
		return strtod(s, NULL);
	}
	do {
		bits = next();
		memcpy(&d, &bits, sizeof(d));
	} while (!isfinite(d) || d == 0);
	return d;
}

/* The reference: the fewest significant digits that read back as d. */
static int
ref_shortest(double d, char *digits, int *exp)
{
	char	 tmp[64], c_form[64], *q;
	int	 p, k = 0, e = 0;

	d = fabs(d);
	for (p = 1; p <= 17; p++) {
		snprintf(tmp, sizeof(tmp), "%.*e", p - 1, d);
		k = 0;
		for (q = tmp; *q != '\0' && *q != 'e'; q++)
			if (*q >= '0' && *q <= '9')
				digits[k++] = *q;
		digits[k] = '\0';
		e = atoi(q + 1);
		snprintf(c_form, sizeof(c_form), "%c.%se%d", digits[0],
		    digits + 1, e);
		if (strtod(c_form, NULL) == d)
			break;
	}
	while (k > 1 && digits[k - 1] == '0')
		digits[--k] = '\0';
	*exp = e;
	return k;
}

/* The reference round(d, places): half up on the shortest digits, and
 * for negative numbers half towards zero. */
static double
ref_round(double d, int places)
{
	char	 digits[40], text[64];
	int	 k, e, keep, i, up, first;

	if (isnan(d) || isinf(d) || d == 0)
		return d;
	k = ref_shortest(d, digits, &e);
	keep = e + 1 + places;
	if (keep >= k)
		return d;
	if (keep < 0)
		return d < 0 ? -0.0 : 0.0;
	first = digits[keep] - '0';
	up = first > 5 || (first == 5 && (keep + 1 < k || d > 0));
	digits[keep] = '\0';
	if (up) {
		for (i = keep - 1; i >= 0 && digits[i] == '9'; i--)
			digits[i] = '0';
		if (i < 0) {
			memmove(digits + 1, digits, (size_t)keep + 1);
			digits[0] = '1';
			keep++;
			e++;
		} else
			digits[i]++;
	}
	if (keep == 0)
		return d < 0 ? -0.0 : 0.0;
	snprintf(text, sizeof(text), "%s0.%se%d", d < 0 ? "-" : "", digits,
	    e + 1);
	return strtod(text, NULL);
}

static bool
same_double(double a, double b)
{
	if (isnan(a) || isnan(b))
		return isnan(a) && isnan(b);
	return a == b && signbit(a) == signbit(b);
}

static void
test_shortest(void)
{
	static const double edges[] = {
		0.1, 0.2, 0.30000000000000004, 1e15 - 0.5, 999999999999999.9,
		1e-5, 0.00001 * (1 + 1e-15), 5e-324, 1.7976931348623157e308,
		9007199254740993.0, 123456789012345.6, 46.666666666666664,
		56.00000000000001, 0.07, 1.005, 2.675, 2.2250738585072014e-308,
		1.1125369292536007e-308, 1e-310, 2.5e-320, 1.5e-323,
	};
	char	 got[40], want[40];
	int	 kg, kw, eg, ew, bad = 0;
	size_t	 i;
	double	 d;

	for (i = 0; i < SAMPLES + nitems(edges); i++) {
		d = i < nitems(edges) ? edges[i] : random_double();
		kg = xnum_shortest(d, got, &eg);
		kw = ref_shortest(d, want, &ew);
		if (kg != kw || eg != ew || strcmp(got, want) != 0) {
			if (bad++ < SHOWN)
				diag("%.17g: digits %s e%d, want %s e%d", d,
				    got, eg, want, ew);
		}
	}
	ok(bad == 0, "xnum_shortest: %zu numbers, %d differ from the "
	    "reference", SAMPLES + nitems(edges), bad);
}

static void
test_parse(void)
{
	char	 s[80];
	double	 got, want;
	int	 i, bad = 0;

	for (i = 0; i < SAMPLES; i++) {
		random_decimal(s, sizeof(s), true);
		got = xpath_string_number(s);
		want = strtod(s, NULL);
		if (!same_double(got, want) && bad++ < SHOWN)
			diag("'%s': %.17g, want %.17g", s, got, want);
	}
	ok(bad == 0, "xpath_string_number: %d decimals, %d differ from "
	    "strtod", SAMPLES, bad);
}

static void
test_round(void)
{
	struct xpath_env	 env;
	struct xpath_expr	*e;
	struct buf		 err = BUF_INIT;
	char			*lit, *src;
	double			 d, got, want;
	int			 i, places, bad = 0;

	xpath_env_init(&env, NULL, 0, 1);
	for (i = 0; i < SAMPLES; i++) {
		d = random_double();
		if (fabs(d) > 1e20 || fabs(d) < 1e-20)
			d = (double)(int64_t)(next() % 2000000) / 1000 - 1000;
		/* Halves and near-halves, where rounding is delicate. */
		if (i % 4 == 0)
			d = (double)((int64_t)(next() % 200001) - 100000) /
			    1000 + 0.0005;
		places = (int)(next() % 7);
		lit = xpath_number_string(d);
		xasprintf(&src, "round(%s, %d)", lit, places);
		if ((e = xpath_compile(src, &err)) == NULL ||
		    xpath_eval_number(e, &env, NULL, &got, &err) == -1) {
			diag("%s: %s", src, err.s);
			bad++;
		} else if (!same_double(got, want = ref_round(d, places)) &&
		    bad++ < SHOWN)
			diag("%s: %.17g, want %.17g", src, got, want);
		xpath_free(e);
		free(src);
		free(lit);
		buf_reset(&err);
	}
	ok(bad == 0, "round(x, n): %d numbers, %d differ from the reference",
	    SAMPLES, bad);
	buf_release(&err);
}

static void
test_integers(void)
{
	char	 want[32], *got;
	double	 d;
	int	 i, bad = 0;

	for (i = 0; i < SAMPLES; i++) {
		d = (double)(int64_t)(next() % 2000000000000000ULL) -
		    1e15 + 1;
		if (i % 3 == 0)
			d = (double)(int64_t)(next() % 2001) - 1000;
		snprintf(want, sizeof(want), "%lld", (long long)d);
		got = xpath_number_string(d);
		if (strcmp(got, want) != 0 && bad++ < SHOWN)
			diag("%.17g: '%s', want '%s'", d, got, want);
		free(got);
	}
	ok(bad == 0, "integers: %d numbers, %d written differently from "
	    "%%lld", SAMPLES, bad);
	got = xpath_number_string(-0.0);
	is_str(got, "0", "-0 is written 0");
	free(got);
}

int
main(void)
{
	setlocale(LC_ALL, "C");
	test_shortest();
	test_parse();
	test_round();
	test_integers();
	xmlCleanupParser();
	return done_testing();
}
