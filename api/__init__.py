"""recordqa's HTTP service and the practitioner's page (FastAPI).

The library (`recordqa`) never imports this package; this package only calls the library.
"""
