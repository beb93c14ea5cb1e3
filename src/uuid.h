/*
 * uuid.h: RFC 4122 version 4 UUIDs from getrandom(), for instanceIDs
 * ("uuid:" + the 36-character form) and store entry names.
 *
 * uuid_v4() writes 36 characters and a NUL into out; it never fails
 * (without entropy it aborts, as out-of-memory does).  random_bytes() is
 * the same source, for other callers that need unpredictable bytes.
 */
#ifndef UUID_H
#define UUID_H

#define UUID_STRLEN	36

void	 uuid_v4(char out[UUID_STRLEN + 1]);
void	 random_bytes(void *, size_t);

#endif /* UUID_H */
