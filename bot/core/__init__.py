"""The vocabulary every layer shares: data types, tuned numbers, the language list.

Imports nothing from the rest of ``bot`` but itself, and nothing heavy.
"""
