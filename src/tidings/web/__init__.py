"""The web dashboard and JSON API over a store (``tidings serve``).

``app.create_app(db_path)`` builds the FastAPI app over the store's read queries
(:mod:`tidings.store.queries`, the same ones the command line uses); ``serve`` runs it
under uvicorn with the Host check and header timeout; ``static/`` holds the pages,
styles and vanilla JS (no build step, nothing fetched from elsewhere).
"""
