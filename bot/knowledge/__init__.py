"""The document's path: files -> loaders -> chunks -> embeddings -> Chroma and BM25."""
