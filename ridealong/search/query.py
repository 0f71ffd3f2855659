"""The search box's little language, parsed into terms no engine can misread.

Words must all match (AND); "a phrase" matches those words in order; manu* matches words
starting with manu. Everything else a user might type — unbalanced quotes, AND/OR/NOT/NEAR,
- + ^ : ( ), emoji, control characters, a pasted page — is read as plain words or dropped,
never passed to an engine as syntax. Engines build their own query from `Term`s, quoting
every word. No Django here: plain data in, plain data out.
"""

import re
from dataclasses import dataclass

MAX_QUERY_LENGTH = 500  # characters read from the box; the rest is ignored
MAX_TERMS = 12  # more terms only slow the engine without narrowing much
MAX_PHRASE_WORDS = 8
MIN_PREFIX_LENGTH = 2  # "a*" would match nearly everything

# Letters and digits of any script; everything else separates words.
WORD = re.compile(r"[^\W_]+")
OPERATORS = {"AND", "OR", "NOT", "NEAR"}
# Common English words the PostgreSQL english configuration drops; dropped on every engine so
# "the pump" means the same on SQLite and PostgreSQL.
STOPWORDS = frozenset(
    """a an and are as at be but by for if in into is it no not of on or such that the their
    then there these they this to was will with i me my we our you your he she him her its
    what which who whom am were been being have has had do does did so than too very can
    just should now""".split()  # noqa: SIM905 — a list of 68 words reads better as prose
)


@dataclass(frozen=True)
class Term:
    """One condition: a word, a prefix (word*) or a phrase (words in order)."""

    words: tuple[str, ...]
    prefix: bool = False

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[Term, ...]
    hint: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.terms

    def describe(self) -> str:
        parts = []
        for term in self.terms:
            text = " ".join(term.words)
            parts.append(f'"{text}"' if term.is_phrase else text + ("*" if term.prefix else ""))
        return " ".join(parts)


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def parse_query(text: str | None) -> ParsedQuery:
    """Read what was typed into terms; never raises."""
    raw = (text or "").replace("\x00", " ")[:MAX_QUERY_LENGTH]
    if not raw.strip():
        return ParsedQuery((), "")
    terms: list[Term] = []
    # Split on double quotes (straight or curly): odd pieces are inside a phrase. An
    # unbalanced last quote opens nothing: its words are read as plain words.
    normalised = raw.replace("“", '"').replace("”", '"').replace("„", '"')
    pieces = normalised.split('"')
    balanced = len(pieces) % 2 == 1
    for index, piece in enumerate(pieces):
        inside = index % 2 == 1 and (balanced or index < len(pieces) - 1)
        if inside:
            words = _words(piece)[:MAX_PHRASE_WORDS]
            if len(words) == 1:
                terms.append(Term((words[0],)))
            elif words:
                terms.append(Term(tuple(words)))
            continue
        for match in re.finditer(r"[^\W_]+(\*)?", piece):
            token = match.group(0)
            prefix = token.endswith("*")
            word_text = token.rstrip("*")
            if word_text in OPERATORS:  # upper-case operators are syntax elsewhere; all words AND
                continue
            word = word_text.lower()
            if prefix and len(word) >= MIN_PREFIX_LENGTH:
                terms.append(Term((word,), prefix=True))
            elif word not in STOPWORDS:
                terms.append(Term((word,)))
    unique = tuple(dict.fromkeys(terms))[:MAX_TERMS]
    if not unique:
        return ParsedQuery((), "Type a word to search for (letters or digits).")
    hint = ""
    if len(raw) >= MAX_QUERY_LENGTH or len(dict.fromkeys(terms)) > MAX_TERMS:
        hint = f"Only the first {MAX_TERMS} words were searched for."
    return ParsedQuery(unique, hint)


def fts5_match(query: ParsedQuery) -> str:
    """An FTS5 MATCH expression: every word double-quoted (inner quotes doubled), AND-ed."""
    parts = []
    for term in query.terms:
        quoted = '"' + " ".join(term.words).replace('"', '""') + '"'
        parts.append(quoted + ("*" if term.prefix else ""))
    return " AND ".join(parts)
