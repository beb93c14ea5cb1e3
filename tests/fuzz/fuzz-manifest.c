/*
 * fuzz-manifest.c: bundle_manifest_parse() on any bytes (src/bundle.c),
 * the parser that reads what a USB stick brings.  It must never crash;
 * every path it accepts must be a valid entry name and a valid file name
 * (so that a bundle cannot name a place outside itself or the store);
 * and whatever it accepts must serialise to bytes that parse back to the
 * same manifest, and serialise again to the same bytes.
 */
#include "common.h"

#include "bundle.h"
#include "store.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct bundle_manifest	 m, again;
	struct buf		 err = BUF_INIT, one = BUF_INIT, two = BUF_INIT;
	size_t			 i;

	if (bundle_manifest_parse((const char *)data, len, "fuzz", &m,
	    &err) == 0) {
		for (i = 0; i < m.n; i++)
			if (!store_entry_name_ok(m.v[i].entry) ||
			    !store_entry_file_name_ok(m.v[i].name) ||
			    strchr(m.v[i].name, '/') != NULL ||
			    strstr(m.v[i].name, "..") == m.v[i].name ||
			    strlen(m.v[i].sha256) != 64)
				abort();
		bundle_manifest_serialize(&m, &one);
		if (bundle_manifest_parse(one.s, one.len, "again", &again,
		    &err) != 0 || again.n != m.n)
			abort();
		bundle_manifest_serialize(&again, &two);
		if (one.len != two.len || memcmp(one.s, two.s, one.len) != 0)
			abort();
		bundle_manifest_release(&again);
	} else if (err.len == 0 || m.n != 0)
		abort();	/* a failure says why and keeps nothing */
	bundle_manifest_release(&m);
	buf_release(&err);
	buf_release(&one);
	buf_release(&two);
	return 0;
}
