import pytest

from nianbao.ocr.batching import width_batches


def test_every_crop_once_and_batches_capped():
    widths = [96.0] * 50
    batches = width_batches(widths, 24)
    assert sorted(i for b in batches for i in b) == list(range(50))
    assert [len(b) for b in batches] == [24, 24, 2]


def test_a_long_line_is_not_batched_with_short_numbers():
    widths = [96, 400, 100, 96, 110, 420, 96]
    batches = width_batches(widths, 24)
    assert [sorted(b) for b in batches] == [[0, 2, 3, 4, 6], [1, 5]]
    for batch in batches:
        assert max(widths[i] for i in batch) <= 1.25 * min(widths[i] for i in batch)


def test_empty_and_bad_size():
    assert width_batches([], 8) == []
    with pytest.raises(ValueError):
        width_batches([96], 0)


def test_a_batch_of_wide_crops_is_capped_by_its_padded_columns():
    widths = [320.0] * 30 + [96.0] * 30 + [5000.0]
    batches = width_batches(widths, 24, max_pixels=24 * 192)
    sizes = {round(widths[b[0]]): sorted(len(x) for x in batches if widths[x[0]] == widths[b[0]]) for b in batches}
    assert sizes == {96: [6, 24], 320: [2, 14, 14], 5000: [1]}
    assert sorted(i for b in batches for i in b) == list(range(61))
