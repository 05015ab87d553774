"""The service's settings: one typed class read from `RECORDQA_*` environment variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything the service reads from its environment (prefix `RECORDQA_`)."""

    model_config = SettingsConfigDict(env_prefix="RECORDQA_", env_ignore_empty=True, extra="forbid")

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default=1, ge=1, description="uvicorn worker processes (each loads its own model)")
    profile: str = Field(default="default", description="Built-in profile used when a request names none")
    max_body_bytes: int = Field(default=1_048_576, ge=1024, description="Largest request body accepted (413 above)")
    max_batch: int = Field(default=100, ge=1, description="Most records in one POST /v1/analyse/batch")
    api_keys: str = Field(default="", description="Comma-separated keys; empty: the API is open")
    ready_wait_seconds: float = Field(
        default=60.0, ge=0, description="How long an analysis request waits for the model to finish loading"
    )

    def keys(self) -> tuple[str, ...]:
        """The API keys, without blanks; empty when the API is open."""
        return tuple(k.strip() for k in self.api_keys.split(",") if k.strip())


def unknown_variables(environ: Mapping[str, str] | None = None) -> list[str]:
    """RECORDQA_* variables that are no setting: a typo (RECORDQA_API_KEY) would leave the API open."""
    env = os.environ if environ is None else environ
    known = {f"RECORDQA_{name.upper()}" for name in Settings.model_fields}
    return sorted(k for k in env if k.upper().startswith("RECORDQA_") and k.upper() not in known)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, read once (tests override this dependency or clear the cache)."""
    return Settings()
