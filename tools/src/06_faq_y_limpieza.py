# %% [markdown]
# # 06 · FAQ y limpieza: borrar `AMI` y `snapshots` en el orden correcto
#
# Anterior: [05 · DEMO #17: crear una `AMI`](05_demo17_crear_ami.ipynb) · [Índice](../README.md#lecciones) · Siguiente: [07 · Cifrado y compartir](07_cifrado_y_compartir.ipynb)
#
# **Tiempo estimado:** 15 minutos.
#
# **Objetivos**
# - Ejecutar los comandos de las FAQ de la página: listar tus `snapshots`, borrar una `AMI`,
#   borrar un `snapshot`.
# - Entender por qué AWS no deja borrar un `snapshot` que usa una `AMI`, y el orden correcto.
# - Conocer la forma documentada de las opciones `--owner` que usa la página.

# %%
import labkit

lab = labkit.start()
escenario = labkit.lesson.begin(lab, snapshot_descriptions=["06 · raíz para limpiar", "06 · ejercicio de limpieza"],
                                image_names=["ami-06-limpieza", "ami-06-ejercicio"])

# %% [markdown]
# Para practicar, preparamos un `snapshot` del volumen **raíz** de la instancia privada y una
# `AMI` registrada sobre él, que podría arrancar (como en la DEMO #17). Los crea el kit, con su
# etiqueta, para que en una cuenta real pueda limpiarlos si no llegas al final:

# %%
ec2 = lab.ec2
raiz = ec2.describe_volumes(Filters=[
    {"Name": "attachment.instance-id", "Values": [escenario.private_instance_id]},
    {"Name": "attachment.device", "Values": ["/dev/xvda"]},
])["Volumes"][0]["VolumeId"]
snapshot_id = labkit.actions.create_snapshot(lab, raiz, "06 · raíz para limpiar")
labkit.waits.snapshots(lab, snapshot_id)
image_id = labkit.actions.create_image_from_snapshot(lab, snapshot_id, "ami-06-limpieza")
labkit.tables.images(lab)

# %% [markdown]
# ## ¿Cómo obtengo la lista de mis `snapshots` desde la `cli`?
#
# Con el comando de la página, tal cual:

# %%
# !aws ec2 describe-snapshots --owner self --query "Snapshots[*].{Id:SnapshotId,Descripcion:Description,Estado:State}" --output table --color off

# %% [markdown]
# > **Nota.** La opción documentada es `--owner-ids self`. `--owner self` funciona porque la `cli`
# > acepta abreviaturas de las opciones. Sin ella verías también los `snapshots` públicos de
# > otras cuentas. Para `describe-images` la opción documentada es `--owners self` (la página
# > escribe `--owner self`, que también funciona como abreviatura).

# %%
# !aws ec2 describe-snapshots --owner-ids self --query "length(Snapshots)"

# %% [markdown]
# ## ¿Cómo elimino un `snapshot` desde la `cli`?
#
# La página propone `aws ec2 delete-snapshot --snapshot-id <snapshot_id>`. Pruébalo con el
# `snapshot` de la `AMI`: **AWS lo rechaza**, porque una `AMI` registrada lo está usando.

# %%
# !aws ec2 delete-snapshot --snapshot-id {snapshot_id}

# %% [markdown]
# Con el error `InvalidSnapshot.InUse`, AWS te protege: si borrara el `snapshot`, la `AMI`
# quedaría rota. Las funciones del kit explican el mismo error en español:

# %% tags=["raises-exception"]
labkit.actions.delete_snapshot(lab, snapshot_id)

# %% [markdown]
# ## ¿Cómo elimino una imagen desde la `cli`?
#
# Con `aws ec2 deregister-image --image-id <image_id>`. **Anular el registro de una `AMI` no borra
# sus `snapshots`**: siguen ahí (y se siguen cobrando) hasta que los borres.

# %%
# !aws ec2 deregister-image --image-id {image_id}
# !aws ec2 describe-snapshots --snapshot-ids {snapshot_id} --query "Snapshots[0].State"

# %% [markdown]
# Ahora sí: el orden correcto es **primero la `AMI`, después sus `snapshots`**.

# %%
# !aws ec2 delete-snapshot --snapshot-id {snapshot_id}
# !aws ec2 describe-snapshots --owner-ids self --filters Name=description,Values="06 · raíz para limpiar" --query "length(Snapshots)"

# %% [markdown]
# > **Para saber más.** Las versiones recientes de la `cli` (en la v1, desde la 1.40.24; en la v2,
# > las publicadas desde entonces) tienen
# > `aws ec2 deregister-image --image-id <id> --delete-associated-snapshots`, que borra la `AMI`
# > y sus `snapshots` de una vez. Mira tu versión con `aws --version` y si la opción existe con
# > `aws ec2 deregister-image help`.
#
# > **Lo que verás en la consola real** (consola de EC2 en inglés, hoy): `Images` › `AMIs` › elige
# > la `AMI` › `Actions` › **`Deregister AMI`**. El diálogo ofrece la casilla **«Delete associated
# > snapshots»**: márcala y la consola borra también sus `snapshots` (sin ella, quedan y se siguen
# > cobrando). Fuente: guía de usuario de Amazon EC2, «Deregister an Amazon EC2 AMI».

# %% [markdown]
# ## Ejercicios
#
# **Ejercicio 1.** Esta celda crea una `AMI` nueva, `ami-06-ejercicio`, sobre un `snapshot` nuevo
# del volumen raíz. **Límpialo todo** en el orden correcto: la `AMI` (`ami_ejercicio`) y su
# `snapshot` (`snap_ejercicio`).

# %%
snap_ejercicio = labkit.actions.create_snapshot(lab, raiz, "06 · ejercicio de limpieza")
labkit.waits.snapshots(lab, snap_ejercicio)
ami_ejercicio = labkit.actions.create_image_from_snapshot(lab, snap_ejercicio, "ami-06-ejercicio")
print("Para limpiar: la AMI ami_ejercicio y el snapshot snap_ejercicio")

# %% tags=["ejercicio"]
# Escribe tu código aquí

# %% deletable=false editable=false tags=["comprobacion"]
labkit.checks.cleaned_up(lab, ami_ejercicio, snap_ejercicio)

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# <details><summary>Ver la solución comentada (ábrela después de intentarlo)</summary>
#
# ```python
# # Primero la AMI: mientras está registrada, AWS no deja borrar su snapshot (InvalidSnapshot.InUse).
# ec2.deregister_image(ImageId=ami_ejercicio)
# # Después el snapshot: anular el registro no lo borró.
# ec2.delete_snapshot(SnapshotId=snap_ejercicio)
# ```
#
# Con la `cli`: `aws ec2 deregister-image --image-id {ami_ejercicio}` y después
# `aws ec2 delete-snapshot --snapshot-id {snap_ejercicio}`.
# </details>
# <!-- END SOLUTION -->

# %% [markdown]
# **Ejercicio 2.** ¿Cuál es la opción **documentada** para ver solo tus `AMI` con
# `describe-images`? Escribe la opción completa en `opcion` (por ejemplo `"--algo self"`).

# %% tags=["ejercicio"]
opcion = None
# Escribe tu código aquí

# %% deletable=false editable=false tags=["comprobacion"]
labkit.checks.documented_owner_option(opcion)

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# <details><summary>Ver la solución comentada (ábrela después de intentarlo)</summary>
#
# ```python
# opcion = "--owners self"   # en plural; --owner self funciona como abreviatura
# ```
# </details>
# <!-- END SOLUTION -->

# %% [markdown]
# ## Puntos clave
# - `aws ec2 describe-snapshots --owner-ids self` lista solo tus `snapshots` (`--owner self` es una abreviatura).
# - AWS no borra un `snapshot` que usa una `AMI` registrada: `InvalidSnapshot.InUse`.
# - Orden de limpieza: `deregister-image` primero, `delete-snapshot` después.
# - Anular el registro de una `AMI` (`deregister-image`) no borra sus `snapshots`.
#
# Anterior: [05 · DEMO #17: crear una `AMI`](05_demo17_crear_ami.ipynb) · [Índice](../README.md#lecciones) · Siguiente: [07 · Cifrado y compartir](07_cifrado_y_compartir.ipynb)
