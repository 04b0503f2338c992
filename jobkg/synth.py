"""A deterministic synthetic org: job-family pages in the handbook's own markdown style, for
trying the app and measuring jobkg far beyond the size of the real handbook.

Factor 1 has as many pages as the dev corpus (78); factor 100 a hundred times that. Families
sit in departments; each has 4-8 levels on an IC and a management track, grades, family-level
and per-level responsibilities with the handbook's inheritance phrases, performance indicators
(some shared across families by link), hiring stages, a career ladder, and reporting lines
that form a tree across families, at most 8 families deep. The pages go through the same
ingester as real ones (`jobkg generate DIR --factor N`, then `jobkg build DIR`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from jobkg.ingest.titles import slug

PAGES_AT_FACTOR_1 = 78
MAX_DEPTH = 8
BRANCHING = 3

DEPARTMENTS = ("engineering", "product", "sales", "marketing", "finance", "people-ops", "legal", "support")
SUBJECTS = (
    "Payments",
    "Billing",
    "Search",
    "Identity",
    "Storage",
    "Analytics",
    "Compliance",
    "Onboarding",
    "Pricing",
    "Partnerships",
    "Localization",
    "Observability",
    "Procurement",
    "Recruiting",
    "Revenue",
    "Security",
    "Platform",
    "Data",
    "Mobile",
    "Growth",
    "Fulfilment",
    "Treasury",
    "Privacy",
    "Reliability",
    "Developer Relations",
    "Documentation",
)
FIELDS = {
    "Engineer": "Engineering",
    "Analyst": "Analytics",
    "Specialist": "Operations",
    "Designer": "Design",
    "Program Manager": "Program Management",
    "Scientist": "Science",
    "Architect": "Architecture",
    "Writer": "Writing",
}
NOUNS = tuple(FIELDS)
IC_LEVELS = ("Associate", "Intermediate", "Senior", "Staff", "Principal", "Distinguished")
MANAGEMENT_LEVELS = ("Manager", "Senior Manager", "Director", "Senior Director", "Vice President")
VERBS = ("Own", "Drive", "Improve", "Design", "Measure", "Coordinate", "Document", "Review", "Plan", "Deliver", "Scale")
OBJECTS = (
    "the quarterly roadmap",
    "cross-team dependencies",
    "service reliability",
    "the hiring pipeline",
    "customer feedback",
    "the budget forecast",
    "process improvements",
    "onboarding material",
    "incident reviews",
    "vendor relationships",
    "data quality",
    "release planning",
    "security reviews",
    "team rituals",
    "stakeholder updates",
)
SCOPES = ("for their team", "across the department", "across several departments", "for the company")
GRADES_IC = {"Associate": 5, "Intermediate": 6, "Senior": 7, "Staff": 8, "Principal": 9, "Distinguished": 10}
GRADES_MANAGEMENT = {"Manager": 8, "Senior Manager": 9, "Director": 10, "Senior Director": 11, "Vice President": 12}
GRADES_LINK = "/handbook/total-rewards/compensation/compensation-calculator/#gitlab-job-grades"
SHARED_INDICATORS = ("Hiring Actual vs. Plan", "Team Member Retention", "Handbook Update Frequency", "Diversity")


@dataclass(frozen=True)
class Family:
    index: int
    department: str
    subject: str
    noun: str
    parent: int | None
    depth: int

    @property
    def title(self) -> str:
        return f"{self.subject} {self.noun}"

    @property
    def path(self) -> str:
        return f"{self.department}/{slug(self.title)}"

    def ic_title(self, level: str) -> str:
        return f"{level} {self.title}"

    def management_title(self, level: str) -> str:
        return f"{level}, {self.subject} {FIELDS[self.noun]}"


def _families(count: int, rng: random.Random) -> list[Family]:
    families: list[Family] = []
    for index in range(count):
        if index == 0:
            parent, depth = None, 1
        else:
            parent = (index - 1) // BRANCHING
            while families[parent].depth >= MAX_DEPTH:
                parent = families[parent].parent or 0
            depth = families[parent].depth + 1
        subject = SUBJECTS[index % len(SUBJECTS)]
        noun = NOUNS[(index // len(SUBJECTS)) % len(NOUNS)]
        round_ = index // (len(SUBJECTS) * len(NOUNS))
        if round_:
            subject = f"{subject} {round_ + 1}"  # unique titles beyond 208 families
        families.append(Family(index, DEPARTMENTS[rng.randrange(len(DEPARTMENTS))], subject, noun, parent, depth))
    return families


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(SCOPES)}"


def _anchor(title: str) -> str:
    return slug(title)


def page(family: Family, families: list[Family], rng: random.Random) -> str:
    """One job-family page in the handbook's markdown."""
    levels = rng.randint(4, 8)
    ic_count = min(len(IC_LEVELS), max(2, levels - rng.randint(2, 4)))
    ic = [family.ic_title(level) for level in IC_LEVELS[:ic_count]]
    management_levels = MANAGEMENT_LEVELS[: max(1, min(len(MANAGEMENT_LEVELS), levels - ic_count))]
    management = [family.management_title(level) for level in management_levels]
    parent = families[family.parent] if family.parent is not None else None
    acronym = "".join(word[0] for word in family.title.split() if word[0].isupper())
    lines = [
        "---",
        f'title: "{family.title}"',
        f'description: "The {family.title} job family."',
        "---",
        "",
        f"{family.title} ({acronym}) {_sentence(rng).lower()} and work with many stakeholders.",
        "",
        "## Responsibilities",
        "",
        *[f"- {_sentence(rng)}" for _ in range(rng.randint(3, 6))],
        "",
        "## Requirements",
        "",
        *[f"- {rng.randint(1, 9)}+ years of experience with {rng.choice(OBJECTS)}" for _ in range(rng.randint(2, 5))],
        "",
        "## Levels",
        "",
    ]
    for position, title in enumerate(ic):
        level = IC_LEVELS[position]
        lines += _level(title, GRADES_IC[level], f"[{management[0]}](#{_anchor(management[0])})", position, rng)
    for position, title in enumerate(management):
        level = management_levels[position]
        if position + 1 < len(management):
            boss = f"[{management[position + 1]}](#{_anchor(management[position + 1])})"
        elif parent is not None:
            top = parent.management_title(MANAGEMENT_LEVELS[0])
            boss = f"[{top}](/job-families/{parent.path}/#{_anchor(top)})"
        else:
            boss = "the Chief Executive Officer"
        lines += _level(title, GRADES_MANAGEMENT[level], boss, position, rng)
    lines += ["## Performance Indicators", ""]
    for name in rng.sample(SHARED_INDICATORS, 2):
        lines.append(f"- [{name}](/handbook/people-group/performance-indicators/#{slug(name)})")
    lines += [f"- {family.subject} quality score", "", "## Career Ladder", ""]
    if parent is not None:
        lines.append(f"The next step is the [{parent.title}](/job-families/{parent.path}/) job family.")
    else:
        lines.append("- To Be Defined")
    lines += [
        "",
        "## Hiring Process",
        "",
        "Candidates for this position can expect the hiring process to follow the order below.",
        "",
    ]
    lines.append(
        "1. Qualified candidates will be invited to schedule a 30 minute screening call "
        "with one of our Global Recruiters."
    )
    lines.append(f"1. Candidates will be invited to schedule a 45 minute interview with the {management[0]}.")
    if len(management) > 1:
        lines.append(f"1. Candidates will be invited to schedule a 50 minute interview with the {management[-1]}.")
    lines.append("")
    return "\n".join(lines)


def _level(title: str, grade: int, boss: str, position: int, rng: random.Random) -> list[str]:
    inheritance = (
        "All responsibilities listed above (applicable to all roles) plus:"
        if position == 0
        else "All responsibilities of previous roles plus:"
    )
    lines = [
        f"### {title}",
        "",
        f"This position reports to {boss}.",
        "",
        f"#### {title} Job Grade",
        "",
        f"The {title} is a [grade {grade}]({GRADES_LINK}).",
        "",
        f"#### {title} Responsibilities",
        "",
        inheritance,
        "",
        *[f"- {_sentence(rng)}" for _ in range(rng.randint(2, 5))],
        "",
        f"#### {title} Requirements",
        "",
    ]
    if position > 0:
        lines += ["All requirements of previous roles plus:", ""]
    lines += [f"- Experience with {rng.choice(OBJECTS)}" for _ in range(rng.randint(1, 3))]
    lines.append("")
    return lines


def generate(folder: Path, factor: float = 1.0, seed: int = 7) -> int:
    """Write round(78 × factor) pages under folder/<department>/; returns the page count."""
    rng = random.Random(seed)
    count = max(1, round(PAGES_AT_FACTOR_1 * factor))
    families = _families(count, rng)
    for family in families:
        target = folder / family.department / f"{slug(family.title)}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page(family, families, rng), encoding="utf-8")
    return count
