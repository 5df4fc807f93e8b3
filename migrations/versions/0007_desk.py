"""the service desk: complaint cases and their log, request owners, due and call-back times,
the request log, repeat-repair links, and the customer search keys (backfilled)

A poor rating now opens a complaint case (wo_feedback.complaint_id); the link to the
complaint-category request it opened before (complaint_request_id) goes, the request stays.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 04:11:38
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

import core.db

SEARCH_KEY = sa.String(length=120).with_variant(sa.String(length=120, collation='C'), 'postgresql')


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('wo_service_request_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_request_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('RECEIVED', 'ASSIGNED', 'REMOTE_ASSISTANCE', 'CALL_BACK', 'RESOLVED_REMOTELY', 'CONVERTED', 'REJECTED', 'COMPLAINT_OPENED', name='stepkind', native_enum=False, length=20), nullable=False),
    sa.Column('at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor_user_id', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('consent_name', sa.String(length=120), nullable=True),
    sa.ForeignKeyConstraint(['actor_user_id'], ['core_user.id'], name=op.f('fk_wo_service_request_step_actor_user_id_core_user')),
    sa.ForeignKeyConstraint(['service_request_id'], ['wo_service_request.id'], name=op.f('fk_wo_service_request_step_service_request_id_wo_service_request')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wo_service_request_step'))
    )
    with op.batch_alter_table('wo_service_request_step', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wo_service_request_step_service_request_id'), ['service_request_id'], unique=False)

    op.create_table('wo_complaint',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('OPEN', 'INVESTIGATING', 'RESOLVED', 'CONFIRMED', 'REOPENED', name='complaintstatus', native_enum=False, length=16), nullable=False),
    sa.Column('severity', sa.Enum('NORMAL', 'SERIOUS', 'CRITICAL', name='severity', native_enum=False, length=16), nullable=False),
    sa.Column('source', sa.Enum('DESK', 'SERVICE_REQUEST', 'RATING', name='complaintsource', native_enum=False, length=16), nullable=False),
    sa.Column('channel', sa.Enum('PHONE', 'WEB', 'APP', 'WECHAT', 'EMAIL', name='channel', native_enum=False, length=10), nullable=True),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('work_order_id', sa.Integer(), nullable=True),
    sa.Column('engineer_id', sa.Integer(), nullable=True),
    sa.Column('part_sku', sa.String(length=64), nullable=True),
    sa.Column('about_service', sa.Boolean(), nullable=False),
    sa.Column('service_request_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('demand', sa.Text(), nullable=True),
    sa.Column('owner_user_id', sa.Integer(), nullable=True),
    sa.Column('received_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('due_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('escalated_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('escalation_reason', sa.Enum('SEVERITY', 'DUE_SOON', 'BY_AGENT', name='escalationreason', native_enum=False, length=16), nullable=True),
    sa.Column('breached_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('cause', sa.Text(), nullable=True),
    sa.Column('action', sa.Text(), nullable=True),
    sa.Column('resolved_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('customer_answer', sa.Text(), nullable=True),
    sa.Column('confirmed_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('return_work_order_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['wo_customer.id'], name=op.f('fk_wo_complaint_customer_id_wo_customer')),
    sa.ForeignKeyConstraint(['engineer_id'], ['en_engineer.id'], name=op.f('fk_wo_complaint_engineer_id_en_engineer')),
    sa.ForeignKeyConstraint(['owner_user_id'], ['core_user.id'], name=op.f('fk_wo_complaint_owner_user_id_core_user')),
    sa.ForeignKeyConstraint(['return_work_order_id'], ['wo_work_order.id'], name=op.f('fk_wo_complaint_return_work_order_id_wo_work_order')),
    sa.ForeignKeyConstraint(['service_request_id'], ['wo_service_request.id'], name=op.f('fk_wo_complaint_service_request_id_wo_service_request')),
    sa.ForeignKeyConstraint(['work_order_id'], ['wo_work_order.id'], name=op.f('fk_wo_complaint_work_order_id_wo_work_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wo_complaint')),
    sa.UniqueConstraint('number', name=op.f('uq_wo_complaint_number')),
    sa.UniqueConstraint('service_request_id', name=op.f('uq_wo_complaint_service_request_id'))
    )
    with op.batch_alter_table('wo_complaint', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wo_complaint_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_wo_complaint_due_at'), ['due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_wo_complaint_owner_user_id'), ['owner_user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_wo_complaint_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_wo_complaint_work_order_id'), ['work_order_id'], unique=False)

    op.create_table('wo_complaint_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('RECEIVED', 'ASSIGNED', 'ESCALATED', 'INVESTIGATING', 'RESOLVED', 'CONFIRMED', 'REOPENED', 'RETURN_VISIT', 'BREACHED', name='complaintstepkind', native_enum=False, length=16), nullable=False),
    sa.Column('at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor_user_id', sa.Integer(), nullable=True),
    sa.Column('from_status', sa.Enum('OPEN', 'INVESTIGATING', 'RESOLVED', 'CONFIRMED', 'REOPENED', name='complaintstatus', native_enum=False, length=16), nullable=True),
    sa.Column('to_status', sa.Enum('OPEN', 'INVESTIGATING', 'RESOLVED', 'CONFIRMED', 'REOPENED', name='complaintstatus', native_enum=False, length=16), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['actor_user_id'], ['core_user.id'], name=op.f('fk_wo_complaint_step_actor_user_id_core_user')),
    sa.ForeignKeyConstraint(['complaint_id'], ['wo_complaint.id'], name=op.f('fk_wo_complaint_step_complaint_id_wo_complaint')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wo_complaint_step'))
    )
    with op.batch_alter_table('wo_complaint_step', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wo_complaint_step_complaint_id'), ['complaint_id'], unique=False)

    with op.batch_alter_table('wo_customer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_key', SEARCH_KEY, nullable=True))
        batch_op.add_column(sa.Column('phone_key', SEARCH_KEY, nullable=True))
    _backfill_search_keys()
    with op.batch_alter_table('wo_customer', schema=None) as batch_op:
        batch_op.alter_column('name_key', existing_type=SEARCH_KEY, nullable=False)
        batch_op.alter_column('phone_key', existing_type=SEARCH_KEY, nullable=False)
        batch_op.create_index(batch_op.f('ix_wo_customer_name_key'), ['name_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_wo_customer_phone_key'), ['phone_key'], unique=False)

    with op.batch_alter_table('wo_feedback', schema=None) as batch_op:
        batch_op.add_column(sa.Column('complaint_id', sa.Integer(), nullable=True))
        batch_op.drop_constraint(batch_op.f('fk_wo_feedback_complaint_request_id_wo_service_request'), type_='foreignkey')
        batch_op.create_foreign_key(batch_op.f('fk_wo_feedback_complaint_id_wo_complaint'), 'wo_complaint', ['complaint_id'], ['id'])
        batch_op.drop_column('complaint_request_id')

    with op.batch_alter_table('wo_service_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner_user_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('respond_by', core.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('callback_at', core.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('remote_assistance_at', core.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('repeat_of_work_order_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('repeat_of_completed_at', core.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_wo_service_request_callback_at'), ['callback_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_wo_service_request_owner_user_id'), ['owner_user_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_wo_service_request_owner_user_id_core_user'), 'core_user', ['owner_user_id'], ['id'])

    with op.batch_alter_table('wo_work_order', schema=None) as batch_op:
        batch_op.add_column(sa.Column('repeat_of_work_order_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_wo_work_order_asset_id'), ['asset_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_wo_work_order_repeat_of_work_order_id_wo_work_order'), 'wo_work_order', ['repeat_of_work_order_id'], ['id'])



def _backfill_search_keys() -> None:
    """The keys as ``workorders.customers.models`` computes them (copied: a migration must not
    change when the code does)."""
    connection = op.get_bind()
    customers = sa.table('wo_customer', sa.column('id'), sa.column('name'), sa.column('phone'),
                         sa.column('name_key'), sa.column('phone_key'))
    for customer_id, name, phone in connection.execute(
            sa.select(customers.c.id, customers.c.name, customers.c.phone)).all():
        connection.execute(customers.update().where(customers.c.id == customer_id).values(
            name_key=" ".join(name.casefold().split()), phone_key=re.sub(r"[^0-9]", "", phone)[::-1]))


def downgrade() -> None:
    with op.batch_alter_table('wo_work_order', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_wo_work_order_repeat_of_work_order_id_wo_work_order'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_wo_work_order_asset_id'))
        batch_op.drop_column('repeat_of_work_order_id')

    with op.batch_alter_table('wo_service_request', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_wo_service_request_owner_user_id_core_user'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_wo_service_request_owner_user_id'))
        batch_op.drop_index(batch_op.f('ix_wo_service_request_callback_at'))
        batch_op.drop_column('repeat_of_completed_at')
        batch_op.drop_column('repeat_of_work_order_id')
        batch_op.drop_column('remote_assistance_at')
        batch_op.drop_column('callback_at')
        batch_op.drop_column('respond_by')
        batch_op.drop_column('owner_user_id')

    with op.batch_alter_table('wo_feedback', schema=None) as batch_op:
        batch_op.add_column(sa.Column('complaint_request_id', sa.INTEGER(), nullable=True))
        batch_op.drop_constraint(batch_op.f('fk_wo_feedback_complaint_id_wo_complaint'), type_='foreignkey')
        batch_op.create_foreign_key(batch_op.f('fk_wo_feedback_complaint_request_id_wo_service_request'), 'wo_service_request', ['complaint_request_id'], ['id'])
        batch_op.drop_column('complaint_id')

    with op.batch_alter_table('wo_customer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wo_customer_phone_key'))
        batch_op.drop_index(batch_op.f('ix_wo_customer_name_key'))
        batch_op.drop_column('phone_key')
        batch_op.drop_column('name_key')

    with op.batch_alter_table('wo_complaint_step', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wo_complaint_step_complaint_id'))

    op.drop_table('wo_complaint_step')
    with op.batch_alter_table('wo_complaint', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wo_complaint_work_order_id'))
        batch_op.drop_index(batch_op.f('ix_wo_complaint_status'))
        batch_op.drop_index(batch_op.f('ix_wo_complaint_owner_user_id'))
        batch_op.drop_index(batch_op.f('ix_wo_complaint_due_at'))
        batch_op.drop_index(batch_op.f('ix_wo_complaint_customer_id'))

    op.drop_table('wo_complaint')
    with op.batch_alter_table('wo_service_request_step', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wo_service_request_step_service_request_id'))

    op.drop_table('wo_service_request_step')
