"""Job titles: normalised keys for matching name variants, tracks, aliases and slugs.

Shared by the ingester (resolving names across pages) and the question box (resolving
"Sr. TPM" or "EVP Engineering" to a role), so both read titles the same way.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

LEVEL_WORDS = (
    "junior",
    "associate",
    "intermediate",
    "senior",
    "staff",
    "principal",
    "distinguished",
)
_ABBREVIATIONS = {
    "sr": "senior",
    "jr": "junior",
    "vp": "vice president",
    "svp": "senior vice president",
    "evp": "executive vice president",
    "avp": "area vice president",
    "mgr": "manager",
    "dir": "director",
    "eng": "engineering",
    "infra": "infrastructure",
    "ops": "operations",
    "tech": "technical",
    "mktg": "marketing",
    "exec": "executive",
    "engr": "engineer",
    "mgmt": "management",
    "pm": "program manager",
    "ic": "individual contributor",
}
_STOPWORDS = {"the", "of", "a", "an", "at", "for", "to", "in", "and", "role", "position"}
_STEMS = {"management": "manag", "manager": "manag", "managers": "manag", "engineers": "engineer"}
JOB_NOUNS = (
    "manager|managers|engineer|engineers|director|directors|analyst|administrator|architect|"
    "representative|specialist|officer|president|vp|evp|svp|avp|chief|head|lead|fellow|"
    "scientist|designer|writer|counsel|recruiter|coordinator|accountant|controller|consultant|"
    "partner|developer|researcher|strategist|advocate|executive|intern|agent|auditor|planner|"
    "buyer|editor|producer|marketer|sourcer|generalist|paralegal|attorney|assistant|expert|"
    "owner|operator|technician|evangelist|secretary|treasurer|advisor|adviser|trainer|"
    "programmer|ceo|cfo|cto|coo|cmo|cro|ciso|clo|cpo|tam|csm|sdr|bdr|tpm|itpm|pm|staff|"
    "principal|associate|leader|investigator|instructor|champion|ambassador|liaison|"
    "superintendent|supervisor|steward|chair|chairperson|commissioner|apprentice|trainee|maintainer|"
    "reviewer|approver|member|graduate|practitioner|contributor|tester|analyst"
)
_JOB_NOUN = re.compile(rf"\b({JOB_NOUNS})\b", re.IGNORECASE)
_SINGULAR_S = frozenset(("ceo", "cfo", "cto", "coo", "cmo", "cro", "ciso", "clo", "cpo", "evp", "svp", "avp", "vp"))
_NOT_A_TITLE = re.compile(
    r"(?i)^(how|what|why|when|where|who|which|about|our|your|contact\w*|working|meet|join|welcome|"
    r"overview|mission|vision|goals?|benefits?|compensation|note|example)\b"
)
_MANAGEMENT = re.compile(
    r"^(senior\s+|sr\.?\s+)?(manager|director|head)\b|\b(director|vice president|vp|evp|svp|avp|chief|"
    r"head of|ceo|cfo|cto|coo|cmo|cro|ciso|clo|cpo)\b|\bmanager,|\bmanagers?\s+of\b|"
    r"\b(engineering|senior)\s+manager\b|\bmanagement\s*$",
    re.IGNORECASE,
)


def words(text: str) -> list[str]:
    """Lower-case word tokens with abbreviations expanded ('Sr. TPM' -> senior, tpm)."""
    text = text.lower().replace("&", " and ").replace("+", " ")
    out: list[str] = []
    for token in re.findall(r"[a-z0-9]+", text):
        out.extend(_ABBREVIATIONS.get(token, token).split())
    return out


@lru_cache(maxsize=65536)
def title_key(text: str) -> str:
    """Order-preserving key that equates name variants of one title.

    'Director of Engineering' == 'Director, Engineering';
    'Senior IT Program Management' == 'Senior IT Program Manager';
    but 'Senior Manager, Engineering' != 'Senior Engineering Manager'.
    """
    tokens = [_STEMS.get(w, w) for w in words(text) if w not in _STOPWORDS]
    return " ".join(tokens)


@dataclass(frozen=True, slots=True)
class TitleShape:
    """What a text shows of a job title: its head noun (a function noun such as 'Engineer',
    'Manager', 'Lead'), whether that noun is plural (a group: 'Engineers', 'Architects'), and
    whether it carries a level word or code. One signal among others, never a gate."""

    head: str | None
    plural: bool = False
    levelled: bool = False

    @property
    def job(self) -> bool:
        """Reads like one job's title: a singular head noun."""
        return self.head is not None and not self.plural


_LEVEL_CODE = re.compile(r"\b(?:[A-Z]{1,3}\s?\d{1,2}[a-z]?|[IVX]{1,4})\s*\)?\s*$")
_CODES = re.compile(r"\s*(?:\([^)]*\)|\b(?:[A-Z]{1,3}\s?\d{1,2}[a-z]?|[IVX]{1,4})\b)\s*$")
_LEADING_HEAD = re.compile(
    r"^(?:senior\s+|executive\s+|associate\s+|assistant\s+)?(head|director|vice president|vp|chief|president)\b"
    r"|^(manager|lead|principal|officer)\b(?:\s+of\b|,)",
    re.I,
)


@lru_cache(maxsize=65536)
def title_shape(text: str) -> TitleShape:
    """'Senior Software Engineer (L3)' -> head 'engineer'; 'Head of Profession' -> 'head';
    'Data architects' -> plural; 'How we work' -> no head."""
    text = re.sub(r"\s+", " ", text.replace("\\", "")).strip(" *_#:")
    if not text or len(text) > 90 or len(text.split()) > 10 or re.search(r"[?!]|\.\s*$", text):
        return TitleShape(None)
    if _NOT_A_TITLE.match(text):
        return TitleShape(None)
    levelled = bool(re.search(r"\b(?:" + "|".join(LEVEL_WORDS) + r"|lead|sr|jr)\b", text, re.I)) or bool(
        _LEVEL_CODE.search(text)
    )
    core = text
    while True:
        stripped = _CODES.sub("", core).strip(" ,-–:")
        if stripped == core or not stripped:
            break
        core = stripped
    core = re.split(r"\s+(?:at|@|for|in|on|with)\s+", core, maxsplit=1)[0]
    leading = _LEADING_HEAD.match(core)
    tokens = re.findall(r"[A-Za-z][A-Za-z'-]*", core)
    candidates = [(leading.group(1) or leading.group(2)).split()[-1]] if leading else []
    if tokens:
        candidates.append(tokens[-1])
    before_of = re.match(r"^(.+?)\s+of\s+", core, re.I)
    if before_of:  # 'Chair of the Board', 'Member of Technical Staff'
        candidates.append(before_of.group(1).split()[-1])
    for word in candidates:
        lowered = word.lower()
        if _JOB_NOUN.fullmatch(lowered):
            return TitleShape(lowered, plural=lowered.endswith("s") and lowered not in _SINGULAR_S, levelled=levelled)
        if lowered.endswith("s") and _JOB_NOUN.fullmatch(lowered[:-1]):
            return TitleShape(lowered[:-1], plural=True, levelled=levelled)
    return TitleShape(None, levelled=levelled)


_PAGE_PREFIX = re.compile(
    r"^(?:being|becoming|working\s+as)\s+(?:an?\s+)?|^(?:role|position|job(?:\s+description)?|title)\s*:\s*", re.I
)
_PAGE_SUFFIX = re.compile(
    r"\s*(?:[-–—:|]\s*)?\b(?:(?:role\s+)?handbook|job\s+description|role\s+description|(?:role\s+)?profile|"
    r"responsibilities|duties|role|position|job|overview|progression)\s*$",
    re.I,
)
_AT_ORG = re.compile(r"(?-i:\s+(?:at|@)\s+(?:[A-Z0-9][\w&.'-]*)(?:\s+[A-Z0-9][\w&.'-]*)*)\s*$")


def names_one_role(title: str) -> bool:
    """A title that says the page is about one role: 'Being a ...', 'Role: ...', 'Job description: ...'."""
    return bool(_PAGE_PREFIX.match(title.strip(" *_#")))


def page_role_titles(title: str) -> list[str]:
    """The role(s) a single-role page's title names, without its boilerplate:
    'Being a Director of Engineering at IH' -> ['Director of Engineering'];
    'Supervisor responsibilities' -> ['Supervisor']; 'Events Lead Handbook' -> ['Events Lead'];
    'Software Engineer IV / Salesforce Platform Manager' -> both (one page, two equivalent roles).
    [] when what is left does not read like one job's title."""
    text = re.sub(r"\s+", " ", title.replace("\\", "")).strip(" *_#")
    for _ in range(3):
        cleaned = _AT_ORG.sub("", _PAGE_SUFFIX.sub("", _PAGE_PREFIX.sub("", text))).strip(" -–—:,")
        if cleaned == text or not cleaned:
            break
        text = cleaned
    parts = [part.strip() for part in re.split(r"\s+/\s+", text)] if " / " in text else [text]
    return parts if all(title_shape(part).job for part in parts) else []


def track_of(title: str) -> str:
    """'management' for titles that manage people (Manager, Director, VP, ...), else 'ic'.

    Read from the title alone: 'Technical Program Manager' is an individual contributor,
    'Manager, IT Program Management' and 'Senior Engineering Manager' manage people."""
    ic_level = re.search(r"\b(individual contributor|fellow|distinguished|staff|principal)\b", title, re.IGNORECASE)
    if ic_level and not re.search(r"\b(director|vice president|vp|chief|manager,)", title, re.IGNORECASE):
        return "ic"
    return "management" if _MANAGEMENT.search(title) else "ic"


def base_title(title: str) -> str:
    """The title without its leading level words: 'Staff Infrastructure TPM' -> 'Infrastructure TPM'."""
    parts = title.split()
    while parts and parts[0].lower().rstrip(".,") in (*LEVEL_WORDS, "sr"):
        parts.pop(0)
    return " ".join(parts).strip(" ,")


def acronym(text: str) -> str:
    """Initials of the capitalised words: 'Infrastructure Technical Program Manager' -> 'ITPM'."""
    letters = [w[0] for w in re.findall(r"[A-Za-z][\w]*", text) if w.lower() not in ("of", "and", "the", "for")]
    return "".join(letters).upper()


@lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """A stable IRI path segment; non-Latin titles fall back to a short hash."""
    value = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if not value:
        value = "x-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    return value[:120]


def aliases(title: str, acronyms: dict[str, str]) -> list[str]:
    """Alternative names: the page's acronyms, the acronym of the base title, 'Sr' for 'Senior'."""
    found: list[str] = []
    for expansion, short in acronyms.items():
        pattern = re.compile(re.escape(expansion), re.IGNORECASE)
        if pattern.search(title):
            found.append(pattern.sub(short, title))
    base = re.sub(r"\s*\([^)]*\)", "", base_title(title)).strip()
    if len(base.split()) >= 3 and "," not in base and not re.search(r"\b[A-Z]{2,}\b", base):
        short = acronym(base)
        level = title[: title.find(base)] if base in title else ""
        found.append(level + short)
    coded = re.match(r"^(?P<base>.+?)\s*\((?P<code>[A-Z]{1,3}\s?\d{1,2}[a-z]?)\)$", title)  # 'Engineering Manager (M1)'
    if coded:
        found.append(coded.group("base"))
    levelled = re.match(r"^(?P<base>.+?)\s*\((?P<level>[A-Za-z]+)\)$", title)  # 'Data Scientist (Intermediate)'
    if levelled and levelled.group("level").lower() in LEVEL_WORDS:
        found.append(f"{levelled.group('level')} {levelled.group('base')}")
    for name in [*list(found), title]:
        if re.match(r"(?i)senior\b", name):
            found.append("Sr " + name[6:].strip())
        if re.match(r"(?i)intermediate\b", name):
            found.append(name[12:].strip())
    for long, short in (("Executive Vice President", "EVP"), ("Executive VP", "EVP"), ("Vice President", "VP")):
        if long.lower() in title.lower():
            found.append(re.sub(re.escape(long), short, title, flags=re.IGNORECASE))
    seen = {title.lower()}
    unique = []
    for name in found:
        name = re.sub(r"\s+", " ", name).strip()
        if name and name.lower() not in seen:
            seen.add(name.lower())
            unique.append(name)
    return unique
