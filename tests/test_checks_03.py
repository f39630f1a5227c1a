"""labkit.checks for 03_almacenamiento_incremental: the right answer passes, typical wrong answers
get a Spanish hint that names what is missing. No AWS needed (the answers are numbers and models)."""

import pytest

from labkit import checks, storage


def _ok(feedback):
    assert feedback.ok, feedback.message
    assert feedback.message.startswith("✅")


def _hint(feedback, *words):
    assert not feedback.ok
    assert feedback.message.startswith("❌ Todavía no:") and "💡 Pista:" in feedback.message
    for word in words:
        assert word in feedback.message, feedback.message


# --- Exercise 1: what is billed after deleting the first snapshot ---------------------------
def test_deletion_billed_right():
    """AWS ("Delete a snapshot"): A holds the data, B the changed part; deleting A keeps what B
    needs, so all the data stays billed."""
    _ok(checks.deletion_billed(20, data=20, changed=5))
    _ok(checks.deletion_billed(20.0, data=20, changed=5))


@pytest.mark.parametrize("answer, words", [
    (None, ["`gib`"]),
    ("veinte", ["número"]),
    (5, ["solo lo que B guarda", "15 GiB"]),
    (25, ["5 GiB"]),
    (15, ["los 5 GiB"]),
    (0, ["B"]),
    (7, ["7 GiB"]),
])
def test_deletion_billed_wrong(answer, words):
    _hint(checks.deletion_billed(answer, data=20, changed=5), *words)


def test_deletion_billed_agrees_with_the_model():
    model = storage.Model()
    vol = model.create_volume(30, "v")
    vol.write(20).snapshot("A")
    vol.write(5).snapshot("B")
    model.delete_snapshot("A")
    _ok(checks.deletion_billed(model.billed_gib(), data=20, changed=5))


# --- Exercise 2: the student's own history in the model -------------------------------------
def _history(second_start=0, third_start=8, names=("lunes", "martes", "miercoles"), extra=False):
    model = storage.Model()
    vol = model.create_volume(20, "mi-volumen")
    vol.write(8).snapshot(names[0])
    vol.write(2, start_gib=second_start).snapshot(names[1])
    vol.write(3, start_gib=third_start).snapshot(names[2])
    if extra:
        vol.snapshot("otro")
    return model


def test_own_history_right():
    _ok(checks.own_history(_history()))
    _ok(checks.own_history(_history(second_start=5, names=("a", "b", "c"))))  # any 2 GiB of the 8


def test_own_history_not_a_model():
    _hint(checks.own_history(None), "`historia`", "storage.Model()")
    _hint(checks.own_history(42), "storage.Model()")


def test_own_history_wrong_count():
    _hint(checks.own_history(_history(extra=True)), "4 `snapshots`", "3")
    empty = storage.Model()
    empty.create_volume(20)
    _hint(checks.own_history(empty), "0 `snapshots`")


def test_own_history_first_snapshot_wrong():
    model = storage.Model()
    vol = model.create_volume(20)
    vol.write(10).snapshot("a")
    vol.write(2).snapshot("b")
    vol.write(3, start_gib=10).snapshot("c")
    _hint(checks.own_history(model), "primer", "10 GiB", "8 GiB")


def test_own_history_change_written_elsewhere():
    """Writing the 2 GiB past the data adds data instead of changing it: the second snapshot
    restores 10 GiB, not 8."""
    _hint(checks.own_history(_history(second_start=8, third_start=10)), "segundo", "start_gib")


def test_own_history_new_data_overwrites():
    _hint(checks.own_history(_history(third_start=0)), "tercer", "start_gib=8")


def test_own_history_deleted_snapshot_is_not_counted():
    model = _history(extra=True)
    model.delete_snapshot("otro")
    _ok(checks.own_history(model))


# --- Exercise 3: the monthly cost of a retention policy -------------------------------------
POLICY = {"volume_gib": 200, "change_pct": 1, "keep": 14}


def test_policy_cost_right():
    """AWS: standard tier 0.05 USD per GB-month (us-east-1); 200 GiB + 13 days x 2 GiB = 226 GiB."""
    expected = storage.retention_cost(200, 1, 14)["incremental_usd"]
    assert expected == pytest.approx(11.3)
    _ok(checks.policy_cost(expected, **POLICY))
    _ok(checks.policy_cost(11.30, **POLICY))
    fb = checks.policy_cost(11.3, **POLICY)
    assert "2026-11" in fb.message and "us-east-1" in fb.message  # the price's date and region


@pytest.mark.parametrize("answer, words", [
    (None, ["`usd`"]),
    ("once", ["número"]),
    (140.0, ["copias completas"]),
    (35.0, ["archivo"]),
    (226.0, ["GiB", "precio"]),
    (1.3, ["primer `snapshot`"]),
    (50.0, ["50"]),
])
def test_policy_cost_wrong(answer, words):
    _hint(checks.policy_cost(answer, **POLICY), *words)
