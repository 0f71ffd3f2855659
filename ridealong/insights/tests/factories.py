"""Factories for the insights app."""

import io

import factory
from django.utils import timezone
from PIL import Image

from ridealong.insights.models import (
    HostQuestion,
    Insight,
    InsightType,
    LearningTask,
    Note,
    Reflection,
    WallLink,
)
from tests.factories import CustomerFactory, EngagementFactory, PersonFactory


def image_bytes(
    fmt: str = "JPEG", size: tuple[int, int] = (40, 30), exif: bytes | None = None
) -> bytes:
    out = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, (200, 120, 40)).save(out, format=fmt, **options)
    return out.getvalue()


def gps_exif() -> bytes:
    """EXIF with a GPS position (Hamburg) and a camera make."""
    exif = Image.Exif()
    exif[0x010F] = "TestCam"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (53.0, 33.0, 0.0)
    gps[3] = "E"
    gps[4] = (9.0, 59.0, 0.0)
    return exif.tobytes()


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Note

    engagement = factory.SubFactory(EngagementFactory)
    author = factory.SubFactory(PersonFactory)
    free_text = "They change formats twice a shift and it takes forty minutes."
    is_draft = False


class InsightFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Insight

    text = factory.Sequence(lambda n: f"The changeover takes too long, line {n}.")
    type = InsightType.PAIN
    customer = factory.SubFactory(CustomerFactory)
    author = factory.SubFactory(PersonFactory)


class ReflectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reflection

    engagement = factory.SubFactory(EngagementFactory)
    person = factory.SubFactory(PersonFactory)
    learned = "Operators keep a paper list of settings next to the machine."
    do_differently = "Ask to see the list before we design the screen."


class HostQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostQuestion

    engagement = factory.SubFactory(EngagementFactory)
    asked_by = factory.SubFactory(PersonFactory)
    host = factory.SubFactory(PersonFactory)
    text = "Why did you skip the safety check before the demo?"


class WallLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WallLink

    name = "Canteen TV"


class LearningTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningTask

    customer = factory.SubFactory(CustomerFactory)
    assignee = factory.SubFactory(PersonFactory)
    reason = "Three pains about spare parts this month."
    due_on = factory.LazyFunction(timezone.localdate)
