#!/usr/bin/env python3
"""crosscheck.py: run the plain XPath 1.0 cases of tests/xpath/*.cases
through libxml2 (the program xpath1.c) and list where libxml2 disagrees.

Usage: crosscheck.py XPATH1-PROGRAM CASE-FILE...

A case takes part when its expression calls only XPath 1.0 core functions
with their XPath 1.0 arity, uses no instance(), current() or variable,
names no date, and its file's primary instance is not in a default
namespace.  "=> TEXT" cases compare string(); "!! TEXT" cases only check
that libxml2 fails too; "~> REGEX" cases are left out.  libxml2 is the
oracle for plain XPath 1.0 only: every disagreement is printed for a
person to judge (ODK rules such as number() of dates are meant to differ).
"""
import os
import re
import subprocess
import sys

CORE = {
    'last': (0, 0), 'position': (0, 0), 'count': (1, 1),
    'local-name': (0, 1), 'namespace-uri': (0, 1), 'name': (0, 1),
    'string': (0, 1), 'concat': (2, 99), 'starts-with': (2, 2),
    'contains': (2, 2), 'substring-before': (2, 2),
    'substring-after': (2, 2), 'substring': (2, 3),
    'string-length': (0, 1), 'normalize-space': (0, 1),
    'translate': (3, 3), 'boolean': (1, 1), 'not': (1, 1),
    'true': (0, 0), 'false': (0, 0), 'number': (0, 1), 'sum': (1, 1),
    'floor': (1, 1), 'ceiling': (1, 1), 'round': (1, 1),
}
NODE_TYPES = {'node', 'text', 'comment', 'processing-instruction'}
DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|data_from|data_to|sign_date|"
                  r"issued|expires|start_date|time_start|timeStart")


def strip_literals(expr):
    return re.sub(r"'[^']*'|\"[^\"]*\"", "''", expr)


def calls(expr):
    """(name, number of arguments) of each function call, roughly."""
    bare = strip_literals(expr)
    out = []
    for m in re.finditer(r"([A-Za-z_][\w.:-]*)\s*\(", bare):
        name = m.group(1)
        if name in NODE_TYPES:
            continue
        depth, i, args, empty = 1, m.end(), 1, True
        while i < len(bare) and depth > 0:
            c = bare[i]
            if c in '([':
                depth += 1
            elif c in ')]':
                depth -= 1
            elif c == ',' and depth == 1:
                args += 1
            if depth > 0 and not c.isspace():
                empty = False
            i += 1
        out.append((name, 0 if empty else args))
    return out


def plain(expr):
    if '$' in expr or DATE.search(expr):
        return False
    for name, n in calls(expr):
        if name not in CORE:
            return False
        lo, hi = CORE[name]
        if not lo <= n <= hi:
            return False
    return True


def cases(path):
    inst, at = '-', '-'
    lines = open(path, encoding='utf-8').read().split('\n')
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if line.startswith('#') or not line.strip():
            continue
        if line.startswith('%'):
            key, _, val = line[1:].partition(' ')
            if key == 'instance':
                inst, at = val.strip(), '-'
            elif key == 'at':
                at = val.strip()
            continue
        expect = lines[i] if i < len(lines) else ''
        i += 1
        yield inst, at, line, expect, i - 1


def main():
    prog, files = sys.argv[1], sys.argv[2:]
    inst_dir = os.path.join(os.path.dirname(os.path.abspath(files[0])),
                            'instances')
    todo = []
    for f in files:
        for inst, at, expr, expect, lineno in cases(f):
            if inst == 'namespaces.xml' or expect.startswith('~>'):
                continue
            if not plain(expr):
                continue
            ipath = '-' if inst == '-' else os.path.join(inst_dir, inst)
            todo.append((f, lineno, ipath, at, expr, expect))
    feed = ''.join('%s\t%s\t%s\n' % (t[2], t[3], t[4]) for t in todo)
    res = subprocess.run([prog], input=feed, capture_output=True,
                         text=True, check=True).stdout.split('\n')
    agree = 0
    for t, r in zip(todo, res):
        tag, _, got = r.partition('\t')
        f, lineno, _, _, expr, expect = t
        if expect.startswith('!!'):
            same = tag == 'error'
        else:
            want = expect[3:] if expect.startswith('=> ') else ''
            same = tag == 'ok' and got == want
        if same:
            agree += 1
        else:
            print('%s:%d: %s\n    expected: %s\n    libxml2:  %s %s' %
                  (os.path.basename(f), lineno, expr, expect, tag, got))
    print('%d plain XPath 1.0 cases, %d agree with libxml2, %d differ' %
          (len(todo), agree, len(todo) - agree))


if __name__ == '__main__':
    main()
