"""Imports: upload a file, preview what it will do, and apply it — atomically.

The web pages and `ridealong import` use these same functions:

    job = import_job_create(kind="people", content=data, name="staff.csv", by=user)
    import_job_preview(job=job, mapping={...})   # when the user corrects the mapping
    import_job_confirm(job=job, by=user)          # applies now, or queues the worker

Applying re-reads the file and re-plans it against the database as it is then, so what is
written matches the preview unless someone changed the same records in between. Every
write happens in one transaction: a failure part-way leaves nothing half-imported, and
the job records the failure. Rows the preview rejected are skipped; the rest applies.
"""

from __future__ import annotations

import logging
import secrets
from collections import defaultdict
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from ridealong.accounts.models import User
from ridealong.core.audit import log_action
from ridealong.customers.models import Contact, Customer
from ridealong.imports import selectors
from ridealong.imports.customer_plan import CustomerPlan, PlannedCustomer, plan_customers
from ridealong.imports.mapping import PEOPLE, MappingError, auto_map, check_mapping
from ridealong.imports.models import ImportJob, ImportKind, ImportStatus
from ridealong.imports.people_plan import NewDepartment, NewPerson, PeoplePlan, plan_people
from ridealong.imports.plan import CREATED, KEEP, UPDATED, PlanBase
from ridealong.imports.tabular import ImportFileError, Table, check_size, read_table
from ridealong.imports.values import text
from ridealong.people.models import Department, Person

logger = logging.getLogger(__name__)
BATCH = 1000
# bulk_update writes CASE WHEN … per column; its cost grows with the square of the batch.
UPDATE_BATCH = 200
SAMPLES_PER_COLUMN = 3
Progress = Callable[[int], None]


class ImportStateError(ValidationError):
    """The import is not in a state that allows this step (e.g. confirming twice)."""


# --- reading and planning ----------------------------------------------------------------


def read_file(content: bytes) -> Table:
    """The table in `content`, or ImportFileError with a message for the user."""
    return read_table(content, max_bytes=settings.IMPORT_MAX_BYTES)


def import_plan(
    *,
    kind: str,
    table: Table,
    mapping: dict[str, str],
    date_order: str = "",
    progress: Progress | None = None,
) -> PlanBase:
    """What importing `table` would do now (reads the database, writes nothing)."""
    check_mapping(mapping, kind)
    if kind == PEOPLE:
        return plan_people(
            table,
            mapping,
            people=selectors.people_snapshot(),
            departments=selectors.departments_snapshot(),
            max_lengths=selectors.people_max_lengths(),
            date_order=date_order,
            progress=progress,
        )
    return plan_customers(
        table,
        mapping,
        customers=selectors.customers_snapshot(),
        contacts=selectors.contacts_snapshot(),
        people=selectors.owners_snapshot(),
        max_lengths=selectors.customer_max_lengths(),
        progress=progress,
    )


def _columns(table: Table) -> list[dict[str, Any]]:
    columns = []
    for index, header in enumerate(table.header):
        samples: list[str] = []
        for _, cells in table.rows:
            value = text(cells[index])
            if value and value not in samples:
                samples.append(value[:40])
                if len(samples) == SAMPLES_PER_COLUMN:
                    break
        columns.append({"header": header, "samples": samples})
    return columns


def _stored_name(original: str) -> str:
    # Unguessable: uploaded HR and CRM files must not be reachable by a predictable URL.
    suffix = PurePath(original).suffix.lower()
    suffix = suffix if suffix in {".csv", ".xlsx", ".txt", ".tsv"} else ".dat"
    return f"{secrets.token_hex(16)}{suffix}"


def _job_table(job: ImportJob) -> Table:
    try:
        with job.file.open("rb") as handle:
            content = handle.read()
    except OSError as exc:
        raise ImportFileError(
            "missing", "The uploaded file is no longer there; upload it again."
        ) from exc
    return read_file(content)


# --- the steps of an import --------------------------------------------------------------


def import_job_create(
    *,
    kind: str,
    content: bytes,
    name: str,
    by: User | None,
    mapping: dict[str, str] | None = None,
    date_order: str = "",
) -> ImportJob:
    """Store an uploaded file and preview it (with the automatic mapping unless given).

    Raises ImportFileError (nothing stored) when the file cannot be read.
    """
    if kind not in ImportKind.values:
        raise ValueError(f"Unknown import kind {kind!r}")
    check_size(len(content), settings.IMPORT_MAX_BYTES)
    table = read_file(content)
    job = ImportJob(
        kind=kind,
        original_name=PurePath(name).name[:255] or "upload",
        size=len(content),
        mapping=mapping if mapping is not None else auto_map(table.header, kind),
        date_order=date_order,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    job.file.save(_stored_name(name), ContentFile(content), save=False)
    job.save()
    _preview(job, table)
    return job


def import_job_preview(
    *, job: ImportJob, mapping: dict[str, str] | None = None, date_order: str | None = None
) -> ImportJob:
    """Re-run the preview, with a corrected mapping or date order when given.

    Raises MappingError for an impossible mapping (nothing changes), ImportStateError once
    the import has started.
    """
    if job.status not in {ImportStatus.UPLOADED, ImportStatus.PREVIEWED, ImportStatus.FAILED}:
        raise ImportStateError("This import has already been applied or is being applied.")
    if mapping is not None:
        check_mapping(mapping, job.kind)
        job.mapping = mapping
    if date_order is not None:
        job.date_order = date_order
    _preview(job, _job_table(job))
    return job


def _preview(job: ImportJob, table: Table) -> None:
    columns = _columns(table)
    try:
        plan = import_plan(
            kind=job.kind, table=table, mapping=job.mapping, date_order=job.date_order
        )
    except MappingError as exc:
        job.preview = {"mapping_error": str(exc), "columns": columns, "file": table.description}
        job.status = ImportStatus.UPLOADED
    else:
        job.preview = {**plan.summary(), "columns": columns, "file": table.description}
        job.status = ImportStatus.PREVIEWED
    job.total_rows = len(table.rows)
    job.processed_rows = 0
    job.error_message = ""
    job.save()


def import_job_confirm(
    *,
    job: ImportJob,
    by: User | None,
    background: bool | None = None,
    progress: Progress | None = None,
) -> ImportJob:
    """Apply the import: now when it is small, else queued for the worker.

    `background=False` applies now whatever the size (the command line does, and shows
    `progress`).
    """
    if background is None:
        background = job.total_rows > settings.IMPORT_BACKGROUND_ROWS
    next_status = ImportStatus.QUEUED if background else ImportStatus.RUNNING
    # Compare-and-set: a double click (or two people) cannot apply the same import twice.
    claimed = ImportJob.objects.filter(
        pk=job.pk, status__in=[ImportStatus.PREVIEWED, ImportStatus.FAILED]
    ).update(
        status=next_status,
        confirmed_by=by if getattr(by, "is_authenticated", False) else None,
        processed_rows=0,
        error_message="",
        updated_at=timezone.now(),
    )
    job.refresh_from_db()
    if not claimed:
        if job.status == ImportStatus.UPLOADED:
            raise ImportStateError("Choose what each column holds before importing.")
        raise ImportStateError(
            f"This import cannot be applied now: it is {job.get_status_display().lower()}."
        )
    if not background:
        return import_job_apply(job=job, progress=progress)
    from ridealong.imports.tasks import run_import

    try:
        run_import.enqueue(job_id=job.pk)
    except Exception as exc:
        logger.exception("Could not queue import %s", job.pk)
        _fail(job, f"The import could not be queued ({exc.__class__.__name__}); nothing changed.")
    job.refresh_from_db()
    return job


def import_job_apply(*, job: ImportJob, progress: Progress | None = None) -> ImportJob:
    """Read, check and write the whole file; record the outcome on the job.

    Not atomic itself on purpose: the job's status and progress must survive a failure
    (and be visible to the page while it runs). The writes are one transaction.
    """
    job.status = ImportStatus.RUNNING
    job.started_at = timezone.now()
    job.processed_rows = 0
    job.save(update_fields=["status", "started_at", "processed_rows", "updated_at"])

    def checked(rows: int) -> None:
        rows = min(rows, job.total_rows)
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=rows)
        if progress:
            progress(rows)

    try:
        table = _job_table(job)
        if len(table.rows) != job.total_rows:
            job.total_rows = len(table.rows)
            job.save(update_fields=["total_rows"])
        # Checked outside the transaction so that the page can show the progress; the
        # database's unique constraints catch anyone changing the same people meanwhile.
        plan = import_plan(
            kind=job.kind,
            table=table,
            mapping=job.mapping,
            date_order=job.date_order,
            progress=checked,
        )
        with transaction.atomic():
            result = _write(plan)
            log_action(
                f"imports.{job.kind}.imported",
                actor=job.confirmed_by,
                target=job,
                changes={"file": job.original_name, "rows": job.total_rows, **result},
            )
    except ImportFileError as exc:
        _fail(job, exc.message)
    except MappingError as exc:
        _fail(job, str(exc))
    except Exception as exc:
        logger.exception("Import %s failed", job.pk)
        _fail(
            job,
            "The import failed and nothing was changed "
            f"({exc.__class__.__name__}: {str(exc)[:300]}). "
            "If someone edited the same records meanwhile, apply it again.",
        )
    else:
        job.status = ImportStatus.DONE
        job.result = result
        job.preview = {**job.preview, **plan.summary(), "columns": job.preview.get("columns", [])}
        job.processed_rows = job.total_rows
        job.finished_at = timezone.now()
        job.save()
    return job


def _fail(job: ImportJob, message: str) -> None:
    job.status = ImportStatus.FAILED
    job.error_message = message
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error_message", "finished_at", "updated_at"])
    log_action(
        f"imports.{job.kind}.failed",
        actor=job.confirmed_by,
        target=job,
        changes={"file": job.original_name, "error": message},
    )


# --- writing -----------------------------------------------------------------------------


def _write(plan: PlanBase) -> dict[str, int]:
    if isinstance(plan, PeoplePlan):
        return write_people(plan)
    assert isinstance(plan, CustomerPlan)
    return write_customers(plan)


def _grouped_by_fields(objects: list[tuple[Any, frozenset[str]]]) -> dict[frozenset, list]:
    groups: dict[frozenset, list] = defaultdict(list)
    for obj, fields in objects:
        groups[fields].append(obj)
    return groups


def _bulk_update(model: Any, objects: list[tuple[Any, frozenset[str]]]) -> None:
    for fields, group in _grouped_by_fields(objects).items():
        model.objects.bulk_update(group, sorted(fields | {"updated_at"}), batch_size=UPDATE_BATCH)


def create_departments(plan: PeoplePlan) -> dict[NewDepartment, int]:
    created: dict[NewDepartment, int] = {}
    # plan.new_departments lists parents before their children.
    for new, name in plan.new_departments.items():
        if len(new.path) == 1:
            parent_id = new.parent_id
        else:
            parent_id = created[NewDepartment(new.parent_id, new.path[:-1])]
        created[new] = Department.objects.create(name=name[:200], parent_id=parent_id).pk
    return created


def write_people(plan: PeoplePlan) -> dict[str, int]:
    now = timezone.now()
    departments = create_departments(plan)

    def department_id(ref: Any) -> int | None:
        return departments[ref] if isinstance(ref, NewDepartment) else ref

    created_ids: dict[int, int] = {}  # row → new person id

    def manager_id(ref: Any) -> int | None:
        return created_ids[ref.row] if isinstance(ref, NewPerson) else ref

    # New people level by level down the management chain, so each manager has an id
    # before their reports are inserted (no second pass to link managers).
    creates = [p for p in plan.people if p.action == CREATED]
    by_row = {p.row: p for p in creates}
    depth: dict[int, int] = {}

    def level(row: int) -> int:
        start, below = row, []
        while row not in depth:
            manager = by_row[row].manager
            if isinstance(manager, NewPerson):
                below.append(row)
                row = manager.row
            else:
                depth[row] = 0
        for lower in reversed(below):
            depth[lower] = depth[row] + 1
            row = lower
        return depth[start]

    levels: dict[int, list] = defaultdict(list)
    for p in creates:
        levels[level(p.row)].append(p)
    for index in sorted(levels):
        batch = []
        for p in levels[index]:
            person = Person(**p.fields, created_at=now, updated_at=now)
            if p.department is not KEEP:
                person.department_id = department_id(p.department)
            if p.manager is not KEEP:
                person.manager_id = manager_id(p.manager)
            batch.append(person)
        for p, person in zip(levels[index], _bulk_create(Person, batch), strict=True):
            created_ids[p.row] = person.pk

    updates = []
    for p in plan.people:
        if p.action != UPDATED:
            continue
        person = Person(pk=p.person_id, **p.fields, updated_at=now)
        fields = set(p.fields)
        if p.department is not KEEP:
            person.department_id = department_id(p.department)
            fields.add("department")
        if p.manager is not KEEP:
            person.manager_id = manager_id(p.manager)
            fields.add("manager")
        updates.append((person, frozenset(fields)))
    _bulk_update(Person, updates)
    return {**plan.counts(), "departments_created": len(departments)}


def _bulk_create(model: Any, objects: list) -> list:
    return model.objects.bulk_create(objects, batch_size=BATCH)


def write_customers(plan: CustomerPlan) -> dict[str, int]:
    now = timezone.now()
    new_customers: list[tuple[PlannedCustomer, Customer]] = []
    updates = []
    for c in plan.customers:
        if c.action == CREATED:
            customer = Customer(**c.fields, created_at=now, updated_at=now)
            if c.owner is not KEEP:
                customer.owner_id = c.owner
            new_customers.append((c, customer))
        elif c.action == UPDATED:
            customer = Customer(pk=c.customer_id, **c.fields, updated_at=now)
            fields = set(c.fields)
            if c.owner is not KEEP:
                customer.owner_id = c.owner
                fields.add("owner")
            updates.append((customer, frozenset(fields)))
    created = _bulk_create(Customer, [customer for _, customer in new_customers])
    customer_ids = {
        c.row: customer.pk for (c, _), customer in zip(new_customers, created, strict=True)
    }
    _bulk_update(Customer, updates)

    new_contacts, contact_updates = [], []
    for c in plan.customers:
        customer_id = c.customer_id or customer_ids.get(c.row)
        for contact in c.contacts:
            if contact.action == CREATED:
                # New contacts come only under a customer that exists or was just created.
                assert customer_id is not None, c.row
                new_contacts.append(
                    Contact(
                        customer_id=customer_id, **contact.fields, created_at=now, updated_at=now
                    )
                )
            elif contact.action == UPDATED:
                obj = Contact(pk=contact.contact_id, **contact.fields, updated_at=now)
                contact_updates.append((obj, frozenset(contact.fields)))
    _bulk_create(Contact, new_contacts)
    _bulk_update(Contact, contact_updates)
    contact_counts = plan.contact_counts()
    return {
        **plan.counts(),
        "contacts_created": contact_counts[CREATED],
        "contacts_updated": contact_counts[UPDATED],
    }
