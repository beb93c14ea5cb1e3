/*
 * test-bundle.c: the manifest of a bundle (src/bundle.c): what it
 * accepts, what it refuses (a path that could leave the bundle or the
 * store, a bad hash, a file listed twice, a cut line), and that what it
 * writes reads back, sorted, as sha256sum writes it.
 */
#include "common.h"

#include "bundle.h"

#include "../tap.h"

#define H1	"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
#define H2	"60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752"
#define E1	"1795311000.0f8fad5b-d9cb-469f-a165-70867728950e"
#define E2	"1795311001.1f8fad5b-d9cb-469f-a165-70867728950e"

static int
parse(const char *text, struct bundle_manifest *m, struct buf *err)
{
	buf_reset(err);
	return bundle_manifest_parse(text, strlen(text), "MANIFEST", m, err);
}

static void
refused(const char *text, const char *why, const char *what)
{
	struct bundle_manifest	 m;
	struct buf		 err = BUF_INIT;

	is_int(parse(text, &m, &err), -1, "refused: %s", what);
	ok(strstr(err.s, why) != NULL && strstr(err.s, "MANIFEST") != NULL,
	    "... naming the file and why: %s", err.s);
	is_int((long long)m.n, 0, "... and nothing is kept");
	buf_release(&err);
}

int
main(void)
{
	struct bundle_manifest	 m;
	struct buf		 err = BUF_INIT, out = BUF_INIT;
	const char		*good = BUNDLE_MAGIC "\n"
	    H2 "  " E2 "/submission.xml\n"
	    H1 "  " E1 "/envelope\n"
	    H2 "  " E1 "/biên bản.pdf\n";

	is_int(parse(good, &m, &err), 0, "a manifest reads (%s)", err.s);
	is_int((long long)m.n, 3, "three files");
	is_str(m.v[0].entry, E2, "the entry of a line");
	is_str(m.v[0].name, "submission.xml", "its file");
	is_str(m.v[0].sha256, H2, "its hash");
	is_str(m.v[2].name, "biên bản.pdf", "a name with spaces and UTF-8");
	bundle_manifest_serialize(&m, &out);
	is_str(out.s, BUNDLE_MAGIC "\n"
	    H2 "  " E1 "/biên bản.pdf\n"
	    H1 "  " E1 "/envelope\n"
	    H2 "  " E2 "/submission.xml\n",
	    "written back sorted by report and file");
	bundle_manifest_release(&m);
	is_int(parse(BUNDLE_MAGIC "\n", &m, &err), 0, "an empty manifest reads");
	is_int((long long)m.n, 0, "with no file");
	bundle_manifest_release(&m);

	refused("", "the first line is not", "an empty file");
	refused("coopreport-bundle 2\n", "the first line is not",
	    "another version");
	refused(BUNDLE_MAGIC "\n" H1 "  " E1 "/envelope", "cut short",
	    "a last line without its newline");
	refused(BUNDLE_MAGIC "\n" H1 " " E1 "/envelope\n", "not 'SHA256  "
	    "ENTRY/FILE'", "one space");
	refused(BUNDLE_MAGIC "\n9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B"
	    "822CD15D6C15B0F00A08  " E1 "/envelope\n", "not 'SHA256",
	    "an upper-case hash");
	refused(BUNDLE_MAGIC "\n" H1 "  " E1 "/../../etc/passwd\n",
	    "the path is not", "a path that climbs out");
	refused(BUNDLE_MAGIC "\n" H1 "  /etc/passwd\n", "the path is not",
	    "an absolute path");
	refused(BUNDLE_MAGIC "\n" H1 "  " E1 "/.hidden\n", "the path is not",
	    "a file name with a leading dot");
	refused(BUNDLE_MAGIC "\n" H1 "  " E1 "/a\\b\n", "the path is not",
	    "a backslash, which sha256sum would escape");
	refused(BUNDLE_MAGIC "\n" H1 "  ../" E1 "/envelope\n",
	    "the path is not", "an entry that is not an entry name");
	refused(BUNDLE_MAGIC "\n" H1 "  " E1 "\n", "the path is not",
	    "a report without a file");
	refused(BUNDLE_MAGIC "\n" H1 "  " E1 "/envelope\n" H2 "  " E1
	    "/envelope\n", "listed twice", "a file listed twice");
	{
		static const char nul[] = BUNDLE_MAGIC "\n" H1 "  " E1
		    "/env\0elope\n";

		is_int(bundle_manifest_parse(nul, sizeof(nul) - 1, "MANIFEST",
		    &m, &err), -1, "a NUL byte in a line is refused");
	}
	buf_release(&err);
	buf_release(&out);
	return done_testing();
}
