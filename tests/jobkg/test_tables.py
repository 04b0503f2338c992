"""Tables people read: labels for IRIs, words for column names, no None, yes/no."""

from __future__ import annotations

from jobkg.tables import readable

ROWS = [
    {
        "role": "https://w3id.org/jobkg/id/role/a",
        "report": "https://w3id.org/jobkg/id/role/b",
        "report_label": "Senior X",
        "direct": True,
        "grade": None,
        "stage_text": "Screening call",
    }
]


def test_labels_stand_for_their_iris_and_names_read_as_words():
    assert readable(ROWS) == [{"Report": "Senior X", "Direct": "yes", "Grade": "", "Stage": "Screening call"}]


def test_iris_come_last_when_asked_for():
    assert list(readable(ROWS, iris=True)[0]) == ["Report", "Direct", "Grade", "Stage", "Role (IRI)", "Report (IRI)"]


def test_rows_of_nothing_but_iris_still_show_them():
    only = [{"s": "https://example.org/a", "o": "https://example.org/b"}]
    assert readable(only) == [{"S (IRI)": "https://example.org/a", "O (IRI)": "https://example.org/b"}]


def test_text_that_merely_starts_like_a_url_is_text():
    rows = [{"note": "https://example.org says so"}]
    assert readable(rows) == [{"Note": "https://example.org says so"}]
