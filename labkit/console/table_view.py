"""How the console's lists are drawn: rows of a ``labkit.tables`` frame as aligned text."""


def fixed_width(frame, columns, max_width=38):
    """The list's header and rows as aligned text (non-breaking spaces survive HTML)."""
    def cell(value):
        text = str(value)
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    cells = [[cell(v) for v in row] for row in frame[columns].itertuples(index=False)]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    header = "  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip()
    pad = "\u00a0"  # a browser collapses runs of plain spaces in an <option>, not these
    rows = [(pad * 2).join(v + pad * (w - len(v)) for v, w in zip(r, widths)).rstrip(pad) for r in cells]
    return header, rows
