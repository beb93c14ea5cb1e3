/*
 * msg.h: what the user reads on stderr.
 *
 * Only main.c and cmd-*.c call these (STYLE.md rule 6); library modules
 * report through a struct buf *err instead.  Each line gets a stable,
 * untranslated prefix ("error: ", "warning: ", "fatal: ") so that
 * scripts can match it, while the text after it is translated by the
 * caller with _().  msg_info() is hidden by --quiet; msg_verbose() is
 * shown with -v and msg_debug() with -vv.
 */
#ifndef MSG_H
#define MSG_H

void	msg_set_verbosity(int);
int	msg_verbosity(void);
void	msg_error(const char *, ...) ATTR_PRINTFLIKE(1, 2);
void	msg_warning(const char *, ...) ATTR_PRINTFLIKE(1, 2);
void	msg_info(const char *, ...) ATTR_PRINTFLIKE(1, 2);
void	msg_verbose(const char *, ...) ATTR_PRINTFLIKE(1, 2);
void	msg_debug(const char *, ...) ATTR_PRINTFLIKE(1, 2);
void	msg_fatal(const char *, ...) ATTR_PRINTFLIKE(1, 2) ATTR_NORETURN;
/* msg_error() or msg_warning() once per line of a text of lines, each
 * ending with a newline, as library modules collect them. */
void	msg_error_lines(const char *);
void	msg_warning_lines(const char *);

#endif /* MSG_H */
