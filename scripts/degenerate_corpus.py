#!/usr/bin/env python3
"""Writes a JSONL corpus where every article carries the same paragraph.

Each article has two paragraphs of random words of its own around the
shared one. --edit decides how a quarter of the copies differ: none (all
identical), append (a word of its own appended) or replace (one word
replaced at a random spot: the worst case for LSH buckets, since copies
edited at the same spot share band keys).

    python3 scripts/degenerate_corpus.py --copies 100000 --edit replace > target/deg.jsonl
    /usr/bin/time -v target/release/wiretrace scan target/deg.jsonl --no-passages --format json
"""
import argparse
import json
import random
import string
import sys


def words(rng, n):
    return [''.join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 9))) for _ in range(n)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--copies', type=int, default=100000)
    ap.add_argument('--edit', choices=['none', 'append', 'replace'], default='none')
    ap.add_argument('--seed', type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    shared = words(rng, 60)
    out = sys.stdout
    for i in range(args.copies):
        carried = list(shared)
        if i % 4 == 3 and args.edit == 'append':
            carried.append(f'credit{i}')
        elif i % 4 == 3 and args.edit == 'replace':
            carried[rng.randrange(len(carried))] = f'edit{i}'
        text = '\n\n'.join([' '.join(words(rng, 40)), ' '.join(carried), ' '.join(words(rng, 40))])
        out.write(json.dumps({'id': f'a{i:06d}', 'text': text}) + '\n')


if __name__ == '__main__':
    main()
