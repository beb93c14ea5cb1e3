/*
 * xmalloc.h: allocation that never returns NULL.
 *
 * Out of memory is not an error path in coopreport (STYLE.md rule 10):
 * each function here prints "fatal: out of memory" and aborts when the
 * allocator fails.  xreallocarray() and xcalloc() also abort when the
 * size computation would overflow.  Everything returned is the caller's
 * to free().
 */
#ifndef XMALLOC_H
#define XMALLOC_H

#include <stddef.h>

void	*xmalloc(size_t) ATTR_MALLOC;
void	*xcalloc(size_t, size_t) ATTR_MALLOC;
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *) ATTR_MALLOC;
char	*xstrndup(const char *, size_t) ATTR_MALLOC;
void	*xmemdup(const void *, size_t) ATTR_MALLOC;
int	 xasprintf(char **, const char *, ...) ATTR_PRINTFLIKE(2, 3);
int	 xvasprintf(char **, const char *, va_list) ATTR_PRINTFLIKE(2, 0);
void	 oom(void) ATTR_NORETURN;

#endif /* XMALLOC_H */
