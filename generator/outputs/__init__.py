"""Stage 4, outputs: feeds, the open-data API, embeds, posters, radio, statistics, reports and their files.

Pure functions of the catalogue, like pages; `site_content` gathers everything the site publishes.
May import every earlier stage: `common`, `entries`, `catalog`, `pages`.
"""
