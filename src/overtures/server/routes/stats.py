"""/stats: what the store holds."""

from __future__ import annotations

from fastapi import APIRouter

from overtures.server.schemas import StatsOut
from overtures.server.state import StoreDep

router = APIRouter(tags=["store"])


@router.get("/stats")
def stats(store: StoreDep) -> StatsOut:
    """Row counts of every table, and the schema version."""
    return StatsOut(**store.counts(), schema_version=store.schema_version())
