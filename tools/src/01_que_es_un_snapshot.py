# %% [markdown]
# # 01 · ¿Qué es un `snapshot`?
#
# Anterior: [00 · Bienvenida](00_bienvenida.ipynb) · [Índice](../README.md#lecciones) · Siguiente: [02 · DEMO #16: crear un `snapshot`](02_demo16_crear_snapshot.ipynb)
#
# **Tiempo estimado:** 15 minutos.
#
# **Objetivos**
# - Explicar qué es un `snapshot` de un volumen EBS y dónde se guarda.
# - Entender por qué los `snapshots` son incrementales.
# - Ver en tu cuenta que los volúmenes de las instancias dicen de qué `snapshot` nacieron.

# %%
import labkit

lab = labkit.start()
escenario = labkit.lesson.begin(lab)

# %% [markdown]
# ## Un respaldo de un volumen EBS
#
# Un `snapshot` es un **respaldo de un volumen EBS**, tomado en un momento dado. AWS lo guarda en
# S3, pero en *buckets* que administra AWS: no los verás en tu lista de S3 ni podrás abrirlos con
# herramientas de S3. Solo los ves como `snapshots` en EC2.
#
# Los `snapshots` son **incrementales**:
# - El primer `snapshot` de un volumen copia **los datos escritos** (no el tamaño del volumen: un
#   volumen de 200 GiB con 50 GiB escritos da un primer `snapshot` de 50 GiB).
# - Los siguientes `snapshots` del mismo volumen guardan solo **los cambios (delta) desde el
#   `snapshot` anterior**, y se apoyan en los anteriores para el resto.
# - Aun así, **cada `snapshot` representa el volumen completo** en su momento: con el último basta
#   para recuperar todo el volumen.
#
# > **Nota.** La página del curso dice que «la eliminación de un `snapshot` solo eliminará esta
# > diferencia de datos». La regla exacta de AWS es: al borrar un `snapshot` se borran solo los
# > datos **que ningún otro `snapshot` necesita**. Si un `snapshot` posterior todavía usa esos
# > bloques, no se borran (y la factura no baja). Lo verás con números en la lección 03.

# %% [markdown]
# ## Para qué sirven
#
# Con un `snapshot` puedes **recuperar** un volumen o **crear volúmenes nuevos** idénticos al
# volumen en el momento del `snapshot`. Así es como AWS levanta las instancias: el volumen raíz de
# cada instancia se crea a partir del `snapshot` de su `AMI`.
#
# Compruébalo en tu cuenta. La columna `Snapshot` de la lista de volúmenes dice de qué `snapshot`
# salió cada volumen:

# %%
labkit.tables.volumes(lab)

# %% [markdown]
# Los volúmenes raíz tienen un `snapshot`; el volumen de datos de la instancia privada se creó
# vacío, así que no tiene ninguno. Lo mismo con la `cli`:

# %%
# !aws ec2 describe-volumes \
#   --query "Volumes[*].{Volumen:VolumeId,Snapshot:SnapshotId,Dispositivo:Attachments[0].Device}" \
#   --output table

# %% [markdown]
# ¿De dónde sale ese `snapshot`? De la `AMI` con la que se lanzó la instancia. Su
# `BlockDeviceMappings` nombra el mismo `snapshot`:

# %%
ami_id = lab.ec2.describe_instances(InstanceIds=[escenario.private_instance_id])["Reservations"][0]["Instances"][0]["ImageId"]
print(f"La instancia privada se lanzó desde la AMI {ami_id}")
# !aws ec2 describe-images --image-ids {ami_id} --query "Images[0].BlockDeviceMappings"

# %% [markdown]
# ## Cifrar y compartir
#
# Cada `snapshot` puede estar **cifrado** (la página dice «encriptado»; en el kit decimos
# «cifrado») y puede **compartirse** con otras cuentas de AWS. Lo practicarás en la lección 07.

# %% [markdown]
# ## Ejercicios
#
# **Ejercicio 1.** Guarda en `respuesta` el id del `snapshot` del que salió el volumen raíz de la
# **instancia pública**. Usa la tabla de volúmenes o la `cli`.

# %% tags=["ejercicio"]
respuesta = None
### BEGIN SOLUTION
volumenes = lab.ec2.describe_volumes(Filters=[
    {"Name": "attachment.instance-id", "Values": [escenario.public_instance_id]}])["Volumes"]
respuesta = [v["SnapshotId"] for v in volumenes if v["SnapshotId"]][0]
### END SOLUTION
labkit.checks.root_snapshot(lab, "Instancia pública", respuesta)

# %% [markdown]
# **Ejercicio 2.** Un volumen de 100 GiB tiene 30 GiB escritos. Tomas un `snapshot`, cambias 5 GiB
# y tomas otro. ¿Cuántos GiB guarda AWS en total entre los dos? Escribe el número en `gib`.

# %% tags=["ejercicio"]
gib = None
### BEGIN SOLUTION
gib = 35
### END SOLUTION
labkit.checks.incremental_total(gib, written=30, changed=5)

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# <details><summary>Solución comentada</summary>
#
# 1. El volumen raíz de la instancia pública tiene `SnapshotId` igual al `snapshot` raíz de la `AMI`
#    de Amazon Linux 2023 con la que se lanzó.
# 2. 30 GiB (el primero copia solo lo escrito) + 5 GiB (el segundo, solo el cambio) = 35 GiB.
# </details>
# <!-- END SOLUTION -->
#
# ## Puntos clave
# - Un `snapshot` es un respaldo de un volumen EBS; AWS lo guarda en S3 administrado por AWS.
# - Son incrementales: el primero copia lo escrito, los siguientes solo los cambios.
# - Borrar un `snapshot` borra solo lo que ningún otro `snapshot` necesita.
# - Los volúmenes creados desde un `snapshot` lo muestran en `SnapshotId`: así nacen los volúmenes
#   raíz de las instancias.
#
# Anterior: [00 · Bienvenida](00_bienvenida.ipynb) · [Índice](../README.md#lecciones) · Siguiente: [02 · DEMO #16: crear un `snapshot`](02_demo16_crear_snapshot.ipynb)
