"""the faulty part has one owner: sp_faulty_return links its parts line and keeps the reason a
faulty part is not returned; wo_part_used loses returnable, faulty_serial, faulty_missing_reason

Each return opened by a parts line is linked to that line through its consumption entry
(whose reason has always been ``Parts line <id>``); the line's "not returned" reason moves to
the return. The line's faulty serial is already on the return (``old_serial``): it was
either collected from the line or written back to it from the return. Whether a line's part
is returnable is whether a return is linked to it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 10:00:00
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

RETURNS = sa.table('sp_faulty_return', sa.column('id'), sa.column('consume_entry_id'),
                   sa.column('work_order_id'), sa.column('part_used_id'), sa.column('status'),
                   sa.column('old_serial'), sa.column('not_returned_reason'))
ENTRIES = sa.table('sp_ledger_entry', sa.column('id'), sa.column('reason'))
LINES = sa.table('wo_part_used', sa.column('id'), sa.column('work_order_id'), sa.column('returnable'),
                 sa.column('faulty_serial'), sa.column('faulty_missing_reason'))
PARTS_LINE = re.compile(r"Parts line (\d+)")


def upgrade() -> None:
    with op.batch_alter_table('sp_faulty_return', schema=None) as batch_op:
        batch_op.add_column(sa.Column('part_used_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('not_returned_reason', sa.String(length=500), nullable=True))
    _link_returns_to_their_lines()
    line = LINES.alias('line')
    op.execute(RETURNS.update().where(RETURNS.c.part_used_id.is_not(None)).values(
        not_returned_reason=sa.select(line.c.faulty_missing_reason)
        .where(line.c.id == RETURNS.c.part_used_id).scalar_subquery()))
    with op.batch_alter_table('wo_part_used', schema=None) as batch_op:
        batch_op.drop_column('faulty_missing_reason')
        batch_op.drop_column('faulty_serial')
        batch_op.drop_column('returnable')
    # Constraints last: SQLite rebuilds a table to add them, and wo_part_used was rebuilt above.
    with op.batch_alter_table('sp_faulty_return', schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f('uq_sp_faulty_return_part_used_id'), ['part_used_id'])
        batch_op.create_foreign_key(batch_op.f('fk_sp_faulty_return_part_used_id_wo_part_used'),
                                    'wo_part_used', ['part_used_id'], ['id'])


def _link_returns_to_their_lines() -> None:
    bind = op.get_bind()
    opened = bind.execute(sa.select(RETURNS.c.id, RETURNS.c.work_order_id, ENTRIES.c.reason)
                          .join(ENTRIES, ENTRIES.c.id == RETURNS.c.consume_entry_id)
                          .where(ENTRIES.c.reason.like('Parts line %'))).all()
    for return_id, work_order_id, reason in opened:
        found = PARTS_LINE.fullmatch(reason)
        if found is None or int(found[1]) > 2**31 - 1:
            continue
        line_id = int(found[1])
        same_job = sa.exists().where(LINES.c.id == line_id, LINES.c.work_order_id == work_order_id)
        bind.execute(RETURNS.update().where(RETURNS.c.id == return_id, same_job).values(part_used_id=line_id))


def downgrade() -> None:
    with op.batch_alter_table('wo_part_used', schema=None) as batch_op:
        batch_op.add_column(sa.Column('returnable', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('faulty_serial', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('faulty_missing_reason', sa.String(length=500), nullable=True))
    owed = RETURNS.alias('owed')
    linked = owed.c.part_used_id == LINES.c.id
    collected = sa.and_(linked, owed.c.status != 'EXPECTED')
    op.execute(LINES.update().values(
        returnable=sa.exists().where(linked),
        faulty_serial=sa.select(sa.func.coalesce(owed.c.old_serial, 'no-serial')).where(collected)
        .scalar_subquery(),
        faulty_missing_reason=sa.select(owed.c.not_returned_reason).where(linked).scalar_subquery()))
    with op.batch_alter_table('sp_faulty_return', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_sp_faulty_return_part_used_id_wo_part_used'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_sp_faulty_return_part_used_id'), type_='unique')
        batch_op.drop_column('not_returned_reason')
        batch_op.drop_column('part_used_id')
    with op.batch_alter_table('wo_part_used', schema=None) as batch_op:
        batch_op.alter_column('returnable', server_default=None)
