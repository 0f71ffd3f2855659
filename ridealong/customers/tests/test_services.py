import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ridealong.customers import services
from ridealong.customers.models import Customer

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def test_a_photo_needs_a_recorded_consent(db):
    photo = SimpleUploadedFile("plant.png", PNG, content_type="image/png")
    with pytest.raises(ValidationError) as error:
        services.customer_create(by=None, name="Acme", photo=photo)
    assert "consent" in str(error.value)
    assert not Customer.objects.exists()


def test_a_duplicate_contact_email_gets_a_readable_message(cast):
    with pytest.raises(ValidationError, match="already has a contact with that e-mail"):
        services.contact_create(
            customer=cast.acme, by=None, name="Carla again", email="CARLA@acme.example"
        )
