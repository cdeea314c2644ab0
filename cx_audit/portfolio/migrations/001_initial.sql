-- The first schema of the portfolio store. Plain SQL that SQLite and PostgreSQL both
-- read as written: TEXT, INTEGER and DOUBLE PRECISION columns, dates as ISO text.
-- An audit is keyed by the absolute path of its file; every other table hangs off it.
-- Never stored: respondent ids or names, notes, evidence.

CREATE TABLE audits (
    path TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    client TEXT NOT NULL,
    site TEXT NOT NULL,
    auditor TEXT NOT NULL,
    audit_date TEXT,
    checklist_id TEXT NOT NULL,
    checklist_version TEXT NOT NULL,
    checklist_major TEXT NOT NULL,
    profile TEXT NOT NULL,
    overall DOUBLE PRECISION,
    band TEXT,
    band_by_score TEXT,
    completeness DOUBLE PRECISION NOT NULL,
    critical_failures INTEGER NOT NULL,
    scored_by TEXT NOT NULL
);

CREATE INDEX audits_peers ON audits (checklist_id, checklist_major, profile);
CREATE INDEX audits_client ON audits (client, site);

CREATE TABLE section_scores (
    audit_path TEXT NOT NULL,
    position INTEGER NOT NULL,
    section_id TEXT NOT NULL,
    title TEXT NOT NULL,
    score DOUBLE PRECISION,
    band TEXT,
    PRIMARY KEY (audit_path, section_id)
);

CREATE TABLE item_results (
    audit_path TEXT NOT NULL,
    position INTEGER NOT NULL,
    item_id TEXT NOT NULL,
    section_id TEXT NOT NULL,
    status TEXT NOT NULL,
    score DOUBLE PRECISION,
    points_lost DOUBLE PRECISION,
    critical INTEGER NOT NULL,
    PRIMARY KEY (audit_path, item_id)
);

CREATE TABLE metric_values (
    audit_path TEXT NOT NULL,
    item_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    value DOUBLE PRECISION,
    n INTEGER NOT NULL,
    ci_low DOUBLE PRECISION NOT NULL,
    ci_high DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (audit_path, item_id)
);

CREATE TABLE action_tracking (
    audit_path TEXT NOT NULL,
    item_id TEXT NOT NULL,
    owner TEXT NOT NULL,
    due TEXT,
    status TEXT NOT NULL,
    PRIMARY KEY (audit_path, item_id)
);

CREATE TABLE role_scores (
    audit_path TEXT NOT NULL,
    role TEXT NOT NULL,
    respondents INTEGER NOT NULL,
    section_id TEXT NOT NULL,
    score DOUBLE PRECISION,
    PRIMARY KEY (audit_path, role, section_id)
);
