/*
 * uuid.c: random bytes from the kernel and RFC 4122 version 4 UUIDs.
 *
 * getrandom() blocks only until the kernel's pool is first seeded, which
 * on a booted laptop has long happened.  A failure here means the system
 * is broken, not the user's input, so it aborts like out-of-memory: an
 * instanceID must never be guessable or repeated.
 */
#include "common.h"

#include <fcntl.h>
#include <unistd.h>
#ifdef HAVE_GETRANDOM
#include <sys/random.h>
#endif

#include "digest.h"
#include "uuid.h"

static void ATTR_NORETURN
random_fail(int e)
{
	/* Untranslated, like oom(): this is not a user's mistake. */
	fflush(stdout);
	fprintf(stderr, "fatal: cannot read random bytes: %s\n", strerror(e));
	abort();
}

#ifdef HAVE_GETRANDOM
void
random_bytes(void *out, size_t n)
{
	unsigned char	*p = out;
	ssize_t		 r;

	while (n > 0) {
		/* At most 256 bytes per call are never cut short. */
		r = getrandom(p, n > 256 ? 256 : n, 0);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			random_fail(errno);
		}
		p += r;
		n -= (size_t)r;
	}
}
#else
void
random_bytes(void *out, size_t n)
{
	unsigned char	*p = out;
	ssize_t		 r;
	int		 fd;

	if ((fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC)) == -1)
		random_fail(errno);
	while (n > 0) {
		if ((r = read(fd, p, n)) <= 0) {
			if (r < 0 && errno == EINTR)
				continue;
			random_fail(r < 0 ? errno : EIO);
		}
		p += r;
		n -= (size_t)r;
	}
	close(fd);
}
#endif

void
uuid_v4(char out[UUID_STRLEN + 1])
{
	unsigned char	 u[16];
	char		 hex[33];

	random_bytes(u, sizeof(u));
	u[6] = (u[6] & 0x0f) | 0x40;	/* version 4 */
	u[8] = (u[8] & 0x3f) | 0x80;	/* variant 10xx */
	digest_to_hex(u, sizeof(u), hex);
	/* 8-4-4-4-12 */
	memcpy(out, hex, 8);
	out[8] = '-';
	memcpy(out + 9, hex + 8, 4);
	out[13] = '-';
	memcpy(out + 14, hex + 12, 4);
	out[18] = '-';
	memcpy(out + 19, hex + 16, 4);
	out[23] = '-';
	memcpy(out + 24, hex + 20, 12);
	out[36] = '\0';
}
