import numpy as np

from nianbao.ocr.convert import ctc_decode, ctc_decode_characters, det_boxes, rec_batch, rec_charset
from nianbao.ocr.text import group_lines


def test_ctc_decode_drops_blanks_and_repeats():
    charset = rec_charset(["0", "1", "2"])  # blank, 0, 1, 2, space
    steps = [1, 1, 0, 1, 3, 3, 0, 0]  # 0 0 _ 0 2 2 _ _  ->  "002"
    probs = np.full((1, len(steps), len(charset)), 0.01, dtype=np.float32)
    for t, index in enumerate(steps):
        probs[0, t, index] = 0.9
    ((text, confidence),) = ctc_decode(probs, charset)
    assert text == "002"
    assert abs(confidence - 0.9) < 1e-6


def test_ctc_decode_can_give_each_characters_probability():
    charset = rec_charset(["0", "1", "2"])
    probs = np.full((1, 5, len(charset)), 0.01, dtype=np.float32)
    for t, (index, p) in enumerate([(3, 0.99), (0, 0.99), (1, 0.99), (0, 0.99), (2, 0.36)]):  # "2", "0", "1"
        probs[0, t, index] = p
    ((text, mean),) = ctc_decode(probs, charset)
    ((same, each),) = ctc_decode_characters(probs, charset)
    assert text == same == "201"
    assert np.allclose(each, (0.99, 0.99, 0.36)) and abs(mean - sum(each) / 3) < 1e-6


def test_empty_decode_has_zero_confidence():
    probs = np.zeros((1, 3, 5), dtype=np.float32)
    probs[0, :, 0] = 1.0
    assert ctc_decode(probs, rec_charset(["a", "b", "c"])) == [("", 0.0)]


def test_rec_batch_keeps_height_and_pads_to_the_widest():
    crops = [np.full((20, 10), 255, np.uint8), np.zeros((24, 240, 3), np.uint8)]
    batch = rec_batch(crops)
    assert batch.shape == (2, 3, 48, 480)
    assert batch.min() >= -1.0 and batch.max() <= 1.0
    assert np.all(batch[0, :, :, 30:] == 0)  # padded


def test_det_boxes_scale_back_to_the_image():
    prob = np.zeros((64, 128), np.float32)
    prob[10:20, 30:90] = 0.9
    ((x0, y0, x1, y1),) = det_boxes(prob, scale_y=2.0, scale_x=2.0)
    # DB boxes shrink text regions; post-processing grows them back by area * 1.6 / perimeter
    assert 40 < x0 < 60 and 180 < x1 < 200 and 0 <= y0 < 20 and 40 < y1 < 60


def test_group_lines_joins_boxes_on_one_printed_line():
    boxes = [(300, 100, 400, 130), (10, 102, 200, 128), (10, 200, 100, 230)]
    assert group_lines(boxes) == [[1, 0], [2]]
