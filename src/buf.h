/*
 * buf.h: a growable byte string, always NUL-terminated.
 *
 * Calling sequence: a struct buf is embedded by value and set up with
 * BUF_INIT or buf_init(); text is appended with buf_add*(); buf_release()
 * frees the storage and leaves an empty buffer that may be used again.
 * b->s is never NULL and b->s[b->len] is always '\0'.
 *
 * Error reporting: library modules take a "struct buf *err" and, on
 * failure, put one line in it with buf_errf() (which returns -1 so that
 * "return buf_errf(err, ...);" reads naturally); a caller that adds
 * context uses buf_wrapf(), which puts "context: " in front.  err may be
 * NULL when the caller does not want the text.
 *
 * Ownership: the buffer owns b->s until buf_detach() hands it over; the
 * detached string is the caller's to free().
 */
#ifndef BUF_H
#define BUF_H

struct buf {
	char	*s;
	size_t	 len;
	size_t	 cap;		/* 0 while s points at the shared empty string */
};

extern char buf_empty[];
#define BUF_INIT	{ buf_empty, 0, 0 }

void	 buf_init(struct buf *);
void	 buf_release(struct buf *);
void	 buf_reset(struct buf *);
void	 buf_truncate(struct buf *, size_t);
void	 buf_grow(struct buf *, size_t);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, int);
void	 buf_addf(struct buf *, const char *, ...) ATTR_PRINTFLIKE(2, 3);
void	 buf_vaddf(struct buf *, const char *, va_list) ATTR_PRINTFLIKE(2, 0);
char	*buf_detach(struct buf *, size_t *);
int	 buf_errf(struct buf *, const char *, ...) ATTR_PRINTFLIKE(2, 3);
int	 buf_wrapf(struct buf *, const char *, ...) ATTR_PRINTFLIKE(2, 3);

#endif /* BUF_H */
