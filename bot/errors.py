"""The exceptions the assistant raises on purpose.

    BotError                  anything the assistant can explain to a person
    ├── IngestError           a document could not be indexed
    │   ├── CorruptDocument   unreadable, empty, encrypted or malformed
    │   ├── TooLarge          over a limit of size, text or time
    │   └── UnsupportedFormat no loader for this suffix
    ├── StoreUnavailable      Chroma (embedded or server) cannot be reached
    ├── StorageUnavailable    the bot's SQLite file is damaged, or replaced while it ran
    ├── ModelUnavailable      the embedding model cannot be loaded
    │   └── UnknownModelError the configured name is not a known model
    ├── ModelMismatch         the index was built with another embedding model
    └── ConfigError           a setting has a value that cannot work

Ingest catches ``IngestError`` per file, reports it and goes on; the command
line and the handlers turn any ``BotError`` into a readable message.
"""


class BotError(Exception):
    """Base of every error the assistant explains to a person."""


class IngestError(BotError):
    """A document could not be indexed; the others still are."""


class CorruptDocument(IngestError):
    """The file exists but cannot be read as the format its suffix claims."""


class TooLarge(IngestError):
    """The file is over what one document may cost to read (size, text, time)."""


class UnsupportedFormat(IngestError):
    """No loader is registered for this file suffix."""


class StoreUnavailable(BotError):
    """The vector store cannot be opened or reached."""


class StorageUnavailable(BotError):
    """The bot's SQLite file cannot be trusted: serving on would lose or mix state."""


class ModelUnavailable(BotError):
    """The embedding model cannot be loaded."""


class UnknownModelError(ModelUnavailable):
    """``EMBEDDING_MODEL`` names no model this build knows."""


class ModelMismatch(BotError):
    """Vectors from two models must never be mixed in one collection."""


class ConfigError(BotError):
    """A setting cannot work as given."""
