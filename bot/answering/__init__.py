"""The question's path: understand once (query) -> retrieve -> decide -> compose or LLM."""
