"""Text as the assistant reads it: normalisation, language detection, Darija and
Arabizi rewriting, question forms. Pure string logic: no model, no store."""
