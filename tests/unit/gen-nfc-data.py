#!/usr/bin/env python3
"""gen-nfc-data.py: NFC check data from Python's unicodedata, for
tests/unit/test-nfc-data.c (the stand-in for NormalizationTest.txt,
which is not on every machine).

Each line is a tag, the input code points and, after ';', their NFC,
all in hex:
  U <version>           the Unicode version of the data (first line)
  S cp ; nfc            a code point whose NFC is not itself (every one;
                        all other code points are their own NFC)
  D nfd ; nfc           the canonical decomposition of every decomposable
                        code point, and its NFC
  R seq ; nfc           random sequences of starters, combining marks and
                        code points that NFC replaces (fixed seed)
"""
import random
import sys
import unicodedata as ud


def hexs(s):
    return ' '.join('%X' % ord(c) for c in s)


def main():
    out = sys.stdout
    out.write('U %s\n' % ud.unidata_version)
    scalars = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    starters, marks, changed, firsts = [], [], [], []
    for cp in scalars:
        ch = chr(cp)
        nfc = ud.normalize('NFC', ch)
        if nfc != ch:
            out.write('S %X ; %s\n' % (cp, hexs(nfc)))
            changed.append(ch)
        nfd = ud.normalize('NFD', ch)
        if nfd != ch:
            out.write('D %s ; %s\n'
                      % (hexs(nfd), hexs(ud.normalize('NFC', nfd))))
            firsts.append(nfd[0])
        if ud.combining(ch):
            marks.append(ch)
        elif ud.category(ch)[0] in 'LN' and cp < 0x30000:
            starters.append(ch)
    # Starters that combine with what precedes them, and Hangul jamo.
    for cp in (0x0CD5, 0x0CD6, 0x0CC2, 0x0BBE, 0x0BD7, 0x0D3E, 0x0D57,
               0x09BE, 0x09D7, 0x0B3E, 0x0B56, 0x0B57, 0x0DCF, 0x0DDF,
               0x102E, 0x1B35, 0x11127, 0x1133E, 0x11357, 0x114B0,
               0x114BA, 0x114BD, 0x115AF, 0x11930):
        marks.append(chr(cp))
    marks += [chr(c) for c in range(0x1161, 0x1176)]
    marks += [chr(c) for c in range(0x11A8, 0x11C3)]
    firsts += [chr(c) for c in range(0x1100, 0x1113)]
    firsts += [chr(0xAC00 + 28 * i) for i in range(0, 399, 7)]

    rng = random.Random(20240601)
    viet_bases = 'aeiouyAEIOUYdD' + '\u00e2\u00ea\u00f4\u0103\u01a1\u01b0'
    viet_marks = '\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b'
    for _ in range(5000):
        s = rng.choice(viet_bases) + ''.join(
            rng.choice(viet_marks) for _ in range(rng.randint(0, 4)))
        out.write('R %s ; %s\n' % (hexs(s), hexs(ud.normalize('NFC', s))))
    for _ in range(20000):
        s = []
        for _ in range(rng.randint(1, 10)):
            r = rng.random()
            if r < 0.2:
                s.append(rng.choice(firsts))
            elif r < 0.3:
                s.append(rng.choice(starters))
            elif r < 0.9:
                s.append(rng.choice(marks))
            else:
                s.append(rng.choice(changed))
        s = ''.join(s)
        out.write('R %s ; %s\n' % (hexs(s), hexs(ud.normalize('NFC', s))))


if __name__ == '__main__':
    main()
