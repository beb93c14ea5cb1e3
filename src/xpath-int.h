/*
 * xpath-int.h: what xpath.c (parser, evaluator, conversions) and
 * xpath-fn.c (the function library) share; not for other modules.
 *
 * A compiled expression is a tree of struct xnode.  Left-associative
 * chains of one precedence level ("a + b - c + d", "a or b or c", "a | b")
 * are one XN_CHAIN node holding every operand, so that neither the parser
 * nor the evaluator recurses per operator; the tree is only as deep as the
 * nesting of parentheses, calls and predicates, which the parser limits
 * to XPATH_MAX_DEPTH.
 *
 * Values during evaluation are struct xv: like struct xpath_value, but a
 * string may be borrowed (from the tree, a literal, or a text node) and a
 * node-set of up to XV_INLINE nodes lives inside the struct, so that the
 * common evaluation ("." compared with a number) allocates nothing.
 */
#ifndef XPATH_INT_H
#define XPATH_INT_H

#include <regex.h>

#include "xpath.h"

enum xop {
	OP_OR, OP_AND,
	OP_EQ, OP_NE,
	OP_LT, OP_LE, OP_GT, OP_GE,
	OP_ADD, OP_SUB,
	OP_MUL, OP_DIV, OP_MOD,
	OP_UNION,
};

enum xkind {
	XN_NUMBER,
	XN_STRING,
	XN_CHAIN,		/* kids[0] ops[1] kids[1] ops[2] kids[2] ... */
	XN_NEG,			/* negs minus signs before kids[0] */
	XN_CALL,		/* fn(kids...) */
	XN_PATH,
};

enum xaxis {
	AX_CHILD,
	AX_ATTRIBUTE,
	AX_SELF,
	AX_PARENT,
	AX_DESCENDANT,
	AX_DESCENDANT_OR_SELF,
	AX_ANCESTOR,
	AX_ANCESTOR_OR_SELF,
	AX_FOLLOWING_SIBLING,
	AX_PRECEDING_SIBLING,
};

enum xtest {
	NT_NAME,		/* [prefix:]local */
	NT_ANY,			/* * */
	NT_NS_ANY,		/* prefix:* */
	NT_NODE,		/* node() */
	NT_TEXT,		/* text() */
	NT_COMMENT,		/* comment() */
	NT_PI,			/* processing-instruction() */
};

struct xnode;

struct xstep {
	enum xaxis	 axis;
	enum xtest	 test;
	char		*prefix;	/* NULL when none */
	char		*local;		/* NT_NAME */
	uint32_t	 hash;		/* NT_NAME: xname_hash(local) */
	struct xnode	**preds;
	size_t		 npreds;
};

struct xv;
struct xctx;
struct xfn;

struct xnode {
	enum xkind	 kind;
	int		 col;		/* column of the node, from 1 */
	double		 num;		/* XN_NUMBER */
	char		*str;		/* XN_STRING */
	struct xnode	**kids;		/* CHAIN operands, NEG, CALL args */
	size_t		 nkids;
	enum xop	*ops;		/* XN_CHAIN: ops[i] joins kids[i] */
	int		 negs;		/* XN_NEG */
	const struct xfn *fn;		/* XN_CALL */
	regex_t		*re;		/* regex() with a literal pattern */
	/* XN_PATH: [filter preds...] or "/" or nothing, then the steps */
	int		 absolute;
	struct xnode	*filter;
	struct xnode	**fpreds;
	size_t		 nfpreds;
	struct xstep	*steps;
	size_t		 nsteps;
};

struct xpath_expr {
	char		*source;
	struct xnode	*root;
	unsigned	 uses;		/* enum xpath_uses */
};

#define XV_INLINE	2

struct xv {
	enum xpath_type	 type;
	int		 b;
	double		 num;
	const char	*s;		/* XPATH_STRING */
	char		*own;		/* s, when the value owns it */
	xmlNode		**nodes;	/* when cap > 0 */
	size_t		 n, cap;
	xmlNode		*inl[XV_INLINE];/* when cap == 0 */
	int		 unordered;	/* randomize(): keep this order */
};

#define XV_NODES(v)	((v)->cap ? (v)->nodes : (v)->inl)

/* Scratch space for a string value that may need no allocation. */
struct xstrtmp {
	char		*own;
	char		 buf[40];
};

struct xctx {
	struct xpath_env *env;
	xmlNode		*node;		/* the context node, or NULL */
	size_t		 pos, size;	/* context position (0: none, outside
					 * a predicate) and size */
	xmlNode		*origin;	/* the node the evaluation began on */
	struct buf	*err;
};

/* The function library (xpath-fn.c). */
enum xfn_flags {
	FN_LAZY = 1 << 0,	/* gets its arguments unevaluated */
};

typedef int xfn_impl(struct xctx *, const struct xnode *, struct xv *,
    struct xv *);

struct xfn {
	const char	*name;
	int		 min, max;	/* arguments; max -1: no limit */
	unsigned	 flags;		/* enum xfn_flags */
	unsigned	 uses;		/* enum xpath_uses */
	xfn_impl	*impl;		/* (ctx, call, args, out) */
	/* Compile-time checks beyond arity, or NULL. */
	int		(*check)(struct xnode *, struct buf *);
};

const struct xfn *xfn_lookup(const char *);
void	 xfn_release(struct xnode *);

/* Values (xpath.c). */
void	 xv_init(struct xv *);
void	 xv_release(struct xv *);
void	 xv_move(struct xv *, struct xv *);
void	 xv_set_num(struct xv *, double);
void	 xv_set_bool(struct xv *, int);
void	 xv_set_str(struct xv *, const char *);	/* borrowed */
void	 xv_take_str(struct xv *, char *);	/* owned */
void	 xv_copy_str(struct xv *, const char *, size_t);
void	 xv_set_nodeset(struct xv *);
void	 xv_push_grow(struct xv *, xmlNode *);
/* Appends a node; inline for the common small node-set. */
static inline void
xv_push(struct xv *v, xmlNode *node)
{
	if (v->cap == 0 && v->n < XV_INLINE)
		v->inl[v->n++] = node;
	else
		xv_push_grow(v, node);
}
void	 xv_sort(struct xv *);
const char *xv_str(const struct xv *, struct xstrtmp *);
void	 xstrtmp_release(struct xstrtmp *);
double	 xv_num(const struct xv *);
int	 xv_bool(const struct xv *);
const char *xnode_text(const xmlNode *, struct xstrtmp *);
void	 xnum_format(double, char *, size_t);
int	 xnum_shortest(double, char *, int *);
double	 xnum_parse_c(const char *);
#define XNUM_POW10_MAX	22
extern const double xnum_pow10[];	/* 10^0 .. 10^22, all exact */

/*
 * The child index (xpath-index.c).  xindex_children() finds the element
 * children of parent whose local name is st->local, in document order;
 * it returns -1 when parent is not indexed (too few children: scan them).
 */
uint32_t xname_hash(const char *);
int	 xindex_children(struct xpath_index *, const xmlNode *,
	    const struct xstep *, xmlNode *const **, size_t *);

int	 xeval(const struct xnode *, struct xctx *, struct xv *);
int	 xerr(struct xctx *, const struct xnode *, const char *, ...)
	    ATTR_PRINTFLIKE(3, 4);
int	 xnode_name_is(const xmlNode *, const char *);

#endif /* XPATH_INT_H */
