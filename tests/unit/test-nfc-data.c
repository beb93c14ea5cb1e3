/*
 * test-nfc-data.c: utf8_nfc() and utf8_is_nfc() (src/utf8.c) against
 * NFC data that tests/unit/gen-nfc-data.py computes with Python's
 * unicodedata: every code point, the decomposition of every
 * decomposable one, and random sequences.  Skipped without python3
 * ($PYTHON3, set by configure and exported by make check) or when its
 * Unicode version is not the one of our tables.
 */
#include "common.h"

#include "utf8.h"

#include "../tap.h"

#define MAX_FAIL_SHOWN	5

struct tally {
	const char	*what;
	size_t		 count;
	size_t		 failed;
};

static uint32_t	*changed;	/* code points whose NFC is not themselves */
static char	**changed_nfc;	/* their NFC, as UTF-8 */
static size_t	 nchanged;

/* Parses hex code points up to ';' or the end into b as UTF-8. */
static const char *
parse_cps(const char *p, struct buf *b)
{
	unsigned long	 c;
	char		 enc[4], *end;

	buf_reset(b);
	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == ';' || *p == '\n' || *p == '\0')
			return p;
		c = strtoul(p, &end, 16);
		if (end == p)
			return p;
		buf_add(b, enc, (size_t)utf8_encode((uint32_t)c, enc));
		p = end;
	}
}

static void
fail(struct tally *t, const char *line, const char *why)
{
	if (t->failed++ < MAX_FAIL_SHOWN)
		diag("%s: %s: %.*s", t->what, why, (int)strcspn(line, "\n"),
		    line);
}

/* Checks one sequence and its expected NFC. */
static void
check_seq(struct tally *t, const char *line, const struct buf *in,
    const struct buf *want)
{
	struct buf	 got = BUF_INIT;
	bool		 same;

	t->count++;
	utf8_nfc_append(&got, in->s, in->len);
	if (got.len != want->len || memcmp(got.s, want->s, got.len) != 0)
		fail(t, line, "utf8_nfc differs");
	same = in->len == want->len && memcmp(in->s, want->s, in->len) == 0;
	if (utf8_is_nfc(in->s, in->len) != same)
		fail(t, line, same ? "utf8_is_nfc says no" :
		    "utf8_is_nfc says yes");
	if (!utf8_is_nfc(want->s, want->len))
		fail(t, line, "the expected NFC is not NFC to utf8_is_nfc");
	buf_reset(&got);
	utf8_nfc_append(&got, want->s, want->len);
	if (got.len != want->len || memcmp(got.s, want->s, got.len) != 0)
		fail(t, line, "NFC of the NFC differs");
	buf_release(&got);
}

static int
cp_cmp(const void *a, const void *b)
{
	uint32_t	 x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Every scalar value alone: its NFC is itself unless listed. */
static void
check_all_code_points(void)
{
	struct tally	 t = { "every code point", 0, 0 };
	struct buf	 got = BUF_INIT;
	char		 enc[4], line[64];
	const char	*want;
	uint32_t	 c;
	size_t		 k = 0, n, wantlen;
	bool		 listed;

	for (c = 0; c <= 0x10ffff; c++) {
		if (c >= 0xd800 && c <= 0xdfff)
			continue;
		t.count++;
		n = (size_t)utf8_encode(c, enc);
		listed = k < nchanged && changed[k] == c;
		want = listed ? changed_nfc[k] : enc;
		wantlen = listed ? strlen(want) : n;
		buf_reset(&got);
		utf8_nfc_append(&got, enc, n);
		snprintf(line, sizeof(line), "U+%04X", (unsigned)c);
		if (got.len != wantlen || memcmp(got.s, want, wantlen) != 0)
			fail(&t, line, "utf8_nfc differs");
		if (utf8_is_nfc(enc, n) == listed)
			fail(&t, line, "utf8_is_nfc is wrong");
		if (listed)
			k++;
	}
	buf_release(&got);
	ok(t.failed == 0 && k == nchanged, "NFC of each of the %zu code "
	    "points (%zu change)", t.count, nchanged);
}

int
main(void)
{
	const char	*py = getenv("PYTHON3"), *top = getenv("top_srcdir");
	struct tally	 dec = { "decompositions", 0, 0 };
	struct tally	 rnd = { "random sequences", 0, 0 };
	struct buf	 in = BUF_INIT, want = BUF_INIT;
	char		*cmd, *line = NULL, version[32] = "";
	uint32_t	*order;
	size_t		 cap = 0, i;
	const char	*p;
	FILE		*f;

	if (py == NULL || *py == '\0') {
		printf("1..0 # SKIP python3 not found\n");
		return 0;
	}
	xasprintf(&cmd, "'%s' '%s/tests/unit/gen-nfc-data.py'", py,
	    top != NULL ? top : ".");
	if ((f = popen(cmd, "r")) == NULL) {
		ok(0, "run %s: %s", cmd, strerror(errno));
		free(cmd);
		return done_testing();
	}
	while (getline(&line, &cap, f) != -1) {
		p = line + 2;
		switch (line[0]) {
		case 'U':
			snprintf(version, sizeof(version), "%.*s",
			    (int)strcspn(p, "\n"), p);
			if (strcmp(version, utf8_unicode_version()) == 0)
				break;
			printf("1..0 # SKIP python3 has Unicode %s, the "
			    "tables %s\n", version, utf8_unicode_version());
			pclose(f);
			free(cmd);
			free(line);
			return 0;
		case 'S':
			changed = xreallocarray(changed, nchanged + 1,
			    sizeof(*changed));
			changed_nfc = xreallocarray(changed_nfc, nchanged + 1,
			    sizeof(*changed_nfc));
			changed[nchanged] = (uint32_t)strtoul(p, NULL, 16);
			parse_cps(strchr(p, ';') + 1, &want);
			changed_nfc[nchanged++] = xstrdup(want.s);
			break;
		case 'D':
		case 'R':
			p = parse_cps(p, &in);
			parse_cps(p + 1, &want);
			check_seq(line[0] == 'D' ? &dec : &rnd, line, &in,
			    &want);
			break;
		}
	}
	is_int(pclose(f), 0, "the generator ran to the end");
	free(cmd);
	free(line);

	is_str(version, utf8_unicode_version(),
	    "the data is for the Unicode version of the tables");
	order = xmemdup(changed, nchanged * sizeof(*changed));
	qsort(order, nchanged, sizeof(*order), cp_cmp);
	ok(nchanged > 1000 && memcmp(order, changed, nchanged *
	    sizeof(*order)) == 0, "the data lists %zu code points in order",
	    nchanged);
	free(order);
	check_all_code_points();
	ok(dec.failed == 0 && dec.count > 10000,
	    "NFC of the decompositions of all %zu decomposable code points",
	    dec.count);
	ok(rnd.failed == 0 && rnd.count > 10000,
	    "NFC of %zu random sequences", rnd.count);

	for (i = 0; i < nchanged; i++)
		free(changed_nfc[i]);
	free(changed_nfc);
	free(changed);
	buf_release(&in);
	buf_release(&want);
	return done_testing();
}
