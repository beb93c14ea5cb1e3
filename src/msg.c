/*
 * msg.c: the single writer of diagnostics to stderr, with verbosity.
 */
#include "common.h"

#include "msg.h"

/* -1 quiet, 0 normal, 1 verbose (-v), 2 debug (-vv) */
static int msg_level;

void
msg_set_verbosity(int level)
{
	msg_level = level;
}

int
msg_verbosity(void)
{
	return msg_level;
}

static void ATTR_PRINTFLIKE(2, 0)
msg_vprint(const char *prefix, const char *fmt, va_list ap)
{
	/* Whatever went to stdout comes first, as the user saw it happen. */
	fflush(stdout);
	fputs(prefix, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
msg_error(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	msg_vprint("error: ", fmt, ap);
	va_end(ap);
}

void
msg_warning(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	msg_vprint("warning: ", fmt, ap);
	va_end(ap);
}

void
msg_info(const char *fmt, ...)
{
	va_list	 ap;

	if (msg_level < 0)
		return;
	va_start(ap, fmt);
	msg_vprint("", fmt, ap);
	va_end(ap);
}

void
msg_verbose(const char *fmt, ...)
{
	va_list	 ap;

	if (msg_level < 1)
		return;
	va_start(ap, fmt);
	msg_vprint("", fmt, ap);
	va_end(ap);
}

void
msg_debug(const char *fmt, ...)
{
	va_list	 ap;

	if (msg_level < 2)
		return;
	va_start(ap, fmt);
	msg_vprint("debug: ", fmt, ap);
	va_end(ap);
}

void
msg_fatal(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	msg_vprint("fatal: ", fmt, ap);
	va_end(ap);
	exit(EXIT_CODE_ERROR);
}

static void
print_lines(const char *prefix, const char *lines)
{
	const char	*s = lines, *nl;

	fflush(stdout);
	while (*s != '\0') {
		if ((nl = strchr(s, '\n')) == NULL)
			nl = s + strlen(s);
		fprintf(stderr, "%s%.*s\n", prefix, (int)(nl - s), s);
		s = *nl == '\0' ? nl : nl + 1;
	}
}

void
msg_error_lines(const char *lines)
{
	print_lines("error: ", lines);
}

void
msg_warning_lines(const char *lines)
{
	print_lines("warning: ", lines);
}
