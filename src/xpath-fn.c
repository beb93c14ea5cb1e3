/*
 * xpath-fn.c: the XPath function library of the ODK dialect, as one
 * table (name, arity, flags, implementation), at the end of this file.
 *
 * Semantics follow the ODK XForms specification and, where engines
 * disagree, JavaRosa (what ODK Collect runs): sum(), min() and max() skip
 * values that are not numbers; round() rounds the decimal form of its
 * argument, half up (ties towards zero for negative numbers, which is
 * XPath's "towards positive infinity"); randomize() with a seed is
 * JavaRosa's inside-out Fisher-Yates over the Park-Miller generator, so
 * that a seeded order is the one Collect shows.  Where this file departs
 * from JavaRosa, a comment at the function says so and why.
 *
 * Each implementation gets the evaluated arguments (or, with FN_LAZY, the
 * call node to evaluate them itself) and writes its result into out.
 */
#include "common.h"

#include <locale.h>
#include <math.h>
#include <regex.h>
#include <strings.h>

#include "base64.h"
#include "datetime.h"
#include "digest.h"
#include "utf8.h"
#include "uuid.h"
#include "xpath-int.h"

#define NARGS(call)	((call)->nkids)

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static const char *
type_name(enum xpath_type t)
{
	switch (t) {
	case XPATH_NODESET:
		return _("node-set");
	case XPATH_BOOLEAN:
		return _("boolean");
	case XPATH_NUMBER:
		return _("number");
	default:
		return _("string");
	}
}

static int
need_nodeset(struct xctx *c, const struct xnode *call, const struct xv *v)
{
	if (v->type == XPATH_NODESET)
		return 0;
	return xerr(c, call, _("'%s' needs a node-set, not a %s"),
	    call->fn->name, type_name(v->type));
}

/* Sets out to the string s, which may be borrowed from an argument. */
static void
out_str_from(struct xv *out, const char *s, struct xstrtmp *t)
{
	if (t->own != NULL && s == t->own) {
		xv_take_str(out, t->own);
		t->own = NULL;
	} else
		xv_copy_str(out, s, strlen(s));
}

/* The context node as a one-node value, for string() and friends. */
static void
context_value(struct xctx *c, struct xv *v)
{
	xv_init(v);
	xv_set_nodeset(v);
	if (c->node != NULL)
		xv_push(v, c->node);
}

/*
 * Walks the items of arguments from..n: each node of a node-set argument
 * is one item (its string), any other argument is one item itself.
 */
struct iter {
	struct xv	*args;
	size_t		 n, ai, ni;
	struct xstrtmp	 t;
	struct xv	 item;		/* borrowed: never released */
};

static void
iter_init(struct iter *it, struct xv *args, size_t from, size_t n)
{
	memset(it, 0, sizeof(*it));
	it->args = args;
	it->ai = from;
	it->n = n;
	xv_init(&it->item);
}

static int
iter_next(struct iter *it)
{
	struct xv	*a;

	xstrtmp_release(&it->t);
	while (it->ai < it->n) {
		a = &it->args[it->ai];
		if (a->type != XPATH_NODESET) {
			it->item = *a;
			it->item.own = NULL;
			it->item.cap = 0;
			it->item.n = 0;
			it->ai++;
			return 1;
		}
		if (it->ni < a->n) {
			xv_init(&it->item);
			it->item.s = xnode_text(XV_NODES(a)[it->ni++], &it->t);
			return 1;
		}
		it->ai++;
		it->ni = 0;
	}
	return 0;
}

static void
iter_release(struct iter *it)
{
	xstrtmp_release(&it->t);
}

/* JavaRosa's toInt: truncation towards zero, NaN and infinities kept. */
static double
to_int(double d)
{
	if (isnan(d) || isinf(d))
		return d;
	return trunc(d);
}

/* Java's (int) and (long) casts of a double: NaN is 0, saturating. */
static long long
java_long(double d)
{
	if (isnan(d))
		return 0;
	if (d >= 9.2233720368547758e18)
		return LLONG_MAX;
	if (d <= -9.2233720368547758e18)
		return LLONG_MIN;
	return (long long)d;
}

static int
java_int(double d)
{
	if (isnan(d))
		return 0;
	if (d >= 2147483647.0)
		return INT_MAX;
	if (d <= -2147483648.0)
		return INT_MIN;
	return (int)d;
}

/* ------------------------------------------------------------------ */
/* Core XPath 1.0 functions                                            */
/* ------------------------------------------------------------------ */

static int
fn_last(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	(void)call;
	(void)a;
	xv_set_num(out, (double)c->size);
	return 0;
}

/*
 * position(): the context position in a predicate; elsewhere, and for
 * ODK's position(node-set), the place of the (first) node among the
 * siblings of its name, from 1 (JavaRosa: its index in the repeat).
 */
static int
fn_position(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	const xmlNode	*n, *s;
	double		 pos = 1;

	if (NARGS(call) == 0 && c->pos > 0) {
		xv_set_num(out, (double)c->pos);
		return 0;
	}
	if (NARGS(call) == 0)
		n = c->node;
	else if (need_nodeset(c, call, &a[0]) == -1)
		return -1;
	else
		n = a[0].n > 0 ? XV_NODES(&a[0])[0] : NULL;
	if (n == NULL) {
		xv_set_num(out, 0);
		return 0;
	}
	for (s = n->prev; s != NULL; s = s->prev)
		if (s->type == n->type && s->name != NULL && n->name != NULL &&
		    strcmp((const char *)s->name, (const char *)n->name) == 0)
			pos++;
	xv_set_num(out, pos);
	return 0;
}

static int
fn_count(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	if (need_nodeset(c, call, &a[0]) == -1)
		return -1;
	xv_set_num(out, (double)a[0].n);
	return 0;
}

/* local-name(), name(), namespace-uri(): which of the three in call. */
static int
fn_names(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct xv	 ctx;
	const xmlNode	*n;
	const char	*which = call->fn->name;
	int		 r = 0;

	if (NARGS(call) == 0) {
		context_value(c, &ctx);
		a = &ctx;
	} else if (need_nodeset(c, call, &a[0]) == -1)
		return -1;
	if (a[0].n == 0) {
		xv_set_str(out, "");
		goto done;
	}
	n = XV_NODES(&a[0])[0];
	if (n->type != XML_ELEMENT_NODE && n->type != XML_ATTRIBUTE_NODE &&
	    n->type != XML_PI_NODE) {
		xv_set_str(out, "");
		goto done;
	}
	if (strcmp(which, "namespace-uri") == 0)
		xv_copy_str(out, n->ns != NULL && n->ns->href != NULL ?
		    (const char *)n->ns->href : "", strlen(n->ns != NULL &&
		    n->ns->href != NULL ? (const char *)n->ns->href : ""));
	else if (which[0] == 'n' && n->ns != NULL && n->ns->prefix != NULL) {
		char *s;

		xasprintf(&s, "%s:%s", n->ns->prefix, n->name);
		xv_take_str(out, s);
	} else
		xv_copy_str(out, (const char *)n->name,
		    strlen((const char *)n->name));
done:
	if (NARGS(call) == 0)
		xv_release(&ctx);
	return r;
}

static int
fn_string(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct xstrtmp	 t;
	struct xv	 ctx;
	const char	*s;

	if (NARGS(call) == 0) {
		context_value(c, &ctx);
		s = xv_str(&ctx, &t);
		out_str_from(out, s, &t);
		xstrtmp_release(&t);
		xv_release(&ctx);
		return 0;
	}
	if (a[0].type == XPATH_STRING) {
		xv_move(out, &a[0]);
		return 0;
	}
	s = xv_str(&a[0], &t);
	out_str_from(out, s, &t);
	xstrtmp_release(&t);
	return 0;
}

static int
fn_concat(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct buf	 b = BUF_INIT;
	struct xstrtmp	 t;
	struct iter	 it;

	(void)c;
	iter_init(&it, a, 0, NARGS(call));
	while (iter_next(&it)) {
		buf_adds(&b, xv_str(&it.item, &t));
		xstrtmp_release(&t);
	}
	iter_release(&it);
	xv_take_str(out, buf_detach(&b, NULL));
	return 0;
}

static int
fn_join(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct buf	 b = BUF_INIT;
	struct xstrtmp	 t, ts;
	const char	*sep;
	struct iter	 it;
	int		 first = 1;

	(void)c;
	sep = xv_str(&a[0], &ts);
	iter_init(&it, a, 1, NARGS(call));
	while (iter_next(&it)) {
		if (!first)
			buf_adds(&b, sep);
		first = 0;
		buf_adds(&b, xv_str(&it.item, &t));
		xstrtmp_release(&t);
	}
	iter_release(&it);
	xstrtmp_release(&ts);
	xv_take_str(out, buf_detach(&b, NULL));
	return 0;
}

/* starts-with, ends-with, contains, substring-before, substring-after */
static int
fn_strpair(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct xstrtmp	 t1, t2;
	const char	*s = xv_str(&a[0], &t1), *x = xv_str(&a[1], &t2);
	const char	*name = call->fn->name, *hit;
	size_t		 ls = strlen(s), lx = strlen(x);

	(void)c;
	if (strcmp(name, "starts-with") == 0)
		xv_set_bool(out, strncmp(s, x, lx) == 0);
	else if (strcmp(name, "ends-with") == 0)
		xv_set_bool(out, ls >= lx && strcmp(s + ls - lx, x) == 0);
	else if (strcmp(name, "contains") == 0)
		xv_set_bool(out, strstr(s, x) != NULL);
	else if ((hit = strstr(s, x)) == NULL)
		xv_set_str(out, "");
	else if (strcmp(name, "substring-before") == 0)
		xv_copy_str(out, s, (size_t)(hit - s));
	else
		xv_copy_str(out, hit + lx, strlen(hit + lx));
	xstrtmp_release(&t1);
	xstrtmp_release(&t2);
	return 0;
}

/* XPath 1.0 substring(): 1-based, with XPath's rounding of both. */
static int
fn_substring(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct xstrtmp	 t;
	const char	*s = xv_str(&a[0], &t);
	size_t		 len = strlen(s), nch = utf8_length(s, len), b0, b1;
	double		 start, end, first, last;

	(void)c;
	start = floor(xv_num(&a[1]) + 0.5);
	end = NARGS(call) == 3 ? start + floor(xv_num(&a[2]) + 0.5) :
	    INFINITY;
	/* Characters at positions p with start <= p < end, p from 1. */
	first = start < 1 ? 1 : start;
	last = end > (double)nch + 1 ? (double)nch + 1 : end;
	if (isnan(first) || isnan(last) || first >= last) {
		xv_set_str(out, "");
	} else {
		b0 = utf8_offset(s, len, (size_t)first - 1);
		b1 = utf8_offset(s, len, (size_t)last - 1);
		xv_copy_str(out, s + b0, b1 - b0);
	}
	xstrtmp_release(&t);
	return 0;
}

/* ODK substr(): from 0, end-exclusive; negative counts from the end. */
static int
fn_substr(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct xstrtmp	 t;
	const char	*s = xv_str(&a[0], &t);
	size_t		 len = strlen(s), b0, b1;
	long long	 n = (long long)utf8_length(s, len), start, end;

	(void)c;
	start = java_int(to_int(xv_num(&a[1])));
	end = NARGS(call) == 3 ? java_int(to_int(xv_num(&a[2]))) : n;
	if (start < 0)
		start += n;
	if (end < 0)
		end += n;
	end = end < 0 ? 0 : end > n ? n : end;
	start = start < 0 ? 0 : start > n ? n : start;
	if (start >= end)
		xv_set_str(out, "");
	else {
		b0 = utf8_offset(s, len, (size_t)start);
		b1 = utf8_offset(s, len, (size_t)end);
		xv_copy_str(out, s + b0, b1 - b0);
	}
	xstrtmp_release(&t);
	return 0;
}

static int
fn_string_length(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct xstrtmp	 t;
	struct xv	 ctx;
	const char	*s;

	if (NARGS(call) == 0) {
		context_value(c, &ctx);
		s = xv_str(&ctx, &t);
		xv_set_num(out, (double)utf8_length(s, strlen(s)));
		xstrtmp_release(&t);
		xv_release(&ctx);
		return 0;
	}
	s = xv_str(&a[0], &t);
	xv_set_num(out, (double)utf8_length(s, strlen(s)));
	xstrtmp_release(&t);
	return 0;
}

static int
is_space(int ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static int
fn_normalize_space(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct xstrtmp	 t;
	struct xv	 ctx;
	struct buf	 b = BUF_INIT;
	const char	*s;
	int		 space = 0;

	if (NARGS(call) == 0) {
		context_value(c, &ctx);
		s = xv_str(&ctx, &t);
	} else
		s = xv_str(&a[0], &t);
	for (; *s != '\0'; s++) {
		if (is_space((unsigned char)*s)) {
			space = b.len > 0;
			continue;
		}
		if (space)
			buf_addc(&b, ' ');
		space = 0;
		buf_addc(&b, *s);
	}
	xstrtmp_release(&t);
	if (NARGS(call) == 0)
		xv_release(&ctx);
	xv_take_str(out, buf_detach(&b, NULL));
	return 0;
}

/* Decodes s into code points (invalid bytes become U+FFFD). */
static uint32_t *
codepoints(const char *s, size_t *n)
{
	size_t		 len = strlen(s), i = 0, k = 0;
	uint32_t	*cp = xreallocarray(NULL, len + 1, sizeof(*cp));
	int		 l;

	while (i < len) {
		l = utf8_decode(s + i, len - i, &cp[k]);
		if (l < 0) {
			cp[k] = 0xFFFD;
			l = 1;
		}
		i += (size_t)l;
		k++;
	}
	*n = k;
	return cp;
}

static void
buf_add_cp(struct buf *b, uint32_t cp)
{
	char	 enc[4];
	int	 l = utf8_encode(cp, enc);

	buf_add(b, enc, (size_t)l);
}

static int
fn_translate(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct xstrtmp	 t[3];
	struct buf	 b = BUF_INIT;
	uint32_t	*s, *from, *to;
	size_t		 ns, nf, nt, i, k;

	(void)c;
	(void)call;
	s = codepoints(xv_str(&a[0], &t[0]), &ns);
	from = codepoints(xv_str(&a[1], &t[1]), &nf);
	to = codepoints(xv_str(&a[2], &t[2]), &nt);
	for (i = 0; i < ns; i++) {
		for (k = 0; k < nf && from[k] != s[i]; k++)
			;
		if (k == nf)
			buf_add_cp(&b, s[i]);
		else if (k < nt)
			buf_add_cp(&b, to[k]);
	}
	free(s);
	free(from);
	free(to);
	for (i = 0; i < 3; i++)
		xstrtmp_release(&t[i]);
	xv_take_str(out, buf_detach(&b, NULL));
	return 0;
}

/* boolean(), not() and number(): the conversions, named by call. */
static int
fn_convert(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	const char	*name = call->fn->name;

	(void)c;
	if (strcmp(name, "boolean") == 0)
		xv_set_bool(out, xv_bool(&a[0]));
	else if (strcmp(name, "not") == 0)
		xv_set_bool(out, !xv_bool(&a[0]));
	else
		xv_set_num(out, xv_num(&a[0]));
	return 0;
}

static int
fn_true(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	(void)c;
	(void)a;
	xv_set_bool(out, call->fn->name[0] == 't');
	return 0;
}

static int
fn_lang(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct xstrtmp	 t;
	const char	*want = xv_str(&a[0], &t);
	xmlChar		*lang;
	size_t		 n = strlen(want);

	(void)call;
	lang = c->node != NULL ? xmlNodeGetLang(c->node) : NULL;
	xv_set_bool(out, lang != NULL &&
	    strncasecmp((const char *)lang, want, n) == 0 &&
	    (lang[n] == '\0' || lang[n] == '-'));
	xmlFree(lang);
	xstrtmp_release(&t);
	return 0;
}

/*
 * sum(): like JavaRosa, nodes whose value is not a number (an unanswered
 * question in a repeat) are skipped rather than making the sum NaN.
 */
static int
fn_sum(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct iter	 it;
	double		 sum = 0, d;

	if (need_nodeset(c, call, &a[0]) == -1)
		return -1;
	iter_init(&it, a, 0, 1);
	while (iter_next(&it))
		if (!isnan(d = xv_num(&it.item)))
			sum += d;
	iter_release(&it);
	xv_set_num(out, sum);
	return 0;
}

/* One-argument math: floor, ceiling, abs, int, the logarithms, ... */
static int
fn_math1(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	static const struct {
		const char	*name;
		double		(*f)(double);
	} fns[] = {
		{ "floor", floor }, { "ceiling", ceil }, { "abs", fabs },
		{ "int", to_int }, { "log", log }, { "log10", log10 },
		{ "exp", exp }, { "sqrt", sqrt }, { "sin", sin },
		{ "cos", cos }, { "tan", tan }, { "asin", asin },
		{ "acos", acos }, { "atan", atan },
	};
	double	 d = xv_num(&a[0]);
	size_t	 i;

	(void)c;
	if (strcmp(call->fn->name, "exp10") == 0) {
		xv_set_num(out, pow(10, d));
		return 0;
	}
	for (i = 0; i < nitems(fns); i++)
		if (strcmp(fns[i].name, call->fn->name) == 0)
			break;
	xv_set_num(out, i < nitems(fns) ? fns[i].f(d) : NAN);
	return 0;
}

static int
fn_math2(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	double	 x = xv_num(&a[0]), y = xv_num(&a[1]);

	(void)c;
	xv_set_num(out, call->fn->name[0] == 'p' ? pow(x, y) : atan2(x, y));
	return 0;
}

static int
fn_pi(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	(void)c;
	(void)call;
	(void)a;
	xv_set_num(out, M_PI);
	return 0;
}

/*
 * Rounds d to digits decimal places the way JavaRosa does: on the
 * shortest decimal form of d (so round(2.345, 2) is 2.35, as a person
 * expects, although the double below 2.345 is nearer), half up, and for
 * negative numbers half towards zero.
 */
static double
round_decimal(double d, int places)
{
	char	 digits[40], text[64];
	int	 k, e, keep, i, up, first;

	if (isnan(d) || isinf(d) || d == 0)
		return d;
	/*
	 * Most numbers round without their digits: below 10^9 once scaled,
	 * the shortest decimal form of d and d itself are within 2.3e-7
	 * of each other after scaling, so when the scaled d is further than
	 * 1e-6 from a half, both round to the same integer m, and m / 10^p
	 * (two exact doubles) is what reading the rounded decimal gives.
	 */
	if (places <= XNUM_POW10_MAX) {
		double a = fabs(d) * xnum_pow10[places], m;

		if (a < 1e9 && fabs(a - floor(a) - 0.5) > 1e-6) {
			m = floor(a + 0.5) / xnum_pow10[places];
			return d < 0 ? -m : m;
		}
	}
	k = xnum_shortest(d, digits, &e);
	keep = e + 1 + places;		/* significant digits kept */
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
	return xnum_parse_c(text);
}

static int
fn_round(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	double	 d = xv_num(&a[0]), p10;
	int	 places = 0;

	(void)c;
	if (NARGS(call) == 2)
		places = java_int(xv_num(&a[1]));
	if (places > 30 || places < -30) {
		xv_set_num(out, isnan(d) || isinf(d) ? d : NAN);
		return 0;
	}
	if (places >= 0) {
		xv_set_num(out, round_decimal(d, places));
		return 0;
	}
	/*
	 * To tens, hundreds, ...: JavaRosa truncates d / 10^n + 0.5, which
	 * rounds -33.33 to -20; floor() gives -30 and agrees with it for
	 * every positive number.
	 */
	p10 = pow(10, -places);
	xv_set_num(out, isnan(d) || isinf(d) ? d : floor(d / p10 + 0.5) * p10);
	return 0;
}

/* ------------------------------------------------------------------ */
/* ODK: logic and selects                                              */
/* ------------------------------------------------------------------ */

static int
fn_if(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct xv	 cond;
	int		 b;

	(void)a;
	xv_init(&cond);
	if (xeval(call->kids[0], c, &cond) == -1) {
		xv_release(&cond);
		return -1;
	}
	b = xv_bool(&cond);
	xv_release(&cond);
	return xeval(call->kids[b ? 1 : 2], c, out);
}

/* JavaRosa's isNull: an empty string (or node) or NaN. */
static int
is_empty_value(const struct xv *v)
{
	struct xstrtmp	 t;
	int		 r;

	if (v->type == XPATH_NUMBER)
		return isnan(v->num);
	if (v->type == XPATH_BOOLEAN)
		return 0;
	r = xv_str(v, &t)[0] == '\0';
	xstrtmp_release(&t);
	return r;
}

static int
fn_coalesce(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	(void)a;
	if (xeval(call->kids[0], c, out) == -1)
		return -1;
	if (!is_empty_value(out))
		return 0;
	return xeval(call->kids[1], c, out);
}

/* once(x): the current value of the node being computed, or else x. */
static int
fn_once(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct xstrtmp	 t;
	const char	*s;

	(void)call;
	if (c->origin != NULL) {
		s = xnode_text(c->origin, &t);
		if (s[0] != '\0') {
			out_str_from(out, s, &t);
			xstrtmp_release(&t);
			return 0;
		}
		xstrtmp_release(&t);
	}
	xv_move(out, &a[0]);
	return 0;
}

static int
fn_boolean_from_string(struct xctx *c, const struct xnode *call,
    struct xv *a, struct xv *out)
{
	struct xstrtmp	 t;
	const char	*s = xv_str(&a[0], &t);

	(void)c;
	(void)call;
	xv_set_bool(out, strcasecmp(s, "true") == 0 || strcmp(s, "1") == 0);
	xstrtmp_release(&t);
	return 0;
}

/* The space-separated values of a select answer, one at a time. */
static const char *
next_token(const char *s, size_t *len)
{
	while (is_space((unsigned char)*s))
		s++;
	if (*s == '\0')
		return NULL;
	*len = 0;
	while (s[*len] != '\0' && !is_space((unsigned char)s[*len]))
		(*len)++;
	return s;
}

static int
fn_selected(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct xstrtmp	 t1, t2;
	const char	*list = xv_str(&a[0], &t1), *want = xv_str(&a[1], &t2);
	const char	*tok, *w;
	size_t		 len, wlen;
	int		 hit = 0;

	(void)c;
	(void)call;
	/* The wanted value is trimmed, as JavaRosa does. */
	if ((w = next_token(want, &wlen)) != NULL)
		for (tok = list; (tok = next_token(tok, &len)) != NULL;
		    tok += len)
			if (len == wlen && memcmp(tok, w, len) == 0 &&
			    w[wlen + strspn(w + wlen, " \t\r\n")] == '\0') {
				hit = 1;
				break;
			}
	xv_set_bool(out, hit);
	xstrtmp_release(&t1);
	xstrtmp_release(&t2);
	return 0;
}

static int
fn_count_selected(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct xstrtmp	 t;
	const char	*tok = xv_str(&a[0], &t);
	size_t		 len, n = 0;

	(void)c;
	(void)call;
	for (; (tok = next_token(tok, &len)) != NULL; tok += len)
		n++;
	xv_set_num(out, (double)n);
	xstrtmp_release(&t);
	return 0;
}

static int
fn_selected_at(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct xstrtmp	 t;
	const char	*tok = xv_str(&a[0], &t);
	size_t		 len;
	int		 i = 0, want = java_int(to_int(xv_num(&a[1])));

	(void)c;
	(void)call;
	xv_set_str(out, "");
	for (; want >= 0 && (tok = next_token(tok, &len)) != NULL;
	    tok += len, i++)
		if (i == want) {
			xv_copy_str(out, tok, len);
			break;
		}
	xstrtmp_release(&t);
	return 0;
}

static int
fn_choice_name(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	const struct xpath_hooks *h = c->env->hooks;
	struct xstrtmp	 t1, t2;
	char		*label;

	if (h == NULL || h->choice_name == NULL)
		return xerr(c, call, _("'%s' needs the form's choices, which "
		    "are not available here"), call->fn->name);
	label = h->choice_name(h->arg, xv_str(&a[0], &t1),
	    xv_str(&a[1], &t2), c->node);
	xstrtmp_release(&t1);
	xstrtmp_release(&t2);
	xv_take_str(out, label != NULL ? label : xstrdup(""));
	return 0;
}

static int
fn_itext(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	const struct xpath_hooks *h = c->env->hooks;
	struct xstrtmp	 t;
	char		*text;

	if (h == NULL || h->itext == NULL)
		return xerr(c, call, _("'%s' needs the form's translations, "
		    "which are not available here"), call->fn->name);
	text = h->itext(h->arg, xv_str(&a[0], &t));
	xstrtmp_release(&t);
	xv_take_str(out, text != NULL ? text : xstrdup(""));
	return 0;
}

/* ------------------------------------------------------------------ */
/* ODK: regex()                                                        */
/* ------------------------------------------------------------------ */

#define SPACE_CHARS	" \t\n\r\f\v"

/* The flags of the ASCII characters that POSIX wants in fixed places. */
struct bracket {
	struct buf	 set;
	int		 rbracket, hyphen, caret;
};

static void
bracket_add(struct bracket *b, uint32_t cp)
{
	char	 enc[4];
	int	 l;

	if (cp == ']')
		b->rbracket = 1;
	else if (cp == '-')
		b->hyphen = 1;
	else if (cp == '^')
		b->caret = 1;
	else if ((l = utf8_encode(cp, enc)) > 0)
		buf_add(&b->set, enc, (size_t)l);
}

/*
 * One member of a bracket expression at *pp: a character, an escape, or
 * the end of a range.  Sets *cp, or *cls to the class text for \d \w
 * \s.  Returns 0, or -1 with a reason.
 */
static int
bracket_char(const char **pp, uint32_t *cp, const char **cls,
    struct buf *err)
{
	const char	*p = *pp;
	int		 l;

	*cls = NULL;
	if (*p == '\\') {
		p++;
		switch (*p) {
		case 'd': *cls = "0-9"; break;
		case 'w': *cls = "A-Za-z0-9_"; break;
		case 's': *cls = SPACE_CHARS; break;
		case 't': *cp = '\t'; break;
		case 'n': *cp = '\n'; break;
		case 'r': *cp = '\r'; break;
		case '\0':
			return buf_errf(err, _("the pattern ends inside an "
			    "escape or '['"));
		default:
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9'))
				return buf_errf(err, _("'\\%c' is not supported "
				    "inside [...] in regex()"), *p);
			*cp = (unsigned char)*p;
			break;
		}
		*pp = p + 1;
		return 0;
	}
	if ((l = utf8_decode(p, strlen(p), cp)) < 0) {
		*cp = (unsigned char)*p;
		l = 1;
	}
	*pp = p + l;
	return 0;
}

#define RANGE_MAX	0x2000	/* Latin to Vietnamese: U+00C0-U+1EF9 */

/*
 * A bracket expression at *pp (just after '['), rebuilt in POSIX form:
 * a backslash is literal there, ']' must come first, '-' last and '^'
 * not first.  A range with a character beyond ASCII is written out
 * character by character, because POSIX ranges follow the collation of
 * LC_COLLATE, which has no order for them in the C locale.
 */
static int
bracket_translate(const char **pp, struct buf *out, struct buf *err)
{
	struct bracket	 b;
	const char	*p = *pp, *cls;
	uint32_t	 lo, hi, cp;
	int		 neg;

	memset(&b, 0, sizeof(b));
	buf_init(&b.set);
	if ((neg = *p == '^'))
		p++;
	if (*p == ']') {
		b.rbracket = 1;
		p++;
	}
	while (*p != '\0' && *p != ']') {
		if (*p == '[') {
			buf_release(&b.set);
			return buf_errf(err, _("nested '[' is not supported in "
			    "regex()"));
		}
		if (bracket_char(&p, &lo, &cls, err) == -1)
			goto fail;
		if (cls != NULL) {
			buf_adds(&b.set, cls);
			continue;
		}
		if (*p != '-' || p[1] == ']' || p[1] == '\0') {
			bracket_add(&b, lo);
			continue;
		}
		p++;
		if (bracket_char(&p, &hi, &cls, err) == -1)
			goto fail;
		if (cls != NULL || hi < lo || hi - lo > RANGE_MAX) {
			buf_errf(err, _("bad range in [...] in regex()"));
			goto fail;
		}
		if (hi < 0x80 && lo != ']' && lo != '^' && hi != ']') {
			buf_addf(&b.set, "%c-%c", (char)lo, (char)hi);
			continue;
		}
		for (cp = lo; cp <= hi; cp++)
			if (cp < 0xD800 || cp > 0xDFFF)
				bracket_add(&b, cp);
	}
	if (*p != ']') {
		buf_errf(err, _("the pattern ends inside an escape or '['"));
		goto fail;
	}
	*pp = p + 1;
	if (b.set.len == 0 && !b.rbracket && !b.hyphen && !b.caret) {
		buf_errf(err, _("empty '[]' in regex()"));
		goto fail;
	}
	buf_addc(out, '[');
	if (neg)
		buf_addc(out, '^');
	if (b.rbracket)
		buf_addc(out, ']');
	buf_adds(out, b.set.s);
	if (b.caret)
		buf_addc(out, '^');
	if (b.hyphen)
		buf_addc(out, '-');
	buf_addc(out, ']');
	buf_release(&b.set);
	return 0;
fail:
	buf_release(&b.set);
	return -1;
}

/*
 * What a pattern would cost once glibc has written out its bounded
 * repetitions ("(a{100}){100}" is ten thousand nodes): the size of each
 * open group, and of the last atom, which a quantifier multiplies.
 */
#define REGEX_MAX_COST		20000.0
#define REGEX_MAX_GROUPS	64
#define REGEX_MAX_REPEAT	1000

struct recost {
	double	 group[REGEX_MAX_GROUPS + 1];
	int	 depth;
	double	 last;
	int	 can_repeat;	/* an atom or group precedes */
	int	 repeated;	/* a quantifier precedes */
};

static void
cost_atom(struct recost *rc, double size)
{
	rc->group[rc->depth] += size;
	rc->last = size;
	rc->can_repeat = 1;
	rc->repeated = 0;
}

/*
 * A quantifier at *pp: "*", "+", "?" or "{n[,[m]]}", followed perhaps by
 * Java's lazy "?" or possessive "+", which a whole-string match does not
 * need.  Writes it to out.
 */
static int
quantifier(const char **pp, struct recost *rc, struct buf *out,
    struct buf *err)
{
	const char	*p = *pp;
	long		 n, m;
	char		*end;

	if (!rc->can_repeat)
		return buf_errf(err, rc->repeated ? _("a quantifier cannot "
		    "follow a quantifier in regex()") : _("nothing to repeat "
		    "in regex()"));
	if (*p != '{') {
		buf_addc(out, *p);
		m = 2;
		p++;
	} else {
		n = strtol(p + 1, &end, 10);
		if (end == p + 1 || n < 0)
			return buf_errf(err, _("bad '{' in regex()"));
		m = n;
		if (*end == ',') {
			m = end[1] == '}' ? n + 1 : strtol(end + 1, &end, 10);
			if (end[0] == ',')
				end++;
		}
		if (*end != '}' || m < n)
			return buf_errf(err, _("bad '{' in regex()"));
		if (n > REGEX_MAX_REPEAT || m > REGEX_MAX_REPEAT)
			return buf_errf(err, _("repeat counts above %d are not "
			    "supported in regex()"), REGEX_MAX_REPEAT);
		buf_add(out, p, (size_t)(end + 1 - p));
		p = end + 1;
	}
	if (*p == '?' || *p == '+')
		p++;
	rc->group[rc->depth] += rc->last * (double)(m > 1 ? m - 1 : 0);
	if (rc->group[rc->depth] > REGEX_MAX_COST)
		return buf_errf(err, _("the pattern is too complex for "
		    "regex()"));
	rc->can_repeat = 0;
	rc->repeated = 1;
	*pp = p;
	return 0;
}

/* An escape outside brackets, at *pp (after the backslash). */
static int
escape_translate(const char **pp, struct buf *out, struct buf *err)
{
	const char	*p = *pp;
	char		 enc[4];
	uint32_t	 cp;
	int		 l;

	switch (*p) {
	case 'd': buf_adds(out, "[0-9]"); break;
	case 'D': buf_adds(out, "[^0-9]"); break;
	case 'w': buf_adds(out, "[A-Za-z0-9_]"); break;
	case 'W': buf_adds(out, "[^A-Za-z0-9_]"); break;
	case 's': buf_adds(out, "[" SPACE_CHARS "]"); break;
	case 'S': buf_adds(out, "[^" SPACE_CHARS "]"); break;
	case 't': buf_addc(out, '\t'); break;
	case 'n': buf_addc(out, '\n'); break;
	case 'r': buf_addc(out, '\r'); break;
	case 'f': buf_addc(out, '\f'); break;
	case 'u':
		/* Exactly four hex digits. */
		if (strspn(p + 1, "0123456789abcdefABCDEF") < 4 ||
		    sscanf(p + 1, "%4x", &cp) != 1 ||
		    (l = utf8_encode(cp, enc)) == 0)
			return buf_errf(err, _("bad '\\u' in regex()"));
		buf_add(out, enc, (size_t)l);
		p += 4;
		break;
	case '\0':
		return buf_errf(err, _("the pattern ends inside an escape or "
		    "'['"));
	default:
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9'))
			return buf_errf(err, _("'\\%c' is not supported in "
			    "regex()"), *p);
		if (strchr(".[]{}()\\*+?|^$", *p) != NULL)
			buf_addc(out, '\\');
		buf_addc(out, *p);
		break;
	}
	*pp = p + 1;
	return 0;
}

/*
 * Translates the Java regular expression that form authors write into a
 * POSIX extended one that matches the whole string.  Returns 0, or -1
 * with a reason in err for what POSIX cannot say, or would take too long
 * to say.
 */
static int
regex_translate(const char *java, struct buf *out, struct buf *err)
{
	struct recost	 rc;
	const char	*p = java;
	size_t		 before;

	memset(&rc, 0, sizeof(rc));
	buf_adds(out, "^(");
	while (*p != '\0') {
		switch (*p) {
		case '\\':
			p++;
			if (escape_translate(&p, out, err) == -1)
				return -1;
			cost_atom(&rc, 1);
			break;
		case '[':
			p++;
			before = out->len;
			if (bracket_translate(&p, out, err) == -1)
				return -1;
			cost_atom(&rc, 1 + (double)(out->len - before) / 16);
			break;
		case '(':
			if (rc.depth == REGEX_MAX_GROUPS)
				return buf_errf(err, _("groups nested too "
				    "deeply in regex()"));
			if (p[1] == '?' && p[2] != ':')
				return buf_errf(err, _("'(?' groups other than "
				    "'(?:' are not supported in regex()"));
			p += p[1] == '?' ? 3 : 1;
			buf_addc(out, '(');
			rc.group[++rc.depth] = 0;
			rc.can_repeat = rc.repeated = 0;
			break;
		case ')':
			if (rc.depth == 0)
				return buf_errf(err, _("unmatched ')' in "
				    "regex()"));
			buf_addc(out, *p++);
			rc.depth--;
			cost_atom(&rc, rc.group[rc.depth + 1]);
			break;
		case '*':
		case '+':
		case '?':
		case '{':
			if (quantifier(&p, &rc, out, err) == -1)
				return -1;
			break;
		case '|':
		case '^':
		case '$':
			buf_addc(out, *p++);
			rc.can_repeat = rc.repeated = 0;
			break;
		default:
			buf_addc(out, *p++);
			cost_atom(&rc, 1);
			break;
		}
	}
	if (rc.depth != 0)
		return buf_errf(err, _("unmatched '(' in regex()"));
	buf_adds(out, ")$");
	return 0;
}

/*
 * Patterns are compiled and run with UTF-8 characters and the C
 * collation, whatever the user's locale, so that a form behaves the same
 * on every machine.
 */
static locale_t
regex_locale(void)
{
	static locale_t	 loc;
	locale_t	 c;

	if (loc != (locale_t)0)
		return loc;
	if ((c = newlocale(LC_ALL_MASK, "C", (locale_t)0)) == (locale_t)0)
		oom();
	loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", c);
	if (loc == (locale_t)0)
		loc = c;
	return loc;
}

static regex_t *
regex_compile(const char *java, struct buf *err)
{
	struct buf	 posix = BUF_INIT;
	regex_t		*re = xmalloc(sizeof(*re));
	char		 msg[256];
	locale_t	 old;
	int		 rc;

	if (regex_translate(java, &posix, err) == -1)
		goto fail;
	old = uselocale(regex_locale());
	rc = regcomp(re, posix.s, REG_EXTENDED | REG_NOSUB);
	uselocale(old);
	if (rc != 0) {
		regerror(rc, re, msg, sizeof(msg));
		buf_errf(err, _("invalid regular expression '%s': %s"), java,
		    msg);
		goto fail;
	}
	buf_release(&posix);
	return re;
fail:
	buf_release(&posix);
	free(re);
	return NULL;
}

/* A literal pattern is compiled once, with the expression. */
static int
check_regex(struct xnode *call, struct buf *err)
{
	if (call->kids[1]->kind != XN_STRING)
		return 0;
	if ((call->re = regex_compile(call->kids[1]->str, err)) == NULL)
		return -1;
	return 0;
}

void
xfn_release(struct xnode *call)
{
	if (call->re != NULL) {
		regfree(call->re);
		free(call->re);
		call->re = NULL;
	}
}

static int
fn_regex(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct xstrtmp	 t1, t2;
	struct buf	 why = BUF_INIT;
	regex_t		*re = call->re;
	const char	*s;
	locale_t	 old;
	int		 r = 0, hit;

	if (re == NULL &&
	    (re = regex_compile(xv_str(&a[1], &t2), &why)) == NULL) {
		xstrtmp_release(&t2);
		xerr(c, call, "%s", why.s);
		buf_release(&why);
		return -1;
	}
	if (call->re == NULL)
		xstrtmp_release(&t2);
	s = xv_str(&a[0], &t1);
	old = uselocale(regex_locale());
	hit = regexec(re, s, 0, NULL, 0) == 0;
	uselocale(old);
	xv_set_bool(out, hit);
	xstrtmp_release(&t1);
	if (re != call->re) {
		regfree(re);
		free(re);
	}
	return r;
}

/* ------------------------------------------------------------------ */
/* ODK: checklists, counts, min and max                                */
/* ------------------------------------------------------------------ */

/* A checklist factor is true when its value is not empty (JavaRosa). */
static int
factor_true(const struct xv *v)
{
	struct xstrtmp	 t;
	int		 r;

	if (v->type != XPATH_STRING && v->type != XPATH_NODESET)
		return xv_bool(v);
	r = xv_str(v, &t)[0] != '\0';
	xstrtmp_release(&t);
	return r;
}

static int
fn_checklist(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct iter	 it;
	long long	 min = java_int(xv_num(&a[0]));
	long long	 max = java_int(xv_num(&a[1])), n = 0;

	(void)c;
	iter_init(&it, a, 2, NARGS(call));
	while (iter_next(&it))
		n += factor_true(&it.item);
	iter_release(&it);
	xv_set_bool(out, (min < 0 || n >= min) && (max < 0 || n <= max));
	return 0;
}

static int
check_weighted(struct xnode *call, struct buf *err)
{
	if (call->nkids % 2 != 0)
		return buf_errf(err, _("'%s' takes a minimum, a maximum and "
		    "pairs of a value and a weight"), call->fn->name);
	return 0;
}

static int
fn_weighted_checklist(struct xctx *c, const struct xnode *call,
    struct xv *a, struct xv *out)
{
	struct xstrtmp	 t;
	struct xv	 item;
	double		 min = xv_num(&a[0]), max = xv_num(&a[1]), sum = 0;
	size_t		 i;

	if (NARGS(call) == 4 && a[2].type == XPATH_NODESET &&
	    a[3].type == XPATH_NODESET) {
		if (a[2].n != a[3].n)
			return xerr(c, call, _("'%s': the values and the "
			    "weights are not as many"), call->fn->name);
		for (i = 0; i < a[2].n; i++) {
			xv_init(&item);
			item.s = xnode_text(XV_NODES(&a[2])[i], &t);
			if (factor_true(&item)) {
				xstrtmp_release(&t);
				item.s = xnode_text(XV_NODES(&a[3])[i], &t);
				sum += xv_num(&item);
			}
			xstrtmp_release(&t);
		}
	} else
		for (i = 2; i + 1 < NARGS(call); i += 2)
			if (factor_true(&a[i]))
				sum += xv_num(&a[i + 1]);
	xv_set_bool(out, sum >= min && sum <= max);
	return 0;
}

static int
fn_count_non_empty(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct xstrtmp	 t;
	const xmlNode	*n, *k;
	size_t		 i, count = 0;
	int		 full;

	if (need_nodeset(c, call, &a[0]) == -1)
		return -1;
	for (i = 0; i < a[0].n; i++) {
		n = XV_NODES(&a[0])[i];
		full = 0;
		for (k = n->children; k != NULL && !full; k = k->next)
			full = k->type == XML_ELEMENT_NODE;
		if (!full) {
			full = xnode_text(n, &t)[0] != '\0';
			xstrtmp_release(&t);
		}
		count += full;
	}
	xv_set_num(out, (double)count);
	return 0;
}

/* min() and max(): values that are not numbers are skipped (JavaRosa);
 * with none left, NaN. */
static int
fn_minmax(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct iter	 it;
	double		 best = NAN, d;
	int		 want_max = call->fn->name[1] == 'a';

	(void)c;
	iter_init(&it, a, 0, NARGS(call));
	while (iter_next(&it)) {
		d = xv_num(&it.item);
		if (isnan(d))
			continue;
		if (isnan(best) || (want_max ? d > best : d < best))
			best = d;
	}
	iter_release(&it);
	xv_set_num(out, best);
	return 0;
}

/* ------------------------------------------------------------------ */
/* ODK: node-sets                                                      */
/* ------------------------------------------------------------------ */

static int
fn_instance(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	const struct xpath_hooks *h = c->env->hooks;
	struct xstrtmp	 t;
	const char	*id = xv_str(&a[0], &t);
	xmlNode		*n;

	if (h == NULL || h->instance == NULL) {
		xerr(c, call, _("no secondary instance '%s': this form has "
		    "none here"), id);
		xstrtmp_release(&t);
		return -1;
	}
	if ((n = h->instance(h->arg, id)) == NULL) {
		xerr(c, call, _("no secondary instance '%s'"), id);
		xstrtmp_release(&t);
		return -1;
	}
	xstrtmp_release(&t);
	xv_set_nodeset(out);
	xv_push(out, n);
	return 0;
}

static int
fn_current(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	xmlNode	*n = c->env->current != NULL ? c->env->current : c->origin;

	(void)call;
	(void)a;
	xv_set_nodeset(out);
	if (n != NULL)
		xv_push(out, n);
	return 0;
}

/* The Park-Miller generator as JavaRosa's ParkMiller class runs it (in
 * doubles), so that randomize(x, seed) gives Collect's order. */
struct park_miller {
	double	 state;
};

static void
pm_init(struct park_miller *pm, long long seed)
{
	pm->state = fmod((double)seed, 2147483647.0);
	if (pm->state <= 0)
		pm->state += 2147483646.0;
}

static double
pm_next(void *arg)
{
	struct park_miller *pm = arg;

	pm->state = fmod(pm->state * 16807.0, 2147483647.0);
	return ((double)(int)pm->state - 1) / 2147483646.0;
}

/* xorshift64* over env->rng: random() and unseeded randomize(). */
static double
env_next(void *arg)
{
	struct xpath_env *env = arg;
	uint64_t	 x = env->rng != 0 ? env->rng : 0x9E3779B97F4A7C15ULL;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	env->rng = x;
	return (double)((x * 0x2545F4914F6CDD1DULL) >> 11) * 0x1p-53;
}

static int
fn_random(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	(void)call;
	(void)a;
	xv_set_num(out, env_next(c->env));
	return 0;
}

/*
 * JavaRosa's "inside-out" Fisher-Yates: item i goes to a place j drawn
 * from 0..i, and whatever was at j moves to i.
 */
static int
fn_randomize(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct park_miller pm;
	double		(*next_fn)(void *) = env_next;
	void		*arg = c->env;
	xmlNode		**in, **res;
	size_t		 i, j, n;

	if (need_nodeset(c, call, &a[0]) == -1)
		return -1;
	if (NARGS(call) == 2) {
		pm_init(&pm, java_long(xv_num(&a[1])));
		next_fn = pm_next;
		arg = &pm;
	}
	n = a[0].n;
	in = XV_NODES(&a[0]);
	xv_set_nodeset(out);
	for (i = 0; i < n; i++)
		xv_push(out, NULL);
	res = XV_NODES(out);
	for (i = 0; i < n; i++) {
		j = (size_t)java_int(next_fn(arg) * (double)(i + 1));
		if (j > i)
			j = i;
		if (j != i)
			res[i] = res[j];
		res[j] = in[i];
	}
	out->unordered = 1;
	return 0;
}

/* The nodes of paths[] that lie inside the node inside (all when NULL). */
static int
eval_inside(struct xctx *c, const struct xnode *path, xmlNode *inside,
    struct xv *out)
{
	xmlNode	**nodes, *p;
	size_t	 i, o = 0;

	if (xeval(path, c, out) == -1)
		return -1;
	if (out->type != XPATH_NODESET)
		return xerr(c, path, _("expected a node-set"));
	if (inside == NULL)
		return 0;
	nodes = XV_NODES(out);
	for (i = 0; i < out->n; i++) {
		for (p = nodes[i]; p != NULL && p != inside; p = p->parent)
			;
		if (p != NULL)
			nodes[o++] = nodes[i];
	}
	out->n = o;
	return 0;
}

/*
 * indexed-repeat(target, repeat1, index1[, repeat2, index2 ...]): the
 * target inside the index1-th repeat1, inside that the index2-th
 * repeat2, and so on.  An index below 1 counts as 1, as in JavaRosa.
 */
static int
fn_indexed_repeat(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct xv	 set, idx;
	xmlNode		*inside = NULL;
	size_t		 k;
	double		 i;

	(void)a;
	xv_init(&set);
	xv_init(&idx);
	for (k = 1; k + 1 < NARGS(call); k += 2) {
		if (eval_inside(c, call->kids[k], inside, &set) == -1 ||
		    xeval(call->kids[k + 1], c, &idx) == -1)
			goto fail;
		i = to_int(xv_num(&idx));
		if (isnan(i) || i < 1)
			i = 1;
		if (i > (double)set.n) {
			xv_release(&set);
			xv_release(&idx);
			xv_set_nodeset(out);
			return 0;
		}
		inside = XV_NODES(&set)[(size_t)i - 1];
	}
	if (eval_inside(c, call->kids[0], inside, &set) == -1)
		goto fail;
	xv_move(out, &set);
	xv_release(&idx);
	return 0;
fail:
	xv_release(&set);
	xv_release(&idx);
	return -1;
}

static int
check_indexed_repeat(struct xnode *call, struct buf *err)
{
	size_t	 k;

	if (call->nkids % 2 == 0)
		return buf_errf(err, _("'%s' takes a field, then pairs of a "
		    "repeat and an index"), call->fn->name);
	for (k = 0; k < call->nkids; k += k == 0 ? 1 : 2)
		if (call->kids[k]->kind != XN_PATH)
			return buf_errf(err, _("'%s': argument %zu must be a "
			    "path"), call->fn->name, k + 1);
	return 0;
}

/* pulldata('instance', 'want', 'key', value): instance('instance')/
 * root/item[key = value]/want, the first one. */
static int
fn_pulldata(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	const struct xpath_hooks *h = c->env->hooks;
	struct xstrtmp	 t[5];
	const char	*id, *want, *key, *value;
	xmlNode		*doc, *root = NULL, *item, *k, *hit;
	int		 i, r = 0;

	id = xv_str(&a[0], &t[0]);
	want = xv_str(&a[1], &t[1]);
	key = xv_str(&a[2], &t[2]);
	value = xv_str(&a[3], &t[3]);
	t[4].own = NULL;
	if (h == NULL || h->instance == NULL ||
	    (doc = h->instance(h->arg, id)) == NULL) {
		r = xerr(c, call, _("no secondary instance '%s'"), id);
		goto out;
	}
	xv_set_str(out, "");
	for (root = doc->children; root != NULL &&
	    root->type != XML_ELEMENT_NODE; root = root->next)
		;
	for (item = root != NULL ? root->children : NULL; item != NULL;
	    item = item->next) {
		hit = NULL;
		for (k = item->children; k != NULL; k = k->next)
			if (xnode_name_is(k, key) &&
			    strcmp(xnode_text(k, &t[4]), value) == 0) {
				xstrtmp_release(&t[4]);
				hit = item;
				break;
			} else
				xstrtmp_release(&t[4]);
		if (hit == NULL)
			continue;
		for (k = hit->children; k != NULL; k = k->next)
			if (xnode_name_is(k, want)) {
				out_str_from(out, xnode_text(k, &t[4]), &t[4]);
				xstrtmp_release(&t[4]);
				goto out;
			}
		goto out;
	}
out:
	for (i = 0; i < 4; i++)
		xstrtmp_release(&t[i]);
	return r;
}

/* ------------------------------------------------------------------ */
/* ODK: uuid, digest, base64                                           */
/* ------------------------------------------------------------------ */

static int
fn_uuid(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	static const char alnum[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz";
	char		 id[UUID_STRLEN + 1], *s;
	unsigned char	 r;
	double		 n;
	size_t		 i, len;

	if (NARGS(call) == 0) {
		uuid_v4(id);
		xv_copy_str(out, id, strlen(id));
		return 0;
	}
	n = to_int(xv_num(&a[0]));
	if (isnan(n) || n < 0 || n > 100000)
		return xerr(c, call, _("'uuid' takes a length from 0 to "
		    "100000"));
	len = (size_t)n;
	s = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		/* Rejection keeps the characters equally likely. */
		do
			random_bytes(&r, 1);
		while (r >= 248);
		s[i] = alnum[r % 62];
	}
	s[len] = '\0';
	xv_take_str(out, s);
	return 0;
}

static int
fn_digest(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct xstrtmp	 t[3];
	unsigned char	 md[DIGEST_MAX_SIZE];
	char		 hex[2 * DIGEST_MAX_SIZE + 1];
	const char	*data, *alg, *enc = "base64";
	enum digest_alg	 id;
	int		 i, r = 0;

	data = xv_str(&a[0], &t[0]);
	alg = xv_str(&a[1], &t[1]);
	t[2].own = NULL;
	if (NARGS(call) == 3)
		enc = xv_str(&a[2], &t[2]);
	if (digest_alg_from_name(alg, &id) == -1) {
		r = xerr(c, call, _("'digest' does not know the algorithm "
		    "'%s'"), alg);
		goto out;
	}
	digest(id, data, strlen(data), md);
	if (strcasecmp(enc, "hex") == 0) {
		digest_to_hex(md, digest_size(id), hex);
		xv_copy_str(out, hex, strlen(hex));
	} else if (strcasecmp(enc, "base64") == 0)
		xv_take_str(out, base64_encode(md, digest_size(id)));
	else
		r = xerr(c, call, _("'digest' does not know the encoding "
		    "'%s'; use 'hex' or 'base64'"), enc);
out:
	for (i = 0; i < 3; i++)
		xstrtmp_release(&t[i]);
	return r;
}

/* Invalid base64 gives the empty string; bytes that are not UTF-8
 * become U+FFFD, as Java's new String(bytes, UTF_8) does. */
static int
fn_base64_decode(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct xstrtmp	 t;
	struct buf	 raw = BUF_INIT, clean = BUF_INIT;
	const char	*s = xv_str(&a[0], &t);
	uint32_t	 cp;
	size_t		 i;
	int		 l;

	(void)c;
	(void)call;
	if (base64_decode(s, strlen(s), &raw) == -1)
		buf_reset(&raw);
	for (i = 0; i < raw.len; i += (size_t)l) {
		l = utf8_decode(raw.s + i, raw.len - i, &cp);
		if (l < 0 || cp == 0) {
			if (l < 0) {
				buf_adds(&clean, "\xEF\xBF\xBD");
				l = 1;
			}
			continue;
		}
		buf_add(&clean, raw.s + i, (size_t)l);
	}
	buf_release(&raw);
	xstrtmp_release(&t);
	xv_take_str(out, buf_detach(&clean, NULL));
	return 0;
}

/* ------------------------------------------------------------------ */
/* ODK: dates and times                                                */
/* ------------------------------------------------------------------ */

static int
fn_today(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct datetime_fields f;
	char		 s[DATETIME_BUFSZ];

	(void)call;
	(void)a;
	datetime_local_fields((double)c->env->now / 86400.0, &f);
	snprintf(s, sizeof(s), "%04ld-%02d-%02d", f.year, f.month, f.day);
	xv_copy_str(out, s, strlen(s));
	return 0;
}

static int
fn_now(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	char	 s[DATETIME_BUFSZ];

	(void)call;
	(void)a;
	datetime_format_time_t(c->env->now, s);
	xv_copy_str(out, s, strlen(s));
	return 0;
}

/* A time of day (a fraction of a day) on 1970-01-01. */
static void
time_fields(double d, struct datetime_fields *f)
{
	long	 ms = lround((d - floor(d)) * 86400000.0) % 86400000;

	memset(f, 0, sizeof(*f));
	f->year = 1970;
	f->month = 1;
	f->day = 1;
	f->wday = 4;
	f->hour = (int)(ms / 3600000);
	f->minute = (int)(ms / 60000 % 60);
	f->second = (int)(ms / 1000 % 60);
	f->msec = (int)(ms % 1000);
}

/*
 * A value as a point in time on the local clock.  A number is days since
 * the epoch (an instant); a string is a date (its local midnight), a
 * dateTime, a time (on 1970-01-01) or a number.  Returns 1 with f set, 0
 * for an empty value or NaN, -1 with an error.
 */
static int
to_fields(struct xctx *c, const struct xnode *call, const struct xv *v,
    struct datetime_fields *f)
{
	struct xstrtmp	 t;
	const char	*s;
	double		 d;
	int		 r = 1;

	if (v->type == XPATH_BOOLEAN)
		return xerr(c, call, _("'%s' cannot read a boolean as a date"),
		    call->fn->name);
	if (v->type == XPATH_NUMBER) {
		d = v->num;
		goto number;
	}
	s = xv_str(v, &t);
	if (s[0] == '\0')
		r = 0;
	else if (datetime_parse_fields(s, f) == 0)
		r = 1;
	else if (datetime_parse_time(s, &d) == 0)
		time_fields(d, f);
	else if (!isnan(d = xpath_string_number(s))) {
		xstrtmp_release(&t);
		goto number;
	} else
		r = xerr(c, call, _("'%s' cannot read '%s' as a date"),
		    call->fn->name, s);
	xstrtmp_release(&t);
	return r;
number:
	if (isnan(d))
		return 0;
	if (isinf(d) || fabs(d) > 1e8)
		return xerr(c, call, _("'%s': the value is out of range for a "
		    "date"), call->fn->name);
	datetime_local_fields(d, f);
	return 1;
}

static void
format_fields(const struct datetime_fields *f, const char *fmt,
    struct buf *b)
{
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr",
	    "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed",
	    "Thu", "Fri", "Sat" };

	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%' || fmt[1] == '\0') {
			buf_addc(b, *fmt);
			continue;
		}
		switch (*++fmt) {
		case 'Y': buf_addf(b, "%04ld", f->year); break;
		case 'y': buf_addf(b, "%02ld", f->year % 100); break;
		case 'm': buf_addf(b, "%02d", f->month); break;
		case 'n': buf_addf(b, "%d", f->month); break;
		case 'b': buf_adds(b, months[f->month - 1]); break;
		case 'd': buf_addf(b, "%02d", f->day); break;
		case 'e': buf_addf(b, "%d", f->day); break;
		case 'H': buf_addf(b, "%02d", f->hour); break;
		case 'h': buf_addf(b, "%d", f->hour); break;
		case 'M': buf_addf(b, "%02d", f->minute); break;
		case 'S': buf_addf(b, "%02d", f->second); break;
		case '3': buf_addf(b, "%03d", f->msec); break;
		case 'a': buf_adds(b, days[f->wday]); break;
		case '%': buf_addc(b, '%'); break;
		default:
			buf_addc(b, '%');
			buf_addc(b, *fmt);
			break;
		}
	}
}

static int
fn_format_date(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct datetime_fields f;
	struct xstrtmp	 t;
	struct buf	 b = BUF_INIT;
	int		 r;

	if ((r = to_fields(c, call, &a[0], &f)) <= 0) {
		xv_set_str(out, "");
		return r;
	}
	format_fields(&f, xv_str(&a[1], &t), &b);
	xstrtmp_release(&t);
	xv_take_str(out, buf_detach(&b, NULL));
	return 0;
}

/* date(x): a number counts calendar days (its whole part); a string is
 * read as a date or dateTime and gives its local date. */
static int
fn_date(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct datetime_fields f;
	char		 s[DATETIME_BUFSZ];
	double		 d;
	int		 r;

	if (a[0].type == XPATH_NUMBER) {
		d = to_int(a[0].num);
		if (isnan(d)) {
			xv_set_num(out, d);
			return 0;
		}
		if (isinf(d) || fabs(d) > 1e8)
			return xerr(c, call, _("'%s': the value is out of "
			    "range for a date"), call->fn->name);
		datetime_format_date(d, s);
		xv_copy_str(out, s, strlen(s));
		return 0;
	}
	if ((r = to_fields(c, call, &a[0], &f)) <= 0) {
		xv_set_str(out, "");
		return r;
	}
	snprintf(s, sizeof(s), "%04ld-%02d-%02d", f.year, f.month, f.day);
	xv_copy_str(out, s, strlen(s));
	return 0;
}

static int
fn_date_time(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct datetime_fields f;
	char		 s[DATETIME_BUFSZ];
	int		 r;

	if ((r = to_fields(c, call, &a[0], &f)) <= 0) {
		xv_set_str(out, "");
		return r;
	}
	datetime_format_fields(&f, s);
	xv_copy_str(out, s, strlen(s));
	return 0;
}

/* decimal-date-time(x): the instant, in days since the epoch. */
static int
fn_decimal_date_time(struct xctx *c, const struct xnode *call,
    struct xv *a, struct xv *out)
{
	struct datetime_fields f;
	struct xstrtmp	 t;
	const char	*s;
	double		 d;
	int		 r = 0;

	if (a[0].type == XPATH_NUMBER) {
		xv_set_num(out, a[0].num);
		return 0;
	}
	s = xv_str(&a[0], &t);
	if (s[0] == '\0')
		xv_set_str(out, "");
	else if (datetime_parse_date(s, &d) == 0 &&
	    datetime_parse_fields(s, &f) == 0)
		xv_set_num(out, d - (double)f.offset / 86400.0);
	else if (datetime_parse_datetime(s, &d) == 0 ||
	    datetime_parse_time(s, &d) == 0 ||
	    !isnan(d = xpath_string_number(s)))
		xv_set_num(out, d);
	else
		r = xerr(c, call, _("'%s' cannot read '%s' as a date"),
		    call->fn->name, s);
	xstrtmp_release(&t);
	return r;
}

/* decimal-time(x): the time of day on the local clock, as a fraction. */
static int
fn_decimal_time(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct datetime_fields f;
	int		 r;

	if (a[0].type == XPATH_NUMBER) {
		xv_set_num(out, a[0].num - floor(a[0].num));
		return 0;
	}
	if ((r = to_fields(c, call, &a[0], &f)) <= 0) {
		xv_set_str(out, "");
		return r;
	}
	xv_set_num(out, (f.hour * 3600.0 + f.minute * 60.0 + f.second +
	    f.msec / 1000.0) / 86400.0);
	return 0;
}

/* ------------------------------------------------------------------ */
/* ODK: geography                                                      */
/* ------------------------------------------------------------------ */

#define EARTH_RADIUS	6378100.0	/* metres, as JavaRosa's GeoUtils */

struct latlon {
	double	 lat, lon;
};

/* "lat lon [alt [acc]]" */
static int
parse_point(const char *s, size_t len, struct latlon *p)
{
	char	 tmp[128], *tok, *save = NULL;
	double	 v[4];
	int	 n = 0;
	struct xv num;

	if (len >= sizeof(tmp))
		return -1;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	xv_init(&num);
	for (tok = strtok_r(tmp, " \t\r\n", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t\r\n", &save)) {
		if (n == 4)
			return -1;
		num.s = tok;
		v[n] = xv_num(&num);
		if (isnan(v[n++]))
			return -1;
	}
	if (n < 2 || fabs(v[0]) > 90 || fabs(v[1]) > 180)
		return -1;
	p->lat = v[0];
	p->lon = v[1];
	return 0;
}

/* The points of a geotrace or geoshape (one value, ';'-separated) or of
 * a node-set of geopoints. */
static int
geo_points(struct xctx *c, const struct xnode *call, const struct xv *v,
    struct latlon **pts, size_t *n)
{
	struct xstrtmp	 t;
	const char	*s, *semi;
	size_t		 i, len;
	int		 r = 0;

	*pts = NULL;
	*n = 0;
	if (v->type == XPATH_NODESET && v->n >= 2) {
		*pts = xreallocarray(NULL, v->n, sizeof(**pts));
		for (i = 0; i < v->n && r == 0; i++) {
			s = xnode_text(XV_NODES(v)[i], &t);
			r = parse_point(s, strlen(s), &(*pts)[(*n)++]);
			xstrtmp_release(&t);
		}
		goto out;
	}
	s = xv_str(v, &t);
	for (; *s != '\0' && r == 0; s = *semi ? semi + 1 : semi) {
		semi = strchr(s, ';');
		if (semi == NULL)
			semi = s + strlen(s);
		len = (size_t)(semi - s);
		if (strspn(s, " \t\r\n") >= len)
			continue;
		*pts = xreallocarray(*pts, *n + 1, sizeof(**pts));
		r = parse_point(s, len, &(*pts)[(*n)++]);
	}
	xstrtmp_release(&t);
out:
	if (r == -1) {
		free(*pts);
		*pts = NULL;
		return xerr(c, call, _("'%s' received a value that is not GPS "
		    "coordinates"), call->fn->name);
	}
	return 0;
}

static double
radians(double d)
{
	return d * M_PI / 180.0;
}

static int
fn_area(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct latlon	*p;
	size_t		 n, i;
	double		 circ = 2 * EARTH_RADIUS * M_PI, sum = 0;
	double		 x0 = 0, y0 = 0, x, y;

	if (geo_points(c, call, &a[0], &p, &n) == -1)
		return -1;
	/* JavaRosa: each point as x and y metres from the first, then the
	 * shoelace formula. */
	for (i = 1; n >= 3 && i < n; i++) {
		y = (p[i].lat - p[0].lat) * circ / 360.0;
		x = (p[i].lon - p[0].lon) * circ * cos(radians(p[i].lat)) /
		    360.0;
		if (i > 1)
			sum += (y0 * x - x0 * y) / 2;
		x0 = x;
		y0 = y;
	}
	free(p);
	xv_set_num(out, fabs(sum));
	return 0;
}

static int
fn_distance(struct xctx *c, const struct xnode *call, struct xv *a,
    struct xv *out)
{
	struct latlon	*p;
	size_t		 n, i;
	double		 sum = 0, f1, f2, dl, cs;

	if (geo_points(c, call, &a[0], &p, &n) == -1)
		return -1;
	/* The spherical law of cosines, as JavaRosa. */
	for (i = 1; i < n; i++) {
		dl = radians(p[i - 1].lon - p[i].lon);
		f1 = radians(p[i - 1].lat);
		f2 = radians(p[i].lat);
		cs = sin(f1) * sin(f2) + cos(f1) * cos(f2) * cos(dl);
		sum += acos(cs > 1 ? 1 : cs < -1 ? -1 : cs) * EARTH_RADIUS;
	}
	free(p);
	xv_set_num(out, sum);
	return 0;
}

/* ------------------------------------------------------------------ */
/* The table                                                           */
/* ------------------------------------------------------------------ */

#define U_NOW	XPATH_USES_NOW
#define U_RAND	XPATH_USES_RANDOM
#define U_CUR	XPATH_USES_CURRENT
#define U_POS	XPATH_USES_POSITION

/* Sorted by name, for bsearch. */
static const struct xfn functions[] = {
	{ "abs", 1, 1, 0, 0, fn_math1, NULL },
	{ "acos", 1, 1, 0, 0, fn_math1, NULL },
	{ "area", 1, 1, 0, 0, fn_area, NULL },
	{ "asin", 1, 1, 0, 0, fn_math1, NULL },
	{ "atan", 1, 1, 0, 0, fn_math1, NULL },
	{ "atan2", 2, 2, 0, 0, fn_math2, NULL },
	{ "base64-decode", 1, 1, 0, 0, fn_base64_decode, NULL },
	{ "boolean", 1, 1, 0, 0, fn_convert, NULL },
	{ "boolean-from-string", 1, 1, 0, 0, fn_boolean_from_string, NULL },
	{ "ceiling", 1, 1, 0, 0, fn_math1, NULL },
	{ "checklist", 2, -1, 0, 0, fn_checklist, NULL },
	{ "coalesce", 2, 2, FN_LAZY, 0, fn_coalesce, NULL },
	{ "concat", 0, -1, 0, 0, fn_concat, NULL },
	{ "contains", 2, 2, 0, 0, fn_strpair, NULL },
	{ "cos", 1, 1, 0, 0, fn_math1, NULL },
	{ "count", 1, 1, 0, 0, fn_count, NULL },
	{ "count-non-empty", 1, 1, 0, 0, fn_count_non_empty, NULL },
	{ "count-selected", 1, 1, 0, 0, fn_count_selected, NULL },
	{ "current", 0, 0, 0, U_CUR, fn_current, NULL },
	{ "date", 1, 1, 0, 0, fn_date, NULL },
	{ "date-time", 1, 1, 0, 0, fn_date_time, NULL },
	{ "decimal-date-time", 1, 1, 0, 0, fn_decimal_date_time, NULL },
	{ "decimal-time", 1, 1, 0, 0, fn_decimal_time, NULL },
	{ "digest", 2, 3, 0, 0, fn_digest, NULL },
	{ "distance", 1, 1, 0, 0, fn_distance, NULL },
	{ "enclosed-area", 1, 1, 0, 0, fn_area, NULL },
	{ "ends-with", 2, 2, 0, 0, fn_strpair, NULL },
	{ "exp", 1, 1, 0, 0, fn_math1, NULL },
	{ "exp10", 1, 1, 0, 0, fn_math1, NULL },
	{ "false", 0, 0, 0, 0, fn_true, NULL },
	{ "floor", 1, 1, 0, 0, fn_math1, NULL },
	{ "format-date", 2, 2, 0, 0, fn_format_date, NULL },
	{ "format-date-time", 2, 2, 0, 0, fn_format_date, NULL },
	{ "if", 3, 3, FN_LAZY, 0, fn_if, NULL },
	{ "indexed-repeat", 3, 11, FN_LAZY, U_POS, fn_indexed_repeat,
	    check_indexed_repeat },
	{ "instance", 1, 1, 0, 0, fn_instance, NULL },
	{ "int", 1, 1, 0, 0, fn_math1, NULL },
	{ "is-selected", 2, 2, 0, 0, fn_selected, NULL },
	{ "join", 1, -1, 0, 0, fn_join, NULL },
	{ "jr:choice-name", 2, 2, 0, 0, fn_choice_name, NULL },
	{ "jr:itext", 1, 1, 0, 0, fn_itext, NULL },
	{ "lang", 1, 1, 0, 0, fn_lang, NULL },
	{ "last", 0, 0, 0, U_POS, fn_last, NULL },
	{ "local-name", 0, 1, 0, 0, fn_names, NULL },
	{ "log", 1, 1, 0, 0, fn_math1, NULL },
	{ "log10", 1, 1, 0, 0, fn_math1, NULL },
	{ "max", 1, -1, 0, 0, fn_minmax, NULL },
	{ "min", 1, -1, 0, 0, fn_minmax, NULL },
	{ "name", 0, 1, 0, 0, fn_names, NULL },
	{ "namespace-uri", 0, 1, 0, 0, fn_names, NULL },
	{ "normalize-space", 0, 1, 0, 0, fn_normalize_space, NULL },
	{ "not", 1, 1, 0, 0, fn_convert, NULL },
	{ "now", 0, 0, 0, U_NOW, fn_now, NULL },
	/* number() needs its argument, as in JavaRosa. */
	{ "number", 1, 1, 0, 0, fn_convert, NULL },
	{ "once", 1, 1, 0, 0, fn_once, NULL },
	{ "pi", 0, 0, 0, 0, fn_pi, NULL },
	{ "position", 0, 1, 0, U_POS, fn_position, NULL },
	{ "pow", 2, 2, 0, 0, fn_math2, NULL },
	{ "pulldata", 4, 4, 0, 0, fn_pulldata, NULL },
	{ "random", 0, 0, 0, U_RAND, fn_random, NULL },
	{ "randomize", 1, 2, 0, U_RAND, fn_randomize, NULL },
	{ "regex", 2, 2, 0, 0, fn_regex, check_regex },
	{ "round", 1, 2, 0, 0, fn_round, NULL },
	{ "selected", 2, 2, 0, 0, fn_selected, NULL },
	{ "selected-at", 2, 2, 0, 0, fn_selected_at, NULL },
	{ "sin", 1, 1, 0, 0, fn_math1, NULL },
	{ "sqrt", 1, 1, 0, 0, fn_math1, NULL },
	{ "starts-with", 2, 2, 0, 0, fn_strpair, NULL },
	{ "string", 0, 1, 0, 0, fn_string, NULL },
	{ "string-length", 0, 1, 0, 0, fn_string_length, NULL },
	{ "substr", 2, 3, 0, 0, fn_substr, NULL },
	{ "substring", 2, 3, 0, 0, fn_substring, NULL },
	{ "substring-after", 2, 2, 0, 0, fn_strpair, NULL },
	{ "substring-before", 2, 2, 0, 0, fn_strpair, NULL },
	{ "sum", 1, 1, 0, 0, fn_sum, NULL },
	{ "tan", 1, 1, 0, 0, fn_math1, NULL },
	{ "today", 0, 0, 0, U_NOW, fn_today, NULL },
	{ "translate", 3, 3, 0, 0, fn_translate, NULL },
	{ "true", 0, 0, 0, 0, fn_true, NULL },
	{ "uuid", 0, 1, 0, U_RAND, fn_uuid, NULL },
	{ "weighted-checklist", 2, -1, 0, 0, fn_weighted_checklist,
	    check_weighted },
};

static int
fn_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct xfn *)elem)->name);
}

const struct xfn *
xfn_lookup(const char *name)
{
	return bsearch(name, functions, nitems(functions),
	    sizeof(functions[0]), fn_cmp);
}
