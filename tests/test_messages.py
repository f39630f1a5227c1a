"""Spanish explanations of the AWS errors the lessons can hit."""

import re
from pathlib import Path

import pytest
from botocore.exceptions import ClientError, NoCredentialsError

from labkit import messages

LESSON_CODES = [
    "InvalidInstanceID.NotFound", "InvalidInstanceID.Malformed", "InvalidVolume.NotFound",
    "InvalidVolumeID.Malformed", "InvalidSnapshot.NotFound", "InvalidSnapshotID.Malformed",
    "InvalidAMIID.NotFound", "InvalidAMIID.Malformed", "InvalidSnapshot.InUse", "InvalidParameterValue",
    "DryRunOperation", "UnauthorizedOperation", "AuthFailure", "ExpiredToken",
    "SnapshotLocked", "IncorrectState",  # lesson 08: a locked snapshot, an archived one
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


# --- spelling, checked against a Spanish dictionary nobody here wrote (Debian's hunspell-es) -----------

HUNSPELL_ES = Path("/usr/share/hunspell/es_MX")
# Words the texts keep in English (AWS console and API terms, as docs/pagina-del-curso.md does) or that
# the dictionary lacks; acronyms (AWS, EBS, GiB, APIs) are skipped by their capitals.
NOT_IN_THE_DICTIONARY = {
    "snapshot", "snapshots", "endpoint", "mock", "kernel", "token", "crash", "consistent", "lock",
    "access", "key", "ids", "direct", "labkit", "aws", "Amazon", "Recycle", "Bin", "Fast", "Restore",
    "Lifecycle", "Manager", "Instance", "Volume", "Snapshot", "virtualización",
}
ENCLITICS = ("los", "las", "les", "nos", "lo", "la", "le", "me", "te", "se")
UNACCENT = str.maketrans("áéíóú", "aeiou")


def student_texts():
    """Every student-facing text of labkit.messages (module constants: strings, pairs, tables)."""
    def walk(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, (tuple, list)):
            for item in value:
                yield from walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                yield from walk(item)

    return [text for name, value in vars(messages).items() if name.isupper() for text in walk(value)]


def words(text):
    """The prose words of ``text``: code, markup, placeholders and region names left out."""
    text = re.sub(r"`[^`]*`|<code>.*?</code>|<[^>]+>|\{[^}]*\}|https?://\S+|\S*\d\S*", " ", text)
    return [w for w in re.findall(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ]+", text)
            if len(w) > 1 and not any(c.isupper() for c in w[1:])]


def _is_spanish(dictionary, word):
    if dictionary.lookup(word) or word in NOT_IN_THE_DICTIONARY:
        return True
    # An imperative with an enclitic pronoun (bórralo = borra + lo) carries an accent the verb alone has not.
    plain = word.translate(UNACCENT)
    return plain != word and any(word.endswith(p) and dictionary.lookup(plain[:-len(p)]) for p in ENCLITICS)


@pytest.fixture(scope="module")
def spanish():
    from labdriver import need

    need(HUNSPELL_ES.with_suffix(".dic").exists(), f"the Spanish dictionary {HUNSPELL_ES}.dic is missing "
                                                    "(apt-get install hunspell-es; tools/test-deps.sh does it)")
    from spylls.hunspell import Dictionary

    return Dictionary.from_files(str(HUNSPELL_ES))


def test_every_word_of_the_spanish_texts_is_spelled_right(spanish):
    """Accents where due (región, qué, está), no typos: each word is in the Spanish dictionary."""
    texts = student_texts()
    assert len(texts) > 50
    wrong = sorted({w for text in texts for w in words(text) if not _is_spanish(spanish, w)})
    assert wrong == []


@pytest.mark.parametrize("text, bad", [
    ("Qué hacer: revisa la region", "region"), ("Qué hacer: bórralo", None), ("Borralo primero", "Borralo"),
    ("Tu sesion expiró", "sesion"), ("El volumen esta listo", None),
])
def test_the_spelling_check_finds_missing_accents(spanish, text, bad):
    """The check itself: a missing accent is found where the dictionary can tell (`esta` is a word too)."""
    found = [w for w in words(text) if not _is_spanish(spanish, w)]
    assert found == ([bad] if bad else [])
