"""Full-text search over answers' transcripts with SQLite FTS5.

``answers_fts`` is an external-content FTS5 table over ``answers`` (transcript and question
text), kept in step by triggers on insert, update and delete (migration 0003). Alembic's
autogenerate does not understand virtual tables or their shadow tables, so
:func:`include_name` hides them from schema comparison (used by migrations/env.py and the
schema test).

Caveat for future migrations: a batch ("move and copy") migration of ``answers`` recreates the
table and drops its triggers; such a migration must recreate them (``FTS_TRIGGERS``) and
rebuild the index (``REBUILD``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Engine, text

FTS_TABLE = "answers_fts"

CREATE_FTS = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    "transcript, question_text, content='answers', content_rowid='id', "
    "tokenize='porter unicode61')"
)
FTS_TRIGGERS = (
    f"""CREATE TRIGGER answers_fts_ai AFTER INSERT ON answers BEGIN
  INSERT INTO {FTS_TABLE}(rowid, transcript, question_text)
  VALUES (new.id, new.transcript, new.question_text);
END""",
    f"""CREATE TRIGGER answers_fts_ad AFTER DELETE ON answers BEGIN
  INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, transcript, question_text)
  VALUES ('delete', old.id, old.transcript, old.question_text);
END""",
    f"""CREATE TRIGGER answers_fts_au AFTER UPDATE OF transcript, question_text ON answers BEGIN
  INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, transcript, question_text)
  VALUES ('delete', old.id, old.transcript, old.question_text);
  INSERT INTO {FTS_TABLE}(rowid, transcript, question_text)
  VALUES (new.id, new.transcript, new.question_text);
END""",
)
REBUILD = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"
TRIGGER_NAMES = ("answers_fts_ai", "answers_fts_ad", "answers_fts_au")


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic ``include_name`` hook: leave the FTS table and its shadow tables out."""
    return not (type_ == "table" and name is not None and name.startswith(FTS_TABLE))


def match_expression(query: str) -> str | None:
    """The user's words as an FTS5 query: every word must occur; the last one, while it is
    being typed, also as the start of a longer word ("migr" finds "migrated").

    Each word is quoted, so FTS5 syntax in user input (AND, NEAR, *, quotes) is just text.
    Short words are matched whole: a prefix "i" would match nearly every answer.
    Returns None when the query has no words.
    """
    words = re.findall(r"\w+", query.lower())
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    if len(words[-1]) >= 3:
        quoted[-1] += "*"
    return " ".join(quoted)


def matching_answers_sql() -> str:
    """SQL selecting ``rowid`` of matching answers for the bound parameter ``:fts``."""
    return f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts"


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One answer whose transcript or question matched, with the matched words marked."""

    answer_id: int
    session_id: int
    question_text: str
    snippet: str  # matched words wrapped in [ and ]


def search(engine: Engine, query: str, *, limit: int = 50) -> list[SearchHit]:
    """Answers matching ``query``, best match first (FTS5 rank)."""
    fts = match_expression(query)
    if fts is None:
        return []
    sql = text(
        f"SELECT a.id, a.session_id, a.question_text, "
        f"snippet({FTS_TABLE}, 0, '[', ']', '…', 12) "
        f"FROM {FTS_TABLE} JOIN answers a ON a.id = {FTS_TABLE}.rowid "
        f"WHERE {FTS_TABLE} MATCH :fts ORDER BY rank LIMIT :limit"
    )
    with engine.connect() as conn:
        rows = conn.execute(sql, {"fts": fts, "limit": limit}).all()
    return [SearchHit(int(r[0]), int(r[1]), str(r[2]), str(r[3] or "")) for r in rows]


def matching_session_ids(engine: Engine, query: str) -> set[int]:
    """Ids of sessions with at least one answer matching ``query``."""
    fts = match_expression(query)
    if fts is None:
        return set()
    sql = text(f"SELECT DISTINCT session_id FROM answers WHERE id IN ({matching_answers_sql()})")
    with engine.connect() as conn:
        return {int(r[0]) for r in conn.execute(sql, {"fts": fts})}
