"""The service's routers, one module per area."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from fastapi.routing import APIRoute


class DocRoute(APIRoute):
    """A route whose OpenAPI summary is its handler's one-line docstring."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        if kwargs.get("summary") is None and endpoint.__doc__:
            kwargs["summary"] = inspect.cleandoc(endpoint.__doc__).splitlines()[0]
        super().__init__(path, endpoint, **kwargs)
