"""The data model: what flows between pipeline stages.

Every stage takes and returns these frozen, keyword-only dataclasses; no dict crosses a module
boundary. Character offsets always refer to ``Article.text`` exactly as stored.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

Day = date  # an alias: EventDate has a field named ``date`` that would hide the type


class Modality(enum.StrEnum):
    """Whether a coded event happened, was denied, is conditional, expected or speculated."""

    ASSERTED = "asserted"
    NEGATED = "negated"
    HYPOTHETICAL = "hypothetical"
    EXPECTED = "expected"
    SPECULATION = "speculation"
    STATIVE = "stative"  # an ongoing state, not a new act: "still designates", "kept its embassy open"


class DatePrecision(enum.StrEnum):
    """How precisely an event date is known."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    PUBLICATION = "publication"

    def label(self, day: Day) -> str:
        """``day`` written only as precisely as it is known: "2025-03-10", "week of 2025-03-10" (the
        Monday of its week), "2025-03", "2021", or "2025-03-10 (published)" for a report's date."""
        if self is DatePrecision.YEAR:
            return f"{day.year:04d}"
        if self is DatePrecision.MONTH:
            return f"{day.year:04d}-{day.month:02d}"
        if self is DatePrecision.WEEK:
            return f"week of {(day - timedelta(days=day.weekday())).isoformat()}"
        if self is DatePrecision.PUBLICATION:
            return f"{day.isoformat()} (published)"
        return day.isoformat()


class Outcome(enum.StrEnum):
    """What happened to an input record that did not ingest cleanly."""

    FAILED = "failed"  # unreadable or invalid: counts as a failure, exit code non-zero
    SKIPPED = "skipped"  # readable but out of scope (e.g. not English)
    WARNING = "warning"  # read, with a caveat (e.g. capped at the size limit)


class QuadClass(enum.IntEnum):
    """The four CAMEO quad classes (GDELT convention)."""

    VERBAL_COOPERATION = 1
    MATERIAL_COOPERATION = 2
    VERBAL_CONFLICT = 3
    MATERIAL_CONFLICT = 4


@dataclass(frozen=True, kw_only=True, slots=True)
class Article:
    """One news article as ingested: the text is kept exactly as read."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: date | None = None
    language: str | None = None
    origin: str | None = None  # file (and line) the article was read from


@dataclass(frozen=True, kw_only=True, slots=True)
class Token:
    """A token of a parsed sentence; ``head`` is the index of its head within the article."""

    i: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ent_type: str = ""

    def values(self) -> TokenValues:
        """The fields in declaration order: the compact form tokens are stored in (store.schema.pack_tokens)
        and pickled in. Fields are only ever appended, so older stored forms still load."""
        fields = (self.i, self.start, self.end, self.text, self.lemma, self.pos, self.tag, self.dep)
        return (*fields, self.head, self.ent_type)

    def __reduce__(self) -> tuple[Callable[..., Token], TokenValues]:
        """Pickle as ``values()``, which loads faster than the default (README, "Scaling"): parallel ingest
        sends every token of every article from the workers back to the writer."""
        return token_from_values, self.values()


TokenValues = tuple[int, int, int, str, str, str, str, str, int, str]


def token_from_values(
    i: int,
    start: int,
    end: int,
    text: str,
    lemma: str,
    pos: str,
    tag: str,
    dep: str,
    head: int,
    ent_type: str = "",
) -> Token:
    """The token whose ``values()`` these are (a form without the later fields gets their defaults)."""
    return Token(
        i=i,
        start=start,
        end=end,
        text=text,
        lemma=lemma,
        pos=pos,
        tag=tag,
        dep=dep,
        head=head,
        ent_type=ent_type,
    )


@dataclass(frozen=True, kw_only=True, slots=True)
class EntityMention:
    """A named-entity span found by the NER model."""

    start: int
    end: int
    label: str
    text: str
    sentence: int


@dataclass(frozen=True, kw_only=True, slots=True)
class Sentence:
    """A sentence of an article with its tokens (offsets into the article text)."""

    index: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class AnalysedArticle:
    """An article after the NLP stage."""

    article: Article
    sentences: tuple[Sentence, ...]
    entities: tuple[EntityMention, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class Actor:
    """An actor resolved from text: a country (ISO-3166 alpha-3) and a sector."""

    name: str
    text: str
    country: str | None
    sector: str | None = None
    code: str = ""
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Location:
    """A geocoded place named in the event's clause."""

    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class EventDate:
    """An event date resolved against the publication date."""

    date: Day | None
    precision: DatePrecision
    window: tuple[Day, Day] | None = None
    text: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Evidence:
    """Where an event was read: the sentence and its offsets in the article text."""

    article_id: str
    sentence: str
    start: int
    end: int
    trigger: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class Event:
    """A coded event: who did what to whom, when, where, how sure, and why we think so."""

    event_id: str
    article_id: str
    source: Actor | None
    target: Actor | None
    cameo: str
    root: str
    quad_class: QuadClass
    goldstein: float | None
    plover: str | None
    modality: Modality
    date: EventDate
    location: Location | None
    evidence: tuple[Evidence, ...]
    rule: str = ""
    coder_version: str = ""
    cluster_id: str | None = None  # set by the store: the event cluster this report belongs to

    def code_values(self) -> dict[str, object]:
        """What the event is, as plain values: its code, root, QuadClass, scores and modality (the same
        fields in a stored row and in an exported record)."""
        return {
            "cameo": self.cameo,
            "root": self.root,
            "quad_class": int(self.quad_class),
            "goldstein": self.goldstein,
            "plover": self.plover,
            "modality": self.modality.value,
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class EventCluster:
    """Reports of one event grouped across articles; the report whose event_id is the cluster id stands
    for them all."""

    cluster_id: str
    event: Event
    reports: int
    articles: int


@dataclass(frozen=True, kw_only=True, slots=True)
class Speaker:
    """Who is quoted, as the text gives it: "Afghan political analyst" is the role."""

    name: str | None
    role: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Quote:
    """A direct quote: its text and offsets in the article, the speaker, the outlet addressed, the date and
    the countries it mentions."""

    article_id: str
    text: str
    start: int
    end: int
    speaker: Speaker | None
    outlet: str | None = None
    date: EventDate | None = None
    mentions: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class Fingerprint:
    """What the store keeps of a text to find its near-duplicates (overtures.dedup): the MinHash values,
    the LSH buckets and the name of the sketch that made them."""

    signature: bytes
    buckets: tuple[str, ...]
    sketch: str


@dataclass(frozen=True, kw_only=True, slots=True)
class StoredFingerprint:
    """A stored original's fingerprint, as the store hands it to overtures.dedup to screen a new text."""

    article_id: str
    published: date | None
    signature: bytes
    sketch: str


@dataclass(frozen=True, kw_only=True, slots=True)
class SearchWindow:
    """Where the stored reports that may match an event lie, as overtures.clusters decides and the store
    reads them: dated from ``first`` to ``last`` and, when ``span`` is given, with exactly that date window
    (a vague date, "in May 2023", matches only the same vague date)."""

    first: date
    last: date
    span: tuple[date, date] | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class ClusterChange:
    """What saving or deleting events changes in the stored event clusters, as overtures.clusters decides
    and the store writes: stored clusters merged under another id (old id, new id), stored events moved
    to another cluster and new events put in one (event_id, cluster id)."""

    renamed: tuple[tuple[str, str], ...] = ()
    moved: tuple[tuple[str, str], ...] = ()
    added: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class ProcessedArticle:
    """Everything the pipeline derives from one article, stored together in one transaction; no
    fingerprint for a text too short to be matched."""

    analysed: AnalysedArticle
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    fingerprint: Fingerprint | None = None

    @property
    def article(self) -> Article:
        return self.analysed.article


@dataclass(frozen=True, kw_only=True, slots=True)
class RecordError:
    """A record that could not be read; ``where`` names the file and line or record id."""

    where: str
    reason: str
    outcome: Outcome = Outcome.FAILED

    def __str__(self) -> str:
        return f"{self.where}: {self.outcome.value}: {self.reason}"


@dataclass(kw_only=True, slots=True)
class IngestSummary:
    """Counts of one ingest run."""

    ingested: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    duplicates: int = 0  # near-duplicates linked to an original, not coded (counted in ingested too)
    errors: list[RecordError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0
