"""Stage 3, pages: pure functions catalogue → the site's pages (entries, listings, search, guide, charts).

A Page names its URL, template and ready context. May import `common`, `entries` and `catalog`.
"""
