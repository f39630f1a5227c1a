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
escenario = labkit.lesson.begin(lab, snapshot_descriptions=["06 · datos para limpiar"], image_names=["ami-06-limpieza"])

# %% [markdown]
# Para practicar, preparamos un `snapshot` del volumen de datos de la instancia privada y una
# `AMI` registrada sobre él (como en la DEMO #17):

# %%
ec2 = lab.ec2
datos = ec2.describe_volumes(Filters=[
    {"Name": "attachment.instance-id", "Values": [escenario.private_instance_id]},
    {"Name": "attachment.device", "Values": ["/dev/sdf"]},
])["Volumes"][0]["VolumeId"]
snapshot_id = ec2.create_snapshot(VolumeId=datos, Description="06 · datos para limpiar")["SnapshotId"]
ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[snapshot_id], WaiterConfig={"Delay": 1})
image_id = ec2.register_image(
    Name="ami-06-limpieza", RootDeviceName="/dev/xvda", Architecture="x86_64", VirtualizationType="hvm",
    BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snapshot_id}}],
)["ImageId"]
labkit.tables.images(lab)

# %% [markdown]
# ## ¿Cómo obtengo la lista de mis `snapshots` desde la `cli`?
#
# Con el comando de la página, tal cual:

# %%
# !aws ec2 describe-snapshots --owner self --query "Snapshots[*].{Id:SnapshotId,Descripcion:Description,Estado:State}" --output table

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
# El error `InvalidSnapshot.InUse` es AWS protegiéndote: si borrara el `snapshot`, la `AMI`
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
# !aws ec2 describe-snapshots --owner-ids self --filters Name=description,Values="06 · datos para limpiar" --query "length(Snapshots)"

# %% [markdown]
# > **Para saber más.** Desde la versión 1.40.24 de la `cli` existe
# > `aws ec2 deregister-image --image-id <id> --delete-associated-snapshots`, que borra la `AMI`
# > y sus `snapshots` de una vez.

# %% [markdown]
# ## Ejercicios
#
# **Ejercicio 1.** Crea una `AMI` llamada `ami-06-ejercicio` sobre un `snapshot` nuevo del volumen
# de datos y después **límpialo todo** en el orden correcto (la `AMI` y su `snapshot`).

# %% tags=["ejercicio"]
### BEGIN SOLUTION
snap = ec2.create_snapshot(VolumeId=datos, Description="06 · datos para limpiar")["SnapshotId"]
ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[snap], WaiterConfig={"Delay": 1})
ami = ec2.register_image(Name="ami-06-ejercicio", RootDeviceName="/dev/xvda", Architecture="x86_64",
                         VirtualizationType="hvm",
                         BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snap}}])["ImageId"]
ec2.deregister_image(ImageId=ami)
ec2.delete_snapshot(SnapshotId=snap)
### END SOLUTION
labkit.checks.cleaned_up(lab, "ami-06-ejercicio", "06 · datos para limpiar")

# %% [markdown]
# **Ejercicio 2.** ¿Cuál es la opción **documentada** para ver solo tus `AMI` con
# `describe-images`? Escribe la opción completa en `opcion` (por ejemplo `"--algo self"`).

# %% tags=["ejercicio"]
opcion = None
### BEGIN SOLUTION
opcion = "--owners self"
### END SOLUTION
labkit.checks.documented_owner_option(opcion)

# %% [markdown]
# ## Puntos clave
# - `aws ec2 describe-snapshots --owner-ids self` lista solo tus `snapshots` (`--owner self` es una abreviatura).
# - AWS no borra un `snapshot` que usa una `AMI` registrada: `InvalidSnapshot.InUse`.
# - Orden de limpieza: `deregister-image` primero, `delete-snapshot` después.
# - Anular el registro de una `AMI` (`deregister-image`) no borra sus `snapshots`.
#
# Anterior: [05 · DEMO #17: crear una `AMI`](05_demo17_crear_ami.ipynb) · [Índice](../README.md#lecciones) · Siguiente: [07 · Cifrado y compartir](07_cifrado_y_compartir.ipynb)
