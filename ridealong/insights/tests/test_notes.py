import pytest
from django.urls import reverse

from ridealong.insights.models import Note, NotePhoto, QuestionGuide
from ridealong.insights.tests.factories import gps_exif, image_bytes


@pytest.fixture
def guide(cast):
    return QuestionGuide.objects.prefetch_related("questions").get(kind=cast.acme_visit.kind)


def test_it_ships_the_site_visit_guide(guide):
    texts = [q.text for q in guide.questions.all()]
    assert texts[:2] == ["Show me how you use it today.", "What do you do when it goes wrong?"]


def test_it_shows_the_guide_questions_with_an_answer_box_each(client, cast, guide):
    client.force_login(cast.member)
    response = client.get(reverse("insights:note", kwargs={"pk": cast.acme_visit.pk}))
    html = response.content.decode()
    for question in guide.questions.all():
        assert question.text in html
        assert f'name="answer_{question.pk}"' in html
    assert 'hx-trigger="keyup changed delay:1500ms' in html


def test_it_autosaves_a_draft_with_htmx(client, cast, guide):
    first = guide.questions.first()
    client.force_login(cast.member)
    response = client.post(
        reverse("insights:note", kwargs={"pk": cast.acme_visit.pk}),
        {f"answer_{first.pk}": "They print the manual and annotate it", "autosave": "1"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Draft saved" in response.content.decode()
    note = Note.objects.get(engagement=cast.acme_visit, author=cast.member.person)
    assert note.is_draft
    assert note.answers.get().answer == "They print the manual and annotate it"
    assert note.answers.get().question_text == first.text


def test_it_saves_without_javascript_and_keeps_one_note_per_participant(client, cast, guide):
    first = guide.questions.first()
    client.force_login(cast.member)
    url = reverse("insights:note", kwargs={"pk": cast.acme_visit.pk})
    client.post(url, {f"answer_{first.pk}": "Draft", "autosave": "1"}, headers={"HX-Request": "1"})
    response = client.post(url, {f"answer_{first.pk}": "Final answer", "free_text": "Loud line"})
    assert response.status_code == 302
    note = Note.objects.get()
    assert not note.is_draft
    assert note.answers.get().answer == "Final answer"
    assert note.free_text == "Loud line"


def test_it_scores_the_sentiment_of_a_note(client, cast):
    client.force_login(cast.member)
    client.post(
        reverse("insights:note", kwargs={"pk": cast.acme_visit.pk}),
        {"free_text": "Terrible: the line stopped again and they are furious about it."},
    )
    note = Note.objects.get()
    assert note.sentiment == "negative"
    assert -1 <= note.sentiment_score < 0


def test_it_refuses_notes_from_people_who_did_not_take_part(client, cast):
    client.force_login(cast.other_member)
    response = client.post(
        reverse("insights:note", kwargs={"pk": cast.acme_visit.pk}), {"free_text": "x"}
    )
    assert response.status_code == 403
    assert not Note.objects.exists()


def test_it_refuses_null_characters_and_keeps_what_was_typed(client, cast):
    client.force_login(cast.member)
    response = client.post(
        reverse("insights:note", kwargs={"pk": cast.acme_visit.pk}),
        {"free_text": "half\x00typed"},
    )
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    assert not Note.objects.exists()


def test_it_attaches_a_photo_without_its_gps_location(client, cast):
    import io

    from PIL import Image

    client.force_login(cast.member)
    upload = io.BytesIO(image_bytes("JPEG", exif=gps_exif()))
    upload.name = "line.jpg"
    response = client.post(
        reverse("insights:photo_add", kwargs={"pk": cast.acme_visit.pk}),
        {"photo": upload, "caption": "Format parts on the shelf"},
    )
    assert response.status_code == 302
    photo = NotePhoto.objects.get()
    with photo.image.open("rb") as handle:
        assert 0x8825 not in Image.open(handle).getexif()
    served = client.get(reverse("insights:photo", kwargs={"pk": photo.pk}))
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"


def test_it_refuses_a_pdf_as_a_photo(client, cast):
    import io

    client.force_login(cast.member)
    upload = io.BytesIO(b"%PDF-1.4")
    upload.name = "photo.jpg"
    response = client.post(
        reverse("insights:photo_add", kwargs={"pk": cast.acme_visit.pk}),
        {"photo": upload},
        follow=True,
    )
    assert "not a JPEG, PNG or WebP" in response.content.decode()
    assert not NotePhoto.objects.exists()
