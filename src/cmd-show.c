/*
 * cmd-show.c: "coopreport show ID" prints a report: as text, every
 * relevant question by section with its label and answer in the chosen
 * language; as XML, the instance exactly as it would be submitted, and
 * for a finalized report the frozen submission.xml, byte for byte.
 */
#include "common.h"

#include "cli.h"
#include "draft.h"
#include "form.h"
#include "msg.h"
#include "report.h"
#include "store.h"

enum { OPT_FORMAT };

static const struct cmd_option show_options[] = {
	{ "format", 0, CMD_ARG_ONE, N_("FORMAT"),
	  N_("text (the default) or xml, the submission") },
	{ NULL, 0, CMD_ARG_NONE, NULL, NULL }
};

static enum exit_code
cmd_show_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	const char	*format = args->opt[OPT_FORMAT].value;
	struct draft	*d;
	struct buf	 out = BUF_INIT;
	enum exit_code	 rc;
	char		*xml;
	size_t		 len;

	if (format == NULL)
		format = "text";
	if (strcmp(format, "text") != 0 && strcmp(format, "xml") != 0) {
		cli_usage_error(ctx->entry, _("--format takes 'text' or "
		    "'xml', not '%s'"), format);
		return EXIT_CODE_USAGE;
	}
	if ((rc = cli_open_report(ctx, args->argv[0], &d)) != EXIT_CODE_OK)
		return rc;
	if (strcmp(format, "xml") == 0 && d->entry->state != STORE_DRAFTS) {
		struct buf err = BUF_INIT;

		/* What was frozen, not what the form would make of it now. */
		if (store_entry_read(d->entry, DRAFT_SUBMISSION, &out,
		    &err) < 0) {
			msg_error("%s", err.s);
			rc = EXIT_CODE_ERROR;
		} else
			fwrite(out.s, 1, out.len, stdout);
		buf_release(&err);
	} else if (strcmp(format, "xml") == 0) {
		xml = report_submission(d->report, &len);
		fwrite(xml, 1, len, stdout);
		free(xml);
	} else {
		buf_addf(&out, "%s (%s %s)\n\n", form_title(d->form),
		    form_id(d->form), form_version(d->form));
		report_render_text(d->report, &out);
		fwrite(out.s, 1, out.len, stdout);
	}
	draft_free(d);
	buf_release(&out);
	return rc;
}

const struct cmd_entry cmd_show_entry = {
	.name = "show",
	.synopsis = "[--format FORMAT] ID",
	.summary = N_("show a report as text, or as the XML it submits"),
	.options = show_options,
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_NEED_STORE,
	.exec = cmd_show_exec,
};
