"""Canned SPARQL queries (one .rq file each), the backends that run them (the embedded
store, or any SPARQL 1.1 endpoint), and question answering on top."""
