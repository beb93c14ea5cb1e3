/*
 * cmd-export.c: "coopreport export --to DIR [ID ...]" copies finalized
 * reports (by default every one in outbox/) into a bundle in DIR, with a
 * SHA-256 manifest (bundle.h), for a USB stick to carry to a machine with
 * a connection.  The store is only read.
 */
#include "common.h"

#include "bundle.h"
#include "cli.h"
#include "msg.h"
#include "store.h"

enum { OPT_TO };

static const struct cmd_option export_options[] = {
	{ "to", 0, CMD_ARG_ONE, N_("DIR"),
	  N_("the folder of the bundle, made when it is not there") },
	{ NULL, 0, CMD_ARG_NONE, NULL, NULL }
};

struct list {
	struct store_entry **v;
	size_t		 n;
};

static int
add_outbox(const struct store_entry *e, void *arg)
{
	struct list	*l = arg;

	l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = store_entry_copy(e);
	return 0;
}

static enum exit_code
cmd_export_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	const char	*dir = args->opt[OPT_TO].value;
	struct list	 l;
	struct buf	 err = BUF_INIT;
	enum exit_code	 rc = EXIT_CODE_OK;
	size_t		 i;
	int		 s = STORE_OK;

	if (dir == NULL || *dir == '\0') {
		cli_usage_error(ctx->entry, _("give the bundle's folder with "
		    "--to DIR"));
		return EXIT_CODE_USAGE;
	}
	memset(&l, 0, sizeof(l));
	if (args->argc == 0)
		s = store_walk(ctx->store, STORE_OUTBOX, add_outbox, &l, &err);
	for (i = 0; i < (size_t)args->argc && s == STORE_OK; i++) {
		l.v = xreallocarray(l.v, l.n + 1, sizeof(*l.v));
		if ((s = store_entry_find(ctx->store, args->argv[i],
		    &l.v[l.n], &err)) == STORE_OK)
			l.n++;
	}
	if (s == STORE_OK && l.n == 0) {
		msg_info("%s", _("the outbox is empty: there is nothing to "
		    "export"));
		goto out;
	}
	if (s == STORE_OK)
		s = bundle_export(ctx->store, dir, l.v, l.n, &err);
	if (s < 0) {
		msg_error("%s", err.s);
		rc = store_exit_code(s);
	} else
		msg_info(Q_("%zu report exported to '%s'",
		    "%zu reports exported to '%s'", l.n), l.n, dir);
out:
	for (i = 0; i < l.n; i++)
		store_entry_free(l.v[i]);
	free(l.v);
	buf_release(&err);
	return rc;
}

const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.synopsis = "--to DIR [ID ...]",
	.summary = N_("copy finalized reports into a bundle for a USB stick"),
	.options = export_options,
	.min_args = 0,
	.max_args = -1,
	.flags = CMD_NEED_STORE,
	.exec = cmd_export_exec,
};
