"""The API's routes, one module per resource; each route checks its parameters and calls the Store."""

from overtures.server.routes import actors, articles, events, export, quotes, relations, stats

ROUTERS = (
    stats.router,
    articles.router,
    events.router,
    actors.router,
    quotes.router,
    relations.router,
    export.router,
)

__all__ = ["ROUTERS"]
