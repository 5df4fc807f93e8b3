"""spare parts: where each serialized unit is (sp_serial_unit), backfilled from the ledger

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 21:35:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sp_serial_unit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('part_id', sa.Integer(), nullable=False),
    sa.Column('serial', sa.String(length=64), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('condition', sa.Enum('GOOD', 'DEFECTIVE', name='condition', native_enum=False, length=16), nullable=False),
    sa.Column('last_entry_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['last_entry_id'], ['sp_ledger_entry.id'], name=op.f('fk_sp_serial_unit_last_entry_id_sp_ledger_entry')),
    sa.ForeignKeyConstraint(['location_id'], ['sp_stock_location.id'], name=op.f('fk_sp_serial_unit_location_id_sp_stock_location')),
    sa.ForeignKeyConstraint(['part_id'], ['sp_part.id'], name=op.f('fk_sp_serial_unit_part_id_sp_part')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sp_serial_unit')),
    sa.UniqueConstraint('part_id', 'serial', name='uq_sp_serial_unit_part_serial')
    )
    with op.batch_alter_table('sp_serial_unit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sp_serial_unit_location_id'), ['location_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sp_serial_unit_serial'), ['serial'], unique=False)
    # Each serialized unit already in the books is where its latest ledger entry took it.
    op.execute(
        "INSERT INTO sp_serial_unit (part_id, serial, location_id, condition, last_entry_id) "
        "SELECT e.part_id, e.serial, e.to_location_id, e.to_condition, e.id FROM sp_ledger_entry e "
        "JOIN sp_part p ON p.id = e.part_id "
        "WHERE p.serialized AND e.serial IS NOT NULL AND e.id = ("
        "SELECT max(e2.id) FROM sp_ledger_entry e2 WHERE e2.part_id = e.part_id AND e2.serial = e.serial)"
    )


def downgrade() -> None:
    with op.batch_alter_table('sp_serial_unit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sp_serial_unit_serial'))
        batch_op.drop_index(batch_op.f('ix_sp_serial_unit_location_id'))
    op.drop_table('sp_serial_unit')
