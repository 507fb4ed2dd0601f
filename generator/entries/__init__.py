"""Stage 1, entries: one editor's file from bytes to a validated Entry, with every defect as a Problem.

Reading (the only code that opens entry files), the Entry model, validation, checks, safety, the messages'
guide, and the ways an entry file is written (fmt, scaffold, schema, issue form). May import `common`.
"""
