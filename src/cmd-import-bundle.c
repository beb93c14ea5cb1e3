/*
 * cmd-import-bundle.c: "coopreport import-bundle DIR" puts the reports
 * of a bundle (bundle.h) into the outbox, byte for byte, after checking
 * every file against the manifest: a changed or missing file is refused
 * by name and nothing is imported.  A report already in the store is
 * said to be so, which makes importing the same bundle twice harmless.
 */
#include "common.h"

#include "bundle.h"
#include "cli.h"
#include "msg.h"
#include "store.h"

static enum exit_code
cmd_import_bundle_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct bundle_item	*items;
	struct buf		 err = BUF_INIT, what = BUF_INIT;
	char			 sid[STORE_SHORT_ID_LEN + 1];
	size_t			 n, i, added = 0;
	int			 s;

	if ((s = bundle_import(ctx->store, args->argv[0], &items, &n,
	    &err)) < 0) {
		msg_error("%s", err.s);
		buf_release(&err);
		return store_exit_code(s);
	}
	for (i = 0; i < n; i++) {
		/* The short id: the uuid's first digits, after the dot. */
		snprintf(sid, sizeof(sid), "%s", strchr(items[i].entry,
		    '.') + 1);
		buf_reset(&what);
		buf_addf(&what, "%s%s%s", items[i].form_id,
		    *items[i].period != '\0' ? " " : "", items[i].period);
		if (items[i].already)
			msg_info(_("report %s (%s) is already in the store"),
			    sid, what.s);
		else {
			msg_info(_("report %s (%s) is in the outbox"), sid,
			    what.s);
			added++;
		}
	}
	msg_info(Q_("%zu report imported from '%s'",
	    "%zu reports imported from '%s'", added), added, args->argv[0]);
	bundle_items_free(items, n);
	buf_release(&err);
	buf_release(&what);
	return EXIT_CODE_OK;
}

const struct cmd_entry cmd_import_bundle_entry = {
	.name = "import-bundle",
	.synopsis = "DIR",
	.summary = N_("put the reports of a bundle into the outbox"),
	.options = NULL,
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_LOCK_STORE,
	.exec = cmd_import_bundle_exec,
};
