"""Writes for themes (sentiment is scored by the insights app with ridealong.language).

Colleagues call:
- `themes_place_new(by=None)`: queues an incremental run (new insights join the nearest theme).
- `theme_run_request(by=, full=)`: queues a recomputation; `theme_run_execute(run)` does it.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from ridealong.accounts.models import User
from ridealong.core.audit import log_action
from ridealong.core.choices import RunStatus
from ridealong.language import embeddings, themes
from ridealong.themes.models import Theme, ThemeMembership, ThemeRun

logger = logging.getLogger(__name__)

MAX_NAME = 200
KEEP_NAME_JACCARD = 0.5


class ThemeEditError(Exception):
    """An edit that cannot be done; the message says why."""


# --- theme edits (program leads and admins; the views check) -----------------------------------


def _touch(theme: Theme) -> None:
    theme.updated_at = timezone.now()


@transaction.atomic
def theme_rename(*, theme: Theme, name: str, by: User) -> Theme:
    name = " ".join((name or "").split())
    if not name:
        raise ThemeEditError("Give the theme a name.")
    if len(name) > MAX_NAME:
        raise ThemeEditError(f"Keep the name under {MAX_NAME} characters.")
    old = theme.name
    theme.name = name
    theme.renamed = True
    _touch(theme)
    theme.save(update_fields=["name", "renamed", "updated_at"])
    log_action("themes.theme.renamed", actor=by, target=theme, changes={"name": [old, name]})
    return theme


@transaction.atomic
def theme_pin(*, theme: Theme, pinned: bool, by: User | None) -> Theme:
    """A pinned theme keeps its members on recomputation (they are marked as placed by a
    person); unpinning lets recomputation move them again."""
    theme.pinned = pinned
    _touch(theme)
    theme.save(update_fields=["pinned", "updated_at"])
    theme.memberships.update(manual=pinned)
    log_action("themes.theme.pinned" if pinned else "themes.theme.unpinned", actor=by, target=theme)
    return theme


def _refresh_size(theme: Theme) -> None:
    theme.size = theme.memberships.count()
    theme.save(update_fields=["size", "updated_at"])


@transaction.atomic
def theme_merge(*, source: Theme, into: Theme, by: User) -> Theme:
    """Move every insight of `source` into `into` (kept there on recomputation) and delete
    `source`; its name is remembered on `into`."""
    if source.pk == into.pk:
        raise ThemeEditError("Choose another theme to merge into.")
    source.memberships.update(theme=into, manual=True)
    into.memberships.update(manual=True)
    into.merged_names = [*into.merged_names, source.name][-20:]
    _touch(into)
    into.save(update_fields=["merged_names", "updated_at"])
    _refresh_size(into)
    log_action(
        "themes.theme.merged",
        actor=by,
        target=into,
        changes={"merged": [source.pk, source.name]},
    )
    source.delete()
    return into


@transaction.atomic
def theme_split(*, theme: Theme, insight_ids: list[int], name: str, by: User) -> Theme:
    """Move the chosen insights of `theme` into a new theme named by the person; both sides
    keep their members on recomputation."""
    name = " ".join((name or "").split())
    if not name:
        raise ThemeEditError("Name the new theme.")
    if len(name) > MAX_NAME:
        raise ThemeEditError(f"Keep the name under {MAX_NAME} characters.")
    chosen = set(theme.memberships.filter(insight_id__in=insight_ids).values_list("pk", flat=True))
    if not chosen:
        raise ThemeEditError("Choose the insights that form the new theme.")
    if len(chosen) == theme.memberships.count():
        raise ThemeEditError("Leave at least one insight in the theme; to rename it, rename it.")
    now = timezone.now()
    new = Theme.objects.create(
        name=name, auto_name=name, renamed=True, split_from=theme, created_at=now, updated_at=now
    )
    ThemeMembership.objects.filter(pk__in=chosen).update(theme=new, manual=True)
    theme.memberships.update(manual=True)
    _touch(theme)
    _refresh_size(theme)
    _refresh_size(new)
    log_action("themes.theme.split", actor=by, target=theme, changes={"into": [new.pk, new.name]})
    return new


# --- recomputation -----------------------------------------------------------------------------


def theme_run_request(*, by: User | None, full: bool) -> ThemeRun:
    """Queue a recomputation (one at a time: an active run is returned as it is)."""
    active = ThemeRun.objects.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING]).first()
    if active is not None:
        return active
    run = ThemeRun.objects.create(
        full=full, requested_by=by if getattr(by, "is_authenticated", False) else None
    )
    log_action("themes.themes.recompute_requested", actor=by, target=run)
    from ridealong.themes.tasks import recompute_themes

    try:
        recompute_themes.enqueue(run_id=run.pk)
    except Exception as exc:
        logger.exception("Could not queue theme run %s", run.pk)
        ThemeRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED,
            error_message=f"Could not be queued ({exc.__class__.__name__}).",
            finished_at=timezone.now(),
        )
    run.refresh_from_db()
    return run


def themes_place_new(*, by: User | None = None) -> ThemeRun:
    return theme_run_request(by=by, full=False)


def _progress(run: ThemeRun, step: str, fraction: float) -> None:
    percent = max(0, min(100, int(fraction * 100)))
    ThemeRun.objects.filter(pk=run.pk).update(progress=percent, step=step[:100])


def _insight_texts() -> dict[int, str]:
    from ridealong.insights.models import Insight

    return dict(Insight.objects.order_by("pk").values_list("pk", "text"))


def theme_run_execute(run: ThemeRun) -> ThemeRun:
    """Do the run; records status, progress and the outcome on it. A failure is recorded, not
    raised (the page shows it)."""
    claimed = ThemeRun.objects.filter(
        pk=run.pk, status__in=[RunStatus.QUEUED, RunStatus.FAILED]
    ).update(status=RunStatus.RUNNING, progress=0, step="starting")
    run.refresh_from_db()
    if not claimed:
        return run
    try:
        encode = embeddings.encoder()
        run.model = embeddings.model_name()
        run.save(update_fields=["model"])
        has_themes = Theme.objects.exists()
        if run.full or not has_themes:
            result = _recompute_all(run, encode)
        else:
            result = _place_new(run, encode)
    except Exception as exc:
        logger.exception("Theme run %s failed", run.pk)
        ThemeRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED,
            error_message=f"The themes could not be computed ({exc.__class__.__name__}).",
            finished_at=timezone.now(),
        )
    else:
        ThemeRun.objects.filter(pk=run.pk).update(
            status=RunStatus.DONE,
            progress=100,
            step="done",
            result=result,
            finished_at=timezone.now(),
        )
    run.refresh_from_db()
    return run


@transaction.atomic
def _place_new(run: ThemeRun, encode: Any) -> dict[str, int]:
    texts = _insight_texts()
    placed = set(ThemeMembership.objects.values_list("insight_id", flat=True))
    new_ids = [pk for pk in texts if pk not in placed]
    if not new_ids:
        return {"placed": 0, "themes": Theme.objects.count()}
    groups: dict[int, list[str]] = {}
    for theme_id, insight_id in ThemeMembership.objects.values_list("theme_id", "insight_id"):
        if insight_id in texts:
            groups.setdefault(theme_id, []).append(texts[insight_id])
    _progress(run, "placing new insights", 0.3)
    targets = themes.assign(groups, [texts[pk] for pk in new_ids], vectorize=encode)
    now = timezone.now()
    ThemeMembership.objects.bulk_create(
        ThemeMembership(theme_id=theme_id, insight_id=pk, created_at=now)
        for pk, theme_id in zip(new_ids, targets, strict=True)
        if theme_id is not None
    )
    for theme in Theme.objects.all():
        _refresh_size(theme)
    return {"placed": sum(t is not None for t in targets), "themes": Theme.objects.count()}


@transaction.atomic
def _recompute_all(run: ThemeRun, encode: Any) -> dict[str, int]:
    texts = _insight_texts()
    manual = dict(ThemeMembership.objects.filter(manual=True).values_list("insight_id", "theme_id"))
    free_ids = [pk for pk in texts if pk not in manual]
    old: dict[int, set[int]] = {}
    for theme_id, insight_id in ThemeMembership.objects.values_list("theme_id", "insight_id"):
        old.setdefault(theme_id, set()).add(insight_id)

    def step(what: str, fraction: float) -> None:
        _progress(run, what, 0.1 + 0.8 * fraction)

    _progress(run, "reading the insights", 0.05)
    free_texts = [texts[pk] for pk in free_ids]
    vectors = encode(free_texts) if encode and free_texts else None
    result = themes.find_themes(free_texts, vectors=vectors, progress=step)
    clusters: list[set[int]] = [set() for _ in result.themes]
    for pk, label in zip(free_ids, result.labels, strict=True):
        clusters[label].add(pk)
    # Compare on the free part only: people's placements are kept anyway.
    old_free = {tid: members - set(manual) for tid, members in old.items()}
    matched = themes.match_themes(old_free, clusters, threshold=KEEP_NAME_JACCARD)
    by_cluster = {index: theme_id for theme_id, index in matched.items()}
    now = timezone.now()
    existing = {t.pk: t for t in Theme.objects.all()}
    keep_ids = set(manual.values()) | {t.pk for t in existing.values() if t.pinned}
    ThemeMembership.objects.filter(manual=False).delete()
    created = 0
    for index, theme_info in enumerate(result.themes):
        theme = existing.get(by_cluster.get(index, -1))
        if theme is None:
            theme = Theme.objects.create(
                name=theme_info.name[:MAX_NAME], created_at=now, updated_at=now
            )
            created += 1
        elif not theme.renamed:
            theme.name = theme_info.name[:MAX_NAME]
        theme.auto_name = theme_info.name[:MAX_NAME]
        theme.terms = theme_info.terms
        theme.representatives = [free_ids[i] for i in theme_info.representatives]
        theme.updated_at = now
        theme.save()
        keep_ids.add(theme.pk)
        ThemeMembership.objects.bulk_create(
            ThemeMembership(theme=theme, insight_id=pk, created_at=now) for pk in clusters[index]
        )
    removed = Theme.objects.exclude(pk__in=keep_ids).delete()[1].get("themes.Theme", 0)
    for theme in Theme.objects.all():
        _refresh_size(theme)
    return {
        "themes": Theme.objects.count(),
        "created": created,
        "kept": len(matched),
        "removed": removed,
        "insights": len(texts),
    }
