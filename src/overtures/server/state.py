"""What one app holds for its lifetime: the store, opened on first use, and the NLP services, loaded on
the first ingest (never at start-up, so reading the API costs no model load)."""

from __future__ import annotations

import threading
from typing import Annotated

from fastapi import Depends, Request

from overtures.api import open_store
from overtures.pipeline import Services, load_services
from overtures.store import Store


class ServerState:
    """The app's store and services, each created once, under a lock, when first asked for."""

    def __init__(self, db_url: str, *, api_key: str | None, services: Services | None = None) -> None:
        self.db_url = db_url
        self.api_key = api_key
        self.ingest_lock = threading.Lock()  # one ingest at a time: the spaCy pipeline is not shared
        self._services = services
        self._store: Store | None = None
        self._store_lock = threading.Lock()
        self._services_lock = threading.Lock()

    def store(self) -> Store:
        """The open store (opened and migrated on first use)."""
        with self._store_lock:
            if self._store is None:
                self._store = open_store(self.db_url)
            return self._store

    def services(self) -> Services:
        """The spaCy pipeline and coder (loaded on first use)."""
        with self._services_lock:
            if self._services is None:
                self._services = load_services()
            return self._services

    def close(self) -> None:
        """Release the database connections."""
        with self._store_lock:
            if self._store is not None:
                self._store.close()
                self._store = None


def server_state(request: Request) -> ServerState:
    """The state of the app serving this request."""
    state: ServerState = request.app.state.overtures
    return state


def current_store(state: Annotated[ServerState, Depends(server_state)]) -> Store:
    """The store, for route functions."""
    return state.store()


StoreDep = Annotated[Store, Depends(current_store)]
StateDep = Annotated[ServerState, Depends(server_state)]
