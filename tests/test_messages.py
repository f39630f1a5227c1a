"""Spanish explanations of the AWS errors the lessons can hit."""

import pytest
from botocore.exceptions import ClientError, NoCredentialsError

from labkit import messages

LESSON_CODES = [
    "InvalidInstanceID.NotFound", "InvalidInstanceID.Malformed", "InvalidVolume.NotFound",
    "InvalidVolumeID.Malformed", "InvalidSnapshot.NotFound", "InvalidSnapshotID.Malformed",
    "InvalidAMIID.NotFound", "InvalidAMIID.Malformed", "InvalidSnapshot.InUse", "InvalidParameterValue",
    "DryRunOperation", "UnauthorizedOperation", "AuthFailure", "ExpiredToken",
]


def client_error(code, message="detalle de AWS"):
    return ClientError({"Error": {"Code": code, "Message": message}}, "CreateSnapshot")


@pytest.mark.parametrize("code", LESSON_CODES)
def test_every_lesson_error_has_its_own_spanish_text(code):
    err = messages.explain(client_error(code))
    assert err.code == code
    assert "AWS respondió con el error" not in err.what  # a specific text, not the fallback
    assert err.todo and "Qué hacer" in str(err)


def test_unknown_code_falls_back_to_aws_message():
    err = messages.explain(client_error("Throttling", "Rate exceeded"))
    assert "Throttling" in err.what and "Rate exceeded" in err.what


def test_in_use_says_the_right_order():
    err = messages.explain(client_error("InvalidSnapshot.InUse"))
    assert "deregister-image" in err.todo


def test_no_credentials_is_explained():
    assert "credenciales" in messages.explain(NoCredentialsError()).what


def test_non_aws_errors_are_left_alone():
    assert messages.explain(ValueError("x")) is None


def test_spanish_texts_have_accents_where_due():
    every = " ".join(" ".join(pair) for pair in messages.AWS_ERRORS.values())
    for wrong in (" region ", "volumen EBS en S3", " esta cuenta y region", "Que hacer"):
        assert wrong not in every
