"""Exercise checks with Spanish feedback: right, or what is missing and a hint.

Each check looks at the account (through the lab) or at the answer it is given, never at the
notebook. In a lesson, a check sits in its own protected cell (tag ``comprobacion``, not editable,
not deletable) right after the student's answer cell (tag ``ejercicio``):
``labkit.checks.<name>(lab, ...)``. Every check is registered with ``@check``, the one place where
a check's result is produced; ``CHECKS`` lists them all (tests/test_checks.py tests each one with the
right answer, nothing done, a wrong answer and the right answer in another shape).
"""

import functools
import re
from dataclasses import dataclass

CHECKS = {}


@dataclass(frozen=True)
class Feedback:
    """The answer of a check: ``ok`` and a Spanish message (shown as the cell's output)."""

    ok: bool
    message: str

    def __post_init__(self):
        from . import progress

        progress.report(self)  # the teacher's live view, only on JupyterHub (labkit/progress.py)

    def __bool__(self):
        return self.ok

    def __repr__(self):
        return self.message

    def _repr_markdown_(self):
        return self.message


def check(fn):
    """Register ``fn`` as an exercise check. An AWS error while looking (a malformed id in the
    answer, say) becomes Spanish feedback instead of a traceback."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        from botocore.exceptions import ClientError

        try:
            feedback = fn(*args, **kwargs)
        except ClientError as exc:
            error = exc.response.get("Error", {})
            feedback = not_yet(f"AWS no aceptó lo que buscamos con tu respuesta (mensaje de AWS: «{error.get('Message', '')}»).",
                               "revisa que el id esté completo y bien copiado, sin espacios ni comillas de más.")
        return feedback  # the one place where every check's result is produced

    CHECKS[fn.__name__] = run
    return run


def _own_images(lab, name):
    """The student's own AMIs called ``name`` (``describe-images --owners self``)."""
    return lab.ec2.describe_images(Owners=["self"], Filters=[{"Name": "name", "Values": [name]}])["Images"]


def right(message):
    """``message`` is a new sentence after "¡Correcto!": it starts with a capital letter (or an id)."""
    return Feedback(True, f"✅ ¡Correcto! {message}")


def not_yet(missing, hint):
    """``missing`` continues "Todavía no:" (lower case, and never repeats "todavía")."""
    return Feedback(False, f"❌ Todavía no: {missing}\n\n💡 Pista: {hint}")


def _text(answer):
    """``answer`` as one clean line: no surrounding spaces or quotes, single spaces, or '' for None."""
    if answer is None:
        return ""
    return " ".join(str(answer).strip().strip("\"'`").split())


def _choice(answer):
    """A multiple-choice answer: «b», «B», «b)», «(b)» -> 'b'."""
    return _text(answer).lower().strip("()[]. ").rstrip(")")


def _number(answer):
    """``answer`` as a float: a number, or text such as "35", " 35 ", "11.3", "11,3", "35 GiB".
    None when it is not a number (words, bool, None)."""
    if isinstance(answer, bool) or answer is None:
        return None
    if isinstance(answer, (int, float)):
        return float(answer)
    text = re.sub(r"\s*(gib|gb|usd|\$)\s*$", "", _text(answer).lower()).strip("$ ")
    if re.fullmatch(r"-?\d+,\d+", text):
        text = text.replace(",", ".")
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def _tuple_hint(answer, name):
    """``usd = 11,3`` is a tuple in Python: say so in Spanish."""
    if isinstance(answer, tuple) and len(answer) == 2 and all(isinstance(x, int) for x in answer):
        whole, frac = answer
        return not_yet(f"Python leyó `{name} = {whole},{frac}` como dos números separados por una coma.",
                       f"en Python el decimal va con punto: `{name} = {whole}.{frac}`.")
    return None


def _close(a, b, tol=1e-6):
    return abs(a - b) <= tol


@check
def root_snapshot(lab, instance_name, answer):
    """Exercise 1 of 01_que_es_un_snapshot: the snapshot behind an instance's root volume."""
    answer = _text(answer)
    if not answer:
        return not_yet("no guardaste ningún id en `respuesta`.",
                       "mira la columna `Snapshot` de `labkit.tables.volumes(lab)`.")
    reservations = lab.ec2.describe_instances(Filters=[{"Name": "tag:Name", "Values": [instance_name]}])
    instances = [i for r in reservations["Reservations"] for i in r["Instances"] if i["State"]["Name"] != "terminated"]
    if not instances:
        return not_yet(f"no encuentro la instancia «{instance_name}».", "ejecuta la primera celda del notebook.")
    inst = instances[0]
    root = next(m for m in inst["BlockDeviceMappings"] if m["DeviceName"] == inst["RootDeviceName"])
    volume = lab.ec2.describe_volumes(VolumeIds=[root["Ebs"]["VolumeId"]])["Volumes"][0]
    expected = volume.get("SnapshotId")
    if answer == expected:
        return right(f"El volumen raíz de la «{instance_name}» nació del `snapshot` {expected}.")
    if answer == root["Ebs"]["VolumeId"]:
        return not_yet(f"{answer} es el volumen raíz, no el `snapshot` del que nació.",
                       "busca la columna `Snapshot` de ese volumen.")
    if answer == inst.get("ImageId"):
        return not_yet(f"{answer} es la `AMI` de la instancia; la pregunta es por el `snapshot` de su volumen raíz.",
                       "busca la columna `Snapshot` del volumen raíz.")
    if not answer.startswith("snap-"):
        return not_yet(f"«{answer}» no es un id de `snapshot`.", "los ids de `snapshot` empiezan por `snap-`.")
    return not_yet(f"{answer} no es el `snapshot` del volumen raíz de la «{instance_name}».",
                   "busca el volumen conectado como dispositivo raíz (`/dev/xvda`) de esa instancia.")


@check
def incremental_total(answer, written, changed):
    """Exercise 2 of 01_que_es_un_snapshot: total GiB stored by two incremental snapshots."""
    expected = written + changed
    if answer is None:
        return not_yet("no escribiste un número en `gib`.", "suma lo que guarda cada `snapshot`.")
    value = _number(answer)
    if value is None:
        return not_yet(f"«{answer}» no es un número.", "escribe los GiB como número, por ejemplo `gib = 12`.")
    answer = int(value) if value.is_integer() else value
    if answer == expected:
        return right(f"{written} GiB del primero + {changed} GiB del segundo = {expected} GiB.")
    if answer == 2 * written:
        return not_yet("contaste dos copias completas.", "el segundo `snapshot` guarda solo lo que cambió.")
    if answer in (100, 200, 100 + changed):
        return not_yet("usaste el tamaño del volumen.", "el primer `snapshot` copia solo los datos escritos.")
    return not_yet(f"{answer} GiB no es el total.", "primero: lo escrito; segundo: solo el cambio.")


@check
def arm64_image(lab, answer):
    """Exercise 1 of 04_ami_desde_snapshots: the Amazon Linux 2023 arm64 image id."""
    images = lab.ec2.describe_images(Owners=["amazon"], Filters=[
        {"Name": "name", "Values": ["al2023-ami-2023*"]}, {"Name": "architecture", "Values": ["arm64"]}])["Images"]
    expected = {i["ImageId"] for i in images}
    answer = _text(answer)
    if not answer:
        return not_yet("no guardaste ningún id en `respuesta`.", "filtra la tabla por la columna `Architecture`.")
    if answer in expected:
        return right(f"{answer} es Amazon Linux 2023 para `arm64`.")
    if not answer.startswith("ami-"):
        return not_yet(f"«{answer}» no es un id de `AMI`.", "los ids de `AMI` empiezan por `ami-`.")
    return not_yet(f"{answer} no es la `AMI` de Amazon Linux 2023 `arm64`.",
                   "busca la fila cuya `Architecture` es `arm64` y cuyo nombre empieza por `al2023`.")


@check
def create_image_reboot(answer):
    """Exercise 2 of 04_ami_desde_snapshots: what create-image does to a running instance."""
    answer = _choice(answer)
    if answer == "b":
        return right("Sin `--no-reboot`, AWS reinicia la instancia para que los `snapshots` sean coherentes.")
    if answer == "a":
        return not_yet("eso solo pasa con `--no-reboot`, y entonces la copia es solo «como tras un corte de luz».",
                       "piensa en qué opción existe para *evitar* algo.")
    if answer == "c":
        return not_yet("AWS no deja la instancia detenida.", "la instancia vuelve a estar en marcha al terminar.")
    return not_yet("escribe «a», «b» o «c» en `opcion`.", "relee la tabla «Dos caminos».")


@check
def instances_from_image(lab, image_name, at_least, made_in="las celdas de arriba"):
    """Exercise 1 of 08_que_sigue and 2 of 05_demo17_crear_ami: enough running instances launched
    from the AMI ``image_name`` (made in ``made_in``: the lesson's cells, or an earlier exercise)."""
    images = _own_images(lab, image_name)
    if not images:
        return not_yet(f"no existe tu `AMI` «{image_name}», y sin ella no hay instancias que contar.",
                       f"crea primero la `AMI` en {made_in}.")
    reservations = lab.ec2.describe_instances(Filters=[
        {"Name": "image-id", "Values": [images[0]["ImageId"]]},
        {"Name": "instance-state-name", "Values": ["pending", "running"]},
    ])["Reservations"]
    count = sum(len(r["Instances"]) for r in reservations)
    if count >= at_least:
        noun = "instancia en marcha lanzada" if count == 1 else "instancias en marcha lanzadas"
        return right(f"Hay {count} {noun} desde «{image_name}».")
    found = "hay 1 instancia" if count == 1 else f"hay {count} instancias"
    return not_yet(f"{found} desde «{image_name}» y se esperaban al menos {at_least}.",
                   "usa `ec2.run_instances(ImageId=ami, ...)` como en la celda de arriba, con `MinCount=1`.")


@check
def persistent_data(answer):
    """Exercise 2 of 08_que_sigue: where the database lives when instances are replaced."""
    answer = _choice(answer)
    if answer == "b":
        return right("Los datos persistentes viven fuera de las instancias que reemplazas (RDS, EFS o una "
                     "instancia de base de datos con sus `snapshots`).")
    if answer in ("a", "c"):
        return not_yet("al reemplazar las instancias perderías los datos escritos desde que se hizo la `AMI`.",
                       "la `AMI` es una foto fija; los datos cambian cada minuto.")
    return not_yet("escribe «a», «b» o «c» en `opcion`.", "relee la tabla de la sección anterior.")


@check
def cleaned_up(lab, image_id, snapshot_id):
    """Exercise 1 of 06_faq_y_limpieza: the lesson made the AMI ``image_id`` on ``snapshot_id``; the
    student removes both. AWS refuses to delete a snapshot an AMI uses, so both gone means the AMI
    went first."""
    images = lab.ec2.describe_images(Owners=["self"], Filters=[{"Name": "image-id", "Values": [image_id]}])["Images"]
    snaps = lab.ec2.describe_snapshots(OwnerIds=["self"], Filters=[
        {"Name": "snapshot-id", "Values": [snapshot_id]}])["Snapshots"]
    if images and snaps:
        return not_yet(f"la `AMI` {image_id} sigue registrada y su `snapshot` {snapshot_id} sigue ahí.",
                       "primero `deregister-image`, después `delete-snapshot`.")
    if images:
        return not_yet(f"la `AMI` {image_id} sigue registrada.", "anula su registro con `deregister-image`.")
    if snaps:
        return not_yet(f"anulaste el registro de la `AMI`, pero su `snapshot` {snapshot_id} sigue ahí (y se sigue cobrando).",
                       "anular el registro no borra los `snapshots`: bórralo con `delete-snapshot`.")
    return right(f"La `AMI` {image_id} y su `snapshot` {snapshot_id} ya no existen. AWS solo lo permite en "
                 "este orden: primero la `AMI`, después el `snapshot`.")


@check
def documented_owner_option(answer):
    """Exercise 2 of 06_faq_y_limpieza: the documented spelling of --owner for describe-images."""
    normalized = " ".join(_text(answer).replace("=", " ").replace("'", "").replace('"', "").split())
    if normalized == "--owners self":
        return right("`--owners self` es la opción documentada; `--owner self` funciona como abreviatura.")
    if normalized == "--owner self":
        return not_yet("esa es la forma de la página: funciona, pero como abreviatura.",
                       "la opción documentada está en plural.")
    if normalized == "--owner-ids self":
        return not_yet("esa es la de `describe-snapshots`.", "para imágenes, la opción es otra.")
    return not_yet("escribe la opción completa, por ejemplo `\"--algo self\"`.", "relee la Nota de la sección de listas.")


@check
def shared_with(lab, snapshot_id, account_id):
    """Exercise 1 of 07_cifrado_y_compartir: ``snapshot_id`` is shared with ``account_id``."""
    from . import sharing

    accounts = sharing.shared_with(lab, snapshot_id)
    if "all" in accounts:
        return not_yet(f"hiciste público {snapshot_id}: cualquier cuenta de AWS puede crear volúmenes con tus datos.",
                       "quita el permiso público (`--create-volume-permission \"Remove=[{Group=all}]\"`) y "
                       f"compártelo solo con la cuenta {account_id} (`UserId`).")
    if account_id in accounts:
        return right(f"La cuenta {account_id} ya puede crear volúmenes desde {snapshot_id}.")
    return not_yet(f"{snapshot_id} no está compartido con {account_id} (compartido con: {', '.join(accounts) or 'nadie'}).",
                   "usa `modify-snapshot-attribute` con `--attribute createVolumePermission` y "
                   f"`--operation-type add --user-ids {account_id}`.")


@check
def encrypted_copy_of(lab, answer, source_id):
    """Exercise 2 of 07_cifrado_y_compartir: ``answer`` is an encrypted copy of ``source_id``."""
    answer = _text(answer)
    if not answer:
        return not_yet("no guardaste ningún id en `respuesta`.", "`copy-snapshot` devuelve el `SnapshotId` nuevo.")
    found = lab.ec2.describe_snapshots(OwnerIds=["self"], Filters=[
        {"Name": "snapshot-id", "Values": [answer]}])["Snapshots"]
    if answer == source_id:
        return not_yet("ese es el original, no la copia.", "guarda el id que devuelve `copy-snapshot`.")
    if not answer.startswith("snap-"):
        return not_yet(f"«{answer}» no es un id de `snapshot`.", "los ids de `snapshot` empiezan por `snap-`.")
    if not found:
        return not_yet(f"no encuentro tu `snapshot` {answer}.", "copia el id que devolvió la copia.")
    snap = found[0]
    if not snap.get("Encrypted"):
        return not_yet(f"{answer} no está cifrado.", "añade `Encrypted=True` (o `--encrypted` en la `cli`).")
    return right(f"{answer} es una copia cifrada (clave {snap.get('KmsKeyId', 'alias/aws/ebs')}).")


def _volume_of(lab, instance_name, device):
    reservations = lab.ec2.describe_instances(Filters=[
        {"Name": "tag:Name", "Values": [instance_name]},
        {"Name": "instance-state-name", "Values": ["pending", "running", "stopped"]}])["Reservations"]
    ids = [i["InstanceId"] for r in reservations for i in r["Instances"]]
    if not ids:
        return None
    volumes = lab.ec2.describe_volumes(Filters=[
        {"Name": "attachment.instance-id", "Values": ids},
        {"Name": "attachment.device", "Values": [device]}])["Volumes"]
    return volumes[0]["VolumeId"] if volumes else None


def _snapshots_described(lab, description):
    return lab.ec2.describe_snapshots(OwnerIds=["self"], Filters=[
        {"Name": "description", "Values": [description]}])["Snapshots"]


@check
def snapshot_of_volume(lab, instance_name, device, description):
    """Exercise 1 of 02_demo16_crear_snapshot: a snapshot of one volume, with its description."""
    volume_id = _volume_of(lab, instance_name, device)
    snaps = _snapshots_described(lab, description)
    if not snaps:
        return not_yet(f"no hay ningún `snapshot` tuyo con la descripción «{description}».",
                       "copia la descripción exacta (con el punto medio ·) en `--description` o `Description=`.")
    if not any(s["VolumeId"] == volume_id for s in snaps):
        return not_yet(f"tu `snapshot` «{description}» es de otro volumen.",
                       f"usa el volumen conectado en `{device}` de la «{instance_name}».")
    return right(f"Hay un `snapshot` del volumen {device} de la «{instance_name}» ({volume_id}).")


@check
def snapshots_of_instance(lab, instance_name, description):
    """Exercise 2 of 02_demo16_crear_snapshot: one snapshot per volume of an instance (boot included)."""
    root = _volume_of(lab, instance_name, "/dev/xvda")
    data = _volume_of(lab, instance_name, "/dev/sdf")
    got = {s["VolumeId"] for s in _snapshots_described(lab, description)}
    if not got:
        return not_yet(f"no hay `snapshots` con la descripción «{description}».",
                       "usa `create-snapshots` (o `Resource type` = `Instance` en la consola).")
    if root not in got:
        return not_yet("falta el `snapshot` del volumen raíz.", "no marques `Exclude root volume` en la consola (ni uses `ExcludeBootVolume=true`).")
    if data not in got:
        return not_yet("falta el `snapshot` del volumen de datos.", "elige la instancia privada, que tiene dos volúmenes.")
    return right(f"Un `snapshot` de cada volumen de la «{instance_name}», del mismo instante.")


@check
def console_instance_api(answer):
    """Exercise 3 of 02_demo16_crear_snapshot: Resource type Instance calls CreateSnapshots."""
    normalized = re.sub(r"[-_:\s]", "", _text(answer)).lower()
    if normalized in ("createsnapshots", "ec2createsnapshots", "awsec2createsnapshots"):
        return right("`CreateSnapshots` (en la `cli`, `create-snapshots`): un `snapshot` por volumen.")
    if normalized == "createsnapshot":
        return not_yet("`CreateSnapshot` (singular) es la de `Resource type` = `Volume`.", "con `Instance` son varios volúmenes.")
    return not_yet("escribe el nombre de la API, por ejemplo `\"CreateAlgo\"`.", "relee la Nota del procedimiento web.")


@check
def image_from_snapshot(lab, image_name, snapshot_id):
    """Exercise 1 of 05_demo17_crear_ami: an AMI registered on ``snapshot_id``, bootable (x86_64, hvm)."""
    images = _own_images(lab, image_name)
    if not images:
        return not_yet(f"no tienes ninguna `AMI` llamada «{image_name}».", "usa `register-image` con ese `--name`.")
    image = images[0]
    root = next((m for m in image.get("BlockDeviceMappings", []) if m.get("DeviceName") == image.get("RootDeviceName")), None)
    if not root or root.get("Ebs", {}).get("SnapshotId") != snapshot_id:
        return not_yet("el volumen raíz de tu `AMI` no viene de ese `snapshot`.",
                       "en `--block-device-mappings`, `DeviceName` debe ser el mismo que `--root-device-name`.")
    if (image.get("Architecture"), image.get("VirtualizationType")) != ("x86_64", "hvm"):
        return not_yet(f"tu `AMI` es {image.get('Architecture')}/{image.get('VirtualizationType')}.",
                       "añade `--architecture x86_64 --virtualization-type hvm`.")
    return right(f"«{image_name}» arranca desde {snapshot_id} ({image['ImageId']}).")


@check
def register_image_command(answer):
    """Exercise 3 of 05_demo17_crear_ami: the CLI command that makes an AMI from a snapshot."""
    normalized = _text(answer).lower().lstrip("!")
    if re.match(r"^(aws )?(ec2 )?register-image\b", normalized):
        return right("`aws ec2 register-image` crea una `AMI` a partir de un `snapshot`.")
    if "create-image" in normalized:
        return not_yet("`create-image` parte de una instancia.", "busca el comando que *registra* una imagen.")
    if "copy-image" in normalized or "import-image" in normalized:
        return not_yet("ese comando no parte de un `snapshot`.", "busca el comando que *registra* una imagen.")
    return not_yet("escribe el comando, por ejemplo `\"aws ec2 algo\"`.", "relee la sección «Desde un `snapshot`».")


# --- 03_almacenamiento_incremental ----------------------------------------------------------
@check
def deletion_billed(answer, data, changed):
    """Exercise 1 of 03_almacenamiento_incremental: GiB billed after deleting snapshot A (``data``
    GiB) while B (``changed`` GiB of those changed) is kept. AWS keeps what B needs: ``data``."""
    if answer is None:
        return not_yet("no escribiste un número en `gib`.",
                       "piensa qué necesita B para restaurar el volumen completo.")
    tuple_hint = _tuple_hint(answer, "gib")
    if tuple_hint is not None:
        return tuple_hint
    value = _number(answer)
    if value is None:
        return not_yet(f"«{answer}» no es un número.", "escribe los GiB sin comillas, por ejemplo `gib = 12`.")
    kept = data - changed
    if _close(value, data):
        return right(f"B se queda con sus {changed} GiB y con los {kept} GiB que referenciaba en A: {data} GiB. "
                     f"Borrar A liberó solo los {changed} GiB de A que B ya había reemplazado.")
    if _close(value, changed):
        return not_yet("contaste solo lo que B guarda por sí mismo.",
                       f"B todavía necesita los {kept} GiB de A que no cambiaron: no se borran, AWS los pasa a B.")
    if _close(value, data + changed):
        return not_yet("esos son los GiB de antes de borrar A.",
                       f"borrar A sí libera los {changed} GiB de A que B ya reemplazó (nadie más los necesita).")
    if _close(value, kept):
        return not_yet("contaste solo lo que B heredaba de A.",
                       f"suma también los {changed} GiB que B guarda por sí mismo.")
    if _close(value, 0):
        return not_yet("si no quedara nada facturado, B no podría restaurar el volumen.",
                       "el último `snapshot` siempre basta para restaurar el volumen completo: ¿cuánto necesita B?")
    return not_yet(f"{value:g} GiB no es lo que queda facturado.",
                   f"B necesita todos los datos del volumen: los {changed} GiB que guarda y los que referenciaba en A.")


@check
def own_history(model):
    """Exercise 2 of 03_almacenamiento_incremental: a ``storage.Model`` with three snapshots of a
    volume: 8 GiB written; 2 of those GiB changed; 3 GiB added after the data (8 + 2 + 3 stored)."""
    from . import storage

    if not isinstance(model, storage.Model):
        return not_yet("guarda en `historia` un modelo (`storage.Model()`) con tus tres `snapshots`.",
                       "empieza con `historia = storage.Model()` y `volumen = historia.create_volume(20)`.")
    usage = model.usage()
    if len(usage) != 3:
        return not_yet(f"tu modelo tiene {len(usage)} `snapshots` y se esperaban 3 (lunes, martes y miércoles).",
                       "llama a `volumen.snapshot(nombre)` una vez después de cada paso; si te equivocaste, "
                       "vuelve a crear el modelo desde cero.")
    first, second, third = usage
    if not _close(first.stored_gib, 8):
        return not_yet(f"el primer `snapshot` guarda {first.stored_gib:g} GiB y debería guardar 8 GiB "
                       "(los datos escritos).", "escribe 8 GiB con `volumen.write(8)` antes del primer `snapshot`.")
    if second.restore_gib > 8:
        return not_yet(f"el segundo `snapshot` restaura {second.restore_gib:g} GiB: los 2 GiB se escribieron fuera "
                       "de los datos, así que se añadieron en lugar de cambiar.",
                       "para *cambiar* datos escribe dentro de los 8 GiB: `volumen.write(2)` (o con `start_gib` "
                       "entre 0 y 6).")
    if not _close(second.stored_gib, 2):
        return not_yet(f"el segundo `snapshot` guarda {second.stored_gib:g} GiB y debería guardar 2 GiB "
                       "(solo lo que cambió).", "cambia 2 GiB con `volumen.write(2)` antes del segundo `snapshot`.")
    if third.restore_gib < 11 or not _close(third.stored_gib, 3):
        return not_yet(f"el tercer `snapshot` guarda {third.stored_gib:g} GiB y restaura {third.restore_gib:g} GiB; "
                       "debería guardar 3 GiB y restaurar 11 GiB (los 3 GiB nuevos se añaden a los 8).",
                       "los datos nuevos van después de los 8 GiB: `volumen.write(3, start_gib=8)`.")
    return right(f"Tus `snapshots` guardan 8 + 2 + 3 = {model.billed_gib():g} GiB facturados, frente a "
                 f"{model.full_copies_gib():g} GiB con copias completas.")


@check
def policy_cost(answer, volume_gib, change_pct, keep):
    """Exercise 3 of 03_almacenamiento_incremental: USD per month (standard tier) of "one snapshot a
    day, keep ``keep``, ``change_pct`` % of a full ``volume_gib`` GiB volume changes a day"."""
    from . import storage

    if answer is None:
        return not_yet("no escribiste un número en `usd`.",
                       "usa `storage.retention_cost(...)`, o calcula los GiB facturados y multiplícalos por el precio.")
    tuple_hint = _tuple_hint(answer, "usd")
    if tuple_hint is not None:
        return tuple_hint
    value = _number(answer)
    if value is None:
        return not_yet(f"«{answer}» no es un número.", "escribe los USD como número, por ejemplo `usd = 12.5`.")
    cost = storage.retention_cost(volume_gib, change_pct, keep)
    daily_usd = storage.monthly_cost(volume_gib * change_pct / 100)
    if _close(value, cost["incremental_usd"], 0.01):
        return right(f"{cost['incremental_gib']:g} GiB × {storage.PRICE_STANDARD} USD = "
                     f"{cost['incremental_usd']:.2f} USD al mes. {cost['note']}")
    if _close(value, cost["full_usd"], 0.01):
        return not_yet(f"eso costarían {keep} copias completas.",
                       "los `snapshots` son incrementales: el más antiguo guarda todo y cada uno de los demás "
                       "solo el cambio de su día.")
    if _close(value, keep * volume_gib * storage.PRICE_ARCHIVE, 0.01):
        return not_yet("ese sería el nivel de archivo sin su mínimo de 90 días (y aquí ni siquiera convendría).",
                       "la pregunta es por el nivel estándar, con `snapshots` incrementales.")
    if _close(value, cost["incremental_gib"], 0.01):
        return not_yet(f"{value:g} son los GiB facturados, no los USD.",
                       f"multiplica por el precio del nivel estándar ({storage.PRICE_STANDARD} USD por GB-mes).")
    if _close(value, (keep - 1) * daily_usd, 0.01) or _close(value, keep * daily_usd, 0.01):
        return not_yet(f"olvidaste el primer `snapshot`, que guarda todos los datos ({volume_gib} GiB).",
                       "el más antiguo de los que conservas guarda el volumen completo; los demás, solo el cambio diario.")
    return not_yet(f"{value:g} USD no es el costo mensual de esa política.",
                   "los GiB facturados son los datos del volumen más el cambio diario de cada `snapshot` conservado, "
                   "salvo el primero; después multiplica por el precio estándar.")
