#!/usr/bin/env python3
"""Run a peer MinHash + LSH library on wiretrace's paragraphs; write its pairs.

Usage: bench_peers.py (datasketch|rensa) PARAGRAPHS.tsv PAIRS.bin [--threshold T]

PARAGRAPHS.tsv is written by `cargo run --release --example benchkit --
paragraphs CORPUS`: one line per paragraph as wiretrace splits it, in
wiretrace's order, `id TAB para TAB normalized words separated by spaces`.
Both peers get the same shingles as wiretrace: 5 consecutive words, or all
words for a paragraph of 3 or 4 words, none for fewer (wiretrace's
`--min-words 3`), 128 permutations, LSH threshold T (default 0.8).

The job is the same as wiretrace's: every pair of paragraphs the library
reports as near-duplicates. Each peer takes its fastest documented batch
path:
- datasketch: MinHash.generator (bulk construction, its default SHA-1 token
  hash), MinHashLSH with its own optimal band layout for T, an insertion
  session, then one query per paragraph;
- rensa: RMinHash.from_token_sets (batch construction in Rust), RMinHashLSH
  with 16 bands of 8 rows (num_perm must be a multiple of the band count;
  16 x 8 is the layout closest to datasketch's 9 x 13 with a higher recall),
  insert_many, then query_all in chunks.
Query results are LSH candidates, reported as the library returns them (no
estimate filter), as a dedup pipeline built on either library would use
them. Pairs (i, j), i < j, by line number of PARAGRAPHS.tsv, go to PAIRS.bin
as little-endian u32 pairs, written as they are found.
"""

import array
import sys

SHINGLE = 5
MIN_WORDS = 3
PERMUTATIONS = 128
QUERY_CHUNK = 2000


def shingle_sets(path):
    """Line numbers and shingle lists of the paragraphs that have shingles."""
    keys, sets = [], []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f):
            words = line.rstrip("\n").split("\t", 2)[2].split()
            if len(words) < MIN_WORDS:
                continue
            if len(words) < SHINGLE:
                shingles = [" ".join(words)]
            else:
                shingles = [" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]
            keys.append(n)
            sets.append(shingles)
    return keys, sets


def emit(out, key, found):
    """Appends the pairs (key, j), j > key, to the output buffer."""
    for j in found:
        if j > key:
            out.append(key)
            out.append(j)


def run_datasketch(keys, sets, threshold, sink):
    from datasketch import MinHash, MinHashLSH

    encoded = ([s.encode("utf-8") for s in shingles] for shingles in sets)
    minhashes = list(MinHash.generator(encoded, num_perm=PERMUTATIONS))
    del sets[:]
    lsh = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)
    with lsh.insertion_session() as session:
        for key, m in zip(keys, minhashes):
            session.insert(key, m, check_duplication=False)
    out = array.array("I")
    for key, m in zip(keys, minhashes):
        emit(out, key, lsh.query(m))
        if len(out) > 1 << 20:
            out.tofile(sink)
            out = array.array("I")
    out.tofile(sink)
    return lsh.b, lsh.r


def run_rensa(keys, sets, threshold, sink):
    from rensa import RMinHash, RMinHashLSH

    minhashes = RMinHash.from_token_sets(sets, num_perm=PERMUTATIONS, seed=42)
    del sets[:]
    bands = 16
    lsh = RMinHashLSH(threshold=threshold, num_perm=PERMUTATIONS, num_bands=bands)
    lsh.insert_many(minhashes, start_key=0)
    out = array.array("I")
    for start in range(0, len(minhashes), QUERY_CHUNK):
        results = lsh.query_all(minhashes[start:start + QUERY_CHUNK])
        for offset, found in enumerate(results):
            i = start + offset
            emit(out, keys[i], (keys[j] for j in found))
        out.tofile(sink)
        out = array.array("I")
    return bands, PERMUTATIONS // bands


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    threshold = 0.8
    if "--threshold" in argv:
        threshold = float(argv[argv.index("--threshold") + 1])
        args.remove(argv[argv.index("--threshold") + 1])
    if len(args) != 3 or args[0] not in ("datasketch", "rensa"):
        sys.exit(__doc__)
    peer, paragraphs, pairs = args
    keys, sets = shingle_sets(paragraphs)
    run = run_datasketch if peer == "datasketch" else run_rensa
    with open(pairs, "wb") as sink:
        bands, rows = run(keys, sets, threshold, sink)
    print("%s: %d paragraphs with shingles, %d bands x %d rows" % (peer, len(keys), bands, rows),
          file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
