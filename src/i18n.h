/*
 * i18n.h: message translation.
 *
 * _() translates a message at the point of use, N_() marks a string in a
 * static table for translation later, Q_() picks a plural form.  With
 * --disable-nls they are the identity.  Form labels are not messages: they
 * are XForm itext data, chosen by --lang (STYLE.md rule 29).
 */
#ifndef I18N_H
#define I18N_H

#if ENABLE_NLS
#include <libintl.h>
#define _(s)		gettext(s)
#define Q_(s, p, n)	ngettext((s), (p), (n))
#else
#define _(s)		((const char *)(s))
#define Q_(s, p, n)	((n) == 1 ? (const char *)(s) : (const char *)(p))
#define textdomain(d)	((void)(d))
#define bindtextdomain(d, dir)	((void)(d), (void)(dir))
#endif
#define N_(s)		(s)

#endif /* I18N_H */
