"""Factories for scheduler runs: a run made directly (no worker), ready or queued."""

import datetime

import factory
from django.utils import timezone

from ridealong.core.choices import RunStatus
from ridealong.scheduling.models import SchedulerRun


class SchedulerRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchedulerRun

    period_start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    period_end = factory.LazyAttribute(lambda run: run.period_start + datetime.timedelta(days=7))
    label = "Next week"
    status = RunStatus.READY
    progress = 100
    customer_cap = 3
    department_share = 50
    objective = 0
    bound = 0
    gap = 0.0
    explanation = "0 seats filled for 0 people."
