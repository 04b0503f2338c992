"""Title keys, tracks and aliases."""

from __future__ import annotations

import pytest

from jobkg.ingest.titles import aliases, title_key, track_of


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Director of Engineering", "Director, Engineering"),
        ("Senior IT Program Management", "Senior IT Program Manager"),
        ("Sr. TPM", "senior tpm"),
        ("EVP Engineering", "Executive VP of Engineering"),
    ],
)
def test_name_variants_share_a_key(a, b):
    assert title_key(a) == title_key(b)


def test_word_order_still_matters():
    assert title_key("Senior Manager, Engineering") != title_key("Senior Engineering Manager")


@pytest.mark.parametrize(
    ("title", "track"),
    [
        ("Technical Program Manager", "ic"),
        ("Manager, IT Program Management", "management"),
        ("Senior Engineering Manager", "management"),
        ("Principal, IT Program Management", "ic"),
        ("Engineering Fellow", "ic"),
        ("Executive VP of Engineering", "management"),
    ],
)
def test_tracks(title, track):
    assert track_of(title) == track


def test_aliases_use_page_acronyms_and_abbreviations():
    found = aliases(
        "Senior Infrastructure Technical Program Manager", {"Infrastructure Technical Program Manager": "ITPM"}
    )
    assert "Senior ITPM" in found and "Sr ITPM" in found
    assert "EVP of Engineering" in aliases("Executive VP of Engineering", {})
