# The assistant in a container: `docker compose up -d` (see DEPLOY.md).
# The bundled documents are baked in; uploads, relayed FAQ entries and the
# bot's database live in volumes (compose.yaml), so a new image loses nothing.
# BASE: any Debian-like image with Python >= 3.11 and its venv module.
ARG BASE=python:3.11-slim
FROM ${BASE}

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    KNOWLEDGE_DIR=/app/knowledge DATA_DIR=/data PATH=/opt/venv/bin:$PATH

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY ingest.py ./
RUN python3 -m venv /opt/venv && pip install --no-cache-dir .
COPY knowledge ./knowledge

RUN useradd --system --home /data terress && mkdir -p /data knowledge/uploads knowledge/faq/relayed \
    && chown -R terress /data knowledge/uploads knowledge/faq/relayed
USER terress
VOLUME ["/data"]

# Index what changed (a file that fails is reported and skipped), then serve.
CMD ["sh", "-c", "python ingest.py; exec python -m bot serve"]
