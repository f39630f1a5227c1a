# %% [markdown]
# # 00 · Bienvenida al laboratorio de `snapshots` y `AMI`
#
# [Índice](../README.md#lecciones) · Siguiente: [01 · ¿Qué es un `snapshot`?](01_que_es_un_snapshot.ipynb)
#
# **Tiempo estimado:** 10 minutos.
#
# **Objetivos**
# - Saber qué es este laboratorio y qué AWS usa: el **AWS simulado (local)** o el **AWS real**.
# - Arrancar el laboratorio con `labkit.start()`.
# - Ver el escenario del curso: una instancia pública, una instancia privada y sus volúmenes.
# - Ejecutar los dos primeros comandos de la página del curso tal cual, con la `cli`.

# %% [markdown]
# ## ¿Qué es este laboratorio?
#
# Vas a seguir la página del curso «Snapshots y AMI» paso a paso. Todo lo que hagas ocurre en un
# **AWS simulado (local)**: un servicio que corre en tu propio equipo y responde como EC2. No
# necesitas cuenta de AWS, no cuesta dinero y puedes equivocarte sin miedo.
#
# | | AWS simulado (local) | AWS real |
# |---|---|---|
# | ¿Cuenta de AWS? | No | Sí, con tus credenciales |
# | ¿Cuesta dinero? | No | Sí (instancias, volúmenes, `snapshots`) |
# | ¿Cómo se activa? | Por defecto | `LABKIT_MODE=aws` o `labkit.start(mode="aws")` |
# | ¿Qué puede tocar el kit? | Todo lo de la cuenta simulada | Solo lo que el kit creó y etiquetó (`labkit:owner=labkit`) |
#
# El paquete `labkit` hace la fontanería: arranca el AWS simulado, prepara el escenario y muestra
# las tablas que verías en la consola web. La consola web, la `cli` (`aws ec2 ...`) y Python
# (`boto3`) ven **la misma cuenta**.

# %% [markdown]
# ## Arrancar el laboratorio
#
# La primera celda de cada notebook es siempre la misma. Puedes ejecutarla las veces que quieras:
# si el laboratorio ya está en marcha, lo reutiliza. Imprime una línea con el modo, la región, la
# cuenta y la dirección (endpoint) del AWS que se usa.

# %%
import labkit

lab = labkit.start()

# %% [markdown]
# ## El escenario del curso
#
# La página del curso supone que ya tienes una VPC con una **instancia pública** y una
# **instancia privada** (el paso 3 de la DEMO #16 pide «el `id` de la instancia privada»).
# `labkit.scenario.ensure(lab)` las busca por sus etiquetas y solo crea lo que falte.

# %%
escenario = labkit.scenario.ensure(lab)
labkit.tables.instances(lab)

# %% [markdown]
# Cada instancia tiene su volumen raíz, y la instancia privada tiene además un volumen de datos.
# La columna `Snapshot` dice de qué `snapshot` se creó cada volumen: lo veremos en la lección 01.

# %%
labkit.tables.volumes(lab)

# %% [markdown]
# ## Los primeros comandos de la página, tal cual
#
# En una celda, `!` ejecuta un comando de la terminal. El laboratorio ya configuró la `cli` para
# que hable con el mismo AWS simulado. También puedes abrir una terminal de JupyterLab
# (`Archivo > Nuevo > Terminal`) y escribirlos allí si arrancaste con `make lab`.
#
# Primero, la lista de instancias con su id y su nombre DNS privado:

# %%
# !aws ec2 describe-instances \
#   --query "Reservations[*].Instances[*].{Id:InstanceId,Name:PrivateDnsName}"

# %% [markdown]
# Después, la lista de volúmenes:

# %%
# !aws ec2 describe-volumes

# %% [markdown]
# ## Si algo sale mal
#
# Cuando algo falla, el kit explica en español qué pasó y qué hacer, sin llenar la pantalla de
# errores de Python. Esta celda falla a propósito (el modo `produccion` no existe):

# %% tags=["raises-exception"]
labkit.start(mode="produccion")

# %% [markdown]
# ## AWS real (opcional, solo con tu profesor)
#
# Para usar tu propia cuenta, arranca JupyterLab con `LABKIT_MODE=aws` (o llama
# `labkit.start(mode="aws", region="us-east-1")`). Antes de hacer nada, el kit muestra la cuenta,
# la identidad y la región. Crear el escenario en AWS real cuesta dinero, así que pide
# confirmación explícita (`labkit.scenario.ensure(lab, confirm=True)`) y dice cuánto cuesta por
# hora. El kit nunca cambia ni borra nada que no haya creado y etiquetado él mismo.

# %% [markdown]
# ## Puntos clave
# - `lab = labkit.start()` arranca (o reutiliza) el laboratorio; por defecto, un AWS simulado local.
# - El escenario del curso tiene una instancia pública y una privada; la privada tiene dos volúmenes.
# - `!aws ec2 ...` en una celda, la terminal y `boto3` trabajan sobre la misma cuenta.
# - En AWS real el kit solo toca lo que él creó.
#
# [Índice](../README.md#lecciones) · Siguiente: [01 · ¿Qué es un `snapshot`?](01_que_es_un_snapshot.ipynb)
