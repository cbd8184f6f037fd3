"""HTML and DOCX readers: encodings, spans, nested layout tables, blank and multi-line cells."""

import zipfile

import pytest

from nianbao.errors import InputError
from nianbao.ingest import office
from nianbao.readers.documents import read_markup
from nianbao.readers.docx import read_docx
from nianbao.readers.html import decode_html, read_html
from nianbao.readers.markup import MarkupCell, expand_spans, markup_pages

PAGE = """<html><head>{meta}<title>站点</title></head><body>
<div>首页 &gt; 政务公开</div>
<table width="100%"><tr><td>
<p>某某县人民政府</p><p>2023年政府信息公开工作年度报告</p>
<table border=1>
<tr><td rowspan=2>信息内容<td colspan=2>本年新收
<tr><td>自 然 人</td><td>总计</td></tr>
<tr><td>结果<br>维持</td><td>&nbsp;</td><td>251000<br>元</td></tr>
</table>
<p>某某县人民政府</p><p>2024年1月17日</p>
</td></tr></table></body></html>"""


def test_decoding_utf8_and_the_gb_family_declared_or_not():
    text = PAGE.format(meta="")
    assert decode_html(text.encode("utf-8")) == text
    assert decode_html(text.encode("gb18030")) == text
    declared = PAGE.format(meta='<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    assert decode_html(declared.encode("gbk")) == declared
    assert decode_html(b"\xef\xbb\xbf" + "年报".encode()) == "年报"


def test_html_tables_inside_layout_tables_with_spans_blanks_and_breaks():
    document = read_html(PAGE.format(meta="").encode("gbk"))
    assert len(document.tables) == 1
    assert document.lines_before[-2:] == ["某某县人民政府", "2023年政府信息公开工作年度报告"]
    assert document.lines_after == ["某某县人民政府", "2024年1月17日"]
    table = markup_pages(document)[0].tables[0]
    by_place = {(c.row, c.col): c for c in table.cells}
    assert (table.n_rows, table.n_cols) == (3, 3)
    assert (by_place[0, 0].rowspan, by_place[0, 1].colspan) == (2, 2)
    assert by_place[1, 1].text == "自 然 人" and by_place[1, 2].text == "总计"
    assert by_place[2, 0].text == "结果维持" and [w.text for w in by_place[2, 0].words] == ["结果", "维持"]
    assert by_place[2, 1].words == () and by_place[2, 2].text == "251000元"


def test_span_expansion_places_cells_after_those_reaching_down():
    rows = [
        [MarkupCell(("a",), rowspan=3), MarkupCell(("b",), colspan=2)],
        [MarkupCell(("c",)), MarkupCell(("d",))],
        [MarkupCell(("e",), colspan=2)],
    ]
    table = expand_spans(rows, 1)
    assert [(c.text, c.row, c.col, c.rowspan, c.colspan) for c in table.cells] == [
        ("a", 0, 0, 3, 1),
        ("b", 0, 1, 1, 2),
        ("c", 1, 1, 1, 1),
        ("d", 1, 2, 1, 1),
        ("e", 2, 1, 1, 2),
    ]
    assert table.cells[2].bbox == (1.0, 1.0, 2.0, 2.0)
    clipped = expand_spans([[MarkupCell(("x",), rowspan=9)], [MarkupCell(("y",))]], 1)
    assert clipped.cells[0].rowspan == 2 and clipped.cells[1].col == 1


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(path, body):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", f"<w:document {W}><w:body>{body}</w:body></w:document>")
    return path


def _tc(text, props=""):
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def test_docx_grid_span_and_vertical_merge(tmp_path):
    merge = '<w:vMerge w:val="restart"/>'
    rows = [
        "<w:tr>" + _tc("三、办理结果", merge) + _tc("申请人情况", '<w:gridSpan w:val="2"/>') + "</w:tr>",
        "<w:tr>" + _tc("", "<w:vMerge/>") + _tc("自然人") + _tc("总计") + "</w:tr>",
        "<w:tr>" + _tc("", "<w:vMerge/>") + _tc("5") + _tc("") + "</w:tr>",
    ]
    body = (
        "<w:p><w:r><w:t>标题</w:t></w:r></w:p><w:tbl>"
        + "".join(rows)
        + "</w:tbl><w:p><w:r><w:t>2024年1月2日</w:t></w:r></w:p>"
    )
    document = read_docx(_docx(tmp_path / "r.docx", body))
    assert document.lines_before == ["标题"] and document.lines_after == ["2024年1月2日"]
    table = markup_pages(document)[0].tables[0]
    cells = {(c.row, c.col): c for c in table.cells}
    assert cells[0, 0].rowspan == 3 and cells[0, 1].colspan == 2
    assert cells[2, 1].text == "5" and cells[2, 2].words == ()
    assert (table.n_rows, table.n_cols) == (3, 3)


def test_docx_row_starting_after_grid_before(tmp_path):
    rows = [
        "<w:tr>" + _tc("甲") + _tc("乙") + "</w:tr>",
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + _tc("7") + "</w:tr>",
    ]
    table = markup_pages(read_docx(_docx(tmp_path / "g.docx", "<w:tbl>" + "".join(rows) + "</w:tbl>")))[0].tables[0]
    assert [(c.text, c.row, c.col) for c in table.cells if c.text] == [("甲", 0, 0), ("乙", 0, 1), ("7", 1, 1)]


def test_a_broken_docx_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(InputError, match="not a readable .docx"):
        read_docx(bad)


def test_doc_without_libreoffice_names_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(office.shutil, "which", lambda _name: None)
    legacy = tmp_path / "report.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0 old word")
    with pytest.raises(InputError, match="LibreOffice.*soffice"):
        read_markup(legacy, "doc")


@pytest.mark.skipif(office.soffice_path() is None, reason="LibreOffice (soffice) is not installed")
def test_doc_is_converted_with_libreoffice(tmp_path):
    from tests.fixtures.born_digital import report_spec, write_forms

    spec = report_spec("2021", 3)
    docx = write_forms(spec, tmp_path)["docx"]
    subprocess = pytest.importorskip("subprocess")
    subprocess.run(
        [office.soffice_path(), "--headless", "--convert-to", "doc", "--outdir", str(tmp_path), str(docx)],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    document = read_markup(tmp_path / "docx.doc", "doc")
    assert len(document.tables) >= 3
