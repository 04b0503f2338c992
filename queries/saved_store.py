"""A KB saved as an Oxigraph store folder (`jobkg build -o kb.oxigraph`): written once, then
opened read-only where it lies, in milliseconds at any size, where N-Quads or TriG are parsed
into memory on every open (docs/decisions/0006-saved-kb-store.md)."""

from __future__ import annotations

import shutil
from pathlib import Path

from pyoxigraph import RdfFormat, Store

from jobkg.errors import KbFileError

STORE_SUFFIX = ".oxigraph"
ROCKSDB_MARKER = "CURRENT"  # every RocksDB folder has it, and Oxigraph's store is one


def is_saved_store(path: Path) -> bool:
    return path.is_dir() and (path / ROCKSDB_MARKER).is_file()


def save_store(source: Store, path: Path) -> None:
    """Write the store's quads to a new store beside `path`, then put it in place: a KB saved
    there before is replaced whole, any other folder is left alone and refused."""
    if path.exists() and not is_saved_store(path):
        raise KbFileError(f"{path}: exists and is not a saved KB; choose another path for the store")
    partial = path.with_name(path.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    _write(source, partial)
    if path.exists():
        shutil.rmtree(path)
    partial.rename(path)


def _write(source: Store, folder: Path) -> None:
    """Through an N-Quads dump that Oxigraph's bulk loader reads: no quad becomes a Python
    object (a list of them cost 0.3 GiB at 10x, as much time)."""
    dump = folder.with_name(folder.name + ".nq")
    try:
        source.dump(output=str(dump), format=RdfFormat.N_QUADS)
        store = Store(str(folder))
        store.bulk_load(path=str(dump), format=RdfFormat.N_QUADS)
        store.flush()
        del store  # closes the store: only one process may hold it for writing
    finally:
        dump.unlink(missing_ok=True)
