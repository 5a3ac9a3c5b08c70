"""The HTTP API: ``create_app(db_url)`` gives a FastAPI app serving the store (``overtures serve``)."""

from overtures.server.app import create_app

__all__ = ["create_app"]
