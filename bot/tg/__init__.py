"""Everything Telegram: the Application, handlers, replies as Telegram HTML.

Named ``tg``, not ``telegram``: a package of that name would hide
python-telegram-bot's own when a script runs from inside ``bot/``.
"""
