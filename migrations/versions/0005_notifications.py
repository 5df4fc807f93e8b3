"""notifications: the customer-notice outbox leaves dispatch (dp_customer_notice -> nt_customer_notice)

The rows are kept. PostgreSQL renames the table with its indexes, constraints and id sequence;
SQLite cannot rename a constraint, so it copies the rows into a table built with the new names
and drops the old one (ids kept, so the next notice continues after the last).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import core.db


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

OLD, NEW = 'dp_customer_notice', 'nt_customer_notice'
COLUMNS = ('id, work_order_id, customer_id, plan_id, engineer_id, engineer_name, window_start, window_end, '
           'planned_arrival, message, status, attempts, created_at, sent_at')
FOREIGN_KEYS = (('customer_id', 'wo_customer'), ('engineer_id', 'en_engineer'), ('plan_id', 'dp_plan'),
                ('work_order_id', 'wo_work_order'))
INDEXED = ('customer_id', 'status', 'work_order_id')


def upgrade() -> None:
    _move(OLD, NEW)


def downgrade() -> None:
    _move(NEW, OLD)


def _move(old: str, new: str) -> None:
    if op.get_bind().dialect.name == 'postgresql':
        _rename(old, new)
    else:
        _copy(old, new)


def _rename(old: str, new: str) -> None:
    op.rename_table(old, new)
    op.execute(f'ALTER SEQUENCE {old}_id_seq RENAME TO {new}_id_seq')
    op.execute(f'ALTER TABLE {new} RENAME CONSTRAINT pk_{old} TO pk_{new}')
    for column, referred in FOREIGN_KEYS:
        op.execute(f'ALTER TABLE {new} RENAME CONSTRAINT fk_{old}_{column}_{referred} '
                   f'TO fk_{new}_{column}_{referred}')
    for column in INDEXED:
        op.execute(f'ALTER INDEX ix_{old}_{column} RENAME TO ix_{new}_{column}')


def _copy(old: str, new: str) -> None:
    op.create_table(new,
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('work_order_id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('engineer_id', sa.Integer(), nullable=True),
    sa.Column('engineer_name', sa.String(length=120), nullable=True),
    sa.Column('window_start', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('window_end', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('planned_arrival', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('message', sa.String(length=1000), nullable=False),
    sa.Column('status', sa.Enum('PENDING', 'SENT', 'FAILED', name='noticestatus', native_enum=False, length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('sent_at', core.db.UTCDateTime(timezone=True), nullable=True),
    *[sa.ForeignKeyConstraint([column], [f'{referred}.id'], name=op.f(f'fk_{new}_{column}_{referred}'))
      for column, referred in FOREIGN_KEYS],
    sa.PrimaryKeyConstraint('id', name=op.f(f'pk_{new}'))
    )
    op.execute(f'INSERT INTO {new} ({COLUMNS}) SELECT {COLUMNS} FROM {old}')
    op.drop_table(old)  # its indexes go with it
    for column in INDEXED:
        op.create_index(op.f(f'ix_{new}_{column}'), new, [column], unique=False)
