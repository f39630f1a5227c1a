"""Forms of the console procedures the lessons describe without replaying them step by step:
Create volume from snapshot, Copy snapshot (with encryption) and Modify permissions (share a
snapshot). Each is a thin skin over a ``labkit.console_actions`` function. (Deregister AMI is a
confirmation dialog of the console: ``console_widget``.)"""

import html

import ipywidgets as widgets
from botocore.exceptions import BotoCoreError, ClientError

from .. import console_actions, messages, sharing
from ..messages import LabkitError
from .forms import _Form
from .help_texts import HELP_COPY_SNAPSHOT, HELP_KMS_KEY, HELP_MODIFY_PERMISSIONS, HELP_VOLUME_FROM_SNAPSHOT
from .html_helpers import as_error, error_html, help_html, success_html
from .layout import DESCRIPTION_WIDTH


class VolumeFromSnapshotForm(_Form):
    """Snapshots > Actions > Create volume from snapshot (CreateVolume)."""

    create_label = "Create volume"
    heading = "Create volume"
    kind = "volume"

    def __init__(self, lab, **callbacks):
        super().__init__(lab, **callbacks)
        self._snapshot_field()
        self.volume_type = self._field(widgets.Dropdown(description="Volume type", value="gp3",
                                                        options=list(console_actions.VOLUME_TYPES)))
        self.size = self._field(widgets.Text(description="Size (GiB)", placeholder="tamaño del snapshot"))
        self.zone = self._field(widgets.Dropdown(description="Availability Zone", options=[], value=None))
        self.encrypted = widgets.Checkbox(description="Encrypt this volume", value=False, indent=False)
        self.name = self._field(widgets.Text(description="Name", placeholder="Nombre (etiqueta Name)"))
        self.children = [self.title, self.snapshot, self.snapshot_info, self.volume_type, self.size, self.zone,
                         self.encrypted, self.name, widgets.HTML(help_html(HELP_VOLUME_FROM_SNAPSHOT)),
                         self.buttons, self.message, self.result]
        self.refresh_choices()

    def refresh_choices(self):
        self._refresh_snapshots()
        zones = console_actions.availability_zones(self.lab)
        keep = self.zone.value
        self.zone.options = zones
        self.zone.value = keep if keep in zones else (zones[0] if zones else None)

    def _create(self):
        return [console_actions.create_volume_from_snapshot(
            self.lab, self.snapshot.value, self.zone.value, size_gib=self.size.value.strip() or None,
            volume_type=self.volume_type.value, encrypted=self.encrypted.value, name=self.name.value)]

    def _success(self, ids):
        return success_html(html.escape(f"Successfully created volume {ids[0]} from snapshot {self.snapshot.value}."))

    def _reset(self):
        self.size.value = ""
        self.name.value = ""
        self.encrypted.value = False


class CopySnapshotForm(_Form):
    """Snapshots > Actions > Copy snapshot (CopySnapshot in the lab's region), with encryption."""

    create_label = "Copy snapshot"
    heading = "Copy snapshot"
    kind = "copy"

    def __init__(self, lab, **callbacks):
        super().__init__(lab, **callbacks)
        self._snapshot_field()
        self.description = self._field(widgets.Text(description="Description"))
        self.region = self._field(widgets.Dropdown(description="Destination Region", options=[lab.region],
                                                   value=lab.region))
        self.encrypted = widgets.Checkbox(description="Encrypt this snapshot", value=False, indent=False)
        self.kms_key = self._field(widgets.Combobox(description="KMS key", value=console_actions.DEFAULT_KMS_KEY,
                                                    options=[console_actions.DEFAULT_KMS_KEY]))
        self.children = [self.title, self.snapshot, self.snapshot_info, self.description, self.region,
                         self.encrypted, self.kms_key, widgets.HTML(help_html(f"{HELP_COPY_SNAPSHOT} {HELP_KMS_KEY}")),
                         self.buttons, self.message, self.result]
        self.snapshot.observe(lambda _ch: self._on_snapshot(), "value")
        self.refresh_choices()

    def refresh_choices(self):
        self._refresh_snapshots()
        self._on_snapshot()

    def _on_snapshot(self):
        """The console proposes a description; an encrypted source forces an encrypted copy."""
        if self.snapshot.value is None:
            return
        self.description.value = console_actions.default_copy_description(self.lab, self.snapshot.value)
        rows = self._snapshots[self._snapshots["Snapshot ID"] == self.snapshot.value]
        source_encrypted = bool(len(rows)) and rows.iloc[0]["Encryption"] == "Encrypted"
        if source_encrypted:
            self.encrypted.value = True
        self.encrypted.disabled = source_encrypted

    def _create(self):
        # Unencrypted with the default key shown: no key. Any other key is checked (it needs encryption).
        kms = self.kms_key.value
        if not self.encrypted.value and kms == console_actions.DEFAULT_KMS_KEY:
            kms = None
        return [console_actions.copy_snapshot(self.lab, self.snapshot.value, self.description.value,
                                              encrypted=self.encrypted.value, kms_key_id=kms)]

    def _success(self, ids):
        return success_html(html.escape(f"Successfully copied snapshot {self.snapshot.value} to {ids[0]}."),
                            messages.HELP_PENDING)

    def _after_create(self, ids):
        if self.on_progress is not None:
            try:
                self.on_progress(self.lab.ec2.describe_snapshots(SnapshotIds=ids)["Snapshots"])
            except (ClientError, BotoCoreError):
                pass  # the list is refreshed anyway; never a traceback here

    def _reset(self):
        self.encrypted.value = False
        self.kms_key.value = console_actions.DEFAULT_KMS_KEY


class ModifyPermissionsForm(_Form):
    """Snapshots > Actions > Snapshot settings > Modify permissions, as today's console: the
    `Shared accounts` list with a `Remove` button per account, `AWS account ID` with `Add account`,
    and `Save changes`, which applies what was added and removed (ModifySnapshotAttribute `add`,
    then `remove`: AWS takes one operation type per call). Nothing changes in AWS before it.
    An id typed but not yet added counts as added when `Save changes` is chosen."""

    create_label = "Save changes"
    heading = "Modify permissions"
    kind = "permissions"

    def __init__(self, lab, **callbacks):
        super().__init__(lab, **callbacks)
        self._snapshot_field()
        self.accounts = []      # shared now, as AWS answered
        self.to_add = []        # staged by Add account
        self.to_remove = []     # staged by Remove
        self.remove_buttons = {}
        self.availability = widgets.HTML(help_html("<b>Snapshot availability</b>: Private"))
        self.shared = widgets.HTML()
        self.shared_rows = widgets.VBox()
        self.shared_rows.add_class("labkit-shared-accounts")
        self.pending = widgets.HTML()
        self.account = self._field(widgets.Text(description="AWS account ID", placeholder="111122223333"))
        self.add_button = widgets.Button(description="Add account", layout=widgets.Layout(width="auto"))
        self.add_button.on_click(lambda _b: self.add_account())
        self.children = [self.title, self.snapshot, self.snapshot_info, self.availability, self.shared,
                         self.shared_rows, self.pending, self.account,
                         widgets.HBox([widgets.Label(layout=widgets.Layout(width=DESCRIPTION_WIDTH)),
                                       self.add_button]),
                         widgets.HTML(help_html(HELP_MODIFY_PERMISSIONS)),
                         self.buttons, self.message, self.result]
        self.snapshot.observe(lambda _ch: self._load_shared(), "value")
        self.refresh_choices()

    def refresh_choices(self):
        self._refresh_snapshots()
        self._load_shared()

    def _load_shared(self):
        """Read the snapshot's shared accounts from AWS; forget changes not saved."""
        self.to_add, self.to_remove = [], []
        try:
            self.accounts = [] if self.snapshot.value is None else sharing.shared_with(self.lab, self.snapshot.value)
        except (LabkitError, ClientError, BotoCoreError) as exc:
            self.accounts = []
            self.message.value = error_html(as_error(exc))
        self._draw()

    def listed(self):
        """The accounts the list shows: shared now, minus those removed, plus those added."""
        return [a for a in self.accounts if a not in self.to_remove] + self.to_add

    def _draw(self):
        listed = self.listed()
        self.shared.value = help_html(f"<b>Shared accounts</b> ({len(listed)})" + ("" if listed else ": ninguna"))
        old = self.remove_buttons
        self.remove_buttons, rows = {}, []
        for account in listed:
            button = widgets.Button(description="Remove", tooltip=f"Remove {account}",
                                    layout=widgets.Layout(width="auto"))
            button.on_click(lambda _b, account=account: self.remove_account(account))
            new = " <small>(se agrega al guardar)</small>" if account in self.to_add else ""
            rows.append(widgets.HBox([widgets.HTML(f"<code>{html.escape(account)}</code>{new}",
                                                   layout=widgets.Layout(width=DESCRIPTION_WIDTH)), button],
                                     layout=widgets.Layout(align_items="center")))
            self.remove_buttons[account] = button
        for button in old.values():
            button.close()
        self.shared_rows.children = rows
        gone = ", ".join(f"<code>{html.escape(a)}</code>" for a in self.to_remove)
        self.pending.value = help_html(f"Se deja de compartir al guardar: {gone}") if gone else ""

    def add_account(self):
        """Add account: the typed id joins the list (saved with `Save changes`)."""
        self.message.value = ""
        typed = self.account.value.strip()
        try:
            self._check_typed(typed)
            if typed in self.listed():
                raise messages.error(messages.ACCOUNT_ALREADY_LISTED, code="LabkitAccountListed",
                                     account=typed, snapshot=self.snapshot.value)
        except LabkitError as exc:
            self.message.value = error_html(exc)
            return
        if typed in self.to_remove:
            self.to_remove.remove(typed)
        else:
            self.to_add.append(typed)
        self.account.value = ""
        self._draw()

    def remove_account(self, account):
        """A row's Remove: the account leaves the list (AWS is changed by `Save changes`)."""
        self.message.value = ""
        if account not in self.listed():
            self.message.value = error_html(messages.error(
                messages.ACCOUNT_NOT_LISTED, code="LabkitAccountNotListed", account=account,
                snapshot=self.snapshot.value))
            return
        if account in self.to_add:
            self.to_add.remove(account)
        else:
            self.to_remove.append(account)
        self._draw()

    @staticmethod
    def _check_typed(typed):
        if not sharing.ACCOUNT_ID.match(typed):
            raise messages.error(messages.ACCOUNT_ID_TYPED_BAD, code="LabkitAccountId", account=typed)

    def _create(self):
        typed = self.account.value.strip()
        adds = list(self.to_add)
        if typed and typed not in self.listed():
            self._check_typed(typed)
            adds.append(typed)
        if not adds and not self.to_remove:
            raise messages.error(messages.PERMISSIONS_UNCHANGED, code="LabkitNoChanges", snapshot=self.snapshot.value)
        for account in adds:
            console_actions.share_snapshot(self.lab, self.snapshot.value, account)
        for account in self.to_remove:
            console_actions.unshare_snapshot(self.lab, self.snapshot.value, account)
        self._saved = (adds, list(self.to_remove))
        return [self.snapshot.value]

    def _success(self, ids):
        added, removed = self._saved
        parts = []
        if added:
            parts.append(f"shared with account {', '.join(added)}")
        if removed:
            parts.append(f"no longer shared with account {', '.join(removed)}")
        return success_html(html.escape(f"Successfully modified permissions of snapshot {ids[0]}: "
                                        + "; ".join(parts) + "."))

    def _reset(self):
        self.account.value = ""
        self._load_shared()
