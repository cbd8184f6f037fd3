from __future__ import annotations

from nianbao.bulk.naming import choose_output_name

SHA = "0123456789abcdef" * 4


def test_first_document_with_a_stem_gets_the_flat_name() -> None:
    assert choose_output_name("2023/hz2023.pdf", SHA, lambda name: False) == "hz2023.json"


def test_later_documents_with_the_same_stem_are_kept_apart() -> None:
    taken: set[str] = set()

    def take(rel: str, sha: str = SHA) -> str:
        name = choose_output_name(rel, sha, taken.__contains__)
        taken.add(name)
        return name

    assert take("a/hz.pdf") == "hz.json"
    assert take("b/hz.pdf") == "b/hz.json"
    assert take("b/hz.png") == "b/hz.png.json"
    assert take("b/hz.png", "fedcba9876543210" * 4) == "b/hz-fedcba987654.json"
    assert take("b/hz.png", "fedcba9876543210" * 4) == "b/hz-fedcba987654-2.json"
    assert take("hz.tif") == "hz.tif.json"


def test_names_of_the_run_tables_are_never_used() -> None:
    assert choose_output_name("reports.pdf", SHA, lambda name: False) == "reports.pdf.json"
