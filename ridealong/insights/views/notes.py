"""Notes on an engagement (autosaved, with the guide) and their photos."""

import mimetypes
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ridealong.accounts.roles import AuthenticatedHttpRequest
from ridealong.core.forms import add_service_errors
from ridealong.engagements.models import Engagement, Part
from ridealong.insights import selectors, services
from ridealong.insights.forms import InsightForm, NoteForm, PhotoForm
from ridealong.insights.photos import MAX_PHOTO_BYTES


@login_required
def engagement_insights(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Everything learned from one engagement: notes, insights, reflections, questions."""
    engagement = get_object_or_404(Engagement.objects.with_related(), pk=pk)
    person = request.user.person
    part = services.participation_of(engagement, person)
    return render(
        request,
        "insights/engagement.html",
        {
            "engagement": engagement,
            "notes": selectors.engagement_notes(pk),
            "insights": selectors.insight_list().filter(engagement_id=pk),
            "reflections": selectors.reflection_list().filter(engagement_id=pk),
            "questions": selectors.engagement_questions(pk),
            "part": part,
            "may_ask": part == Part.OBSERVER,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def note_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """My note on an engagement: autosaved as a draft by htmx, saved for good by the button."""
    engagement, person = selectors.get_participation_engagement(request.user, pk)
    guide = selectors.guide_for_kind(engagement.kind_id)
    note = selectors.note_for(engagement, person)
    autosave_url = reverse("insights:note", kwargs={"pk": engagement.pk})
    if request.method == "POST":
        form = NoteForm(request.POST, guide=guide, autosave_url=autosave_url)
        draft = "autosave" in request.POST
        saved = None
        if form.is_valid():
            try:
                saved = services.note_save(
                    engagement=engagement,
                    author=person,
                    answers=form.answers(),
                    free_text=form.cleaned_data["free_text"],
                    draft=draft,
                    by=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
        if request.htmx:
            return render(
                request,
                "insights/note_form.html#status",
                {"note": saved or note, "form": form, "autosaved": saved is not None},
                status=200 if saved else 400,
            )
        if saved is not None:
            messages.success(request, "Your notes are saved. Mark the insights in them.")
            return redirect("insights:note", pk=engagement.pk)
    else:
        initial: dict[str, Any] = {"free_text": note.free_text if note else ""}
        if note is not None:
            for answer in note.answers.all():
                if answer.question_id:
                    initial[f"answer_{answer.question_id}"] = answer.answer
        form = NoteForm(initial=initial, guide=guide, autosave_url=autosave_url)
    return render(
        request,
        "insights/note_form.html",
        {
            "engagement": engagement,
            "guide": guide,
            "form": form,
            "note": note,
            "photo_form": PhotoForm(),
            "insight_form": InsightForm(
                initial={
                    "customer": engagement.customer_id,
                    "note": note.pk if note else None,
                    "engagement": engagement.pk,
                },
                customer_id=engagement.customer_id,
            ),
            "insights": selectors.insight_list().filter(note=note) if note else [],
        },
    )


@login_required
@require_POST
def photo_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    engagement, person = selectors.get_participation_engagement(request.user, pk)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        note = selectors.note_for(engagement, person) or services.note_save(
            engagement=engagement, author=person, answers={}, free_text="", draft=True,
            by=request.user,
        )  # fmt: skip
        upload = form.cleaned_data["photo"]
        if upload.size > MAX_PHOTO_BYTES:
            messages.error(request, "The photo is over 8 MB; at most 8 MB, please.")
        else:
            try:
                services.note_photo_add(
                    note=note,
                    data=upload.read(),
                    caption=form.cleaned_data["caption"],
                    by=request.user,
                )
                messages.success(request, "Photo added (location data removed).")
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, "Pick a photo to upload.")
    return redirect("insights:note", pk=engagement.pk)


@login_required
@require_GET
def photo(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    photo = selectors.get_photo_for_user(request.user, pk)
    try:
        handle = photo.image.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    content_type = mimetypes.guess_type(photo.image.name or "")[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_POST
def photo_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    photo = selectors.get_photo_for_user(request.user, pk, write=True)
    engagement_id = photo.note.engagement_id
    services.note_photo_delete(photo=photo, by=request.user)
    messages.success(request, "Photo removed.")
    return redirect("insights:note", pk=engagement_id)
