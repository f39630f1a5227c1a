"""Every Spanish message of the kit, and the explanation of the AWS errors the lessons can hit.

Functions first (``LabkitError``, ``explain``, ``error``), then the texts grouped by topic: starting
the lab, the guard rails of real AWS, AWS's errors, the local AWS, the console procedures and
their help texts, waiting, encryption and sharing, and the storage model. No table is changed
after it is written. Used by all of labkit; notebooks see these texts instead of raw tracebacks.
"""

import re

from botocore.exceptions import (
    ClientError,
    EndpointConnectionError,
    NoCredentialsError,
    NoRegionError,
    ParamValidationError,
    PartialCredentialsError,
    TokenRetrievalError,
    WaiterError,
)

from .rules import AMI_NAME_MAX, AMI_NAME_MIN


class LabkitError(Exception):
    """An error a student can act on: its text (Spanish) says what happened and what to do."""

    def __init__(self, what, todo, code=None):
        self.what = what
        self.todo = todo
        self.code = code
        super().__init__(f"{what}\n→ Qué hacer: {todo}")


def explain(exc):
    """Return a LabkitError (Spanish) for a botocore error, or None if it is not an AWS error."""
    if isinstance(exc, LabkitError):
        return exc
    if isinstance(exc, ClientError):
        return _explain_client_error(exc)
    if isinstance(exc, (NoCredentialsError, PartialCredentialsError, TokenRetrievalError)):
        return LabkitError(*NO_CREDENTIALS, code="NoCredentials")
    if isinstance(exc, NoRegionError):
        return LabkitError(*NO_REGION, code="NoRegion")
    if isinstance(exc, EndpointConnectionError):
        return error(NO_CONNECTION, code="NoConnection", endpoint=exc.kwargs.get("endpoint_url", "?"))
    if isinstance(exc, ParamValidationError):
        report = str(exc.kwargs.get("report", exc)).strip()
        found = re.search(r"parameter ([\w.\[\]]+)", report)
        return error(PARAMETER_INVALID, code="ParamValidation", detail=report,
                     parameter=found.group(1) if found else "?")
    if isinstance(exc, WaiterError):
        return error(WAITER_GAVE_UP, code="WaiterError", name=exc.kwargs.get("name", "?"),
                     detail=exc.kwargs.get("reason", ""))
    return None


def call_aws(call, **kwargs):
    """``call(**kwargs)`` (a boto3 client method); AWS's and botocore's errors (no connection, a
    bad parameter) come back as Spanish LabkitError, in a notebook and outside it alike."""
    from botocore.exceptions import BotoCoreError

    try:
        return call(**kwargs)
    except (ClientError, BotoCoreError) as exc:
        explained = explain(exc)
        if explained is None:
            raise
        raise explained from None


def error(pair, code=None, **values):
    """Build a LabkitError from one of the (what, todo) pairs below."""
    what, todo = pair
    return LabkitError(what.format(**values), todo.format(**values), code=code)


def _explain_client_error(exc):
    err = exc.response.get("Error", {})
    code = err.get("Code", "")
    detail = err.get("Message") or code
    values = {"detail": detail, "code": code, "action": getattr(exc, "operation_name", None) or "…"}
    pair = AWS_ERRORS.get(code, AWS_ERROR_UNKNOWN)
    image = re.search(r"ami-[0-9a-f]+", detail)
    values["image_id"] = image.group(0) if image else ""
    if code == "InvalidSnapshot.InUse" and not image:  # AWS names the AMI; be safe if it does not
        pair = SNAPSHOT_IN_USE_UNNAMED
    if code == "IncorrectState" and detail.startswith("Snapshot is in invalid state"):
        pair = SNAPSHOT_NOT_COMPLETED
    if code == "AuthFailure" and (image or "image" in detail.lower()):  # "Not authorized for image:ami-…"
        pair = NOT_YOUR_IMAGE
    what, todo = pair
    return LabkitError(what.format(**values), todo.format(**values), code=code)


# --- Starting the lab (labkit.lab) ------------------------------------------------------------

MODE_UNKNOWN = (
    "Modo desconocido: {mode!r}. Los modos son 'mock' (AWS simulado, local) y 'aws' (AWS real).",
    "Usa `labkit.start()` (simulado) o `labkit.start(mode='aws')`; o define LABKIT_MODE=mock|aws.",
)
REGION_UNKNOWN = (
    "Región desconocida: {region!r}.",
    "Usa una región de AWS como 'us-east-1' o 'eu-west-1' (ver `aws ec2 describe-regions`).",
)
NO_CREDENTIALS = (
    "No se encontraron credenciales de AWS para el modo real.",
    "Configura un perfil (`aws configure` o `aws sso login`) o vuelve al modo simulado con `labkit.start()`.",
)
NO_REGION = (
    "No hay región configurada para el modo real.",
    "Pasa la región: `labkit.start(mode='aws', region='us-east-1')` o define AWS_DEFAULT_REGION.",
)
NO_CONNECTION = (
    "No se pudo conectar con AWS en {endpoint}.",
    "Revisa la conexión; en modo simulado, ejecuta `labkit.start()` de nuevo para levantar el AWS local.",
)
LOCAL_DEAD = (
    "El AWS simulado de este kernel ({endpoint}) no responde: se detuvo. "
    "Se levanta uno nuevo: los recursos creados antes no están en él."
)
NOT_LABKIT_ENDPOINT = (
    "LABKIT_ENDPOINT apunta a {endpoint}, que responde pero no es un AWS simulado de labkit. "
    "Se levanta uno nuevo en este kernel."
)
PORT_TAKEN = "El puerto {port} ya está en uso: el AWS simulado usará otro puerto libre ({new_port})."
SERVER_DEAD = (
    "El AWS simulado indicado en LABKIT_ENDPOINT ({endpoint}) no responde (¿se detuvo `make lab`?). "
    "Se levanta uno nuevo en este kernel: los recursos creados antes no están en él."
)
STARTED_MOCK = "AWS simulado (local) · región {region} · cuenta {account} · endpoint {endpoint}"
STARTED_AWS = "AWS REAL · cuenta {account} · identidad {arn} · región {region}"


# --- Guard rails on real AWS (labkit.safety, labkit.scenario, labkit.lesson) -----------------

NOT_OWNED = (
    "labkit no modifica ni borra {resource}: no tiene la etiqueta `labkit:owner=labkit`, "
    "así que no lo creó el kit.",
    "En AWS real el kit solo toca lo que creó. Hazlo tú desde la consola si de verdad quieres.",
)
DESTROY_NEEDS_CONFIRM = (
    "Vas a borrar en AWS real ({region}) las `AMI`, los `snapshots`, las instancias y los volúmenes "
    "que creó el kit (solo los que llevan la etiqueta `labkit:owner=labkit`).",
    "Ejecuta `labkit.scenario.destroy(lab, confirm=True)` para confirmarlo.",
)
SCENARIO_NEEDS_CONFIRM = (
    "En AWS real, crear el escenario del curso (VPC, 2 instancias {itype} y {gib} GiB de EBS) cuesta "
    "unos {per_hour} USD por hora en {region} mientras exista.",
    "Si estás de acuerdo, ejecuta `labkit.scenario.ensure(lab, confirm=True)`; bórralo al terminar con "
    "`labkit.scenario.destroy(lab, confirm=True)`.",
)
DEREGISTERED_SNAPSHOT_KEPT = (
    "Se anuló el registro de la `AMI` {image_id}, pero su `snapshot` {snapshot_id} se conservó: "
    "la `AMI` {other_id} también lo usa.",
    "Está bien así: borra ese `snapshot` cuando anules también el registro de {other_id}.",
)


# --- AWS's errors, explained (messages.explain) ------------------------------------------------
# code -> (what happened, what to do). "{detail}" is AWS's own message when it helps; "{action}"
# the API operation that failed. Codes the local AWS answers like AWS are here too.

AWS_ERRORS = {
    "InvalidInstanceID.NotFound": (
        "Esa instancia no existe en esta cuenta y región.",
        "Copia el `InstanceId` de `labkit.tables.instances(lab)` o de `aws ec2 describe-instances`.",
    ),
    "InvalidInstanceID.Malformed": (
        "El id de instancia no tiene el formato correcto (debe ser como `i-0123456789abcdef0`).",
        "Revisa que copiaste el id completo, con el prefijo `i-`.",
    ),
    "InvalidVolume.NotFound": (
        "Ese volumen no existe en esta cuenta y región.",
        "Copia el `VolumeId` de `aws ec2 describe-volumes` o de `labkit.tables.volumes(lab)`.",
    ),
    "InvalidVolumeID.Malformed": (
        "El id de volumen no tiene el formato correcto (debe ser como `vol-0123456789abcdef0`).",
        "Revisa que copiaste el id completo, con el prefijo `vol-`.",
    ),
    "InvalidSnapshot.NotFound": (
        "Ese `snapshot` no existe en esta cuenta y región (o ya fue eliminado).",
        "Lista tus `snapshots` con `aws ec2 describe-snapshots --owner-ids self`.",
    ),
    "InvalidSnapshotID.Malformed": (
        "El id de `snapshot` no tiene el formato correcto (debe ser como `snap-0123456789abcdef0`).",
        "Revisa que copiaste el id completo, con el prefijo `snap-`.",
    ),
    "InvalidAMIID.NotFound": (
        "Esa `AMI` no existe en esta región (o ya fue eliminada con `deregister-image`).",
        "Lista tus imágenes con `aws ec2 describe-images --owners self`.",
    ),
    "InvalidAMIID.Malformed": (
        "El id de `AMI` no tiene el formato correcto (debe ser como `ami-0123456789abcdef0`).",
        "Revisa que copiaste el id completo, con el prefijo `ami-`.",
    ),
    "InvalidAMIID.Unavailable": (
        "Esa `AMI` ya no existe: se anuló su registro (`deregister-image`).",
        "Usa otra `AMI`: lista las tuyas con `aws ec2 describe-images --owners self`.",
    ),
    "InvalidAMIName.Duplicate": (
        "Ya tienes una `AMI` con ese nombre en esta región: el nombre debe ser único.",
        "Elige otro nombre, o elimina la anterior con `aws ec2 deregister-image`.",
    ),
    "InvalidAMIName.Malformed": (
        f"El nombre de la `AMI` no es válido: de {AMI_NAME_MIN} a {AMI_NAME_MAX} caracteres, letras, números "
        "y ( ) [ ] . / - ' @ _ espacio.",
        "Escribe un nombre corto con esos caracteres, por ejemplo `mi-ami-web-v1`.",
    ),
    "InvalidSnapshot.InUse": (
        "Ese `snapshot` lo usa la `AMI` registrada {image_id}: AWS no deja borrarlo mientras la `AMI` exista.",
        "Primero anula el registro de la `AMI` con `aws ec2 deregister-image --image-id {image_id}` y luego "
        "borra el `snapshot`.",
    ),
    "InvalidParameterValue": (
        "AWS rechazó uno de los valores enviados: {detail}",
        "Revisa el valor que indica el mensaje y vuelve a intentarlo.",
    ),
    "InvalidParameterCombination": (
        "Esa combinación de opciones no es válida: {detail}",
        "Revisa qué opciones van juntas (por ejemplo `--kms-key-id` exige `--encrypted`).",
    ),
    "MissingParameter": (
        "Falta un parámetro obligatorio: {detail}",
        "Agrega el parámetro que indica el mensaje.",
    ),
    "DryRunOperation": (
        "Prueba en seco correcta: tienes permiso y la petición es válida, pero no se creó nada.",
        "Repite la llamada sin `--dry-run` (o con `DryRun=False`) para hacerlo de verdad.",
    ),
    "UnauthorizedOperation": (
        "Tu usuario de AWS no tiene permiso para esta operación.",
        "Pide a quien administra la cuenta el permiso IAM `ec2:{action}`.",
    ),
    "AuthFailure": (
        "AWS no reconoce tus credenciales.",
        "Revisa `aws configure list`; vuelve a iniciar sesión o usa el modo simulado (sin `LABKIT_MODE=aws`).",
    ),
    "InvalidClientTokenId": (
        "La clave de acceso (access key) no existe o fue desactivada.",
        "Crea o activa una clave válida, o usa el modo simulado (sin `LABKIT_MODE=aws`).",
    ),
    "SignatureDoesNotMatch": (
        "La clave secreta no corresponde a la clave de acceso.",
        "Revisa la clave secreta con `aws configure`.",
    ),
    "ExpiredToken": (
        "Tu sesión temporal de AWS expiró.",
        "Vuelve a iniciar sesión (por ejemplo `aws sso login`) y ejecuta `labkit.start()` otra vez.",
    ),
    "RequestExpired": (
        "La petición llegó tarde a AWS (token vencido o reloj del equipo desajustado).",
        "Renueva la sesión y revisa la hora del equipo.",
    ),
    "InvalidParameterDependency": (
        "Falta una opción que va junto con otra: {detail}",
        "Por ejemplo `--kms-key-id` exige `--encrypted` (en boto3, `KmsKeyId` exige `Encrypted=True`).",
    ),
    "InvalidBlockDeviceMapping": (
        "El mapeo de dispositivos de bloque no es válido: {detail}",
        "Revisa `DeviceName`, `SnapshotId` y `VolumeSize`: el tamaño no puede ser menor que el del `snapshot`.",
    ),
    "OperationNotPermitted": (
        "AWS no permite esa operación (mensaje de AWS: «{detail}»).",
        "Un `snapshot` cifrado nunca puede ser público, y si está cifrado con la clave administrada por AWS "
        "(`alias/aws/ebs`) tampoco se comparte con otra cuenta. Para compartirlo, cópialo con una clave KMS tuya "
        "(`copy-snapshot --encrypted --kms-key-id …`), da permiso sobre esa clave a la otra cuenta y comparte la copia.",
    ),
    "SnapshotLocked": (
        "El `snapshot` está bloqueado (`snapshot lock`) y no se puede borrar (mensaje de AWS: «{detail}»).",
        "Si el bloqueo es de modo `governance`, quítalo con `aws ec2 unlock-snapshot --snapshot-id <id>`; si es "
        "`compliance` y terminó su periodo de enfriamiento, espera a que venza.",
    ),
    "IncorrectState": (
        "El recurso no está en un estado que permita esa operación (mensaje de AWS: «{detail}»).",
        "Revisa su estado (por ejemplo `StorageTier`: un `snapshot` archivado hay que restaurarlo antes de "
        "usarlo) y vuelve a intentarlo.",
    ),
    "UnsupportedOperation": (
        "{detail}",
        "Si el mensaje dice que solo existe en AWS real, sigue con la lección en el AWS simulado y pruébala "
        "en una cuenta real (`labkit.start(mode='aws')`, tiene costo); si no, revisa la operación y sus opciones.",
    ),
}
AWS_ERRORS = {**AWS_ERRORS, "ExpiredTokenException": AWS_ERRORS["ExpiredToken"]}
AWS_ERROR_UNKNOWN = (
    "AWS respondió con el error {code}: {detail}",
    "Lee el mensaje de AWS y revisa los valores enviados.",
)
SNAPSHOT_NOT_COMPLETED = (
    "Ese `snapshot` todavía no está `completed` (AWS respondió: {detail}): solo se crea un volumen "
    "desde un `snapshot` terminado.",
    "Espera a que termine (`aws ec2 wait snapshot-completed --snapshot-ids` y su id, o "
    "`labkit.waits.snapshots(lab, snapshot_id)`) y vuelve a intentarlo.",
)
SNAPSHOT_IN_USE_UNNAMED = (
    "Ese `snapshot` lo usa una `AMI` registrada: AWS no deja borrarlo mientras la `AMI` exista.",
    "Busca la `AMI` con `aws ec2 describe-images --owners self`, anula su registro "
    "(`aws ec2 deregister-image --image-id` y su id) y luego borra el `snapshot`.",
)
NOT_YOUR_IMAGE = (
    "La `AMI` {image_id} es de otra cuenta (por ejemplo de Amazon): solo su dueño puede anular su "
    "registro o cambiarla.",
    "Trabaja con tus propias `AMI`: lístalas con `aws ec2 describe-images --owners self`.",
)
PARAMETER_INVALID = (
    "El parámetro `{parameter}` no es válido; boto3 lo revisó antes de enviarlo a AWS: {detail}",
    "Revisa el valor de `{parameter}` (tipo y largo) y vuelve a ejecutar la celda.",
)
WAITER_GAVE_UP = (
    "La espera `{name}` terminó sin que el recurso llegara al estado esperado: {detail}",
    "En AWS real puede tardar minutos: vuelve a ejecutar la celda, o espera con "
    "`labkit.waits.snapshots(lab, ids)` / `labkit.waits.image(lab, ami_id)`, que muestran el avance.",
)


# --- The local AWS (row 13 of docs/local-aws-differences.md: the CLI prints this text) ---------

ONLY_ON_REAL_AWS = (
    "{feature} solo existe en AWS real: el AWS simulado (local) del laboratorio no emula esta función. "
    "Consulta la lección 08_que_sigue o pruébala en una cuenta real de AWS (tiene costo)."
)
REAL_AWS_ONLY_FEATURES = {
    "dlm": "Amazon Data Lifecycle Manager (políticas que crean y borran snapshots y AMI)",
    "rbin": "Esta operación de la Papelera de reciclaje (Recycle Bin: bloqueo de reglas, etiquetas)",
    "ec2_operation": "La operación {operation} de EC2",  # any EC2 operation the local AWS does not emulate
}


# --- Console procedures (labkit.actions / labkit.console) ------------------------------------

NOTHING_SELECTED = (
    "No seleccionaste ningún {thing}.",
    "Elige {article} {thing} de la lista (o escribe su id) y vuelve a intentarlo.",
)
DESCRIPTION_NOT_TEXT = (
    "La descripción debe ser texto (recibí {kind}).",
    "Escribe la descripción entre comillas, por ejemplo \"Respaldo antes de actualizar\".",
)
DESCRIPTION_TOO_LONG = (
    "La descripción tiene {length} caracteres: AWS acepta como máximo {limit}.",
    "Acórtala a {limit} caracteres o menos y vuelve a intentarlo.",
)
AMI_NAME_EMPTY = (
    "Falta el nombre de la `AMI` (`Image name`): AWS lo exige.",
    f"Escribe un nombre de {AMI_NAME_MIN} a {AMI_NAME_MAX} caracteres, por ejemplo `mi-ami-web-v1`.",
)
AMI_NAME_LENGTH = (
    f"El nombre de la `AMI` tiene {{length}} caracteres: AWS exige entre {AMI_NAME_MIN} y {AMI_NAME_MAX}.",
    f"Escribe un nombre de {AMI_NAME_MIN} a {AMI_NAME_MAX} caracteres, por ejemplo `mi-ami-web-v1`.",
)
AMI_NAME_CHARS = (
    "El nombre de la `AMI` tiene caracteres que AWS no acepta: {chars}.",
    "Usa solo letras sin acentos ni ñ, números, espacios y ( ) [ ] . / - ' @ _ "
    "(por ejemplo `mi-ami-web-v1`).",
)
AMI_NAME_DUPLICATE = (
    "Ya tienes una `AMI` llamada {name!r} en esta región ({image_id}): el nombre debe ser único.",
    "Elige otro nombre, o elimina antes esa `AMI` (`Actions > Deregister AMI`).",
)
BAD_CHOICE = (
    "{field} no válido: {value!r}.",
    "Elige uno de estos valores: {options}.",
)
ROOT_DEVICE_BAD = (
    "El nombre del dispositivo raíz ({value!r}) no es válido: debe ser como `/dev/xvda` o `/dev/sda1`.",
    "Usa `/dev/xvda` (lo habitual en Amazon Linux) o `/dev/sda1`.",
)
OPTION_NOT_BOOL = (
    "La opción `{option}` debe ser True o False (recibí {value!r}).",
    "Escribe `{option}=True` o `{option}=False`, sin comillas.",
)
NO_REBOOT_NOT_BOOL = (
    "La opción `No reboot` debe ser True o False (recibí {value!r}).",
    "Pasa `no_reboot=True` para no reiniciar la instancia, o `no_reboot=False` (lo que hace AWS por defecto).",
)
SNAPSHOT_STILL_PENDING = (
    "El `snapshot` {ids} sigue en `pending` después de {seconds} s.",
    "En AWS real un `snapshot` puede tardar minutos: pulsa el botón de actualizar más tarde, "
    "o espera con `aws ec2 wait snapshot-completed --snapshot-ids <id>`.",
)
SNAPSHOT_FAILED = (
    "El `snapshot` {ids} terminó en estado `error`: AWS no pudo completarlo.",
    "Bórralo (`Actions > Delete snapshot`) y vuelve a crearlo.",
)

# Console procedures of labkit.console_actions (Deregister AMI, Copy snapshot, Modify permissions,
# Create volume from snapshot).
SNAPSHOT_KEPT_IN_USE = "no se borró: lo usa otra `AMI` registrada ({images})."
KMS_KEY_BAD = (
    "«{value}» no parece una clave KMS: usa un id de clave, un alias (`alias/…`) o un ARN (`arn:aws:kms:…`).",
    "Deja `alias/aws/ebs` (la clave administrada por AWS) o copia el id de tu clave de la consola de KMS.",
)
KMS_NEEDS_ENCRYPTED = (
    "Elegiste una clave KMS sin cifrar la copia: AWS solo acepta `KmsKeyId` junto con `Encrypted`.",
    "Marca `Encrypt this snapshot`, o deja la clave vacía.",
)
ZONE_UNKNOWN = (
    "La zona de disponibilidad {zone!r} no existe en {region}.",
    "Elige una de estas: {zones}. Para conectar el volumen a una instancia, usa la zona de esa instancia.",
)
VOLUME_NAME_BAD = (
    "El nombre del volumen (etiqueta `Name`) debe ser texto de 256 caracteres como máximo.",
    "Escribe un nombre corto, por ejemplo `datos restaurados`, o déjalo vacío.",
)
VOLUME_SIZE_BAD = (
    "El tamaño del volumen debe ser un número entero de GiB (recibí {value!r}).",
    "Escribe un número entero, por ejemplo 8.",
)
VOLUME_SMALLER_THAN_SNAPSHOT = (
    "Pediste {size} GiB, pero el `snapshot` {snapshot_id} es de un volumen de {minimum} GiB: "
    "AWS no crea un volumen más chico que su `snapshot`.",
    "Indica {minimum} GiB o más (o deja el tamaño vacío para usar el del `snapshot`).",
)
VOLUME_SIZE_RANGE = (
    "Un volumen `{volume_type}` mide entre {low} y {high} GiB; pediste {size} GiB.",
    "Elige un tamaño dentro de ese rango, u otro tipo de volumen (`gp3` va de 1 a 16384 GiB).",
)



# --- Waiting in a lesson cell (labkit.waits) --------------------------------------------------

WAIT_SNAPSHOT_PENDING = (
    "El `snapshot` {ids} sigue en `pending` después de {seconds} s.",
    "En AWS real un `snapshot` puede tardar minutos (más si es una copia cifrada): vuelve a ejecutar "
    "esta celda para seguir esperando; nada se perdió.",
)
IMAGE_STILL_PENDING = (
    "La `AMI` {image_id} sigue en `pending` después de {seconds} s: AWS aún copia sus `snapshots`.",
    "Vuelve a ejecutar esta celda para seguir esperando; nada se perdió.",
)
IMAGE_FAILED = (
    "La `AMI` {image_id} terminó en estado `{state}`: AWS no pudo crearla.",
    "Anula su registro (`aws ec2 deregister-image --image-id {image_id}`) y vuelve a crearla.",
)
TIER_UNKNOWN = (
    "`{tier}` no es un nivel de almacenamiento de `snapshots`: los niveles son `standard` y `archive`.",
    "Escribe `\"archive\"` para esperar el archivado o `\"standard\"` para esperar la restauración.",
)
TIER_STILL_CHANGING = (
    "El `snapshot` {snapshot_id} sigue en `{operation}` después de {seconds} s (en AWS real archivar tarda "
    "horas y restaurar hasta 72 horas).",
    "Vuelve a ejecutar esta celda para seguir esperando; nada se perdió.",
)
TIER_FAILED = (
    "El cambio de nivel del `snapshot` {snapshot_id} terminó en `{operation}`.",
    "Revisa su estado con `aws ec2 describe-snapshot-tier-status` y vuelve a intentarlo.",
)
WAIT_INTERRUPTED = (
    "Interrumpiste la espera de {what}: en AWS el trabajo sigue igual, solo dejaste de mirar.",
    "Vuelve a ejecutar la celda para seguir esperando, o continúa y revisa el estado más tarde.",
)


# --- Help texts next to the console widgets (the widgets' labels stay in English, as in AWS) ---

HELP_RESOURCE_TYPE = (
    "<b>Volume</b>: un <code>snapshot</code> de un solo volumen (API <code>CreateSnapshot</code>). "
    "<b>Instance</b>: un <code>snapshot</code> de cada volumen de la instancia, todos del mismo "
    "instante (API <code>CreateSnapshots</code>)."
)
HELP_EXCLUDE_BOOT = (
    "Marca <code>Exclude root volume</code> para no copiar el volumen raíz (el del sistema "
    "operativo) y respaldar solo los volúmenes de datos."
)
HELP_DESCRIPTION = (
    "La descripción es opcional, pero muy recomendable: dentro de unos meses te dirá qué guarda "
    "cada <code>snapshot</code>. Máximo 255 caracteres."
)
HELP_KIT_TAGS = (
    "El kit agrega la etiqueta <code>labkit:owner=labkit</code> a todo lo que crea: en AWS real "
    "solo borra lo que lleva esa etiqueta."
)
HELP_AMI_NAME = (
    f"Nombre único en tu cuenta y región: de {AMI_NAME_MIN} a {AMI_NAME_MAX} caracteres; letras sin acentos, números, "
    "espacios y ( ) [ ] . / - ' @ _."
)
HELP_IMAGE_FROM_SNAPSHOT = (
    "La <code>AMI</code> arranca desde este <code>snapshot</code> como volumen raíz. Indica la "
    "arquitectura y el tipo de virtualización: si no, la API usa <code>i386</code> y "
    "<code>paravirtual</code>."
)
HELP_NO_REBOOT = (
    "Sin <code>No reboot</code>, AWS <b>reinicia la instancia</b> para copiar sus discos en un estado "
    "coherente. Con <code>No reboot</code> la instancia sigue funcionando, pero la copia es solo "
    "coherente ante fallos (<i>crash-consistent</i>): es como desenchufarla, y lo que aún estaba en "
    "memoria sin escribir a disco no queda en la imagen."
)
HELP_DEREGISTER = (
    "Anular el registro de la <code>AMI</code> (<code>Deregister AMI</code>) <b>no borra</b> sus "
    "<code>snapshots</code> (siguen costando). "
    "Marca <code>Delete associated snapshots</code> para borrarlos también."
)
HELP_DELETE_SNAPSHOT = (
    "Si una <code>AMI</code> registrada usa este <code>snapshot</code>, AWS no deja borrarlo: "
    "primero hay que anular el registro de la <code>AMI</code> (<code>Deregister AMI</code>)."
)
HELP_PENDING = (
    "El <code>snapshot</code> empieza en <code>pending</code> y pasa a <code>completed</code> cuando "
    "AWS terminó de copiar los bloques. Ya puedes seguir trabajando con la instancia."
)
HELP_EMPTY_LIST = "No hay {what} en esta región todavía."
HELP_SELECT_FIRST = "Selecciona primero {what} en la lista y luego elige la acción en <code>Actions</code>."


# --- Encryption and sharing (labkit.sharing, 07_cifrado_y_compartir.ipynb) --------------------

BAD_ACCOUNT_ID = (
    "«{account}» no es un id de cuenta de AWS: son 12 dígitos, como 111122223333.",
    "Escribe el id de la otra cuenta como texto de 12 dígitos, entre comillas.",
)
# The console's Modify permissions form (labkit.console.procedures)
ACCOUNT_ID_TYPED_BAD = (
    "«{account}» no es un id de cuenta de AWS: son 12 dígitos, como 111122223333.",
    "Escribe en `AWS account ID` los 12 dígitos de la otra cuenta, sin guiones ni espacios, y elige "
    "`Add account`.",
)
ACCOUNT_ALREADY_LISTED = (
    "La cuenta {account} ya está en `Shared accounts` de `{snapshot}`.",
    "No hace falta agregarla otra vez: elige `Save changes` para guardar lo que cambiaste.",
)
ACCOUNT_NOT_LISTED = (
    "La cuenta {account} no está en `Shared accounts` de `{snapshot}`: no hay nada que quitar.",
    "Elige `Remove` junto a una de las cuentas de la lista.",
)
PERMISSIONS_UNCHANGED = (
    "No hay cambios que guardar en los permisos de `{snapshot}`.",
    "Escribe un id de cuenta y elige `Add account`, o elige `Remove` junto a una cuenta compartida; "
    "luego `Save changes`.",
)


# --- labkit.storage: the block model of incremental snapshots (03_almacenamiento_incremental) ---

STORAGE_BAD_SIZE = (
    "El tamaño del volumen debe ser un número entero de GiB mayor que cero (recibido: {value!r}).",
    "Indica el tamaño en GiB, por ejemplo `modelo.create_volume(15)` para un volumen de 15 GiB.",
)
STORAGE_BAD_AMOUNT = (
    "La cantidad a escribir debe ser un número entero de GiB mayor que cero (recibido: {value!r}).",
    "Escribe al menos 1 GiB, por ejemplo `volumen.write(gib=4)`.",
)
STORAGE_PAST_END = (
    "Esa escritura se sale del volumen: {what}, pero el volumen {volume!r} tiene {size_gib} GiB "
    "({n_blocks} bloques de 512 KiB, del 0 al {last}).",
    "Escribe dentro del volumen: revisa el inicio y la cantidad (o crea un volumen más grande).",
)
STORAGE_BAD_RANGE = (
    "El rango de bloques [{start}, {stop}) no es válido: el inicio debe ser ≥ 0 y menor que el final.",
    "Usa `volumen.write_blocks(inicio, fin)` con 0 ≤ inicio < fin ≤ {n_blocks}.",
)
STORAGE_BAD_FRACTION = (
    "La fracción a escribir debe estar entre 0 y 1 (recibido: {value!r}).",
    "Por ejemplo `volumen.write_fraction(0.01, seed=1)` reescribe el 1 % de los bloques.",
)
STORAGE_DUPLICATE_SNAPSHOT = (
    "Ya existe (o existió) un `snapshot` llamado {name!r} en este modelo.",
    "Elige otro nombre: en AWS cada `snapshot` tiene un id único que nunca se repite.",
)
STORAGE_UNKNOWN_SNAPSHOT = (
    "No hay ningún `snapshot` llamado {name!r} en este modelo.",
    "Los `snapshots` existentes son: {known}.",
)
STORAGE_ALREADY_DELETED = (
    "El `snapshot` {name!r} ya fue eliminado.",
    "No hace falta borrarlo otra vez; los que quedan son: {known}.",
)
STORAGE_DUPLICATE_VOLUME = (
    "Ya existe un volumen llamado {name!r} en este modelo.",
    "Elige otro nombre para el volumen nuevo.",
)
STORAGE_UNKNOWN_VOLUME = (
    "No hay ningún volumen llamado {name!r} en este modelo.",
    "Los volúmenes existentes son: {known}.",
)
STORAGE_VOLUME_TOO_SMALL = (
    "Un volumen creado desde el `snapshot` {name!r} debe medir al menos {min_gib} GiB (recibido: {value!r}).",
    "Indica un tamaño igual o mayor que el del volumen original, como exige AWS.",
)
STORAGE_BAD_POLICY = (
    "La política de retención no es válida: {detail}",
    "Usa un volumen de al menos 1 GiB, un cambio diario entre 0 % y 100 % y conservar al menos 1 `snapshot`.",
)
STORAGE_NO_SNAPSHOT_IDS = (
    "No se indicó ningún `snapshot` para leer con las EBS direct APIs.",
    "Pasa una lista de ids del mismo volumen, del más antiguo al más nuevo: `['snap-…', 'snap-…']`.",
)
