"""The API's routes, one module per resource; each route checks its parameters and calls the Store."""

from overtures.server.routes import actors, articles, events, quotes, stats

ROUTERS = (stats.router, articles.router, events.router, actors.router, quotes.router)

__all__ = ["ROUTERS"]
