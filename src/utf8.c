/*
 * utf8.c: decoding, encoding and counting UTF-8, and NFC.
 *
 * The decoder follows the Unicode Standard's table of well-formed byte
 * sequences (chapter 3, table 3-7): the second byte's range depends on
 * the first, which rules out overlong forms, surrogates and values above
 * U+10FFFF without decoding first and checking after.
 */
#include "common.h"

#include "utf8.h"

int
utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned char		 lo = 0x80, hi = 0xbf;
	uint32_t		 c;
	int			 len, i;

	if (n == 0)
		return -1;
	c = p[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c < 0xc2)
		return -1;		/* continuation, or overlong lead */
	if (c < 0xe0) {
		len = 2;
		c &= 0x1f;
	} else if (c < 0xf0) {
		len = 3;
		if (c == 0xe0)
			lo = 0xa0;	/* overlong */
		else if (c == 0xed)
			hi = 0x9f;	/* surrogates */
		c &= 0x0f;
	} else if (c < 0xf5) {
		len = 4;
		if (c == 0xf0)
			lo = 0x90;	/* overlong */
		else if (c == 0xf4)
			hi = 0x8f;	/* above U+10FFFF */
		c &= 0x07;
	} else
		return -1;
	if (n < (size_t)len)
		return -1;
	if (p[1] < lo || p[1] > hi)
		return -1;
	c = c << 6 | (p[1] & 0x3f);
	for (i = 2; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return -1;
		c = c << 6 | (p[i] & 0x3f);
	}
	*cp = c;
	return len;
}

int
utf8_encode(uint32_t c, char out[4])
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		if (c >= 0xd800 && c <= 0xdfff)
			return 0;
		out[0] = (char)(0xe0 | c >> 12);
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	if (c <= 0x10ffff) {
		out[0] = (char)(0xf0 | c >> 18);
		out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[3] = (char)(0x80 | (c & 0x3f));
		return 4;
	}
	return 0;
}

/* True when the 8 bytes at p are all ASCII. */
static inline bool
utf8_ascii8(const char *p)
{
	uint64_t	 w;

	memcpy(&w, p, sizeof(w));
	return (w & 0x8080808080808080ULL) == 0;
}

/* The length of the character at s, counting an invalid byte as one. */
static inline size_t
utf8_step(const char *s, size_t n)
{
	uint32_t	 c;
	int		 len;

	if ((unsigned char)*s < 0x80)
		return 1;
	len = utf8_decode(s, n, &c);
	return len < 0 ? 1 : (size_t)len;
}

bool
utf8_valid(const char *s, size_t n)
{
	uint32_t	 c;
	size_t		 i = 0;
	int		 len;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			while (n - i >= 8 && utf8_ascii8(s + i))
				i += 8;
			continue;
		}
		if ((len = utf8_decode(s + i, n - i, &c)) < 0)
			return false;
		i += (size_t)len;
	}
	return true;
}

size_t
utf8_length(const char *s, size_t n)
{
	size_t	 i = 0, count = 0;

	while (i < n) {
		i += utf8_step(s + i, n - i);
		count++;
	}
	return count;
}

size_t
utf8_offset(const char *s, size_t n, size_t idx)
{
	size_t	 i = 0;

	while (i < n && idx > 0) {
		i += utf8_step(s + i, n - i);
		idx--;
	}
	return i;
}

/* --- NFC ------------------------------------------------------------------
 *
 * The text is cut into segments that normalise independently: a segment
 * starts at a code point with NFC_BOUNDARY (nothing before it can combine
 * with it or be reordered past it), at an invalid byte (copied as it is,
 * and blocking like a starter) or at the start.  A scan with the quick
 * check of UAX #15 finds the segments that may change; everything else
 * is copied, so text already in NFC costs one pass and one copy.  A
 * segment that may change is decoded into code points, decomposed,
 * reordered by combining class and recomposed.
 */

struct nfc_props {
	uint8_t		 ccc;		/* canonical combining class */
	uint8_t		 flags;		/* NFC_QC_NO, NFC_QC_MAYBE, ... */
	uint8_t		 ndecomp;	/* code points in nfc_decomp[] */
	uint8_t		 ncomp;		/* pairs in nfc_comp[] */
	uint16_t	 decomp;	/* full canonical decomposition */
	uint16_t	 comp;		/* pairs with this as the first */
};

#define NFC_QC_NO	1	/* never in NFC text */
#define NFC_QC_MAYBE	2	/* may combine with what precedes it */
#define NFC_BOUNDARY	4	/* a segment may start here */

struct nfc_pair {
	uint32_t	 second;
	uint32_t	 composite;
};

#include "utf8-tables.h"

/* Hangul syllables, composed and decomposed by arithmetic (Unicode
 * chapter 3.12). */
#define HANGUL_S	0xac00
#define HANGUL_L	0x1100
#define HANGUL_V	0x1161
#define HANGUL_T	0x11a7
#define HANGUL_LN	19
#define HANGUL_VN	21
#define HANGUL_TN	28
#define HANGUL_N	(HANGUL_LN * HANGUL_VN * HANGUL_TN)

/*
 * In a segment, each code point carries its combining class in the top
 * byte, so that reordering and composition need no second lookup.
 */
#define CP_MASK		0x1fffff
#define CP_CCC(x)	((x) >> 24)

#define NFC_STACK	32	/* code points of a segment without malloc */
#define NFC_SHORT_RUN	8	/* longer runs of marks are counting-sorted */

struct nfc_seg {
	uint32_t	*v;
	size_t		 len;
	size_t		 cap;
	uint32_t	 stack[NFC_STACK];
};

enum nfc_qc {
	NFC_YES,
	NFC_MAYBE,
	NFC_NO,
};

static inline const struct nfc_props *
nfc_props(uint32_t c)
{
	if (c >= NFC_LIMIT)
		return &nfc_props_table[0];
	return &nfc_props_table[nfc_stage2[(size_t)nfc_stage1[c >> NFC_SHIFT]
	    << NFC_SHIFT | (c & ((1u << NFC_SHIFT) - 1))]];
}

static void
nfc_seg_init(struct nfc_seg *g)
{
	g->v = g->stack;
	g->len = 0;
	g->cap = NFC_STACK;
}

static void
nfc_seg_release(struct nfc_seg *g)
{
	if (g->v != g->stack)
		free(g->v);
	nfc_seg_init(g);
}

static void
nfc_push(struct nfc_seg *g, uint32_t x)
{
	if (g->len == g->cap) {
		if (g->v == g->stack) {
			g->v = xreallocarray(NULL, 2 * g->cap, sizeof(*g->v));
			memcpy(g->v, g->stack, sizeof(g->stack));
		} else
			g->v = xreallocarray(g->v, 2 * g->cap, sizeof(*g->v));
		g->cap *= 2;
	}
	g->v[g->len++] = x;
}

/* Appends the full canonical decomposition of c, with the classes. */
static void
nfc_push_decomposed(struct nfc_seg *g, uint32_t c)
{
	const struct nfc_props	*p;
	uint32_t		 s, d;
	size_t			 i;

	if (c - HANGUL_S < HANGUL_N) {
		s = c - HANGUL_S;
		nfc_push(g, HANGUL_L + s / (HANGUL_VN * HANGUL_TN));
		nfc_push(g, HANGUL_V + s % (HANGUL_VN * HANGUL_TN) / HANGUL_TN);
		if (s % HANGUL_TN != 0)
			nfc_push(g, HANGUL_T + s % HANGUL_TN);
		return;
	}
	p = nfc_props(c);
	if (p->ndecomp == 0) {
		nfc_push(g, c | (uint32_t)p->ccc << 24);
		return;
	}
	for (i = 0; i < p->ndecomp; i++) {
		d = nfc_decomp[p->decomp + i];
		nfc_push(g, d | (uint32_t)nfc_props(d)->ccc << 24);
	}
}

/*
 * Sorts v[0..n), a run of non-starters, by combining class, keeping the
 * order of equal classes: insertion for the usual few marks, counting
 * for a long run, so that no input makes this quadratic.
 */
static void
nfc_sort_run(uint32_t *v, size_t n)
{
	size_t		 count[256], i, j, at;
	uint32_t	 x, *tmp, stack[NFC_STACK];

	if (n <= NFC_SHORT_RUN) {
		for (i = 1; i < n; i++) {
			x = v[i];
			for (j = i; j > 0 && CP_CCC(v[j - 1]) > CP_CCC(x); j--)
				v[j] = v[j - 1];
			v[j] = x;
		}
		return;
	}
	memset(count, 0, sizeof(count));
	for (i = 0; i < n; i++)
		count[CP_CCC(v[i])]++;
	for (i = 0, at = 0; i < 256; i++) {
		j = count[i];
		count[i] = at;
		at += j;
	}
	tmp = n <= NFC_STACK ? stack : xreallocarray(NULL, n, sizeof(*tmp));
	for (i = 0; i < n; i++)
		tmp[count[CP_CCC(v[i])]++] = v[i];
	memcpy(v, tmp, n * sizeof(*v));
	if (tmp != stack)
		free(tmp);
}

/* The canonical ordering algorithm: each run of non-starters sorted. */
static void
nfc_reorder(struct nfc_seg *g)
{
	size_t	 i = 0, run;

	while (i < g->len) {
		if (CP_CCC(g->v[i]) == 0) {
			i++;
			continue;
		}
		for (run = i + 1; run < g->len && CP_CCC(g->v[run]) != 0;)
			run++;
		if (run - i > 1)
			nfc_sort_run(g->v + i, run - i);
		i = run;
	}
}

/* The primary composite of a and b, or 0 when there is none. */
static uint32_t
nfc_compose_pair(uint32_t a, uint32_t b)
{
	const struct nfc_props	*p;
	const struct nfc_pair	*q, *end;

	if (a - HANGUL_L < HANGUL_LN && b - HANGUL_V < HANGUL_VN)
		return HANGUL_S + ((a - HANGUL_L) * HANGUL_VN +
		    (b - HANGUL_V)) * HANGUL_TN;
	if (a - HANGUL_S < HANGUL_N && (a - HANGUL_S) % HANGUL_TN == 0 &&
	    b - HANGUL_T - 1 < HANGUL_TN - 1)
		return a + (b - HANGUL_T);
	p = nfc_props(a);
	end = nfc_comp + p->comp + p->ncomp;
	for (q = nfc_comp + p->comp; q < end && q->second <= b; q++)
		if (q->second == b)
			return q->composite;
	return 0;
}

/*
 * The canonical composition algorithm: each code point combines with the
 * last starter unless something between blocks it (a starter, or a mark
 * of the same or a higher class).  A segment that does not begin with a
 * starter composes nothing until one comes.
 */
static void
nfc_compose(struct nfc_seg *g)
{
	uint32_t	*v = g->v, x, comp;
	size_t		 i, out, starter = 0;
	unsigned	 last, cc;

	if (g->len == 0)
		return;
	last = CP_CCC(v[0]) == 0 ? 0 : 256;
	for (i = out = 1; i < g->len; i++) {
		x = v[i];
		cc = CP_CCC(x);
		if ((last < cc || last == 0) && (comp = nfc_compose_pair(
		    v[starter] & CP_MASK, x & CP_MASK)) != 0) {
			v[starter] = comp;	/* composites are starters */
			continue;
		}
		if (cc == 0)
			starter = out;
		last = cc;
		v[out++] = x;
	}
	g->len = out;
}

/* The NFC of the n bytes at s, valid UTF-8 all through, into g. */
static void
nfc_segment(const char *s, size_t n, struct nfc_seg *g)
{
	uint32_t	 c;
	size_t		 i;
	int		 len;

	g->len = 0;
	for (i = 0; i < n; i += (size_t)len) {
		len = utf8_decode(s + i, n - i, &c);
		nfc_push_decomposed(g, c);
	}
	nfc_reorder(g);
	nfc_compose(g);
}

/*
 * Finds the first segment from byte from on that the quick check does not
 * pass, sets [*start, *end) to it and returns NFC_MAYBE or NFC_NO; or
 * returns NFC_YES when there is none.
 */
static enum nfc_qc
nfc_suspect(const char *s, size_t n, size_t from, size_t *start,
    size_t *end)
{
	const struct nfc_props	*p;
	enum nfc_qc		 qc = NFC_YES;
	uint32_t		 c;
	unsigned		 last = 0;
	size_t			 i = from, seg = from;
	int			 len;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			/* ASCII: a boundary, quick check Yes, class 0; runs
			 * of it are skipped eight bytes at a time. */
			if (qc != NFC_YES)
				break;
			while (n - i > 8 && utf8_ascii8(s + i + 1))
				i += 8;
			while (i + 1 < n && (unsigned char)s[i + 1] < 0x80)
				i++;
			last = 0;
			seg = i++;
			continue;
		}
		if ((len = utf8_decode(s + i, n - i, &c)) < 0) {
			/* An invalid byte is a segment of its own. */
			if (qc != NFC_YES)
				break;
			last = 0;
			seg = ++i;
			continue;
		}
		p = nfc_props(c);
		if (p->flags & NFC_BOUNDARY) {
			if (qc != NFC_YES)
				break;
			seg = i;
		}
		if ((p->flags & NFC_QC_NO) || (p->ccc != 0 && last > p->ccc))
			qc = NFC_NO;
		else if ((p->flags & NFC_QC_MAYBE) && qc == NFC_YES)
			qc = NFC_MAYBE;
		last = p->ccc;
		i += (size_t)len;
	}
	*start = seg;
	*end = i;
	return qc;
}

/* Appends the code points of g to out as UTF-8. */
static void
nfc_seg_encode(const struct nfc_seg *g, struct buf *out)
{
	size_t	 i;

	buf_grow(out, 4 * g->len);
	for (i = 0; i < g->len; i++)
		out->len += (size_t)utf8_encode(g->v[i] & CP_MASK,
		    out->s + out->len);
	out->s[out->len] = '\0';
}

/* Appends the NFC of s to out, given the first suspect segment. */
static void
nfc_append_from(struct buf *out, const char *s, size_t n, size_t start,
    size_t end)
{
	struct nfc_seg	 g;
	size_t		 pos = 0;

	nfc_seg_init(&g);
	do {
		buf_add(out, s + pos, start - pos);
		nfc_segment(s + start, end - start, &g);
		nfc_seg_encode(&g, out);
		pos = end;
	} while (nfc_suspect(s, n, pos, &start, &end) != NFC_YES);
	buf_add(out, s + pos, n - pos);
	nfc_seg_release(&g);
}

char *
utf8_nfc(const char *s, size_t n)
{
	struct buf	 out = BUF_INIT;
	size_t		 start, end;
	char		*copy;

	if (nfc_suspect(s, n, 0, &start, &end) == NFC_YES) {
		copy = xmalloc(n + 1);
		memcpy(copy, s, n);
		copy[n] = '\0';
		return copy;
	}
	buf_grow(&out, n);
	nfc_append_from(&out, s, n, start, end);
	return buf_detach(&out, NULL);
}

void
utf8_nfc_append(struct buf *out, const char *s, size_t n)
{
	size_t	 start, end;

	if (nfc_suspect(s, n, 0, &start, &end) == NFC_YES)
		buf_add(out, s, n);
	else
		nfc_append_from(out, s, n, start, end);
}

bool
utf8_is_nfc(const char *s, size_t n)
{
	struct nfc_seg	 g;
	enum nfc_qc	 qc;
	uint32_t	 c;
	size_t		 pos = 0, start, end, i, k;
	bool		 same = true;
	int		 len;

	nfc_seg_init(&g);
	while (same && (qc = nfc_suspect(s, n, pos, &start, &end)) != NFC_YES) {
		if (qc == NFC_NO) {
			same = false;
			break;
		}
		/* Maybe: normalise the segment and compare. */
		nfc_segment(s + start, end - start, &g);
		for (i = start, k = 0; i < end; i += (size_t)len, k++) {
			len = utf8_decode(s + i, end - i, &c);
			if (k == g.len || (g.v[k] & CP_MASK) != c) {
				same = false;
				break;
			}
		}
		if (k != g.len)
			same = false;
		pos = end;
	}
	nfc_seg_release(&g);
	return same;
}

const char *
utf8_unicode_version(void)
{
	return NFC_UNICODE_VERSION;
}
