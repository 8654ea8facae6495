"""Writes the small seed corpora in this directory (one folder per target).

Run from fuzz/: python3 seeds/make.py. The texts are the integration tests'
fixture paragraphs (tests/integration/util.rs) and small variations.
"""
import gzip
import json
import os
import subprocess

A = ("The harbour authority confirmed on Monday that the northern pier will close for "
     "repairs after engineers found cracks in three of its supporting columns during a routine inspection.")
B = ("Local traders said the closure would cost them business during the busiest weeks "
     "of the summer, and asked the council to speed up the work or offer temporary berths elsewhere.")
A2 = ("On Monday the harbour authority confirmed the northern pier would close for repairs. "
      "During a routine inspection engineers found cracks in three supporting columns.")


def put(target, name, data):
    os.makedirs(os.path.join("seeds", target), exist_ok=True)
    with open(os.path.join("seeds", target, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def zstd(data):
    return subprocess.run(["zstd", "-q", "-c"], input=data, capture_output=True, check=True).stdout


text = f"Harbour news\n\n{A}\n\n{B}\n"
put("read_text", "plain", text)
put("read_text", "crlf", text.replace("\n", "\r\n"))
put("read_text", "utf16", b"\xff\xfe" + "Hi «é» ok".encode("utf-16-le"))
put("read_text", "bad_utf8", b"ab\xffcd\n\nef")

rows = [{"id": "r1", "url": "https://news.example/a", "date": "2024-01-02", "text": text},
        {"id": 2, "outlet": "ap", "title": "Pier", "text": B}]
jsonl = "\ufeff" + "\n".join(json.dumps(r) for r in rows) + "\n\n[1]\n{\"text\": 3}\n"
put("read_jsonl", "records", jsonl)

csv = f'id,outlet,date,text\n1,reuters,2024-01-02,"{A}"\n2,ap,,"line one\nline ""two"""\n3,x\n4,a,b,c,extra\n'
tsv = f"id\tscrape_date\tcontent\n1\t2024\t{B}\n"
put("read_csv", "csv", b"\x00" + csv.encode())
put("read_csv", "tsv", b"\x01" + tsv.encode())
put("read_csv", "cr_only", b"\x00" + csv.replace("\n", "\r").encode())

for target, pack in [("read_gzip", gzip.compress), ("read_zstd", zstd)]:
    put(target, "text", b"\x00" + pack(text.encode()))
    put(target, "jsonl", b"\x01" + pack(jsonl.encode()))
    put(target, "csv", b"\x02" + pack(csv.encode()))
    put(target, "truncated", b"\x01" + pack(jsonl.encode())[:40])
    put(target, "roundtrip_jsonl", b"\x05\x80" + jsonl.encode())
    put(target, "roundtrip_csv", b"\x06\x40" + csv.encode())

put("segment", "blank_lines", b"\x00" + text.encode())
put("segment", "separator", b"\x02" + f"Title ### By Reuters ### {A} ### {B}".encode())
put("segment", "wrapped", b"\x00" + ("Legal Disclaimer:\nMENAFN provides the\ninformation as is without "
                                     "warranty. We do not accept\nany responsibility.\n\u2029Comments\u2028"
                                     "No comment").encode())
put("segment", "custom_sep", b"\x03|" + f"{A}|{B}||x".encode())

put("normalize", "words", b"\x00\x00\xff\xff" + "“As is” — the U.S. Russia’s STRASSE straße ς 1,000 3.5 U.S.’s Plan B.Then".encode())

put("align", "reworded", b"\x10\x00" + f"Weather was mild. {A2} {B}\0{A} {B} In sport, the team won.".encode())
put("align", "verbatim", b"\x08\x05" + f"Markets were calm. He said it was totally false. {A}\0Stocks rose. {A} Rain.".encode())
