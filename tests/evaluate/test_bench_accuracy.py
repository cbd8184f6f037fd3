import importlib.util
import json
from pathlib import Path

from tests.evaluate.test_run import FakeExtractor, _dataset, fake_page_images

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_accuracy.py"


def _load_bench():
    spec = importlib.util.spec_from_file_location("bench_accuracy", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_runs_end_to_end_with_a_fake_extractor(tmp_path):
    bench = _load_bench()
    dataset = _dataset(tmp_path / "set")
    results = tmp_path / "results"
    record = bench.run_benchmark(
        dataset, "onnx", results, keep=tmp_path / "kept", factory=FakeExtractor, page_images=fake_page_images
    )
    saved = json.loads((results / "accuracy-onnx.json").read_text(encoding="utf-8"))
    assert saved == json.loads(json.dumps(record, ensure_ascii=False))
    assert saved["field_accuracy"] == {"right": 9, "total": 15, "accuracy": 0.6}
    assert saved["failed_reports"] == ["broken"] and saved["timing"]["pages"] == 6
    assert saved["timing"]["seconds_per_page"] is not None and saved["peak_rss_mib"] > 10
    assert saved["machine"]["cpu_count"] >= 1 and saved["machine"]["python"].startswith("3.")
    assert saved["machine"]["versions"]["numpy"] and saved["date"] and saved["backend"] == "onnx"
    worst = saved["worst_fields"]  # 'broken' failed: every field is 2/3, the misread one 1/3
    assert next(iter(worst)) == "requests.new_received.total" and worst["requests.new_received.total"]["right"] == 1
    assert len(worst) == 5
    assert "misses" not in saved and "per_field" not in saved
    markdown = (results / "accuracy-onnx.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Accuracy on") and "| field accuracy | 60.00% of 15 |" in markdown
    assert (tmp_path / "kept" / "report.md").exists()
