"""Ruling lines: masks of the long horizontal and vertical strokes of a page, and of what damage left of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

from nianbao.config import TableConfig

PIECE_LENGTH = 0.003  # of the page width (4 px on an A4 page at 200 dpi): the shortest piece of a broken rule counted


@dataclass(frozen=True)
class RuleMasks:
    horizontal: np.ndarray  # 255 where a horizontal rule is
    vertical: np.ndarray


def rule_masks(ink: np.ndarray, config: TableConfig) -> RuleMasks:
    """Keep only strokes longer than ``min_line_fraction`` of the page width (text strokes are shorter)."""
    length = max(25, int(ink.shape[1] * config.min_line_fraction * 2))
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    # Bridge small breaks in faint or JPEG-damaged rules.
    horizontal = cv2.morphologyEx(horizontal, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (15, 1)))
    vertical = cv2.morphologyEx(vertical, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 15)))
    return RuleMasks(horizontal, vertical)


def thin_pieces(ink: np.ndarray, box: tuple[int, int, int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Within ``box`` (a table's region), the strokes at least PIECE_LENGTH long along each axis and
    thinner than that across it: what is left of a rule broken by damage (horizontal, vertical). Text has
    them too: they only count as a rule's remains along a line that long rules elsewhere in the table have
    placed. Worked out on the box widened by that length, so they are what the whole page would give."""
    length = max(3, int(ink.shape[1] * PIECE_LENGTH))
    x0, y0, x1, y1 = box
    left, top = max(0, x0 - length), max(0, y0 - length)
    area = ink[top : y1 + length, left : x1 + length]
    along_x = cv2.morphologyEx(area, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    along_y = cv2.morphologyEx(area, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    inside = np.s_[y0 - top : y1 - top, x0 - left : x1 - left]
    return (along_x & ~along_y)[inside], (along_y & ~along_x)[inside]


# Faint rules (a web page's light grey borders, printed and scanned on grey paper): a few grey levels
# darker than the paper, as faint as the noise pixel by pixel, but straight. Measured along a stretch of
# FAINT_RUN inches a rule stands out from the paper FAINT_SIDE inches either side of it by FAINT_CONTRAST
# grey levels. Print (TEXT_CONTRAST darker than the paper) is left out first: its strokes line up too.
FAINT_RUN, FAINT_SIDE, FAINT_CONTRAST, TEXT_CONTRAST = 0.25, 0.03, 4.0, 35
# A faint rule printed broken, or noise-eaten, dips below FAINT_CONTRAST in places: a gap between two
# stretches of it a run long is bridged where every point of the gap still stands out by FAINT_GAP
# (where no rule runs, as across a merged cell, the paper does not, all along), up to BRIDGE_GAP runs
# long along a row's rule and one run along a column's. One run left most of faint 992's table 三 in
# pieces (two read 28 more of its fields, none wrong); two down a column rule joined table 三's last page
# to table 四 below it across the gap between them, where a heading stands (an unseen faint report: 28
# fields lost).
FAINT_GAP, BRIDGE_GAP = 2.0, 2.0
# A shaded area (a header band), where a rule may be paler than the shade: SHADE_DEPTH grey levels darker
# than the lightest paper within SHADE_REACH inches (uneven light darkens a page far more gradually).
SHADE_DEPTH, SHADE_REACH = 16.0, 0.5
RULE_END = 0.5  # of a faint rule's level along it: where it ends
ALONG_STEP = 2  # pixels along a line averaged into one before its run is
# Inches: print's edges (PRINT_EDGE) hold no rule, its halo (PRINT_HALO) does not count as paper.
PRINT_EDGE, PRINT_HALO = 0.035, 0.045
FAINT_RULES, FEW_RULE_PIXELS = 60, 2000


def rules_are_faint(gray: np.ndarray, ink: np.ndarray, masks: RuleMasks) -> bool:
    """Whether the rules the ink mask shows are FAINT_RULES grey levels or less darker than the paper: then
    parts of them, or whole tables, may be missing from the ink (measured on the hard scans: light grey
    rules 14-32 levels, black and grey ones 95 and more). Too few to tell by (FEW_RULE_PIXELS): no."""
    drawn = (masks.horizontal | masks.vertical) > 0
    if np.count_nonzero(drawn) < FEW_RULE_PIXELS:
        return False
    paper = gray[::4, ::4][ink[::4, ::4] == 0]
    return paper.size > 0 and float(np.median(paper)) - float(np.median(gray[drawn])) <= FAINT_RULES


def faint_rules(gray: np.ndarray, dpi: float, margin: int = 0) -> np.ndarray:
    """255 where a rule too faint for the ink mask runs (horizontal and vertical): a line darker than the
    paper either side of it (``_darker_lines``), or the edge of a shaded area (``_shade_edges``), print
    left out. Nothing is taken within ``margin`` pixels of the page's sides, where straightening the page
    repeated its edge pixels, each a stripe of its own shade."""
    smooth = cv2.medianBlur(gray, 3).astype(np.float32)
    block = int(dpi / 6) | 1
    print_ = ((cv2.blur(smooth, (block, block)) - smooth) > TEXT_CONTRAST).astype(np.uint8)
    paper = (cv2.dilate(print_, _square(dpi * PRINT_HALO)) == 0).astype(np.float32)
    found = _darker_lines(gray, dpi, paper) | _shade_edges(gray, dpi, paper, margin)
    found[cv2.dilate(print_, _square(dpi * PRINT_EDGE)) > 0] = 0
    return _without_sides(found, margin)


def _without_sides(mask: np.ndarray, margin: int) -> np.ndarray:
    """``mask`` with nothing within ``margin`` pixels of its sides."""
    if margin > 0:
        mask[:margin], mask[-margin:], mask[:, :margin], mask[:, -margin:] = 0, 0, 0, 0
    return mask


def _darker_lines(gray: np.ndarray, dpi: float, paper: np.ndarray) -> np.ndarray:
    """255 where a line stands out from the ``paper`` (1 where no print is near) either side of it: darker,
    or, within a shaded area (SHADE_DEPTH darker than the paper around it), lighter: a header band's rules
    may be printed paler than its shade. A rule printed broken is bridged (``_bridged``). Across a line
    the page's own resolution is kept (at half of it, a web page's one-pixel grey border was lost to the
    averaging); along it, ALONG_STEP pixels are averaged into one first, as the run averages them anyway."""
    block = int(dpi / 6) | 1
    level = gray.astype(np.float32)
    # The paper's level around each point from the paper alone: print nearby would lift it.
    background = cv2.blur(level * paper, (block, block)) / np.maximum(cv2.blur(paper, (block, block)), 1e-3)
    shade = paper * (background < _lightest_near(background, dpi * SHADE_REACH) - SHADE_DEPTH)
    passes = [((background - level) * paper, paper)]  # darker lines; lighter ones where there is shade
    passes += [((level - background) * shade, shade)] if shade.any() else []
    run = _run(dpi)
    side = max(3, int(round(dpi * FAINT_SIDE)))

    def lines_along(axis: int, size: tuple[int, int]) -> np.ndarray:
        found = np.zeros(size[::-1], np.uint8)
        for contrast, weight in passes:
            line = _standing_out(
                cv2.resize(contrast, size, interpolation=cv2.INTER_AREA),
                cv2.resize(weight, size, interpolation=cv2.INTER_AREA),
                run,
                axis,
                side,
            )
            # Averaged over a run, a rule reaches half a run past its end at half its level: cut it there
            # (it would cross the next column's rule).
            peak = cv2.dilate(line, np.ones((1, run) if axis == 0 else (run, 1), np.uint8))
            strong = (line > FAINT_CONTRAST) & (line >= RULE_END * peak)
            widest = int(run * (BRIDGE_GAP if axis == 0 else 1))
            found |= _bridged(strong, line > FAINT_GAP, run, axis, widest).astype(np.uint8) * 255
        return found

    return _along_both_axes(gray.shape, lines_along)


def _lightest_near(level: np.ndarray, reach: float) -> np.ndarray:
    """The lightest of ``level`` within ``reach`` pixels of each point (worked out at a quarter scale)."""
    height, width = level.shape
    small = cv2.resize(level, (max(1, width // 4), max(1, height // 4)), interpolation=cv2.INTER_AREA)
    lightest = cv2.dilate(small, _square(2 * reach / 4 + 1))
    return cv2.resize(lightest, (width, height), interpolation=cv2.INTER_LINEAR)


def _bridged(strong: np.ndarray, weak: np.ndarray, longest: int, axis: int, widest: int) -> np.ndarray:
    """``strong`` with each gap along its lines (axis 0: horizontal lines, along the rows) filled where it
    lies between two stretches of it at least ``longest`` long (noise leaves shorter ones), is at most
    ``widest`` long, and ``weak`` holds all along it. Only the rows holding such a stretch are worked on."""
    if axis == 1:
        return _bridged(strong.T, weak.T, longest, 0, widest).T
    rows = np.flatnonzero(cv2.erode(strong.astype(np.uint8), np.ones((1, longest), np.uint8)).any(axis=1))
    if len(rows) == 0:
        return strong
    strong_rows, weak_rows = strong[rows], weak[rows]
    index = np.broadcast_to(np.arange(strong.shape[1], dtype=np.int32), strong_rows.shape)
    stretch = _next_index(~strong_rows, index) - _last_index(~strong_rows, index) - 1
    anchor = strong_rows & (stretch >= longest)
    last_anchor, next_anchor = _last_index(anchor, index), _next_index(anchor, index)
    inside = (last_anchor > _last_index(~weak_rows, index)) & (next_anchor < _next_index(~weak_rows, index))
    bridged = strong.copy()
    bridged[rows] |= inside & (next_anchor - last_anchor <= widest)
    return bridged


def _last_index(where: np.ndarray, index: np.ndarray) -> np.ndarray:
    """Along each row, the index of the last point at or before each one where ``where`` holds (-1: none)."""
    return np.maximum.accumulate(np.where(where, index, np.int32(-1)), axis=1)


def _next_index(where: np.ndarray, index: np.ndarray) -> np.ndarray:
    """Along each row, the index of the next point at or after each one where ``where`` holds (the row's
    length: none)."""
    return np.minimum.accumulate(np.where(where, index, np.int32(where.shape[1]))[:, ::-1], axis=1)[:, ::-1]


# Shaded cells (a header band) end at their rules: where the shade steps to the paper, or to another
# shade, by FILL_STEP grey levels or more (at most MAX_FILL_STEP: a desk beside a photographed sheet is
# darker still), measured FILL_SIDE inches either side of the step and along FAINT_RUN inches of it, is
# a rule, even where the rule itself is paler than the shade and so not darker than both its sides. The
# step is taken where it is at least FILL_PEAK of the largest step across within FILL_SIDE: the noise
# moves the very largest by a pixel up or down along the edge.
FILL_STEP, MAX_FILL_STEP, FILL_SIDE, FILL_PEAK = 8.0, 60.0, 0.03, 0.8


def _shade_edges(gray: np.ndarray, dpi: float, paper: np.ndarray, margin: int) -> np.ndarray:
    """255 where a shaded area's edge runs (``paper``: 1 where no print is near), none within ``margin``
    pixels of the page's sides. Along a line ALONG_STEP pixels are averaged into one first, as for
    ``_darker_lines``."""
    level = gray.astype(np.float32) * paper
    run = _run(dpi)
    side = max(3, int(round(dpi * FILL_SIDE)))

    def edges_along(axis: int, size: tuple[int, int]) -> np.ndarray:
        along = (run, 3) if axis == 0 else (3, run)
        weight = cv2.blur(cv2.resize(paper, size, interpolation=cv2.INTER_AREA), along)
        shade = cv2.blur(cv2.resize(level, size, interpolation=cv2.INTER_AREA), along) / np.maximum(weight, 0.2)
        before, after = _shifted(shade, side, axis), _shifted(shade, -side, axis)
        step = np.abs(after - before)
        # Either side level (a thin line beside is a step to neither side of it, but would be one to each).
        level_sides = (np.abs(_shifted(shade, 2 * side, axis) - before) < step / 2) & (
            np.abs(_shifted(shade, -2 * side, axis) - after) < step / 2
        )
        peak = cv2.dilate(step, np.ones((2 * side + 1, 1) if axis == 0 else (1, 2 * side + 1), np.uint8))
        edge = (step >= FILL_STEP) & (step <= MAX_FILL_STEP) & (step >= FILL_PEAK * peak) & level_sides
        return edge.astype(np.uint8) * 255

    return _without_sides(_along_both_axes(gray.shape, edges_along), margin + side)


def _run(dpi: float) -> int:
    """FAINT_RUN in pixels of a page with ALONG_STEP pixels along a line averaged into one."""
    return max(15, int(round(dpi * FAINT_RUN))) // ALONG_STEP


def _along_both_axes(shape: tuple[int, ...], mask_along: Callable[[int, tuple[int, int]], np.ndarray]) -> np.ndarray:
    """The union, at the page's own size, of ``mask_along(axis, size)`` for horizontal (0) and vertical
    (1) lines, each worked out on the page averaged along that axis to ``size`` (``_along_reduced``)."""
    height, width = shape[:2]
    found = np.zeros((height, width), np.uint8)
    for axis in (0, 1):
        mask = mask_along(axis, _along_reduced(shape, axis))
        found |= cv2.resize(mask, (width, height), interpolation=cv2.INTER_NEAREST)
    return found


def _along_reduced(shape: tuple[int, ...], axis: int) -> tuple[int, int]:
    """The (width, height) of a page of ``shape`` with ALONG_STEP pixels along ``axis`` (0: horizontal
    lines) averaged into one."""
    height, width = shape[:2]
    return (max(1, width // ALONG_STEP), height) if axis == 0 else (width, max(1, height // ALONG_STEP))


def _shifted(values: np.ndarray, by: int, axis: int) -> np.ndarray:
    """``values`` moved ``by`` pixels across a line (down or right for positive), edges repeated."""
    moved = np.moveaxis(values, axis, 0)
    out = np.empty_like(moved)
    if by > 0:
        out[by:], out[:by] = moved[:-by], moved[:1]
    else:
        out[:by], out[by:] = moved[-by:], moved[-1:]
    return np.moveaxis(out, 0, axis)


def _square(size: float) -> np.ndarray:
    return np.ones((max(1, int(round(size))),) * 2, np.uint8)


def _standing_out(darkness: np.ndarray, paper: np.ndarray, run: int, axis: int, side: int) -> np.ndarray:
    """How much darker than the paper ``side`` pixels either side each line of ``run`` pixels along
    ``axis`` (0: horizontal) is, averaged over the paper only: a rule passing beside print keeps its level."""
    along, across = ((run, 1), (1, 3)) if axis == 0 else ((1, run), (3, 1))
    line = cv2.blur(cv2.blur(darkness, along), across) / np.maximum(cv2.blur(cv2.blur(paper, along), across), 0.2)
    return line - _sides(line, side, axis)


def _sides(line: np.ndarray, side: int, axis: int) -> np.ndarray:
    """The larger of the values ``side`` pixels either side across the line (the page's edge: the one left)."""
    moved = np.moveaxis(line, axis, 0)
    beside = np.empty_like(moved)
    beside[side:-side] = np.maximum(moved[: -2 * side], moved[2 * side :])
    beside[:side], beside[-side:] = moved[side : 2 * side], moved[-2 * side : -side]
    return np.moveaxis(beside, 0, axis)
