"""Actors: the knowledge base of names and roles (kb.py) and the resolver of text spans (resolve.py)."""
