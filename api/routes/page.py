"""The practitioner's page: one HTML file; its script and styles are static files."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from . import DocRoute

STATIC = Path(__file__).resolve().parent.parent / "static"

router = APIRouter(route_class=DocRoute, tags=["page"], include_in_schema=False)


@router.get("/")
def page() -> FileResponse:
    """The page: write a record, see the findings in place."""
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")
