"""Query Salesforce from Python through sfsql.so.

    SFSQL_DEMO=1 /usr/bin/python3 examples/extension/query.py ./sfsql "select username from salesforce_user limit 3"

Prints one JSON line per statement: its rows as an array of arrays, or
{"error": "..."} (and the exit status is then 1). Use a
Python whose sqlite3 module can load extensions (Debian's /usr/bin/python3
can; a pyenv build usually cannot).
"""
import json
import sqlite3
import sys


def main():
    extension, statements = sys.argv[1], sys.argv[2:]
    db = sqlite3.connect(":memory:")
    db.enable_load_extension(True)
    db.load_extension(extension)  # finds the entry point sqlite3_sfsql_init
    db.enable_load_extension(False)
    failed = False
    for statement in statements:
        try:
            print(json.dumps([list(r) for r in db.execute(statement).fetchall()]))
        except sqlite3.Error as e:
            print(json.dumps({"error": f"{type(e).__name__}: {e}"}))
            failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
