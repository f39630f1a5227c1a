"""Course content: the course page's "Procedimiento (Web)" of DEMO #16 and DEMO #17, step by step.

Plain data, no widgets. Each step is (Spanish text with `code` spans, event that completes it);
the events are sent by the console widgets (``labkit.console.steps.Steps`` ticks them):
``open``, ``nav:<page>``, ``select:<page>``, ``form:<form key>``, ``resource:Instance``, ``instance``,
``description``, ``name_description``, ``created:<kind>``, ``close:<kind>``, ``listed:image``.
"""


# The course page's "Procedimiento (Web)", step by step, with the event that completes each step.
DEMO16_TITLE = "DEMO #16 · Creación de un <code>snapshot</code> (Procedimiento Web)"
DEMO16_STEPS = [
    ("Ir al Dashboard de EC2.", "open"),
    ("Hacer clic en `Instances`.", "nav:Instances"),
    ("Tomar nota del `id` de la instancia privada (marca su casilla en la lista).", "select:Instances"),
    ("Hacer clic en `Snapshots`.", "nav:Snapshots"),
    ("Hacer clic en `Create Snapshot` (hoy el botón dice `Create snapshot`).", "form:snapshot"),
    ("Seleccionar `Instance` como el tipo de recurso.", "resource:Instance"),
    ("Introducir el `Id` en el campo `Instance ID`.", "instance"),
    ("Agregar una descripción (no es obligatoria, pero es muy recomendable).", "description"),
    ("Hacer clic en `Create Snapshots` (hoy el botón dice `Create snapshot`).", "created:snapshot"),
    ("Hacer clic en `Close` (hoy ya no hace falta: la consola vuelve sola a la lista de `Snapshots` "
     "con un aviso verde).", "created:snapshot"),
]
DEMO17_TITLE = "DEMO #17 · Creación de una <code>AMI</code> a partir de un <code>snapshot</code> (Procedimiento Web)"
DEMO17_STEPS = [
    ("Ir al Dashboard de EC2.", "open"),
    ("Hacer clic en `Snapshots`.", "nav:Snapshots"),
    ("Seleccionar el `snapshot` sobre el cual se quiere crear una `AMI` (marca su casilla).", "select:Snapshots"),
    ("Hacer clic en `Actions > Create Image` (hoy: `Actions`, luego `Create image from snapshot`).",
     "form:image_from_snapshot"),
    ("Colocar un nombre y una descripción de la `AMI`.", "name_description"),
    ("Hacer clic en `Create` (hoy el botón dice `Create image`).", "created:image"),
    ("Hacer clic en `Close` (hoy ya no hace falta: la consola vuelve sola a la lista con un aviso "
     "verde).", "created:image"),
    ("Hacer clic en `AMIs`.", "nav:AMIs"),
    ("Ver la nueva `AMI` en la lista.", "listed:image"),
]
DEMOS = {16: (DEMO16_TITLE, DEMO16_STEPS), 17: (DEMO17_TITLE, DEMO17_STEPS)}
