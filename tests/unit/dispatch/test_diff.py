"""A plan's diff against who holds each job now."""

from __future__ import annotations

from dispatch.planning.diff import diff_assignments


def test_new_jobs_are_added_dropped_ones_removed_and_changed_ones_moved() -> None:
    before = {1: (7, 3600), 2: (7, 7200), 3: (8, 100), 4: (8, 200)}
    after = {1: (7, 3600), 2: (8, 7200), 3: (8, 160), 5: (7, 900)}

    diff = diff_assignments(before, after)

    assert [m.work_order_id for m in diff.added] == [5]
    assert [m.work_order_id for m in diff.removed] == [4]
    moves = [(m.work_order_id, m.from_engineer_id, m.to_engineer_id) for m in diff.moved]
    assert moves == [(2, 7, 8), (3, 8, 8)]
    assert diff.unchanged == 1


def test_the_same_assignments_are_no_change() -> None:
    same = {1: (7, 3600)}
    diff = diff_assignments(same, dict(same))
    assert (diff.added, diff.moved, diff.removed, diff.unchanged) == ((), (), (), 1)
