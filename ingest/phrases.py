"""The sentences job-family pages use for grades, reporting lines, inheritance, equivalence
and management, read with the patterns of the page's profile (ingest/profiles/*.toml).

A reporting target must be a position's name: a clause after the name is cut ('the CFO and
works closely with ...' -> 'CFO'), and a target that still reads like a clause is refused
with a reason rather than guessed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobkg.ingest.profile import Profile, load
from jobkg.ingest.records import Block, BlockKind, ExtendsKind, Link, Mention
from jobkg.ingest.titles import title_key, title_shape

GENERIC = load("generic")

_ALL_PREVIOUS = re.compile(
    r"\ball\s+(?:of\s+the\s+)?(?P<what>responsibilities|requirements)\s+(?:of|from|for|in)\s+(?:the\s+)?"
    r"(?:previous|prior|preceding|lower|above)\s+(?:roles?|levels?|positions?)",
    re.IGNORECASE,
)
_ALL_OF_NAMED = re.compile(  # a bullet that is only 'All requirements of a Senior Data Engineer'
    r"^all\s+(?:of\s+)?(?:the\s+)?(?P<what>responsibilities|requirements)\s+(?:of|from|for)\s+(?:an?\s+|the\s+)?"
    r"(?P<target>(?-i:[A-Z])[\w .,&'/()-]{1,80}?)\s*[.:]?$",
    re.IGNORECASE,
)
_ALL_FAMILY = re.compile(r"\ball\s+(?P<what>responsibilities|requirements)\s+listed\s+above", re.IGNORECASE)
_EXTENDS_NAMED = re.compile(
    r"\bextends\s+(?:to\s+)?(?:that\s+of\s+|those\s+of\s+)?(?:the\s+|an?\s+)?(?P<target>[^.;:!?]{1,80}?)\s+(?P<what>responsibilities|requirements)\b",
    re.IGNORECASE,
)
_EXTENDS_ROLE = re.compile(
    r"\bextends\s+(?:to\s+)?(?:that\s+of\s+|those\s+of\s+)?(?:the\s+|an?\s+)?"
    r"(?P<target>[^.;:!?]{1,80}?)\s+(?:role|level|position)\b",
    re.IGNORECASE,
)
_EXTENDS_BARE = re.compile(
    r"^(?:it\s+|this\s+(?:role|level)\s+)?extends\s+(?:to\s+)?(?:that\s+of\s+|those\s+of\s+)?(?:the\s+|an?\s+)?"
    r"(?P<target>(?-i:[A-Z])[^.;:!?]{1,60}?)\s*[.;]?\s*$",
    re.IGNORECASE,
)
_NAMED_PLUS = re.compile(  # 'The Intermediate responsibilities, plus' / 'Everything in Senior, plus'
    r"^(?:the\s+|everything\s+(?:in|of|from)\s+(?:the\s+)?|all\s+(?:of\s+)?(?:the\s+)?)(?P<target>[\w .,&'/-]+?)"
    r"(?:\s+(?P<what>responsibilities|requirements|level|role))?\s*,?\s+plus\b",
    re.IGNORECASE,
)
_HAS_ALL_OF = re.compile(  # 'The Senior X has all of the responsibilities of an Intermediate X, plus:'
    r"\b(?:has|have|meets?|includes?|shares?)\s+all\s+(?:of\s+)?(?:the\s+)?(?P<what>responsibilities|requirements)\s+"
    r"(?:of|from)\s+(?:an?\s+|the\s+)?(?P<target>[A-Z][\w .,&'/()-]+?)\s*,?\s+plus\b",
    re.IGNORECASE,
)
_SAME_AS = re.compile(  # 'has the same responsibilities and requirements as an X, but with less experience'
    r"\b(?:has|have|shares?)\s+the\s+same\s+(?P<what>responsibilit(?:ies|es)|requirements)"
    r"(?P<both>\s+and\s+(?:responsibilit(?:ies|es)|requirements))?\s+as\s+(?:an?\s+|the\s+)?"
    r"(?P<target>(?-i:[A-Z])[\w .&'/()-]+?)\s*(?=,|\.|;|\bbut\b|$)",
    re.IGNORECASE,
)
_INCLUDES = re.compile(
    r"^includes?\s+(?:the\s+)?(?P<target>[\w .,&'/-]+?)[- ](?:level\s+)?(?P<what>responsibilities|requirements)\b",
    re.IGNORECASE,
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
_ARTICLE = re.compile(r"^(?:the|a|an|our)\s+", re.IGNORECASE)  # 'their leader' names no position
_THIS = re.compile(r"^(?:this|the)\s+(?:position|role|job|person|individual|candidate)\b", re.IGNORECASE)
_CLAUSE = re.compile(r",?\s+and\s+(?=(?:the\s+)?[A-Z][^,.;]*?\breports?\b)|;\s+")  # '..., and the X reports to'
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z*_\[])")
_LIST_SEPARATOR = re.compile(r",\s+(?:or\s+|and\s+)?(?=(?:an?|the)\s+[A-Z])|\s+or\s+(?=(?:an?|the)\s+[A-Z])")
_SLASHED = re.compile(r"^(?P<heads>[^,/]+(?:\s*/\s*[^,/]+)+),\s*(?P<tail>.+)$")


@dataclass(frozen=True)
class Reporting:
    """What a reporting sentence states: its targets, or why none could be read."""

    targets: tuple[Mention, ...] = ()
    refused: str | None = None  # the reason, when the sentence names no position
    subject: str = ""  # the sentence up to its verb ('This position reports', 'Data Scientists ... report')


def grade(text: str, links: tuple[Link, ...] = (), profile: Profile = GENERIC) -> int | None:
    """'is a grade 7', 'Grade: 7', 'grade #12', or a bare number linked to a grades page."""
    for pattern in profile.grade:
        match = pattern.search(text)
        if match:
            return int(match.group("grade"))
    for link in links:
        if re.fullmatch(r"#?\d{1,2}", link.text.strip()) and any(p.search(link.href) for p in profile.grade_links):
            return int(link.text.strip().lstrip("#"))
    return None


def reporting(text: str, line: int, links: tuple[Link, ...], profile: Profile = GENERIC) -> Reporting | None:
    """The reporting line a sentence states, None when it states none."""
    text = _drop_abbreviation_dots(text)
    match = next((m for m in (p.search(text) for p in profile.reports) if m), None)
    if match is None:
        return None
    sentence = re.split(r"(?<=[.!?])\s+", text[: match.start()])[-1]
    subject = re.sub(r"\s+(?:will|directly|also|both)?\s*$", "", sentence).strip(" *_,")
    verb = re.match(r"\s*(?:will\s+)?(\w+)", match.group(0))
    if verb and verb.group(1).lower() == "reporting" and subject and not subject.lower().endswith(("is", "are")):
        return None  # 'Assist with reporting to the audit committee': reporting is work here, not a line
    subject = f"{subject} {verb.group(1) if verb else ''}".strip()
    raw = re.sub(r"\]\([^)]*\)?|[\[\]]", "", match.group("target")).strip(" *_")
    if _reports_as_noun(sentence, raw):
        return None
    raw = re.sub(r"^(?:either|one\s+of)\s+", "", raw, flags=re.IGNORECASE)
    listed = _listed(raw)
    parts = [_cut(part, profile) for part in listed] if listed else _alternatives(_cut(raw, profile))
    mentions = []
    for part in parts:
        name = _ARTICLE.sub("", part.strip()).strip(" :,")
        if not name or any(pattern.search(name) for pattern in profile.not_targets) or len(name.split()) > 12:
            return Reporting(refused=f"the reporting sentence names no position ('{raw[:80]}')", subject=subject)
        mentions.append(Mention(reporting_label(part), line, _link_for(part, links)))
    return Reporting(tuple(mentions), subject=subject)


_DETERMINER = re.compile(r"^(?:the|a|an|our|their|your|his|her|its|my|one|either|both|each|any|all)\b", re.I)
_ROLE_SUBJECT = re.compile(r"(?i)\b(?:you|this|role|position|person|incumbent|candidate|level|I|we)\b")


def _reports_as_noun(subject: str, target: str) -> bool:
    """'Produce threat reports to ensure transparency': 'reports' is a noun, the words after
    'to' a purpose, not a position. Said when the subject names no one and the target starts
    with a lower-case word that is no article ('to ensure', 'to stakeholders')."""
    first = target.split()[0] if target.split() else ""
    if not first or first[0].isupper() or _DETERMINER.match(first):
        return False
    return not (title_shape(subject).head or _ROLE_SUBJECT.search(subject) or not subject.strip())


def sentences(text: str) -> list[tuple[int, str]]:
    """The sentences of a text with the offset each starts at ('Sr. Director' ends none)."""
    found, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if not re.search(r"\b(?:Sr|Jr|Mgr|Dir|Assoc|Mr|Ms|Dr|vs|St)\.$", text[start : match.start()]):
            found.append((start, text[start : match.start()]))
            start = match.end()
    found.append((start, text[start:]))
    return [(offset, sentence) for offset, sentence in found if sentence.strip()]


def may_report(text: str) -> bool:
    """Cheap test before the patterns: only sentences with these words can state a line."""
    lowered = text.lower()
    return "report" in lowered or "manager:" in lowered


def states_reporting(block: Block, profile: Profile = GENERIC, role_title: str = "") -> list[Reporting]:
    """The reporting lines a block states, sentence by sentence. A list item states one only
    when it begins with it ('Reports to the CTO') or its subject is the position or the role;
    'Issue ad hoc reports to senior management' is a duty, not a line."""
    found = []
    clauses = [
        clause
        for sentence in _SENTENCE_END.split(_drop_abbreviation_dots(block.text))
        for clause in _CLAUSE.split(sentence)
    ]
    for sentence in clauses:
        line = block.line_at(block.text.find(sentence[:24])) if block.breaks else block.line
        read = reporting(sentence, line, block.links, profile) if may_report(sentence) else None
        if read is None:
            continue
        name = subject_name(read.subject)
        bare = re.fullmatch(r"(?i)(?:you|I)?\s*(?:will\s+)?(?:directly\s+)?(?:report|reports|reporting)?", name)
        about_another = not starts_with_title(name, role_title) and not is_everyone(read.subject, profile)
        if block.kind is BlockKind.ITEM and name and not bare and not _THIS.match(name) and about_another:
            continue
        found.append(read)
    return found


def starts_with_title(subject: str, title: str) -> bool:
    """'Chief Widget Officer leads the org and' starts with the title 'Chief Widget Officer'."""
    key, start = title_key(subject), title_key(title)
    return bool(start) and (key == start or key.startswith(start + " "))


def _cut(target: str, profile: Profile) -> str:
    """The name, without the clause that follows it ('the CFO and works closely with ...')."""
    for end in profile.target_ends:
        target = end.sub("", target, count=1).strip(" :,*_")
    return target


def _listed(target: str) -> list[str] | None:
    """'a Director of X, a Senior Director of Y, or a VP of Z': a list of names, each
    introduced by an article; None when the target is not such a list."""
    parts = [p for p in _LIST_SEPARATOR.split(target) if p]
    return parts if len(parts) > 1 and all(_name_like(part) for part in parts) else None


def _alternatives(target: str) -> list[str]:
    """'Manager, Sales or Senior Manager, Sales' and 'Manager/Senior Manager, CSM' name two."""
    slashed = _SLASHED.match(target)
    if slashed and all(_name_like(h) for h in slashed.group("heads").split("/")):
        return [f"{head.strip()}, {slashed.group('tail').strip()}" for head in slashed.group("heads").split("/")]
    parts = re.split(r"\s+or\s+(?!above\b|higher\b)|,\s+(?:or\s+)?(?=(?:an?|the)\s+[A-Z])", target)
    parts = [part for part in parts if part.strip()]
    if len(parts) > 1 and all(_name_like(part) for part in parts):
        return parts
    return [target]


def _name_like(text: str) -> bool:
    """A position's name starts with a capital letter (after an article)."""
    name = _ARTICLE.sub("", text.strip())
    return bool(name) and name[0].isupper()


def reporting_label(text: str) -> str:
    """Clean a named target: drop articles; 'Director+' -> 'a Director or above'."""
    text = _ARTICLE.sub("", text.strip()).strip()
    plus = _PLUS.match(text)
    if plus:
        title = re.sub(r"^Sr\b\.?", "Senior", plus.group("title").strip())
        article = "an" if title[:1].lower() in "aeiou" else "a"
        return f"{article} {title} or above"
    return text


def is_everyone(subject: str, profile: Profile = GENERIC) -> bool:
    """'All Data Scientists report', 'Product Designers ... report': a family-scope sentence about
    every level (a plural subject, a plural verb)."""
    return any(pattern.search(subject) for pattern in profile.everyone)


def subject_name(subject: str) -> str:
    """The role a sentence names as its subject: 'The Senior X reports' -> 'Senior X'."""
    name = re.sub(r"(?:^|\s+)(?:will\s+)?(?:report|reports|reporting)$", "", subject, flags=re.IGNORECASE)
    return re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.IGNORECASE).strip(" ,*_")


def extension(text: str, line: int, links: tuple[Link, ...]) -> tuple[ExtendsKind, Mention | None] | None:
    """An inheritance phrase, or None. The mention is None for 'previous roles'."""
    lowered = text.lower()  # every item is tried: skip the regexes when their keyword is absent
    match = _ALL_PREVIOUS.search(text) if "all" in lowered else None
    if match:
        return _kind(match.group("what")), None
    named_all = _ALL_OF_NAMED.match(text.strip()) if lowered.startswith("all") else None
    if named_all:
        return _kind(named_all.group("what")), _named(named_all.group("target"), line, links)
    if "plus" in lowered and "all" in lowered:
        has_all = _HAS_ALL_OF.search(text)
        if has_all:
            return _kind(has_all.group("what")), _named(has_all.group("target"), line, links)
    if "plus" in lowered and len(text) < 120:
        named = _NAMED_PLUS.match(text.strip())
        if named and not re.match(r"(?i)^(?:all|everything)\s*$", named.group("target")):
            return _kind_or_role(named.group("what")), _named(named.group("target"), line, links)
    if "same" in lowered and " as " in lowered:
        same = _SAME_AS.search(text)
        if same:
            kind = ExtendsKind.ROLE if same.group("both") else _kind(same.group("what"))
            return kind, _named(same.group("target"), line, links)
    if "includ" in lowered and len(text) < 120:
        included = _INCLUDES.match(text.strip())
        if included:
            return _kind(included.group("what")), _named(included.group("target"), line, links)
    if "extends" not in lowered:
        return None
    match = _EXTENDS_NAMED.search(text)
    if match:
        return _kind(match.group("what")), _named(match.group("target"), line, links)
    match = _EXTENDS_ROLE.search(text)
    if match:
        return ExtendsKind.ROLE, _named(match.group("target"), line, links)
    match = _EXTENDS_BARE.search(text)
    if match and len(text) < 160:  # 'Extends to that of an Renewal Manager.'
        return ExtendsKind.ROLE, _named(match.group("target"), line, links)
    return None


_CUMULATIVE = re.compile(
    r"\b(?:add(?:s)?\s+to|build(?:s)?\s+(?:up)?on|includes?|inherits?|in\s+addition\s+to)\s+(?:all\s+)?(?:of\s+)?"
    r"(?:those|the\s+(?:expectations|responsibilities|requirements|criteria|competencies))\s+(?:of|for|from)\s+"
    r"(?:all\s+)?(?:the\s+)?(?:earlier|previous|prior|lower|preceding)\s+levels?\b"
    r"|\b(?:expectations|responsibilities|criteria)\s+(?:are|is)\s+cumulative\b",
    re.IGNORECASE,
)


def is_cumulative(text: str) -> bool:
    """'Expectations for a level add to those of earlier levels': every level extends the one
    below it on its track."""
    return bool(_CUMULATIVE.search(text))


def _named(target: str, line: int, links: tuple[Link, ...]) -> Mention:
    return Mention(_strip_article(target).strip(" ,"), line, _link_for(target, links))


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
    if not match or not _name_like(match.group("managed")):
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


def direct_reports(text: str, line: int, links: tuple[Link, ...], profile: Profile = GENERIC) -> list[Mention]:
    """Who a sentence says reports to the role it is about, the line the other way round: 'The
    Director has as direct reports the Engineering Supervisors' -> [Engineering Supervisors];
    'Your direct reports are Engineering Managers'; 'Team Leads report to you'."""
    text = _drop_abbreviation_dots(text)
    for pattern in profile.direct_reports:
        match = pattern.search(text)
        if not match:
            continue
        managed = _cut(re.sub(r"\]\([^)]*\)?|[\[\]]", "", match.group("managed")).strip(" *_"), profile)
        names = [part for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", managed) if part.strip()]
        found = []
        for name in names:
            label = re.sub(r"^(?:the|all)\s+", "", name.strip(), flags=re.IGNORECASE).strip(" :,")
            if not label or not label[0].isupper() or any(p.search(label) for p in profile.not_targets):
                return []
            found.append(Mention(singular(label), line, _link_for(label, links)))
        return found
    return []


def singular(name: str) -> str:
    """'Engineering Supervisors' -> 'Engineering Supervisor' (a position, named in the plural)."""
    plural = re.search(r"(?i)(?:er|or|ant|ist|ead|ect|ive|ger|al|ff|ow|or)s$", name)
    return name[:-1] if plural else name


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
    return re.sub(r"\b(Sr|Jr|Mgr|Dir|Assoc|Mr|Ms|Dr|vs|St)\.", r"\1", text)


def _kind(what: str) -> ExtendsKind:
    return ExtendsKind.REQUIREMENTS if what.lower().startswith("req") else ExtendsKind.RESPONSIBILITIES


def _kind_or_role(what: str | None) -> ExtendsKind:
    return ExtendsKind.ROLE if not what or what.lower() in ("level", "role") else _kind(what)


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE)


def _link_for(text: str, links: tuple[Link, ...]) -> str | None:
    for link in links:
        if link.text and link.text in text:
            return link.href
    return None
