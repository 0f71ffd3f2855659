"""One helper puts a service's ValidationError on a form, for every app's views."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from ridealong.core.forms import add_service_errors


class TimeForm(forms.Form):
    name = forms.CharField(required=False)
    start_time = forms.CharField(required=False)


def form_with(error: ValidationError, **kwargs) -> TimeForm:
    form = TimeForm({})
    form.is_valid()
    add_service_errors(form, error, **kwargs)
    return form


def test_an_error_on_a_field_the_form_has_goes_on_that_field():
    form = form_with(ValidationError({"name": "Taken."}))
    assert form.errors["name"] == ["Taken."]


def test_an_error_on_a_field_the_form_lacks_goes_on_top_with_its_name():
    form = form_with(ValidationError({"external_id": "Used by Max."}))
    assert form.non_field_errors() == ["external id: Used by Max."]


def test_non_field_errors_and_plain_errors_go_on_top():
    assert form_with(ValidationError({NON_FIELD_ERRORS: "No."})).non_field_errors() == ["No."]
    assert form_with(ValidationError("Not now.")).non_field_errors() == ["Not now."]


def test_a_service_field_can_be_named_as_the_form_calls_it():
    form = form_with(
        ValidationError({"starts_at": "In the past."}), fields={"starts_at": "start_time"}
    )
    assert form.errors["start_time"] == ["In the past."]
