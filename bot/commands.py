"""What a delegate can type besides a question, in every language: one list
for Telegram's /help and the terminal chat's, each showing only the commands
it has (the terminal has no announcements to subscribe to)."""

from __future__ import annotations

from bot.i18n import translator

TELEGRAM = ("/agenda", "/today", "/next", "/lang", "/subscribe", "/help")
TERMINAL = ("/agenda", "/today", "/next", "/lang", "/help", "/quit")


def help_text(lang: str, commands: tuple[str, ...] = TELEGRAM) -> str:
    _ = translator(lang).gettext
    what = {
        "/agenda": _("the programme, day by day"),
        "/today": _("today's sessions"),
        "/next": _("the next session"),
        "/lang": _("change the language"),
        "/subscribe": _("receive the organisers' announcements, or not"),
        "/help": _("what I can do"),
        "/quit": _("leave (or Ctrl-D)"),
    }
    names = {"/subscribe": "/subscribe, /unsubscribe"}
    intro = _(
        "Ask me any question about the Terr'ESS gathering in Agadir, in Arabic, "
        "French or English: the programme, the field visits, the good practices of "
        "the regions. I answer from the programme documents and show my sources."
    )
    return "\n".join([intro, "", *(f"{names.get(c, c)} — {what[c]}" for c in commands)])
