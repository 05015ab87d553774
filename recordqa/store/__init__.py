"""Stored audit results: scores, statuses and findings per record (text only on request)."""
