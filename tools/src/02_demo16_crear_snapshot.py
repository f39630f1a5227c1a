# %% [markdown]
# # 02 · 💻 DEMO #16: creación de un `snapshot`
#
# Anterior: [01 · ¿Qué es un `snapshot`?](01_que_es_un_snapshot.ipynb) · [Índice](../README.md#lecciones) · Siguiente: [03 · Almacenamiento incremental](03_almacenamiento_incremental.ipynb)
#
# **Tiempo estimado:** 20 minutos.
#
# **Objetivos**
# - Crear un `snapshot` desde la consola web, como en el procedimiento de la página.
# - Crear un `snapshot` desde la `cli` con los comandos de la página, y ver su equivalente en Python (`boto3`).
# - Esperar a que el `snapshot` pase de `pending` a `completed`.
# - Recuperar: crear un volumen nuevo a partir del `snapshot`.

# %%
import labkit

lab = labkit.start()
DEMO16 = ["DEMO 16 · datos de la instancia privada", "DEMO 16 · instancia privada (consola)",
          "DEMO 16 · instancia privada sin raíz", "DEMO 16 · raíz de la instancia pública",
          "DEMO 16 · instancia privada completa"]
escenario = labkit.lesson.begin(lab, snapshot_descriptions=DEMO16, volume_names=["DEMO 16 · volumen restaurado"])

# %% [markdown]
# ## Procedimiento (Web)
#
# Los pasos de la página, en la consola de este laboratorio (los botones y menús están en
# inglés, como en AWS):
#
# 1. Ir al Dashboard de EC2.
# 2. Hacer clic en `Instances`.
# 3. Tomar nota del `id` de la **instancia privada**.
# 4. Hacer clic en `Snapshots`.
# 5. Hacer clic en `Create Snapshot` (hoy el botón dice `Create snapshot`).
# 6. Seleccionar `Instance` como el tipo de recurso (`Resource type`).
# 7. Introducir el `Id` en el campo `Instance ID`.
# 8. Agregar una descripción (no es obligatoria, pero es muy recomendable).
# 9. Hacer clic en `Create Snapshots` (hoy, `Create snapshot`).
# 10. Hacer clic en `Close`.
#
# > **Nota.** Con `Resource type` = `Instance`, AWS crea **un `snapshot` por cada volumen** de la
# > instancia, todos del mismo instante (la API `CreateSnapshots`). Con `Volume` crea uno solo, del
# > volumen elegido (la API `CreateSnapshot`, la que usa la `cli` de la página). La página numera
# > dos pasos como «7»; aquí van del 1 al 10.
#
# Haz los pasos en la consola. La lista de la derecha marca por dónde vas.

# %%
labkit.console.ec2_console(lab, demo=16)

# %% [markdown]
# **¿Sin consola interactiva?** (por ejemplo, si lees este notebook en GitHub). Esta celda hace lo
# mismo que los pasos 6 a 9: un `snapshot` de cada volumen de la instancia privada, y una barra
# de progreso mientras están en `pending`.

# %%
ids = labkit.actions.create_snapshots(lab, escenario.private_instance_id,
                                      description="DEMO 16 · instancia privada (consola)")
snaps = labkit.console.wait_with_progress(lab, ids)

# %% [markdown]
# Comprueba con la `cli` que tus `snapshots` están ahí (es el comando de las FAQ de la página;
# vuelve a ejecutar esta celda después de usar la consola):

# %%
# !aws ec2 describe-snapshots --owner self --query "Snapshots[*].[SnapshotId,VolumeId,State,Description]" --output table

# %% [markdown]
# ## Procedimiento (`cli`)
#
# Los tres comandos de la página, tal cual. Primero, la lista de instancias:

# %%
# !aws ec2 describe-instances \
#   --query "Reservations[*].Instances[*].{Id:InstanceId,Name:PrivateDnsName}"

# %% [markdown]
# Lo mismo en Python, con `boto3`:

# %%
for reserva in lab.ec2.describe_instances()["Reservations"]:
    for instancia in reserva["Instances"]:
        print(instancia["InstanceId"], instancia["PrivateDnsName"])

# %% [markdown]
# Después, la lista de volúmenes. Busca el volumen de datos (`/dev/sdf`) de la instancia privada:

# %%
# !aws ec2 describe-volumes

# %% [markdown]
# En Python, `lab.ec2.describe_volumes()` devuelve lo mismo; el kit lo muestra como la tabla de la
# consola:

# %%
labkit.tables.volumes(lab)

# %% [markdown]
# Guardamos el id del volumen de datos de la instancia privada y la descripción en variables de
# Python. En una celda, `{variable}` dentro de un comando `!aws` se sustituye por su valor:

# %%
volume_id = lab.ec2.describe_volumes(Filters=[
    {"Name": "attachment.instance-id", "Values": [escenario.private_instance_id]},
    {"Name": "attachment.device", "Values": ["/dev/sdf"]},
])["Volumes"][0]["VolumeId"]
descripcion = "DEMO 16 · datos de la instancia privada"
print(volume_id)

# %% [markdown]
# Y creamos el `snapshot` con el tercer comando de la página:

# %%
# !aws ec2 create-snapshot \
# --volume-id {volume_id} \
# --description "{descripcion}"

# %% [markdown]
# Fíjate en `"State": "pending"`: el `snapshot` existe, pero AWS todavía está copiando los
# bloques. En Python sería:
#
# ```python
# snap = lab.ec2.create_snapshot(VolumeId=volume_id, Description=descripcion)
# snap["SnapshotId"], snap["State"]
# ```

# %% [markdown]
# ## Esperar a `completed`
#
# Un `snapshot` pasa por los estados `pending` → `completed` (o `error`). Mientras está en
# `pending`, `Progress` sube hasta `100%`. Ya puedes seguir usando el volumen: el `snapshot`
# guarda el estado del momento en que lo pediste.

# %%
snap_id = lab.ec2.describe_snapshots(OwnerIds=["self"], Filters=[
    {"Name": "description", "Values": [descripcion]}])["Snapshots"][0]["SnapshotId"]
snaps = labkit.console.wait_with_progress(lab, snap_id)

# %% [markdown]
# Con la `cli`, `aws ec2 wait snapshot-completed` espera en silencio: pregunta cada 15 segundos,
# hasta 40 veces, y termina cuando el `snapshot` está `completed`. En `boto3`:
# `lab.ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[snap_id])`.

# %%
# !aws ec2 wait snapshot-completed --snapshot-ids {snap_id}
# !aws ec2 describe-snapshots --snapshot-ids {snap_id} --query "Snapshots[0].[State,Progress]" --output text

# %% [markdown]
# ## `Resource type` = `Instance` desde la `cli`
#
# El paso 6 de la consola (`Instance`) es `create-snapshots` (en plural). Con
# `ExcludeBootVolume=true` deja fuera el volumen raíz:

# %%
instancia_privada = escenario.private_instance_id
# !aws ec2 create-snapshots \
#   --instance-specification InstanceId={instancia_privada},ExcludeBootVolume=true \
#   --description "DEMO 16 · instancia privada sin raíz" \
#   --query "Snapshots[*].[VolumeId,State]" --output text

# %% [markdown]
# ## Recuperar: un volumen nuevo desde el `snapshot`
#
# Para recuperar datos se crea un volumen a partir del `snapshot`, en la misma zona de
# disponibilidad que la instancia que lo usará. El volumen nuevo recuerda su origen en
# `SnapshotId`:

# %%
zona = lab.ec2.describe_volumes(VolumeIds=[volume_id])["Volumes"][0]["AvailabilityZone"]
restaurado = lab.ec2.create_volume(
    SnapshotId=snap_id, AvailabilityZone=zona,
    TagSpecifications=[{"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": "DEMO 16 · volumen restaurado"}]}],
)
print(f"Volumen nuevo de {restaurado['Size']} GiB, creado desde el snapshot: {restaurado['SnapshotId'] == snap_id}")
tabla = labkit.tables.volumes(lab)
tabla[tabla["Name"] == "DEMO 16 · volumen restaurado"][["Name", "Size", "Snapshot", "Volume state"]]

# %% [markdown]
# ## Ejercicios
#
# **Ejercicio 1.** Crea un `snapshot` del **volumen raíz de la instancia pública** con la
# descripción `DEMO 16 · raíz de la instancia pública` (con la consola, la `cli` o `boto3`).

# %% tags=["ejercicio"]
### BEGIN SOLUTION
raiz_publica = lab.ec2.describe_volumes(Filters=[
    {"Name": "attachment.instance-id", "Values": [escenario.public_instance_id]},
    {"Name": "attachment.device", "Values": ["/dev/xvda"]},
])["Volumes"][0]["VolumeId"]
lab.ec2.create_snapshot(VolumeId=raiz_publica, Description="DEMO 16 · raíz de la instancia pública")
### END SOLUTION
labkit.checks.snapshot_of_volume(lab, "Instancia pública", "/dev/xvda", "DEMO 16 · raíz de la instancia pública")

# %% [markdown]
# **Ejercicio 2.** Crea `snapshots` de **todos** los volúmenes de la instancia privada a la vez
# (también el raíz), con la descripción `DEMO 16 · instancia privada completa`.

# %% tags=["ejercicio"]
### BEGIN SOLUTION
labkit.actions.create_snapshots(lab, escenario.private_instance_id, description="DEMO 16 · instancia privada completa")
### END SOLUTION
labkit.checks.snapshots_of_instance(lab, "Instancia privada", "DEMO 16 · instancia privada completa")

# %% [markdown]
# **Ejercicio 3.** En la consola elegiste `Resource type` = `Instance`. ¿Qué API de EC2 llama la
# consola entonces? Escribe su nombre en `api`.

# %% tags=["ejercicio"]
api = None
### BEGIN SOLUTION
api = "CreateSnapshots"
### END SOLUTION
labkit.checks.console_instance_api(api)

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# <details><summary>Solución comentada</summary>
#
# 1. Filtra los volúmenes por la instancia pública y el dispositivo `/dev/xvda`, y llama a
#    `create_snapshot` (o `aws ec2 create-snapshot --volume-id … --description "…"`).
# 2. `create-snapshots` con `InstanceId` y sin `ExcludeBootVolume`: un `snapshot` por volumen (2).
# 3. `CreateSnapshots`, en plural: un `snapshot` de cada volumen de la instancia, del mismo instante.
# </details>
# <!-- END SOLUTION -->
#
# ## Puntos clave
# - Consola: `Snapshots` › `Create snapshot`; con `Instance`, un `snapshot` por volumen (`CreateSnapshots`).
# - `cli`: `aws ec2 create-snapshot --volume-id … --description "…"`; en Python, `ec2.create_snapshot(...)`.
# - Un `snapshot` nace `pending` y termina `completed`; `aws ec2 wait snapshot-completed` espera por ti.
# - Un volumen creado desde un `snapshot` lo muestra en `SnapshotId`: así se recuperan los datos.
#
# Anterior: [01 · ¿Qué es un `snapshot`?](01_que_es_un_snapshot.ipynb) · [Índice](../README.md#lecciones) · Siguiente: [03 · Almacenamiento incremental](03_almacenamiento_incremental.ipynb)
