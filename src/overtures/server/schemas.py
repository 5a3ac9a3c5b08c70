"""The JSON the API accepts and returns, as pydantic models: they make /openapi.json exact and check every
response on its way out.

Events and quotes keep the shapes of overtures.export (event_record, quote_record), which the CLI's JSON
Lines already use; an event gains ``cameo_name`` from the codebook.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class ErrorOut(BaseModel):
    """Every 4xx and 5xx body: what is wrong and what to do about it."""

    error: str
    hint: str


class ActorOut(BaseModel):
    name: str
    text: str
    country: str | None
    sector: str | None
    code: str


class LocationOut(BaseModel):
    name: str
    country: str | None
    lat: float | None
    lon: float | None


class EvidenceOut(BaseModel):
    """A sentence that proves the event; start and end are its offsets in the article text."""

    sentence: str
    start: int
    end: int


class EventOut(BaseModel):
    """A coded event: overtures.export.event_record plus the CAMEO code's name."""

    article_id: str
    event_id: str
    source: ActorOut | None
    target: ActorOut | None
    cameo: str
    cameo_name: str | None
    root: str
    quad_class: int = Field(ge=1, le=4)
    goldstein: float | None
    plover: str | None
    modality: str
    date: str | None = Field(description="ISO date, or null when the event is undated")
    date_precision: str
    date_window: list[str] | None = Field(description="[first day, last day] when the date is a span")
    location: LocationOut | None
    sentence: str
    start: int
    end: int
    evidence: list[EvidenceOut]
    rule: str
    coder_version: str


class SpeakerOut(BaseModel):
    name: str | None
    role: str | None


class QuoteOut(BaseModel):
    """A direct quote: overtures.export.quote_record."""

    text: str
    speaker: SpeakerOut | None
    article_id: str
    start: int
    end: int
    outlet: str | None
    date: str | None
    date_precision: str | None = Field(description="day, week, month, year, or publication (no time named)")
    mentions: list[str]


class ArticleSummaryOut(BaseModel):
    id: str
    title: str | None
    url: str | None
    source: str | None
    published: str | None
    events: int = Field(description="events coded from the article, every modality")


class ArticleOut(BaseModel):
    """An article with its text and everything coded from it (every modality), offsets into ``text``."""

    id: str
    title: str | None
    url: str | None
    source: str | None
    published: str | None
    text: str
    events: list[EventOut]
    quotes: list[QuoteOut]


class EventPage(BaseModel):
    items: list[EventOut]
    next: str | None = Field(description="cursor of the next page; null on the last page")


class ArticlePage(BaseModel):
    items: list[ArticleSummaryOut]
    next: str | None


class QuotePage(BaseModel):
    items: list[QuoteOut]
    next: str | None


class ActorCountOut(BaseModel):
    code: str
    country: str | None
    name: str = Field(description="the name most often coded for this code")
    events: int


class ActorPage(BaseModel):
    items: list[ActorCountOut]
    next: str | None


class StatsOut(BaseModel):
    """Row counts of the store (more keys may be added)."""

    model_config = ConfigDict(extra="allow")

    articles: int
    sentences: int
    entities: int
    events: int
    quotes: int
    schema_version: int


class FacetsOut(BaseModel):
    root: dict[str, int]
    modality: dict[str, int]
    actor: dict[str, int] = Field(description="the 20 countries in most events, either side")
    month: dict[str, int] = Field(description="YYYY-MM; undated events are in no month")


class NodeOut(BaseModel):
    id: str = Field(description="actor code")
    label: str
    country: str | None
    events: int


class EdgeOut(BaseModel):
    source: str
    target: str
    weight: int = Field(description="number of events from source to target")
    goldstein_mean: float | None
    q1: int
    q2: int
    q3: int
    q4: int


class NetworkOut(BaseModel):
    nodes: list[NodeOut]
    edges: list[EdgeOut]


class PointOut(BaseModel):
    type: Literal["Point"] = "Point"
    coordinates: list[float] = Field(description="[lon, lat]", min_length=2, max_length=2)


class PlaceProperties(BaseModel):
    name: str
    country: str | None
    events: int
    top_cameo: str
    top_cameo_name: str | None


class FeatureOut(BaseModel):
    type: Literal["Feature"] = "Feature"
    geometry: PointOut
    properties: PlaceProperties


class FeatureCollectionOut(BaseModel):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[FeatureOut]


class ArticleIn(BaseModel):
    """One article to ingest; fields as in a JSON Lines record. Without an id, a hash of the text is used."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(default=None, max_length=500)
    text: str = Field(min_length=1, max_length=100_000)
    title: str | None = Field(default=None, max_length=2_000)
    url: str | None = Field(default=None, max_length=2_000)
    source: str | None = Field(default=None, max_length=500)
    published: str | None = Field(default=None, max_length=100, description="ISO date or RFC 822 date")

    @field_validator("*")
    @classmethod
    def _no_nul(cls, value: str | None) -> str | None:
        """NUL characters cannot be stored in PostgreSQL text; refuse them rather than fail on save."""
        if value is not None and "\x00" in value:
            raise ValueError("contains a NUL character; remove it")
        return value


MAX_BATCH = 100
ArticleBatch = Annotated[list[ArticleIn], Field(min_length=1, max_length=MAX_BATCH)]


class IngestOut(BaseModel):
    """What an ingest did: counts, the ids of the articles now stored, and one line per problem."""

    ingested: int
    unchanged: int
    skipped: int
    failed: int
    events: int
    ids: list[str]
    errors: list[str]
