"""Occupations: review each role's standard occupation. Proposals (ESCO, US SOC 2018) come with
their score and reasons; Accept, Exact and Reject write occupations.yaml beside the pages, and
the KB is rebuilt from it. Nothing proposed is shown as accepted."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from jobkg import views
from jobkg.app.state import any_source, current_kb
from jobkg.app.widgets import role_link, text
from jobkg.ingest.review import REVIEW_FILE, OccupationDecision, Verdict, record
from jobkg.occupation_lists import SCHEMES, Occupation, code_list
from jobkg.occupations import OccupationLink
from jobkg.proposals import Proposal

REVIEWER = "occupations-reviewer"
DONE = "occupations-done"  # session key: what the last decision wrote
SHOWN = 5  # proposals per list


def review_folder() -> Path | None:
    """Where decisions go: the folder of pages this KB is built from, when this app may write
    there (a local app, --any-source, or a server started with JOBKG_REVIEW=1); else None."""
    kind, location = st.session_state["source"]
    folder = Path(location)
    writable = kind == "folder of pages" and folder.is_dir() and os.access(folder, os.W_OK)
    allowed = any_source() or os.environ.get("JOBKG_REVIEW", "") in ("1", "true", "yes")
    return folder if writable and allowed else None


def render() -> None:
    kb = current_kb()
    st.title("Standard occupations")
    st.caption(
        "Which ESCO (v1.2) and US SOC 2018 occupation each role is, for pay benchmarks, workforce reports "
        "and job postings. Proposals come from the title, the family and the duties (the words they share "
        "with the lists' names and descriptions, and how close they are in meaning); they are suggestions: "
        "measured on roles people classified, the right occupation was among the first three for 47% (ESCO) "
        "and 38% (SOC) of them, and for 53% and 52% in organisations kept aside while building, so read them "
        "before you accept. "
        "A decision is written to occupations.yaml beside the pages, with your name and the date."
    )
    if DONE in st.session_state:  # the decision the last run wrote, said after the rerun that shows it
        st.success(st.session_state.pop(DONE))
    roles = sorted(kb.roles(), key=lambda r: (r.title, r.family))
    decided = kb.accepted_roles()
    st.progress(
        len(decided) / len(roles) if roles else 0.0,
        f"Roles with an accepted occupation: {len(decided)} of {len(roles)}",
    )
    folder = review_folder()
    if folder is None:
        st.info(
            "This source is read here, not written: decisions are made on a folder of pages in a local app "
            "(`jobkg app PAGES --any-source`), on a server started with JOBKG_REVIEW=1, or with "
            "`jobkg occupations PAGES --role ROLE --accept CODE`."
        )
    undecided_only = st.toggle("Only roles without an accepted occupation", value=True)
    listed = [r for r in roles if not undecided_only or r.iri not in decided]
    if not listed:
        st.success("Every role has an accepted occupation.")
        return
    by_iri = {r.iri: r for r in listed}
    iri = st.selectbox("Role", list(by_iri), format_func=lambda i: _named(by_iri[i]))
    role = by_iri[iri]
    role_link(role.iri, f"Open {role.title}", key="occupations-role")
    links = kb.occupations(role.iri)
    _decided(links)
    reviewer = (
        st.text_input("Your name (written with each decision)", key=REVIEWER, max_chars=80).strip() if folder else ""
    )
    for scheme in SCHEMES:
        st.subheader(code_list(scheme).title, anchor=False)
        proposals = kb.propose_occupations(role.iri, scheme, SHOWN)
        st.caption(code_list(scheme).attribution)
        accepted = [f"{link.label} ({link.notation})" for link in links if link.scheme == scheme and link.accepted]
        if accepted:
            pay = " Market pay is the exact match's, else the latest decision's." if scheme == "soc" else ""
            st.info(f"Accepted from this list: {'; '.join(accepted)}. Accepting another adds a second match.{pay}")
        if not proposals:
            st.write("Nothing to propose from this list.")
        for index, proposal in enumerate(proposals):
            _proposal(role, proposal, folder, reviewer, f"{scheme}-{index}")


def _list_and_code(occupation: Occupation) -> str:
    """'US SOC 2018 17-2141'; an ESCO occupation's code is a long URI people do not read."""
    listed = code_list(occupation.scheme).title
    return listed if occupation.code.startswith("http") else f"{listed} {occupation.notation}"


def _named(role: views.Role) -> str:
    """'Senior Widget Engineer — Widget Engineer'; a family named as its one role is not said twice."""
    return role.title if role.family == role.title else f"{role.title} — {role.family}"


def _decided(links: list[OccupationLink]) -> None:
    if not links:
        st.write("No decision yet for this role.")
        return
    rows = [
        {
            "Decision": link.decision,
            "List": link.list_name,
            "Code": link.notation,
            "Occupation": text(link.label),
            "By": text(link.by or ""),
            "Date": link.date or "",
            "Line": f"{link.file}:{link.line}",
        }
        for link in links
    ]
    st.table(pd.DataFrame(rows), hide_index=True)


def _proposal(role: views.Role, proposal: Proposal, folder: Path | None, reviewer: str, key: str) -> None:
    occupation = proposal.occupation
    label, accept, exact, reject = st.columns([6, 1, 1, 1], vertical_alignment="center")
    name = f"**{text(occupation.label)}**"
    shown = f"[{name}]({occupation.code})" if occupation.code.startswith("http") else f"{name} `{occupation.notation}`"
    label.markdown(
        f"{shown} · proposed, score {proposal.score}  \n" + text("; ".join(proposal.reasons)),
        help=text(occupation.description) or None,  # what the occupation is, as its list defines it
    )
    blocked = folder is None or not reviewer
    why = "Write your name first" if folder is not None and not reviewer else None
    choices: tuple[tuple[DeltaGenerator, Verdict, str], ...] = (
        (accept, "accepted", "Accept"),
        (exact, "exact", "Exact"),
        (reject, "rejected", "Reject"),
    )
    for column, verdict, caption in choices:
        if column.button(caption, key=f"{verdict}-{key}", disabled=blocked, help=why):
            assert folder is not None  # the button is disabled without a folder
            decision = OccupationDecision(
                role.iri, occupation.scheme, occupation.code, verdict, reviewer, dt.date.today(), role.title
            )
            record(folder / REVIEW_FILE, decision)
            # the next run builds this source's KB again: the review file's time is in its cache key
            st.session_state[DONE] = text(
                f"{verdict.capitalize()}: {occupation.label} ({_list_and_code(occupation)}) for {role.title},"
                f" written to {REVIEW_FILE} by {reviewer}."
            )
            st.rerun()
