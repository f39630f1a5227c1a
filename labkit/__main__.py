"""``python -m labkit lab | serve | reset | student | figures`` (and more as the kit grows)."""

import sys

USAGE = """Uso: python -m labkit <comando>
  lab     AWS simulado + JupyterLab en español (lo que hace `make lab`)
  serve   solo el AWS simulado compartido; imprime los `export` para una terminal
  reset   vuelve la cuenta simulada al estado inicial del curso (entre grupos)
  student copia los notebooks sin soluciones (por defecto en student/)
  figures regenera las figuras del curso en images/ (016, 017 y 018)"""


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    command = argv.pop(0) if argv else ""
    from . import serve, student

    commands = {"lab": lambda: serve.lab(argv), "serve": serve.serve, "reset": serve.reset,
                "student": lambda: student.main(argv), "figures": lambda: _figures(argv)}
    if command not in commands:
        print(USAGE, file=sys.stderr)
        return 2
    return commands[command]() or 0


def _figures(argv):
    from . import figures

    return figures.main(argv)


if __name__ == "__main__":
    sys.exit(main())
