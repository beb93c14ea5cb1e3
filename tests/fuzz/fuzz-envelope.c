/*
 * fuzz-envelope.c: envelope_parse() on any bytes (src/envelope.c).  It
 * must never crash, and whatever it accepts must serialise to bytes that
 * parse back to the same envelope: serialise, parse, serialise again,
 * and the two serialisations are identical.
 */
#include "common.h"

#include "envelope.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct envelope	*env = envelope_new(), *again = envelope_new();
	struct buf	 err = BUF_INIT, one = BUF_INIT, two = BUF_INIT;
	long long	 n;
	time_t		 t;

	if (envelope_parse(env, "fuzz", (const char *)data, len, &err) == 0) {
		(void)envelope_validate(env);
		(void)envelope_get_int(env, "attempts", &n);
		(void)envelope_get_time(env, "created", &t);
		envelope_serialize(env, &one);
		if (envelope_parse(again, "again", one.s, one.len, &err) != 0)
			abort();
		envelope_serialize(again, &two);
		if (one.len != two.len || memcmp(one.s, two.s, one.len) != 0)
			abort();
		if (again->nfields != env->nfields)
			abort();
	} else if (err.len == 0 || env->nfields != 0)
		abort();	/* a failure says why and leaves it empty */
	envelope_free(env);
	envelope_free(again);
	buf_release(&err);
	buf_release(&one);
	buf_release(&two);
	return 0;
}
