/*
 * xpath.h: the ODK-dialect XPath 1.0 engine over libxml2 trees.
 *
 * Purpose: evaluate the expressions of ODK XForms (relevant, constraint,
 * calculate, required, readonly, itemset nodesets, output values) with the
 * answers ODK Collect gives.  libxml2's own XPath is not used: it cannot
 * compare dates, cannot override core functions, and resolves "/" inside
 * predicates over secondary instances to the wrong document
 * (reference/openrosa.md section 3.9).
 *
 * Calling sequence:
 *	e = xpath_compile("/data/a + 1", &err);	parse once
 *	xpath_eval(e, &env, context_node, &value, &err);	evaluate often
 *	xpath_value_release(&value);
 *	xpath_free(e);
 * The env describes the documents and the clock; it is set up by the
 * caller (the form layer, or cmd-eval.c) and reused across evaluations.
 *
 * ODK rules the engine follows, beyond XPath 1.0:
 *  - dates, dateTimes and times convert to numbers as days since
 *    1970-01-01 (UTC for dateTimes with an offset), so they compare and
 *    subtract as numbers;
 *  - current() is env->current; absolute paths always mean the primary
 *    instance, also inside predicates over instance('id')/...;
 *  - the string "false" is true unless it goes through boolean-from-string;
 *  - as in JavaRosa, a node-set of one node is true when its value is not
 *    empty (an unanswered question is false), an empty node-set compares
 *    as the empty string, and numbers are equal within 1e-12;
 *  - regex() matches the whole string; concat() joins every node of a
 *    node-set argument; round() takes optional digits; substr() counts
 *    from 0; string functions count Unicode characters, not bytes.
 *  - an unprefixed name test matches the local name in any namespace; a
 *    prefixed one (orx:instanceID) matches the namespace that the prefix
 *    maps to in env->namespaces, or else a node with that same prefix.
 *
 * Error handling: xpath_compile() returns NULL and puts one line in err,
 * "column N: <what was expected>" (N counts characters from 1);
 * xpath_eval() and friends return -1 (or NULL) and put one line in err,
 * e.g. "unknown function 'foo'" or "'round' takes 1 or 2 arguments".
 * Unknown functions and wrong arities are found at compile time.  Nesting
 * deeper than XPATH_MAX_DEPTH is a compile error, so evaluation uses
 * bounded stack.
 *
 * Ownership: a compiled expression is immutable and may be evaluated by
 * any number of callers; the caller keeps env and the documents, which
 * must outlive each evaluation.  A struct xpath_value owns its string and
 * its node array (not the nodes) until xpath_value_release(); a failed
 * xpath_eval() leaves it empty, with nothing to release.  Returned
 * char * are the caller's to free().
 */
#ifndef XPATH_H
#define XPATH_H

#include <time.h>

#include <libxml/tree.h>

#define XPATH_MAX_DEPTH	512	/* nesting of parentheses, calls, predicates */

struct xpath_expr;

enum xpath_type {
	XPATH_NODESET,
	XPATH_BOOLEAN,
	XPATH_NUMBER,
	XPATH_STRING,
};

struct xpath_value {
	enum xpath_type	 type;
	int		 boolean;	/* XPATH_BOOLEAN */
	double		 number;	/* XPATH_NUMBER */
	char		*string;	/* XPATH_STRING: owned, UTF-8 */
	xmlNode		**nodes;	/* XPATH_NODESET: owned array, */
	size_t		 nnodes;	/*   in document order, no duplicates
					 *   (randomize(): in its order) */
};

/*
 * What the form layer provides (#3).  Each hook may be NULL; then the
 * function that needs it is an evaluation error naming it.  Strings
 * returned by hooks are the engine's to free().
 */
struct xpath_hooks {
	/* jr:itext('id'): the text in the current language, or NULL. */
	char	*(*itext)(void *arg, const char *id);
	/* jr:choice-name(value, 'ref'): the label of the choice whose value
	 * is value in the select bound to ref (relative to context), or
	 * NULL. */
	char	*(*choice_name)(void *arg, const char *value, const char *ref,
		    xmlNode *context);
	/* instance('id'): the node that plays the document node of the
	 * secondary instance id (its element child is the instance's root;
	 * for an inline instance this is the <instance> element), or NULL
	 * for an unknown id. */
	xmlNode	*(*instance)(void *arg, const char *id);
	void	*arg;
};

struct xpath_ns {
	const char	*prefix;
	const char	*uri;
};

struct xpath_index;

struct xpath_env {
	xmlDoc		*primary;	/* "/" is its root element's parent */
	xmlNode		*current;	/* current(); NULL means the context */
	time_t		 now;		/* now() and today(), in local time */
	uint64_t	 seed;		/* random(), randomize() without seed */
	uint64_t	 rng;		/* PRNG state; xpath_env_init seeds it */
	const struct xpath_ns *namespaces; /* prefix map, ends with NULL */
	const struct xpath_hooks *hooks;
	struct xpath_index *index;	/* or NULL: see xpath_index_new() */
};

/* What an expression depends on besides the nodes it reads. */
enum xpath_uses {
	XPATH_USES_NOW = 1 << 0,	/* now(), today() */
	XPATH_USES_RANDOM = 1 << 1,	/* random(), uuid(), randomize(x) */
	XPATH_USES_CURRENT = 1 << 2,	/* current() */
	XPATH_USES_POSITION = 1 << 3,	/* position(..), indexed-repeat */
};

void	 xpath_env_init(struct xpath_env *, xmlDoc *, time_t, uint64_t);

/*
 * An index of the element children of wide elements by name, so that a
 * step like /data/name costs the same whatever the number of siblings
 * (a form's /data has hundreds).  It is optional: xpath_env_init() leaves
 * env->index NULL, and then every step scans the children.  The caller
 * owns the index and hangs it on env->index; evaluations fill it lazily,
 * for each element with at least min_children element children (0 or 1:
 * every element) that a child step by name starts from.  It holds
 * pointers to elements: whoever adds, removes or moves an element in a
 * document evaluated through it must call xpath_index_clear() before the
 * next evaluation.  Changing text or attributes needs nothing.
 */
struct xpath_index *xpath_index_new(size_t min_children);
void	 xpath_index_clear(struct xpath_index *);
void	 xpath_index_free(struct xpath_index *);

struct xpath_expr *xpath_compile(const char *, struct buf *);
void	 xpath_free(struct xpath_expr *);
const char *xpath_source(const struct xpath_expr *);

int	 xpath_eval(const struct xpath_expr *, struct xpath_env *, xmlNode *,
	    struct xpath_value *, struct buf *);
int	 xpath_eval_bool(const struct xpath_expr *, struct xpath_env *,
	    xmlNode *, int *, struct buf *);
int	 xpath_eval_number(const struct xpath_expr *, struct xpath_env *,
	    xmlNode *, double *, struct buf *);
char	*xpath_eval_string(const struct xpath_expr *, struct xpath_env *,
	    xmlNode *, struct buf *);

void	 xpath_value_release(struct xpath_value *);
char	*xpath_value_string(const struct xpath_value *);
int	 xpath_value_bool(const struct xpath_value *);
double	 xpath_value_number(const struct xpath_value *);

/* XPath string() of a node: its text, without allocating when it can. */
char	*xpath_node_string(const xmlNode *);
/* XPath number(): ODK's, so "2025-01-02" is 20090. */
double	 xpath_string_number(const char *);
/* XPath 1.0 number-to-string: 1, 1.5, NaN, Infinity, -Infinity. */
char	*xpath_number_string(double);

/*
 * Dependencies, for the recalculation graph and lint.  Calls fn once for
 * each node path the expression reads, made absolute against base (the
 * path of the node the expression is bound to, like "/data/g/q"), with
 * "." and ".." resolved and predicates dropped, e.g. "/data/members_total"
 * or "instance('provinces')/root/item/name".  Paths inside predicates are
 * resolved against their own context.  Returns a mask of enum xpath_uses.
 */
typedef void xpath_ref_fn(void *arg, const char *path);
unsigned xpath_refs(const struct xpath_expr *, const char *base,
	    xpath_ref_fn *, void *);

#endif /* XPATH_H */
