"""xform.py: turn a compact, XLSForm-like table into an ODK XForm.

A form is a list of rows made with the helpers below (q, section, repeat,
end) plus choice lists.  The output follows what pyxform writes: primary
instance <data id=... version=...> in the XForms default namespace, binds,
itext with one translation per language (Vietnamese first, the default),
choice lists as secondary instances read through itemsets with
jr:itext(itextId), repeats with a jr:template, meta at the end.

Two house conventions on top of pyxform:
  - sections are presentation groups (a label, no ref); a section's
    "relevant" is and-ed into every field inside it;
  - soft checks: coop:warning / coop:warningMsg on a bind
    (see forms/README.md).

Expressions may use ${name}: a field at the top level becomes /data/name,
a field of the same repeat becomes ../name, and a field of a repeat
seen from outside becomes /data/repeat/name.  In a label or hint, ${name}
becomes <output value="..."/>.

Only the Python standard library is used.
"""

import re
from xml.sax.saxutils import escape, quoteattr

NS = {
    "": "http://www.w3.org/2002/xforms",
    "ev": "http://www.w3.org/2001/xml-events",
    "h": "http://www.w3.org/1999/xhtml",
    "jr": "http://openrosa.org/javarosa",
    "odk": "http://www.opendatakit.org/xforms",
    "orx": "http://openrosa.org/xforms",
    "xsd": "http://www.w3.org/2001/XMLSchema",
    "coop": "urn:coopreport:xforms:1",
}

LANGS = (("vi", "Tiếng Việt (vi)"), ("en", "English (en)"))

BIND_TYPES = {
    "text": "string",
    "integer": "int",
    "decimal": "decimal",
    "date": "date",
    "select_one": "string",
    "select_multiple": "string",
    "trigger": "string",
    "note": "string",
    "image": "binary",
    "file": "binary",
}

REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


class Row:
    """One field, section, repeat or end marker."""

    def __init__(self, kind, name=None, vi=None, en=None, **kw):
        self.kind = kind
        self.name = name
        self.vi = vi
        self.en = en
        self.kw = kw
        self.path = None
        self.repeat = None          # enclosing repeat row, if any
        self.section_relevant = []  # relevants of enclosing sections


def q(kind, name, vi, en, **kw):
    """A question or calculate.  kind: text, integer, decimal, date,
    select_one LIST, select_multiple LIST, calculate, note, trigger,
    image, file."""
    return Row(kind, name, vi, en, **kw)


def section(key, vi, en, **kw):
    return Row("section", key, vi, en, **kw)


def repeat(name, vi, en, **kw):
    return Row("repeat", name, vi, en, **kw)


def end():
    return Row("end")


class FormError(Exception):
    pass


class Form:
    def __init__(self, form_id, version, title, rows, choices, instances=(),
                 texts=None, header=""):
        self.id = form_id
        self.version = version
        self.title = title
        self.rows = rows
        self.choices = choices          # name -> [(value, vi, en), ...]
        self.instances = list(instances)  # (id, src or None, xml or None)
        self.extra_texts = texts or {}  # itext id -> (vi, en)
        self.header = header
        self.fields = {}
        self.texts = {}                 # itext id -> (vi, en), in order
        self._resolve()

    # -- structure ---------------------------------------------------------

    def _resolve(self):
        stack = []      # open sections and repeats
        for r in self.rows:
            if r.kind == "end":
                if not stack:
                    raise FormError("'end' without an open section")
                stack.pop()
                continue
            rep = next((s for s in reversed(stack) if s.kind == "repeat"),
                       None)
            r.repeat = rep
            r.section_relevant = [s.kw["relevant"] for s in stack
                                  if s.kind == "section"
                                  and s.kw.get("relevant")]
            if r.kind == "section":
                stack.append(r)
                continue
            base = rep.path if rep else "/data"
            r.path = base + "/" + r.name
            key = r.name if rep is None else rep.name + "/" + r.name
            if r.name in self.fields and rep is None:
                raise FormError("duplicate field '%s'" % r.name)
            if rep is None:
                self.fields[r.name] = r
            else:
                self.fields.setdefault(r.name, r)
                self.fields[key] = r
            if r.kind == "repeat":
                stack.append(r)
        if stack:
            raise FormError("section or repeat '%s' not closed"
                            % stack[-1].name)

    def expr(self, text, row):
        """Expand ${name} in an expression seen from row."""
        if text is None:
            return None

        def sub(m):
            name = m.group(1)
            if row is not None and row.repeat is not None:
                key = row.repeat.name + "/" + name
                if key in self.fields:
                    return "../" + name if row.kind != "repeat" else name
            if name not in self.fields:
                raise FormError("unknown field ${%s} in '%s'" % (name, text))
            return self.fields[name].path
        return REF.sub(sub, text)

    def relevant(self, r):
        parts = list(r.section_relevant)
        if r.kw.get("relevant"):
            parts.append(r.kw["relevant"])
        if not parts:
            return None
        if len(parts) == 1:
            return self.expr(parts[0], r)
        return " and ".join("(%s)" % self.expr(p, r) for p in parts)

    # -- itext ---------------------------------------------------------------

    def text(self, tid, vi, en):
        if not vi or not en:
            raise FormError("text '%s' needs both languages" % tid)
        old = self.texts.get(tid)
        if old is not None and old != (vi, en):
            raise FormError("text '%s' defined twice differently" % tid)
        self.texts[tid] = (vi, en)
        return "jr:itext('%s')" % tid

    # -- output --------------------------------------------------------------

    def to_xml(self):
        out = []
        w = out.append
        w('<?xml version="1.0" encoding="UTF-8"?>')
        if self.header:
            w("<!--")
            for line in self.header.strip("\n").split("\n"):
                w(("  " + line).rstrip())
            w("-->")
        nsattrs = " ".join(
            ('xmlns="%s"' % u) if p == "" else ('xmlns:%s="%s"' % (p, u))
            for p, u in NS.items())
        w("<h:html %s>" % nsattrs)
        w("  <h:head>")
        w("    <h:title>%s</h:title>" % escape(self.title))
        w('    <model odk:xforms-version="1.0.0">')
        body = self._body()
        binds = self._binds()
        model_actions = self._model_actions()
        instance = self._instance()
        choice_instances = self._choice_instances()
        self._itext(w)
        w("      <instance>")
        out.extend("        " + line for line in instance)
        w("      </instance>")
        for iid, src, xml in self.instances:
            if src:
                w('      <instance id=%s src=%s/>' % (quoteattr(iid),
                                                    quoteattr(src)))
            else:
                w('      <instance id=%s>' % quoteattr(iid))
                out.extend("        " + line for line in xml)
                w("      </instance>")
        out.extend(choice_instances)
        out.extend(binds)
        out.extend(model_actions)
        w("    </model>")
        w("  </h:head>")
        w("  <h:body>")
        out.extend(body)
        w("  </h:body>")
        w("</h:html>")
        return "\n".join(out) + "\n"

    def _itext(self, w):
        for tid, pair in self.extra_texts.items():
            self.text(tid, *pair)
        w("      <itext>")
        for i, (code, lang) in enumerate(LANGS):
            default = ' default="true()"' if i == 0 else ""
            w('        <translation lang=%s%s>' % (quoteattr(lang), default))
            for tid, pair in self.texts.items():
                w('          <text id=%s>' % quoteattr(tid))
                w("            <value>%s</value>" % self._label_xml(pair[i]))
                w("          </text>")
            w("        </translation>")
        w("      </itext>")

    def _label_xml(self, s):
        """Label text with ${name} turned into <output value=.../>."""
        parts = []
        pos = 0
        for m in REF.finditer(s):
            parts.append(escape(s[pos:m.start()]))
            path = self.fields[m.group(1)].path
            parts.append('<output value=" %s "/>' % path)
            pos = m.end()
        parts.append(escape(s[pos:]))
        return "".join(parts)

    def _instance(self):
        lines = ['<data id=%s version=%s>' % (quoteattr(self.id),
                                               quoteattr(self.version))]
        depth = 1
        for r in self.rows:
            ind = "  " * depth
            if r.kind == "section":
                continue
            if r.kind == "end":
                continue
            if r.kind == "repeat":
                kids = self._repeat_children(r)
                lines.append(ind + '<%s jr:template="">' % r.name)
                for k in kids:
                    lines.append(ind + "  <%s/>" % k.name)
                lines.append(ind + "</%s>" % r.name)
                for rowvals in r.kw.get("rows", []):
                    lines.append(ind + "<%s>" % r.name)
                    for k in kids:
                        v = rowvals.get(k.name)
                        if v is None:
                            lines.append(ind + "  <%s/>" % k.name)
                        else:
                            lines.append(ind + "  <%s>%s</%s>"
                                         % (k.name, escape(v), k.name))
                    lines.append(ind + "</%s>" % r.name)
                continue
            if r.repeat is not None:
                continue
            default = r.kw.get("default")
            if default is None:
                lines.append(ind + "<%s/>" % r.name)
            else:
                lines.append(ind + "<%s>%s</%s>" % (r.name, escape(default),
                                                    r.name))
        lines += ["  <meta>", "    <instanceID/>", "    <instanceName/>",
                  "    <timeStart/>", "    <timeEnd/>", "    <deprecatedID/>",
                  "  </meta>", "</data>"]
        return lines

    def _repeat_children(self, rep):
        return [r for r in self.rows if r.repeat is rep
                and r.kind not in ("section", "end")]

    def _choice_instances(self):
        used = []
        for r in self.rows:
            lst = self._list_of(r)
            if lst and lst not in used and r.kw.get("itemset") is None:
                used.append(lst)
        out = []
        for lst in used:
            if lst not in self.choices:
                raise FormError("unknown choice list '%s'" % lst)
            out.append('      <instance id=%s>' % quoteattr(lst))
            out.append("        <root>")
            seen = set()
            for i, (value, vi, en) in enumerate(self.choices[lst]):
                if value in seen or not re.fullmatch(r"[^\s]+", value):
                    raise FormError("bad or repeated value '%s' in list '%s'"
                                    % (value, lst))
                seen.add(value)
                tid = "%s-%d" % (lst, i)
                self.text(tid, vi, en)
                out.append("          <item>")
                out.append("            <itextId>%s</itextId>" % tid)
                out.append("            <name>%s</name>" % escape(value))
                out.append("          </item>")
            out.append("        </root>")
            out.append("      </instance>")
        return out

    @staticmethod
    def _list_of(r):
        if r.kind.startswith("select_one ") or \
                r.kind.startswith("select_multiple "):
            return r.kind.split()[1]
        return None

    def _binds(self):
        out = []
        for r in self.rows:
            if r.kind in ("section", "end"):
                continue
            a = [("nodeset", r.path)]
            kind = r.kind.split()[0]
            if kind == "repeat":
                rel = self.relevant(r)
                if rel:
                    a.append(("relevant", rel))
                    out.append(self._bind(a))
                continue
            if kind == "calculate":
                a.append(("type", r.kw.get("type", "string")))
                a.append(("calculate", self.expr(r.kw["calculate"], r)))
                a.append(("readonly", "true()"))
            else:
                a.append(("type", BIND_TYPES[kind]))
            rel = self.relevant(r)
            if rel:
                a.append(("relevant", rel))
            req = r.kw.get("required")
            if req is True:
                a.append(("required", "true()"))
            elif req:
                a.append(("required", self.expr(req, r)))
            ro = r.kw.get("readonly")
            if ro is True or kind == "note":
                a.append(("readonly", "true()"))
            elif ro:
                a.append(("readonly", self.expr(ro, r)))
            self._check(a, r, "constraint", "constraint", "cmsg",
                        "jr:constraintMsg")
            if req and r.kw.get("rmsg"):
                a.append(("jr:requiredMsg",
                          self.text(r.path + ":jr:requiredMsg",
                                    *r.kw["rmsg"])))
            self._check(a, r, "warning", "coop:warning", "wmsg",
                        "coop:warningMsg")
            if kind == "calculate" and r.kw.get("readonly") is False:
                a = [x for x in a if x[0] != "readonly"]
            out.append(self._bind(a))
        # meta, as pyxform writes it
        meta = [
            ("instanceID", [("type", "string"), ("readonly", "true()"),
                            ("jr:preload", "uid")]),
            ("instanceName", [("type", "string"),
                              ("calculate",
                               self.expr(self.instance_name, None))]),
            ("timeStart", [("type", "dateTime"), ("jr:preload", "timestamp"),
                           ("jr:preloadParams", "start")]),
            ("timeEnd", [("type", "dateTime"), ("jr:preload", "timestamp"),
                         ("jr:preloadParams", "end")]),
            ("deprecatedID", [("type", "string"), ("readonly", "true()")]),
        ]
        for name, attrs in meta:
            out.append(self._bind([("nodeset", "/data/meta/" + name)]
                                  + attrs))
        return out

    def _check(self, attrs, r, key, attr, msgkey, msgattr):
        """A constraint or a warning and its message."""
        if not r.kw.get(key):
            return
        attrs.append((attr, self.expr(r.kw[key], r)))
        msg = r.kw.get(msgkey)
        if not msg:
            raise FormError("'%s' has a %s and no message" % (r.name, key))
        attrs.append((msgattr, self.text(r.path + ":" + msgattr, *msg)))

    instance_name = "concat('form', '')"

    @staticmethod
    def _bind(attrs):
        return "      <bind %s/>" % " ".join("%s=%s" % (k, quoteattr(v))
                                            for k, v in attrs)

    def _model_actions(self):
        out = []
        for r in self.rows:
            v = r.kw.get("first_load")
            if v is not None:
                out.append('      <setvalue event="odk-instance-first-load" '
                           'ref=%s value=%s/>'
                           % (quoteattr(r.path), quoteattr(self.expr(v, r))))
        return out

    def _body(self):
        out = []
        depth = 2
        stack = []
        for r in self.rows:
            ind = "  " * depth
            if r.kind == "end":
                top = stack.pop()
                depth -= 1 if top.kind == "section" else 2
                ind = "  " * depth
                if top.kind == "repeat":
                    out.append(ind + "  </repeat>")
                out.append(ind + "</group>")
                continue
            if r.kind == "section":
                out.append(ind + "<group>")
                out.append(ind + '  <label ref="%s"/>'
                           % self.text("%s:label" % r.name, r.vi, r.en))
                stack.append(r)
                depth += 1
                continue
            if r.kind == "repeat":
                out.append(ind + '<group ref="%s">' % r.path)
                out.append(ind + '  <label ref="%s"/>'
                           % self.text(r.path + ":label", r.vi, r.en))
                extra = ""
                if r.kw.get("count"):
                    extra += ' jr:count="%s"' % r.kw["count"]
                if r.kw.get("noaddremove"):
                    extra += ' jr:noAddRemove="true()"'
                out.append(ind + '  <repeat nodeset="%s"%s>' % (r.path, extra))
                stack.append(r)
                depth += 2
                continue
            kind = r.kind.split()[0]
            if kind == "calculate":
                continue
            out.extend(self._control(r, kind, ind))
        if stack:
            raise FormError("unclosed group")
        return out

    def _control(self, r, kind, ind):
        tag = {"select_one": "select1", "select_multiple": "select",
               "trigger": "trigger", "image": "upload",
               "file": "upload"}.get(kind, "input")
        attrs = ' ref="%s"' % r.path
        if kind == "image":
            attrs += ' mediatype="image/*"'
        elif kind == "file":
            attrs += ' mediatype="application/*"'
        if r.kw.get("appearance"):
            attrs += ' appearance=%s' % quoteattr(r.kw["appearance"])
        out = [ind + "<%s%s>" % (tag, attrs)]
        out.append(ind + '  <label ref="%s"/>'
                   % self.text(r.path + ":label", r.vi, r.en))
        if r.kw.get("hint"):
            out.append(ind + '  <hint ref="%s"/>'
                       % self.text(r.path + ":hint", *r.kw["hint"]))
        lst = self._list_of(r)
        if lst:
            itemset = r.kw.get("itemset")
            if itemset:
                nodeset, label = itemset
                nodeset = self.expr(nodeset, r)
            else:
                nodeset = "instance('%s')/root/item" % lst
                if r.kw.get("choice_filter"):
                    nodeset += "[%s]" % self.expr(r.kw["choice_filter"], r)
                label = "jr:itext(itextId)"
            out.append(ind + '  <itemset nodeset=%s>' % quoteattr(nodeset))
            out.append(ind + '    <value ref="name"/>')
            out.append(ind + '    <label ref="%s"/>' % label)
            out.append(ind + "  </itemset>")
        for target, value in r.kw.get("on_change", ()):
            out.append(ind + '  <setvalue event="xforms-value-changed" '
                       'ref=%s value=%s/>'
                       % (quoteattr(self.fields[target].path),
                          quoteattr(self.expr(value, r))))
        out.append(ind + "</%s>" % tag)
        return out
