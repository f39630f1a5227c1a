# %% [markdown]
# # 05 · 💻 DEMO #17: creación de una `AMI` a partir de un `snapshot`
#
# Anterior: [04 · `AMI` a partir de `snapshots`](04_ami_desde_snapshots.ipynb) · [Índice](../README.md#lecciones) · Siguiente: [06 · FAQ y limpieza](06_faq_y_limpieza.ipynb)
#
# **Tiempo estimado:** 30 minutos.
#
# **Objetivos**
# - Crear una `AMI` a partir de un `snapshot` desde la consola web.
# - Crear una `AMI` desde la `cli`: desde una instancia (como en la página) y **también desde un
#   `snapshot`** con `register-image`.
# - Ver por qué `describe-images` necesita `--owners self`.
# - Lanzar una instancia desde tu `AMI` y ver de qué `snapshot` nace su volumen raíz.

# %%
import labkit

lab = labkit.start()
AMIS_DEMO17 = ["demo17-consola", "demo17-web-desde-instancia", "demo17-web-desde-snapshot", "demo17-ejercicio"]
escenario = labkit.lesson.begin(lab, snapshot_descriptions=["DEMO 17 · raíz de la instancia pública"],
                                image_names=AMIS_DEMO17)

# %% [markdown]
# Para crear una `AMI` que arranque hace falta un `snapshot` de un volumen **raíz** (el sistema
# operativo). Tomamos uno del volumen raíz de la instancia pública, el servidor web del curso
# (es lo que hiciste en la DEMO #16):

# %%
raiz_publica = lab.ec2.describe_volumes(Filters=[
    {"Name": "attachment.instance-id", "Values": [escenario.public_instance_id]},
    {"Name": "attachment.device", "Values": ["/dev/xvda"]},
])["Volumes"][0]["VolumeId"]
snap_id = labkit.actions.create_snapshot(lab, raiz_publica, "DEMO 17 · raíz de la instancia pública")
snaps = labkit.console.wait_with_progress(lab, snap_id)

# %% [markdown]
# ## Procedimiento (Web)
#
# 1. Ir al Dashboard de EC2.
# 2. Hacer clic en `Snapshots`.
# 3. Seleccionar el `snapshot` sobre el cual se quiere crear una `AMI` (marca la casilla del
#    que tiene la descripción «DEMO 17 · raíz de la instancia pública»).
# 4. Hacer clic en `Actions > Create Image` (hoy: se abre el menú `Actions` y se elige
#    `Create image from snapshot`).
# 5. Colocar un nombre y una descripción de la `AMI`.
# 6. Hacer clic en `Create` (hoy, `Create image`).
# 7. Hacer clic en `Close` (hoy este paso ya no existe: ver el recuadro).
# 8. Hacer clic en `AMIs`.
# 9. Ver la nueva `AMI` en la lista.
#
# (La página salta del paso 4 al 6; aquí van del 1 al 9.)
#
# El formulario pide además el dispositivo raíz (`/dev/xvda`), la arquitectura (`x86_64`) y el
# tipo de virtualización (`hvm`): la `AMI` necesita saber cómo arrancar ese disco.
#
# > **Lo que verás en la consola real** (consola de EC2 en inglés, hoy):
# > - `Snapshots` › elige el `snapshot` › `Actions` › **`Create image from snapshot`**.
# > - El formulario: `Image name`, `Description`, `Architecture`, `Root device name`,
# >   `Virtualization type` y, más abajo, los volúmenes (`Block device mappings`).
# > - El botón final es `Create image`. **No hay `Close`**: vuelves a la lista con un aviso verde
# >   que nombra la `AMI` nueva; la encuentras en `Images` › `AMIs`, con el filtro `Owned by me`.
# >
# > Fuente: guía de usuario de Amazon EC2, «Create an AMI from a snapshot».

# %%
labkit.console.ec2_console(lab, demo=17)

# %% [markdown]
# **¿Sin consola interactiva?** Esta celda hace lo mismo que los pasos 3 a 6 y muestra la lista
# `AMIs` (solo las tuyas, `Owned by me`):

# %%
labkit.actions.create_image_from_snapshot(lab, snap_id, "demo17-consola", "Web del curso, desde la consola")
labkit.tables.images(lab)

# %% [markdown]
# ## Procedimiento (`cli`)
#
# La página advierte:
#
# > ❗ Desde la `cli` solo se pueden crear imágenes desde una instancia, y no de un `snapshot`.
#
# > **Nota.** Eso no es así: la `cli` **sí** puede crear una `AMI` a partir de un `snapshot`, con
# > `aws ec2 register-image` (es la misma API que usa la consola). Lo haremos un poco más abajo.
# > Primero, el camino de la página: desde una instancia.
#
# La lista de instancias, como en la página. Si ya hiciste esta lección antes, verás también las
# instancias que lanzaste entonces desde tus `AMI`: el kit las termina al empezar de nuevo, y AWS
# sigue mostrando las instancias terminadas durante un rato (alrededor de una hora).

# %% tags=["account-history"]
# !aws ec2 describe-instances \
#   --query "Reservations[*].Instances[*].{Id:InstanceId,Name:PrivateDnsName}"

# %% [markdown]
# Creamos la imagen a partir de la instancia pública (el comentario de la página dice «a partir de
# la imagen»: es a partir de la **instancia**). Ojo: **sin `--no-reboot`, AWS reinicia la
# instancia** para copiar sus discos de forma coherente, y toma un `snapshot` de cada volumen.

# %%
instance_id = escenario.public_instance_id
nombre = "demo17-web-desde-instancia"
descripcion = "Web del curso, desde la instancia"
# !aws ec2 create-image \
# --instance-id {instance_id} \
# --name "{nombre}" \
# --description "{descripcion}"

# %% [markdown]
# En Python: `lab.ec2.create_image(InstanceId=instance_id, Name=nombre, Description=descripcion)`.
# La `AMI` queda `pending` hasta que terminan sus `snapshots`; esperamos y listamos las imágenes
# con el comando de la página (copiado y pegado, como pide). Su JSON ocupa unas 35 líneas por
# `AMI`: aquí mostramos solo las 30 primeras (`| head -n 30`) y, debajo, la lista resumida en una
# tabla (nombre de cada `AMI` y el `snapshot` de su volumen raíz):

# %%
desde_instancia = lab.ec2.describe_images(Owners=["self"], Filters=[{"Name": "name", "Values": [nombre]}])["Images"][0]["ImageId"]
labkit.waits.image(lab, desde_instancia)  # en AWS real tarda minutos: muestra el avance
# !aws ec2 describe-images --owner self | head -n 30

# %%
# !aws ec2 describe-images --owners self --query "Images[*].[Name,BlockDeviceMappings[0].Ebs.SnapshotId]" --output table --color off

# %% [markdown]
# Fíjate en `BlockDeviceMappings`: la `AMI` hecha desde la instancia tiene su propio `snapshot`
# nuevo («Created by CreateImage…»), distinto del que tomamos antes.
#
# ### Desde un `snapshot`, con `register-image`
#
# Este es el camino que la página creía imposible. En una terminal escribirías (con tu id):
#
# ```bash
# aws ec2 register-image --name demo17-web-desde-snapshot \
#   --root-device-name /dev/xvda \
#   --block-device-mappings DeviceName=/dev/xvda,Ebs={SnapshotId=snap-0123456789abcdef0} \
#   --architecture x86_64 --virtualization-type hvm --ena-support
# ```
#
# Indica siempre `--architecture` y `--virtualization-type`: si no, la API usa `i386` y
# `paravirtual`, con los que no arranca ningún tipo de instancia actual. En una celda, las llaves `{...}` chocan
# con la sustitución de variables de Jupyter, así que armamos ese texto en Python:

# %%
mapeo = f"DeviceName=/dev/xvda,Ebs={{SnapshotId={snap_id}}}"
print(mapeo)
# !aws ec2 register-image --name demo17-web-desde-snapshot \
#   --root-device-name /dev/xvda \
#   --block-device-mappings {mapeo} \
#   --architecture x86_64 --virtualization-type hvm --ena-support

# %% [markdown]
# La `AMI` nueva descansa sobre **nuestro** `snapshot`:

# %%
# !aws ec2 describe-images --owners self \
#   --query "Images[*].[Name,RootDeviceName,BlockDeviceMappings[0].Ebs.SnapshotId]" --output table --color off
print(f"Nuestro snapshot: {snap_id}")

# %% [markdown]
# > **Para Windows, RHEL o SUSE**, crea la `AMI` desde la instancia: una registrada desde un
# > `snapshot` pierde los datos de facturación de esos sistemas.
#
# ## `--owner self`: la advertencia de la página, a la vista
#
# La página pide copiar y pegar `aws ec2 describe-images --owner self`. Sin `--owner self`, la
# lista trae **todas las imágenes públicas**: las de Amazon, las del Marketplace y las que otras
# cuentas comparten con todo el mundo. En AWS real son decenas de miles: el comando tarda minutos
# y llena la pantalla, así que aquí pedimos solo dos familias con `--filters` (nombres de Amazon
# Linux 2023 y de Ubuntu 24.04), sin `--owners`. Compara:

# %%
# !aws ec2 describe-images --owner self --query "length(Images)"
# !aws ec2 describe-images --filters "Name=name,Values=al2023-ami-2023*,ubuntu/images/*ubuntu-noble-24.04-amd64-server-*" --query "length(Images)"
# !aws ec2 describe-images --filters "Name=name,Values=al2023-ami-2023*,ubuntu/images/*ubuntu-noble-24.04-amd64-server-*" --query "Images[:8].[ImageOwnerAlias,OwnerId,Name]" --output table --color off

# %% [markdown]
# > **Nota.** La opción documentada es `--owners self` (en plural); `--owner self` funciona como
# > abreviatura. Las imágenes sin `ImageOwnerAlias` (`None`) son tuyas (su `OwnerId` es tu
# > cuenta) o de otras cuentas: por ejemplo Canonical (Ubuntu) o una imagen «de la comunidad».
# > Usa las de otras cuentas solo si confías en quien las publica.

# %% [markdown]
# ## Lanzar una instancia desde tu `AMI`
#
# Una instancia lanzada desde `demo17-web-desde-snapshot` recibe un volumen raíz **creado desde
# nuestro `snapshot`**:

# %%
desde_snapshot = lab.ec2.describe_images(Owners=["self"], Filters=[
    {"Name": "name", "Values": ["demo17-web-desde-snapshot"]}])["Images"][0]["ImageId"]
nueva = lab.ec2.run_instances(
    ImageId=desde_snapshot, InstanceType="t3.micro", MinCount=1, MaxCount=1, SubnetId=escenario.public_subnet_id,
    TagSpecifications=[labkit.safety.tag_spec("instance", "demo17-web-desde-snapshot")],
)["Instances"][0]["InstanceId"]
# !aws ec2 describe-volumes --filters Name=attachment.instance-id,Values={nueva} \
#   --query "Volumes[*].[Attachments[0].Device,SnapshotId]" --output text
print(f"Nuestro snapshot: {snap_id}")

# %% [markdown]
# ## Ejercicios
#
# **Ejercicio 1.** Registra una `AMI` llamada `demo17-ejercicio` a partir del `snapshot`
# `snap_id` (dispositivo raíz `/dev/xvda`, `x86_64`, `hvm`).

# %% tags=["ejercicio"]
# Escribe tu código aquí

# %% deletable=false editable=false tags=["comprobacion"]
labkit.checks.image_from_snapshot(lab, "demo17-ejercicio", snap_id)

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# <details><summary>Ver la solución comentada (ábrela después de intentarlo)</summary>
#
# ```python
# # register-image: la AMI se apoya en snap_id como volumen raíz. El DeviceName del mapeo debe ser
# # el mismo que RootDeviceName, y sin Architecture/VirtualizationType la API usaría i386/paravirtual.
# lab.ec2.register_image(
#     Name="demo17-ejercicio", Description="Ejercicio de la DEMO #17",
#     RootDeviceName="/dev/xvda", Architecture="x86_64", VirtualizationType="hvm", EnaSupport=True,
#     BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snap_id}}],
# )
# ```
#
# Con la `cli`: `aws ec2 register-image --name demo17-ejercicio --root-device-name /dev/xvda
# --block-device-mappings "DeviceName=/dev/xvda,Ebs={SnapshotId=<snap_id>}" --architecture x86_64
# --virtualization-type hvm --ena-support`.
# </details>
# <!-- END SOLUTION -->

# %% [markdown]
# **Ejercicio 2.** Lanza una instancia desde `demo17-ejercicio`, con la etiqueta `Name` =
# `demo17-ejercicio`.

# %% tags=["ejercicio"]
# Escribe tu código aquí

# %% deletable=false editable=false tags=["comprobacion"]
labkit.checks.instances_from_image(lab, "demo17-ejercicio", at_least=1, made_in="el ejercicio 1")

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# <details><summary>Ver la solución comentada (ábrela después de intentarlo)</summary>
#
# ```python
# # El id de tu AMI, buscada por nombre entre las tuyas (--owners self):
# ami_ejercicio = lab.ec2.describe_images(Owners=["self"], Filters=[
#     {"Name": "name", "Values": ["demo17-ejercicio"]}])["Images"][0]["ImageId"]
# # Una instancia desde ella, en la subred pública, con su etiqueta Name:
# lab.ec2.run_instances(
#     ImageId=ami_ejercicio, InstanceType="t3.micro", MinCount=1, MaxCount=1, SubnetId=escenario.public_subnet_id,
#     TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "demo17-ejercicio"}]}],
# )
# ```
# </details>
# <!-- END SOLUTION -->

# %% [markdown]
# **Ejercicio 3.** La página dice que desde la `cli` no se puede crear una `AMI` a partir de un
# `snapshot`. ¿Qué comando de la `cli` lo hace? Escribe su nombre en `comando` (por ejemplo
# `"aws ec2 algo"`).

# %% tags=["ejercicio"]
comando = None
# Escribe tu código aquí

# %% deletable=false editable=false tags=["comprobacion"]
labkit.checks.register_image_command(comando)

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# <details><summary>Ver la solución comentada (ábrela después de intentarlo)</summary>
#
# ```python
# comando = "aws ec2 register-image"   # la misma API (RegisterImage) que usa la consola
# ```
# </details>
# <!-- END SOLUTION -->

# %% [markdown]
# ## Puntos clave
# - Consola: `Snapshots` › `Actions` › `Create image from snapshot`; el resultado aparece en `AMIs`.
# - `aws ec2 create-image` crea una `AMI` desde una instancia (la reinicia salvo `--no-reboot`).
# - `aws ec2 register-image` **sí** crea una `AMI` desde un `snapshot` (la página dice que no).
# - `aws ec2 describe-images --owners self` muestra solo tus imágenes; sin ella, todas las públicas.
# - Las instancias lanzadas desde tu `AMI` nacen de su `snapshot`.
#
# Anterior: [04 · `AMI` a partir de `snapshots`](04_ami_desde_snapshots.ipynb) · [Índice](../README.md#lecciones) · Siguiente: [06 · FAQ y limpieza](06_faq_y_limpieza.ipynb)
