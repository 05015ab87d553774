"""recordqa: score how a children's social care case record is written against
published recording standards. It makes no prediction about any child or family."""

__version__ = "0.1.0"
