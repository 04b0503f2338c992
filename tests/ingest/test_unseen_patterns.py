"""One test per pattern that pages of organisations jobkg was never developed on show (issue 20),
each on a small page written in that style (never a copy of a real page): single-role job
descriptions, roles listed in tables or as first-person ladders, titles taken from the right text,
reporting lines in prose and bullets both ways, level codes and ranks, scope, nested items,
inheritance sentences, tracks."""

from __future__ import annotations

import textwrap

from jobkg.ingest.markdown import parse_page
from jobkg.ingest.sections import read_sections


def record(text: str, name: str = "dept/family.md"):
    return read_sections(parse_page(textwrap.dedent(text).lstrip().encode(), name, "dept"))


def titles(rec) -> list[str]:
    return [role.title for role in rec.roles]


def items(role) -> list[str]:
    return [item.text for item in (*role.responsibilities, *role.requirements)]


# 1. Single-role job descriptions ------------------------------------------------------------


def test_a_job_description_without_grade_or_line_is_one_role():
    rec = record(
        """
        # Data Analyst

        ## About the role
        We are growing our analytics team.

        ## What you'll do
        - Build dashboards for the sales team
        - Answer questions with data

        ## What you bring
        - Two years of SQL
        """
    )
    assert titles(rec) == ["Data Analyst"]
    (role,) = rec.roles
    assert [i.text for i in role.responsibilities] == [
        "Build dashboards for the sales team",
        "Answer questions with data",
    ]
    assert [i.text for i in role.requirements] == ["Two years of SQL"]
    assert rec.no_role_reason is None


def test_a_role_handbook_title_loses_its_boilerplate():
    rec = record(
        """
        ---
        title: Release Coordinator Role Handbook
        ---
        ## Responsibilities
        - Run the weekly release meeting
        """
    )
    assert titles(rec) == ["Release Coordinator"]


def test_items_under_competency_headings_of_a_single_role_page_are_its_own():
    rec = record(
        """
        ---
        title: Platform Engineer II
        ---
        ## Impact
        - Ships features that matter to a team
        ## Knowledge
        - Knows the team's systems well
        """
    )
    (role,) = rec.roles
    assert items(role) == ["Ships features that matter to a team", "Knows the team's systems well"]
    assert [i.area for i in role.responsibilities] == ["Impact", "Knowledge"]
    assert not [u for u in rec.unmapped if u.kind == "item"]


def test_a_page_naming_two_equivalent_roles_gives_both():
    rec = record(
        """
        ---
        title: Software Engineer IV / Data Platform Manager
        ---
        ## Impact
        - Leads the technical direction of a team
        """
    )
    assert titles(rec) == ["Software Engineer IV", "Data Platform Manager"]
    assert all(items(role) == ["Leads the technical direction of a team"] for role in rec.roles)


def test_a_narrative_about_being_in_a_role_is_that_role():
    rec = record(
        """
        ---
        title: Being a Site Reliability Engineer at Acme
        ---
        ## Craft
        Your work keeps the lights on.
        """
    )
    assert titles(rec) == ["Site Reliability Engineer"]


def test_an_overview_or_a_team_page_is_no_role():
    overview = record(
        """
        # Engineering Principles
        ## Vision
        - Ship small changes often
        """
    )
    team = record(
        """
        # Design
        | Name | Role | Team |
        | --- | --- | --- |
        | Ana | Product Designer | Growth |
        | Bo | Design Lead | Platform |
        """
    )
    assert overview.roles == () and overview.no_role_reason
    assert team.roles == () and team.no_role_reason
    assert any("table of people" in u.reason for u in team.unmapped)


# 2. Roles listed rather than headed ----------------------------------------------------------


def test_two_title_tables_engineers_and_managers_give_two_ladders():
    rec = record(
        """
        # Career Framework
        #### Engineer Titles
        | Title | Description |
        | --- | --- |
        | Associate Engineer | Learns the stack with close support from the team |
        | Engineer | Delivers features on their own across the stack |
        #### Manager Titles
        | Title | Description |
        | --- | --- |
        | Engineering Manager | Leads one team of engineers and grows them |
        | Director of Engineering | Leads several teams through their managers |
        """
    )
    assert titles(rec) == ["Associate Engineer", "Engineer", "Engineering Manager", "Director of Engineering"]
    tracks = {role.title: role.track for role in rec.roles}
    assert tracks["Engineering Manager"] == tracks["Director of Engineering"] == "management"
    assert tracks["Engineer"] == "ic"


def test_a_first_person_ladder_reads_each_role_and_its_statements():
    rec = record(
        """
        # Engineering Roles
        ## Junior Engineer
        > I am learning the craft.
        #### I write code that works.
        - I ask for help early
        ## Engineer
        #### I own my work to production.
        - I write tests first
        """
    )
    assert titles(rec) == ["Junior Engineer", "Engineer"]
    junior = rec.roles[0]
    assert items(junior) == ["I am learning the craft.", "I write code that works.", "I ask for help early"]
    assert junior.responsibilities[2].area == "I write code that works."


def test_roles_headed_by_job_titles_with_duties_beside_each_other():
    rec = record(
        """
        # Roles and responsibilities
        ## Team Lead
        - Sets the goals of the team
        - Runs the weekly planning
        ## Procurement Analyst
        - Analyses purchase requests
        - Keeps the supplier list
        ## How we work
        - We meet on Mondays
        """
    )
    assert titles(rec) == ["Team Lead", "Procurement Analyst"]


# 4. Reporting lines in prose and bullets, both ways -------------------------------------------


def test_reporting_in_a_participle_and_in_a_bare_bullet():
    prose = record(
        """
        # Delivery Manager
        Reporting to the Head of Delivery, you will run our programmes.
        ## Responsibilities
        - Plan the programme
        """
    )
    bullet = record(
        """
        # Chief of Staff
        ## Responsibilities
        - Report directly to the CEO
        - Run the leadership meeting
        """
    )
    assert [m.label for m in prose.roles[0].reports_to] == ["Head of Delivery"]
    assert [m.label for m in bullet.roles[0].reports_to] == ["CEO"]
    assert items(bullet.roles[0]) == ["Run the leadership meeting"]


def test_reports_as_a_noun_is_no_reporting_line():
    rec = record(
        """
        # Security Analyst
        ## Responsibilities
        - Produce threat reports to ensure transparency across teams
        """
    )
    assert rec.roles[0].reports_to == ()
    assert items(rec.roles[0]) == ["Produce threat reports to ensure transparency across teams"]


def test_an_inverse_statement_gives_the_line_the_right_way_round():
    rec = record(
        """
        # Engineering Chapter
        ## Who we are
        ### Supervisors
        The Engineering Supervisors are responsible for the supervision of engineers.
        ### Director
        The Director of Engineering is responsible for the chapter. The Director has as direct
        reports the Engineering Supervisors.
        """
    )
    assert titles(rec) == ["Engineering Supervisor", "Director of Engineering"]
    assert all(role.reports_to == () for role in rec.roles)
    assert [(boss.label, report.label) for boss, report in rec.management] == [
        ("Director of Engineering", "Engineering Supervisor")
    ]


# 5. Levels and ranks ------------------------------------------------------------------------


def test_a_front_matter_level_is_the_roles_level_and_rank():
    rec = record(
        """
        ---
        title: Senior Software Engineer
        level: 3
        ---
        ### You lead the delivery of features
        - You break work down for the team
        """
    )
    (role,) = rec.roles
    assert (role.level, role.rank) == ("Level 3", 3.0)
    assert items(role) == ["You lead the delivery of features", "You break work down for the team"]


def test_a_grade_in_an_html_summary_list():
    rec = record(
        """
        # Lead Developer

        <dl class="summary">
          <div><dt>Grade</dt>
          <dd>G6</dd></div>
        </dl>

        ## You will
        - Lead a team of developers
        """
    )
    (role,) = rec.roles
    assert role.grade is not None and role.grade.value == 6
    assert items(role) == ["Lead a team of developers"]


# 6-7. Scope and nested structure --------------------------------------------------------------


def test_category_bullets_give_their_sub_items_as_items():
    rec = record(
        """
        # Backend Engineer
        ## Responsibilities
        - Impact:
          - Ships features every week
          - Fixes what breaks
        - You have:
          - Good judgement
        """
    )
    (role,) = rec.roles
    assert items(role) == ["Ships features every week", "Fixes what breaks", "Good judgement"]
    assert [i.area for i in role.responsibilities] == ["Impact", "Impact", "You have"]


def test_pitfalls_are_not_expectations():
    rec = record(
        """
        # Senior Engineer (L3)
        ## Key Takeaways
        - Leads projects of a team
        ## Common Pitfalls
        - Doing everything alone
        """
    )
    (role,) = rec.roles
    assert items(role) == ["Leads projects of a team"]
    assert any("not an expectation" in u.reason for u in rec.unmapped)


def test_a_lead_in_to_a_list_of_duties_at_the_family_scope():
    rec = record(
        """
        # Data Science
        Data Scientists work with peers on the Data Team to:

        - perform exploratory analysis

        Example projects include:

        - churn prediction

        ## Levels
        ### Data Scientist
        The Data Scientist is a grade 6.
        """
    )
    assert [i.text for i in rec.responsibilities] == ["perform exploratory analysis"]
    assert any(u.text == "churn prediction" for u in rec.unmapped)


def test_a_plural_level_word_subject_gives_the_line_to_that_level_only():
    rec = record(
        """
        # Engineering
        All Principals report directly to our CTO.
        ## Senior Engineer
        The Senior Engineer is a grade 7.
        ## Principal Engineer
        The Principal Engineer is a grade 9.
        """
    )
    assert [(r.title, [m.label for m in r.reports_to]) for r in rec.roles] == [
        ("Senior Engineer", []),
        ("Principal Engineer", ["CTO"]),
    ]


# 8. Inheritance sentences ----------------------------------------------------------------------


def test_an_inheritance_sentence_with_a_misspelt_title_is_an_extension_not_a_duty(write_pages):
    from jobkg.kb import KnowledgeBase

    folder = write_pages(
        {
            "sales/renewals.md": """
            # Renewals
            ## Renewals Manager
            ### Responsibilities
            - Keep customers renewing
            ## Senior Renewals Manager
            ### Responsibilities
            - Extends to that of an Renewal Manager.
            - Coach the team
            """
        }
    )
    kb = KnowledgeBase.build([folder])
    senior = next(r for r in kb.roles() if r.title == "Senior Renewals Manager")
    assert senior.extends == ("Renewals Manager",)
    assert [(i.text, i.inherited_from) for i in senior.responsibilities] == [
        ("Coach the team", None),
        ("Keep customers renewing", "Renewals Manager"),
    ]


def test_levels_that_add_to_earlier_levels_extend_the_one_below():
    rec = record(
        """
        # Support
        Expectations for a level add to those of earlier levels.
        ## Support Engineer I
        - Answers tickets
        ## Support Engineer II
        - Handles escalations
        """
    )
    first, second = rec.roles
    assert first.extensions == () and [e.target for e in second.extensions] == [None]


def test_an_all_levels_section_is_every_levels():
    rec = record(
        """
        # Design
        ## All levels
        - Cares about users
        ## Levels
        ### Designer
        The Designer is a grade 5.
        """
    )
    assert [i.text for i in rec.responsibilities] == ["Cares about users"]


# 6. Scope: specialties -------------------------------------------------------------------------


def test_a_section_after_the_levels_with_its_own_requirements_is_a_specialty():
    rec = record(
        """
        # Security Engineer
        ## Levels
        ### Security Engineer
        The Security Engineer is a grade 6.
        ### Senior Security Engineer
        The Senior Security Engineer is a grade 7.
        ## Application Security
        ### Requirements
        - Knows the OWASP top ten
        ### Reporting
        This specialty reports to the Manager, Application Security.
        """
    )
    assert titles(rec) == ["Security Engineer", "Senior Security Engineer"]
    assert all(items(role) == [] for role in rec.roles) and rec.requirements == ()
    (specialty,) = rec.specialties
    assert specialty.title == "Application Security"
    assert [i.text for i in specialty.requirements] == ["Knows the OWASP top ten"]
    assert [m.label for m in specialty.reports_to] == ["Manager, Application Security"]


def test_a_ladder_written_one_statement_per_line():
    rec = record(
        """
        # Community Engineer I

        Champions the community inside the company.

        Submits bug reports for issues in the product.

        __Experience: Typically no professional experience.__

        # Community Engineer II

        Leads technical talks at conferences.
        """
    )
    first, second = rec.roles
    assert [i.text for i in first.responsibilities] == [
        "Champions the community inside the company.",
        "Submits bug reports for issues in the product.",
    ]
    assert [i.text for i in first.requirements] == ["Experience: Typically no professional experience."]
    assert [i.text for i in second.responsibilities] == ["Leads technical talks at conferences."]


def test_a_leadership_heading_inside_a_role_is_a_competency_not_the_levels():
    rec = record(
        """
        # Software Engineer (SE)
        ## Knowledge
        - Owns small features
        ## Leadership
        - Mentors interns
        """
    )
    assert items(rec.roles[0]) == ["Owns small features", "Mentors interns"]


def test_a_job_description_in_another_language_by_its_sections():
    rec = record(
        """
        # アプリケーションエンジニア
        ## 責任
        - 機能を設計し実装する
        ## 要件
        ### Must have
        - Ruby の経験
        """
    )
    assert titles(rec) == ["アプリケーションエンジニア"]
    assert items(rec.roles[0]) == ["機能を設計し実装する", "Ruby の経験"]


def test_a_career_track_page_is_the_family_of_the_table_levels_of_that_track(write_pages):
    from jobkg.kb import KnowledgeBase

    folder = write_pages(
        {
            "acme/grades.md": """
            # Grades
            | Career Track | Grade | Job Title |
            | --- | --- | --- |
            | Engineer | IC1 | Junior Engineer |
            | Engineer | IC2 | Engineer |
            | Engineering Manager | M1 | Engineering Manager |
            """,
            "acme/tracks/engineer.md": """
            # Engineer
            ## Responsibilities
            - Ship features to production
            """,
        }
    )
    kb = KnowledgeBase.build([folder])
    roles = {r.title: r for r in kb.roles()}
    assert set(roles) == {"Junior Engineer", "Engineer", "Engineering Manager"}
    assert roles["Engineer"].source.file == "acme/grades.md"
    assert [i.text for i in roles["Junior Engineer"].responsibilities] == ["Ship features to production"]
    assert roles["Engineering Manager"].responsibilities == ()
    assert any("career track" in w.message for w in kb.report.warnings)


def test_a_levels_own_indicators_heading_scopes_them_to_that_level():
    """'Staff CSM Performance Indicators' under Staff CSM are Staff's, not every level's; a bare
    'Performance Indicators' under a level may be the family's, and stays so."""
    rec = record(
        """
        # Customer Success
        ## Senior CSM
        - Runs accounts
        - Leads onboarding
        ### Senior CSM Performance Indicators
        - 2m ARR book of business
        ## Staff CSM
        - Runs large accounts
        - Mentors CSMs
        ### Staff CSM Performance Indicators
        - 3.75m ARR book of business
        ### Performance Indicators
        - Net retention
        """
    )
    by_title = {role.title: role for role in rec.roles}
    assert [i.text for i in by_title["Senior CSM"].indicators] == ["2m ARR book of business"]
    assert [i.text for i in by_title["Staff CSM"].indicators] == ["3.75m ARR book of business"]
    assert [i.text for i in rec.indicators] == ["Net retention"]
