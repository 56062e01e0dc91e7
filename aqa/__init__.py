"""The composition root and the command line: they build the components of rag/, ingest/ and api/
and sit above them (rag/ imports neither ingest/ nor api/; tests/test_layers.py holds to it)."""
