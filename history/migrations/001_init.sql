-- The history store: snapshots of orgs, each record version once with the
-- snapshot range it was valid in, and the changes between snapshots.

CREATE TABLE orgs (
  org_id      TEXT PRIMARY KEY,  -- 18-character Organization Id
  name        TEXT NOT NULL,     -- the connection name it was last snapshotted as
  org_name    TEXT,              -- Organization.Name
  instance    TEXT,
  first_seen  TEXT NOT NULL
);

CREATE TABLE snapshots (
  id        INTEGER PRIMARY KEY,
  org_id    TEXT NOT NULL,
  taken_at  TEXT NOT NULL,       -- ISO-8601 UTC
  tables    TEXT NOT NULL,       -- JSON array of table names
  rows      INTEGER NOT NULL DEFAULT 0,
  requests  INTEGER NOT NULL DEFAULT 0,
  bytes     INTEGER NOT NULL DEFAULT 0,
  status    TEXT NOT NULL CHECK (status IN ('complete', 'failed')),
  error     TEXT
);
CREATE INDEX snapshots_org ON snapshots (org_id, taken_at);

-- A record version is valid from snapshot valid_from up to (not including)
-- snapshot valid_to; NULL while it is current.
CREATE TABLE versions (
  org_id      TEXT NOT NULL,
  table_name  TEXT NOT NULL,
  record_id   TEXT NOT NULL,
  valid_from  INTEGER NOT NULL,
  valid_to    INTEGER,
  data        TEXT NOT NULL      -- JSON object of the table's own columns
);
CREATE UNIQUE INDEX versions_record ON versions (org_id, table_name, record_id, valid_from);
CREATE INDEX versions_scan ON versions (org_id, table_name, valid_from);
CREATE INDEX versions_closed ON versions (valid_to) WHERE valid_to IS NOT NULL;

CREATE TABLE changes (
  snapshot_id     INTEGER NOT NULL,
  org_id          TEXT NOT NULL,
  table_name      TEXT NOT NULL,
  record_id       TEXT NOT NULL,
  record_name     TEXT,
  change          TEXT NOT NULL CHECK (change IN ('added', 'removed', 'modified')),
  changed_fields  TEXT NOT NULL,  -- JSON array of column names
  before          TEXT,           -- JSON
  after           TEXT,           -- JSON
  changed_by_id   TEXT,
  changed_by      TEXT
);
CREATE INDEX changes_snapshot ON changes (snapshot_id);
CREATE INDEX changes_record ON changes (org_id, table_name, record_id);

-- Where each table's change detection stands, per org.
CREATE TABLE table_state (
  org_id       TEXT NOT NULL,
  table_name   TEXT NOT NULL,
  snapshot_id  INTEGER NOT NULL,  -- the last snapshot that included it
  rows         INTEGER NOT NULL,
  watermark    TEXT,              -- newest SystemModstamp (or event time) stored
  covered      TEXT,              -- replication: updated is complete up to here
  del_covered  TEXT,              -- replication: deleted is complete up to here
  read_at      TEXT NOT NULL,     -- when the table was last read
  shape        TEXT NOT NULL,     -- JSON: columns, relationship paths
  PRIMARY KEY (org_id, table_name)
);
