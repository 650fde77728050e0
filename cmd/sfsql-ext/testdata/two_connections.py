"""Two connections in one Python process: the first loads sfsql.so, the
second does not. Statements are prefixed with the connection: "1:" or "2:".
Prints one JSON line per statement, as examples/extension/query.py does."""
import json
import sqlite3
import sys

extension, statements = sys.argv[1], sys.argv[2:]
loaded = sqlite3.connect(":memory:")
loaded.enable_load_extension(True)
loaded.load_extension(extension)
plain = sqlite3.connect(":memory:")
for statement in statements:
    which, sql = statement.split(":", 1)
    db = loaded if which == "1" else plain
    try:
        print(json.dumps([list(r) for r in db.execute(sql).fetchall()]))
    except sqlite3.Error as e:
        print(json.dumps({"error": f"{type(e).__name__}: {e}"}))
