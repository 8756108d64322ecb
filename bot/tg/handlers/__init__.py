"""Telegram handlers: read the update, call one service, render, reply.

Named ``handlers`` and not ``telegram`` so that nothing here can hide
python-telegram-bot's own package.
"""
