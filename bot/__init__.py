"""The Terr'ESS delegate assistant.

Importing ``bot`` loads nothing heavy: models, Chroma and Telegram are imported
by the modules that need them, so ``python -m bot --help`` stays instant.
"""

__version__ = "0.1.0"
