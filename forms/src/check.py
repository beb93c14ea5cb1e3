#!/usr/bin/env python3
"""check.py: check the report forms and fill them with the samples.

    python3 forms/src/check.py [--today YYYY-MM-DD] [--show FIELD,...]
                               [FORM.xml [SAMPLE.csv]]...

Without arguments it checks forms/htx-cds-01.xml and forms/htx-hd-01.xml
and the samples forms/samples/<form-id>-*.csv.  For a form it checks:
well-formed XML; the primary instance (root <data id= version=>, meta);
every bind nodeset exists; every leaf has a bind and is reachable (a
control or a calculate); every jr:itext id exists, non-empty, in both
translations and both translations hold the same ids; the translations
are "... (vi)" (default) and "... (en)"; every instance('x') exists and so
does its media file; choice values are unique and have no spaces; every
expression parses, uses only ODK functions and refers to nodes that
exist; constraints and warnings have messages; no calculate depends on
itself.  For a sample it fills a copy of the instance, evaluates
calculates and relevance to a fixed point, and reports every error
(required, constraint, type, unknown choice, a value for a non-relevant or
unknown field) and every warning (coop:warning).  --show prints computed
values.  The exit status is 1 when anything is wrong.
"""

import copy
import csv
import datetime
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import xpath  # noqa: E402
from xpath import Doc, Context, evaluate, parse, to_bool, to_string, \
    local  # noqa: E402

XF = "{http://www.w3.org/2002/xforms}"
H = "{http://www.w3.org/1999/xhtml}"
JR = "{http://openrosa.org/javarosa}"
COOP = "{urn:coopreport:xforms:1}"
ITEXT = re.compile(r"^jr:itext\('([^']*)'\)$")
EXPR_ATTRS = ("relevant", "required", "readonly", "constraint", "calculate",
              COOP + "warning")
CONTROLS = ("input", "select1", "select", "upload", "trigger")


class Form:
    def __init__(self, path):
        self.path = path
        self.errors = []
        self.tree = ET.parse(path)
        self.html = self.tree.getroot()
        self.model = self.html.find(H + "head/" + XF + "model")
        insts = self.model.findall(XF + "instance")
        self.primary = list(insts[0])[0]
        self.instances = {}         # id -> Doc with .top
        self.media = os.path.splitext(path)[0] + "-media"
        for inst in insts[1:]:
            self.instances[inst.get("id")] = self.load_instance(inst)
        self.binds = self.model.findall(XF + "bind")
        self.bind_of = {b.get("nodeset"): b for b in self.binds}

    def err(self, msg):
        self.errors.append(msg)

    def load_instance(self, inst):
        src = inst.get("src")
        if src is None:
            top = inst
        else:
            top = ET.Element("instance")
            m = re.match(r"^jr://(file|file-csv)/(.+)$", src)
            fpath = os.path.join(self.media, m.group(2)) if m else ""
            if not m or not os.path.exists(fpath):
                self.err("instance '%s': media file '%s' is missing"
                         % (inst.get("id"), src))
                ET.SubElement(top, "root")
            elif m.group(1) == "file":
                top.append(ET.parse(fpath).getroot())
            else:
                root = ET.SubElement(top, "root")
                with open(fpath, encoding="utf-8", newline="") as f:
                    for row in csv.DictReader(f):
                        item = ET.SubElement(root, "item")
                        for k, v in row.items():
                            ET.SubElement(item, k).text = v
        d = Doc(top)
        d.top = top
        return d

    # -- schema: which element paths exist ---------------------------------

    def schema(self):
        s = {"": set()}
        for el in self.primary.iter():
            s[""].add(self.elpath(el, self.primary))
        for iid, d in self.instances.items():
            s[iid] = {self.elpath(el, d.top)[1:] for el in d.top.iter()}
        return s

    @staticmethod
    def elpath(el, top):
        parents = {c: p for p in top.iter() for c in p}
        names = []
        while el is not None:
            names.append(local(el.tag))
            el = parents.get(el)
        return tuple(reversed(names))


def strip_ns(tag):
    return tag.split("}", 1)[-1]


# --- static checks ----------------------------------------------------------

def check_paths(form, schema, ast, doc, path, where, refs):
    """Walk ast; check every path exists; collect primary refs."""
    k = ast[0]
    if k == "path":
        _, how, filt, steps = ast
        if how == "abs":
            d, p = "", ()
        elif how == "rel":
            d, p = doc, path
        else:
            prim, preds = filt
            if prim[0] == "call" and prim[1] == "instance":
                iid = prim[2][0][1] if prim[2] and prim[2][0][0] == "str" \
                    else None
                if iid not in form.instances:
                    form.err("%s: unknown instance('%s')" % (where, iid))
                    return
                d, p = iid, ()
            elif prim[0] == "call" and prim[1] == "current":
                d, p = "", tuple(where_path(where))
            else:
                check_paths(form, schema, prim, doc, path, where, refs)
                return
            for pr in preds:
                check_paths(form, schema, pr, d, p, where, refs)
        for st in steps:
            if st[0] == "self":
                continue
            if st[0] == "parent":
                p = p[:-1]
                continue
            if st[0] != "child":
                form.err("%s: only child, parent and self steps are ODK"
                         % where)
                return
            p = p + (st[1],)
            if p not in schema[d]:
                form.err("%s: '%s' does not exist in %s" % (
                    where, "/".join(p), "the primary instance" if d == ""
                    else "instance('%s')" % d))
                return
            for pr in st[2]:
                check_paths(form, schema, pr, d, p, where, refs)
        if d == "":
            refs.add("/" + "/".join(p))
        return
    if k == "call":
        if ast[1] not in xpath.ODK_FUNCTIONS:
            form.err("%s: %s() is not an ODK function" % (where, ast[1]))
        for a in ast[2]:
            check_paths(form, schema, a, doc, path, where, refs)
        return
    if k == "bin":
        check_paths(form, schema, ast[2], doc, path, where, refs)
        check_paths(form, schema, ast[3], doc, path, where, refs)
    elif k == "neg":
        check_paths(form, schema, ast[1], doc, path, where, refs)


def where_path(where):
    return [x for x in where.split(" ")[0].split("/") if x]


def static_check(form):
    schema = form.schema()
    prim = form.primary
    if local(prim.tag) != "data" or not prim.get("id") or \
            not prim.get("version"):
        form.err("the primary instance must be <data id=... version=...>")
    if prim.tag != XF + "data":
        form.err("the primary instance is not in the XForms namespace")
    for m in ("instanceID", "instanceName", "timeStart", "timeEnd",
              "deprecatedID"):
        if ("data", "meta", m) not in schema[""]:
            form.err("meta/%s is missing" % m)

    # translations
    trans = form.model.findall(XF + "itext/" + XF + "translation")
    langs = [t.get("lang") for t in trans]
    if len(trans) != 2 or not langs[0].endswith("(vi)") or \
            not langs[1].endswith("(en)") or \
            trans[0].get("default") != "true()":
        form.err("translations must be '... (vi)' (default) and '... (en)'"
                 ", got %r" % langs)
    ids = []
    for t in trans:
        texts = {}
        for tx in t.findall(XF + "text"):
            v = tx.find(XF + "value")
            if v is None or not "".join(v.itertext()).strip() and \
                    v.find(XF + "output") is None:
                form.err("itext '%s' is empty in '%s'" % (tx.get("id"),
                                                          t.get("lang")))
            if tx.get("id") in texts:
                form.err("itext '%s' twice in '%s'" % (tx.get("id"),
                                                       t.get("lang")))
            texts[tx.get("id")] = v
            for out in v.iter(XF + "output"):
                expr_check(form, schema, out.get("value"), "", (),
                           "itext %s" % tx.get("id"), set())
        ids.append(set(texts))
    if len(ids) == 2 and ids[0] != ids[1]:
        form.err("translations differ in ids: %s"
                 % sorted(ids[0] ^ ids[1])[:10])
    all_ids = ids[0] if ids else set()

    def itext_ref(value, where):
        m = ITEXT.match(value or "")
        if m and m.group(1) not in all_ids:
            form.err("%s: itext '%s' does not exist" % (where, m.group(1)))
        return m

    # binds
    bound = set()
    graph = {}
    for b in form.binds:
        ns = b.get("nodeset")
        where = ns
        p = tuple(x for x in ns.split("/") if x)
        if p not in schema[""]:
            form.err("bind '%s': no such node" % ns)
            continue
        if ns in bound:
            form.err("bind '%s' twice" % ns)
        bound.add(ns)
        for attr in EXPR_ATTRS:
            v = b.get(attr)
            if v is None:
                continue
            refs = set()
            expr_check(form, schema, v, "", p, "%s %s" % (where,
                                                          strip_ns(attr)),
                       refs)
            if attr == "calculate":
                graph[ns] = refs
        for cattr, mattr in (("constraint", JR + "constraintMsg"),
                             (COOP + "warning", COOP + "warningMsg")):
            if b.get(cattr) and not b.get(mattr):
                form.err("bind '%s': %s without a message" % (
                    ns, strip_ns(cattr)))
            if b.get(mattr):
                itext_ref(b.get(mattr), ns)
        if b.get(JR + "requiredMsg"):
            itext_ref(b.get(JR + "requiredMsg"), ns)
    calcs = set(graph)
    for c in calcs:
        seen, stack = set(), [c]
        while stack:
            n = stack.pop()
            for r in graph.get(n, ()):
                if r == c:
                    form.err("calculate '%s' depends on itself" % c)
                    stack = []
                    break
                if r in calcs and r not in seen:
                    seen.add(r)
                    stack.append(r)

    # leaves: bound and reachable
    controls = set()
    body = form.html.find(H + "body")
    for el in body.iter():
        name = strip_ns(el.tag)
        ref = el.get("ref")
        if name in ("label", "hint"):
            itext_ref(el.get("ref"), "body")
            continue
        if name in CONTROLS:
            controls.add(ref)
            if ref not in form.bind_of:
                form.err("control '%s' has no bind" % ref)
        if name == "setvalue":
            if tuple(x for x in ref.split("/") if x) not in schema[""]:
                form.err("setvalue: no node '%s'" % ref)
            expr_check(form, schema, el.get("value"), "", (),
                       "setvalue %s" % ref, set())
        if name == "itemset":
            expr_check(form, schema, el.get("nodeset"), "", (),
                       "itemset", set())
            check_choices(form, el)
        if name == "repeat" and tuple(
                x for x in el.get("nodeset").split("/") if x) \
                not in schema[""]:
            form.err("repeat '%s': no such node" % el.get("nodeset"))
    for sv in form.model.findall(XF + "setvalue"):
        expr_check(form, schema, sv.get("value"), "", (),
                   "setvalue %s" % sv.get("ref"), set())
    templates = {el for el in prim.iter() if el.get(JR + "template") == ""}
    for el in prim.iter():
        p = form.elpath(el, prim)
        if len(el) or p[:2] == ("data", "meta"):
            continue
        ns = "/" + "/".join(p)
        if ns not in form.bind_of:
            form.err("'%s' has no bind" % ns)
        elif ns not in controls and \
                form.bind_of[ns].get("calculate") is None:
            form.err("'%s' has neither a control nor a calculate" % ns)
    if not templates and any(strip_ns(e.tag) == "repeat"
                             for e in body.iter()):
        form.err("repeats without a jr:template")
    with open(form.path, encoding="utf-8") as f:
        head = f.read(4000)
    if 'xmlns:coop="urn:coopreport:xforms:1"' not in head:
        form.err("the coop: namespace is not declared on the root")


def expr_check(form, schema, text, doc, path, where, refs):
    try:
        ast = parse(text)
    except xpath.XPathError as e:
        form.err("%s: %s" % (where, e))
        return
    check_paths(form, schema, ast, doc, path, where, refs)


def check_choices(form, itemset):
    m = re.match(r"^instance\('([^']+)'\)", itemset.get("nodeset"))
    if not m or m.group(1) not in form.instances:
        return
    d = form.instances[m.group(1)]
    names = [to_string([n.find("name")]) for n in d.top.iter("item")
             if n.find("name") is not None]
    names += [n.findtext(XF + "name") for n in d.top.iter(XF + "item")]
    seen = set()
    for n in names:
        if n in seen or not re.fullmatch(r"\S+", n or ""):
            form.err("instance('%s'): choice value %r repeated or has "
                     "spaces" % (m.group(1), n))
        seen.add(n)
    label = itemset.find(XF + "label").get("ref")
    if label == "jr:itext(itextId)":
        trans = form.model.find(XF + "itext/" + XF + "translation")
        have = {t.get("id") for t in trans.findall(XF + "text")}
        for it in d.top.iter(XF + "item"):
            if it.findtext(XF + "itextId") not in have:
                form.err("instance('%s'): itext '%s' missing" % (
                    m.group(1), it.findtext(XF + "itextId")))


# --- filling a sample -------------------------------------------------------

class Filled:
    def __init__(self, form, today):
        self.form = form
        self.errors = []
        self.warnings = []
        root = copy.deepcopy(form.primary)
        self.templates = {}
        for parent in list(root.iter()):
            for c in list(parent):
                if c.get(JR + "template") is not None:
                    t = copy.deepcopy(c)
                    del t.attrib[JR + "template"]
                    self.templates[local(c.tag)] = (parent, t)
                    parent.remove(c)
        self.doc = Doc(root)
        self.ctx = Context(self.doc, form.instances, today)
        self.given = {}

    def node(self, relpath, create=False):
        cur = self.doc.root
        for part in relpath.split("/"):
            m = re.fullmatch(r"([A-Za-z_][\w.-]*)(?:\[(\d+)\])?", part)
            if not m:
                return None
            name, idx = m.group(1), int(m.group(2) or 1)
            kids = [c for c in cur if local(c.tag) == name]
            while create and len(kids) < idx and name in self.templates:
                parent, tmpl = self.templates[name]
                new = copy.deepcopy(tmpl)
                pos = list(cur).index(kids[-1]) + 1 if kids else \
                    self.template_pos(cur, name)
                cur.insert(pos, new)
                kids.append(new)
            if len(kids) < idx:
                return None
            cur = kids[idx - 1]
        self.doc.reindex()
        return cur

    def template_pos(self, parent, name):
        order = [local(c.tag) for c in self.form.primary]
        want = order.index(name)
        for i, c in enumerate(parent):
            if order.index(local(c.tag)) > want:
                return i
        return len(parent)

    def load_csv(self, path):
        with open(path, encoding="utf-8", newline="") as f:
            r = csv.reader(f)
            if next(r) != ["path", "value"]:
                self.errors.append("%s: the header must be 'path,value'"
                                   % path)
            for row in r:
                if len(row) != 2:
                    self.errors.append("%s: bad line %r" % (path, row))
                    continue
                n = self.node(row[0], create=True)
                if n is None or len(n):
                    self.errors.append("sample sets unknown field '%s'"
                                       % row[0])
                    continue
                n.text = row[1]
                self.given[n] = row[0]

    def nodes_of(self, nodeset):
        parts = [x for x in nodeset.split("/") if x][1:]
        cur = [self.doc.root]
        for p in parts:
            cur = [c for n in cur for c in n if local(c.tag) == p]
        return cur

    def ev(self, text, node):
        return evaluate(parse(text), self.ctx, node)

    def relevant(self, node, cache):
        if node in cache:
            return cache[node]
        parent = self.doc.parent.get(node)
        ok = True
        if parent is not None:
            ok = self.relevant(parent, cache)
        b = self.form.bind_of.get(self.path_of(node))
        if ok and b is not None and b.get("relevant"):
            ok = to_bool(self.ev(b.get("relevant"), node))
        cache[node] = ok
        return ok

    def path_of(self, node):
        names = []
        while node is not None:
            names.append(local(node.tag))
            node = self.doc.parent.get(node)
        return "/" + "/".join(reversed(names))

    def run(self):
        cleared = {}
        for _ in range(60):
            changed = False
            cache = {}
            for n in list(self.doc.root.iter()):
                if len(n) == 0 and not self.relevant(n, cache) and \
                        (n.text or "") != "":
                    cleared[n] = n.text
                    n.text = ""
                    changed = True
            for b in self.form.binds:
                if b.get("calculate") is None:
                    continue
                for n in self.nodes_of(b.get("nodeset")):
                    v = ""
                    if self.relevant(n, cache):
                        v = to_string(self.ev(b.get("calculate"), n))
                    if (n.text or "") != v:
                        n.text = v
                        changed = True
                        cache = {}
            if not changed:
                break
        else:
            self.errors.append("calculates do not settle")
        for n, v in cleared.items():
            if n in self.given:
                self.errors.append("'%s' is set but not relevant"
                                   % self.given[n])
        self.validate()

    def validate(self):
        cache = {}
        for b in self.form.binds:
            if b.get("calculate") is not None:
                continue
            for n in self.nodes_of(b.get("nodeset")):
                if not self.relevant(n, cache):
                    continue
                where = self.show_path(n)
                v = n.text or ""
                if v == "":
                    if b.get("required") and \
                            to_bool(self.ev(b.get("required"), n)):
                        self.errors.append("%s: required" % where)
                    continue
                self.check_type(b, n, v, where)
                if b.get("constraint") and \
                        not to_bool(self.ev(b.get("constraint"), n)):
                    self.errors.append("%s: constraint fails (%r)"
                                       % (where, v))
                w = b.get(COOP + "warning")
                if w and not to_bool(self.ev(w, n)):
                    self.warnings.append("%s: warning (%r)" % (where, v))

    def show_path(self, node):
        parts = []
        while node is not None and node is not self.doc.root:
            parent = self.doc.parent[node]
            same = [c for c in parent if c.tag == node.tag]
            name = local(node.tag)
            if len(node) and node.tag in (c.tag for c in self.form.primary
                                          .iter() if c.get(JR + "template")
                                          is not None):
                name += "[%d]" % (same.index(node) + 1)
            parts.append(name)
            node = parent
        return "/".join(reversed(parts))

    def check_type(self, b, n, v, where):
        t = b.get("type")
        ok = True
        if t == "int":
            ok = re.fullmatch(r"-?\d+", v) is not None
        elif t == "decimal":
            ok = re.fullmatch(r"-?\d+(\.\d+)?", v) is not None
        elif t == "date":
            try:
                datetime.date.fromisoformat(v)
            except ValueError:
                ok = False
        if not ok:
            self.errors.append("%s: %r is not of type %s" % (where, v, t))
        ctl = self.control(b.get("nodeset"))
        if ctl is not None and strip_ns(ctl.tag) in ("select1", "select"):
            items = ctl.find(XF + "itemset")
            names = {to_string([i.find("name") if i.find("name") is not None
                                else i.find(XF + "name")])
                     for i in self.ev(items.get("nodeset"), n)}
            for val in (v.split() if strip_ns(ctl.tag) == "select" else [v]):
                if val not in names:
                    self.errors.append("%s: %r is not a choice" % (where,
                                                                   val))
        if ctl is not None and strip_ns(ctl.tag) == "trigger" and v != "OK":
            self.errors.append("%s: a trigger holds 'OK'" % where)

    def control(self, ref):
        for el in self.form.html.find(H + "body").iter():
            if el.get("ref") == ref and strip_ns(el.tag) in CONTROLS:
                return el
        return None


def report(name, problems, okmsg):
    """One TAP-like line, then the problems; 1 when there are any."""
    if not problems:
        print("ok - %s: %s" % (name, okmsg))
        return 0
    print("not ok - %s: %d problems" % (name, len(problems)))
    for e in problems:
        print("#   " + e)
    return 1


def main(argv):
    args = argv[1:]
    today = datetime.date.today()
    show = []
    while args and args[0].startswith("--"):
        opt = args.pop(0)
        if opt == "--today":
            today = datetime.date.fromisoformat(args.pop(0))
        elif opt == "--show":
            show = args.pop(0).split(",")
        else:
            print("usage: check.py [--today DATE] [--show F,...] "
                  "[FORM [SAMPLE]]...", file=sys.stderr)
            return 2
    top = os.path.dirname(HERE)
    jobs = []
    if not args:
        for f in sorted(glob.glob(os.path.join(top, "htx-*.xml"))):
            fid = os.path.basename(f)[:-4]
            jobs.append((f, sorted(glob.glob(os.path.join(
                top, "samples", fid + "-*.csv")))))
    else:
        while args:
            f = args.pop(0)
            samples = []
            while args and args[0].endswith(".csv"):
                samples.append(args.pop(0))
            jobs.append((f, samples))
    bad = 0
    for f, samples in jobs:
        try:
            form = Form(f)
        except ET.ParseError as e:
            print("not ok - %s: %s" % (f, e))
            bad += 1
            continue
        static_check(form)
        bad += report(os.path.basename(f), form.errors,
                      "%d binds, %d texts checked" % (
                          len(form.binds), len(form.model.findall(
                              XF + "itext/" + XF + "translation/" + XF
                              + "text"))))
        for s in samples:
            fl = Filled(form, today)
            fl.load_csv(s)
            fl.run()
            bad += report(os.path.basename(s), fl.errors,
                          "no errors, %d warnings" % len(fl.warnings))
            for w in fl.warnings:
                print("#   " + w)
            for fld in show:
                n = fl.node(fld)
                if n is not None:
                    print("%s=%s" % (fld, n.text or ""))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
