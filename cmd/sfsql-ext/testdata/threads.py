# 8 Python threads, each with its own connection to sfsql.so, querying at
# once. Prints {"results": [...]} with every thread's answers.
import json
import sqlite3
import sys
import threading

extension, queries, rounds = sys.argv[1], sys.argv[2:], 3
results, errors = [None] * 8, []


def work(i):
    try:
        db = sqlite3.connect(":memory:")
        db.enable_load_extension(True)
        db.load_extension(extension)
        answers = []
        for _ in range(rounds):
            for q in queries:
                answers.append(db.execute(q).fetchall())
        results[i] = [[list(r) for r in a] for a in answers]
    except Exception as e:  # reported, not swallowed
        errors.append(f"thread {i}: {type(e).__name__}: {e}")


threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(json.dumps({"results": results, "errors": errors}))
