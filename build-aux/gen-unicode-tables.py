#!/usr/bin/env python3
"""gen-unicode-tables.py: writes src/utf8-tables.h, the NFC tables of
src/utf8.c, from Python's unicodedata, so that building needs no Python.

Usage: python3 build-aux/gen-unicode-tables.py > src/utf8-tables.h

Every code point gets a record (struct nfc_props in src/utf8.c):
  ccc            canonical combining class
  flags          NFC_QC_NO, NFC_QC_MAYBE, NFC_BOUNDARY (see below)
  ndecomp, decomp  its full canonical decomposition: a length (0: none;
                 Hangul syllables are decomposed by arithmetic and have
                 none here) and an index into nfc_decomp[]
  ncomp, comp    when it is the first of a primary composite: the count
                 of its (second, composite) pairs, sorted by second, and
                 their index in nfc_comp[]

The derived properties are taken from unicodedata.normalize() itself
rather than from UCD files that are not on every machine:
  - a pair (a, b) composes to c when c's canonical decomposition mapping
    is exactly a b and NFC(c) == c (this leaves out the composition
    exclusions, singletons and non-starter decompositions);
  - NFC_Quick_Check is No for a code point whose NFC is not itself, and
    Maybe for one that is the second of a pair (with the Hangul vowel
    and trailing jamo);
  - NFC_BOUNDARY: nothing before the code point can combine with it or
    reorder past it: combining class 0, quick check Yes, and its
    decomposition starts with a starter that is never a second.

Records are shared, and a two-stage table maps a code point to its
record: nfc_stage1[cp >> NFC_SHIFT] names a block of nfc_stage2, and
identical blocks are stored once.  Code points from NFC_LIMIT up all
have record 0, the plain one.
"""
import sys
import unicodedata as ud

SBASE, LBASE, VBASE, TBASE = 0xAC00, 0x1100, 0x1161, 0x11A7
LCOUNT, VCOUNT, TCOUNT = 19, 21, 28
SCOUNT = LCOUNT * VCOUNT * TCOUNT

QC_NO, QC_MAYBE, BOUNDARY = 1, 2, 4


def scalars():
    for cp in range(0x110000):
        if not 0xD800 <= cp <= 0xDFFF:
            yield cp


def is_hangul_syllable(cp):
    return SBASE <= cp < SBASE + SCOUNT


def main():
    pairs = {}			# first -> {second: composite}
    for cp in scalars():
        ch = chr(cp)
        d = ud.decomposition(ch)
        if not d or d.startswith('<'):
            continue
        parts = [int(x, 16) for x in d.split()]
        if len(parts) == 2 and ud.normalize('NFC', ch) == ch:
            # The composition code relies on both being starters.
            assert ud.combining(chr(parts[0])) == 0, hex(cp)
            assert ud.combining(ch) == 0, hex(cp)
            pairs.setdefault(parts[0], {})[parts[1]] = cp
    seconds = {s for m in pairs.values() for s in m}
    seconds |= set(range(VBASE, VBASE + VCOUNT))
    seconds |= set(range(TBASE + 1, TBASE + TCOUNT))
    assert not any(s < 0x80 for s in seconds)

    decomp = []			# the nfc_decomp[] array
    decomp_at = {}		# tuple -> index, to share equal ones
    comp = []			# the nfc_comp[] array of pairs
    records = [(0, BOUNDARY, 0, 0, 0, 0)]	# the plain record
    record_at = {records[0]: 0}
    rec_of = [0] * 0x110000
    limit = 0
    for cp in scalars():
        ch = chr(cp)
        ccc = ud.combining(ch)
        flags = 0
        if ud.normalize('NFC', ch) != ch:
            flags |= QC_NO
        elif cp in seconds:
            flags |= QC_MAYBE
        nfd = [ord(c) for c in ud.normalize('NFD', ch)]
        if is_hangul_syllable(cp) or nfd == [cp]:
            dtuple = ()
        else:
            dtuple = tuple(nfd)
        first = nfd[0]
        if (ccc == 0 and flags == 0 and ud.combining(chr(first)) == 0
                and first not in seconds):
            flags |= BOUNDARY
        di = 0
        if dtuple:
            if dtuple not in decomp_at:
                decomp_at[dtuple] = len(decomp)
                decomp.extend(dtuple)
            di = decomp_at[dtuple]
        ci, cn = 0, 0
        if cp in pairs:
            ci, cn = len(comp), len(pairs[cp])
            comp.extend(sorted(pairs[cp].items()))
        rec = (ccc, flags, len(dtuple), cn, di, ci)
        if rec not in record_at:
            record_at[rec] = len(records)
            records.append(rec)
        rec_of[cp] = record_at[rec]
        if rec_of[cp] != 0:
            limit = cp + 1
    assert len(records) < 65536 and len(decomp) < 65536
    assert len(comp) < 65536

    best = None
    for shift in range(4, 10):
        block = 1 << shift
        lim = (limit + block - 1) // block * block
        blocks, stage1, stage2 = {}, [], []
        for b in range(0, lim, block):
            key = tuple(rec_of[b:b + block])
            if key not in blocks:
                blocks[key] = len(blocks)
                stage2.extend(key)
            stage1.append(blocks[key])
        w1 = 1 if len(blocks) <= 256 else 2
        size = w1 * len(stage1) + 2 * len(stage2)
        if best is None or size < best[0]:
            best = (size, shift, lim, stage1, stage2, w1)
    size, shift, lim, stage1, stage2, w1 = best

    out = sys.stdout
    w = out.write
    w('/*\n * utf8-tables.h: NFC tables for src/utf8.c, Unicode %s.\n'
      % ud.unidata_version)
    w(' *\n * Generated by build-aux/gen-unicode-tables.py from Python '
      '%d.%d\'s\n' % sys.version_info[:2])
    w(' * unicodedata; do not edit.  Regenerate with\n'
      ' *   python3 build-aux/gen-unicode-tables.py > src/utf8-tables.h\n'
      ' * %d records, %d decomposition code points, %d composition pairs,\n'
      ' * two-stage index of %d bytes (blocks of %d).\n */\n'
      % (len(records), len(decomp), len(comp), size, 1 << shift))
    w('\n#define NFC_UNICODE_VERSION\t"%s"\n' % ud.unidata_version)
    w('#define NFC_SHIFT\t%d\n' % shift)
    w('#define NFC_LIMIT\t0x%X\n\n' % lim)

    def array(ctype, name, values, per, fmt):
        w('static const %s %s[%d] = {\n' % (ctype, name, len(values)))
        for i in range(0, len(values), per):
            w('\t' + ' '.join(fmt % v + ',' for v in values[i:i + per]))
            w('\n')
        w('};\n\n')

    w('static const struct nfc_props nfc_props_table[%d] = {\n'
      % len(records))
    for r in records:
        w('\t{ %d, %d, %d, %d, %d, %d },\n' % r)
    w('};\n\n')
    array('uint8_t' if w1 == 1 else 'uint16_t', 'nfc_stage1', stage1,
          12, '%d')
    array('uint16_t', 'nfc_stage2', stage2, 10, '%d')
    array('uint32_t', 'nfc_decomp', decomp, 6, '0x%05X')
    w('static const struct nfc_pair nfc_comp[%d] = {\n' % len(comp))
    for s, c in comp:
        w('\t{ 0x%05X, 0x%05X },\n' % (s, c))
    w('};\n')


if __name__ == '__main__':
    main()
