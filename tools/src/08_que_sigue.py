# %% [markdown]
# # 08 · ¿Qué sigue? Balanceo de carga y datos persistentes
#
# Anterior: [07 · Cifrado y compartir](07_cifrado_y_compartir.ipynb) · [Índice](../README.md#lecciones)
#
# **Tiempo estimado:** 15 minutos.
#
# **Objetivos**
# - Ver cómo una `AMI` permite lanzar varias instancias idénticas de una aplicación.
# - Reconocer las dos piezas que faltan para correr una aplicación: balanceo de carga y datos
#   persistentes.
# - Comparar resolverlas con instancias (IaaS) o con servicios administrados.

# %%
import labkit

lab = labkit.start()
escenario = labkit.lesson.begin(lab, snapshot_descriptions=["08 · raíz de la web", "08 · prueba de archivo"],
                                image_names=["web-08"], recycle_bin_rules=["08 · papelera"])

# %% [markdown]
# ## Una `AMI`, muchas instancias iguales
#
# La combinación de `snapshots` y `AMI` simplifica la instalación de nuestras aplicaciones y
# garantiza que todas las copias sean iguales. Preparamos una `AMI` de la web a partir de un
# `snapshot` del volumen raíz de la instancia pública (lo que hiciste en la DEMO #17) y lanzamos
# dos servidores web idénticos:

# %%
ec2 = lab.ec2
raiz = ec2.describe_volumes(Filters=[
    {"Name": "attachment.instance-id", "Values": [escenario.public_instance_id]},
    {"Name": "attachment.device", "Values": ["/dev/xvda"]},
])["Volumes"][0]["VolumeId"]
snap = labkit.actions.create_snapshot(lab, raiz, "08 · raíz de la web")
labkit.waits.snapshots(lab, snap)
ami = labkit.actions.create_image_from_snapshot(lab, snap, "web-08")
ec2.run_instances(  # con la etiqueta del kit: en una cuenta real, el kit podrá terminarlas
    ImageId=ami, InstanceType="t3.micro", MinCount=2, MaxCount=2, SubnetId=escenario.public_subnet_id,
    TagSpecifications=[labkit.safety.tag_spec("instance", "web-08")],
)
tabla = labkit.tables.instances(lab)
tabla[tabla["Name"] == "web-08"][["Name", "Instance state", "AMI ID"]]

# %% [markdown]
# Los volúmenes raíz de las dos instancias nacen del **mismo `snapshot`**:

# %%
web = [i["InstanceId"] for r in ec2.describe_instances(Filters=[
    {"Name": "tag:Name", "Values": ["web-08"]}, {"Name": "instance-state-name", "Values": ["running"]}])["Reservations"]
    for i in r["Instances"]]
raices = ec2.describe_volumes(Filters=[{"Name": "attachment.instance-id", "Values": web}])["Volumes"]
print(f"{len(raices)} volúmenes raíz; todos desde el snapshot de la AMI: {all(v['SnapshotId'] == snap for v in raices)}")

# %% [markdown]
# ## ¿Qué más necesita una aplicación?
#
# La página cierra con una pregunta: **¿qué otras funcionalidades son necesarias para correr mis
# aplicaciones?**
#
# 1. **Balanceo de carga:** repartir a los usuarios entre las instancias iguales y dejar de
#    enviarles tráfico si una falla.
# 2. **Almacenamiento de datos persistentes:** los datos (la base de datos, los archivos de los
#    usuarios) no pueden vivir en el disco de una instancia que quizá reemplaces mañana por otra
#    lanzada desde una `AMI` nueva.
#
# ![Figura 018: los usuarios llegan a un balanceador de carga, que reparte las peticiones entre varias instancias lanzadas desde la misma AMI; todas usan una base de datos con almacenamiento persistente, separada de las instancias.](../images/018_aplicacion.png)
#
# | | Solo IaaS (instancias) | Servicios administrados de AWS |
# |---|---|---|
# | Balanceo de carga | Una instancia con `nginx` configurado como balanceador | Elastic Load Balancing (ALB/NLB) |
# | Datos persistentes | Una instancia con `mysql` y su volumen EBS (con `snapshots`) | Amazon RDS (copias automáticas), Amazon EFS |
# | Quién lo mantiene | Tú: instalación, parches, alta disponibilidad | AWS; tú configuras |
#
# Podemos resolver ambos instalando aplicaciones específicas (`nginx` y `mysql`, por ejemplo),
# con su configuración de aplicación y de red: es la forma de hacerlo solo con servicios `IaaS`.
# Pero hay otro grupo de servicios que simplifica estos problemas: los veremos a continuación
# en el curso.
#
# > **Para saber más: automatizar los `snapshots` (solo en AWS real).** Amazon Data Lifecycle
# > Manager crea y borra `snapshots` y `AMI` según sus etiquetas, y conserva un número fijo (de 1 a
# > 1000) o los de cierta antigüedad. El AWS simulado (local) no lo emula: pruébalo en una cuenta
# > real (tiene costo).

# %% [markdown]
# ## Para saber más: archivar, bloquear y recuperar `snapshots`
#
# Estas funciones de EBS sí las emula el AWS simulado, así que puedes probarlas aquí sin costo. En
# AWS real cuestan y tardan más (guía de usuario de Amazon EBS, consultada en 2026-11):
#
# | Función | Comando de la `cli` | En AWS real |
# |---|---|---|
# | Archivar (nivel `archive`) | `aws ec2 modify-snapshot-tier --storage-tier archive` | 0.0125 USD por GB-mes, **90 días mínimos**; archivar tarda horas |
# | Restaurar del archivo | `aws ec2 restore-snapshot-tier --temporary-restore-days 1` | 0.03 USD por GB restaurado; **hasta 72 horas** |
# | Bloquear (`snapshot lock`) | `aws ec2 lock-snapshot --lock-mode governance --lock-duration 1` | nadie puede borrarlo mientras dure el bloqueo |
# | Papelera de reciclaje | `aws rbin create-rule …`, `aws ec2 list-snapshots-in-recycle-bin` | se cobra como un `snapshot` mientras está en la papelera (hasta 365 días) |
# | Restauración rápida (FSR) | `aws ec2 enable-fast-snapshot-restores` | 0.75 USD por hora y zona |
#
# En el AWS simulado cada cambio tarda lo mismo que un `snapshot` nuevo (segundos), no horas. Las
# celdas siguientes solo corren en el AWS simulado: en una cuenta real, archivar cobraría al menos
# 90 días.

# %%
simulado = lab.mode == "mock"  # en una cuenta real estas celdas no hacen nada (tendrían costo)
if simulado:
    prueba = labkit.actions.create_snapshot(lab, raiz, "08 · prueba de archivo")
    labkit.waits.snapshots(lab, prueba)
    ec2.modify_snapshot_tier(SnapshotId=prueba, StorageTier="archive")
    labkit.waits.storage_tier(lab, prueba, "archive")
    print("StorageTier:", ec2.describe_snapshots(SnapshotIds=[prueba])["Snapshots"][0]["StorageTier"])

# %% [markdown]
# Un `snapshot` archivado no se puede usar (por ejemplo, para crear un volumen) hasta restaurarlo.
# Una restauración temporal lo devuelve al nivel `standard` por unos días (`RestoreExpiryTime`):

# %%
if simulado:
    try:
        labkit.messages.call_aws(ec2.create_volume, SnapshotId=prueba, AvailabilityZone=f"{lab.region}a")
    except labkit.LabkitError as error:
        print(error.what)
    ec2.restore_snapshot_tier(SnapshotId=prueba, TemporaryRestoreDays=1)
    labkit.waits.storage_tier(lab, prueba, "standard")
    restaurado = ec2.describe_snapshots(SnapshotIds=[prueba])["Snapshots"][0]
    print("StorageTier:", restaurado["StorageTier"], "· vuelve al archivo:", restaurado["RestoreExpiryTime"])

# %% [markdown]
# Un `snapshot` bloqueado no se puede borrar. Y con una regla de la Papelera de reciclaje, un
# `snapshot` borrado no desaparece: queda en la papelera (aquí, 7 días) y puedes recuperarlo. Sin
# regla, borrar es definitivo:

# %%
if simulado:
    ec2.lock_snapshot(SnapshotId=prueba, LockMode="governance", LockDuration=1)
    try:
        labkit.messages.call_aws(ec2.delete_snapshot, SnapshotId=prueba)
    except labkit.LabkitError as error:
        print(error.what)
    ec2.unlock_snapshot(SnapshotId=prueba)
    papelera = lab.client("rbin")
    regla = papelera.create_rule(ResourceType="EBS_SNAPSHOT", Description="08 · papelera",
                                 RetentionPeriod={"RetentionPeriodValue": 7, "RetentionPeriodUnit": "DAYS"})
    ec2.delete_snapshot(SnapshotId=prueba)
    en_papelera = ec2.list_snapshots_in_recycle_bin(SnapshotIds=[prueba])["Snapshots"]
    print("En la papelera:", len(en_papelera), "snapshot, hasta", en_papelera[0]["RecycleBinExitTime"])
    ec2.restore_snapshot_from_recycle_bin(SnapshotId=prueba)
    propios = [s["SnapshotId"] for s in ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"]]
    print("Recuperado:", prueba in propios)
    papelera.delete_rule(Identifier=regla["Identifier"])  # sin la regla, borrar vuelve a ser definitivo

# %% [markdown]
# ## Ejercicios
#
# **Ejercicio 1.** Lanza una **tercera** instancia web desde la `AMI` `web-08` (con la etiqueta
# `Name` = `web-08`), como haría un balanceador que necesita más capacidad.

# %% tags=["ejercicio"]
# Escribe tu código aquí

# %% deletable=false editable=false tags=["comprobacion"]
labkit.checks.instances_from_image(lab, "web-08", at_least=3)

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# <details><summary>Ver la solución comentada (ábrela después de intentarlo)</summary>
#
# ```python
# # Una instancia más desde la misma AMI (ami), en la subred pública, con su etiqueta Name:
# ec2.run_instances(
#     ImageId=ami, InstanceType="t3.micro", MinCount=1, MaxCount=1, SubnetId=escenario.public_subnet_id,
#     TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "web-08"}]}],
# )
# ```
#
# Con la `cli`: `aws ec2 run-instances --image-id {ami} --instance-type t3.micro --count 1
# --subnet-id <subred> --tag-specifications "ResourceType=instance,Tags=[{Key=Name,Value=web-08}]"`.
# </details>
# <!-- END SOLUTION -->

# %% [markdown]
# **Ejercicio 2.** Vas a reemplazar las instancias web cada semana por otras lanzadas desde una
# `AMI` nueva. ¿Dónde guardas la base de datos? Escribe la letra en `opcion`:
#
# - **a)** En el volumen raíz de una de las instancias web.
# - **b)** En un servicio o una instancia aparte, con almacenamiento persistente y sus propias copias.
# - **c)** En la `AMI`: así cada instancia nueva la trae.

# %% tags=["ejercicio"]
opcion = None
# Escribe tu código aquí

# %% deletable=false editable=false tags=["comprobacion"]
labkit.checks.persistent_data(opcion)

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# <details><summary>Ver la solución comentada (ábrela después de intentarlo)</summary>
#
# ```python
# opcion = "b"   # los datos viven fuera de las instancias que reemplazas (RDS, EFS o una instancia de BD)
# ```
# </details>
# <!-- END SOLUTION -->

# %% [markdown]
# ## Puntos clave
# - Con una `AMI` lanzas muchas instancias iguales: todas nacen de los mismos `snapshots`.
# - Una aplicación necesita además balanceo de carga y datos persistentes, fuera de las instancias.
# - Se puede hacer con instancias (`nginx`, `mysql`) o con servicios administrados (ELB, RDS, EFS).
# - Archivar abarata los `snapshots` que guardas meses (90 días mínimos, restaurar tarda horas); el
#   bloqueo y la Papelera de reciclaje los protegen de un borrado por error.
#
# Anterior: [07 · Cifrado y compartir](07_cifrado_y_compartir.ipynb) · [Índice](../README.md#lecciones)
