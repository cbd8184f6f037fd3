import random

from nianbao.classify.augment import (
    AugmentSettings,
    augment,
    confuse_character,
    drop_character,
    insert_line_breaks,
    noise_negatives,
    renumber,
    truncate_tail,
)
from nianbao.classify.dataset import LabelExample
from nianbao.classify.normalize import normalize_label

EXAMPLES = [
    LabelExample(
        "requests", "row", "三、本年度办理结果 / （三）不予公开", "1. 属于国家秘密", "result.withheld.state_secret"
    ),
    LabelExample("requests", "row", "", "申请人情况", "__none__"),
]


def test_augment_is_deterministic_for_a_seed():
    settings = AugmentSettings(variants_per_class=20, seed=3)
    assert augment(EXAMPLES, settings) == augment(EXAMPLES, settings)
    assert augment(EXAMPLES, settings) != augment(EXAMPLES, AugmentSettings(variants_per_class=20, seed=4))


def test_augment_keeps_originals_and_adds_variants_per_class():
    out = augment(EXAMPLES, AugmentSettings(variants_per_class=20, negative_variants=2))
    assert out[:2] == EXAMPLES
    assert sum(ex.key == "result.withheld.state_secret" for ex in out) == 21
    assert sum(ex.key == "__none__" for ex in out) == 3
    assert len({normalize_label(ex.text) for ex in out if ex.key != "__none__"}) > 5


def test_single_edits():
    rng = random.Random(0)
    assert len(drop_character("属于国家秘密", rng)) == 5
    assert confuse_character("未", rng) == "末"
    assert normalize_label(insert_line_breaks("属于国家秘密", rng)) == "属于国家秘密"
    truncated = truncate_tail("属于行政执法案卷", rng)
    assert "属于行政执法案卷".startswith(truncated) and 3 <= len(truncated) < 8
    assert normalize_label(renumber("3. 其他", rng)) == "其他"


def test_noise_is_drawn_from_the_alphabet():
    noise = noise_negatives("甲乙", 10, seed=1)
    assert len(noise) == 10 and all(set(text) <= {"甲", "乙"} for text in noise)
