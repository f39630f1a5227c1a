# %% [markdown]
# # 03 · Almacenamiento incremental de los `snapshots`
#
# Anterior: [02 · DEMO #16: crear un `snapshot`](02_demo16_crear_snapshot.ipynb) · [Índice](../README.md#lecciones) · Siguiente: [04 · `AMI` a partir de `snapshots`](04_ami_desde_snapshots.ipynb)
#
# **Tiempo estimado:** 35 minutos.
#
# **Objetivos**
# - Entender con números qué guarda y qué referencia cada `snapshot` incremental (figura 016).
# - Saber qué se libera, y qué no, al borrar un `snapshot`.
# - Construir tu propia historia de `snapshots` en el modelo (ejercicio 2); más experimentos, en los apéndices.
# - Calcular cuánto cuesta al mes una política de `snapshots` diarios.

# %%
import labkit

lab = labkit.start()
escenario = labkit.lesson.begin(lab, snapshot_descriptions=["03 · bloques reales (1)", "03 · bloques reales (2)"])

# %% [markdown]
# ## ¿Cómo funciona el sistema incremental de almacenamiento de `snapshots`?
#
# Es la pregunta de las FAQ de la página del curso. La página responde: «Ver la siguiente imagen
# basada en un volumen de 10GB». Esta es la figura, redibujada con el ejemplo que publica AWS en la
# guía de usuario de Amazon EBS («How snapshots work»):
#
# ![Snapshots incrementales según el ejemplo de AWS: un volumen de 15 GiB con 10 GiB de datos. Arriba, el mapa de bloques de los snapshots A, B y C, coloreado según qué snapshot guarda cada bloque. Abajo, barras apiladas: A guarda 10 GiB; B guarda los 4 GiB que cambiaron y referencia 6 GiB en A; C guarda los 2 GiB nuevos y referencia 4 GiB en B y 6 GiB en A. En total se guardan 16 GiB, no 32 GiB como con copias completas.](../images/016_snapshots_incrementales.png)
#
# > **Nota.** La página dice «basada en un volumen de 10GB». En la figura de AWS el volumen mide
# > **15 GiB** y tiene **10 GiB de datos** escritos. No es un detalle menor: el tamaño de un
# > `snapshot` sigue a **los datos escritos**, no al tamaño del volumen. (AWS mide en GiB,
# > 1 GiB = 1024³ bytes; la página escribe GB.)
#
# La historia de la figura, paso a paso:
#
# | Paso | Qué pasa en el volumen | Qué guarda el `snapshot` | Qué referencia |
# |---|---|---|---|
# | A | 10 GiB de datos | 10 GiB (todo lo escrito) | nada |
# | B | cambian 4 GiB | 4 GiB (lo que cambió) | 6 GiB en A |
# | C | se añaden 2 GiB | 2 GiB (lo nuevo) | 4 GiB en B y 6 GiB en A |
#
# En total AWS guarda **10 + 4 + 2 = 16 GiB**. Con copias completas serían 10 + 10 + 12 = 32 GiB.

# %% [markdown]
# ## La figura 016, en vivo
#
# El paquete `labkit.storage` tiene un modelo del almacenamiento de EBS: un volumen está hecho de
# bloques de 512 KiB, y cada `snapshot` recuerda qué bloques guarda él mismo y cuáles referencia en
# un `snapshot` anterior. Repetimos la historia de AWS:

# %%
import matplotlib.pyplot as plt

from labkit import charts, storage, storage_widgets

modelo = storage.Model()
volumen = modelo.create_volume(15, "vol")   # un volumen de 15 GiB, vacío
volumen.write(10)                           # 10 GiB de datos (GiB 0 a 9)
volumen.snapshot("A")
volumen.write(4)                            # cambian 4 GiB (GiB 0 a 3)
volumen.snapshot("B")
volumen.write(2, start_gib=10)              # se añaden 2 GiB nuevos (GiB 10 y 11)
volumen.snapshot("C")
modelo.table()   # storage.aws_example() construye este mismo modelo

# %% [markdown]
# Cada fila es un `snapshot`: lo que **guarda** él mismo, lo que **referencia** en `snapshots`
# anteriores, lo que **restaura** (el volumen completo en ese momento) y lo que **se liberaría** si
# lo borraras. Lo que se factura es la suma de lo guardado:

# %%
print(f"Facturado: {modelo.billed_gib():g} GiB. Con copias completas: {modelo.full_copies_gib():g} GiB.")

# %% [markdown]
# El gráfico siguiente muestra una barra por `snapshot`: en color sólido los GiB que guarda él
# mismo y, rayados con el color de otro `snapshot`, los GiB que referencia en él. A tiene 10 GiB
# sólidos; B, 4 GiB sólidos sobre 6 GiB rayados de A; C, 2 GiB sólidos sobre 6 GiB de A y 4 GiB
# de B.

# %%
charts.snapshot_bars(modelo, title="Figura 016: qué guarda y qué referencia cada snapshot")
plt.show()

# %% [markdown]
# El mapa de bloques muestra lo mismo por posición en el volumen: una fila por `snapshot`, y cada
# GiB pintado con el color del `snapshot` que guarda esa copia. En la fila de C, los GiB 0 a 3
# son de B (cambiaron), los GiB 4 a 9 siguen siendo de A, los GiB 10 y 11 son de C, y los GiB 12
# a 14 están vacíos.

# %%
charts.block_map(modelo)
plt.show()

# %% [markdown]
# ¿Y un volumen grande casi vacío? El primer `snapshot` de un volumen de 200 GiB con 50 GiB
# escritos guarda 50 GiB, no 200:

# %%
grande = storage.Model()
grande.create_volume(200, "vol-200").write(50).snapshot("primero")
grande.table()[["Snapshot", "Guardado (GiB)"]]

# %% [markdown]
# ## ¿Qué se borra al borrar un `snapshot`?
#
# La página dice: «La eliminación de un `snapshot` solo eliminará esta diferencia de datos».
#
# > **Nota.** La regla exacta de AWS (guía de usuario, «Delete a snapshot») es un poco distinta:
# > al borrar un `snapshot` se borran solo los datos **que ningún otro `snapshot` necesita**. Si un
# > `snapshot` posterior todavía usa esos bloques, se quedan (y se siguen cobrando). Por eso borrar
# > un `snapshot` puede liberar menos de lo que guardaba, o incluso **nada**.
#
# El ejemplo de AWS para borrar: A guarda los 10 GiB del volumen; después cambian 4 GiB y B guarda
# esos 4 GiB y referencia los otros 6 GiB en A. Borramos A, y conservamos B.

# %%
dos = storage.aws_example(upto="B")
dos.table()

# %% [markdown]
# El gráfico compara lo facturado antes y después de borrar A. Antes: A con 10 GiB y B con 4 GiB,
# 14 GiB en total. Después: solo B, que ahora guarda 10 GiB, porque los 6 GiB de A que B
# necesitaba no se borraron (AWS dibuja que «pasan» a B).

# %%
charts.deletion(dos, "A")
plt.show()

# %% [markdown]
# Lo comprobamos con el modelo: borramos A de una copia y miramos la tabla de nuevo.

# %%
despues = dos.copy()
despues.delete_snapshot("A")
print(f"Facturado antes: {dos.billed_gib():g} GiB; después de borrar A: {despues.billed_gib():g} GiB.")
despues.table()

# %% [markdown]
# Borrar A liberó solo los 4 GiB de A que B ya había reemplazado. Y B, el último `snapshot`, sigue
# bastando para restaurar el volumen completo:

# %%
import numpy as np

iguales = np.array_equal(despues.restore("B"), dos.volume("vol").contents())
print("¿B, por sí solo, restaura exactamente el volumen?", "Sí" if iguales else "No")

# %% [markdown]
# Y a veces borrar **no libera nada**. En la historia A, B, C de la figura 016, mira la última
# columna: si borras B, C todavía necesita sus 4 GiB, así que no se libera ningún GiB.

# %%
modelo.table()[["Snapshot", "Guardado (GiB)", "Se libera al borrarlo (GiB)"]]

# %% [markdown]
# ## ¿Cuánto cuesta al mes?
#
# Los `snapshots` se cobran por GB guardado y por mes. Los precios cambian con el tiempo y con la
# región; el kit siempre dice de cuándo y de dónde son:

# %%
print(storage.price_note())
costo = modelo.costs()
print(f"Figura 016: {costo['billed_gib']:g} GiB → {costo['billed_usd']:.2f} USD al mes "
      f"(con copias completas, {costo['full_gib']:g} GiB → {costo['full_usd']:.2f} USD).")

# %% [markdown]
# Una política habitual: **un `snapshot` por día, conservar los 7 últimos**, en un volumen de
# 100 GiB lleno de datos en el que cada día cambia el 2 %. El más antiguo de los que conservas
# guarda el volumen completo y cada uno de los demás solo lo que cambió en su día.
#
# El gráfico muestra los GiB facturados durante 30 días: la línea azul (incremental) sube 2 GiB
# por día hasta el día 7 y después se queda plana en 112 GiB; la línea roja discontinua (copias
# completas) sube 100 GiB por día hasta 700 GiB.

# %%
dias = storage.retention(100, 2, keep=7, days=30)
charts.storage_over_time(dias)
plt.show()

# %% [markdown]
# El costo mensual, una vez que la política está en régimen (7 `snapshots` conservados):

# %%
politica = storage.retention_cost(100, 2, keep=7)
print(f"Incremental: {politica['incremental_gib']:g} GiB → {politica['incremental_usd']:.2f} USD al mes")
print(f"Copias completas: {politica['full_gib']:g} GiB → {politica['full_usd']:.2f} USD al mes")

# %% [markdown]
# El gráfico de barras compara los USD por mes de dos formas de guardar los mismos 7 `snapshots` en
# el nivel estándar: incrementales (5.60 USD) y copias completas (35 USD). Debajo, la región y la
# fecha en que se consultaron los precios.

# %%
charts.monthly_cost(100, 2, keep=7)
plt.show()

# %% [markdown]
# ### Estándar o archivo
#
# - **Estándar** (`Standard`): donde nace todo `snapshot`; incremental. Un volumen creado desde él
#   está disponible en segundos, aunque sus bloques se cargan desde S3 al leerlos (la primera
#   lectura es más lenta; Fast Snapshot Restore lo evita, con costo).
# - **Archivo** (`Archive`, en la consola `Actions` → `Archive snapshot`): el `snapshot` archivado
#   se convierte en una **copia completa**; el GB-mes cuesta una cuarta parte, pero se cobran **al
#   menos 90 días** aunque lo borres antes, **restaurarlo cuesta** 0.03 USD por GB y tarda horas.
#   En el AWS simulado puedes archivar y restaurar un `snapshot` (lección 08, «Para saber más»):
#   allí tarda segundos; en AWS real, archivar tarda horas y restaurar hasta 72 horas. Fuente: guía
#   de usuario de Amazon EBS, «Archive Amazon EBS snapshots» y «Guidelines and best practices for
#   archiving».
#
# ¿Y la política diaria de arriba en el nivel de archivo? Cada día entraría una copia completa de
# 100 GiB que se cobra 90 días aunque a los 7 la borres:

# %%
print(f"Diaria, 7 conservados, en archivo: {storage.daily_rotation_in_archive(100, keep=7):.2f} USD al mes")
print(f"La misma, en estándar: {storage.retention_cost(100, 2, keep=7)['incremental_usd']:.2f} USD al mes")

# %% [markdown]
# El nivel de archivo **puede ganar** con `snapshots` que guardas muchos meses y que se parecen poco
# entre sí: por ejemplo, un `snapshot` mensual conservado un año (por auditoría) de un volumen de
# 100 GiB cuyos datos cambian mucho de un mes a otro, restaurando uno al año:

# %%
for cambio in (5, 40):
    c = storage.archive_comparison(100, monthly_change_pct=cambio, keep_months=12, restores_per_year=1)
    gana = "archivo" if c["winner"] == "archive" else "estándar"
    print(f"Cambio mensual {cambio} %: estándar {c['standard_usd']:.2f} USD/mes, "
          f"archivo {c['archive_usd']:.2f} USD/mes → gana {gana}")
print(storage.price_note())

# %% [markdown]
# ## Ejercicios
#
# **Ejercicio 1.** Un volumen tiene 20 GiB de datos. Tomas el `snapshot` A; cambian 5 GiB y tomas
# el `snapshot` B. Después **borras A** y conservas B. ¿Cuántos GiB de `snapshots` se facturan
# ahora? Escribe el número en `gib`.

# %% tags=["ejercicio"]
gib = None
# Escribe tu código aquí

# %% deletable=false editable=false tags=["comprobacion"]
labkit.checks.deletion_billed(gib, data=20, changed=5)

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# <details><summary>Ver la solución comentada (ábrela después de intentarlo)</summary>
#
# ```python
# # B guarda los 5 GiB que cambiaron y necesita los otros 15 GiB de A: al borrar A esos 15 GiB se
# # quedan (pasan a B). Solo se liberan los 5 GiB de A que B ya había reemplazado.
# gib = 5 + 15
# ```
# </details>
# <!-- END SOLUTION -->

# %% [markdown]
# **Ejercicio 2.** Construye esta historia en un modelo nuevo llamado `historia`: un volumen de
# 20 GiB; el lunes se escriben 8 GiB y se toma un `snapshot`; el martes **cambian** 2 de esos GiB
# y se toma otro; el miércoles se **añaden** 3 GiB nuevos y se toma el tercero.

# %% tags=["ejercicio"]
historia = None
# Escribe tu código aquí

# %% deletable=false editable=false tags=["comprobacion"]
labkit.checks.own_history(historia)

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# <details><summary>Ver la solución comentada (ábrela después de intentarlo)</summary>
#
# ```python
# historia = storage.Model()          # el modelo de esta lección (no es AWS: no hay API para esto)
# v = historia.create_volume(20)
# v.write(8)                          # lunes: 8 GiB de datos
# v.snapshot("lunes")
# v.write(2)                          # martes: cambian los GiB 0 y 1 (dentro de los 8)
# v.snapshot("martes")
# v.write(3, start_gib=8)             # miércoles: 3 GiB nuevos, después de los datos
# v.snapshot("miércoles")             # se facturan 8 + 2 + 3 = 13 GiB
# ```
# </details>
# <!-- END SOLUTION -->

# %% [markdown]
# **Ejercicio 3.** Política: un `snapshot` por día, conservar los 14 últimos, de un volumen de
# 200 GiB lleno de datos en el que cambia el 1 % cada día. ¿Cuántos USD al mes cuesta en el nivel
# estándar, una vez en régimen? Escribe el número en `usd`.

# %% tags=["ejercicio"]
usd = None
# Escribe tu código aquí

# %% deletable=false editable=false tags=["comprobacion"]
labkit.checks.policy_cost(usd, volume_gib=200, change_pct=1, keep=14)

# %% [markdown]
# <!-- BEGIN SOLUTION -->
# <details><summary>Ver la solución comentada (ábrela después de intentarlo)</summary>
#
# ```python
# # El más antiguo guarda los 200 GiB; cada uno de los otros 13 guarda el 1 % (2 GiB).
# gib_facturados = 200 + 13 * 2          # 226 GiB
# usd = gib_facturados * 0.05            # 0.05 USD por GB-mes (us-east-1, consultado en 2026-11)
# ```
# </details>
# <!-- END SOLUTION -->

# %% [markdown]
# ## Puntos clave
# - El primer `snapshot` guarda los datos escritos (no el tamaño del volumen); los siguientes,
#   solo los cambios desde el anterior. El resto lo referencian.
# - En el ejemplo de AWS: A 10 GiB, B 4 GiB, C 2 GiB → 16 GiB facturados en lugar de 32 GiB.
# - Borrar un `snapshot` borra solo lo que ningún otro `snapshot` necesita: puede liberar poco o
#   nada. El último `snapshot` basta para restaurar el volumen completo.
# - El costo es GiB guardados × precio por GB-mes (di siempre región y fecha de consulta). El nivel
#   de archivo guarda copias completas, cobra 90 días mínimos y cobra por restaurar: solo conviene
#   para `snapshots` que guardas meses y que se parecen poco entre sí, nunca para una rotación diaria.
#
# Anterior: [02 · DEMO #16: crear un `snapshot`](02_demo16_crear_snapshot.ipynb) · [Índice](../README.md#lecciones) · Siguiente: [04 · `AMI` a partir de `snapshots`](04_ami_desde_snapshots.ipynb)

# %% [markdown]
# ## Apéndice (opcional): tu experimento con el modelo
#
# Para seguir practicando después de la lección (unos 5 minutos).
#
# Ahora tú. Un volumen pequeño de 4 GiB, tres días de trabajo y un `snapshot` cada día. Cambia los
# números (cuántos GiB se escriben y dónde, con `start_gib`) y vuelve a ejecutar las celdas.

# %%
mio = storage.Model()
disco = mio.create_volume(4, "mi-disco")

disco.write(2)                  # lunes: 2 GiB de datos (GiB 0 y 1)
disco.snapshot("lunes")
disco.write(1, start_gib=1)     # martes: cambia el GiB 1
disco.snapshot("martes")
disco.write(1, start_gib=2)     # miércoles: 1 GiB nuevo (GiB 2)
disco.snapshot("miércoles")

mio.table()[["Snapshot", "Guardado (GiB)", "Referenciado (GiB)", "Restaura (GiB)"]]

# %% [markdown]
# El gráfico de tu experimento: una barra por día, con lo que guarda cada `snapshot` (sólido) y lo
# que referencia en los anteriores (rayado).

# %%
charts.snapshot_bars(mio, title="Tu experimento: tres snapshots de un volumen de 4 GiB")
plt.show()

# %% [markdown]
# Borra el `snapshot` del lunes. ¿Cuánto se libera? Haz tu apuesta antes de ejecutar la celda.

# %%
liberado = mio.freed_if_deleted_gib("lunes")
antes = mio.billed_gib()
mio.delete_snapshot("lunes")
print(f"Borrar «lunes» liberó {liberado:g} GiB: de {antes:g} GiB facturados a {mio.billed_gib():g} GiB.")
mio.table()[["Snapshot", "Guardado (GiB)", "Referenciado (GiB)", "Restaura (GiB)"]]

# %% [markdown]
# Con los números de partida, «martes» guarda ahora también el GiB 0, que escribió el lunes y que
# nadie cambió después: sin él, «martes» no podría restaurar el volumen.

# %% [markdown]
# ## Apéndice (opcional): explora una política de retención
#
# Mueve los controles: tamaño del volumen, cambio por día y `snapshots` conservados. A la
# izquierda, los GiB facturados día a día; a la derecha, el costo mensual (mismos precios y misma
# región que arriba). Empieza con la política de arriba (100 GiB, 2 %, 7 `snapshots`).

# %%
storage_widgets.retention_widget(volume_gib=100, change_pct=2, keep=7)

# %% [markdown]
# ## Apéndice (opcional): bloques reales con las EBS direct APIs
#
# Para quien quiera ir más allá, fuera del tiempo de la lección (unos 10 minutos más).
#
# Hasta aquí usamos un modelo. Con las **EBS direct APIs** (`lab.client("ebs")`) se escriben y se
# leen los bloques de 512 KiB de un `snapshot` de verdad, también en el AWS simulado:
#
# - `start_snapshot` empieza un `snapshot` (con `ParentSnapshotId`, incremental a otro);
# - `put_snapshot_block` escribe un bloque, con su suma SHA256 en base64;
# - `complete_snapshot` lo cierra, diciendo cuántos bloques escribiste.
#
# Creamos dos `snapshots` de un volumen de 1 GiB: el primero con 8 bloques y el segundo, hijo del
# primero, cambiando los bloques 2 y 3 y añadiendo el 9.

# %%
import base64
import hashlib

ebs = lab.client("ebs")


def escribir_bloques(snapshot_id, bloques):
    """Escribe {índice: texto} como bloques de 512 KiB y cierra el snapshot."""
    for indice, texto in bloques.items():
        datos = texto.encode().ljust(storage.BLOCK_SIZE, b"\0")
        suma = base64.b64encode(hashlib.sha256(datos).digest()).decode()
        ebs.put_snapshot_block(SnapshotId=snapshot_id, BlockIndex=indice, BlockData=datos,
                               DataLength=storage.BLOCK_SIZE, Checksum=suma, ChecksumAlgorithm="SHA256")
    ebs.complete_snapshot(SnapshotId=snapshot_id, ChangedBlocksCount=len(bloques))


primero = ebs.start_snapshot(VolumeSize=1, Description="03 · bloques reales (1)",
                             Tags=labkit.safety.kit_tags())["SnapshotId"]
escribir_bloques(primero, {i: f"lunes, bloque {i}" for i in range(8)})

segundo = ebs.start_snapshot(VolumeSize=1, ParentSnapshotId=primero, Description="03 · bloques reales (2)",
                             Tags=labkit.safety.kit_tags())["SnapshotId"]
escribir_bloques(segundo, {2: "martes, cambiado", 3: "martes, cambiado", 9: "martes, nuevo"})

estados = labkit.actions.wait_snapshot(lab, [primero, segundo])
for s in estados:
    print(s["SnapshotId"], s["Description"], s["State"])

# %% [markdown]
# `list_snapshot_blocks` lista **todos** los bloques que restaura un `snapshot`, heredados incluidos;
# `list_changed_blocks` lista **solo los que cambiaron** entre dos `snapshots` de la misma cadena:

# %%
todos = ebs.list_snapshot_blocks(SnapshotId=segundo)["Blocks"]
cambiados = ebs.list_changed_blocks(FirstSnapshotId=primero, SecondSnapshotId=segundo)["ChangedBlocks"]
print("Bloques que restaura el segundo:", [b["BlockIndex"] for b in todos])
print("Bloques que cambiaron del primero al segundo:", [b["BlockIndex"] for b in cambiados])

# %% [markdown]
# `storage.from_snapshots` lee esos mismos bloques y llena el modelo, así que la tabla y el mapa
# de bloques salen de tus `snapshots` reales. Aquí contamos bloques de 512 KiB, porque son pocos:

# %%
import pandas as pd

reales = storage.from_snapshots(lab, [primero, segundo])
pd.DataFrame(
    [(u.name, round(u.stored_gib * storage.BLOCKS_PER_GIB), round(u.referenced_gib * storage.BLOCKS_PER_GIB))
     for u in reales.usage()],
    columns=["Snapshot", "Bloques guardados", "Bloques referenciados"],
)

# %% [markdown]
# El mapa de bloques de los 12 primeros bloques del volumen: una fila por `snapshot`. En la fila
# del segundo, los bloques 2, 3 y 9 son suyos; los bloques 0, 1 y 4 a 7 siguen guardados en el
# primero; los bloques 8, 10 y 11 están vacíos.

# %%
charts.first_blocks(reales, 12, names=["primero", "segundo"])
plt.show()
