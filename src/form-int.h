/*
 * form-int.h: the private structures of the form engine, shared by
 * form.c (loading the model), form-body.c (the controls), report.c (one
 * filled-in instance) and recalc.c (the dependency graph).  Commands
 * never include it: they see form.h and report.h, which hide libxml2
 * (STYLE.md rule 12).
 *
 * Ownership: a struct form owns its xmlDoc (the form file, with external
 * secondary instances grafted under their <instance> elements) and every
 * structure below; a struct report owns its own xmlDoc, the instance, and
 * the struct rnode hung on each element's _private.  A report borrows its
 * form, which must outlive it.
 */
#ifndef FORM_INT_H
#define FORM_INT_H

#include <libxml/tree.h>

#include "form.h"
#include "report.h"
#include "strmap.h"
#include "xpath.h"

#define FORM_MAX_SIZE	(8u << 20)	/* bytes of a form or a media file */
#define FORM_MAX_DEPTH	64		/* nesting of instance and body */
#define FORM_MAX_REPEAT	1000		/* instances of one repeat */

#define NS_XFORMS	"http://www.w3.org/2002/xforms"
#define NS_XHTML	"http://www.w3.org/1999/xhtml"
#define NS_JR		"http://openrosa.org/javarosa"
#define NS_ORX		"http://openrosa.org/xforms"
#define NS_ODK		"http://www.opendatakit.org/xforms"
#define NS_COOP		"urn:coopreport:xforms:1"

enum form_type {
	FORM_TYPE_STRING,
	FORM_TYPE_INT,
	FORM_TYPE_DECIMAL,
	FORM_TYPE_DATE,
	FORM_TYPE_DATETIME,
	FORM_TYPE_TIME,
	FORM_TYPE_BOOLEAN,
	FORM_TYPE_SELECT1,
	FORM_TYPE_SELECT,
	FORM_TYPE_BINARY,
};

/* The expressions of a bind, in the order recalculation applies them. */
enum form_prop {
	FORM_CALCULATE,
	FORM_RELEVANT,
	FORM_REQUIRED,
	FORM_READONLY,
	FORM_CONSTRAINT,
	FORM_WARNING,			/* coop:warning */
	FORM_NPROPS,
	FORM_COUNT = FORM_NPROPS,	/* a repeat's jr:count (graph only) */
};

/* A text with <output value="..."/> inside: literal parts and
 * expressions, in order. */
struct form_part {
	char		*lit;		/* or NULL, and then expr */
	struct xpath_expr *expr;
};

struct form_text {
	struct form_part *parts;
	size_t		 nparts;
	bool		 set;		/* given at all, even if empty */
};

enum form_text_form {
	FORM_TEXT_LONG,			/* <value> without form= */
	FORM_TEXT_SHORT,
	FORM_TEXT_GUIDANCE,
	FORM_TEXT_NFORMS,
};

/* One itext id: its forms in each translation. */
struct form_itext {
	char		*id;
	struct form_text *t;		/* ntrans * FORM_TEXT_NFORMS */
	int		 line;
};

struct form_translation {
	char		*lang;		/* as written: "Tiếng Việt (vi)" */
	char		*code;		/* "vi" from "(vi)", or NULL */
	int		 line;
};

/* A label, hint or message: an itext id, another ref expression (such as
 * jr:itext(itextId) in an itemset), or inline text. */
struct form_label {
	char		*itext;
	struct xpath_expr *ref;
	struct form_text inline_text;
	int		 line;
};

struct form_bind;
struct form_control;

/* One element of the primary instance, as a schema: every repeat
 * instance of it shares one struct form_node. */
struct form_node {
	char		*path;		/* "/data/certifications/cert_type" */
	const char	*name;		/* the last step of path */
	struct form_node *parent;
	struct form_node **kids;
	size_t		 nkids;
	struct form_bind *bind;		/* or NULL */
	struct form_control *control;	/* the control bound to it, or NULL */
	xmlNode		*tmpl;		/* repeat: the element to copy */
	xmlNode		*elem;		/* its first element in the form */
	size_t		 id;		/* index in form->nodes */
	int		 depth;		/* 0 for the root */
	enum form_type	 type;		/* the bind's, or the control's */
	bool		 siblings;	/* twice under one parent element */
	bool		 repeat;
	bool		 has_template;	/* jr:template was given */
};

struct form_bind {
	struct form_node *node;
	char		*id;		/* the bind's id attribute, or NULL */
	enum form_type	 type;
	struct xpath_expr *expr[FORM_NPROPS];
	struct form_label *msg_required;
	struct form_label *msg_constraint;
	struct form_label *msg_warning;
	char		*preload;
	char		*preload_params;
	int		 line;
};

enum form_ctl {
	FORM_CTL_ROOT,			/* the body itself */
	FORM_CTL_GROUP,
	FORM_CTL_REPEAT,
	FORM_CTL_INPUT,
	FORM_CTL_SELECT1,
	FORM_CTL_SELECT,
	FORM_CTL_UPLOAD,
	FORM_CTL_TRIGGER,
};

struct form_choice {
	char		*value;
	struct form_label label;
	int		 line;
};

struct form_itemset {
	struct xpath_expr *nodeset;
	struct xpath_expr *value;
	struct xpath_expr *label;
	char		*instance;	/* instance('id') it reads, or NULL */
	int		 line;
};

struct form_control {
	enum form_ctl	 kind;
	struct form_node *node;		/* NULL for a presentation group */
	struct form_control *parent;
	struct form_control **kids;
	size_t		 nkids;
	struct form_label label;
	struct form_label hint;
	struct form_choice *choices;
	size_t		 nchoices;
	struct form_itemset *itemset;
	char		*mediatype;	/* upload */
	struct xpath_expr *count;	/* repeat: jr:count */
	bool		 noaddremove;	/* repeat: jr:noAddRemove */
	int		 line;
};

enum form_event {
	FORM_EV_FIRST_LOAD = 1 << 0,	/* odk-instance-first-load */
	FORM_EV_VALUE_CHANGED = 1 << 1,	/* xforms-value-changed */
	FORM_EV_NEW_REPEAT = 1 << 2,	/* odk-new-repeat */
};

struct form_action {
	unsigned	 events;
	struct form_node *target;
	struct form_node *owner;	/* the control or repeat it sits in */
	struct xpath_expr *value;	/* or NULL, and then literal */
	char		*literal;
	int		 line;
};

struct form_instance {
	char		*id;
	char		*src;		/* jr://file/x.xml, or NULL inline */
	xmlNode		*node;		/* its <instance> element */
	int		 line;
};

struct form_problem {
	int		 line;
	size_t		 seq;		/* order of finding */
	bool		 fatal;		/* the form cannot be used */
	char		*msg;
};

struct recalc_graph;

struct form {
	char		*path;		/* as given, for messages */
	char		*media_dir;	/* <name>-media next to it, or NULL */
	xmlDoc		*doc;
	char		*id;
	char		*version;
	char		*title;
	xmlNode		*model;
	xmlNode		*root;		/* the primary instance's element */
	struct form_node **nodes;	/* document order; [0] is the root */
	size_t		 nnodes;
	struct strmap	 node_by_path;
	struct form_bind **binds;
	size_t		 nbinds;
	struct strmap	 bind_by_id;
	struct form_control *body;	/* FORM_CTL_ROOT */
	struct form_translation *trans;
	size_t		 ntrans;
	int		 deflang;	/* index into trans, or -1 */
	int		 lang;		/* chosen one, or -1 */
	struct strmap	 itext;		/* id -> struct form_itext */
	struct form_instance *inst;
	size_t		 ninst;
	struct strmap	 inst_by_id;
	struct form_action *actions;
	size_t		 nactions;
	struct xpath_ns	*ns;		/* prefix map for the XPath engine */
	struct form_problem *problems;
	size_t		 nproblems;
	unsigned	 flags;		/* enum form_load_flags */
	struct recalc_graph *graph;
};

/* ------------------------------------------------------------------ */
/* A report: the instance and the state of each of its elements. */

enum rnode_flags {
	RN_IRRELEVANT = 1 << 0,		/* its own relevant is false */
	RN_REQUIRED = 1 << 1,
	RN_READONLY = 1 << 2,
	RN_CONSTRAINT_FAILED = 1 << 3,
	RN_WARNING_FAILED = 1 << 4,
};

/* Hung on each element of a report's instance through xmlNode._private. */
struct rnode {
	struct form_node *fn;		/* NULL for coop:explanation etc. */
	unsigned	 flags;
	char		*error;		/* the last evaluation error, or NULL */
};

/* The elements of one form node, in document order. */
struct nodelist {
	xmlNode		**v;
	size_t		 n;
	size_t		 cap;
};

struct report {
	struct form	*form;
	xmlDoc		*doc;
	xmlNode		*root;
	struct xpath_env env;
	struct xpath_hooks hooks;
	struct nodelist	*lists;		/* one per form node, by id */
	bool		 stale;		/* lists need report_index() */
	uint64_t	*dirty;		/* one bit per graph vertex */
	size_t		 cursor;	/* the vertex being evaluated */
	bool		 rerun;		/* a vertex before cursor got dirty */
	bool		 consts_done;	/* constant expressions computed */
	char		*instance_id;
};

#define RNODE(n)	((struct rnode *)(n)->_private)

/* form.c */
xmlDoc	*form_parse_xml(const char *, size_t, const char *, struct buf *);
void	 form_strip_blanks(xmlNode *);
void	 form_problem(struct form *, int, bool, const char *, ...)
	    ATTR_PRINTFLIKE(4, 5);
char	*form_path_resolve(const char *, const char *);
struct form_node *form_node_at(const struct form *, const char *);
struct xpath_expr *form_compile(struct form *, const char *, int,
	    const char *, const char *);
int	 form_line(const xmlNode *);
bool	 form_is(const xmlNode *, const char *, const char *);
char	*form_attr(const xmlNode *, const char *, const char *);
void	 form_label_parse(struct form *, xmlNode *, struct form_label *);
void	 form_label_release(struct form_label *);
void	 form_text_release(struct form_text *);
const struct form_text *form_itext_get(const struct form *, const char *,
	    enum form_text_form);
void	 form_itext_use(struct form *, const char *, int);
enum form_type form_type_parse(struct form *, const char *, int);
const char *form_type_name(enum form_type);

/* form-body.c */
void	 form_body_load(struct form *, xmlNode *);
void	 form_body_free(struct form_control *);
void	 form_action_parse(struct form *, xmlNode *, struct form_node *,
	    unsigned);

/* report.c */
void	 report_index(struct report *);
bool	 report_relevant(const xmlNode *);
char	*report_node_value(const xmlNode *);
void	 report_node_set(xmlNode *, const char *);
int	 report_add_instance(struct report *, struct form_node *, xmlNode *,
	    bool, xmlNode **, struct buf *);
void	 report_remove_instance(struct report *, xmlNode *);
void	 report_run_actions(struct report *, unsigned, struct form_node *,
	    xmlNode *);

/* recalc.c */
struct recalc_graph *recalc_build(struct form *);
void	 recalc_graph_free(struct recalc_graph *);
void	 recalc_init(struct report *);
void	 recalc_release(struct report *);
void	 recalc_mark_value(struct report *, const struct form_node *);
void	 recalc_mark_structure(struct report *, const struct form_node *);
void	 recalc_run(struct report *);
void	 recalc_all(struct report *);

#endif /* FORM_INT_H */
