# %% [markdown]
# # 04 · `AMI` a partir de `snapshots`
#
# Anterior: [03 · Almacenamiento incremental](03_almacenamiento_incremental.ipynb) · [Índice](../README.md#lecciones) · Siguiente: [05 · DEMO #17: crear una `AMI`](05_demo17_crear_ami.ipynb)
#
# **Tiempo estimado:** 15 minutos.
#
# **Objetivos**
# - Explicar qué es una `AMI` (Amazon Machine Image) y qué relación tiene con los `snapshots`.
# - Conocer los dos caminos para crear una `AMI`: desde una instancia o desde un `snapshot`.
# - Entender por qué la página recomienda partir de un `snapshot`.

# %%
import labkit

lab = labkit.start()
escenario = labkit.lesson.begin(lab)

# %% [markdown]
# ## Una `AMI` descansa sobre `snapshots`
#
# Una `AMI` es la plantilla con la que se lanzan instancias. Tiene dos partes:
# - **Los datos:** un `snapshot` por cada volumen EBS (el raíz y, si hay, los de datos).
# - **La descripción:** nombre, arquitectura (`x86_64`, `arm64`), tipo de virtualización (`hvm`),
#   nombre del dispositivo raíz (`/dev/xvda`) y quién puede usarla.
#
# Otra ventaja de tener `snapshots`: podemos crear `AMI` basadas en ellos, y de esas `AMI`
# lanzar instancias nuevas. Cada instancia recibe volúmenes nuevos creados desde esos
# `snapshots`.
#
# ![Figura 017: dos caminos hacia una AMI. Arriba, una instancia en ejecución pasa por create-image, que toma un snapshot de cada volumen y registra la AMI. Abajo, un snapshot existente pasa por register-image y se convierte en AMI. De la AMI salen instancias nuevas, cada una con volúmenes creados desde esos snapshots.](../images/017_creacion_ami.png)

# %% [markdown]
# Mira las `AMI` públicas de Amazon en esta región: cada una nombra el `snapshot` de su volumen
# raíz.

# %%
labkit.tables.images(lab, owners=["amazon"])

# %% [markdown]
# ## Dos caminos
#
# | | Desde una instancia (`create-image`) | Desde un `snapshot` (`register-image`) |
# |---|---|---|
# | Qué hace AWS | Toma un `snapshot` de **cada** volumen EBS de la instancia y registra la `AMI` | Registra la `AMI` sobre un `snapshot` que ya existe |
# | ¿Toca la instancia? | Sí: **la reinicia**, salvo con `--no-reboot` | No |
# | Coherencia | Con reinicio, coherente; con `--no-reboot`, solo «como tras un corte de luz» | La del `snapshot`: si lo tomaste con la instancia en marcha, también solo «como tras un corte de luz» |
# | Rapidez | Espera a que terminen los `snapshots` | Inmediato: el `snapshot` ya está |
#
# La página dice que el proceso de creación de imágenes no requiere un `snapshot` previo: se
# pueden crear imágenes de instancias en producción sin apagarlas, pero es más rápido y seguro
# partir de un `snapshot`. Es cierto, con un matiz:
#
# > **Nota.** La página escribe «crear instancias de las imágenes que están en producción»: quiere
# > decir crear **imágenes** de las **instancias** que están en producción.
# >
# > Aunque no hagas tú el `snapshot`, `create-image` lo hace por ti: **toda `AMI` con
# > volúmenes EBS descansa sobre `snapshots`**. Y si no quieres apagar la instancia, por defecto
# > AWS **la reinicia** para copiar un disco coherente; con `--no-reboot` no la reinicia, pero
# > la copia puede quedar a medias si había escrituras en curso. Partir de un `snapshot` tomado
# > en un buen momento es más rápido y no toca la instancia en producción.
# >
# > **¿«Más seguro»?** Solo si ese `snapshot` se tomó bien. Un `snapshot` del volumen raíz de una
# > instancia **en marcha** es solo *coherente ante fallos* (*crash-consistent*): guarda lo que
# > estaba escrito en el disco, no lo que el sistema o las aplicaciones tenían en memoria, igual que
# > `create-image --no-reboot`. La guía de usuario de Amazon EBS («Create Amazon EBS snapshots»)
# > recomienda **detener la instancia** antes de tomar el `snapshot` de un volumen raíz, y para un
# > volumen de datos, pausar las escrituras o desmontarlo. Hecho así, el camino del `snapshot` sí es
# > más seguro; tomado en caliente, no lo es más que `--no-reboot`.
# >
# > Excepción: para Windows, RHEL o SUSE, crea la `AMI` desde la instancia: una `AMI`
# > registrada desde un `snapshot` pierde los datos de facturación de esos sistemas.

# %% [markdown]
# ## Ejercicios
#
# **Ejercicio 1.** ¿Cuál es el id de la `AMI` de Amazon Linux 2023 para procesadores `arm64` en
# esta región? Guárdalo en `respuesta`.

# %% tags=["ejercicio"]
respuesta = None
# Escribe tu código aquí

# %% deletable=false editable=false tags=["comprobacion"]
labkit.checks.arm64_image(lab, respuesta)

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# <details><summary>Ver la solución comentada (ábrela después de intentarlo)</summary>
#
# ```python
# # Las AMI de Amazon (--owners amazon) cuyo nombre es el de Amazon Linux 2023, solo arm64:
# imagenes = lab.ec2.describe_images(Owners=["amazon"], Filters=[
#     {"Name": "name", "Values": ["al2023-ami-2023*"]},
#     {"Name": "architecture", "Values": ["arm64"]}])["Images"]
# respuesta = imagenes[0]["ImageId"]
# ```
#
# Con la `cli`: `aws ec2 describe-images --owners amazon --filters "Name=name,Values=al2023-ami-2023*"
# "Name=architecture,Values=arm64" --query "Images[0].ImageId"`. En AWS real hay una por versión:
# la más reciente es la de `CreationDate` mayor.
# </details>
# <!-- END SOLUTION -->

# %% [markdown]
# **Ejercicio 2.** Lanzas `aws ec2 create-image --instance-id i-… --name web-v1` sobre la
# instancia de producción, sin más opciones. ¿Qué le pasa a la instancia? Escribe la letra en
# `opcion`:
#
# - **a)** Nada: AWS copia el disco en caliente.
# - **b)** AWS la reinicia para tomar un `snapshot` coherente de cada volumen.
# - **c)** AWS la detiene y no la vuelve a arrancar.

# %% tags=["ejercicio"]
opcion = None
# Escribe tu código aquí

# %% deletable=false editable=false tags=["comprobacion"]
labkit.checks.create_image_reboot(opcion)

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# <details><summary>Ver la solución comentada (ábrela después de intentarlo)</summary>
#
# ```python
# opcion = "b"   # sin --no-reboot, AWS reinicia la instancia para que los snapshots sean coherentes
# ```
# </details>
# <!-- END SOLUTION -->

# %% [markdown]
# ## Puntos clave
# - Una `AMI` = `snapshots` de sus volúmenes + una descripción (arquitectura, virtualización,
#   dispositivo raíz, permisos).
# - `create-image` toma un `snapshot` de cada volumen de la instancia y, por defecto, la reinicia.
# - `register-image` crea la `AMI` sobre un `snapshot` existente: rápido y sin tocar la instancia.
# - Un `snapshot` raíz tomado en caliente es solo coherente ante fallos: para una `AMI` fiable,
#   detén la instancia antes de tomarlo (guía de usuario de Amazon EBS).
#
# Anterior: [03 · Almacenamiento incremental](03_almacenamiento_incremental.ipynb) · [Índice](../README.md#lecciones) · Siguiente: [05 · DEMO #17: crear una `AMI`](05_demo17_crear_ami.ipynb)
