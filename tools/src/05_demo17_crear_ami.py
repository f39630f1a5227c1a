# %% [markdown]
# # 05 · 💻 DEMO #17: creación de una `AMI` a partir de un `snapshot`
#
# Anterior: [04 · `AMI` a partir de `snapshots`](04_ami_desde_snapshots.ipynb) · [Índice](../README.md#lecciones) · Siguiente: [06 · FAQ y limpieza](06_faq_y_limpieza.ipynb)
#
# **Tiempo estimado:** 20 minutos.
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
# 3. Seleccionar el `snapshot` sobre el cual se quiere crear una `AMI` (el de la descripción
#    «DEMO 17 · raíz de la instancia pública»).
# 4. Hacer clic en `Actions > Create Image` (hoy el menú dice `Create image from snapshot`).
# 5. Colocar un nombre y una descripción de la `AMI`.
# 6. Hacer clic en `Create` (hoy, `Create image`).
# 7. Hacer clic en `Close`.
# 8. Hacer clic en `AMIs`.
# 9. Ver la nueva `AMI` en la lista.
#
# (La página salta del paso 4 al 6; aquí van del 1 al 9.)
#
# El formulario pide además el dispositivo raíz (`/dev/xvda`), la arquitectura (`x86_64`) y el
# tipo de virtualización (`hvm`): la `AMI` necesita saber cómo arrancar ese disco.

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
# instancia** para copiar sus discos de forma consistente, y toma un `snapshot` de cada volumen.

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
# con el comando de la página (copiado y pegado, como pide):

# %%
desde_instancia = lab.ec2.describe_images(Owners=["self"], Filters=[{"Name": "name", "Values": [nombre]}])["Images"][0]["ImageId"]
lab.ec2.get_waiter("image_available").wait(ImageIds=[desde_instancia], WaiterConfig={"Delay": 1})
# !aws ec2 describe-images --owner self

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
# `paravirtual`, que no arrancan las instancias de hoy. En una celda, las llaves `{...}` chocan
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
#   --query "Images[*].[Name,RootDeviceName,BlockDeviceMappings[0].Ebs.SnapshotId]" --output table
print(f"Nuestro snapshot: {snap_id}")

# %% [markdown]
# > **Para Windows, RHEL o SUSE**, crea la `AMI` desde la instancia: una registrada desde un
# > `snapshot` pierde los datos de facturación de esos sistemas.
#
# ## `--owner self`: la advertencia de la página, a la vista
#
# La página pide copiar y pegar `aws ec2 describe-images --owner self`. Sin `--owner self`, la
# lista trae **todas las imágenes públicas**: las de Amazon, las del Marketplace y las que otras
# cuentas comparten con todo el mundo (en AWS real son decenas de miles). Compara:

# %%
# !aws ec2 describe-images --owner self --query "length(Images)"
# !aws ec2 describe-images --query "length(Images)"
# !aws ec2 describe-images --query "Images[*].[ImageOwnerAlias,OwnerId,Name]" --output table

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
    TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "demo17-web-desde-snapshot"}]}],
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
### BEGIN SOLUTION
labkit.actions.create_image_from_snapshot(lab, snap_id, "demo17-ejercicio", "Ejercicio de la DEMO #17")
### END SOLUTION
labkit.checks.image_from_snapshot(lab, "demo17-ejercicio", snap_id)

# %% [markdown]
# **Ejercicio 2.** Lanza una instancia desde `demo17-ejercicio`, con la etiqueta `Name` =
# `demo17-ejercicio`.

# %% tags=["ejercicio"]
### BEGIN SOLUTION
ami_ejercicio = lab.ec2.describe_images(Owners=["self"], Filters=[
    {"Name": "name", "Values": ["demo17-ejercicio"]}])["Images"][0]["ImageId"]
lab.ec2.run_instances(
    ImageId=ami_ejercicio, InstanceType="t3.micro", MinCount=1, MaxCount=1, SubnetId=escenario.public_subnet_id,
    TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "demo17-ejercicio"}]}],
)
### END SOLUTION
labkit.checks.instances_from_image(lab, "demo17-ejercicio", at_least=1)

# %% [markdown]
# **Ejercicio 3.** La página dice que desde la `cli` no se puede crear una `AMI` a partir de un
# `snapshot`. ¿Qué comando de la `cli` lo hace? Escribe su nombre en `comando` (por ejemplo
# `"aws ec2 algo"`).

# %% tags=["ejercicio"]
comando = None
### BEGIN SOLUTION
comando = "aws ec2 register-image"
### END SOLUTION
labkit.checks.register_image_command(comando)

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# <details><summary>Solución comentada</summary>
#
# 1. `labkit.actions.create_image_from_snapshot(...)` o `aws ec2 register-image` con
#    `--block-device-mappings DeviceName=/dev/xvda,Ebs={SnapshotId=…}`, `--architecture x86_64` y
#    `--virtualization-type hvm`.
# 2. `run_instances(ImageId=…)` con la `AMI` `demo17-ejercicio`; su volumen raíz muestra
#    `SnapshotId` = `snap_id`.
# 3. `aws ec2 register-image`.
# </details>
# <!-- END SOLUTION -->
#
# ## Puntos clave
# - Consola: `Snapshots` › `Actions` › `Create image from snapshot`; el resultado aparece en `AMIs`.
# - `aws ec2 create-image` crea una `AMI` desde una instancia (la reinicia salvo `--no-reboot`).
# - `aws ec2 register-image` **sí** crea una `AMI` desde un `snapshot` (la página dice que no).
# - `aws ec2 describe-images --owners self` muestra solo tus imágenes; sin ella, todas las públicas.
# - Las instancias lanzadas desde tu `AMI` nacen de su `snapshot`.
#
# Anterior: [04 · `AMI` a partir de `snapshots`](04_ami_desde_snapshots.ipynb) · [Índice](../README.md#lecciones) · Siguiente: [06 · FAQ y limpieza](06_faq_y_limpieza.ipynb)
