"""`python -m api`: serve on RECORDQA_HOST:RECORDQA_PORT with RECORDQA_WORKERS workers.

`python -m api hash-key` prints the `sha256:<hex>` form of an API key for RECORDQA_API_KEYS
(the key read from standard input, or asked for without echo); `--new` makes a random key
and prints it with its hash.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import secrets
import sys

import uvicorn

from .middleware import install_log_filter
from .settings import get_settings, hash_key


def hash_key_command(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m api hash-key",
        description="Print the sha256:<hex> form of an API key, for RECORDQA_API_KEYS (the server keeps only hashes).",
    )
    ap.add_argument("--new", action="store_true", help="make a random key; print it, then its hash")
    args = ap.parse_args(argv)
    if args.new:
        key = secrets.token_urlsafe(32)
        print(f"key:  {key}")
        print(f"hash: {hash_key(key)}")
        return 0
    key = getpass.getpass("API key: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\r\n")
    if not key.strip():
        print("error: no key given (pipe it in, type it at the prompt, or use --new)", file=sys.stderr)
        return 2
    print(hash_key(key.strip()))
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["hash-key"]:
        return hash_key_command(argv[1:])
    if argv:
        print("usage: python -m api [hash-key [--new]]  (settings are RECORDQA_* variables)", file=sys.stderr)
        return 2
    settings = get_settings()
    print(f"recordqa serving on http://{settings.host}:{settings.port}", flush=True)
    if settings.log_level == "debug":  # every library's logger too, not only uvicorn's
        logging.basicConfig(level=logging.DEBUG, format="%(levelname)s:     %(name)s: %(message)s")
    install_log_filter()
    uvicorn.run(
        "api.main:app",
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_level=settings.log_level,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
