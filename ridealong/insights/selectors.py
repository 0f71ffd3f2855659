"""Reads about notes, insights, reflections, host questions, the wall and learning tasks.

Everyone signed in reads every note, insight, reflection and host question (sharing is the
point). Writing is narrower, decided here: see the `can_*` functions."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ridealong.accounts.models import User
from ridealong.accounts.roles import can_manage_program, require
from ridealong.core.choices import Sentiment
from ridealong.customers.models import Customer, PhotoUse
from ridealong.engagements.models import Engagement, Participation
from ridealong.engagements.selectors import team_person_ids
from ridealong.insights.models import (
    NEGATIVE_TYPES,
    HostQuestion,
    HostReply,
    Insight,
    InsightType,
    LearningTask,
    Note,
    NoteAnswer,
    NotePhoto,
    QuestionGuide,
    Reflection,
    TaskStatus,
    WallLink,
)
from ridealong.people.models import Department, Person, RoleKind
from ridealong.people.selectors import report_person_ids

# How far back the unhappy-customers ranking and the wall look.
UNHAPPY_DAYS = 90
WALL_DAYS = 180
WALL_QUOTES = 40
WALL_TYPES = (InsightType.PRAISE, InsightType.PAIN, InsightType.GAIN, InsightType.IDEA)
REFLECTION_GRACE = datetime.timedelta(days=2)
# Departments whose people meet customers for a living (see is_outside_sales_and_support).
CUSTOMER_DEPARTMENT_WORDS = ("sales", "support", "service")


# --- access ------------------------------------------------------------------------------------


def can_edit_guides(user: User) -> bool:
    return can_manage_program(user)


def can_manage_wall(user: User) -> bool:
    return can_manage_program(user)


def can_create_learning_tasks(user: User) -> bool:
    """Program leads, admins and managers (managers assign their own reports)."""
    return bool(user.is_authenticated and (user.sees_everything or user.is_manager))


def can_edit_insight(user: User, insight: Insight) -> bool:
    if not user.is_authenticated:
        return False
    if user.sees_everything or insight.created_by_id == user.pk:
        return True
    return insight.author_id is not None and insight.author_id in report_person_ids(user)


def get_guide_for_user(user: User, pk: int, *, write: bool = False) -> QuestionGuide:
    guide = get_object_or_404(
        QuestionGuide.objects.select_related("kind").prefetch_related("questions"), pk=pk
    )
    if write:
        require(can_edit_guides(user))
    return guide


def get_participation_engagement(user: User, pk: int) -> tuple[Engagement, Person]:
    """An engagement the user took part in, with their person (403 for anyone else)."""
    engagement = get_object_or_404(Engagement.objects.with_related(), pk=pk)
    person = user.person
    if person is None or not any(p.person_id == person.pk for p in engagement.participations.all()):
        raise PermissionDenied  # as require() does
    return engagement, person


def get_insight_for_user(user: User, pk: int, *, write: bool = False) -> Insight:
    insight = get_object_or_404(Insight.objects.with_related(), pk=pk)
    if write:
        require(can_edit_insight(user, insight))
    return insight


def get_note_for_user(user: User, pk: int, *, write: bool = False) -> Note:
    note = get_object_or_404(
        Note.objects.select_related("engagement__kind", "engagement__customer", "author"), pk=pk
    )
    if write:
        person = getattr(user, "person", None)
        require(person is not None and note.author_id == person.pk)
    return note


def get_photo_for_user(user: User, pk: int, *, write: bool = False) -> NotePhoto:
    photo = get_object_or_404(NotePhoto.objects.select_related("note"), pk=pk)
    if write:
        person = getattr(user, "person", None)
        require(person is not None and photo.note.author_id == person.pk)
    return photo


def get_question_for_user(user: User, pk: int, *, write: bool = False) -> HostQuestion:
    question = get_object_or_404(
        HostQuestion.objects.select_related(
            "engagement__kind", "engagement__customer", "asked_by", "host"
        ).prefetch_related(
            Prefetch("replies", queryset=HostReply.objects.select_related("author"))
        ),
        pk=pk,
    )
    if write:
        person = getattr(user, "person", None)
        require(person is not None and person.pk in {question.host_id, question.asked_by_id})
    return question


def get_reflection_for_user(user: User, pk: int) -> Reflection:
    return get_object_or_404(
        Reflection.objects.select_related("person", "engagement__customer"), pk=pk
    )


def get_wall_link_for_user(user: User, pk: int) -> WallLink:
    link = get_object_or_404(WallLink, pk=pk)
    require(can_manage_wall(user))
    return link


def get_active_wall_link(token: str) -> WallLink:
    """The wall by its token: 404 for unknown and revoked links alike."""
    return get_object_or_404(WallLink, token=token, revoked_at__isnull=True)


def get_task_for_user(user: User, pk: int, *, write: bool = False) -> LearningTask:
    task = get_object_or_404(
        LearningTask.objects.select_related("customer", "assignee", "engagement"), pk=pk
    )
    if write:
        person = getattr(user, "person", None)
        require(
            user.sees_everything
            or (person is not None and task.assignee_id == person.pk)
            or task.created_by_id == user.pk
        )
    return task


# --- guides and notes --------------------------------------------------------------------------


def guide_for_kind(kind_id: int) -> QuestionGuide | None:
    return QuestionGuide.objects.filter(kind_id=kind_id).prefetch_related("questions").first()


def guide_list() -> QuerySet[QuestionGuide]:
    return QuestionGuide.objects.select_related("kind").annotate(size=Count("questions"))


def note_for(engagement: Engagement, person: Person) -> Note | None:
    return (
        Note.objects.filter(engagement=engagement, author=person)
        .prefetch_related("answers", "photos")
        .first()
    )


def engagement_notes(engagement_id: int) -> QuerySet[Note]:
    return (
        Note.objects.filter(engagement_id=engagement_id)
        .select_related("author")
        .prefetch_related(
            Prefetch("answers", queryset=NoteAnswer.objects.exclude(answer="")), "photos"
        )
        .order_by("created_at", "id")
    )


# --- insights ----------------------------------------------------------------------------------


@dataclass
class InsightFilters:
    type: str = ""
    customer_id: int | None = None
    product_area_id: int | None = None
    tag: str = ""
    author_ids: set[int] | None = None
    sentiment: str = ""
    text: str = ""
    since: datetime.datetime | None = None
    until: datetime.datetime | None = None


def insight_list(filters: InsightFilters | None = None) -> QuerySet[Insight]:
    f = filters or InsightFilters()
    qs = Insight.objects.with_related()
    if f.type:
        qs = qs.filter(type=f.type)
    if f.customer_id is not None:
        qs = qs.filter(customer_id=f.customer_id)
    if f.product_area_id is not None:
        qs = qs.filter(product_area_id=f.product_area_id)
    if f.tag:
        qs = qs.filter(tags__name=f.tag.strip().lower())
    if f.author_ids is not None:
        qs = qs.filter(author_id__in=f.author_ids)
    if f.sentiment:
        qs = qs.filter(sentiment=f.sentiment)
    if f.text:
        for word in f.text.split()[:6]:
            qs = qs.filter(text__icontains=word)
    if f.since is not None:
        qs = qs.filter(created_at__gte=f.since)
    if f.until is not None:
        qs = qs.filter(created_at__lt=f.until)
    return qs.order_by("-created_at", "-id")


def reflection_list(*, person_ids: set[int] | None = None) -> QuerySet[Reflection]:
    qs = Reflection.objects.select_related(
        "person", "engagement__kind", "engagement__customer"
    ).order_by("-created_at", "-id")
    if person_ids is not None:
        qs = qs.filter(person_id__in=person_ids)
    return qs


def team_ids(user: User) -> set[int]:
    """The feed's "my team": my department, my reports, and me."""
    ids = team_person_ids(user)
    if user.person_id:
        ids.add(user.person_id)
    return ids


def missing_reflections(person: Person, *, limit: int = 10) -> QuerySet[Engagement]:
    """The person's engagements (that have ended) without their reflection, newest first."""
    return (
        Engagement.objects.select_related("kind", "customer")
        .filter(participations__person=person, started_at__lte=timezone.now())
        .exclude(reflections__person=person)
        .order_by("-started_at", "-id")[:limit]
    )


def reflections_due(now: datetime.datetime) -> QuerySet[Participation]:
    """Participations without a reflection two days after the contact, and no reminder yet."""
    from ridealong.insights.models import ReflectionReminder

    return (
        Participation.objects.select_related("person", "engagement")
        .filter(
            engagement__started_at__lte=now - REFLECTION_GRACE,
            # Old contacts from before the feature (or an import) do not get reminders.
            engagement__started_at__gte=now - datetime.timedelta(days=30),
            person__is_active=True,
        )
        .exclude(
            Exists(
                Reflection.objects.filter(
                    engagement_id=OuterRef("engagement_id"), person_id=OuterRef("person_id")
                )
            )
        )
        .exclude(
            Exists(
                ReflectionReminder.objects.filter(
                    engagement_id=OuterRef("engagement_id"), person_id=OuterRef("person_id")
                )
            )
        )
        .order_by("engagement_id", "person_id")
    )


def waiting_questions(person: Person) -> QuerySet[HostQuestion]:
    return HostQuestion.objects.select_related("asked_by", "engagement").filter(
        host=person, answered_at__isnull=True
    )


def engagement_questions(engagement_id: int) -> QuerySet[HostQuestion]:
    return (
        HostQuestion.objects.filter(engagement_id=engagement_id)
        .select_related("asked_by", "host")
        .prefetch_related(Prefetch("replies", queryset=HostReply.objects.select_related("author")))
        .order_by("created_at", "id")
    )


def question_list(*, person_id: int | None = None) -> QuerySet[HostQuestion]:
    qs = HostQuestion.objects.select_related("asked_by", "host", "engagement__customer").order_by(
        "-created_at", "-id"
    )
    if person_id is not None:
        qs = qs.filter(Q(asked_by_id=person_id) | Q(host_id=person_id))
    return qs


# --- unhappy customers and learning tasks ------------------------------------------------------


def negative_signal() -> Q:
    """An insight that says something went badly: a pain or objection, or negative sentiment."""
    return Q(insights__type__in=NEGATIVE_TYPES) | Q(insights__sentiment=Sentiment.NEGATIVE)


def unhappy_customers(*, now: datetime.datetime | None = None) -> QuerySet[Customer]:
    """Customers ranked by negative signals in the last 90 days, most first."""
    since = (now or timezone.now()) - datetime.timedelta(days=UNHAPPY_DAYS)
    recent = Q(insights__created_at__gte=since)
    return (
        Customer.objects.annotate(
            signals=Count("insights", filter=recent & negative_signal(), distinct=True),
            last_signal=Max("insights__created_at", filter=recent & negative_signal()),
            open_tasks=Count(
                "learning_tasks",
                filter=Q(learning_tasks__status=TaskStatus.OPEN),
                distinct=True,
            ),
        )
        .filter(signals__gt=0)
        .order_by("-signals", "-last_signal", "name")
    )


def latest_negative_quotes(customer_ids: list[int]) -> dict[int, Insight]:
    """The most recent negative insight of each customer, in one query."""
    rows = (
        Insight.objects.filter(customer_id__in=customer_ids)
        .filter(Q(type__in=NEGATIVE_TYPES) | Q(sentiment=Sentiment.NEGATIVE))
        .order_by("customer_id", "-created_at", "-id")
    )
    found: dict[int, Insight] = {}
    for insight in rows.only("id", "customer_id", "text", "type", "created_at")[:2000]:
        found.setdefault(insight.customer_id, insight)
    return found


def customer_department_ids() -> set[int]:
    """Departments (and their sub-departments) named for sales, support or service."""
    departments = list(Department.objects.values_list("id", "name", "parent_id"))
    parents = {pk: parent for pk, _, parent in departments}
    flagged = {
        pk
        for pk, name, _ in departments
        if any(w in name.lower() for w in CUSTOMER_DEPARTMENT_WORDS)
    }
    found = set()
    for pk in parents:
        seen: set[int] = set()
        node: int | None = pk
        while node is not None and node not in seen:
            if node in flagged:
                found.add(pk)
                break
            seen.add(node)
            node = parents.get(node)
    return found


def is_outside_sales_and_support(person: Person) -> bool:
    """Not customer-facing by role, and not in a sales, support or service department."""
    if person.role_kind == RoleKind.CUSTOMER_FACING:
        return False
    return person.department_id not in customer_department_ids()


def learning_task_candidates() -> QuerySet[Person]:
    return (
        Person.objects.active()
        .exclude(role_kind=RoleKind.CUSTOMER_FACING)
        .exclude(department_id__in=customer_department_ids())
        .select_related("department")
        .order_by("first_name", "last_name")
    )


def learning_task_list(*, assignee_id: int | None = None) -> QuerySet[LearningTask]:
    qs = LearningTask.objects.select_related("customer", "assignee", "engagement")
    if assignee_id is not None:
        qs = qs.filter(assignee_id=assignee_id)
    return qs.order_by("status", "due_on", "id")


def open_task_for(person: Person, customer_id: int) -> LearningTask | None:
    return LearningTask.objects.filter(
        assignee=person, customer_id=customer_id, status=TaskStatus.OPEN
    ).first()


# --- the wall ----------------------------------------------------------------------------------


def wall_customers() -> QuerySet[Customer]:
    """Customers whose photo may be shown on the wall (recorded consent that covers it)."""
    return Customer.objects.filter(photo_consent_use=PhotoUse.WALL).exclude(photo="")


def wall_quotes(*, now: datetime.datetime | None = None) -> list[Insight]:
    since = (now or timezone.now()) - datetime.timedelta(days=WALL_DAYS)
    return list(
        Insight.objects.select_related("customer")
        .filter(type__in=WALL_TYPES, created_at__gte=since)
        .order_by("-created_at", "-id")[:WALL_QUOTES]
    )
