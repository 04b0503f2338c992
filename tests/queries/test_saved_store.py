"""A KB saved as an Oxigraph store folder: the same answers as the KB that wrote it, opened
read-only in place; a rebuild replaces it whole; any other folder is refused and left alone."""

from __future__ import annotations

import pytest

from jobkg.errors import KbFileError
from jobkg.kb import KnowledgeBase


def test_a_saved_store_answers_as_the_kb_that_wrote_it(seeds_kb, tmp_path):
    path = tmp_path / "kb.oxigraph"
    seeds_kb.save(path)
    opened = KnowledgeBase.load(path)
    assert sorted(map(str, opened.quads())) == sorted(map(str, seeds_kb.quads()))
    assert opened.roles() == seeds_kb.roles()
    assert opened.run("reporting-chain", {"role": "Staff ITPM"}) == seeds_kb.run(
        "reporting-chain", {"role": "Staff ITPM"}
    )


def test_a_saved_store_resolves_names_from_its_kept_roles_as_from_the_store(seeds_kb, tmp_path):
    """Opened from a store, names resolve from the roles kept beside it (no whole-KB query on
    a role page's first question); they must mean what the store's own name query says."""
    path = tmp_path / "kb.oxigraph"
    seeds_kb.save(path)
    opened = KnowledgeBase.load(path)
    opened.roles()  # read back: names then come from them
    kept = opened.role_resolver
    queried = KnowledgeBase.load(path)
    queried.saved = None  # the same store, every name queried
    assert kept.things == queried.role_resolver.things
    assert {k: set(v) for k, v in kept.by_key.items()} == {k: set(v) for k, v in queried.role_resolver.by_key.items()}


def test_saving_again_replaces_the_store_whole(seeds_kb, write_pages, tmp_path):
    path = tmp_path / "kb.oxigraph"
    seeds_kb.save(path)
    small = KnowledgeBase.build(
        [write_pages({"d/w.md": "## Levels\n### Widget Manager\nThe Widget Manager is a grade 8.\n"})]
    )
    small.save(path)
    assert [r.title for r in KnowledgeBase.load(path).roles()] == ["Widget Manager"]
    assert not (tmp_path / "kb.oxigraph.partial").exists()


def test_another_folder_is_refused_and_left_alone(seeds_kb, tmp_path):
    folder = tmp_path / "pages.oxigraph"
    folder.mkdir()
    (folder / "notes.md").write_text("mine")
    with pytest.raises(KbFileError, match="not a saved KB"):
        seeds_kb.save(folder)
    assert (folder / "notes.md").read_text() == "mine"
    with pytest.raises(KbFileError, match="not a KB saved by"):
        KnowledgeBase.load(folder)


def test_a_saved_store_keeps_its_role_views(seeds_kb, tmp_path, monkeypatch):
    """The roles are read back as saved, when first needed, not recomputed by whole-KB queries
    on the disk store."""
    from jobkg import views

    assert [views.role_from_dict(role.to_dict()) for role in seeds_kb.roles()] == seeds_kb.roles()
    path = tmp_path / "kb.oxigraph"
    seeds_kb.save(path)
    opened = KnowledgeBase.load(path)
    assert "_roles" not in vars(opened)  # opening reads nothing beside the store
    monkeypatch.setattr(views, "roles", lambda kb: pytest.fail("the roles were queried, not read back"))
    assert opened.roles() == seeds_kb.roles()


def test_a_saved_store_keeps_every_listing_and_answers_it_as_the_store_would(seeds_kb, tmp_path):
    """Each canned query without parameters is answered from the rows kept at save, the same
    rows the store gives; pages of it are slices of them."""
    from jobkg.queries import catalog

    path = tmp_path / "kb.oxigraph"
    seeds_kb.save(path)
    kept = KnowledgeBase.load(path)
    asked = KnowledgeBase.load(path)
    asked.saved = None  # the same store, every listing queried
    listings = [name for name, query in catalog.catalog().items() if not query.params]
    for name in listings:
        assert kept.run(name) == asked.run(name) == seeds_kb.run(name), name
    read_back = {file.stem for file in (path / "jobkg-answers").iterdir()}
    assert read_back == {name for name in listings if catalog.get(name).kept}
    assert {"role-items", "role-links", "page-lines"}.isdisjoint(read_back)
    page = kept.page("role-names", offset=3, limit=5)
    assert (page.rows, page.total) == (seeds_kb.run("role-names")[3:8], len(seeds_kb.run("role-names")))


def test_the_app_and_cli_take_a_saved_store_as_a_kb_file(seeds_kb, tmp_path, capsys):
    from jobkg.app.state import as_source
    from jobkg.cli import main

    path = tmp_path / "kb.oxigraph"
    seeds_kb.save(path)
    assert as_source(str(path)) == ("KB file", str(path))
    assert as_source(f"{path}/") == ("KB file", f"{path}/")
    assert main(["ask", "what grade is a Staff ITPM", "--kb", str(path)]) == 0
    assert "grade 8" in capsys.readouterr().out


@pytest.mark.parametrize("suffix", [".trig", ".nq", ".nquads", ".ttl", ".nt", ".rdf", ".jsonld"])
def test_every_rdf_format_of_the_export_table_is_written_and_read_back(seeds_kb, tmp_path, suffix):
    """`build -o kb.X` writes what X says and `--kb kb.X` reads it: the same triples and roles
    (formats without named graphs hold asserted and inferred together)."""
    from jobkg.exports import format_for_path

    path = tmp_path / f"kb{suffix}"
    seeds_kb.save(path)
    assert path.read_bytes() == seeds_kb.export(format_for_path(str(path)).name)
    opened = KnowledgeBase.load(path)
    assert {q.triple for q in opened.quads()} == {q.triple for q in seeds_kb.quads()}
    assert opened.roles() == seeds_kb.roles()


def test_a_kb_name_that_says_no_format_is_refused(seeds_kb, tmp_path):
    with pytest.raises(KbFileError, match=r"kb\.txt: say the format"):
        seeds_kb.save(tmp_path / "kb.txt")
    (tmp_path / "kb.txt").write_text("x")
    with pytest.raises(KbFileError, match=r"kb\.txt: not a KB file"):
        KnowledgeBase.load(tmp_path / "kb.txt")
