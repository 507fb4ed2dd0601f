"""Stage 2, the catalogue: every valid entry with the taxonomy, indexed every way pages and outputs need.

Input: a project folder (taxonomy.yml, initiatives/). May import `common` and `entries`.
"""
