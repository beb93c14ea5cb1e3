/*
 * xpath.c: the ODK-dialect XPath engine (xpath.h): the tokenizer, the
 * parser that builds the compiled tree, the evaluator over libxml2 trees,
 * XPath's type conversions with ODK's date rule, and xpath_refs().  The
 * functions themselves are in xpath-fn.c.
 *
 * Speed matters here: a form recomputes its binds after every answer, and
 * the same few expressions run thousands of times.  The evaluator reads a
 * node's text in place when it is a single text node, keeps small
 * node-sets inside struct xv, and parses integers without strtod.
 */
#include "common.h"

#include <float.h>
#include <locale.h>
#include <math.h>

#include "datetime.h"
#include "xpath-int.h"

/* ------------------------------------------------------------------ */
/* Numbers and strings                                                 */
/* ------------------------------------------------------------------ */

#define XNUM_BUFSZ	352	/* "-" + 309 digits, or "0." + 324 digits */

static locale_t
c_locale(void)
{
	static locale_t	 loc;

	if (loc == (locale_t)0 &&
	    (loc = newlocale(LC_ALL_MASK, "C", (locale_t)0)) == (locale_t)0)
		oom();
	return loc;
}

/* strtod() in the C locale, whatever LC_NUMERIC says. */
double
xnum_parse_c(const char *s)
{
	return strtod_l(s, NULL, c_locale());
}

static int
is_xml_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The powers of ten that a double holds exactly. */
const double xnum_pow10[XNUM_POW10_MAX + 1] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
	1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/*
 * XPath's Number grammar with optional surrounding white space; returns
 * 0 and the value, or -1.  Numbers of up to 15 digits are computed
 * directly: exact, and much faster than strtod.
 */
static int
parse_xpath_number(const char *s, double *out)
{
	const char	*p = s, *start, *end;
	char		 small[64], *copy;
	int		 neg = 0, ndig = 0, dot = 0, nfrac = 0;
	double		 v = 0;

	while (is_xml_space((unsigned char)*p))
		p++;
	start = p;
	if (*p == '-') {
		neg = 1;
		p++;
	}
	for (; *p >= '0' && *p <= '9'; p++, ndig++)
		v = v * 10 + (*p - '0');
	if (*p == '.') {
		dot = 1;
		for (p++; *p >= '0' && *p <= '9'; p++, ndig++, nfrac++)
			v = v * 10 + (*p - '0');
	}
	if (ndig == 0)
		return -1;
	end = p;
	while (is_xml_space((unsigned char)*p))
		p++;
	if (*p != '\0')
		return -1;
	/*
	 * Up to 15 digits, v holds them exactly, and so does a double for
	 * 10^nfrac (exact up to 10^22): one IEEE division then rounds
	 * correctly, as strtod would (Clinger's fast path).
	 */
	if (ndig <= 15) {
		if (dot)
			v /= xnum_pow10[nfrac];
		*out = neg ? -v : v;
		return 0;
	}
	if ((size_t)(end - start) < sizeof(small)) {
		memcpy(small, start, (size_t)(end - start));
		small[end - start] = '\0';
		*out = xnum_parse_c(small);
	} else {
		copy = xstrndup(start, (size_t)(end - start));
		*out = xnum_parse_c(copy);
		free(copy);
	}
	return 0;
}

double
xpath_string_number(const char *s)
{
	const char	*p, *e;
	char		 small[64];
	double		 v;

	if (parse_xpath_number(s, &v) == 0)
		return v;
	/* ODK: a date, dateTime or time counts days since 1970-01-01. */
	for (p = s; is_xml_space((unsigned char)*p); p++)
		;
	for (e = p + strlen(p); e > p && is_xml_space((unsigned char)e[-1]);
	    e--)
		;
	if (e - p < 5 || (size_t)(e - p) >= sizeof(small))
		return NAN;
	memcpy(small, p, (size_t)(e - p));
	small[e - p] = '\0';
	if (datetime_parse_any(small, &v) == 0)
		return v;
	return NAN;
}

/*
 * The digits of m (not zero) without its trailing zeros into digits;
 * returns how many, and in *len how many m had.
 */
static int
digits_of(uint64_t m, char *digits, int *len)
{
	char	 tmp[24];
	int	 n = 0, z = 0, i;

	for (; m > 0; m /= 10)
		tmp[n++] = (char)('0' + m % 10);	/* last digit first */
	*len = n;
	while (z < n - 1 && tmp[z] == '0')
		z++;
	for (i = 0; i < n - z; i++)
		digits[i] = tmp[n - 1 - i];
	digits[n - z] = '\0';
	return n - z;
}

/*
 * The shortest decimal digits that read back as d (finite, not zero):
 * digits gets them without a point, *exp the power of ten of the first.
 * Returns how many digits.
 *
 * First, for d in [1e-5, 1e15), with q = 0, 1, ... fraction digits:
 * m = d * 10^q rounded; the first m below 10^15 such that m / 10^q is d
 * again gives the digits.  The quotient of two exact doubles rounds
 * correctly, so it is what reading the decimal back gives; and when a
 * decimal of q fraction digits does read back as d, d * 10^q is within
 * 0.2 of its m (half an ulp of d, and of the product, times at most
 * 10^15), so rounding finds it.  Fewer fraction digits is fewer digits:
 * below 2^53, no integer digit can be dropped.
 *
 * Otherwise, for a normal d, only 15, 16 and 17 significant digits are
 * tried with printf.  When some p <= 15 digits read back as d, d lies
 * within half an ulp (at most 1.2e-16 relative) of that p-digit decimal,
 * much closer than half a step of the 15-digit grid (at least 5e-16
 * relative), so rounding d to 15 digits gives the same decimal padded
 * with zeros, which are stripped below.  A subnormal d has fewer bits,
 * and every p from 1 is tried.
 */
int
xnum_shortest(double d, char *digits, int *exp)
{
	char	 tmp[64], c_form[64];
	int	 p, k, e, len;
	char	*q;

	d = fabs(d);
	if (d >= 1e-5 && d < 1e15) {
		double	 scaled;
		uint64_t m;
		int	 f;

		for (f = 0; f <= 22; f++) {
			scaled = d * xnum_pow10[f];
			if (scaled >= 1e15)
				break;
			m = (uint64_t)floor(scaled + 0.5);
			if (m != 0 && (double)m / xnum_pow10[f] == d) {
				k = digits_of(m, digits, &len);
				*exp = len - 1 - f;
				return k;
			}
		}
	}
	for (p = d >= DBL_MIN ? 15 : 1; p <= 17; p++) {
		snprintf(tmp, sizeof(tmp), "%.*e", p - 1, d);
		/* Read the digits and the exponent whatever the locale's
		 * decimal point is. */
		k = 0;
		for (q = tmp; *q != '\0' && *q != 'e'; q++)
			if (*q >= '0' && *q <= '9')
				digits[k++] = *q;
		digits[k] = '\0';
		e = *q == 'e' ? atoi(q + 1) : 0;
		snprintf(c_form, sizeof(c_form), "%c.%se%d", digits[0],
		    digits + 1, e);
		if (xnum_parse_c(c_form) == d || p == 17)
			break;
	}
	while (k > 1 && digits[k - 1] == '0')
		digits[--k] = '\0';
	*exp = e;
	return k;
}

/* An integer below 10^15 in magnitude, as "%lld" writes it. */
static void
format_integer(double d, char *out)
{
	char		 tmp[24];
	uint64_t	 m = (uint64_t)fabs(d);
	int		 n = 0;

	do
		tmp[n++] = (char)('0' + m % 10);
	while ((m /= 10) > 0);
	if (d < 0 && !(tmp[0] == '0' && n == 1))
		*out++ = '-';
	while (n > 0)
		*out++ = tmp[--n];
	*out = '\0';
}

/* XPath 1.0 number-to-string, never in exponent notation. */
void
xnum_format(double d, char *out, size_t sz)
{
	char	 digits[32];
	int	 k, e, i;
	size_t	 o = 0;

	if (isnan(d)) {
		snprintf(out, sz, "NaN");
		return;
	}
	if (isinf(d)) {
		snprintf(out, sz, d < 0 ? "-Infinity" : "Infinity");
		return;
	}
	if (d == 0) {
		snprintf(out, sz, "0");
		return;
	}
	if (d == trunc(d) && fabs(d) < 1e15) {
		if (sz >= 17)
			format_integer(d, out);
		else
			snprintf(out, sz, "%lld", (long long)d);
		return;
	}
	if (sz < XNUM_BUFSZ) {
		snprintf(out, sz, "NaN");
		return;
	}
	k = xnum_shortest(d, digits, &e);
	if (d < 0)
		out[o++] = '-';
	if (e >= 0) {
		for (i = 0; i <= e; i++)
			out[o++] = i < k ? digits[i] : '0';
		if (k > e + 1) {
			out[o++] = '.';
			for (i = e + 1; i < k; i++)
				out[o++] = digits[i];
		}
	} else {
		out[o++] = '0';
		out[o++] = '.';
		for (i = 0; i < -e - 1; i++)
			out[o++] = '0';
		for (i = 0; i < k; i++)
			out[o++] = digits[i];
	}
	out[o] = '\0';
}

char *
xpath_number_string(double d)
{
	char	 buf[XNUM_BUFSZ];

	xnum_format(d, buf, sizeof(buf));
	return xstrdup(buf);
}

/* ------------------------------------------------------------------ */
/* Values                                                              */
/* ------------------------------------------------------------------ */

void
xv_init(struct xv *v)
{
	v->type = XPATH_STRING;
	v->s = "";
	v->own = NULL;
	v->n = 0;
	v->cap = 0;
	v->unordered = 0;
}

void
xv_release(struct xv *v)
{
	/* Most values own nothing: no call to free() for them. */
	if (v->own != NULL)
		free(v->own);
	if (v->cap)
		free(v->nodes);
	xv_init(v);
}

/* Moves src into dst (released first); src is left empty. */
void
xv_move(struct xv *dst, struct xv *src)
{
	xv_release(dst);
	*dst = *src;
	xv_init(src);
}

void
xv_set_num(struct xv *v, double d)
{
	xv_release(v);
	v->type = XPATH_NUMBER;
	v->num = d;
}

void
xv_set_bool(struct xv *v, int b)
{
	xv_release(v);
	v->type = XPATH_BOOLEAN;
	v->b = b != 0;
}

void
xv_set_str(struct xv *v, const char *s)
{
	xv_release(v);
	v->type = XPATH_STRING;
	v->s = s;
}

void
xv_take_str(struct xv *v, char *s)
{
	xv_release(v);
	v->type = XPATH_STRING;
	v->s = v->own = s;
}

void
xv_copy_str(struct xv *v, const char *s, size_t n)
{
	xv_take_str(v, xstrndup(s, n));
}

void
xv_set_nodeset(struct xv *v)
{
	xv_release(v);
	v->type = XPATH_NODESET;
}

/* xv_push() when the node does not fit in the struct. */
void
xv_push_grow(struct xv *v, xmlNode *node)
{
	if (v->cap == 0) {
		v->cap = 8;
		v->nodes = xreallocarray(NULL, v->cap, sizeof(*v->nodes));
		memcpy(v->nodes, v->inl, v->n * sizeof(*v->nodes));
	} else if (v->n == v->cap) {
		v->cap *= 2;
		v->nodes = xreallocarray(v->nodes, v->cap, sizeof(*v->nodes));
	}
	v->nodes[v->n++] = node;
}

void
xstrtmp_release(struct xstrtmp *t)
{
	free(t->own);
	t->own = NULL;
}

/* Appends the text of the text nodes below n, without recursion. */
static void
collect_text(const xmlNode *top, struct buf *b)
{
	const xmlNode	*n = top->children;

	while (n != NULL) {
		if ((n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) && n->content != NULL)
			buf_adds(b, (const char *)n->content);
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != NULL && n->next == NULL) {
			n = n->parent;
			if (n == top)
				return;
		}
		if (n != NULL)
			n = n->next;
	}
}

/*
 * string() of a node.  The common case, an element or attribute holding
 * one text node, returns that text in place; otherwise the text is built
 * in t->own.
 */
const char *
xnode_text(const xmlNode *n, struct xstrtmp *t)
{
	const xmlNode	*c;
	struct buf	 b = BUF_INIT;

	t->own = NULL;
	switch (n->type) {
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
	case XML_COMMENT_NODE:
	case XML_PI_NODE:
		return n->content != NULL ? (const char *)n->content : "";
	case XML_ELEMENT_NODE:
	case XML_ATTRIBUTE_NODE:
	case XML_DOCUMENT_NODE:
	case XML_HTML_DOCUMENT_NODE:
	case XML_DOCUMENT_FRAG_NODE:
		c = n->children;
		if (c == NULL)
			return "";
		if (c->next == NULL && (c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE))
			return c->content != NULL ? (const char *)c->content :
			    "";
		collect_text(n, &b);
		t->own = buf_detach(&b, NULL);
		return t->own;
	default:
		return "";
	}
}

const char *
xv_str(const struct xv *v, struct xstrtmp *t)
{
	t->own = NULL;
	switch (v->type) {
	case XPATH_STRING:
		return v->s;
	case XPATH_BOOLEAN:
		return v->b ? "true" : "false";
	case XPATH_NUMBER:
		if (v->num == trunc(v->num) && fabs(v->num) < 1e15) {
			format_integer(v->num, t->buf);
			return t->buf;
		}
		if (!isfinite(v->num)) {
			xnum_format(v->num, t->buf, sizeof(t->buf));
			return t->buf;
		}
		t->own = xmalloc(XNUM_BUFSZ);
		xnum_format(v->num, t->own, XNUM_BUFSZ);
		return t->own;
	case XPATH_NODESET:
		if (v->n == 0)
			return "";
		return xnode_text(XV_NODES(v)[0], t);
	}
	return "";
}

double
xv_num(const struct xv *v)
{
	struct xstrtmp	 t;
	double		 d;

	switch (v->type) {
	case XPATH_NUMBER:
		return v->num;
	case XPATH_BOOLEAN:
		return v->b;
	case XPATH_STRING:
		return xpath_string_number(v->s);
	case XPATH_NODESET:
		if (v->n == 0)
			return NAN;
		d = xpath_string_number(xnode_text(XV_NODES(v)[0], &t));
		xstrtmp_release(&t);
		return d;
	}
	return NAN;
}

int
xv_bool(const struct xv *v)
{
	switch (v->type) {
	case XPATH_NUMBER:
		return v->num != 0 && !isnan(v->num);
	case XPATH_BOOLEAN:
		return v->b;
	case XPATH_STRING:
		return v->s[0] != '\0';
	case XPATH_NODESET:
		/* JavaRosa and the ODK spec: one node counts through its
		 * value, so an unanswered question is false. */
		if (v->n == 1) {
			struct xstrtmp	 t;
			int		 r;

			r = xnode_text(XV_NODES(v)[0], &t)[0] != '\0';
			xstrtmp_release(&t);
			return r;
		}
		return v->n > 0;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Document order                                                      */
/* ------------------------------------------------------------------ */

static size_t
node_depth(const xmlNode *n)
{
	size_t	 d = 0;

	for (; n->parent != NULL; n = n->parent)
		d++;
	return d;
}

static int
node_cmp(const xmlNode *a, const xmlNode *b)
{
	const xmlNode	*x = a, *y = b, *p;
	size_t		 da, db;

	if (a == b)
		return 0;
	da = node_depth(a);
	db = node_depth(b);
	while (da > db) {
		x = x->parent;
		da--;
	}
	while (db > da) {
		y = y->parent;
		db--;
	}
	if (x == y)	/* one is an ancestor of the other */
		return node_depth(a) < node_depth(b) ? -1 : 1;
	while (x->parent != y->parent) {
		x = x->parent;
		y = y->parent;
	}
	if (x->parent == NULL)	/* different trees */
		return (uintptr_t)x < (uintptr_t)y ? -1 : 1;
	/* Siblings: attributes come before children. */
	if (x->type == XML_ATTRIBUTE_NODE && y->type != XML_ATTRIBUTE_NODE)
		return -1;
	if (y->type == XML_ATTRIBUTE_NODE && x->type != XML_ATTRIBUTE_NODE)
		return 1;
	for (p = x->next; p != NULL; p = p->next)
		if (p == y)
			return -1;
	return 1;
}

static int
node_qcmp(const void *a, const void *b)
{
	return node_cmp(*(xmlNode *const *)a, *(xmlNode *const *)b);
}

/* Puts a node-set in document order and drops duplicates. */
void
xv_sort(struct xv *v)
{
	xmlNode	**nodes = XV_NODES(v);
	size_t	 i, o;

	if (v->n < 2)
		return;
	for (i = 1; i < v->n; i++)
		if (node_cmp(nodes[i - 1], nodes[i]) >= 0)
			break;
	if (i == v->n)
		return;
	qsort(nodes, v->n, sizeof(*nodes), node_qcmp);
	for (i = 1, o = 1; i < v->n; i++)
		if (nodes[i] != nodes[o - 1])
			nodes[o++] = nodes[i];
	v->n = o;
}

/* ------------------------------------------------------------------ */
/* The tokenizer                                                       */
/* ------------------------------------------------------------------ */

enum tkind {
	T_EOF,
	T_NUMBER,
	T_LITERAL,
	T_NAME,		/* a name test: [prefix:]local, prefix:* */
	T_STAR,		/* the name test * */
	T_FUNC,		/* a function name; "(" follows */
	T_NODETYPE,	/* node, text, comment, processing-instruction */
	T_AXIS,		/* an axis name with its "::" */
	T_OP,		/* an operator in op */
	T_SLASH,
	T_DSLASH,
	T_LPAREN,
	T_RPAREN,
	T_LBRACK,
	T_RBRACK,
	T_DOT,
	T_DDOT,
	T_AT,
	T_COMMA,
};

struct tok {
	enum tkind	 kind;
	enum xop	 op;
	size_t		 start, len;	/* bytes of the source */
	size_t		 colon;		/* T_NAME, T_FUNC: offset of ':', or 0 */
	double		 num;
};

struct parser {
	const char	*src;
	size_t		 pos;		/* next byte to read */
	struct tok	 t;		/* the current token */
	int		 have_prev;
	enum tkind	 prev;
	int		 depth;
	unsigned	 uses;
	struct buf	*err;
	size_t		 col_off;	/* column() cache: an offset ... */
	int		 col;		/* ... and its column */
};

/* The column (in characters, from 1) of byte offset off. */
static int
column(const char *src, size_t off)
{
	size_t	 i;
	int	 col = 1;

	for (i = 0; i < off && src[i] != '\0'; i++)
		if (((unsigned char)src[i] & 0xC0) != 0x80)
			col++;
	return col;
}

static int
perr(struct parser *p, size_t off, const char *what)
{
	return buf_errf(p->err, _("column %d: %s"), column(p->src, off), what);
}

static int
perrf(struct parser *p, size_t off, const char *fmt, ...)
    ATTR_PRINTFLIKE(3, 4);

static int
perrf(struct parser *p, size_t off, const char *fmt, ...)
{
	struct buf	 b = BUF_INIT;
	va_list		 ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	perr(p, off, b.s);
	buf_release(&b);
	return -1;
}

static int
name_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	    c >= 0x80;
}

static int
name_char(int c)
{
	return name_start(c) || (c >= '0' && c <= '9') || c == '-' ||
	    c == '.';
}

static size_t
scan_ncname(const char *s, size_t i)
{
	while (name_char((unsigned char)s[i]))
		i++;
	return i;
}

static size_t
skip_space(const char *s, size_t i)
{
	while (is_xml_space((unsigned char)s[i]))
		i++;
	return i;
}

/*
 * XPath 1.0, 3.7: after a token that can end an operand, "*" is the
 * multiplication and a name is an operator name.
 */
static int
operator_expected(const struct parser *p)
{
	if (!p->have_prev)
		return 0;
	switch (p->prev) {
	case T_AT:
	case T_AXIS:
	case T_LPAREN:
	case T_LBRACK:
	case T_COMMA:
	case T_OP:
	case T_SLASH:
	case T_DSLASH:
		return 0;
	default:
		return 1;
	}
}

static int
is_node_type(const char *s, size_t len)
{
	static const char *const types[] = { "node", "text", "comment",
	    "processing-instruction" };
	size_t	 i;

	for (i = 0; i < nitems(types); i++)
		if (strlen(types[i]) == len && memcmp(types[i], s, len) == 0)
			return 1;
	return 0;
}

static int
lex_name(struct parser *p, struct tok *t)
{
	const char	*s = p->src;
	size_t		 i = t->start, end, after;
	static const struct {
		const char	*name;
		enum xop	 op;
	} opnames[] = {
		{ "and", OP_AND }, { "or", OP_OR }, { "div", OP_DIV },
		{ "mod", OP_MOD },
	};
	size_t		 k;

	end = scan_ncname(s, i);
	if (operator_expected(p)) {
		for (k = 0; k < nitems(opnames); k++)
			if (strlen(opnames[k].name) == end - i &&
			    memcmp(opnames[k].name, s + i, end - i) == 0) {
				t->kind = T_OP;
				t->op = opnames[k].op;
				t->len = end - i;
				return 0;
			}
		return perrf(p, i, _("expected an operator, found '%.*s'"),
		    (int)(end - i), s + i);
	}
	t->colon = 0;
	if (s[end] == ':' && s[end + 1] != ':') {
		if (s[end + 1] == '*') {
			t->kind = T_NAME;
			t->colon = end - i;
			t->len = end + 2 - i;
			return 0;
		}
		if (name_start((unsigned char)s[end + 1])) {
			t->colon = end - i;
			end = scan_ncname(s, end + 1);
		}
	}
	t->len = end - i;
	after = skip_space(s, end);
	if (s[after] == '(') {
		t->kind = t->colon == 0 && is_node_type(s + i, end - i) ?
		    T_NODETYPE : T_FUNC;
		return 0;
	}
	if (s[after] == ':' && s[after + 1] == ':' && t->colon == 0) {
		t->kind = T_AXIS;
		/* The token ends after "::", so that the name test follows. */
		p->pos = after + 2;
		return 1;
	}
	t->kind = T_NAME;
	return 0;
}

/* Reads the next token into p->t; -1 on a lexical error. */
static int
next(struct parser *p)
{
	const char	*s = p->src;
	struct tok	*t = &p->t;
	size_t		 i, j;
	int		 c, r;

	if (p->t.kind != T_EOF || p->have_prev) {
		p->prev = p->t.kind;
		p->have_prev = 1;
	}
	i = skip_space(s, p->pos);
	memset(t, 0, sizeof(*t));
	t->start = i;
	c = (unsigned char)s[i];
	t->len = 1;
	if (c == '\0') {
		t->kind = T_EOF;
		t->len = 0;
		p->pos = i;
		return 0;
	}
	if ((c >= '0' && c <= '9') || (c == '.' && s[i + 1] >= '0' &&
	    s[i + 1] <= '9')) {
		char	*copy;

		for (j = i; s[j] >= '0' && s[j] <= '9'; j++)
			;
		if (s[j] == '.')
			for (j++; s[j] >= '0' && s[j] <= '9'; j++)
				;
		copy = xstrndup(s + i, j - i);
		t->num = xnum_parse_c(copy);
		free(copy);
		t->kind = T_NUMBER;
		t->len = j - i;
		p->pos = j;
		return 0;
	}
	if (c == '"' || c == '\'') {
		const char *q = strchr(s + i + 1, c);

		if (q == NULL)
			return perr(p, i, _("unterminated string"));
		t->kind = T_LITERAL;
		t->len = (size_t)(q - (s + i)) + 1;
		p->pos = i + t->len;
		return 0;
	}
	if (name_start(c)) {
		r = lex_name(p, t);
		if (r == -1)
			return -1;
		if (r == 0)
			p->pos = i + t->len;
		return 0;
	}
	p->pos = i + 1;
	switch (c) {
	case '/':
		if (s[i + 1] == '/') {
			t->kind = T_DSLASH;
			t->len = 2;
			p->pos++;
		} else
			t->kind = T_SLASH;
		return 0;
	case '(': t->kind = T_LPAREN; return 0;
	case ')': t->kind = T_RPAREN; return 0;
	case '[': t->kind = T_LBRACK; return 0;
	case ']': t->kind = T_RBRACK; return 0;
	case ',': t->kind = T_COMMA; return 0;
	case '@': t->kind = T_AT; return 0;
	case '|': t->kind = T_OP; t->op = OP_UNION; return 0;
	case '+': t->kind = T_OP; t->op = OP_ADD; return 0;
	case '-': t->kind = T_OP; t->op = OP_SUB; return 0;
	case '=': t->kind = T_OP; t->op = OP_EQ; return 0;
	case '.':
		if (s[i + 1] == '.') {
			t->kind = T_DDOT;
			t->len = 2;
			p->pos++;
		} else
			t->kind = T_DOT;
		return 0;
	case '*':
		if (operator_expected(p)) {
			t->kind = T_OP;
			t->op = OP_MUL;
		} else
			t->kind = T_STAR;
		return 0;
	case '!':
		if (s[i + 1] != '=')
			return perr(p, i, _("expected '!='"));
		t->kind = T_OP;
		t->op = OP_NE;
		t->len = 2;
		p->pos++;
		return 0;
	case '<':
	case '>':
		t->kind = T_OP;
		if (s[i + 1] == '=') {
			t->op = c == '<' ? OP_LE : OP_GE;
			t->len = 2;
			p->pos++;
		} else
			t->op = c == '<' ? OP_LT : OP_GT;
		return 0;
	case '$':
		return perr(p, i, _("variables are not supported"));
	default:
		return perrf(p, i, _("unexpected character '%.*s'"),
		    c < 0x80 ? 1 : (c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2),
		    s + i);
	}
}

/* ------------------------------------------------------------------ */
/* The parser                                                          */
/* ------------------------------------------------------------------ */

static struct xnode *parse_expr(struct parser *);

static struct xnode *
node_new(enum xkind kind, int col)
{
	struct xnode	*n = xcalloc(1, sizeof(*n));

	n->kind = kind;
	n->col = col;
	return n;
}

static void node_free(struct xnode *);

static void
preds_free(struct xnode **preds, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		node_free(preds[i]);
	free(preds);
}

static void
node_free(struct xnode *n)
{
	size_t	 i;

	if (n == NULL)
		return;
	for (i = 0; i < n->nkids; i++)
		node_free(n->kids[i]);
	free(n->kids);
	free(n->ops);
	free(n->str);
	if (n->kind == XN_CALL)
		xfn_release(n);
	node_free(n->filter);
	preds_free(n->fpreds, n->nfpreds);
	for (i = 0; i < n->nsteps; i++) {
		free(n->steps[i].prefix);
		free(n->steps[i].local);
		preds_free(n->steps[i].preds, n->steps[i].npreds);
	}
	free(n->steps);
	free(n);
}

static void
kids_push(struct xnode ***kids, size_t *n, struct xnode *k)
{
	/* Grow by doubling: a megabyte of "1+1+..." is one array. */
	if ((*n & (*n - 1)) == 0)
		*kids = xreallocarray(*kids, *n ? *n * 2 : 1, sizeof(**kids));
	(*kids)[(*n)++] = k;
}

/*
 * The column of byte offset off, counted on from the last one asked for:
 * the parser asks in increasing order, so a long expression costs linear
 * time, not quadratic.
 */
static int
pcol_at(struct parser *p, size_t off)
{
	size_t	 i;

	if (off < p->col_off || p->col == 0) {
		p->col_off = 0;
		p->col = 1;
	}
	for (i = p->col_off; i < off && p->src[i] != '\0'; i++)
		if (((unsigned char)p->src[i] & 0xC0) != 0x80)
			p->col++;
	p->col_off = i;
	return p->col;
}

static int
pcol(struct parser *p)
{
	return pcol_at(p, p->t.start);
}

static int
expect(struct parser *p, enum tkind kind, const char *what)
{
	if (p->t.kind != kind)
		return perrf(p, p->t.start, _("expected %s"), what);
	return next(p);
}

/* Predicates: zero or more "[ Expr ]". */
static int
parse_preds(struct parser *p, struct xnode ***preds, size_t *npreds)
{
	struct xnode	*e;

	while (p->t.kind == T_LBRACK) {
		if (next(p) == -1 || (e = parse_expr(p)) == NULL)
			return -1;
		kids_push(preds, npreds, e);
		if (expect(p, T_RBRACK, "']'") == -1)
			return -1;
	}
	return 0;
}

static int
parse_axis(struct parser *p, enum xaxis *axis)
{
	static const struct {
		const char	*name;
		enum xaxis	 axis;
	} axes[] = {
		{ "child", AX_CHILD },
		{ "attribute", AX_ATTRIBUTE },
		{ "self", AX_SELF },
		{ "parent", AX_PARENT },
		{ "descendant", AX_DESCENDANT },
		{ "descendant-or-self", AX_DESCENDANT_OR_SELF },
		{ "ancestor", AX_ANCESTOR },
		{ "ancestor-or-self", AX_ANCESTOR_OR_SELF },
		{ "following-sibling", AX_FOLLOWING_SIBLING },
		{ "preceding-sibling", AX_PRECEDING_SIBLING },
	};
	const char	*s = p->src + p->t.start;
	size_t		 i;

	for (i = 0; i < nitems(axes); i++)
		if (strlen(axes[i].name) == p->t.len &&
		    memcmp(axes[i].name, s, p->t.len) == 0) {
			*axis = axes[i].axis;
			return next(p);
		}
	return perrf(p, p->t.start, _("unsupported axis '%.*s'"),
	    (int)p->t.len, s);
}

/* One step of a location path, appended to path->steps. */
static int
parse_step(struct parser *p, struct xnode *path)
{
	struct xstep	 st;
	const char	*s;

	memset(&st, 0, sizeof(st));
	st.axis = AX_CHILD;
	if (p->t.kind == T_DOT || p->t.kind == T_DDOT) {
		st.axis = p->t.kind == T_DOT ? AX_SELF : AX_PARENT;
		st.test = NT_NODE;
		if (next(p) == -1)
			return -1;
		goto preds;
	}
	if (p->t.kind == T_AT) {
		st.axis = AX_ATTRIBUTE;
		if (next(p) == -1)
			return -1;
	} else if (p->t.kind == T_AXIS && parse_axis(p, &st.axis) == -1)
		return -1;
	s = p->src + p->t.start;
	switch (p->t.kind) {
	case T_STAR:
		st.test = NT_ANY;
		break;
	case T_NAME:
		if (p->t.colon != 0) {
			st.prefix = xstrndup(s, p->t.colon);
			if (s[p->t.colon + 1] == '*') {
				st.test = NT_NS_ANY;
				break;
			}
			st.local = xstrndup(s + p->t.colon + 1,
			    p->t.len - p->t.colon - 1);
		} else
			st.local = xstrndup(s, p->t.len);
		st.hash = xname_hash(st.local);
		st.test = NT_NAME;
		break;
	case T_NODETYPE:
		st.test = s[0] == 'n' ? NT_NODE : s[0] == 't' ? NT_TEXT :
		    s[0] == 'c' ? NT_COMMENT : NT_PI;
		if (next(p) == -1 || expect(p, T_LPAREN, "'('") == -1)
			return -1;
		if (st.test == NT_PI && p->t.kind == T_LITERAL &&
		    next(p) == -1)
			return -1;
		if (p->t.kind != T_RPAREN)
			return perr(p, p->t.start, _("expected ')'"));
		break;
	default:
		return perr(p, p->t.start, _("expected a node test"));
	}
	if (next(p) == -1)
		goto fail;
preds:
	if (parse_preds(p, &st.preds, &st.npreds) == -1)
		goto fail;
	if ((path->nsteps & (path->nsteps - 1)) == 0)
		path->steps = xreallocarray(path->steps,
		    path->nsteps ? path->nsteps * 2 : 1, sizeof(*path->steps));
	path->steps[path->nsteps++] = st;
	return 0;
fail:
	free(st.prefix);
	free(st.local);
	preds_free(st.preds, st.npreds);
	return -1;
}

static int
step_start(enum tkind k)
{
	return k == T_NAME || k == T_STAR || k == T_NODETYPE || k == T_AXIS ||
	    k == T_AT || k == T_DOT || k == T_DDOT;
}

static void
add_descendant_step(struct xnode *path)
{
	struct xstep	 st;

	memset(&st, 0, sizeof(st));
	st.axis = AX_DESCENDANT_OR_SELF;
	st.test = NT_NODE;
	if ((path->nsteps & (path->nsteps - 1)) == 0)
		path->steps = xreallocarray(path->steps,
		    path->nsteps ? path->nsteps * 2 : 1, sizeof(*path->steps));
	path->steps[path->nsteps++] = st;
}

/* RelativeLocationPath: Step (('/' | '//') Step)* */
static int
parse_relative(struct parser *p, struct xnode *path)
{
	for (;;) {
		if (!step_start(p->t.kind))
			return perr(p, p->t.start, _("expected a node test"));
		if (parse_step(p, path) == -1)
			return -1;
		if (p->t.kind == T_SLASH) {
			if (next(p) == -1)
				return -1;
		} else if (p->t.kind == T_DSLASH) {
			add_descendant_step(path);
			if (next(p) == -1)
				return -1;
		} else
			return 0;
	}
}

static char *
literal_text(const struct parser *p)
{
	return xstrndup(p->src + p->t.start + 1, p->t.len - 2);
}

static struct xnode *
parse_call(struct parser *p)
{
	struct xnode	*n, *arg;
	char		*name;
	const struct xfn *fn;
	size_t		 start = p->t.start;

	name = xstrndup(p->src + p->t.start, p->t.len);
	fn = xfn_lookup(name);
	if (fn == NULL) {
		perrf(p, start, _("unknown function '%s'"), name);
		free(name);
		return NULL;
	}
	n = node_new(XN_CALL, pcol_at(p, start));
	n->fn = fn;
	p->uses |= fn->uses;
	if (next(p) == -1 || expect(p, T_LPAREN, "'('") == -1)
		goto fail;
	if (p->t.kind != T_RPAREN) {
		for (;;) {
			if ((arg = parse_expr(p)) == NULL)
				goto fail;
			kids_push(&n->kids, &n->nkids, arg);
			if (p->t.kind == T_RPAREN)
				break;
			if (p->t.kind != T_COMMA) {
				perr(p, p->t.start, _("expected ',' or ')'"));
				goto fail;
			}
			if (next(p) == -1)
				goto fail;
		}
	}
	if (next(p) == -1)
		goto fail;
	if ((int)n->nkids < fn->min || (fn->max >= 0 &&
	    (int)n->nkids > fn->max)) {
		if (fn->min == fn->max)
			perrf(p, start, Q_("'%s' takes %d argument",
			    "'%s' takes %d arguments", fn->min), name, fn->min);
		else if (fn->max < 0)
			perrf(p, start, Q_("'%s' takes at least %d argument",
			    "'%s' takes at least %d arguments", fn->min), name,
			    fn->min);
		else if (fn->max == fn->min + 1)
			perrf(p, start, _("'%s' takes %d or %d arguments"),
			    name, fn->min, fn->max);
		else
			perrf(p, start, _("'%s' takes %d to %d arguments"),
			    name, fn->min, fn->max);
		goto fail;
	}
	if (fn->check != NULL && fn->check(n, p->err) == -1) {
		buf_wrapf(p->err, _("column %d"), column(p->src, start));
		goto fail;
	}
	free(name);
	return n;
fail:
	free(name);
	node_free(n);
	return NULL;
}

/* PrimaryExpr: '(' Expr ')' | Literal | Number | FunctionCall */
static struct xnode *
parse_primary(struct parser *p)
{
	struct xnode	*n;

	switch (p->t.kind) {
	case T_LPAREN:
		if (next(p) == -1 || (n = parse_expr(p)) == NULL)
			return NULL;
		if (expect(p, T_RPAREN, "')'") == -1) {
			node_free(n);
			return NULL;
		}
		return n;
	case T_LITERAL:
		n = node_new(XN_STRING, pcol(p));
		n->str = literal_text(p);
		break;
	case T_NUMBER:
		n = node_new(XN_NUMBER, pcol(p));
		n->num = p->t.num;
		break;
	case T_FUNC:
		return parse_call(p);
	case T_EOF:
		perr(p, p->t.start, _("expected an expression, found the end"));
		return NULL;
	default:
		perrf(p, p->t.start, _("expected an expression, found '%.*s'"),
		    (int)p->t.len, p->src + p->t.start);
		return NULL;
	}
	if (next(p) == -1) {
		node_free(n);
		return NULL;
	}
	return n;
}

/* PathExpr: LocationPath | FilterExpr (('/' | '//') RelativePath)? */
static struct xnode *
parse_path(struct parser *p)
{
	struct xnode	*path, *prim;
	int		 col = pcol(p);

	if (p->t.kind == T_SLASH || p->t.kind == T_DSLASH) {
		path = node_new(XN_PATH, col);
		path->absolute = 1;
		if (p->t.kind == T_DSLASH) {
			add_descendant_step(path);
			if (next(p) == -1 || parse_relative(p, path) == -1)
				goto fail;
			return path;
		}
		if (next(p) == -1)
			goto fail;
		if (step_start(p->t.kind) && parse_relative(p, path) == -1)
			goto fail;
		return path;
	}
	if (step_start(p->t.kind)) {
		path = node_new(XN_PATH, col);
		if (parse_relative(p, path) == -1)
			goto fail;
		return path;
	}
	if ((prim = parse_primary(p)) == NULL)
		return NULL;
	if (p->t.kind != T_LBRACK && p->t.kind != T_SLASH &&
	    p->t.kind != T_DSLASH)
		return prim;
	path = node_new(XN_PATH, col);
	path->filter = prim;
	if (parse_preds(p, &path->fpreds, &path->nfpreds) == -1)
		goto fail;
	if (p->t.kind == T_SLASH || p->t.kind == T_DSLASH) {
		if (p->t.kind == T_DSLASH)
			add_descendant_step(path);
		if (next(p) == -1 || parse_relative(p, path) == -1)
			goto fail;
	}
	return path;
fail:
	node_free(path);
	return NULL;
}

static void	 ops_push(enum xop **, size_t *, enum xop);

/* UnionExpr and UnaryExpr: '-'* PathExpr ('|' PathExpr)* */
static struct xnode *
parse_unary(struct parser *p)
{
	struct xnode	*n, *k, *neg;
	size_t		 cap, nops = 0;
	int		 negs = 0, col = pcol(p);

	while (p->t.kind == T_OP && p->t.op == OP_SUB) {
		negs++;
		if (next(p) == -1)
			return NULL;
	}
	if ((n = parse_path(p)) == NULL)
		return NULL;
	if (p->t.kind == T_OP && p->t.op == OP_UNION) {
		k = n;
		n = node_new(XN_CHAIN, k->col);
		cap = 0;
		kids_push(&n->kids, &n->nkids, k);
		while (p->t.kind == T_OP && p->t.op == OP_UNION) {
			if (next(p) == -1 || (k = parse_path(p)) == NULL) {
				node_free(n);
				return NULL;
			}
			kids_push(&n->kids, &n->nkids, k);
		}
		for (cap = 0; cap < n->nkids; cap++)
			ops_push(&n->ops, &nops, OP_UNION);
	}
	if (negs == 0)
		return n;
	neg = node_new(XN_NEG, col);
	neg->negs = negs;
	kids_push(&neg->kids, &neg->nkids, n);
	return neg;
}

/* Binary operator levels, loosest first. */
static int
op_level(enum xop op)
{
	switch (op) {
	case OP_OR:
		return 0;
	case OP_AND:
		return 1;
	case OP_EQ:
	case OP_NE:
		return 2;
	case OP_LT:
	case OP_LE:
	case OP_GT:
	case OP_GE:
		return 3;
	case OP_ADD:
	case OP_SUB:
		return 4;
	case OP_MUL:
	case OP_DIV:
	case OP_MOD:
		return 5;
	default:
		return -1;
	}
}

#define LEVELS	6

/*
 * One precedence level: its operands are parsed by the next level, and a
 * run of its operators becomes one XN_CHAIN, built in a loop.
 */
static void
ops_push(enum xop **ops, size_t *n, enum xop op)
{
	if ((*n & (*n - 1)) == 0)
		*ops = xreallocarray(*ops, *n ? *n * 2 : 1, sizeof(**ops));
	(*ops)[(*n)++] = op;
}

static struct xnode *
parse_level(struct parser *p, int level)
{
	struct xnode	*first, *n, *k;
	size_t		 nops = 0;
	enum xop	 op;

	first = level + 1 == LEVELS ? parse_unary(p) :
	    parse_level(p, level + 1);
	if (first == NULL)
		return NULL;
	if (p->t.kind != T_OP || op_level(p->t.op) != level)
		return first;
	n = node_new(XN_CHAIN, first->col);
	kids_push(&n->kids, &n->nkids, first);
	ops_push(&n->ops, &nops, p->t.op);
	while (p->t.kind == T_OP && op_level(p->t.op) == level) {
		op = p->t.op;
		if (next(p) == -1)
			goto fail;
		k = level + 1 == LEVELS ? parse_unary(p) :
		    parse_level(p, level + 1);
		if (k == NULL)
			goto fail;
		kids_push(&n->kids, &n->nkids, k);
		ops_push(&n->ops, &nops, op);
	}
	return n;
fail:
	node_free(n);
	return NULL;
}

static struct xnode *
parse_expr(struct parser *p)
{
	struct xnode	*n;

	if (++p->depth > XPATH_MAX_DEPTH) {
		perrf(p, p->t.start, _("expression nested too deeply (more "
		    "than %d levels)"), XPATH_MAX_DEPTH);
		return NULL;
	}
	n = parse_level(p, 0);
	p->depth--;
	return n;
}

struct xpath_expr *
xpath_compile(const char *src, struct buf *err)
{
	struct parser	 p;
	struct xnode	*root;
	struct xpath_expr *e;

	memset(&p, 0, sizeof(p));
	p.src = src;
	p.err = err;
	if (next(&p) == -1)
		return NULL;
	if (p.t.kind == T_EOF) {
		perr(&p, p.t.start, _("expected an expression, found the "
		    "end"));
		return NULL;
	}
	if ((root = parse_expr(&p)) == NULL)
		return NULL;
	if (p.t.kind != T_EOF) {
		perrf(&p, p.t.start, _("unexpected '%.*s' after the "
		    "expression"), (int)p.t.len, src + p.t.start);
		node_free(root);
		return NULL;
	}
	e = xcalloc(1, sizeof(*e));
	e->source = xstrdup(src);
	e->root = root;
	e->uses = p.uses;
	return e;
}

void
xpath_free(struct xpath_expr *e)
{
	if (e == NULL)
		return;
	node_free(e->root);
	free(e->source);
	free(e);
}

const char *
xpath_source(const struct xpath_expr *e)
{
	return e->source;
}

/* ------------------------------------------------------------------ */
/* The evaluator                                                       */
/* ------------------------------------------------------------------ */

int
xerr(struct xctx *c, const struct xnode *n, const char *fmt, ...)
{
	struct buf	 b = BUF_INIT;
	va_list		 ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	if (n != NULL)
		buf_errf(c->err, _("column %d: %s"), n->col, b.s);
	else
		buf_errf(c->err, "%s", b.s);
	buf_release(&b);
	return -1;
}

static const char *
ns_uri(const struct xpath_env *env, const char *prefix)
{
	const struct xpath_ns	*ns;

	for (ns = env->namespaces; ns != NULL && ns->prefix != NULL; ns++)
		if (strcmp(ns->prefix, prefix) == 0)
			return ns->uri;
	return NULL;
}

static int
ns_match(const struct xpath_env *env, const xmlNode *n, const char *prefix)
{
	const char	*uri = ns_uri(env, prefix);

	if (n->ns == NULL)
		return 0;
	if (uri != NULL)
		return n->ns->href != NULL &&
		    strcmp((const char *)n->ns->href, uri) == 0;
	return n->ns->prefix != NULL &&
	    strcmp((const char *)n->ns->prefix, prefix) == 0;
}

int
xnode_name_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

static int
test_match(const struct xpath_env *env, const struct xstep *st,
    const xmlNode *n)
{
	xmlElementType	 principal = st->axis == AX_ATTRIBUTE ?
	    XML_ATTRIBUTE_NODE : XML_ELEMENT_NODE;

	switch (st->test) {
	case NT_NAME:
		return n->type == principal &&
		    strcmp((const char *)n->name, st->local) == 0 &&
		    (st->prefix == NULL || ns_match(env, n, st->prefix));
	case NT_ANY:
		return n->type == principal;
	case NT_NS_ANY:
		return n->type == principal && ns_match(env, n, st->prefix);
	case NT_NODE:
		switch (n->type) {
		case XML_ELEMENT_NODE:
		case XML_ATTRIBUTE_NODE:
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
		case XML_COMMENT_NODE:
		case XML_PI_NODE:
		case XML_DOCUMENT_NODE:
		case XML_HTML_DOCUMENT_NODE:
			return 1;
		default:
			return 0;
		}
	case NT_TEXT:
		return n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE;
	case NT_COMMENT:
		return n->type == XML_COMMENT_NODE;
	case NT_PI:
		return n->type == XML_PI_NODE;
	}
	return 0;
}

static int
has_children_axis(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE || n->type == XML_DOCUMENT_NODE ||
	    n->type == XML_HTML_DOCUMENT_NODE ||
	    n->type == XML_DOCUMENT_FRAG_NODE;
}

/* The next node after n in a pre-order walk of top's subtree, or NULL. */
static xmlNode *
walk_next(xmlNode *n, const xmlNode *top)
{
	if (n->children != NULL && n->type == XML_ELEMENT_NODE)
		return n->children;
	while (n != top && n->next == NULL)
		n = n->parent;
	return n == top ? NULL : n->next;
}

/*
 * Appends the nodes of st's axis from n that pass its node test, in the
 * axis's own order (reverse document order for the reverse axes), until
 * out holds limit nodes (0: no limit; a predicate [N] needs only N).
 */
static void
axis_collect(const struct xpath_env *env, const struct xstep *st,
    xmlNode *n, struct xv *out, size_t limit)
{
	xmlNode	*c;

#define PUSH(node) do {							\
	xv_push(out, (node));						\
	if (out->n == limit)						\
		return;							\
} while (0)

	switch (st->axis) {
	case AX_CHILD:
		if (!has_children_axis(n))
			return;
		/* Only elements are indexed: a document has one element. */
		if (st->test == NT_NAME && env->index != NULL &&
		    n->type == XML_ELEMENT_NODE) {
			xmlNode *const	*v;
			size_t		 k, nv;

			if (xindex_children(env->index, n, st, &v, &nv) == 0) {
				for (k = 0; k < nv; k++)
					if (st->prefix == NULL ||
					    ns_match(env, v[k], st->prefix))
						PUSH(v[k]);
				return;
			}
		}
		/* The common test inline, the first letter before strcmp. */
		if (st->test == NT_NAME) {
			for (c = n->children; c != NULL; c = c->next)
				if (c->type == XML_ELEMENT_NODE &&
				    c->name[0] == (xmlChar)st->local[0] &&
				    strcmp((const char *)c->name,
				    st->local) == 0 && (st->prefix == NULL ||
				    ns_match(env, c, st->prefix)))
					PUSH(c);
			return;
		}
		for (c = n->children; c != NULL; c = c->next)
			if (test_match(env, st, c))
				PUSH(c);
		return;
	case AX_ATTRIBUTE:
		if (n->type != XML_ELEMENT_NODE)
			return;
		for (c = (xmlNode *)n->properties; c != NULL; c = c->next)
			if (test_match(env, st, c))
				PUSH(c);
		return;
	case AX_SELF:
		if (test_match(env, st, n))
			PUSH(n);
		return;
	case AX_PARENT:
		if (n->parent != NULL && test_match(env, st, n->parent))
			PUSH(n->parent);
		return;
	case AX_DESCENDANT_OR_SELF:
		if (test_match(env, st, n))
			PUSH(n);
		/* FALLTHROUGH */
	case AX_DESCENDANT:
		if (!has_children_axis(n) || n->children == NULL)
			return;
		for (c = n->children; c != NULL; c = walk_next(c, n))
			if (test_match(env, st, c))
				PUSH(c);
		return;
	case AX_ANCESTOR_OR_SELF:
		if (test_match(env, st, n))
			PUSH(n);
		/* FALLTHROUGH */
	case AX_ANCESTOR:
		for (c = n->parent; c != NULL; c = c->parent)
			if (test_match(env, st, c))
				PUSH(c);
		return;
	case AX_FOLLOWING_SIBLING:
		if (n->type == XML_ATTRIBUTE_NODE)
			return;
		for (c = n->next; c != NULL; c = c->next)
			if (test_match(env, st, c))
				PUSH(c);
		return;
	case AX_PRECEDING_SIBLING:
		if (n->type == XML_ATTRIBUTE_NODE)
			return;
		for (c = n->prev; c != NULL; c = c->prev)
			if (test_match(env, st, c))
				PUSH(c);
		return;
	}
#undef PUSH
}

/* Keeps the nodes of set (in its order) for which the predicates hold. */
static int
apply_preds(struct xctx *c, struct xnode *const *preds, size_t npreds,
    struct xv *set)
{
	struct xctx	 sub = *c;
	struct xv	 r;
	xmlNode		**nodes;
	size_t		 i, k, o, size;
	int		 keep;

	for (k = 0; k < npreds && set->n > 0; k++) {
		nodes = XV_NODES(set);
		size = set->n;
		if (preds[k]->kind == XN_NUMBER) {
			double	 want = preds[k]->num;

			if (want >= 1 && want <= (double)size &&
			    want == trunc(want)) {
				nodes[0] = nodes[(size_t)want - 1];
				set->n = 1;
			} else
				set->n = 0;
			continue;
		}
		xv_init(&r);
		for (i = 0, o = 0; i < size; i++) {
			sub.node = nodes[i];
			sub.pos = i + 1;
			sub.size = size;
			if (xeval(preds[k], &sub, &r) == -1) {
				xv_release(&r);
				return -1;
			}
			keep = r.type == XPATH_NUMBER ? r.num == (double)(i + 1) :
			    xv_bool(&r);
			if (keep)
				nodes[o++] = nodes[i];
		}
		xv_release(&r);
		set->n = o;
	}
	return 0;
}

static int
eval_step(struct xctx *c, const struct xstep *st, struct xv *in,
    struct xv *out)
{
	xmlNode		**nodes = XV_NODES(in);
	struct xv	 tmp;
	size_t		 i, k, limit;

	xv_set_nodeset(out);
	/* A first predicate [N] needs only the first N nodes of the axis. */
	limit = st->npreds > 0 && st->preds[0]->kind == XN_NUMBER &&
	    st->preds[0]->num >= 1 && st->preds[0]->num < 1e9 ?
	    (size_t)st->preds[0]->num : 0;
	for (i = 0; i < in->n; i++) {
		if (st->npreds == 0) {
			axis_collect(c->env, st, nodes[i], out, 0);
			continue;
		}
		xv_init(&tmp);
		xv_set_nodeset(&tmp);
		axis_collect(c->env, st, nodes[i], &tmp, limit);
		if (apply_preds(c, st->preds, st->npreds, &tmp) == -1) {
			xv_release(&tmp);
			return -1;
		}
		for (k = 0; k < tmp.n; k++)
			xv_push(out, XV_NODES(&tmp)[k]);
		xv_release(&tmp);
	}
	if (in->n > 1 || st->axis == AX_ANCESTOR ||
	    st->axis == AX_ANCESTOR_OR_SELF ||
	    st->axis == AX_PRECEDING_SIBLING)
		xv_sort(out);
	return 0;
}

static int
eval_path(const struct xnode *n, struct xctx *c, struct xv *out)
{
	const struct xstep *st;
	struct xstep	 fused;
	struct xv	 cur, nxt;
	size_t		 i;

	xv_init(&cur);
	if (n->filter != NULL) {
		if (xeval(n->filter, c, &cur) == -1)
			goto fail;
		if (cur.type != XPATH_NODESET) {
			xerr(c, n->filter, _("expected a node-set, not a %s"),
			    cur.type == XPATH_STRING ? _("string") :
			    cur.type == XPATH_NUMBER ? _("number") :
			    _("boolean"));
			goto fail;
		}
		if (apply_preds(c, n->fpreds, n->nfpreds, &cur) == -1)
			goto fail;
	} else {
		xv_set_nodeset(&cur);
		if (n->absolute) {
			if (c->env->primary != NULL)
				xv_push(&cur, (xmlNode *)c->env->primary);
		} else if (c->node != NULL)
			xv_push(&cur, c->node);
	}
	for (i = 0; i < n->nsteps; i++) {
		st = &n->steps[i];
		/*
		 * The common step, child::name without a predicate from a
		 * single node, fills cur in place: the axis is already in
		 * document order.
		 */
		if (cur.n == 1 && cur.cap == 0 && st->axis == AX_CHILD &&
		    st->test == NT_NAME && st->npreds == 0) {
			xmlNode *from = cur.inl[0];

			cur.n = 0;
			cur.unordered = 0;
			axis_collect(c->env, st, from, &cur, 0);
			continue;
		}
		xv_init(&nxt);
		/*
		 * "//name" is descendant-or-self::node()/child::name, which
		 * selects what descendant::name does when the second step has
		 * no predicate: walk once instead of collecting every node.
		 */
		if (st->axis == AX_DESCENDANT_OR_SELF && st->test == NT_NODE &&
		    st->npreds == 0 && i + 1 < n->nsteps &&
		    n->steps[i + 1].axis == AX_CHILD &&
		    n->steps[i + 1].npreds == 0) {
			fused = n->steps[++i];
			fused.axis = AX_DESCENDANT;
			st = &fused;
		}
		if (eval_step(c, st, &cur, &nxt) == -1) {
			xv_release(&nxt);
			goto fail;
		}
		xv_move(&cur, &nxt);
	}
	xv_move(out, &cur);
	return 0;
fail:
	xv_release(&cur);
	return -1;
}

/*
 * Numbers are equal within 1e-12, as in JavaRosa (XPathEqExpr), so that
 * 0.1 + 0.2 = 0.3 holds in a form as it does in ODK Collect.
 */
static int
num_equal(double a, double b)
{
	return a == b || fabs(a - b) < 1e-12;
}

static int
cmp_num(double a, enum xop op, double b)
{
	switch (op) {
	case OP_EQ: return num_equal(a, b);
	case OP_NE: return !num_equal(a, b);
	case OP_LT: return a < b;
	case OP_LE: return a <= b;
	case OP_GT: return a > b;
	case OP_GE: return a >= b;
	default: return 0;
	}
}

static int
cmp_str(const char *a, enum xop op, const char *b)
{
	if (op == OP_EQ)
		return strcmp(a, b) == 0;
	if (op == OP_NE)
		return strcmp(a, b) != 0;
	return cmp_num(xpath_string_number(a), op, xpath_string_number(b));
}

static enum xop
mirror(enum xop op)
{
	switch (op) {
	case OP_LT: return OP_GT;
	case OP_LE: return OP_GE;
	case OP_GT: return OP_LT;
	case OP_GE: return OP_LE;
	default: return op;
	}
}

static int compare(const struct xv *, enum xop, const struct xv *);

/* A node-set compared with any value (XPath 1.0, 3.4). */
static int
cmp_nodeset(const struct xv *ns, enum xop op, const struct xv *v)
{
	xmlNode *const	*a = XV_NODES(ns), *const *b;
	struct xstrtmp	 ta, tb;
	const char	*sa, *sb;
	size_t		 i, j;
	double		 d;
	int		 hit = 0;

	if (v->type == XPATH_BOOLEAN)
		return cmp_num(xv_bool(ns), op, v->b);
	if (ns->n == 0) {
		/* JavaRosa compares an empty node-set as the empty string
		 * (XPathNodeset.unpack); XPath 1.0 would make it false. */
		struct xv	 empty;

		xv_init(&empty);
		return compare(&empty, op, v);
	}
	if (v->type == XPATH_NUMBER || (v->type == XPATH_STRING &&
	    op != OP_EQ && op != OP_NE)) {
		d = xv_num(v);
		for (i = 0; i < ns->n && !hit; i++) {
			sa = xnode_text(a[i], &ta);
			hit = cmp_num(xpath_string_number(sa), op, d);
			xstrtmp_release(&ta);
		}
		return hit;
	}
	if (v->type == XPATH_STRING) {
		for (i = 0; i < ns->n && !hit; i++) {
			sa = xnode_text(a[i], &ta);
			hit = cmp_str(sa, op, v->s);
			xstrtmp_release(&ta);
		}
		return hit;
	}
	b = XV_NODES(v);
	for (i = 0; i < ns->n && !hit; i++) {
		sa = xnode_text(a[i], &ta);
		for (j = 0; j < v->n && !hit; j++) {
			sb = xnode_text(b[j], &tb);
			hit = cmp_str(sa, op, sb);
			xstrtmp_release(&tb);
		}
		xstrtmp_release(&ta);
	}
	return hit;
}

static int
compare(const struct xv *a, enum xop op, const struct xv *b)
{
	struct xstrtmp	 ta, tb;
	int		 r;

	if (a->type == XPATH_NODESET)
		return cmp_nodeset(a, op, b);
	if (b->type == XPATH_NODESET)
		return cmp_nodeset(b, mirror(op), a);
	if (op == OP_EQ || op == OP_NE) {
		if (a->type == XPATH_BOOLEAN || b->type == XPATH_BOOLEAN)
			return cmp_num(xv_bool(a), op, xv_bool(b));
		if (a->type == XPATH_NUMBER || b->type == XPATH_NUMBER)
			return cmp_num(xv_num(a), op, xv_num(b));
		r = cmp_str(xv_str(a, &ta), op, xv_str(b, &tb));
		xstrtmp_release(&ta);
		xstrtmp_release(&tb);
		return r;
	}
	return cmp_num(xv_num(a), op, xv_num(b));
}

static double
arith(double a, enum xop op, double b)
{
	switch (op) {
	case OP_ADD: return a + b;
	case OP_SUB: return a - b;
	case OP_MUL: return a * b;
	case OP_DIV: return a / b;
	case OP_MOD: return fmod(a, b);
	default: return NAN;
	}
}

static int
eval_chain(const struct xnode *n, struct xctx *c, struct xv *out)
{
	struct xv	 a, b;
	size_t		 i, k;
	enum xop	 op = n->ops[1];
	double		 acc;
	int		 r = 0;

	xv_init(&a);
	xv_init(&b);
	switch (op) {
	case OP_OR:
	case OP_AND:
		for (i = 0; i < n->nkids; i++) {
			if (xeval(n->kids[i], c, &a) == -1)
				goto fail;
			r = xv_bool(&a);
			if (r == (op == OP_OR))
				break;
		}
		xv_set_bool(out, r);
		break;
	case OP_EQ:
	case OP_NE:
	case OP_LT:
	case OP_LE:
	case OP_GT:
	case OP_GE:
		if (xeval(n->kids[0], c, &a) == -1)
			goto fail;
		for (i = 1; i < n->nkids; i++) {
			if (xeval(n->kids[i], c, &b) == -1)
				goto fail;
			r = compare(&a, n->ops[i], &b);
			xv_set_bool(&a, r);
		}
		xv_move(out, &a);
		break;
	case OP_UNION:
		for (i = 0; i < n->nkids; i++) {
			if (xeval(n->kids[i], c, &b) == -1)
				goto fail;
			if (b.type != XPATH_NODESET) {
				xerr(c, n->kids[i], _("'|' joins node-sets "
				    "only"));
				goto fail;
			}
			if (i == 0) {
				xv_move(&a, &b);
				continue;
			}
			for (k = 0; k < b.n; k++)
				xv_push(&a, XV_NODES(&b)[k]);
		}
		a.unordered = 0;
		xv_sort(&a);
		xv_move(out, &a);
		break;
	default:
		if (xeval(n->kids[0], c, &a) == -1)
			goto fail;
		acc = xv_num(&a);
		for (i = 1; i < n->nkids; i++) {
			if (xeval(n->kids[i], c, &b) == -1)
				goto fail;
			acc = arith(acc, n->ops[i], xv_num(&b));
		}
		xv_set_num(out, acc);
		break;
	}
	xv_release(&a);
	xv_release(&b);
	return 0;
fail:
	xv_release(&a);
	xv_release(&b);
	return -1;
}

#define CALL_ARGS_INLINE	6

static int
eval_call(const struct xnode *n, struct xctx *c, struct xv *out)
{
	struct xv	 inl[CALL_ARGS_INLINE], *args = inl;
	size_t		 i, done = 0;
	int		 r = -1;

	if (n->fn->flags & FN_LAZY)
		return n->fn->impl(c, n, NULL, out);
	if (n->nkids > CALL_ARGS_INLINE)
		args = xreallocarray(NULL, n->nkids, sizeof(*args));
	for (i = 0; i < n->nkids; i++)
		xv_init(&args[i]);
	for (done = 0; done < n->nkids; done++)
		if (xeval(n->kids[done], c, &args[done]) == -1)
			goto out;
	r = n->fn->impl(c, n, args, out);
out:
	for (i = 0; i < n->nkids; i++)
		xv_release(&args[i]);
	if (args != inl)
		free(args);
	return r;
}

int
xeval(const struct xnode *n, struct xctx *c, struct xv *out)
{
	switch (n->kind) {
	case XN_NUMBER:
		xv_set_num(out, n->num);
		return 0;
	case XN_STRING:
		xv_set_str(out, n->str);
		return 0;
	case XN_NEG:
		if (xeval(n->kids[0], c, out) == -1)
			return -1;
		xv_set_num(out, n->negs % 2 ? -xv_num(out) : xv_num(out));
		return 0;
	case XN_CALL:
		return eval_call(n, c, out);
	case XN_CHAIN:
		return eval_chain(n, c, out);
	case XN_PATH:
		return eval_path(n, c, out);
	}
	return -1;
}

/* ------------------------------------------------------------------ */
/* The public evaluation API                                           */
/* ------------------------------------------------------------------ */

/* splitmix64: turns a seed into well-mixed PRNG state. */
static uint64_t
splitmix64(uint64_t x)
{
	x += 0x9E3779B97F4A7C15ULL;
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
	return x ^ (x >> 31);
}

void
xpath_env_init(struct xpath_env *env, xmlDoc *doc, time_t now, uint64_t seed)
{
	memset(env, 0, sizeof(*env));
	env->primary = doc;
	env->now = now;
	env->seed = seed;
	env->rng = splitmix64(seed);
}

static int
run(const struct xpath_expr *e, struct xpath_env *env, xmlNode *node,
    struct xv *v, struct buf *err)
{
	struct xctx	 c;

	c.env = env;
	c.node = node;
	/* No context position outside a predicate: position() then
	 * counts the node among its namesakes, as in JavaRosa. */
	c.pos = 0;
	c.size = 1;
	c.origin = node;
	c.err = err;
	xv_init(v);
	if (xeval(e->root, &c, v) == -1) {
		xv_release(v);
		return -1;
	}
	return 0;
}

/* Converts an internal value into the public one, copying what it
 * borrows. */
static void
to_public(struct xv *v, struct xpath_value *out)
{
	memset(out, 0, sizeof(*out));
	out->type = v->type;
	switch (v->type) {
	case XPATH_BOOLEAN:
		out->boolean = v->b;
		break;
	case XPATH_NUMBER:
		out->number = v->num;
		break;
	case XPATH_STRING:
		if (v->own != NULL) {
			out->string = v->own;
			v->own = NULL;
		} else
			out->string = xstrdup(v->s);
		break;
	case XPATH_NODESET:
		out->nnodes = v->n;
		if (v->n > 0)
			out->nodes = xmemdup(XV_NODES(v),
			    v->n * sizeof(*out->nodes));
		break;
	}
	xv_release(v);
}

/* A borrowed internal view of a public value. */
static void
from_public(const struct xpath_value *in, struct xv *v)
{
	xv_init(v);
	v->type = in->type;
	v->b = in->boolean;
	v->num = in->number;
	v->s = in->string != NULL ? in->string : "";
	if (in->nnodes > 0) {
		v->nodes = in->nodes;
		v->cap = v->n = in->nnodes;
	}
}

int
xpath_eval(const struct xpath_expr *e, struct xpath_env *env, xmlNode *node,
    struct xpath_value *out, struct buf *err)
{
	struct xv	 v;

	memset(out, 0, sizeof(*out));
	out->type = XPATH_STRING;
	/* On failure out holds nothing: callers need not release it. */
	if (run(e, env, node, &v, err) == -1)
		return -1;
	to_public(&v, out);
	return 0;
}

int
xpath_eval_bool(const struct xpath_expr *e, struct xpath_env *env,
    xmlNode *node, int *out, struct buf *err)
{
	struct xv	 v;

	if (run(e, env, node, &v, err) == -1)
		return -1;
	*out = xv_bool(&v);
	xv_release(&v);
	return 0;
}

int
xpath_eval_number(const struct xpath_expr *e, struct xpath_env *env,
    xmlNode *node, double *out, struct buf *err)
{
	struct xv	 v;

	if (run(e, env, node, &v, err) == -1)
		return -1;
	*out = xv_num(&v);
	xv_release(&v);
	return 0;
}

char *
xpath_eval_string(const struct xpath_expr *e, struct xpath_env *env,
    xmlNode *node, struct buf *err)
{
	struct xstrtmp	 t;
	struct xv	 v;
	const char	*s;
	char		*r;

	if (run(e, env, node, &v, err) == -1)
		return NULL;
	s = xv_str(&v, &t);
	if (t.own != NULL)
		r = t.own;
	else if (s == v.own) {
		r = v.own;
		v.own = NULL;
	} else
		r = xstrdup(s);
	xv_release(&v);
	return r;
}

void
xpath_value_release(struct xpath_value *v)
{
	free(v->string);
	free(v->nodes);
	memset(v, 0, sizeof(*v));
	v->type = XPATH_STRING;
}

char *
xpath_value_string(const struct xpath_value *in)
{
	struct xstrtmp	 t;
	struct xv	 v;
	const char	*s;

	from_public(in, &v);
	s = xv_str(&v, &t);
	if (t.own != NULL)
		return t.own;
	return xstrdup(s);
}

int
xpath_value_bool(const struct xpath_value *in)
{
	struct xv	 v;

	from_public(in, &v);
	return xv_bool(&v);
}

double
xpath_value_number(const struct xpath_value *in)
{
	struct xv	 v;

	from_public(in, &v);
	return xv_num(&v);
}

char *
xpath_node_string(const xmlNode *n)
{
	struct xstrtmp	 t;
	const char	*s = xnode_text(n, &t);

	if (t.own != NULL)
		return t.own;
	return xstrdup(s);
}

/* ------------------------------------------------------------------ */
/* Dependencies                                                        */
/* ------------------------------------------------------------------ */

struct refs {
	char		**paths;
	size_t		 n;
	unsigned	 uses;
};

static void
refs_add(struct refs *r, const char *path)
{
	size_t	 i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->paths[i], path) == 0)
			return;
	r->paths = xreallocarray(r->paths, r->n + 1, sizeof(*r->paths));
	r->paths[r->n++] = xstrdup(path);
}

static void refs_walk(struct refs *, const struct xnode *, const char *);

/* Drops the last "/segment" of b (for ".."). */
static void
path_up(struct buf *b)
{
	char	*slash = strrchr(b->s, '/');

	if (slash == NULL)
		buf_reset(b);
	else
		buf_truncate(b, (size_t)(slash - b->s));
}

static void
refs_path(struct refs *r, const struct xnode *n, const char *base)
{
	struct buf		 b = BUF_INIT;
	const struct xnode	*f = n->filter;
	const struct xstep	*st;
	size_t			 i, k;

	if (n->absolute)
		;
	else if (f != NULL && f->kind == XN_CALL &&
	    strcmp(f->fn->name, "instance") == 0 && f->nkids == 1 &&
	    f->kids[0]->kind == XN_STRING)
		buf_addf(&b, "instance('%s')", f->kids[0]->str);
	else if (f != NULL && f->kind == XN_CALL &&
	    strcmp(f->fn->name, "current") == 0)
		buf_adds(&b, base);
	else if (f != NULL) {
		/* Another filter (a function result): its arguments are
		 * read, the steps after it cannot be named. */
		refs_walk(r, f, base);
		for (i = 0; i < n->nfpreds; i++)
			refs_walk(r, n->fpreds[i], base);
		return;
	} else
		buf_adds(&b, base);
	for (i = 0; i < n->nfpreds; i++)
		refs_walk(r, n->fpreds[i], b.s);
	for (i = 0; i < n->nsteps; i++) {
		st = &n->steps[i];
		switch (st->axis) {
		case AX_SELF:
			break;
		case AX_PARENT:
			path_up(&b);
			break;
		case AX_DESCENDANT_OR_SELF:
			buf_adds(&b, "/");
			break;
		default:
			buf_adds(&b, st->axis == AX_ATTRIBUTE ? "/@" : "/");
			if (st->prefix != NULL)
				buf_addf(&b, "%s:", st->prefix);
			buf_adds(&b, st->test == NT_NAME ? st->local :
			    st->test == NT_TEXT ? "text()" :
			    st->test == NT_NODE ? "node()" : "*");
			break;
		}
		for (k = 0; k < st->npreds; k++)
			refs_walk(r, st->preds[k], b.s);
	}
	refs_add(r, b.len > 0 ? b.s : "/");
	buf_release(&b);
}

static void
refs_walk(struct refs *r, const struct xnode *n, const char *base)
{
	size_t	 i;

	switch (n->kind) {
	case XN_PATH:
		refs_path(r, n, base);
		return;
	case XN_CALL:
		r->uses |= n->fn->uses;
		if (strcmp(n->fn->name, "current") == 0 && base[0] != '\0')
			refs_add(r, base);
		break;
	default:
		break;
	}
	for (i = 0; i < n->nkids; i++)
		refs_walk(r, n->kids[i], base);
}

unsigned
xpath_refs(const struct xpath_expr *e, const char *base, xpath_ref_fn *fn,
    void *arg)
{
	struct refs	 r;
	size_t		 i;

	memset(&r, 0, sizeof(r));
	refs_walk(&r, e->root, base != NULL ? base : "");
	for (i = 0; i < r.n; i++) {
		if (fn != NULL)
			fn(arg, r.paths[i]);
		free(r.paths[i]);
	}
	free(r.paths);
	return r.uses | e->uses;
}
