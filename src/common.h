/*
 * common.h: the first include of every .c file in coopreport.
 *
 * It pulls in <config.h>, the system headers that nearly every module
 * uses, the attribute macros, translation (i18n.h), the allocation
 * wrappers (xmalloc.h) and the string buffer (buf.h), so that each file
 * starts from the same ground.
 */
#ifndef COMMON_H
#define COMMON_H

#include <config.h>

#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ATTR_PRINTFLIKE(f, a)	__attribute__((format(printf, f, a)))
#define ATTR_NORETURN		__attribute__((noreturn))
#define ATTR_UNUSED		__attribute__((unused))
#define ATTR_NONNULL		__attribute__((nonnull))
#define ATTR_MALLOC		__attribute__((malloc))
#define ATTR_WARN_UNUSED	__attribute__((warn_unused_result))

#define nitems(a)		(sizeof(a) / sizeof((a)[0]))

/*
 * Exit statuses of the coopreport program; documented in coopreport(1),
 * EXIT STATUS.  Commands return one of these from their exec function.
 */
enum exit_code {
	EXIT_CODE_OK = 0,		/* the command did what was asked */
	EXIT_CODE_ERROR = 1,		/* it failed; a message says why */
	EXIT_CODE_USAGE = 2,		/* wrong command line; see --help */
	EXIT_CODE_DATAERR = 65,		/* the server refused a report for good */
	EXIT_CODE_TEMPFAIL = 75,	/* try again later: busy, offline, disk */
	EXIT_CODE_TEST_STOP = 100,	/* stopped by COOPREPORT_TEST_STOP_AFTER */
};

#include "i18n.h"
#include "xmalloc.h"
#include "buf.h"

#endif /* COMMON_H */
