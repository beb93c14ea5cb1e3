/*
 * bundle.h: finalized reports carried on a USB stick from a machine
 * without a connection to one with it ("sneakernet", issue #4).
 *
 * Purpose: a bundle is a directory holding, for each report, a folder
 * named as its store entry (<unix-time>.<uuid>) with the entry's files
 * (envelope, history, submission.xml, instance.xml and the attachments
 * the envelope names), and a manifest, MANIFEST, that lists every file
 * with its SHA-256:
 *
 *	coopreport-bundle 1
 *	9f86d081...  1795311000.0f8fad5b-d9cb-469f-a165-70867728950e/envelope
 *
 * After the first line the manifest is what sha256sum(1) writes, so that
 * "tail -n +2 MANIFEST | sha256sum -c" checks a bundle by hand.  The
 * lines are sorted; each path is ENTRY/FILE, where ENTRY is a valid
 * entry name and FILE a valid file name of an entry (no '/', no leading
 * '.', so no ".."), and so a bundle cannot name a place outside itself or
 * outside the store.
 *
 * bundle_export() writes the files and then the manifest, which is the
 * commit point: a crash before it leaves files that no manifest lists,
 * which a rerun writes again (a folder that holds only report folders is
 * taken for what an interrupted export left).  A directory that already holds a bundle
 * is added to: reports already in it stay listed.  bundle_import()
 * checks everything first (every file listed is there, is a plain file,
 * and has its hash; every report's envelope, history chain and anchor,
 * and the hash of its submission.xml that the envelope records), then
 * creates each report in outbox/ under the same entry name with the same
 * submission.xml, adding "import-bundle" to its history.  A report whose
 * id is already in the store is "already in the store" when its
 * submission.xml is the same, and refused when it is not.
 *
 * Calling sequence: bundle_export(store, dir, entries, n, &err);
 * bundle_import(store, dir, &items, &nitems, &err) and
 * bundle_items_free(); bundle_manifest_parse() and
 * bundle_manifest_serialize() are the format alone (and the fuzz
 * target's subject).
 *
 * Error handling: 0, or a negative enum store_status with one line in
 * err that names the file.  Both are all or nothing: a failed export
 * leaves the directory as it was, and a failed import removes again the
 * reports it had added.
 *
 * Ownership: the caller's; a manifest owns its strings until
 * bundle_manifest_release().
 */
#ifndef BUNDLE_H
#define BUNDLE_H

#include "history.h"

#define BUNDLE_MANIFEST		"MANIFEST"
#define BUNDLE_MAGIC		"coopreport-bundle 1"
#define BUNDLE_MANIFEST_MAX	(4 * 1024 * 1024)

struct store;
struct store_entry;

struct bundle_file {
	char		*entry;		/* the entry's name */
	char		*name;		/* the file's name */
	char		 sha256[HISTORY_HASH_LEN + 1];
};

struct bundle_manifest {
	struct bundle_file *v;
	size_t		 n;
};

/* One report of an import, for the caller to tell about. */
struct bundle_item {
	char		*entry;
	char		*form_id;
	char		*period;
	int		 already;	/* it was in the store already */
};

int	 bundle_manifest_parse(const char *, size_t, const char *,
	    struct bundle_manifest *, struct buf *);
void	 bundle_manifest_serialize(const struct bundle_manifest *,
	    struct buf *);
void	 bundle_manifest_release(struct bundle_manifest *);

int	 bundle_export(struct store *, const char *,
	    struct store_entry *const *, size_t, struct buf *);
int	 bundle_import(struct store *, const char *, struct bundle_item **,
	    size_t *, struct buf *);
void	 bundle_items_free(struct bundle_item *, size_t);

#endif /* BUNDLE_H */
