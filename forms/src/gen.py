#!/usr/bin/env python3
"""gen.py: write the report forms and their media from the sources here.

    python3 forms/src/gen.py [OUTDIR]

OUTDIR defaults to forms/ (the parent of this folder).  For each form it
writes OUTDIR/<form-id>.xml and the folder OUTDIR/<form-id>-media/ with
the media files the form references (the ODK convention).  The output is
deterministic, so "gen.py /tmp/x && diff -r" shows whether the committed
forms are up to date (tests/t1100-forms.sh does this).
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import htx_cds_01  # noqa: E402
import htx_hd_01   # noqa: E402

FORMS = [htx_cds_01, htx_hd_01]

HEADER = """\
GENERATED FILE: do not edit.  Written by forms/src/gen.py from
forms/src/{module}.py and forms/src/common.py; change those and run
"python3 forms/src/gen.py" (see forms/README.md).

{form_id} {version}: {title}
Languages: Tiếng Việt (default), English.  Soft checks use the coop:
extension (coop:warning, coop:warningMsg), described in forms/README.md.
"""


def communes():
    with open(os.path.join(HERE, "data", "communes.csv"), "rb") as f:
        return f.read()


def write(path, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)


def main(argv):
    out = argv[1] if len(argv) > 1 else os.path.dirname(HERE)
    for mod in FORMS:
        header = HEADER.format(module=mod.__name__, form_id=mod.FORM_ID,
                               version=mod.VERSION, title=mod.TITLE)
        xml = mod.form(header).to_xml()
        write(os.path.join(out, mod.FORM_ID + ".xml"), xml)
        media = os.path.join(out, mod.FORM_ID + "-media")
        os.makedirs(media, exist_ok=True)
        write(os.path.join(media, "communes.csv"), communes())
        for name, fn in getattr(mod, "MEDIA", {}).items():
            write(os.path.join(media, name), fn())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
