"""How the console's lists are drawn: a table with a header grid and a checkbox per row, whose
cells wrap so that a 640 px wide output needs no sideways scrolling, and a Preferences panel to
choose the visible columns (as the AWS console's gear icon).

Widget layout: one HTML widget for the header and, per row, an HBox of a Checkbox and one HTML
widget whose cells sit on the same CSS grid as the header (two widgets per row, not one per cell:
a list redraws in a few milliseconds). ``table_html`` draws the same table as plain HTML, for
the static rendering a notebook stores.
"""

import html

import ipywidgets as widgets

from .html_helpers import LINE_HEIGHT
from .layout import A11Y_STYLE, icon_button, primary_button, show

CHECK_WIDTH = "30px"
# Column widths are shares of the table's width (CSS grid ``minmax(0, n fr)``: never wider than the
# output, so no sideways scrolling), computed from the list shown: a column gets at least room for
# its longest word (capped: an id may break) and more for longer text.
_MIN_SHARE, _WORD_CAP, _TEXT_CAP, _TEXT_FACTOR = 6, 10, 24, 0.4
_CELL = "padding:2px 4px;overflow-wrap:break-word;min-width:0"
STYLE = (
    "<style>"
    ".labkit-table{font-size:12px;line-height:1.35}"
    ".labkit-table-header .labkit-grid{font-weight:bold;font-size:11px;background:#fafafa;"
    "border-bottom:2px solid #d5dbdb}"
    ".labkit-row{border-bottom:1px solid #e9ebed;align-items:center}"
    ".labkit-row.labkit-selected{background:#f2f8fd}"
    ".labkit-row .widget-checkbox{width:" + CHECK_WIDTH + ";margin:0}"
    ".labkit-row > .widget-html, .labkit-table-header > .widget-html{margin:0;flex:1 1 0;min-width:0}"
    ".labkit-row .widget-checkbox label{min-width:0;width:auto}"
    ".labkit-row .widget-html-content, .labkit-table-header .widget-html-content{line-height:1.4}"
    + A11Y_STYLE + "</style>"
)


def _check_layout():
    """The checkbox column: exactly CHECK_WIDTH wide (ipywidgets gives a checkbox a wide minimum)."""
    return widgets.Layout(width=CHECK_WIDTH, min_width=CHECK_WIDTH, max_width=CHECK_WIDTH,
                          flex=f"0 0 {CHECK_WIDTH}", margin="0")


def grid_template(frame, columns):
    """The grid's column template for ``columns`` of ``frame`` (header words count too)."""
    shares = []
    for column in columns:
        texts = [column] + [str(v) for v in frame[column]]
        word = max(len(w) for t in texts for w in (t.split() or [""]))
        text = max(len(t) for t in texts)
        share = max(_MIN_SHARE, min(word, _WORD_CAP), min(text, _TEXT_CAP) * _TEXT_FACTOR)
        shares.append(f"minmax(0,{share:g}fr)")
    return " ".join(shares)


def _cells(values, template):
    style = f"display:grid;grid-template-columns:{template};{LINE_HEIGHT}"
    cells = "".join(f'<div style="{_CELL}">{html.escape(str(v))}</div>' for v in values)
    return f'<div class="labkit-grid" lang="en" style="{style};hyphens:auto">{cells}</div>'


def table_html(frame, columns, selected=None, id_column=None):
    """A static HTML table (header, a ☐/☑ column, the visible columns) of ``frame``."""
    head = "".join(f'<th style="{_CELL};text-align:left;border-bottom:2px solid #d5dbdb">{html.escape(c)}</th>'
                   for c in columns)
    rows = []
    for row in frame[columns + ([id_column] if id_column and id_column not in columns else [])].to_dict("records"):
        mark = "☑" if id_column and row[id_column] == selected else "☐"
        cells = "".join(f'<td style="{_CELL};border-bottom:1px solid #e9ebed">{html.escape(str(row[c]))}</td>'
                        for c in columns)
        rows.append(f"<tr><td style=\"{_CELL};border-bottom:1px solid #e9ebed\">{mark}</td>{cells}</tr>")
    return ('<table class="labkit-static-table" style="border-collapse:collapse;font-size:12px;'
            f'line-height:1.4;width:100%;table-layout:fixed"><thead><tr><th style="width:24px"></th>{head}'
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table>")


class Table(widgets.VBox):
    """A console list. ``show(frame)`` draws it; ``selected`` is the checked row's id (one at a
    time: checking a row unchecks the others); ``on_select(id_or_None)`` is called on a change.
    ``preferences_button`` opens the column chooser (``column_boxes``, ``confirm_button``).
    """

    def __init__(self, id_column, columns, visible, on_select=None):
        super().__init__()
        self.id_column = id_column
        self.all_columns = list(columns)
        self.visible = [c for c in columns if c in visible]
        self.on_select = on_select
        self.frame = None
        self.checkboxes = {}
        self.rows = {}
        self._selected = None
        self._quiet = False
        self.header = widgets.HTML()
        header_box = widgets.HBox([widgets.HTML(layout=_check_layout()), self.header])
        header_box.add_class("labkit-table-header")
        self.body = widgets.VBox()
        self.empty = widgets.HTML()
        self.preferences_button = icon_button("cog", "Preferences")
        self.column_boxes = {c: widgets.Checkbox(value=c in self.visible, description=c, indent=False,
                                                 layout=widgets.Layout(width="210px"))
                             for c in self.all_columns if c != id_column}
        self.confirm_button = primary_button("Confirm")
        self.cancel_button = widgets.Button(description="Cancel", layout=widgets.Layout(width="auto"))
        self.preferences = widgets.VBox([
            widgets.HTML("<b>Preferences</b> · Select visible columns"),
            widgets.Box(list(self.column_boxes.values()), layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox([self.cancel_button, self.confirm_button]),
        ], layout=widgets.Layout(border="1px solid #d5dbdb", padding="6px", margin="4px 0"))
        self.preferences.add_class("labkit-preferences")
        show(self.preferences, False)
        self.preferences_button.on_click(lambda _b: self.open_preferences())
        self.confirm_button.on_click(lambda _b: self.confirm_preferences())
        self.cancel_button.on_click(lambda _b: show(self.preferences, False))
        self.children = [self.preferences, header_box, self.body, self.empty]
        self.add_class("labkit-table")

    # data
    def show(self, frame, empty_html=""):
        """Draw ``frame`` (a ``labkit.tables`` frame), keeping the selection if the row is still there."""
        self.frame = frame
        ids = list(frame[self.id_column])
        if self._selected not in ids:
            self._selected = None
        self.template = grid_template(frame, self.visible)
        self.header.value = _cells(self.visible, self.template)
        old_boxes, old_rows = self.checkboxes, self.rows
        rows, self.checkboxes, self.rows = [], {}, {}
        for record in frame.to_dict("records"):
            rid = record[self.id_column]
            cells = _cells([record[c] for c in self.visible], self.template)
            if rid in old_rows:  # a row already drawn is updated in place (fewer widgets to make)
                box, row = old_boxes[rid], old_rows[rid]
                row.children[1].value = cells
            else:
                # Its name, "Select <id>", is the text of its <label> (hidden from the eye).
                box = widgets.Checkbox(value=False, indent=False, description=f"Select {rid}", layout=_check_layout())
                box.add_class("labkit-sr-label")
                box.observe(lambda change, rid=rid: self._checked(rid, change["new"]), "value")
                row = widgets.HBox([box, widgets.HTML(cells)])
                row.add_class("labkit-row")
            self.checkboxes[rid], self.rows[rid] = box, row
            self._quiet = True
            try:
                box.value = rid == self._selected
            finally:
                self._quiet = False
            (row.add_class if rid == self._selected else row.remove_class)("labkit-selected")
            rows.append(row)
        for rid, row in old_rows.items():
            if rid not in self.rows:
                for widget in (*row.children, row):
                    widget.close()
        self.body.children = rows
        self.empty.value = "" if ids else empty_html

    @property
    def ids(self):
        return list(self.checkboxes)

    def row_text(self, resource_id):
        """The row's cells as text (what a reader sees), e.g. for tests."""
        record = self.frame[self.frame[self.id_column] == resource_id].to_dict("records")[0]
        return " ".join(str(record[c]) for c in self.visible)

    def update_row(self, resource_id, **values):
        """Change some cells of a shown row (e.g. a snapshot's status and progress) in place."""
        if self.frame is None or resource_id not in self.rows:
            return
        mask = self.frame[self.id_column] == resource_id
        for column, value in values.items():
            self.frame.loc[mask, column] = value
        record = self.frame[mask].to_dict("records")[0]
        self.rows[resource_id].children[1].value = _cells([record[c] for c in self.visible], self.template)

    # selection
    @property
    def selected(self):
        return self._selected

    def select(self, resource_id, quiet=False):
        """Check ``resource_id``'s row (None clears the selection)."""
        self._quiet = quiet
        try:
            if resource_id is None:
                if self._selected in self.checkboxes:
                    self.checkboxes[self._selected].value = False
                self._selected = None
            else:
                self.checkboxes[resource_id].value = True
        finally:
            self._quiet = False

    def _checked(self, rid, value):
        if value:
            previous, self._selected = self._selected, rid
            if previous in self.checkboxes and previous != rid:
                self.checkboxes[previous].value = False
            self.rows[rid].add_class("labkit-selected")
        else:
            self.rows[rid].remove_class("labkit-selected")
            if self._selected != rid:
                return
            self._selected = None
        if self.on_select is not None and not self._quiet:
            self.on_select(self._selected)

    # preferences
    def open_preferences(self):
        for column, box in self.column_boxes.items():
            box.value = column in self.visible
        show(self.preferences, True)

    def confirm_preferences(self):
        chosen = {c for c, box in self.column_boxes.items() if box.value}
        self.visible = [c for c in self.all_columns if c == self.id_column or c in chosen]
        show(self.preferences, False)
        if self.frame is not None:
            self.show(self.frame, self.empty.value)

    def static_html(self):
        if self.frame is None:
            return ""
        if not len(self.frame):
            return self.empty.value
        return table_html(self.frame, self.visible, self._selected, self.id_column)
