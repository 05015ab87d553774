"""The service's settings: one typed class read from `RECORDQA_*` environment variables."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

HASH_PREFIX = "sha256:"
_HASHED = re.compile(r"sha256:[0-9a-f]{64}")


def hash_key(key: str) -> str:
    """`sha256:<hex>` of an API key: what RECORDQA_API_KEYS may hold instead of the key itself."""
    return HASH_PREFIX + hashlib.sha256(key.encode("utf-8")).hexdigest()


def _key_hashes(value: str) -> str:
    """RECORDQA_API_KEYS with every plain key replaced by its hash (hashes kept as given)."""
    out: list[str] = []
    for raw in value.split(","):
        entry = raw.strip()
        if not entry:
            continue
        if entry.lower().startswith(HASH_PREFIX):
            entry = entry.lower()
            if not _HASHED.fullmatch(entry):
                # Never echo the entry: it may be a key.
                raise ValueError(
                    "an entry starting 'sha256:' must be followed by 64 hex digits (python -m api hash-key)"
                )
        else:
            entry = hash_key(entry)
        out.append(entry)
    return ",".join(dict.fromkeys(out))


class Settings(BaseSettings):
    """Everything the service reads from its environment (prefix `RECORDQA_`)."""

    # hide_input_in_errors: a bad setting's error must not print it (it may be an API key).
    model_config = SettingsConfigDict(
        env_prefix="RECORDQA_", env_ignore_empty=True, extra="forbid", hide_input_in_errors=True
    )

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default=1, ge=1, description="uvicorn worker processes (each loads its own model)")
    profile: str = Field(default="default", description="Built-in profile used when a request names none")
    max_body_bytes: int = Field(default=1_048_576, ge=1024, description="Largest request body accepted (413 above)")
    max_batch: int = Field(default=100, ge=1, description="Most records in one POST /v1/analyse/batch")
    api_keys: str = Field(
        default="",
        description="Comma-separated keys, each a plain key or `sha256:<hex>` of one; held as hashes only. "
        "Empty: the API is open",
    )
    ready_wait_seconds: float = Field(
        default=60.0, ge=0, description="How long an analysis request waits for the model to finish loading"
    )

    max_concurrent: int = Field(
        default=2, ge=1, description="Analysis requests admitted at once (one analyses, the others wait their turn)"
    )
    max_queue: int = Field(
        default=200, ge=0, description="Analysis requests that may wait for a place; beyond it 503 at once"
    )
    queue_timeout_seconds: float = Field(
        default=30.0, gt=0, description="How long a request waits for a place before 503 with Retry-After"
    )
    request_timeout_seconds: float = Field(
        default=300.0, gt=0, description="How long any request may take before it is answered 503 with Retry-After"
    )
    log_level: Literal["critical", "error", "warning", "info", "debug"] = Field(
        default="info", description="uvicorn's log level; at debug every library's logger too (never `trace`)"
    )
    # The audit store and audits through the service (recordqa.store, POST /v1/audits).
    database_url: str | None = Field(
        default=None, description="The audit store (SQLAlchemy URL); empty: sqlite:///recordqa.db in the current folder"
    )
    audit_dir: str = Field(
        default="audit-jobs",
        description="Folder for uploaded audits: each job's input (deleted once scored) and outputs",
    )
    max_upload_bytes: int = Field(
        default=50 * 1_048_576, ge=1024, description="Largest upload POST /v1/audits accepts (413 above)"
    )
    audit_jobs: int = Field(default=1, ge=1, description="Worker processes for each audit run by the service")

    @field_validator("api_keys")
    @classmethod
    def _hash_keys(cls, value: str) -> str:
        return _key_hashes(value)

    def keys(self) -> tuple[str, ...]:
        """The API keys' hashes (`sha256:<hex>`), without blanks; empty when the API is open.
        Plain keys are hashed as the settings are read and never kept."""
        return tuple(k for k in self.api_keys.split(",") if k)


def unknown_variables(environ: Mapping[str, str] | None = None) -> list[str]:
    """RECORDQA_* variables that are no setting: a typo (RECORDQA_API_KEY) would leave the API open."""
    env = os.environ if environ is None else environ
    known = {f"RECORDQA_{name.upper()}" for name in Settings.model_fields}
    return sorted(k for k in env if k.upper().startswith("RECORDQA_") and k.upper() not in known)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, read once (tests override this dependency or clear the cache)."""
    return Settings()
