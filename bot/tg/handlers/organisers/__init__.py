"""What organisers and maintainers do from their phones: announcements, relayed
questions, re-ingestion, document uploads, statistics.

Every command here is registered behind the organiser filter
(``ORGANISER_IDS``); for anyone else the same command names fall through to
the ordinary "unknown command" reply, and the attempt is logged.
"""
