"""Two made-up articles the export-format tests store and export."""

ARTICLES = [
    {"id": "k1", "date": "2022-05-10", "url": "https://news.example/k1", "title": "Clashes in Nairobi", "text": (
        "Kenyan police arrested 40 protesters in Nairobi on Monday. The United States criticised "
        "Kenya over the arrests.")},
    {"id": "k2", "date": "2022-05-12", "text": (
        "France and Germany held talks in Berlin on Wednesday. Russia threatened Ukraine with "
        "sanctions.")},
]
