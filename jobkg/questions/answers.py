"""What each intent answers, as facts: the names, the numbers, the items, never a bare count
where a list is asked for. When the pages state nothing, the answer says "not stated". Every
answer records the canned queries it ran (with their parameters) and their rows."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from jobkg import paths as careers
from jobkg.ingest.titles import title_key
from jobkg.kb import KnowledgeBase
from jobkg.occupation_lists import SCHEMES, code_list
from jobkg.occupations import dollars, links_from_rows
from jobkg.occupations import market_pay as occupation_pay
from jobkg.queries import cells
from jobkg.queries.backends import Row
from jobkg.queries.mentions import Named
from jobkg.superseded import superseded_by

SHOWN = 5  # items named in a sentence before 'and N more'


@dataclass
class Context:
    """What a reading resolved: the KB, the roles (in question order), a family, a department, a grade."""

    kb: KnowledgeBase
    roles: list[Named] = field(default_factory=list)
    family: Named | None = None
    department: str | None = None
    grade: int | None = None
    highest: bool = True
    gap: str = "grade"
    topic: str = ""  # the question's words after its role (what a yes/no question asks about)
    read: str = ""  # the question as read: lower case, its mentions as <role>, <family> ...
    runs: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def run(self, name: str, params: dict[str, str] | None = None) -> list[Row]:
        self.runs.append((name, dict(params or {})))
        return self.kb.run(name, params or {})

    @property
    def role(self) -> Named:
        return self.roles[0]


@dataclass
class Said:
    text: str
    rows: list[Row] = field(default_factory=list)
    status: str = "answered"  # or "not stated": the pages do not state what was asked

    def __post_init__(self) -> None:
        if self.status == "answered" and "(not stated" in self.text:
            self.status = "not stated"


def listing(values: list[str], shown: int = SHOWN) -> str:
    """'a', 'a and b', 'a, b and c', 'a, b, c, d, e and 3 more'."""
    unique = list(dict.fromkeys(v for v in values if v))
    if len(unique) > shown:
        return ", ".join(unique[:shown]) + f" and {len(unique) - shown} more"
    if len(unique) <= 1:
        return "".join(unique)
    return ", ".join(unique[:-1]) + " and " + unique[-1]


def _names(rows: list[Row], key: str) -> list[str]:
    return [cells.text(r, key) for r in rows if r.get(key) is not None]


def reports_to(c: Context) -> Said:
    rows = c.run("reports-to", {"role": c.role.iri})
    if not rows:
        return Said(f"The pages do not state who a {c.role.title} reports to (not stated).")
    return Said(f"A {c.role.title} reports to {listing(_names(rows, 'target_label'))}.", rows)


def reporting_chain(c: Context) -> Said:
    rows = c.run("reporting-chain", {"role": c.role.iri})
    if not rows:
        return Said(f"The pages do not state who a {c.role.title} reports to (not stated).")
    steps: dict[int, list[str]] = {}
    for row in rows:
        steps.setdefault(cells.integer(row, "steps"), []).append(cells.text(row, "ancestor_label"))
    chain = " → ".join(" / ".join(names) for _, names in sorted(steps.items()))
    return Said(f"The reporting chain above {c.role.title}: {chain}.", rows)


def direct_reports(c: Context) -> Said:
    rows = c.run("all-reports", {"role": c.role.iri})
    if not rows:
        return Said(f"No role in the KB reports to {c.role.title} (not stated on any page).")
    direct = [r for r in rows if r.get("direct")]
    names = listing(_names(direct or rows, "report_label"))
    return Said(
        f"{len(direct)} role(s) report directly to {c.role.title}: {names} ({len(rows)} in all, below them too).", rows
    )


def grade(c: Context) -> Said:
    """The grade a page states for the role (with its level code where the page numbers its
    levels: 'L3'); where it states no grade, 'not stated', and the level it does state."""
    rows = c.run("role-grade", {"role": c.role.iri})
    facts = _facts(c, c.role)
    numbered = facts is not None and facts.get("level") is not None and facts.get("rank") is not None
    if not rows:
        level_text = f"; the page gives its level: {facts['level']}" if facts and facts.get("level") else ""
        return Said(
            f"The pages do not state a grade for {c.role.title} (not stated){level_text}.", [facts] if facts else []
        )
    code = f" (level {facts['level']})" if numbered and facts is not None else ""
    return Said(f"{c.role.title} is grade {rows[0]['grade']}{code}.", rows)


def roles_at_grade(c: Context) -> Said:
    rows = c.run("roles-at-grade", {"grade": str(c.grade)})
    if not rows:
        return Said(f"No role is stated at grade {c.grade}.")
    return Said(
        f"{len({r['role'] for r in rows})} role(s) at grade {c.grade}: {listing(_names(rows, 'title'), 12)}.", rows
    )


def _items(kind: str, query: str) -> Callable[[Context], Said]:
    def answer(c: Context) -> Said:
        rows = c.run(query, {"role": c.role.iri})
        texts = list(dict.fromkeys(cells.text(r, "text") for r in rows))
        own = [cells.text(r, "text") for r in rows if r.get("own")]
        if not texts:
            return Said(f"The pages state no {kind} for {c.role.title} (not stated).")
        first = listing([t.rstrip(".") for t in (own or texts)], 3)
        replaced = superseded_by((cells.text(r, "text"), bool(r.get("own"))) for r in rows)
        superseded = f" ({len(replaced)} inherited superseded by its own, which restate them with other words)"
        marked = [{**r, "superseded_by": None if r.get("own") else replaced.get(cells.text(r, "text"))} for r in rows]
        return Said(
            f"{c.role.title} has {len(texts)} {kind}: {len(set(own))} of its own and {len(texts) - len(set(own))} "
            f"inherited{superseded if replaced else ''}; its own include: {first}.",
            marked,
        )

    return answer


def _adjacent(relation: str) -> Callable[[Context], Said]:
    def answer(c: Context) -> Said:
        rows = [r for r in c.run("adjacent-levels", {"role": c.role.iri}) if r["relation"] == relation]
        word = "after" if relation == "next" else "before"
        if not rows:
            return Said(f"No level comes {word} {c.role.title} on its ladder (not stated).")
        grades = [
            f"{r['other_title']} (grade {r['grade']})" if r.get("grade") is not None else cells.text(r, "other_title")
            for r in rows
        ]
        return Said(f"{listing(grades)} comes {word} {c.role.title}.", rows)

    return answer


def career_ladder(c: Context) -> Said:
    family = c.family or _family_of(c)
    if family is None:
        return Said("No family of the KB matches that.")
    rows = c.run("career-ladder", {"family": family.iri})
    if not rows:
        return Said(f"The pages state no levels for {family.title}.")
    tracks: dict[str, list[str]] = {}
    for row in rows:
        step = f"{row['title']} ({row['grade']})" if row.get("grade") is not None else cells.text(row, "title")
        tracks.setdefault(cells.text(row, "track_label"), []).append(step)
    said = "; ".join(f"{track}: {' → '.join(dict.fromkeys(steps))}" for track, steps in tracks.items())
    return Said(f"The {family.title} ladder, {said}.", rows)


def count_levels(c: Context) -> Said:
    if c.department and not c.family:
        rows = [r for r in c.run("departments") if r["department_label"] == c.department]
        total = sum(cells.integer(r, "roles") for r in rows)
        return Said(
            f"{c.department} has {total} roles in {len(rows)} families: {listing(_names(rows, 'family_title'), 8)}.",
            rows,
        )
    family = c.family or _family_of(c)
    if family is None:
        return Said("No family of the KB matches that.")
    rows = c.run("career-ladder", {"family": family.iri})
    titles = list(dict.fromkeys(_names(rows, "title")))
    return Said(f"{family.title} has {len(titles)} levels: {listing(titles, 12)}.", rows)


def grade_extremes(c: Context) -> Said:
    family = c.family or _family_of(c)
    if family is None:
        return Said("No family of the KB matches that.")
    rows = [r for r in c.run("career-ladder", {"family": family.iri}) if r.get("grade") is not None]
    word = "highest" if c.highest else "lowest"
    if not rows:
        return Said(f"The pages state no grade in {family.title} (not stated).")
    value = max(cells.integer(r, "grade") for r in rows) if c.highest else min(cells.integer(r, "grade") for r in rows)
    at = [cells.text(r, "title") for r in rows if cells.integer(r, "grade") == value]
    return Said(f"The {word} grade in {family.title} is grade {value}: {listing(at)}.", rows)


def families_of_department(c: Context) -> Said:
    rows = [r for r in c.run("departments") if r["department_label"] == c.department]
    if not rows:
        return Said(f"No family is stated in {c.department}.")
    return Said(f"{c.department} has {len(rows)} job families: {listing(_names(rows, 'family_title'), 10)}.", rows)


def family_of_role(c: Context) -> Said:
    rows = c.run("role-family", {"role": c.role.iri})
    if not rows:
        return Said(f"The pages do not state the family of {c.role.title} (not stated).")
    row = rows[0]
    department = f", in {row['department']}" if row.get("department") else ", in no department the pages state"
    return Said(f"{c.role.title} is in the {row['family_title']} family{department}.", rows)


def occupation(c: Context) -> Said:
    """The standard occupations people accepted for the role; where none is, 'not stated', and
    the ranker's best proposals named as proposals, never as the role's occupation."""
    rows = [row for row in c.run("role-occupations", {"role": c.role.iri}) if row["decision"] != "rejected"]
    links = links_from_rows(rows)
    if not links:
        proposed = [
            f"{p.occupation.label} ({code_list(scheme).title} {p.occupation.notation})"
            for scheme in SCHEMES
            for p in c.kb.propose_occupations(c.role.iri, scheme, 1)
        ]
        hint = f" Proposed, not accepted: {'; '.join(proposed)}." if proposed else ""
        return Said(
            f"No standard occupation has been accepted for {c.role.title} (not stated).{hint} "
            "A person decides: `jobkg occupations --suggest` or the Occupations page."
        )
    named = "; ".join(
        f"{link.list_title} {link.notation} {link.label} ({link.decision}{' by ' + link.by if link.by else ''})"
        for link in links
    )
    return Said(f"{c.role.title} is {named}.", rows)


def market_pay(c: Context) -> Said:
    """The OEWS national wages of the role's accepted SOC occupation, labelled as a benchmark;
    without an accepted SOC occupation, 'not stated' (the pages state grades, not salaries)."""
    rows = c.run("role-occupations", {"role": c.role.iri})
    pay = occupation_pay(links_from_rows(rows))
    if pay is None:
        return Said(
            f"No SOC occupation with market wages has been accepted for {c.role.title}, so there is no market pay "
            "to show (not stated); the pages state grades, not salaries."
        )
    wages, link = pay.wages, pay.link
    cited = [row for row in rows if row["code"] == link.code]
    return Said(
        f"Market pay for roles like {c.role.title} (SOC {wages.soc_code} {wages.title}, accepted in "
        f"{link.file}:{link.line}): median {dollars(wages.median)} a year; 10th to 90th percentile "
        f"{dollars(wages.p10)} to {dollars(wages.p90)} ({pay.source}). A benchmark for the occupation, not what "
        "this company pays.",
        cited,
    )


def gaps(c: Context) -> Said:
    if c.gap == "role target":
        rows = c.run("external-targets")
        return Said(
            f"{len(rows)} reporting targets named on pages are no role of the KB: {listing(_names(rows, 'label'), 8)}.",
            rows,
        )
    rows = c.run("data-gaps", {"gap": c.gap})
    if not rows:
        return Said(f"Every role states a {c.gap}.")
    return Said(f"{len(rows)} role(s) have no {c.gap} stated: {listing(_names(rows, 'title'), 8)}.", rows)


def equivalent(c: Context) -> Said:
    rows = c.run("equivalents", {"role": c.role.iri})
    if not rows:
        return Said(f"No IC/manager equivalent is stated for {c.role.title} (not stated).")
    return Said(f"{c.role.title} is the equivalent of {listing(_names(rows, 'equivalent_label'))}.", rows)


def interviewers(c: Context) -> Said:
    rows = c.run("interviewers", {"role": c.role.iri})
    if not rows:
        return Said(f"No hiring process is stated for {c.role.title} (not stated).")
    people = listing(_names(rows, "interviewer"), 8)
    return Said(f"Candidates for {c.role.title} go through {len(rows)} stages, interviewed by: {people}.", rows)


def indicators(c: Context) -> Said:
    rows = c.run("performance-indicators", {"role": c.role.iri})
    if not rows:
        return Said(f"No performance indicators are stated for {c.role.title} (not stated).")
    return Said(f"{c.role.title} is measured by {len(rows)} indicator(s): {listing(_names(rows, 'label'), 8)}.", rows)


def compare(c: Context) -> Said:
    first, second = c.roles[0], c.roles[1]
    one = c.run("compare-roles", {"role": first.iri, "other": second.iri})
    two = c.run("compare-roles", {"role": second.iri, "other": first.iri})
    parts = []
    for role, other, rows in ((first, second, one), (second, first, two)):
        texts = [cells.text(r, "text").rstrip(".") for r in rows]
        if texts:
            parts.append(f"{role.title} has {len(texts)} that {other.title} does not: {listing(texts, 3)}")
        else:
            parts.append(f"{role.title} has nothing that {other.title} does not")
    return Said(". ".join(parts) + ".", one + two)


TARGET_FIRST = re.compile(
    r"\b(?:become|becoming|get to|reach|be promoted to|move to|moving to|switch to|into)\s+(?:an?\s+|the\s+)?<role>"
    r".*\b(?:from|as|i'?m|i am|being|currently)\s+(?:an?\s+|the\s+)?<role>"
)


def move(c: Context) -> Said:
    """The route from the first role to the second, what is already met and what is missing."""
    start, target = c.roles[0], c.roles[1]
    if TARGET_FIRST.search(c.read):  # 'how do I become a Staff TPM from Senior TPM'
        start, target = target, start
    unpaged = _without_page(c, start) or _without_page(c, target)
    if unpaged is not None:
        return unpaged
    c.run("career-moves", {"role": start.iri})
    [path] = c.kb.career_paths(start.iri, target.iri)
    route = (
        f"{' then '.join(path.moves)}" + (f" (via {', '.join(path.via)})" if path.via else "")
        if path.moves
        else "no stated move (no ladder step, equivalent, or role of the same or next grade leads there)"
    )
    missing = [item.text.rstrip(".") for item in path.missing]
    text = (
        f"From {start.title} to {target.title}: {route}. {len(path.met)} of {len(path.items)} of its items are "
        f"already stated for {start.title}"
    )
    text += f"; missing: {listing(missing, 4)}." if missing else "; nothing is missing."
    return Said(text, _path_rows(path, c.kb.role(target.iri).source.file))


def career_paths(c: Context) -> Said:
    """The roles one or two moves away, best first."""
    unpaged = _without_page(c, c.role)
    if unpaged is not None:
        return unpaged
    c.run("career-moves", {"role": c.role.iri})
    found = c.kb.career_paths(c.role.iri, limit=SHOWN)
    if not found:
        return _no_move(c.role.title)
    named = [f"{p.target.title} ({' then '.join(p.moves)}, {len(p.met)} of {len(p.items)} items met)" for p in found]
    rows = [
        {
            "role": p.target.iri,
            "title": p.target.title,
            "moves": " then ".join(p.moves),
            "met": len(p.met),
            "items": len(p.items),
        }
        for p in found
    ]
    return Said(f"From {c.role.title}, the closest moves: {listing(named, SHOWN)}.", rows)


def _without_page(c: Context, named: Named) -> Said | None:
    """A position pages name (a manager's title) that no page describes has no items to move by."""
    if c.kb.is_role(named.iri):
        return None
    return Said(f"{named.title} is named on the pages but no page describes it, so its duties are not stated.")


def _no_move(title: str) -> Said:
    return Said(f"No move from {title} is stated: no next level, equivalent, or role of its grade elsewhere.")


def _path_rows(path: careers.CareerPath, file: str) -> list[Row]:
    return [
        {"item": item.text, "kind": item.kind, "met_by": item.met_by, "file": file, "line": item.line}
        for item in path.items
    ]


def inherits(c: Context) -> Said:
    role, other = c.roles[0], c.roles[1]
    rows = c.run("inherited-items", {"role": role.iri, "other": other.iri})
    if not rows:
        return Said(f"{role.title} has nothing from {other.title} that the pages state.")
    texts = [cells.text(r, "text").rstrip(".") for r in rows]
    return Said(
        f"{role.title} has {len(texts)} responsibilities and requirements from {other.title}: {listing(texts, 3)}.",
        rows,
    )


def role_summary(c: Context) -> Said:
    """What the pages state about a role: its level and grade, reporting line, first items."""
    facts = _facts(c, c.role)
    line_rows = c.run("reports-to", {"role": c.role.iri})
    items = c.run("responsibilities", {"role": c.role.iri})
    level = f"level {facts['level']}, " if facts and facts.get("level") and facts.get("rank") is not None else ""
    grade_text = f"grade {facts['grade']}" if facts and facts.get("grade") is not None else "grade not stated"
    line_text = f"reports to {listing(_names(line_rows, 'target_label'))}" if line_rows else "reporting line not stated"
    family = f" ({facts['family_title']})" if facts else ""
    said = f"{c.role.title}{family}: {level}{grade_text}, {line_text}."
    own = [cells.text(r, "text").rstrip(".") for r in items if r.get("own")] or [
        cells.text(r, "text").rstrip(".") for r in items
    ]
    if own:
        said += f" Its responsibilities include: {listing(own, 3)}."
    return Said(said, ([facts] if facts else []) + line_rows)


def _facts(c: Context, role: Named) -> Row | None:
    rows = c.run("role-facts", {"role": role.iri})
    return rows[0] if rows else None


def _standing(row: Row | None) -> str:
    """'grade 8', 'level L3', 'level Senior': what orders a role, as the page states it."""
    if row is None:
        return "no grade or level stated"
    if row.get("grade") is not None:
        return f"grade {row['grade']}"
    if row.get("level") is not None:
        return f"level {row['level']}"
    return "no grade or level stated"


def is_manager(c: Context) -> Said:
    row = _facts(c, c.role)
    if row is None:
        return Said(f"The pages state no track for {c.role.title} (not stated).")
    if row["track"] == "management":
        return Said(f"Yes: {c.role.title} is on the management track (it manages people).", [row])
    return Said(f"No: {c.role.title} is an individual contributor role, not a people manager.", [row])


def higher(c: Context) -> Said:
    first, second = c.roles[0], c.roles[1]
    a, b = _facts(c, first), _facts(c, second)
    rows = [r for r in (a, b) if r is not None]
    order = _compared(a, b)
    if order is None:
        return Said(
            f"The pages do not state a grade or level number for both, so they do not say which is higher "
            f"(not stated): {first.title} is {_standing(a)}, {second.title} {_standing(b)}.",
            rows,
        )
    if order == 0:
        return Said(f"Neither: {first.title} and {second.title} are both {_standing(a)}.", rows)
    high, low = (first, second) if order > 0 else (second, first)
    high_row, low_row = (a, b) if order > 0 else (b, a)
    return Said(f"{high.title} ({_standing(high_row)}) is higher than {low.title} ({_standing(low_row)}).", rows)


def _compared(a: Row | None, b: Row | None) -> int | None:
    """1 if a is higher, -1 if b is, 0 if level; by grade where both state one, else by level number."""
    for key in ("grade", "rank"):
        if a is not None and b is not None and a.get(key) is not None and b.get(key) is not None:
            x, y = float(str(a[key])), float(str(b[key]))
            return (x > y) - (x < y)
    return None


def extends(c: Context) -> Said:
    """What the role extends; 'which role extends X' asks the other way: what extends X."""
    rows = c.run("extended-roles", {"role": c.role.iri})
    builds_on = list(dict.fromkeys(cells.text(r, "other_title") for r in rows if r["direction"] == "extends"))
    built_on = list(dict.fromkeys(cells.text(r, "other_title") for r in rows if r["direction"] == "extended by"))
    if re.search(r"\b(?:which|what|who)\b.*\bextends?\s+<role>", c.read):
        if not built_on:
            return Said(f"No role the pages name extends {c.role.title} (not stated).", rows)
        return Said(
            f"{listing(built_on)} extends {c.role.title} (it has all of its responsibilities, plus its own).", rows
        )
    if not builds_on:
        return Said(f"The pages state no role that {c.role.title} extends (not stated).", rows)
    return Said(
        f"{c.role.title} extends {listing(builds_on)} (it has all of its responsibilities, plus its own).", rows
    )


def count_reports(c: Context) -> Said:
    rows = c.run("all-reports", {"role": c.role.iri})
    direct = list(dict.fromkeys(_names([r for r in rows if r.get("direct")], "report_label")))
    if not rows:
        return Said(f"No role in the KB reports to {c.role.title} (not stated on any page).")
    return Said(
        f"{len(direct)} role(s) report directly to {c.role.title}: {listing(direct, 12)}; "
        f"{len({r['report'] for r in rows})} in all, below them too.",
        rows,
    )


def reports_to_check(c: Context) -> Said:
    role, boss = c.roles[0], c.roles[1]
    rows = c.run("reporting-chain", {"role": role.iri})
    if not rows:
        return Said(f"The pages do not state who a {role.title} reports to (not stated).")
    direct = [r for r in rows if cells.integer(r, "steps") == min(cells.integer(x, "steps") for x in rows)]
    above = [
        r
        for r in rows
        if cells.text(r, "ancestor") == boss.iri or _same_name(cells.text(r, "ancestor_label"), boss.title)
    ]
    stated = listing(list(dict.fromkeys(_names(direct, "ancestor_label"))))
    if not above:
        return Said(f"No: the pages say a {role.title} reports to {stated}, not to {boss.title}.", rows)
    if any(r in direct for r in above):
        return Said(f"Yes: a {role.title} reports to {boss.title} directly.", rows)
    return Said(f"Yes, indirectly: a {role.title} reports to {stated}, who reports up to {boss.title}.", rows)


def _same_name(a: str, b: str) -> bool:
    return fuzz.ratio(title_key(a), title_key(b)) >= 90


_ASKING = frozenset(  # words of a yes/no question that ask, never name the duty
    """
    does do did is are was will would can could should must the a an of to in on for and or with
    their its it they them role job position people person someone doing actually really usually
    ever also need needs require requires required have has expected responsible supposed asked any
    some our
    """.split()  # noqa: SIM905 - a word list reads better as text
)


def does_duty(c: Context) -> Said:
    """'Does a Principal TPM do budgeting?': the role's items that name the topic, as evidence."""
    topic = [w for w in re.findall(r"[a-z][a-z0-9-]+", c.topic.lower()) if w not in _ASKING and len(w) > 2]
    rows = c.run("responsibilities", {"role": c.role.iri}) + c.run("requirements", {"role": c.role.iri})
    if not topic:
        return Said(f"What should a {c.role.title} do? Name the duty (e.g. 'does a {c.role.title} do hiring?').")
    best, share = None, 0.0
    for row in rows:
        words = re.findall(r"[a-z0-9-]+", cells.text(row, "text").lower())
        found = sum(1 for t in topic if any(w.startswith(t[:5]) or t.startswith(w[:5]) for w in words if len(w) > 2))
        if found / len(topic) > share:
            best, share = row, found / len(topic)
    if best is None or share < 0.6:
        asked = " ".join(topic)
        return Said(
            f"The pages state nothing about '{asked}' for a {c.role.title} (not stated): none of its "
            f"{len(rows)} responsibilities and requirements names it.",
            rows,
        )
    return Said(f'Yes: the pages give a {c.role.title} "{str(best["text"]).rstrip(".")}".', [best])


def _family_of(c: Context) -> Named | None:
    if not c.roles:
        return None
    rows = c.kb.run("role-family", {"role": c.role.iri})
    return Named(str(rows[0]["family"]), str(rows[0]["family_title"])) if rows else None


ANSWERS: dict[str, Callable[[Context], Said]] = {
    "reports_to": reports_to,
    "reporting_chain": reporting_chain,
    "direct_reports": direct_reports,
    "grade": grade,
    "roles_at_grade": roles_at_grade,
    "responsibilities": _items("responsibilities", "responsibilities"),
    "requirements": _items("requirements", "requirements"),
    "next_level": _adjacent("next"),
    "previous_level": _adjacent("previous"),
    "career_ladder": career_ladder,
    "count_levels": count_levels,
    "grade_extremes": grade_extremes,
    "families_of_department": families_of_department,
    "family_of_role": family_of_role,
    "gaps": gaps,
    "equivalent": equivalent,
    "interviewers": interviewers,
    "occupation": occupation,
    "market_pay": market_pay,
    "indicators": indicators,
    "compare": compare,
    "move": move,
    "career_paths": career_paths,
    "inherits": inherits,
    "role_summary": role_summary,
    "is_manager": is_manager,
    "higher": higher,
    "extends": extends,
    "count_reports": count_reports,
    "reports_to_check": reports_to_check,
    "does_duty": does_duty,
}
