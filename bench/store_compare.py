"""The two store designs of issue 13, measured roughly in one process (not gated).

    python bench/store_compare.py [--meetings 160]

A: today's pickle files for parsed large meetings plus a small index of meeting headers
   (one pickle file, rewritten whole when an entry changes).
B: one SQLite file (stdlib sqlite3) holding the headers in a table and each parsed
   meeting as a row (its pickled sessions as a BLOB, or one row per session).

Both need the same stat() of every meeting file to notice changes; what differs is
importing sqlite3, opening the database and reading rows, against unpickling one small
file.  Prints the best of several runs of each step, in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import pickle
import sqlite3
import sys
import tempfile
import zlib
from pathlib import Path

from common import best_time
from gen_folder import write_folder
from gen_meeting import generate

from ietfplan.load import cache
from ietfplan.load.catalog import bundled_data_dir
from ietfplan.load.meetingfile import parse_meeting
from ietfplan.load.topics import load_topics


def import_cost(module: str) -> float:
    """ms to import ``module`` after the floor's imports (pickle comes with rich)."""
    import subprocess

    code = ("import typer, rich.table, yaml, time\nt = time.perf_counter()\n"
            f"import {module}\nprint(time.perf_counter() - t)")
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True).stdout) for _ in range(7)]
    return min(runs) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=160)
    args = parser.parse_args()
    topics = load_topics(str(bundled_data_dir() / "topics.yaml"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "meetings"
        paths = write_folder(folder, args.meetings)
        headers = []
        for path in paths:
            m = parse_meeting(path.read_text(encoding="utf-8"), str(path), topics)
            st = os.stat(path)
            headers.append((str(path), st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns,
                            m.number, m.city, m.country, m.timezone, m.start.isoformat(),
                            m.end.isoformat(), len(m.sessions)))
        index = Path(tmp) / "index.pickle"
        index.write_bytes(pickle.dumps(headers, protocol=pickle.HIGHEST_PROTOCOL))
        db = Path(tmp) / "store.sqlite"
        con = sqlite3.connect(db)
        con.execute("create table meetings (path text primary key, size int, mtime int, ino int,"
                    " ctime int, number int, city text, country text, zone text, start text,"
                    " end_ text, sessions int)")
        con.executemany("insert into meetings values (?,?,?,?,?,?,?,?,?,?,?,?)", headers)
        con.commit()
        con.close()

        def read_index() -> object:
            return pickle.loads(index.read_bytes())

        def read_db() -> object:
            connection = sqlite3.connect(db)
            rows = connection.execute("select * from meetings").fetchall()
            connection.close()
            return rows

        def stat_all() -> object:
            return [os.stat(p) for p in paths]

        def crc_all() -> object:
            return [zlib.crc32(p.read_bytes()) for p in paths]

        def blake_all() -> object:
            import hashlib

            return [hashlib.blake2b(p.read_bytes(), digest_size=16).digest() for p in paths]

        print(f"{args.meetings} meeting files of 240 sessions "
              f"({sum(p.stat().st_size for p in paths) / 1e6:.1f} MB)")
        print(f"import sqlite3 after the floor: {import_cost('sqlite3'):.2f} ms; "
              f"json: {import_cost('json'):.2f} ms; hashlib: {import_cost('hashlib'):.2f} ms "
              "(pickle and zlib: already imported by rich)")
        print(f"A: unpickle the header index: {1000 * best_time(read_index, 15):.2f} ms")
        print(f"B: sqlite connect + select the headers: {1000 * best_time(read_db, 15):.2f} ms")
        print(f"both: stat every file: {1000 * best_time(stat_all, 15):.2f} ms")
        print(f"content hash of every file: read + zlib.crc32 {1000 * best_time(crc_all, 15):.2f} ms, "
              f"read + blake2b {1000 * best_time(blake_all, 15):.2f} ms")

        def rewrite_index() -> None:
            from ietfplan.load.index import write_cache_file  # temp file + rename, no fsync

            write_cache_file(index, pickle.dumps(headers, protocol=pickle.HIGHEST_PROTOCOL))

        def update_db() -> None:
            connection = sqlite3.connect(db)
            with connection:
                connection.execute("update meetings set size = size where path = ?", (headers[0][0],))
            connection.close()

        print(f"one entry changed: A rewrites the index (temp file + rename) {1000 * best_time(rewrite_index, 5):.2f} ms; "
              f"B updates one row {1000 * best_time(update_db, 5):.2f} ms")

        big = Path(tmp) / "big.yaml"
        big.write_text(generate(40_000), encoding="utf-8")
        meeting = parse_meeting(big.read_text(encoding="utf-8"), str(big), topics)
        cache_dir = Path(tmp) / "cache"
        cache.put(cache_dir, str(big), topics, meeting)
        blob = next((cache_dir / "meetings").iterdir()).read_bytes()
        con = sqlite3.connect(db)
        con.execute("create table parsed (path text primary key, data blob)")
        con.execute("insert into parsed values (?, ?)", (str(big), blob))
        fields = ", ".join(f"f{i}" for i in range(len(cache._FIELDS)))
        con.execute(f"create table sessions (path text, {fields})")
        rows = [tuple(pickle.dumps(v) if not isinstance(v, (str, int)) else v for v in cache._values(s))
                for s in meeting.sessions]
        marks = ", ".join("?" * (len(cache._FIELDS) + 1))
        con.executemany(f"insert into sessions values ({marks})", [(str(big), *r) for r in rows])
        con.commit()
        con.close()

        def from_pickle_file() -> object:
            return cache.get(cache_dir, str(big), topics)

        entry = next((cache_dir / "meetings").iterdir())

        def from_pickle_raw() -> object:
            return pickle.loads(entry.read_bytes())

        def from_db_blob() -> object:
            connection = sqlite3.connect(db)
            (data,) = connection.execute("select data from parsed where path = ?", (str(big),)).fetchone()
            connection.close()
            return pickle.loads(data)

        def from_db_rows() -> object:
            connection = sqlite3.connect(db)
            out = connection.execute("select * from sessions where path = ?", (str(big),)).fetchall()
            connection.close()
            return out

        print(f"40,000-session meeting from the cache: A pickle file {1000 * best_time(from_pickle_file, 5):.0f} ms "
              f"(whole Meeting: {1000 * best_time(from_pickle_raw, 5):.0f} ms read and unpickled, the rest "
              f"making Session objects); B the same pickle as a BLOB {1000 * best_time(from_db_blob, 5):.0f} ms "
              f"read and unpickled; B one row per session {1000 * best_time(from_db_rows, 5):.0f} ms (rows "
              "only, dates and times still to be rebuilt)")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
