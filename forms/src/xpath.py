"""xpath.py: a small ODK XPath parser and evaluator for checking our forms.

Not the engine (that is src/xpath.c): a reference to check the forms and
to compute the values the README promises for the samples.  It parses the
whole XPath 1.0 grammar with the child, parent and self axes, knows the
ODK function list (for the static check) and evaluates the functions the
forms use, with ODK's rules: node values are strings, a date string is a
number of days since 1970-01-01 in number context, an absolute path in a
predicate over instance('x') means the primary instance.

Trees are xml.etree elements; parents come from a map kept by the caller
(struct Doc).
"""

import datetime
import math
import re

ODK_FUNCTIONS = set("""
string concat substring-before substring-after translate string-length
normalize-space contains starts-with ends-with true false boolean not sum
count number round position join substr uuid digest pulldata base64-decode
if coalesce once boolean-from-string regex checklist weighted-checklist
random int max min pow log log10 abs sin cos tan asin acos atan atan2 sqrt
exp exp10 pi count-non-empty instance current randomize indexed-repeat
today now format-date format-date-time date decimal-date-time decimal-time
selected selected-at count-selected jr:choice-name jr:itext area distance
""".split())


class XPathError(Exception):
    pass


TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<num>\d+(\.\d*)?|\.\d+)
  | (?P<str>"[^"]*"|'[^']*')
  | (?P<op>//|\.\.|!=|<=|>=|[/\[\]().,@|=<>+\-*$])
  | (?P<name>[A-Za-z_][\w.-]*(:[A-Za-z_][\w.-]*)?)
""", re.X)

OPNAMES = ("and", "or", "div", "mod")


def tokenize(s):
    toks = []
    pos = 0
    while pos < len(s):
        m = TOKEN.match(s, pos)
        if not m:
            raise XPathError("bad character at %d in: %s" % (pos, s))
        pos = m.end()
        kind = m.lastgroup
        if kind == "ws":
            continue
        text = m.group(kind)
        # A name right after a name, number, string, ')' or ']' is an
        # operator name; '*' there is multiplication.
        prev = toks[-1] if toks else None
        after_operand = prev is not None and (
            prev[0] in ("num", "str", "name") or prev[1] in (")", "]", ".",
                                                             ".."))
        if kind == "name" and after_operand and text in OPNAMES:
            kind = "op"
        elif kind == "op" and text == "*" and not after_operand:
            kind = "name"
        toks.append((kind, text))
    toks.append(("end", None))
    return toks


class Parser:
    def __init__(self, s):
        self.s = s
        self.toks = tokenize(s)
        self.i = 0

    def peek(self, k=0):
        return self.toks[self.i + k]

    def take(self, text=None):
        t = self.toks[self.i]
        if text is not None and t[1] != text:
            raise XPathError("expected '%s' at token %d in: %s"
                             % (text, self.i, self.s))
        self.i += 1
        return t

    def parse(self):
        e = self.expr()
        if self.peek()[0] != "end":
            raise XPathError("unexpected '%s' in: %s" % (self.peek()[1],
                                                         self.s))
        return e

    def binary(self, sub, ops):
        left = sub()
        while self.peek()[0] == "op" and self.peek()[1] in ops:
            op = self.take()[1]
            left = ("bin", op, left, sub())
        return left

    def expr(self):
        return self.binary(self.and_, ("or",))

    def and_(self):
        return self.binary(self.eq, ("and",))

    def eq(self):
        return self.binary(self.rel, ("=", "!="))

    def rel(self):
        return self.binary(self.add, ("<", "<=", ">", ">="))

    def add(self):
        return self.binary(self.mul, ("+", "-"))

    def mul(self):
        return self.binary(self.unary, ("*", "div", "mod"))

    def unary(self):
        if self.peek() == ("op", "-"):
            self.take()
            return ("neg", self.unary())
        return self.binary(self.path, ("|",))

    def path(self):
        t = self.peek()
        if t[1] in ("/", "//"):
            self.take()
            steps = [] if t[1] == "/" else [("desc",)]
            if self.starts_step():
                steps += self.steps()
            return ("path", "abs", None, steps)
        if self.starts_step() and not self.is_call():
            return ("path", "rel", None, self.steps())
        prim = self.primary()
        preds = self.preds()
        if self.peek()[1] in ("/", "//"):
            steps = []
            if self.take()[1] == "//":
                steps.append(("desc",))
            steps += self.steps()
            return ("path", "filter", (prim, preds), steps)
        if preds:
            return ("path", "filter", (prim, preds), [])
        return prim

    def starts_step(self):
        t = self.peek()
        return t[0] == "name" or t[1] in (".", "..", "@")

    def is_call(self):
        return self.peek()[0] == "name" and self.peek(1)[1] == "("

    def steps(self):
        out = [self.step()]
        while self.peek()[1] in ("/", "//"):
            if self.take()[1] == "//":
                out.append(("desc",))
            out.append(self.step())
        return out

    def step(self):
        t = self.take()
        if t[1] == ".":
            return ("self",)
        if t[1] == "..":
            return ("parent",)
        if t[1] == "@":
            return ("attr", self.take()[1])
        if t[0] != "name":
            raise XPathError("expected a step at '%s' in: %s" % (t[1],
                                                                 self.s))
        return ("child", t[1], self.preds())

    def preds(self):
        out = []
        while self.peek()[1] == "[":
            self.take()
            out.append(self.expr())
            self.take("]")
        return out

    def primary(self):
        t = self.take()
        if t[0] == "num":
            return ("num", float(t[1]))
        if t[0] == "str":
            return ("str", t[1][1:-1])
        if t[1] == "(":
            e = self.expr()
            self.take(")")
            return e
        if t[1] == "$":
            return ("var", self.take()[1])
        if t[0] == "name" and self.peek()[1] == "(":
            self.take("(")
            args = []
            if self.peek()[1] != ")":
                args.append(self.expr())
                while self.peek()[1] == ",":
                    self.take()
                    args.append(self.expr())
            self.take(")")
            return ("call", t[1], args)
        raise XPathError("unexpected '%s' in: %s" % (t[1], self.s))


def parse(s):
    return Parser(s).parse()


def walk(ast):
    """Every node of an AST, depth first."""
    yield ast
    kind = ast[0]
    if kind == "bin":
        yield from walk(ast[2])
        yield from walk(ast[3])
    elif kind == "neg":
        yield from walk(ast[1])
    elif kind == "call":
        for a in ast[2]:
            yield from walk(a)
    elif kind == "path":
        if ast[2] is not None:
            yield from walk(ast[2][0])
            for p in ast[2][1]:
                yield from walk(p)
        for st in ast[3]:
            if st[0] == "child":
                for p in st[2]:
                    yield from walk(p)


# --- evaluation -------------------------------------------------------------

EPOCH = datetime.date(1970, 1, 1)
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Doc:
    """A tree with parent links: the root element and a parent map."""

    def __init__(self, root):
        self.root = root
        self.parent = {}
        self.reindex()

    def reindex(self):
        self.parent = {c: p for p in self.root.iter() for c in p}


def local(tag):
    return tag.split("}", 1)[-1]


def text_of(node):
    if isinstance(node, tuple):         # attribute: (element, name)
        return node[0].get(node[1], "")
    return "".join(node.itertext())


def to_number(v):
    if isinstance(v, list):
        v = text_of(v[0]) if v else ""
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, float):
        return v
    s = v.strip()
    if DATE_RE.match(s):
        try:
            d = datetime.date(int(s[:4]), int(s[5:7]), int(s[8:10]))
            return float((d - EPOCH).days)
        except ValueError:
            return math.nan
    try:
        return float(s)
    except ValueError:
        return math.nan


def to_string(v):
    if isinstance(v, list):
        return text_of(v[0]) if v else ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if math.isnan(v):
            return "NaN"
        if v == int(v):
            return str(int(v))
        return repr(v)
    return v


def to_bool(v):
    if isinstance(v, list):
        return len(v) > 0
    if isinstance(v, bool):
        return v
    if isinstance(v, float):
        return not (v == 0 or math.isnan(v))
    return len(v) > 0


class Context:
    """What an evaluation needs: the primary doc, the secondary ones by id,
    the context node, today's date."""

    def __init__(self, primary, instances, today):
        self.primary = primary
        self.instances = instances
        self.today = today

    def doc_of(self, node):
        if node in self.primary.parent or node is self.primary.root:
            return self.primary
        for d in self.instances.values():
            if node is d.root or node in d.parent:
                return d
        raise XPathError("node of no known document")


def evaluate(ast, ctx, node, current=None):
    if current is None:
        current = node
    return Eval(ctx, current).ev(ast, node)


def compare(op, a, b):
    def cmp(x, y):
        if op in ("=", "!="):
            if isinstance(x, bool) or isinstance(y, bool):
                r = to_bool(x) == to_bool(y)
            elif isinstance(x, float) or isinstance(y, float):
                r = to_number(x) == to_number(y)
            else:
                r = to_string(x) == to_string(y)
            return r if op == "=" else not r
        x, y = to_number(x), to_number(y)
        return {"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y}[op]
    if isinstance(a, list) and isinstance(b, list):
        return any(cmp(text_of(x), text_of(y)) for x in a for y in b)
    if isinstance(a, list):
        if isinstance(b, bool):
            return cmp(to_bool(a), b)
        return any(cmp(text_of(x), b) for x in a)
    if isinstance(b, list):
        if isinstance(a, bool):
            return cmp(a, to_bool(b))
        return any(cmp(a, text_of(y)) for y in b)
    return cmp(a, b)


class Eval:
    def __init__(self, ctx, current):
        self.ctx = ctx
        self.current = current

    def ev(self, ast, node):
        k = ast[0]
        if k == "num":
            return ast[1]
        if k == "str":
            return ast[1]
        if k == "neg":
            return -to_number(self.ev(ast[1], node))
        if k == "bin":
            op = ast[1]
            if op == "or":
                return to_bool(self.ev(ast[2], node)) or \
                    to_bool(self.ev(ast[3], node))
            if op == "and":
                return to_bool(self.ev(ast[2], node)) and \
                    to_bool(self.ev(ast[3], node))
            a = self.ev(ast[2], node)
            b = self.ev(ast[3], node)
            if op in ("=", "!=", "<", "<=", ">", ">="):
                return compare(op, a, b)
            if op == "|":
                return a + [n for n in b if n not in a]
            x, y = to_number(a), to_number(b)
            if op == "+":
                return x + y
            if op == "-":
                return x - y
            if op == "*":
                return x * y
            if op == "div":
                if y == 0:
                    return math.nan if x == 0 or math.isnan(x) else \
                        math.copysign(math.inf, x)
                return x / y
            if op == "mod":
                return math.fmod(x, y) if y != 0 else math.nan
        if k == "path":
            return self.path(ast, node)
        if k == "call":
            return self.call(ast[1], ast[2], node)
        raise XPathError("cannot evaluate %r" % (ast,))

    def path(self, ast, node):
        _, how, filt, steps = ast
        if how == "abs":
            nodes = [self.ctx.primary.root]
            steps = list(steps)
            # /data/... : the first step names the root element itself
            if steps and steps[0][0] == "child":
                first = steps.pop(0)
                root = self.ctx.primary.root
                nodes = [root] if local(root.tag) == first[1] else []
                nodes = self.filter(nodes, first[2])
        elif how == "rel":
            nodes = [node]
        else:
            v = self.ev(filt[0], node)
            if not isinstance(v, list):
                if filt[1] or steps:
                    raise XPathError("not a node-set")
                return v
            nodes = self.filter(v, filt[1])
        for st in steps:
            out = []
            for n in nodes:
                if st[0] == "self":
                    cand = [n]
                elif st[0] == "parent":
                    p = self.ctx.doc_of(n).parent.get(n)
                    cand = [p] if p is not None else []
                elif st[0] == "attr":
                    cand = [(n, st[1])] if st[1] in n.attrib else []
                elif st[0] == "child":
                    cand = [c for c in n if st[1] == "*"
                            or local(c.tag) == st[1]]
                    cand = self.filter(cand, st[2])
                else:
                    raise XPathError("the descendant axis is not ODK")
                for c in cand:
                    if c not in out:
                        out.append(c)
            nodes = out
        return nodes

    def filter(self, nodes, preds):
        for p in preds:
            keep = []
            for i, n in enumerate(nodes):
                v = self.ev(p, n)
                if isinstance(v, float):
                    if v == i + 1:
                        keep.append(n)
                elif to_bool(v):
                    keep.append(n)
            nodes = keep
        return nodes

    def call(self, name, args, node):
        a = [self.ev(x, node) for x in args] if name not in ("if",) else None
        if name == "if":
            c = to_bool(self.ev(args[0], node))
            return self.ev(args[1] if c else args[2], node)
        if name == "instance":
            d = self.ctx.instances.get(to_string(a[0]))
            if d is None:
                raise XPathError("no instance '%s'" % to_string(a[0]))
            return [d.top]
        if name == "current":
            return [self.current]
        if name == "true":
            return True
        if name == "false":
            return False
        if name == "not":
            return not to_bool(a[0])
        if name == "boolean":
            return to_bool(a[0])
        if name == "number":
            return to_number(a[0])
        if name == "string":
            return to_string(a[0] if a else [node])
        if name == "int":
            x = to_number(a[0])
            return float(math.trunc(x)) if not math.isnan(x) else x
        if name == "abs":
            return abs(to_number(a[0]))
        if name == "round":
            x = to_number(a[0])
            d = int(to_number(a[1])) if len(a) > 1 else 0
            if math.isnan(x) or math.isinf(x):
                return x
            f = 10 ** d
            return math.floor(x * f + 0.5) / f
        if name == "count":
            return float(len(a[0]))
        if name == "sum":
            return float(sum(to_number(text_of(n)) for n in a[0]))
        if name == "concat":
            return "".join(to_string(x) for x in a)
        if name == "coalesce":
            s = to_string(a[0])
            return s if s != "" else to_string(a[1])
        if name == "string-length":
            return float(len(to_string(a[0] if a else [node])))
        if name == "substr":
            s = to_string(a[0])
            start = int(to_number(a[1]))
            end = int(to_number(a[2])) if len(a) > 2 else len(s)
            return s[start:end]
        if name == "contains":
            return to_string(a[1]) in to_string(a[0])
        if name == "starts-with":
            return to_string(a[0]).startswith(to_string(a[1]))
        if name == "ends-with":
            return to_string(a[0]).endswith(to_string(a[1]))
        if name == "substring-before":
            s, t = to_string(a[0]), to_string(a[1])
            return s.split(t, 1)[0] if t in s else ""
        if name == "substring-after":
            s, t = to_string(a[0]), to_string(a[1])
            return s.split(t, 1)[1] if t in s else ""
        if name == "translate":
            s, f, t = (to_string(x) for x in a)
            out = []
            for ch in s:
                i = f.find(ch)
                if i < 0:
                    out.append(ch)
                elif i < len(t):
                    out.append(t[i])
            return "".join(out)
        if name == "regex":
            return re.fullmatch(to_string(a[1]).lstrip("^").rstrip("$"),
                                to_string(a[0])) is not None
        if name == "selected":
            return to_string(a[1]).strip() in to_string(a[0]).split()
        if name == "count-selected":
            return float(len(to_string(a[0]).split()))
        if name == "today":
            return self.ctx.today.isoformat()
        if name == "decimal-date-time":
            return to_number(a[0])
        if name == "format-date":
            x = to_number(a[0])
            if math.isnan(x):
                return ""
            d = EPOCH + datetime.timedelta(days=int(x))
            return to_string(a[1]).replace("%Y", "%04d" % d.year).replace(
                "%m", "%02d" % d.month).replace("%d", "%02d" % d.day)
        raise XPathError("function %s() is not implemented by this checker"
                         % name)
