/*
 * test-envelope.c: the envelope of a store entry (src/envelope.c):
 * round trips, typed values, escaping, validation and every parse error.
 */
#include "common.h"

#include "envelope.h"

#include "../tap.h"

/* Parse errors: input, and what the message must contain. */
static const struct {
	const char	*input;
	const char	*want;
} bad[] = {
	{ "", "'e' at line 1: the file is empty" },
	{ "form-id: x\nversion: 1\n", "line 1: the first line must be" },
	{ "version: 2\nform-id: x\n", "line 1: unknown version '2'" },
	{ "version:1.0\n", "line 1: unknown version '1.0'" },
	{ "version: 1\nform-id: a\nform-id: b\n",
	  "line 3: the key 'form-id' appears twice" },
	{ "version: 1\nversion: 1\n", "line 2: the key 'version' appears" },
	{ "version: 1\nform-id: a", "line 2: the last line is cut short" },
	{ "version: 1\nnot a line\n", "line 2: the line is not 'key: value'" },
	{ "version: 1\nForm-Id: x\n", "line 2: 'Form-Id' is not a valid key" },
	{ "version: 1\n-x: y\n", "line 2: '-x' is not a valid key" },
	{ "version: 1\n: y\n", "line 2: '' is not a valid key" },
	{ "version: 1\nperiod: a\\qb\n", "line 2: the value of 'period' has" },
	{ "version: 1\nperiod: a\\\n", "line 2: the value of 'period' has" },
	{ "version: 1\nperiod: \\x4\n", "line 2: the value of 'period' has" },
	{ "version: 1\nperiod: \\x41\n", "line 2: the value of 'period' has" },
	{ "version: 1\nperiod: \\x00\n", "line 2: the value of 'period' has" },
	{ "version: 1\nperiod: \\x0A\n", "line 2: the value of 'period' has" },
	{ "version: 1\nperiod: a\tb\n", "line 2: the value of 'period' has" },
	{ "version: 1\r\nform-id: x\n", "line 1: the value of 'version' has" },
	{ "version: 1\nform-id: x\r\n", "line 2: the value of 'form-id' has" },
	{ "version: 1\nk\0ey: x\n", "line 2: 'k' is not a valid key" },
};

/* Validation: an envelope body after "version: 1\n", and the reason. */
static const struct {
	const char	*body;
	const char	*reason;	/* NULL: valid */
} checks[] = {
	{ "form-id: a\ncreated: 2026-11-22T01:30:00Z\n", NULL },
	{ "created: 2026-11-22T01:30:00Z\n", "the key 'form-id' is missing" },
	{ "form-id: a\n", "the key 'created' is missing" },
	{ "form-id:\ncreated: 2026-11-22T01:30:00Z\n",
	  "the value '' of 'form-id' is not valid" },
	{ "form-id: a\ncreated: 2026-02-30T01:30:00Z\n",
	  "the value '2026-02-30T01:30:00Z' of 'created' is not valid" },
	{ "form-id: a\ncreated: 2026-11-22 01:30:00\n",
	  "the value '2026-11-22 01:30:00' of 'created' is not valid" },
	{ "form-id: a\ncreated: 2026-11-22T01:30:00Z\nattempts: -1\n",
	  "the value '-1' of 'attempts' is not valid" },
	{ "form-id: a\ncreated: 2026-11-22T01:30:00Z\nattempts: 01\n",
	  "the value '01' of 'attempts' is not valid" },
	{ "form-id: a\ncreated: 2026-11-22T01:30:00Z\nnext-try: soon\n",
	  "the value 'soon' of 'next-try' is not valid" },
	{ "form-id: a\ncreated: 2026-11-22T01:30:00Z\ninstance-id: 42\n",
	  "the value '42' of 'instance-id' is not valid" },
	{ "form-id: a\ncreated: 2026-11-22T01:30:00Z\ninstance-id: "
	  "uuid:0f8fad5b-d9cb-469f-a165-70867728950e\nattempts: 12\n"
	  "x-later: anything\n", NULL },
};

static void
test_round_trip(void)
{
	static const char text[] =
	    "version: 1\n"
	    "form-id: HTX-HD-01\n"
	    "note: Hợp tác xã \\\\ \\n \\r \\t \\x01 \\x7f\n"
	    "x-unknown: kept in place\n"
	    "empty:\n"
	    "created: 2026-11-22T01:30:00Z\n";
	struct envelope	*env = envelope_new();
	struct buf	 out = BUF_INIT, err = BUF_INIT;
	time_t		 t;
	long long	 n;

	is_int(envelope_parse(env, "e", text, strlen(text), &err), 0,
	    "a full envelope parses");
	is_str(envelope_get(env, "note"),
	    "Hợp tác xã \\ \n \r \t \x01 \x7f",
	    "escapes are undone");
	is_str(envelope_get(env, "x-unknown"), "kept in place",
	    "an unknown key is kept");
	is_str(envelope_get(env, "empty"), "", "an empty value");
	ok(envelope_get(env, "version") == NULL,
	    "version is not an ordinary key");
	envelope_serialize(env, &out);
	is_str(out.s, text, "serialising gives the same bytes back");

	envelope_set(env, "form-id", "HTX-CDS-01");
	envelope_set_int(env, "attempts", 3);
	envelope_set_time(env, "next-try", 1795311000);
	envelope_unset(env, "x-unknown");
	envelope_unset(env, "no-such-key");
	buf_reset(&out);
	envelope_serialize(env, &out);
	is_str(out.s, "version: 1\n"
	    "form-id: HTX-CDS-01\n"
	    "note: Hợp tác xã \\\\ \\n \\r \\t \\x01 \\x7f\n"
	    "empty:\n"
	    "created: 2026-11-22T01:30:00Z\n"
	    "attempts: 3\n"
	    "next-try: 2026-11-22T01:30:00Z\n",
	    "set replaces in place, adds at the end, unset removes");
	is_int(envelope_get_int(env, "attempts", &n), 1, "an integer is read");
	is_int(n, 3, "... with its value");
	is_int(envelope_get_time(env, "next-try", &t), 1, "a time is read");
	is_int((long long)t, 1795311000, "... with its value");
	is_int(envelope_get_int(env, "missing", &n), 0, "an absent integer");
	is_int(envelope_get_time(env, "missing", &t), 0, "an absent time");
	is_int(envelope_get_int(env, "form-id", &n), -1,
	    "a malformed integer");
	is_int(envelope_get_time(env, "form-id", &t), -1, "a malformed time");
	ok(envelope_validate(env) == NULL, "the result is valid");
	envelope_set_int(env, "big", -9223372036854775807LL - 1);
	is_int(envelope_get_int(env, "big", &n), 1, "the smallest integer");
	is_int(n, -9223372036854775807LL - 1, "... reads back");
	envelope_set(env, "big", "9223372036854775808");
	is_int(envelope_get_int(env, "big", &n), -1,
	    "an overflow is malformed");

	/* A reparse of what we wrote is the same envelope. */
	buf_reset(&out);
	envelope_serialize(env, &out);
	envelope_clear(env);
	is_int(envelope_parse(env, "e", out.s, out.len, &err), 0,
	    "what was written parses");
	is_str(envelope_get(env, "note"),
	    "Hợp tác xã \\ \n \r \t \x01 \x7f",
	    "and the value survived");
	envelope_free(env);
	buf_release(&out);
	buf_release(&err);
}

static void
test_errors(void)
{
	struct envelope	*env = envelope_new();
	struct buf	 err = BUF_INIT;
	size_t		 i, len;

	for (i = 0; i < nitems(bad); i++) {
		/* The one input with a NUL in it is 19 bytes long. */
		len = strcmp(bad[i].input, "version: 1\nk") == 0 ? 19 :
		    strlen(bad[i].input);
		buf_reset(&err);
		is_int(envelope_parse(env, "e", bad[i].input, len, &err), -1,
		    "refused: %s", bad[i].want);
		ok(strstr(err.s, bad[i].want) != NULL &&
		    strncmp(err.s, "damaged envelope 'e' at line ", 29) == 0,
		    "message names file and line: %s", err.s);
		is_int((long long)env->nfields, 0,
		    "nothing kept after an error");
	}
	envelope_free(env);
	buf_release(&err);
}

static void
test_validate(void)
{
	struct envelope	*env = envelope_new();
	struct buf	 text = BUF_INIT, err = BUF_INIT;
	const char	*r;
	size_t		 i;

	for (i = 0; i < nitems(checks); i++) {
		buf_reset(&text);
		buf_addf(&text, "version: 1\n%s", checks[i].body);
		if (envelope_parse(env, "e", text.s, text.len, &err) != 0) {
			ok(0, "check %zu parses: %s", i, err.s);
			continue;
		}
		r = envelope_validate(env);
		is_str(r, checks[i].reason, "validate %zu: %s", i,
		    checks[i].reason ? checks[i].reason : "valid");
	}
	envelope_free(env);
	buf_release(&text);
	buf_release(&err);
}

static void
test_helpers(void)
{
	char	 s[ENVELOPE_TIME_LEN + 1];
	time_t	 t;

	envelope_format_time(0, s);
	is_str(s, "1970-01-01T00:00:00Z", "the epoch");
	is_int(envelope_parse_time("2028-02-29T23:59:59Z", 20, &t), 0,
	    "a leap day");
	envelope_format_time(t, s);
	is_str(s, "2028-02-29T23:59:59Z", "and back");
	is_int(envelope_parse_time("2027-02-29T00:00:00Z", 20, &t), -1,
	    "not a leap year");
	is_int(envelope_parse_time("2026-11-22T24:00:00Z", 20, &t), -1,
	    "hour 24");
	is_int(envelope_parse_time("2026-11-22T01:30:00+07", 22, &t), -1,
	    "an offset is not UTC");
	/* Parsed by arithmetic: the calendar's corners, as timegm() had. */
	is_int(envelope_parse_time("2000-02-29T00:00:00Z", 20, &t), 0,
	    "2000 is a leap year");
	is_int((long)t, 951782400L, "and its leap day's seconds");
	is_int(envelope_parse_time("1900-02-29T00:00:00Z", 20, &t), -1,
	    "1900 is not");
	is_int(envelope_parse_time("1969-12-31T23:59:59Z", 20, &t), 0,
	    "a second before the epoch");
	is_int((long)t, -1L, "is -1");
	is_int(envelope_parse_time("2026-11-22T01:30:00Z", 20, &t), 0,
	    "a time of today");
	is_int((long)t, 1795311000L, "its seconds");
	is_int(envelope_parse_time("2026-12-31T23:59:60Z", 20, &t), -1,
	    "no leap second");
	is_int(envelope_parse_time("2026-04-31T00:00:00Z", 20, &t), -1,
	    "no 31 April");
	is_int(envelope_parse_time("2026-13-01T00:00:00Z", 20, &t), -1,
	    "no month 13");
	is_int(envelope_parse_time("0999-01-01T00:00:00Z", 20, &t), -1,
	    "a year of three digits does not come back the same");
	ok(envelope_key_ok("next-try") && envelope_key_ok("a1"),
	    "valid keys");
	ok(!envelope_key_ok("") && !envelope_key_ok("1a") &&
	    !envelope_key_ok("a_b") && !envelope_key_ok("aB"),
	    "invalid keys");
	ok(!envelope_key_ok("a123456789012345678901234567890123456789012345"
	    "6789012345678901234"), "a key longer than 64 characters");
	ok(envelope_key_ok("a123456789012345678901234567890123456789012345"
	    "678901234567890123"), "a key of 64 characters");
}

int
main(void)
{
	test_round_trip();
	test_errors();
	test_validate();
	test_helpers();
	return done_testing();
}
