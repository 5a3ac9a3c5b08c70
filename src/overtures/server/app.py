"""``create_app``: the FastAPI app over one store.

Routes are thin: they check parameters and call the Store. The store opens on the first request and the
NLP services load on the first ingest, so creating the app does no I/O. The dashboard (``overtures.web``)
is served at ``/`` with its assets under ``/static``.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from functools import partial

from fastapi import FastAPI

from overtures.pipeline import Services
from overtures.server.cache import CacheReads
from overtures.server.errors import install_error_handlers
from overtures.server.guard import LOOPBACK, CheckHost, GateWrites, SecureResponses
from overtures.server.keys import check_key
from overtures.server.routes import ROUTERS
from overtures.server.state import ServerState
from overtures.settings import API_KEY_ENV, DB_ENV, DEFAULT_MAX_BODY, HOSTS_ENV, MAX_BODY_ENV, VERSION
from overtures.web import mount_dashboard
from overtures.web.docs import mount_docs

DESCRIPTION = (
    "Political event data coded from news articles (CAMEO, with modality and evidence). Every error is "
    '`{"error": ..., "hint": ...}`; lists are `{"items": [...], "next": cursor}`.'
)


def create_app(
    db_url: str,
    *,
    api_key: str | None = None,
    services: Services | None = None,
    allowed_hosts: Iterable[str] = (),
    max_body: int = DEFAULT_MAX_BODY,
) -> FastAPI:
    """The API over the store at ``db_url``. ``api_key`` (default: $OVERTURES_API_KEY) unlocks POST
    /articles; ``services`` passes NLP services already loaded (else they load on the first ingest).
    Requests must name a loopback host or one of ``allowed_hosts``; bodies over ``max_body`` bytes are
    refused."""
    key = api_key if api_key is not None else os.environ.get(API_KEY_ENV)
    state = ServerState(db_url, api_key=key or None, services=services)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        state.close()

    app = FastAPI(
        title="overtures",
        version=VERSION,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # overtures.web.docs serves /docs from the package, not from a CDN
        redoc_url=None,
    )
    app.state.overtures = state
    install_error_handlers(app)
    app.add_middleware(CacheReads, marker=lambda: state.store().write_marker())
    app.add_middleware(GateWrites, max_body=max_body, check_key=partial(check_key, state.api_key))
    app.add_middleware(CheckHost, allowed=(*LOOPBACK, *allowed_hosts))
    app.add_middleware(SecureResponses)
    for router in ROUTERS:
        app.include_router(router)
    mount_dashboard(app)
    mount_docs(app)
    return app


# What ``overtures serve --workers N`` hands each worker process (uvicorn starts them from an import string,
# so the settings travel in the environment): allowed hosts comma-separated, the body cap in bytes.


def app_from_env() -> FastAPI:
    """The app over $OVERTURES_DB with the hosts and body cap ``serve`` put in the environment: the
    factory each of several uvicorn workers calls."""
    hosts = [h for h in os.environ.get(HOSTS_ENV, "").split(",") if h]
    max_body = int(os.environ.get(MAX_BODY_ENV) or DEFAULT_MAX_BODY)
    return create_app(os.environ[DB_ENV], allowed_hosts=hosts, max_body=max_body)
