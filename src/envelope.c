/*
 * envelope.c: parsing, checking and writing the envelope of a store
 * entry.  Parsing is strict on purpose: an envelope that does not read
 * back exactly is damage for fsck to report, not something to guess at.
 */
#include "common.h"

#include <time.h>

#include "datetime.h"
#include "envelope.h"

#define KEY_MAX		64

/* How validate() checks the keys it knows; any other key is kept as is. */
enum key_type {
	KEY_STRING,		/* any one-line text */
	KEY_NONEMPTY,		/* text that must not be empty */
	KEY_INT,		/* a decimal integer, 0 or more */
	KEY_TIME,		/* ENVELOPE_TIME_LEN, UTC */
	KEY_INSTANCE,		/* "uuid:" and a 36-character uuid */
	KEY_SHA256,		/* 64 lower-case hex digits */
};

static const struct {
	const char	*key;
	enum key_type	 type;
	int		 required;
} known_keys[] = {
	{ "form-id",		KEY_NONEMPTY,	1 },
	{ "form-version",	KEY_STRING,	0 },
	{ "period",		KEY_STRING,	0 },
	{ "created",		KEY_TIME,	1 },
	{ "state-changed",	KEY_TIME,	0 },
	{ "instance-id",	KEY_INSTANCE,	0 },
	{ "deprecated-id",	KEY_INSTANCE,	0 },
	{ "attempts",		KEY_INT,	0 },
	{ "next-try",		KEY_TIME,	0 },
	{ "last-error",		KEY_STRING,	0 },
	{ "receipt",		KEY_STRING,	0 },
	{ "updated",		KEY_TIME,	0 },
	{ "tax-code",		KEY_STRING,	0 },
	{ "history-head",	KEY_SHA256,	0 },
	{ "submission-sha256",	KEY_SHA256,	0 },
	{ "attachments",	KEY_STRING,	0 },
};

struct envelope *
envelope_new(void)
{
	struct envelope	*env = xcalloc(1, sizeof(*env));

	buf_init(&env->reason);
	return env;
}

void
envelope_clear(struct envelope *env)
{
	size_t	 i;

	for (i = 0; i < env->nfields; i++) {
		free(env->fields[i].key);
		free(env->fields[i].value);
	}
	free(env->fields);
	env->fields = NULL;
	env->nfields = 0;
}

void
envelope_free(struct envelope *env)
{
	if (env == NULL)
		return;
	envelope_clear(env);
	buf_release(&env->reason);
	free(env);
}

int
envelope_key_ok(const char *key)
{
	size_t	 i;

	if (*key < 'a' || *key > 'z')
		return 0;
	for (i = 1; key[i] != '\0'; i++)
		if (!((key[i] >= 'a' && key[i] <= 'z') ||
		    (key[i] >= '0' && key[i] <= '9') || key[i] == '-'))
			return 0;
	return i <= KEY_MAX;
}

void
envelope_escape(struct buf *out, const char *s)
{
	unsigned char	 c;

	for (; (c = (unsigned char)*s) != '\0'; s++) {
		switch (c) {
		case '\\':
			buf_adds(out, "\\\\");
			break;
		case '\n':
			buf_adds(out, "\\n");
			break;
		case '\r':
			buf_adds(out, "\\r");
			break;
		case '\t':
			buf_adds(out, "\\t");
			break;
		default:
			if (c < 0x20 || c == 0x7f)
				buf_addf(out, "\\x%02x", c);
			else
				buf_addc(out, c);
		}
	}
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/*
 * The inverse of envelope_escape(), refusing anything it would not have
 * written (raw control bytes, unknown escapes, \x00, upper-case hex), so
 * that a value reads back to the same bytes.
 */
int
envelope_unescape(struct buf *out, const char *s, size_t len)
{
	size_t		 i, run;
	unsigned char	 c;
	int		 hi, lo;

	buf_grow(out, len);
	for (i = 0; i < len; i++) {
		/* A run of plain bytes in one go ("list" reads thousands). */
		for (run = i; run < len && s[run] != '\\' &&
		    (unsigned char)s[run] >= 0x20 && s[run] != 0x7f; run++)
			;
		if (run > i) {
			buf_add(out, s + i, run - i);
			i = run - 1;
			continue;
		}
		c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f)
			return -1;
		if (++i == len)
			return -1;
		switch (s[i]) {
		case '\\':
			buf_addc(out, '\\');
			break;
		case 'n':
			buf_addc(out, '\n');
			break;
		case 'r':
			buf_addc(out, '\r');
			break;
		case 't':
			buf_addc(out, '\t');
			break;
		case 'x':
			if (len - i < 3)
				return -1;
			hi = hexval(s[i + 1]);
			lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			c = (unsigned char)(hi * 16 + lo);
			/* Only what envelope_escape() writes as \xHH. */
			if (c == 0 || !(c < 0x20 || c == 0x7f) || c == '\n' ||
			    c == '\r' || c == '\t')
				return -1;
			buf_addc(out, c);
			i += 2;
			break;
		default:
			return -1;
		}
	}
	return 0;
}

void
envelope_format_time(time_t t, char out[ENVELOPE_TIME_LEN + 1])
{
	struct tm	 tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(out, ENVELOPE_TIME_LEN + 1, "%Y-%m-%dT%H:%M:%SZ", &tm) !=
	    ENVELOPE_TIME_LEN)
		strcpy(out, "1970-01-01T00:00:00Z");
}

/* Strict: exactly YYYY-MM-DDTHH:MM:SSZ, and a date that exists. */
int
envelope_parse_time(const char *s, size_t len, time_t *out)
{
	static const char	 shape[] = "dddd-dd-ddTdd:dd:ddZ";
	long			 y, mo, d, h, mi, sec;
	size_t			 i;

	if (len != ENVELOPE_TIME_LEN)
		return -1;
	for (i = 0; i < len; i++) {
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' :
		    s[i] != shape[i])
			return -1;
	}
	/* Arithmetic, not timegm(): "list" parses one per report. */
	y = atol(s);
	mo = atol(s + 5);
	d = atol(s + 8);
	h = atol(s + 11);
	mi = atol(s + 14);
	sec = atol(s + 17);
	/* What envelope_format_time() writes back the same, and no other:
	 * no 2026-02-30, 25:00:00 or leap second; a 4-digit year. */
	if (y < 1000 || mo < 1 || mo > 12 || d < 1 ||
	    d > datetime_days_in_month(y, (int)mo) || h > 23 || mi > 59 ||
	    sec > 59)
		return -1;
	*out = (time_t)datetime_days_from_civil(y, (int)mo, (int)d) * 86400 +
	    h * 3600 + mi * 60 + sec;
	return 0;
}

static struct envelope_field *
find(const struct envelope *env, const char *key)
{
	size_t	 i;

	for (i = 0; i < env->nfields; i++)
		if (strcmp(env->fields[i].key, key) == 0)
			return &env->fields[i];
	return NULL;
}

static void
add_field(struct envelope *env, const char *key, char *value)
{
	env->fields = xreallocarray(env->fields, env->nfields + 1,
	    sizeof(*env->fields));
	env->fields[env->nfields].key = xstrdup(key);
	env->fields[env->nfields].value = value;
	env->nfields++;
}

const char *
envelope_get(const struct envelope *env, const char *key)
{
	struct envelope_field	*f = find(env, key);

	return f != NULL ? f->value : NULL;
}

void
envelope_set(struct envelope *env, const char *key, const char *value)
{
	struct envelope_field	*f;

	if (!envelope_key_ok(key) || strcmp(key, "version") == 0)
		abort();	/* BUG: keys come from code, not from users */
	if ((f = find(env, key)) != NULL) {
		free(f->value);
		f->value = xstrdup(value);
	} else
		add_field(env, key, xstrdup(value));
}

void
envelope_unset(struct envelope *env, const char *key)
{
	struct envelope_field	*f = find(env, key);
	size_t			 i;

	if (f == NULL)
		return;
	i = (size_t)(f - env->fields);
	free(f->key);
	free(f->value);
	memmove(&env->fields[i], &env->fields[i + 1],
	    (env->nfields - i - 1) * sizeof(*env->fields));
	env->nfields--;
}

/* Canonical decimal only ("0", "12", "-3"; not "012", "+1", " 1"). */
static int
parse_int(const char *s, long long *out)
{
	const char	*d = *s == '-' ? s + 1 : s;
	char		*end;
	long long	 v;

	if (*d < '0' || *d > '9' || (*d == '0' && (d[1] != '\0' || d != s)))
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return -1;
	*out = v;
	return 0;
}

int
envelope_get_int(const struct envelope *env, const char *key,
    long long *out)
{
	const char	*v = envelope_get(env, key);

	if (v == NULL)
		return 0;
	return parse_int(v, out) == 0 ? 1 : -1;
}

void
envelope_set_int(struct envelope *env, const char *key, long long v)
{
	char	 s[32];

	snprintf(s, sizeof(s), "%lld", v);
	envelope_set(env, key, s);
}

int
envelope_get_time(const struct envelope *env, const char *key, time_t *out)
{
	const char	*v = envelope_get(env, key);

	if (v == NULL)
		return 0;
	return envelope_parse_time(v, strlen(v), out) == 0 ? 1 : -1;
}

void
envelope_set_time(struct envelope *env, const char *key, time_t t)
{
	char	 s[ENVELOPE_TIME_LEN + 1];

	envelope_format_time(t, s);
	envelope_set(env, key, s);
}

void
envelope_serialize(const struct envelope *env, struct buf *out)
{
	size_t	 i;

	buf_addf(out, "version: %d\n", ENVELOPE_VERSION);
	for (i = 0; i < env->nfields; i++) {
		buf_adds(out, env->fields[i].key);
		buf_addc(out, ':');
		if (env->fields[i].value[0] != '\0')
			buf_addc(out, ' ');
		envelope_escape(out, env->fields[i].value);
		buf_addc(out, '\n');
	}
}

static int
parse_error(struct envelope *env, struct buf *err, const char *name,
    int line, const char *why)
{
	envelope_clear(env);
	return buf_errf(err, _("damaged envelope '%s' at line %d: %s"), name,
	    line, why);
}

int
envelope_parse(struct envelope *env, const char *name, const char *data,
    size_t len, struct buf *err)
{
	struct buf	 key = BUF_INIT, value = BUF_INIT, why = BUF_INIT;
	const char	*p = data, *end = data + len, *nl, *colon, *v;
	int		 line = 0, rc = 0;

	envelope_clear(env);
	if (len == 0)
		return parse_error(env, err, name, 1, _("the file is empty"));
	while (p < end && rc == 0) {
		line++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL) {
			rc = parse_error(env, err, name, line,
			    _("the last line is cut short"));
			break;
		}
		buf_reset(&key);
		buf_reset(&value);
		colon = memchr(p, ':', (size_t)(nl - p));
		if (colon == NULL) {
			rc = parse_error(env, err, name, line,
			    _("the line is not 'key: value'"));
			break;
		}
		buf_add(&key, p, (size_t)(colon - p));
		v = colon + 1;
		if (v < nl && *v == ' ')
			v++;
		if (strlen(key.s) != key.len || !envelope_key_ok(key.s)) {
			buf_reset(&why);
			buf_addf(&why, _("'%.*s' is not a valid key"),
			    (int)(colon - p > KEY_MAX ? KEY_MAX : colon - p),
			    p);
			rc = parse_error(env, err, name, line, why.s);
			break;
		}
		if (envelope_unescape(&value, v, (size_t)(nl - v)) == -1 ||
		    strlen(value.s) != value.len) {
			buf_reset(&why);
			buf_addf(&why, _("the value of '%s' has a control "
			    "character or a bad escape"), key.s);
			rc = parse_error(env, err, name, line, why.s);
			break;
		}
		if (line == 1) {
			if (strcmp(key.s, "version") != 0)
				rc = parse_error(env, err, name, line,
				    _("the first line must be 'version: 1'"));
			else if (strcmp(value.s, "1") != 0) {
				buf_addf(&why, _("unknown version '%s'"),
				    value.s);
				rc = parse_error(env, err, name, line, why.s);
			}
		} else if (strcmp(key.s, "version") == 0 ||
		    find(env, key.s) != NULL) {
			buf_reset(&why);
			buf_addf(&why, _("the key '%s' appears twice"), key.s);
			rc = parse_error(env, err, name, line, why.s);
		} else
			add_field(env, key.s, buf_detach(&value, NULL));
		p = nl + 1;
	}
	buf_release(&key);
	buf_release(&value);
	buf_release(&why);
	return rc;
}

const char *
envelope_validate(struct envelope *env)
{
	const char	*v;
	long long	 n;
	time_t		 t;
	size_t		 i;

	buf_reset(&env->reason);
	for (i = 0; i < nitems(known_keys); i++) {
		v = envelope_get(env, known_keys[i].key);
		if (v == NULL) {
			if (known_keys[i].required) {
				buf_addf(&env->reason, _("the key '%s' is "
				    "missing"), known_keys[i].key);
				return env->reason.s;
			}
			continue;
		}
		switch (known_keys[i].type) {
		case KEY_STRING:
			continue;
		case KEY_NONEMPTY:
			if (*v != '\0')
				continue;
			break;
		case KEY_INT:
			if (parse_int(v, &n) == 0 && n >= 0)
				continue;
			break;
		case KEY_TIME:
			if (envelope_parse_time(v, strlen(v), &t) == 0)
				continue;
			break;
		case KEY_INSTANCE:
			if (strncmp(v, "uuid:", 5) == 0 &&
			    strlen(v + 5) == 36)
				continue;
			break;
		case KEY_SHA256:
			if (strlen(v) == 64 &&
			    strspn(v, "0123456789abcdef") == 64)
				continue;
			break;
		}
		buf_addf(&env->reason, _("the value '%s' of '%s' is not "
		    "valid"), v, known_keys[i].key);
		return env->reason.s;
	}
	return NULL;
}
