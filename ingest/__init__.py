"""Job-family pages in, RDF out: read a page into blocks, blocks into typed records,
records into triples. Each stage is a function with a typed boundary."""
