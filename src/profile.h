/*
 * profile.h: the identity of a cooperative, kept in the store so that
 * "coopreport new" fills it into every report it starts (issue #4).
 *
 * Purpose: a profile holds the answers that stay the same from one
 * report to the next: the identity block of both forms (the
 * organisation's name, tax code, type, registration date, province,
 * commune, address, phone, e-mail, sector, size, governance, area flags,
 * legal representative) and who prepares the reports.  The keys are the
 * field names of the forms (profile_fields[]), so that a typo is refused
 * by name.  A cooperative union that files for its members keeps one
 * profile per member and chooses one with --profile NAME; without it the
 * profile is "default".
 *
 * A profile is the file <store>/profiles/NAME, written whole through
 * file_write_atomic(), in the envelope format (envelope.h) with each
 * field name's '_' written '-':
 *
 *	version: 1
 *	org-name: HỢP TÁC XÃ NÔNG NGHIỆP XOÀI CAM LÂM
 *	tax-code: 4201785235
 *
 * Calling sequence: profile_load(store, name, &p, &err) (a profile that
 * does not exist yet is empty, with p->exists 0); profile_get(p,
 * "tax_code"); profile_set(p, "tax_code", "4201785235", &err) (an empty
 * value removes the key); profile_save(store, p, &err); profile_free(p).
 * profile_list() gives the names of the profiles in a store.
 *
 * Error handling: 0, or a negative enum store_status with one line in
 * err: an unknown key ("unknown profile key 'tax_cod'; did you mean
 * 'tax_code'?"), a bad profile name, a damaged file, a failed write.
 *
 * Ownership: struct profile is the caller's, freed with profile_free();
 * profile_get() returns a string borrowed until the next profile_set().
 */
#ifndef PROFILE_H
#define PROFILE_H

#define PROFILE_DEFAULT		"default"
#define PROFILE_NAME_MAX	64

struct store;
struct envelope;
struct formdir;

struct profile {
	char		*name;
	struct envelope	*env;		/* keys with '-' for '_' */
	int		 exists;	/* there is a file for it */
};

/* The fields a profile may hold, in the forms' order; NULL-terminated. */
extern const char *const profile_fields[];

int	 profile_name_ok(const char *);
int	 profile_field_check(const char *, struct buf *);
int	 profile_load(struct store *, const char *, struct profile **,
	    struct buf *);
const char *profile_get(const struct profile *, const char *);
int	 profile_set(struct profile *, const char *, const char *,
	    struct buf *);
int	 profile_save(struct store *, const struct profile *, struct buf *);
void	 profile_free(struct profile *);
int	 profile_list(struct store *, char ***, size_t *, struct buf *);
/*
 * Checks the profile's answers against every usable form of the search
 * path that asks them, all of them set in a new report in order, as
 * "new" will set them: an answer of the keys named (a NULL-terminated
 * list) that a form refuses, by its type, choices or constraint, gives
 * one line "FORM: PATH: why" in errs, in language lang.  Returns how
 * many were refused.
 */
size_t	 profile_check(const struct profile *, const struct formdir *,
	    const char *, const char *const *, struct buf *);

#endif /* PROFILE_H */
