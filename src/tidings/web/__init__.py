"""The web dashboard and JSON API over a store (``tidings serve``).

``app.create_app(db_path)`` builds the FastAPI app; ``queries`` holds the read
queries the store does not have; ``static/`` the pages, styles and vanilla JS (no
build step, nothing fetched from elsewhere); ``apibench`` the ``bench-api`` load test.
"""
