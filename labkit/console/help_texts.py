"""Spanish help shown next to the console procedures added to the lessons (widget text; the
messages of errors live in ``labkit.messages``)."""

HELP_DEREGISTER_PARTIAL = (
    "La <code>AMI</code> ya no está registrada, pero AWS no borró todos sus <code>snapshots</code>: "
    "un <code>snapshot</code> que otra <code>AMI</code> registrada usa no se puede borrar "
    "(<code>InvalidSnapshot.InUse</code>). Sigue en la lista de <code>Snapshots</code> y sigue costando:"
)
HELP_COPY_SNAPSHOT = (
    "Una copia es un <code>snapshot</code> <b>completo</b> (no incremental respecto del original). "
    "Es la única forma de cifrar un <code>snapshot</code> sin cifrar: marca <code>Encrypt this "
    "snapshot</code>. La copia de un <code>snapshot</code> cifrado siempre queda cifrada."
)
HELP_KMS_KEY = (
    "<code>alias/aws/ebs</code> es la clave que AWS administra por ti. Un <code>snapshot</code> cifrado "
    "con ella no se puede compartir con otra cuenta: para compartirlo, usa una clave KMS tuya."
)
HELP_MODIFY_PERMISSIONS = (
    "Compartir un <code>snapshot</code> con otra cuenta le permite crear volúmenes a partir de él "
    "(<code>modify-snapshot-attribute --attribute createVolumePermission --operation-type add</code>). "
    "Para dejar de compartirlo, elige <code>Remove</code> junto a la cuenta (<code>--operation-type remove</code>). "
    "Nada cambia en AWS hasta que eliges <code>Save changes</code>. "
    "El kit no ofrece <code>Public</code>: un <code>snapshot</code> público lo puede copiar cualquiera."
)
HELP_VOLUME_FROM_SNAPSHOT = (
    "El volumen nuevo nace con los datos del <code>snapshot</code> (los carga a medida que se leen). "
    "Elige la zona de la instancia a la que lo vas a conectar: un volumen solo se conecta a instancias "
    "de su misma zona. El tamaño no puede ser menor que el del <code>snapshot</code>."
)
