"""`python -m api`: serve on RECORDQA_HOST:RECORDQA_PORT with RECORDQA_WORKERS workers."""

from __future__ import annotations

import uvicorn

from .middleware import install_log_filter
from .settings import get_settings


def main() -> None:
    settings = get_settings()
    print(f"recordqa serving on http://{settings.host}:{settings.port}", flush=True)
    install_log_filter()
    uvicorn.run("api.main:app", host=settings.host, port=settings.port, workers=settings.workers)


if __name__ == "__main__":
    main()
