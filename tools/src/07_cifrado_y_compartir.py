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
sin_cifrar = ec2.create_snapshot(VolumeId=datos, Description="07 · datos sin cifrar")["SnapshotId"]
ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[sin_cifrar], WaiterConfig={"Delay": 1})

# %% [markdown]
# ## Cifrar: una copia cifrada
#
# Un `snapshot` sin cifrar **no se puede cifrar «en el sitio»**: se hace una **copia cifrada** con
# `copy-snapshot --encrypted`. Sin `--kms-key-id`, AWS usa la clave administrada por AWS para
# EBS, `alias/aws/ebs`. Una copia que cambia el cifrado es **completa**, no incremental.

# %%
# !aws ec2 copy-snapshot --source-region us-east-1 --source-snapshot-id {sin_cifrar} \
#   --encrypted --description "07 · copia cifrada" --query SnapshotId

# %%
cifrado = ec2.describe_snapshots(OwnerIds=["self"], Filters=[
    {"Name": "description", "Values": ["07 · copia cifrada"]}])["Snapshots"][0]["SnapshotId"]
ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[cifrado], WaiterConfig={"Delay": 1})
# !aws ec2 describe-snapshots --snapshot-ids {sin_cifrar} {cifrado} \
#   --query "Snapshots[*].[Description,Encrypted,KmsKeyId]" --output table

# %% [markdown]
# `--kms-key-id` solo tiene sentido junto con `--encrypted`. Sin él, AWS rechaza la petición:

# %%
# !aws ec2 copy-snapshot --source-region us-east-1 --source-snapshot-id {sin_cifrar} --kms-key-id alias/aws/ebs

# %% [markdown]
# Los volúmenes creados desde un `snapshot` cifrado **están cifrados**:

# %%
zona = ec2.describe_volumes(VolumeIds=[datos])["Volumes"][0]["AvailabilityZone"]
nuevo = ec2.create_volume(SnapshotId=cifrado, AvailabilityZone=zona, TagSpecifications=[
    {"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": "07 · volumen cifrado"}]}])
print(f"Volumen desde la copia cifrada: Encrypted = {nuevo['Encrypted']}")

# %% [markdown]
# > **Cifrado por defecto.** En cada región puedes activar «EBS encryption by default»: desde ese
# > momento todo volumen y `snapshot` nuevo se cifra, con `alias/aws/ebs` salvo que elijas otra clave.

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
### BEGIN SOLUTION
labkit.sharing.share_snapshot(lab, sin_cifrar, "444455556666")
### END SOLUTION
labkit.checks.shared_with(lab, sin_cifrar, "444455556666")

# %% [markdown]
# **Ejercicio 2.** Haz otra copia cifrada del `snapshot` sin cifrar, con la descripción
# `07 · copia cifrada`, y guarda su id en `respuesta`.

# %% tags=["ejercicio"]
respuesta = None
### BEGIN SOLUTION
respuesta = labkit.sharing.encrypted_copy(lab, sin_cifrar, "07 · copia cifrada")
### END SOLUTION
labkit.checks.encrypted_copy_of(lab, respuesta, sin_cifrar)

# %% [markdown]
# ## Puntos clave
# - Un `snapshot` sin cifrar se cifra haciendo una copia: `copy-snapshot --encrypted` (completa, no incremental).
# - Los volúmenes creados desde un `snapshot` cifrado están cifrados.
# - Compartir = `modify-snapshot-attribute --attribute createVolumePermission --operation-type add --user-ids …`.
# - Los `snapshots` cifrados con `alias/aws/ebs` no se pueden compartir; solo los no cifrados pueden ser públicos.
#
# Anterior: [06 · FAQ y limpieza](06_faq_y_limpieza.ipynb) · [Índice](../README.md#lecciones) · Siguiente: [08 · ¿Qué sigue?](08_que_sigue.ipynb)
