"""The synthetic demo authority: child-level histories written in the statutory file layouts.

Everything made here is fictional and labelled SYNTHETIC. See ``context.py`` for the authority,
its localities and the seeded random streams.
"""
