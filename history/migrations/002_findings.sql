-- Findings of the rules with their lifecycle, the mute list, and the
-- outbox notifications are delivered from.

CREATE TABLE findings (
  id             TEXT PRIMARY KEY,  -- stable: derived from org, rule and resource
  org_id         TEXT NOT NULL,
  rule_id        TEXT NOT NULL,
  severity       TEXT NOT NULL,
  resource_id    TEXT NOT NULL,
  resource_name  TEXT,
  reason         TEXT,
  status         TEXT NOT NULL CHECK (status IN ('open', 'resolved', 'muted')),
  first_seen     TEXT NOT NULL,
  last_seen      TEXT NOT NULL,
  resolved_at    TEXT,
  reopened       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX findings_rule ON findings (org_id, rule_id);

-- Each org's recorded rule runs: the first one notifies a summary.
CREATE TABLE rule_runs (
  org_id    TEXT PRIMARY KEY,
  first_at  TEXT NOT NULL,
  last_at   TEXT NOT NULL,
  runs      INTEGER NOT NULL
);

-- A mute keeps a finding visible but not failing and not notified. An
-- empty org_id mutes it in every org; resource matches the finding's
-- resource id or name.
CREATE TABLE mutes (
  rule_id     TEXT NOT NULL,
  resource    TEXT NOT NULL,
  org_id      TEXT NOT NULL DEFAULT '',
  reason      TEXT NOT NULL,
  until       TEXT,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (rule_id, resource, org_id)
);

-- At-least-once delivery: a message is written with the findings that
-- caused it, in one transaction, and stays until its receiver took it.
CREATE TABLE outbox (
  id            INTEGER PRIMARY KEY,
  receiver      TEXT NOT NULL,   -- the receiver's name (never a secret)
  key           TEXT NOT NULL,   -- idempotency key, also in the payload
  payload       TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  attempts      INTEGER NOT NULL DEFAULT 0,
  next_at       TEXT NOT NULL,
  delivered_at  TEXT,
  last_error    TEXT,
  gave_up_at    TEXT,
  UNIQUE (receiver, key)
);

CREATE VIEW salesforce_findings AS
  SELECT id AS finding_id, org_id, rule_id, severity, resource_id, resource_name, reason, status,
         first_seen, last_seen, resolved_at, reopened FROM findings;
CREATE VIEW salesforce_mutes AS
  SELECT rule_id, resource, nullif(org_id, '') AS org_id, reason, until, created_at FROM mutes;
CREATE VIEW salesforce_notifications AS
  SELECT id, receiver, key, created_at, attempts, next_at, delivered_at, last_error, gave_up_at FROM outbox;
