"""Files as councils really save them, and identifiers checked against the return's specification.

Excel saves a CSV as UTF-8 with a byte order mark ("CSV UTF-8"), as Windows-1252 ("CSV (Comma delimited)":
a ``£`` or ``é`` is one byte that is not UTF-8) or as UTF-16 with TABs ("Unicode text"). Each must be
recognised by its heading row and read with the right characters; a file that is none of them is refused
naming the line of the bad byte. An id holding anything but letters, digits, ``-`` and ``_`` (a
spreadsheet formula such as ``=cmd|calc!A1``, a quote, a tab) is refused naming file, row and field,
and nothing of the load is written.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from cscdash import db
from cscdash.extracts.detect import csv_layout
from cscdash.extracts.loader import load_paths
from cscdash.extracts.text_files import file_text, headings
from tests.extracts.conftest import BAD_FILES, FIXTURES, LA, snapshot

# Heading rows copied from the fixtures (baseline/ssda903, snapshots, bad_files/annex_a_date) and the demo's
# local child attributes file.
HEADER = (
    (FIXTURES / "baseline" / "ssda903" / "2024-25" / "header_SYNTHETIC.csv")
    .read_text(encoding="utf-8")
    .splitlines()[0]
)
HEADINGS = HEADER.split(",")
LIST9 = (FIXTURES / "snapshots" / "annex_a_list9_2025-03-31.csv").read_text(encoding="utf-8").splitlines()
ATTRIBUTES = "Child Unique ID,Locality,Team"
CONTACTS = (
    (BAD_FILES / "annex_a_date" / "annex_a_list1_contacts_2024-25.csv")
    .read_text(encoding="utf-8")
    .splitlines()[0]
)
ROWS = [
    ["T001", "M", "01/02/2012", "WBRI", "A123456789012", "", ""],
    ["T002", "F", "15/06/2010", "BAFR", "UN1", "0", ""],
]


def _csv(heading: str, rows: list[list[str]], delimiter: str = ",") -> str:
    """CSV text as Excel writes it: CRLF line ends, quotes only where needed."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(heading.split(","))
    writer.writerows(rows)
    return out.getvalue()


def _write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return folder / name


def _rows(con, table: str) -> list[tuple]:
    return con.table(table).fetchall() if table in db.table_names(con) else []


# --- 1. encodings --------------------------------------------------------------------------------------


def test_utf8_with_bom_is_recognised_and_read(tmp_path):
    path = _write(tmp_path / "2024-25", "header.csv", b"\xef\xbb\xbf" + _csv(HEADER, ROWS).encode("utf-8"))
    assert headings(path) == HEADINGS  # no BOM glued to CHILD
    con = db.connect(None)
    result = load_paths(con, [tmp_path], la_code=LA)
    assert result.ok, [str(p) for p in result.errors]
    assert not [p for p in result.problems if p.rule.startswith("FILE_ENCODING")]
    assert sorted(con.table("ssda903_header").select("CHILD", "UPN").fetchall()) == [
        ("T001", "A123456789012"),
        ("T002", "UN1"),
    ]


@pytest.mark.parametrize(
    ("codec", "bom", "delimiter", "label"),
    [
        ("utf-16-le", b"\xff\xfe", "\t", "UTF-16LE"),  # Excel "Unicode text"
        ("utf-16-le", b"\xff\xfe", ",", "UTF-16LE"),
        ("utf-16-be", b"\xfe\xff", "\t", "UTF-16BE"),
        ("utf-16-le", b"", "\t", "UTF-16LE"),  # no byte order mark: told by the zero bytes
    ],
    ids=["le-bom-tab", "le-bom-comma", "be-bom-tab", "le-no-bom-tab"],
)
def test_utf16_is_recognised_and_read(tmp_path, codec, bom, delimiter, label):
    data = bom + _csv(HEADER, ROWS, delimiter).encode(codec)
    path = _write(tmp_path / "2024-25", "header.csv", data)
    decoded = file_text(data)
    assert (decoded.encoding, decoded.delimiter) == (label, delimiter)
    # Before, the heading row of a UTF-16 file came back as garbage and the file as "unknown layout".
    assert headings(path) == HEADINGS
    assert csv_layout(headings(path))[:2] == ("ssda903_csv", "header")
    con = db.connect(None)
    result = load_paths(con, [tmp_path], la_code=LA)
    assert result.ok, [str(p) for p in result.errors]
    rows = con.table("ssda903_header").select("CHILD", "UPN", "MOTHER").order("CHILD").fetchall()
    assert rows == [("T001", "A123456789012", None), ("T002", "UN1", 0)]


def test_tab_separated_heading_with_a_comma_inside_one_heading(tmp_path):
    # Annex A list 9 has a heading holding a comma: in "Unicode text" it is TAB-separated and unquoted.
    heading = list(csv.reader([LIST9[0]]))[0]
    body = list(csv.reader(LIST9[1:]))
    text = "\r\n".join("\t".join(r) for r in [heading, *body]) + "\r\n"
    path = _write(tmp_path, "annex_a_list9_2025-03-31.csv", b"\xff\xfe" + text.encode("utf-16-le"))
    assert headings(path) == heading
    assert len(heading) == 17 and any("," in h for h in heading)
    assert csv_layout(headings(path))[0] == "annex_a_list9"
    con = db.connect(None)
    result = load_paths(con, [path], la_code=LA)
    assert result.ok, [str(p) for p in result.errors]
    assert len(_rows(con, "annexa_care_leavers")) == len(body)


def test_windows_1252_is_read_with_a_warning_and_the_right_characters(tmp_path):
    team = "Équipe Café (£5 fund)"
    data = _csv(ATTRIBUTES, [["C001", "Northvale", "Safeguarding"], ["C002", "Southvale", team]]).encode(
        "cp1252"
    )
    path = _write(tmp_path, "child_attributes.csv", data)
    assert headings(path) == ATTRIBUTES.split(",")
    con = db.connect(None)
    result = load_paths(con, [path], la_code=LA)
    assert result.ok, [str(p) for p in result.errors]
    warnings = [p for p in result.warnings if p.rule == "FILE_ENCODING_CP1252"]
    assert len(warnings) == 1
    assert (warnings[0].file, warnings[0].row_ref) == ("child_attributes.csv", "line 3")
    assert "Windows-1252" in warnings[0].message and "0xc9" in warnings[0].message  # the É
    teams = dict(con.table("local_child_attributes").select("child_id", "team").fetchall())
    assert teams == {"C001": "Safeguarding", "C002": team}


def test_windows_1252_letter_in_an_id_is_read_then_refused_by_the_id_rule(tmp_path):
    # The bytes the wrong_encoding bad file used to hold: 0xe9 is é in Windows-1252, so the file is read
    # (with the warning) and the id 'Té002' is then refused for its character, not for its encoding.
    text = _csv(HEADER, [ROWS[0], ["Té002", *ROWS[1][1:]]])
    _write(tmp_path / "2024-25", "header.csv", text.encode("cp1252"))
    result = load_paths(db.connect(None), [tmp_path], la_code=LA)
    assert any(p.rule == "FILE_ENCODING_CP1252" and p.row_ref == "line 3" for p in result.warnings)
    errors = [(p.rule, p.file, p.row_ref, p.field, p.value) for p in result.errors]
    assert errors == [("ID_CHARACTERS", "header.csv", "row 2", "CHILD", "Té002")]


def test_undecodable_bytes_are_refused_naming_file_and_line(tmp_path):
    # 0x81 is not UTF-8 and is undefined in Windows-1252: the file is neither.
    text = _csv(HEADER, ROWS).encode("utf-8").replace(b"T002", b"T\x81002")
    _write(tmp_path / "ssda903" / "2024-25", "header.csv", text)
    good = _csv(ATTRIBUTES, [["C001", "Northvale", "Safeguarding"]]).encode("utf-8")
    _write(tmp_path / "local", "child_attributes.csv", good)
    con = db.connect(None)
    before = snapshot(con)
    result = load_paths(con, [tmp_path], la_code=LA)
    assert not result.ok and result.load_id is None
    [error] = result.errors
    assert (error.rule, error.file, error.row_ref) == ("FILE_ENCODING", "header.csv", "line 3")
    assert "0x81" in error.message and "save it as CSV UTF-8" in error.message
    assert snapshot(con) == before
    assert _rows(con, "local_child_attributes") == []  # the good file of the same load is not written


def test_not_utf8_and_not_windows_1252_on_different_lines_names_both(tmp_path):
    text = _csv(HEADER, [*ROWS, ["T003", "M", "01/02/2012", "WBRI", "UN1", "", ""]]).encode("utf-8")
    text = text.replace(b"T002", b"T\xe9002").replace(b"T003", b"T\x90003")
    decoded = file_text(text)
    assert decoded.text is None and decoded.line == 3
    assert "0xe9 on line 3" in decoded.problem and "0x90 on line 4" in decoded.problem
    path = _write(tmp_path / "2024-25", "header.csv", text)
    assert headings(path) == HEADINGS  # recognised, so the encoding error (not "unknown layout") is given
    errors = load_paths(db.connect(None), [tmp_path], la_code=LA).errors
    assert [(p.rule, p.row_ref) for p in errors] == [("FILE_ENCODING", "line 3")]


@pytest.mark.parametrize(
    ("data", "line", "words"),
    [
        (b"\xff\xfe" + _csv(HEADER, ROWS, "\t").encode("utf-16-le") + b"\r", 4, "odd number of bytes"),
        (
            b"\xff\xfe"
            + _csv(HEADER, ROWS, "\t").replace("UN1", "UN\ud800").encode("utf-16-le", "surrogatepass"),
            3,
            "UTF-16LE",
        ),
        (b"\xef\xbb\xbf" + _csv(HEADER, ROWS).encode("utf-8").replace(b"UN1", b"UN\xa3"), 3, "UTF-8"),
    ],
    ids=["utf16-odd-bytes", "utf16-unpaired-surrogate", "utf8-bom-then-not-utf8"],
)
def test_a_file_marked_with_a_byte_order_mark_must_be_that_encoding(tmp_path, data, line, words):
    _write(tmp_path / "2024-25", "header.csv", data)
    errors = load_paths(db.connect(None), [tmp_path], la_code=LA).errors
    assert [(p.rule, p.file, p.row_ref) for p in errors] == [("FILE_ENCODING", "header.csv", f"line {line}")]
    assert words in errors[0].message and "save it as CSV UTF-8" in errors[0].message


# --- 2. identifiers ------------------------------------------------------------------------------------


def test_formula_in_child_is_refused_and_nothing_is_loaded(tmp_path):
    _write(
        tmp_path / "ssda903" / "2024-25",
        "header.csv",
        _csv(HEADER, [ROWS[0], ["=cmd|calc!A1", *ROWS[1][1:]]]).encode("utf-8"),
    )
    good = _csv(ATTRIBUTES, [["C001", "Northvale", "Safeguarding"]]).encode("utf-8")
    _write(tmp_path / "local", "child_attributes.csv", good)
    con = db.connect(None)
    before = snapshot(con)
    result = load_paths(con, [tmp_path], la_code=LA)
    assert not result.ok and result.load_id is None
    [error] = result.errors
    assert (error.rule, error.file, error.row_ref, error.field, error.value) == (
        "ID_CHARACTERS",
        "header.csv",
        "row 2",
        "CHILD",
        "=cmd|calc!A1",
    )
    assert "letters A-Z" in error.message and "digits 0-9" in error.message
    assert snapshot(con) == before
    assert _rows(con, "ssda903_header") == [] and _rows(con, "local_child_attributes") == []


BAD_IDS = ["+SUM(A1)", "@x", "-2+3", "A\tB", 'A"B', "A,B", "A'B", "<b>", "A>B", "a|b", "A\x07B", "A B", "Té1"]


@pytest.mark.parametrize("value", BAD_IDS, ids=[repr(v) for v in BAD_IDS])
def test_unsafe_characters_in_child_are_refused(tmp_path, value):
    _write(tmp_path / "2024-25", "header.csv", _csv(HEADER, [[value, *ROWS[0][1:]]]).encode("utf-8"))
    errors = load_paths(db.connect(None), [tmp_path], la_code=LA).errors
    assert [(p.rule, p.row_ref, p.field, p.value) for p in errors] == [
        ("ID_CHARACTERS", "row 1", "CHILD", value)
    ]


def test_letters_digits_hyphen_and_underscore_pass(tmp_path):
    ids = ["T001", "0012345", "RULE1_BAD", "WV-0000003", "abcDEF9"]
    rows = [[i, *ROWS[0][1:]] for i in ids]
    _write(tmp_path / "2024-25", "header.csv", _csv(HEADER, rows).encode("utf-8"))
    con = db.connect(None)
    result = load_paths(con, [tmp_path], la_code=LA)
    assert result.ok, [str(p) for p in result.errors]
    assert sorted(r[0] for r in con.table("ssda903_header").select("CHILD").fetchall()) == sorted(ids)


def test_the_id_rule_covers_local_files_and_annex_a_contact_ids(tmp_path):
    _write(tmp_path, "child_attributes.csv", _csv(ATTRIBUTES, [["@x", "Northvale", "Team"]]).encode("utf-8"))
    contacts = f"{CONTACTS},Contact ID"
    row = ["A1", "Female", "a) WBRI", "01/02/2015", "9", "01/05/2024", "q) 6: Police", "=1+1"]
    _write(tmp_path, "annex_a_list1_contacts_2024-25.csv", _csv(contacts, [row]).encode("utf-8"))
    errors = load_paths(db.connect(None), [tmp_path], la_code=LA).errors
    found = sorted((p.rule, p.file, p.row_ref, p.field, p.value) for p in errors)
    assert found == [
        ("ID_CHARACTERS", "annex_a_list1_contacts_2024-25.csv", "row 1", "contact_id", "=1+1"),
        ("ID_CHARACTERS", "child_attributes.csv", "row 1", "child_id", "@x"),
    ]
