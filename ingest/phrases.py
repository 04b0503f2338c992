"""The sentences job-family pages use for grades, reporting lines, inheritance,
equivalence and management, as patterns over a block's plain text."""

from __future__ import annotations

import re

from jobkg.ingest.records import ExtendsKind, Link, Mention
from jobkg.ingest.titles import JOB_NOUNS

_GRADE = re.compile(r"\bgrade\s*:?\s*(\d{1,2})\b(?!\s*(?:-|–|to|through|and|or)\s*\d)", re.IGNORECASE)
_REPORTS = re.compile(
    r"(?<!direct )\breport(?:s|ing)?\s+(?:directly\s+)?(?:in)?to[a-z]?\b\s*:?\s*(?P<target>[^.;!?]+)",
    re.IGNORECASE,
)
_REPORTS_WITHOUT_TO = re.compile(r"\b[Rr]eports\s+(?P<target>(?:the|a|an)\s+[A-Z][^.;!?]+)")  # "reports the Director"
_ALL_PREVIOUS = re.compile(
    r"\ball\s+(?:of\s+the\s+)?(?P<what>responsibilities|requirements)\s+(?:of|from|for|in)\s+(?:the\s+)?"
    r"(?:previous|prior|preceding|lower|above)\s+(?:roles?|levels?|positions?)",
    re.IGNORECASE,
)
_ALL_FAMILY = re.compile(r"\ball\s+(?P<what>responsibilities|requirements)\s+listed\s+above", re.IGNORECASE)
_EXTENDS_NAMED = re.compile(
    r"\bextends\s+(?:that\s+of\s+)?(?:the\s+)?(?P<target>.+?)\s+(?P<what>responsibilities|requirements)\b",
    re.IGNORECASE,
)
_EXTENDS_ROLE = re.compile(
    r"\bextends\s+(?:that\s+of\s+)?(?:the\s+)?(?P<target>.+?)\s+(?:role|level|position)\b", re.IGNORECASE
)
_EQUIVALENT = re.compile(
    r"\b(?:individual(?:\s+contributor)?|IC)\s+equivalent\s+(?:of|to)\s+(?:an?\s+|the\s+)?"
    r"(?P<target>[^.;]+?)(?=\s+role\b|\s+and\b|\s*[.;]|$)",
    re.IGNORECASE,
)
_MANAGES = re.compile(
    r"\b(?:an?|the)\s+(?P<manager>[A-Z][^.;]*?)\s+(?:will\s+)?manages?\s+(?:both\s+)?(?:the\s+)?(?P<managed>[^.;]+)",
)
_MINUTES = re.compile(r"(\d{1,3})\s*(?:-|\s)?\s*min(?:ute)?s?\b", re.IGNORECASE)
_INTERVIEWER = re.compile(
    r"\bwith\s+(?:one\s+of\s+(?:our|the)\s+|our\s+|an?\s+|the\s+)?(?P<who>[^.;()]+?)"
    r"(?=\s+(?:in\s+a|via|for|who|to\s+discuss|on\s+the|during)\b|[.;(]|$)",
    re.IGNORECASE,
)
_PLUS = re.compile(r"^(?P<title>.+?)\s*\+$")
_CUT = re.compile(r"\s+(?:at GitLab|at gitlab|within|who|and is|and will|in the|on the|as|for)\b.*$")
_NOUN_SPLIT = re.compile(rf"\b({JOB_NOUNS})\b", re.IGNORECASE)


def grade(text: str, links: tuple[Link, ...] = ()) -> int | None:
    """'is a grade 7', 'Grade: 7', or a bare number linked to the job-grades page ('[10](...#job-grades)')."""
    match = _GRADE.search(text)
    if match:
        return int(match.group(1))
    for link in links:
        if re.search(r"(?i)grade", link.href) and re.fullmatch(r"\d{1,2}", link.text.strip()):
            return int(link.text)
    return None


def reporting_targets(text: str, line: int, links: tuple[Link, ...]) -> list[Mention]:
    """'This position reports to the VP of X at GitLab' -> [Mention('VP of X')]."""
    text = _drop_abbreviation_dots(text)
    match = _REPORTS.search(text) or _REPORTS_WITHOUT_TO.search(text)
    if not match:
        return []
    target = re.sub(r"\]\([^)]*\)?", "", match.group("target"))
    target = _CUT.sub("", target).strip(" :,")
    target = re.sub(r",\s+(?:the|a|an|and|who|which|where)\s.*$", "", target)
    parts = re.split(r"\s+or\s+(?!above\b)", target)
    if len(parts) > 1 and not all(_NOUN_SPLIT.search(part) for part in parts):
        parts = [target]
    mentions = []
    for part in parts:
        label = reporting_label(part)
        if label:
            mentions.append(Mention(label, line, _link_for(part, links)))
    return mentions


def reporting_label(text: str) -> str:
    """Clean a named target: drop articles; 'Director+' -> 'a Director or above'."""
    text = re.sub(r"^(?:the|a|an|our|their)\s+", "", text.strip(), flags=re.IGNORECASE).strip()
    plus = _PLUS.match(text)
    if plus:
        title = re.sub(r"^Sr\b\.?", "Senior", plus.group("title").strip())
        article = "an" if title[:1].lower() in "aeiou" else "a"
        return f"{article} {title} or above"
    return text


def extension(text: str, line: int, links: tuple[Link, ...]) -> tuple[ExtendsKind, Mention | None] | None:
    """An inheritance phrase, or None. The mention is None for 'previous roles'."""
    lowered = text.lower()  # every item is tried: skip the regexes when their keyword is absent
    match = _ALL_PREVIOUS.search(text) if "all" in lowered else None
    if match:
        return _kind(match.group("what")), None
    if "extends" not in lowered:
        return None
    match = _EXTENDS_NAMED.search(text)
    if match:
        target = match.group("target")
        return _kind(match.group("what")), Mention(_strip_article(target), line, _link_for(target, links))
    match = _EXTENDS_ROLE.search(text)
    if match:
        target = match.group("target")
        return ExtendsKind.ROLE, Mention(_strip_article(target), line, _link_for(target, links))
    return None


def is_family_inheritance(text: str) -> bool:
    """'All responsibilities listed above (applicable to all roles) plus': family-level items."""
    return bool(_ALL_FAMILY.search(text))


def equivalents(text: str, line: int, links: tuple[Link, ...]) -> list[Mention]:
    match = _EQUIVALENT.search(text)
    if not match:
        return []
    target = match.group("target").strip()
    return [Mention(target, line, _link_for(target, links))]


def management(text: str, line: int, links: tuple[Link, ...]) -> list[tuple[Mention, Mention]]:
    """'a Senior Manager, Engineering will manage both the Frontend and Backend Engineering
    Managers' -> (Senior Manager, Engineering; Frontend Engineering Manager), (...; Backend ...)."""
    match = _MANAGES.search(text)
    if not match or not _NOUN_SPLIT.search(match.group("managed")):
        return []
    manager = Mention(match.group("manager").strip(), line, _link_for(match.group("manager"), links))
    managed = match.group("managed").strip()
    parts = [p.strip() for p in re.split(r",\s*|\s+and\s+", managed) if p.strip()]
    last = parts[-1].split()
    noun = " ".join(last[1:]) if len(last) > 1 else ""
    pairs = []
    for index, part in enumerate(parts):
        name = part if index == len(parts) - 1 or not noun or len(part.split()) > 1 else f"{part} {noun}"
        name = re.sub(r"s$", "", name) if re.search(r"(?i)(manager|engineer|director|lead)s$", name) else name
        pairs.append((manager, Mention(name, line, _link_for(part, links))))
    return pairs


def hiring_stage(text: str) -> tuple[str | None, int | None]:
    """(interviewer, minutes) of a hiring-process item, where stated."""
    text = _drop_abbreviation_dots(text)
    minutes_match = _MINUTES.search(text)
    minutes = int(minutes_match.group(1)) if minutes_match else None
    who_match = _INTERVIEWER.search(text)
    who = who_match.group("who").strip() if who_match else None
    return who, minutes


def _drop_abbreviation_dots(text: str) -> str:
    """'Sr. Director' -> 'Sr Director', so the dot does not end the sentence."""
    return re.sub(r"\b(Sr|Jr|Mgr|Dir|Assoc|Mr|Ms|Dr|vs)\.", r"\1", text)


def _kind(what: str) -> ExtendsKind:
    return ExtendsKind.REQUIREMENTS if what.lower().startswith("req") else ExtendsKind.RESPONSIBILITIES


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE)


def _link_for(text: str, links: tuple[Link, ...]) -> str | None:
    for link in links:
        if link.text and link.text in text:
            return link.href
    return None
