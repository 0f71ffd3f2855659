"""Forms: they parse input; the rules live in insights.services."""

from typing import Any

from django import forms

from ridealong.core.choices import Sentiment
from ridealong.core.forms import model_choice_field
from ridealong.customers.models import Contact, Customer
from ridealong.engagements.models import Engagement
from ridealong.insights.models import InsightType, ProductArea, QuestionGuide
from ridealong.people.models import Person

TEXTAREA = {"rows": 4}


class NoteForm(forms.Form):
    """The guide's questions with an answer box each (answer_<question id>), plus free notes."""

    free_text = forms.CharField(
        label="Free notes", required=False, widget=forms.Textarea(attrs={"rows": 6}), strip=False
    )

    def __init__(
        self,
        *args: Any,
        guide: QuestionGuide | None = None,
        autosave_url: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(guide.questions.all()) if guide else []
        fields: dict[str, forms.Field] = {}
        for question in self.questions:
            fields[f"answer_{question.pk}"] = forms.CharField(
                label=question.text,
                required=False,
                strip=False,
                widget=forms.Textarea(attrs=TEXTAREA),
            )
        # Questions first, free notes last.
        fields["free_text"] = self.fields.pop("free_text")
        self.fields = fields
        if autosave_url:
            # Each box posts the whole form as a draft 1.5 s after the typing stops.
            for field in self.fields.values():
                field.widget.attrs.update(
                    {
                        "hx-post": autosave_url,
                        "hx-trigger": "keyup changed delay:1500ms, change",
                        "hx-include": "closest form",
                        "hx-vals": '{"autosave": "1"}',
                        "hx-target": "#note-status",
                        "hx-swap": "outerHTML",
                        "hx-sync": "closest form:replace",
                    }
                )

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data.get(f"answer_{q.pk}", "") for q in self.questions}


class PhotoForm(forms.Form):
    photo = forms.FileField(help_text="JPEG, PNG or WebP, at most 8 MB. Location data is removed.")
    caption = forms.CharField(required=False, max_length=200)


class InsightForm(forms.Form):
    text = forms.CharField(
        label="Quote",
        widget=forms.Textarea(attrs={"rows": 4, "data-insight-quote": ""}),
        help_text="What the customer said, as close to their words as you can.",
    )
    type = forms.ChoiceField(choices=InsightType.choices)
    customer = forms.ModelChoiceField(queryset=Customer.objects.order_by("name"))
    contact = forms.ModelChoiceField(
        queryset=Contact.objects.select_related("customer").order_by("customer__name", "name"),
        required=False,
        help_text="Who said it (optional).",
    )
    product_area = forms.ModelChoiceField(queryset=ProductArea.objects.all(), required=False)
    tags = forms.CharField(required=False, help_text="Separate tags with commas.")
    note = forms.IntegerField(required=False, widget=forms.HiddenInput)
    engagement = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, customer_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if customer_id:
            # Only the contact's customer's people: a short list, and no mismatches.
            model_choice_field(self, "contact").queryset = Contact.objects.filter(
                customer_id=customer_id
            )

    def tag_list(self) -> list[str]:
        return [t for t in self.cleaned_data.get("tags", "").split(",") if t.strip()]


class InsightFilterForm(forms.Form):
    scope = forms.ChoiceField(
        choices=[("company", "Whole company"), ("team", "My team")], required=False
    )
    type = forms.ChoiceField(choices=[("", "Any type"), *InsightType.choices], required=False)
    customer = forms.ModelChoiceField(
        queryset=Customer.objects.all(), required=False, widget=forms.HiddenInput
    )
    product_area = forms.ModelChoiceField(
        queryset=ProductArea.objects.all(), required=False, empty_label="Any product area"
    )
    tag = forms.CharField(required=False, max_length=50)
    sentiment = forms.ChoiceField(
        choices=[("", "Any sentiment"), *Sentiment.choices], required=False
    )
    q = forms.CharField(required=False, max_length=100, label="Words")


class ReflectionForm(forms.Form):
    learned = forms.CharField(label="What I learned", widget=forms.Textarea(attrs=TEXTAREA))
    do_differently = forms.CharField(
        label="What I will do differently", widget=forms.Textarea(attrs=TEXTAREA)
    )


class QuestionForm(forms.Form):
    text = forms.CharField(
        label="Your question",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="E.g. why was this done this way?",
    )


class ReplyForm(forms.Form):
    text = forms.CharField(label="Your answer", widget=forms.Textarea(attrs={"rows": 3}))


class GuideForm(forms.Form):
    intro = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    questions = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text="One question per line, in the order to ask them.",
    )

    def question_list(self) -> list[str]:
        return self.cleaned_data.get("questions", "").splitlines()


class WallLinkForm(forms.Form):
    name = forms.CharField(max_length=100, label="Screen", help_text="E.g. Canteen TV, Plant 2.")


class LearningTaskForm(forms.Form):
    assignee = forms.ModelChoiceField(queryset=Person.objects.none(), label="Who calls or visits")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    due_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, candidates: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if candidates is not None:
            model_choice_field(self, "assignee").queryset = candidates


class TaskDoneForm(forms.Form):
    engagement = forms.ModelChoiceField(queryset=Engagement.objects.all())
