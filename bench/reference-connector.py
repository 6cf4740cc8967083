"""The reference e6data Python connector's side of `npm run bench -- latency` / `-- throughput`
(bench/reference-connector.ts starts the engine and runs this script with the same queries).

Usage:
  python3 reference-connector.py latency <host> <port> <user> <password> <catalog> <schema> <calls> <warmup> <sql>
  python3 reference-connector.py throughput <host> <port> <user> <password> <catalog> <schema> <threads> <seconds> <sql>

Each query is what a DB-API user writes: cursor() + execute() (prepare, execute, metadata) +
fetchall() (batches) + clear(). Prints one JSON line: latency → sorted per-call milliseconds;
throughput → queries completed and elapsed seconds (one Connection per thread).
The connector is not part of this repository: put its package directory on PYTHONPATH.
"""

import json
import os
import sys
import threading
import time

sys.path.insert(
    0,
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "reference-connector"),
)
import grpc_compat  # noqa: E402,F401  (before the connector)

from e6data_python_connector import Connection  # noqa: E402

mode = sys.argv[1]
host, port, user, password, catalog, schema = sys.argv[2:8]
a, b = int(sys.argv[8]), float(sys.argv[9])
sql = sys.argv[10]


def connect():
    return Connection(
        host=host, port=int(port), username=user, password=password, catalog=catalog, database=schema
    )


def one(conn):
    cursor = conn.cursor(catalog_name=catalog, db_name=schema)
    cursor.execute(sql)
    rows = cursor.fetchall()
    cursor.clear()
    return rows


if mode == "latency":
    conn = connect()
    try:
        for _ in range(int(b)):
            one(conn)
        times = []
        for _ in range(a):
            t = time.perf_counter()
            one(conn)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        print(json.dumps({"ms": times}), flush=True)
    finally:
        conn.close()
elif mode == "throughput":
    threads, seconds = a, b
    counts = [0] * threads
    errors = []
    conns = [connect() for _ in range(threads)]
    for c in conns:
        one(c)  # authenticate + warm the channel
    start = threading.Barrier(threads + 1)
    stop_at = [0.0]

    def worker(i):
        start.wait()
        n = 0
        try:
            while time.perf_counter() < stop_at[0]:
                one(conns[i])
                n += 1
        except Exception as e:  # noqa: BLE001
            errors.append(repr(e))
        counts[i] = n

    workers = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    t0 = time.perf_counter()
    stop_at[0] = t0 + seconds
    start.wait()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - t0
    for c in conns:
        c.close()
    print(json.dumps({"queries": sum(counts), "seconds": elapsed, "errors": errors[:3]}), flush=True)
else:
    raise SystemExit(f"unknown mode {mode}")
