"""Role views as JSON: the hand-written to_dict gives what dataclasses.asdict gives (a field
added to a role must reach the JSON), and a role comes back whole from it."""

from __future__ import annotations

import json
from dataclasses import asdict

from jobkg.views import role_from_dict


def test_a_roles_json_is_its_dataclass_fields_and_reads_back(seeds_kb):
    for role in seeds_kb.roles():
        assert json.dumps(role.to_dict()) == json.dumps(asdict(role))
        assert role_from_dict(json.loads(json.dumps(role.to_dict()))) == role
