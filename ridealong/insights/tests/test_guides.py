from django.urls import reverse

from ridealong.engagements.models import ContactKind
from ridealong.insights.defaults import DEFAULT_GUIDES, load_defaults
from ridealong.insights.models import GuideQuestion, NoteAnswer, ProductArea, QuestionGuide
from ridealong.insights.tests.factories import NoteFactory


def load():
    return load_defaults(
        kind_model=ContactKind,
        guide_model=QuestionGuide,
        question_model=GuideQuestion,
        area_model=ProductArea,
    )


def test_the_shipped_guides_exist_and_loading_again_adds_nothing(db):
    guide = QuestionGuide.objects.get(kind__slug="field-conversation")
    assert [q.text for q in guide.questions.all()][:3] == DEFAULT_GUIDES["field-conversation"][:3]
    assert load() == (0, 0)


def test_the_loader_leaves_an_edited_guide_alone(db):
    guide = QuestionGuide.objects.get(kind__slug="site-visit")
    guide.questions.all().delete()
    load()
    assert not guide.questions.exists()


def test_a_program_lead_edits_a_guide_and_notes_keep_their_wording(client, cast):
    guide = QuestionGuide.objects.get(kind=cast.acme_visit.kind)
    first = guide.questions.first()
    note = NoteFactory(engagement=cast.acme_visit, author=cast.member.person)
    NoteAnswer.objects.create(note=note, question=first, question_text=first.text, answer="A")
    client.force_login(cast.program_lead)
    response = client.post(
        reverse("insights:guide_edit", kwargs={"pk": guide.pk}),
        {
            "intro": "Listen more than you talk.",
            "questions": "What surprised you?\n\nShow me how you use it today.",
        },
    )
    assert response.status_code == 302
    assert [q.text for q in guide.questions.all()] == [
        "What surprised you?",
        "Show me how you use it today.",
    ]
    assert note.answers.get().question_text == first.text


def test_a_member_cannot_edit_guides(client, cast):
    guide = QuestionGuide.objects.first()
    client.force_login(cast.member)
    response = client.post(
        reverse("insights:guide_edit", kwargs={"pk": guide.pk}), {"questions": "x"}
    )
    assert response.status_code == 403
