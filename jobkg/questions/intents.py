"""Step two of reading a question: what it asks. Each intent says what it needs (a role, two
roles, a family, a department, a grade), the cue words that point to it (anywhere in the
question, with the mentions replaced by <role>, <family>, <department>, <grade>), and the
canned queries that answer it. Strong cues count 3, weak ones 1; the best intent whose needs the
mentions meet wins, the order below breaking ties."""

from __future__ import annotations

import re
from dataclasses import dataclass

Pattern = re.Pattern[str]


def _p(*patterns: str) -> tuple[Pattern, ...]:
    return tuple(re.compile(pattern) for pattern in patterns)


@dataclass(frozen=True)
class Intent:
    name: str
    label: str  # how the app says what it understood
    needs: tuple[str, ...]  # mention kinds: "role", "family", "department", "grade"
    strong: tuple[Pattern, ...] = ()
    weak: tuple[Pattern, ...] = ()

    def score(self, text: str) -> int:
        return 3 * sum(1 for p in self.strong if p.search(text)) + sum(1 for p in self.weak if p.search(text))


_REPORT = r"(?:report|reports|reporting|reportin)"
_ROLE = r"<role>"
_GROUP = r"<(?:family|role|department)>"
INTENTS: tuple[Intent, ...] = (
    Intent(
        "compare",
        "difference between two roles",
        ("role", "role"),
        _p(
            r"\bcompare",
            r"\bdiff(?:er|erence|erences|s)?\b",
            r"\bvs\.?\b",
            r"\bversus\b",
            r"\bbetween <role> and <role>",
            r"<role>.*\bthat\b.*<role>.*\b(?:does not|do not)\b",
            r"\b(?:more|beyond|over) (?:than )?<role>",
        ),
        _p(r"<role> (?:and|or) <role>"),
    ),
    Intent(
        "inherits",
        "what one role has from another",
        ("role", "role"),
        _p(r"\binherit", r"\bcarr(?:y|ies) over\b", r"\bgets? from <role>", r"\bhave from <role>"),
    ),
    Intent(
        "direct_reports",
        "who reports to a role",
        ("role",),
        _p(
            rf"\b{_REPORT}\s+(?:directly\s+)?(?:in)?to\s+<role>",
            r"\bwho (?:does|do) <role> (?:manage|lead|oversee)",
            r"<role>(?:'s)? (?:team|reports(?! to)|direct reports|subordinates|staff)\b",
            r"\b(?:direct reports|subordinates|team) (?:of|for) <role>",
            r"\bwho (?:is|are|works?) (?:under|below|for) <role>",
            r"\bmanaged by <role>",
        ),
    ),
    Intent(
        "reporting_chain",
        "the whole reporting chain above a role",
        ("role",),
        _p(
            r"\bchain\b",
            r"\bhierarchy\b",
            r"\ball the way\b",
            r"\beveryone above\b",
            r"\b(?:all|every|each) (?:managers?|bosses|levels|people|roles?) above",
            r"\bwho (?:is|are) above <role>",
            r"\bup the (?:chain|ladder|line)\b",
            r"\bskip.level\b",
        ),
    ),
    Intent(
        "reports_to",
        "who a role reports to",
        ("role",),
        _p(
            rf"<role>.*\b{_REPORT}\b",
            r"\b(?:manager|boss|supervisor|superior|line manager|reporting line|head) (?:of|for) <role>",
            r"<role>(?:'s)? (?:manager|boss|supervisor|superior|reporting line|line manager)\b",
            r"\bwho manages <role>",
            r"\bwho is (?:in charge of|over) <role>",
            rf"\bwho(?:m)? (?:does|do|would|will)\b.*\b{_REPORT}\s+(?:in)?to\b",
        ),
        _p(r"\b(?:manager|boss|supervisor|superior)\b"),
    ),
    Intent(
        "next_level",
        "the next level up",
        ("role",),
        _p(
            r"\bnext\b",
            r"\bafter\b",
            r"\bpromot",
            r"\bwhat (?:is|comes|level is|role is) above\b",
            r"\bmove up\b",
            r"\bstep up\b",
            r"\bgrow (?:from|beyond|after)\b",
            r"\bbeyond <role>",
            r"\bhigher than\b",
            r"\blevel above\b",
        ),
    ),
    Intent(
        "previous_level",
        "the level below",
        ("role",),
        _p(
            r"\bbefore\b",
            r"\bprevious\b",
            r"\bprior\b",
            r"\bwhat (?:is|comes|level is|role is) (?:below|under)\b",
            r"\blevel (?:below|under)\b",
            r"\blower than\b",
            r"\bstep down\b",
            r"\bone level (?:down|below)\b",
            r"\b(?:below|under) <role>",
        ),
    ),
    Intent(
        "count_levels",
        "how many levels or roles",
        ("family|department",),
        _p(r"\bhow many\b", r"\bnumber of (?:levels|roles|jobs|positions)\b", r"\bcount\b"),
    ),
    Intent(
        "grade_extremes",
        "the highest or lowest grade",
        ("family|department",),
        _p(r"\b(?:highest|lowest|top|bottom|maximum|minimum|max|min|most senior|most junior)\b"),
    ),
    Intent(
        "career_ladder",
        "the career ladder of a family",
        ("family",),
        _p(
            r"\bladder\b",
            r"\bcareer path",
            r"\bprogression\b",
            rf"\blevels (?:of|in|for) {_GROUP}",
            rf"{_GROUP} (?:levels|roles)\b",
            r"\ball (?:the )?levels\b",
            r"\bcareer (?:for|of|in)\b",
            r"\bin order\b",
        ),
    ),
    Intent(
        "families_of_department",
        "the families of a department",
        ("department",),
        _p(rf"\b(?:job )?famil(?:y|ies)\b.*{_GROUP}", rf"{_GROUP}.*\bfamil(?:y|ies)\b", rf"\bteams? in {_GROUP}"),
    ),
    Intent(
        "family_of_role",
        "the family and department of a role",
        ("role",),
        _p(
            r"\b(?:which|what) (?:job )?(?:department|dept|family|org|organisation|organization|division|team)\b",
            r"\bpart of\b",
            r"\bbelongs?\b",
            r"\bin which\b",
            r"<role>(?:'s)? (?:job )?(?:family|department|dept|division)\b",
        ),
    ),
    Intent(
        "roles_at_grade",
        "roles at a grade",
        ("grade",),
        _p(
            r"\b(?:roles?|jobs?|positions?|titles?|who)\b.*<grade>",
            r"<grade>.*\b(?:roles?|jobs?|positions?|titles?)\b",
            r"\b(?:list|show|all)\b.*<grade>",
        ),
        _p(r"<grade>"),
    ),
    Intent(
        "gaps",
        "roles with something not stated",
        (),
        _p(
            r"\b(?:no|without|missing|lacks?|lacking)\b.*\b(?:grade|grades|reporting line|manager|boss|report)",
            r"\bgaps?\b",
            r"\bnot stated\b",
            r"\b(?:report|reports) to no (?:role|one|body)\b",
            r"\bnobody\b",
            r"\b(?:do|does) not (?:say|state|give|list)\b",
        ),
    ),
    Intent(
        "equivalent",
        "the IC / manager equivalent",
        ("role",),
        _p(
            r"\bequivalen",
            r"\bcounterpart",
            r"\bsame level as\b",
            r"\bpeer\b",
            r"\bparallel\b",
            r"\b(?:ic|manager|management|individual contributor) (?:counterpart|equivalent)",
        ),
    ),
    Intent(
        "interviewers",
        "the hiring process",
        ("role",),
        _p(
            r"\binterview",
            r"\bhiring\b",
            r"\bhire[ds]?\b",
            r"\brecruit",
            r"\bapply\b",
            r"\bcandidates?\b",
            r"\bselection process\b",
            r"\bscreen(?:ing)?\b",
        ),
    ),
    Intent(
        "indicators",
        "performance indicators",
        ("role",),
        _p(
            r"\bkpis?\b",
            r"\bindicators?\b",
            r"\bmeasured\b",
            r"\bmetrics?\b",
            r"\bperformance\b",
            r"\bevaluated\b",
            r"\bsuccess\b",
        ),
    ),
    Intent(
        "requirements",
        "requirements",
        ("role",),
        _p(
            r"\bskills?\b",
            r"\brequire",
            r"\bqualif",
            r"\bneeds?\b",
            r"\bexperience\b",
            r"\bwhat does it take\b",
            r"\bmust have\b",
            r"\bcompetenc",
            r"\bprerequisite",
            r"\bexpected to know\b",
        ),
    ),
    Intent(
        "responsibilities",
        "responsibilities",
        ("role",),
        _p(
            r"\bresponsib",
            r"\bduties\b",
            r"\bwhat (?:does|do) <role> do\b",
            r"\bjob description\b",
            r"\bday to day\b",
            r"\bwhat (?:is|are) <role>(?:'s)? (?:job|role|work)\b",
            r"\bexpected to do\b",
            r"\bwork on\b",
            r"\bin charge of\b",
        ),
    ),
    Intent(
        "grade",
        "the grade of a role",
        ("role",),
        _p(
            r"\bgrade\b",
            r"\bpay grade\b",
            r"\bband\b",
            r"\bwhat level (?:is|are)\b",
            r"\blevel (?:of|for) <role>",
            r"<role>(?:'s)? level\b",
            r"\bhow senior\b",
            r"\bseniority\b",
        ),
    ),
)
BY_NAME = {intent.name: intent for intent in INTENTS}
SUMMARY = Intent("role_summary", "what the pages state about a role", ("role",))
