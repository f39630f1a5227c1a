# %% [markdown]
# # 07 · Cifrar y compartir `snapshots`
#
# Anterior: [06 · FAQ y limpieza](06_faq_y_limpieza.ipynb) · [Índice](../README.md#lecciones) · Siguiente: [08 · ¿Qué sigue?](08_que_sigue.ipynb)
#
# **Tiempo estimado:** 15 minutos.
#
# **Objetivos**
# - Hacer una copia **cifrada** de un `snapshot` y ver que los volúmenes que salen de ella también lo están.
# - Compartir un `snapshot` con otra cuenta de AWS.
# - Saber qué `snapshots` no se pueden compartir y por qué.
#
# La página dice que cada `snapshot` «puede ser encriptado por seguridad y compartido con otras
# cuentas de AWS». En el kit decimos **cifrado** (es lo mismo que «encriptado»).

# %%
import labkit

lab = labkit.start()
escenario = labkit.lesson.begin(
    lab, snapshot_descriptions=["07 · datos sin cifrar", "07 · copia cifrada"], volume_names=["07 · volumen cifrado"])
ec2 = lab.ec2
datos = ec2.describe_volumes(Filters=[
    {"Name": "attachment.instance-id", "Values": [escenario.private_instance_id]},
    {"Name": "attachment.device", "Values": ["/dev/sdf"]},
])["Volumes"][0]["VolumeId"]
sin_cifrar = labkit.actions.create_snapshot(lab, datos, "07 · datos sin cifrar")
labkit.waits.snapshots(lab, sin_cifrar)

# %% [markdown]
# ## Cifrar: una copia cifrada
#
# Un `snapshot` sin cifrar **no se puede cifrar directamente**: se hace una **copia cifrada** con
# `copy-snapshot --encrypted`. Sin `--kms-key-id`, AWS usa la clave administrada por AWS para
# EBS, `alias/aws/ebs`. Una copia que cambia el cifrado es **completa**, no incremental.
#
# Dos detalles del comando: `--source-region` es la región del `snapshot` original (aquí, la de
# tu laboratorio: `lab.region`), y `--tag-specifications` pone a la copia la etiqueta del kit,
# `labkit:owner=labkit`. Sin ella, en una cuenta real el kit no tocaría la copia (ni para
# compartirla ni para limpiarla): solo cambia lo que lleva su etiqueta.

# %%
etiqueta_del_kit = "ResourceType=snapshot,Tags=[{Key=labkit:owner,Value=labkit}]"
# !aws ec2 copy-snapshot --source-region {lab.region} --source-snapshot-id {sin_cifrar} \
#   --encrypted --description "07 · copia cifrada" --tag-specifications "{etiqueta_del_kit}" --query SnapshotId

# %%
cifrado = ec2.describe_snapshots(OwnerIds=["self"], Filters=[
    {"Name": "description", "Values": ["07 · copia cifrada"]}])["Snapshots"][0]["SnapshotId"]
labkit.waits.snapshots(lab, cifrado)  # una copia cifrada tarda más: es completa
# !aws ec2 describe-snapshots --snapshot-ids {sin_cifrar} {cifrado} \
#   --query "Snapshots[*].[Description,Encrypted,KmsKeyId]" --output table --color off

# %% [markdown]
# `--kms-key-id` solo tiene sentido junto con `--encrypted`. Sin él, AWS rechaza la petición:

# %%
# !aws ec2 copy-snapshot --source-region {lab.region} --source-snapshot-id {sin_cifrar} --kms-key-id alias/aws/ebs

# %% [markdown]
# Los volúmenes creados desde un `snapshot` cifrado **están cifrados**:

# %%
zona = ec2.describe_volumes(VolumeIds=[datos])["Volumes"][0]["AvailabilityZone"]
nuevo = ec2.create_volume(SnapshotId=cifrado, AvailabilityZone=zona,
                          TagSpecifications=[labkit.safety.tag_spec("volume", "07 · volumen cifrado")])
print(f"Volumen desde la copia cifrada: Encrypted = {nuevo['Encrypted']}")

# %% [markdown]
# > **Cifrado por defecto.** En cada región puedes activar «EBS encryption by default». Desde ese
# > momento **los volúmenes nuevos** se crean cifrados (con `alias/aws/ebs` salvo que elijas otra
# > clave), y también las copias nuevas de `snapshots`. **No cambia lo que ya existe**: los volúmenes
# > y `snapshots` anteriores siguen como estaban. Y un `snapshot` siempre tiene el cifrado de su
# > volumen: el `snapshot` de un volumen sin cifrar sale sin cifrar. Fuente: guía de usuario de
# > Amazon EBS, «Create Amazon EBS snapshots» (*Snapshot encryption*) y «Encryption by default».

# %% [markdown]
# > **Lo que verás en la consola real** (consola de EC2 en inglés, hoy):
# > - Cifrar: `Snapshots` › elige el `snapshot` › `Actions` › **`Copy snapshot`**; en el formulario,
# >   la casilla `Encrypt this snapshot` y la clave (`KMS key`); botón `Copy snapshot`.
# > - Compartir: `Actions` › `Snapshot settings` › **`Modify permissions`**; elige `Private`, añade
# >   el número de cuenta (`Add account`) y guarda con `Save changes`. `Public` lo haría público.
# >
# > Fuente: guía de usuario de Amazon EBS, «Copy an Amazon EBS snapshot» y «Share an Amazon EBS snapshot».

# %% [markdown]
# ## Compartir con otra cuenta
#
# Compartir un `snapshot` es dar permiso de **crear volúmenes** desde él a otra cuenta:

# %%
# !aws ec2 modify-snapshot-attribute --snapshot-id {sin_cifrar} \
#   --attribute createVolumePermission --operation-type add --user-ids 111122223333
# !aws ec2 describe-snapshot-attribute --snapshot-id {sin_cifrar} --attribute createVolumePermission

# %% [markdown]
# Con `--group-names all` en lugar de `--user-ids`, el `snapshot` se vuelve **público**: cualquiera
# podría crear un volumen con tus datos. Solo los `snapshots` sin cifrar pueden ser públicos.
#
# ¿Y la copia cifrada? Está cifrada con la clave **administrada por AWS**, que ninguna otra cuenta
# puede usar, así que **AWS no permite compartirla** (`OperationNotPermitted`). El kit te explica
# el rechazo:

# %% tags=["raises-exception"]
labkit.sharing.share_snapshot(lab, cifrado, "111122223333")

# %% [markdown]
# ## Ejercicios
#
# **Ejercicio 1.** Comparte el `snapshot` sin cifrar (`sin_cifrar`) con la cuenta `444455556666`.

# %% tags=["ejercicio"]
# Escribe tu código aquí

# %% deletable=false editable=false tags=["comprobacion"]
labkit.checks.shared_with(lab, sin_cifrar, "444455556666")

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# <details><summary>Ver la solución comentada (ábrela después de intentarlo)</summary>
#
# ```python
# # Compartir = dar a esa cuenta (UserIds, no GroupNames=["all"], que lo haría público) permiso
# # de crear volúmenes desde el snapshot:
# ec2.modify_snapshot_attribute(SnapshotId=sin_cifrar, Attribute="createVolumePermission",
#                               OperationType="add", UserIds=["444455556666"])
# ```
#
# Con la `cli`: `aws ec2 modify-snapshot-attribute --snapshot-id {sin_cifrar} --attribute
# createVolumePermission --operation-type add --user-ids 444455556666`.
# </details>
# <!-- END SOLUTION -->

# %% [markdown]
# **Ejercicio 2.** Haz otra copia cifrada del `snapshot` sin cifrar, con la descripción
# `07 · copia cifrada`, y guarda su id en `respuesta`.

# %% tags=["ejercicio"]
respuesta = None
# Escribe tu código aquí

# %% deletable=false editable=false tags=["comprobacion"]
labkit.checks.encrypted_copy_of(lab, respuesta, sin_cifrar)

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# <details><summary>Ver la solución comentada (ábrela después de intentarlo)</summary>
#
# ```python
# # copy-snapshot con Encrypted=True: una copia completa, cifrada con alias/aws/ebs (sin KmsKeyId).
# # SourceRegion es la región del snapshot original: aquí, la misma del laboratorio.
# copia = ec2.copy_snapshot(SourceSnapshotId=sin_cifrar, SourceRegion=lab.region, Encrypted=True,
#                           Description="07 · copia cifrada")
# respuesta = copia["SnapshotId"]   # el id de la copia, no el del original
# ```
#
# Con la `cli`: `aws ec2 copy-snapshot --source-region <región> --source-snapshot-id {sin_cifrar}
# --encrypted --description "07 · copia cifrada" --query SnapshotId`.
# </details>
# <!-- END SOLUTION -->

# %% [markdown]
# ## Puntos clave
# - Un `snapshot` sin cifrar se cifra haciendo una copia: `copy-snapshot --encrypted` (completa, no incremental).
# - Los volúmenes creados desde un `snapshot` cifrado están cifrados. Un `snapshot` tiene el cifrado
#   de su volumen; el cifrado por defecto afecta a lo nuevo, no a lo que ya existe.
# - Compartir = `modify-snapshot-attribute --attribute createVolumePermission --operation-type add --user-ids …`.
# - Los `snapshots` cifrados con `alias/aws/ebs` no se pueden compartir; solo los no cifrados pueden ser públicos.
#
# Anterior: [06 · FAQ y limpieza](06_faq_y_limpieza.ipynb) · [Índice](../README.md#lecciones) · Siguiente: [08 · ¿Qué sigue?](08_que_sigue.ipynb)
