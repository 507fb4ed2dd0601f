"""Stage 0, what every stage shares: Vietnamese text handling, the taxonomy, URLs and the Problem type.

Input: the taxonomy's parsed data. May import nothing else of the package.
"""
