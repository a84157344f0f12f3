"""The session editor: "Nouvel atelier", "Nouvel accompagnement", "Modifier la séance".

A toolkit form: the date and the start time are typed as people type them ("10" is 10:00),
the wheel never changes an unfocused field, the content scrolls on a small screen and Escape
asks before throwing away what was typed. Saving runs the services through the operation
runner, in one unit of work. Field errors show under their field, clashes (the conseiller busy,
kit units missing) in red at the bottom and nothing is written; warnings (public holiday, closed
hours, training day, for every occurrence of a series) are asked about in a box whose long list
scrolls (``confirm_warnings``, a method so tests can answer it) and the session is saved only if
the user goes on. That message is about one try: it goes as soon as a field it depends on (the
date, the times, the conseiller, the room, the kit, the repetition…) is changed.

From the keyboard: the form opens on « Titre » (the kind was chosen by the command that opened
it), Tab follows the screen — the left column down, then the right one — with « Enregistrer »
and « Annuler » last, and every Alt+letter of a row's label reaches its field, even a row made
of several widgets (the duration and its presets, the person and « Choisir… »).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QScrollBar,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.workshops import (
    ADMIN_THEMES,
    ANONYMOUS_DIMENSIONS,
    AUTONOMY,
    EQUIPMENT,
    LEVELS,
    PLACE_TYPES,
    REDIRECTIONS,
    SESSION_KINDS,
    SESSION_STATUSES,
    THEMES,
)
from desktop_app.services.dates import DateRange, add_months, plausible_range
from desktop_app.services.field_errors import FieldErrors
from desktop_app.services.lacoop import conseillers as cs
from desktop_app.services.lacoop import rooms as rooms_service
from desktop_app.services.workshops import ConflictError, WarningsNotAccepted
from desktop_app.services.workshops import conflicts as cf
from desktop_app.services.workshops import series as sr
from desktop_app.services.workshops import sessions as ss
from desktop_app.views.common.date_fields import DateField, TimeField
from desktop_app.views.common.forms import (
    ERROR_STYLE,
    FieldWithError,
    FormDialog,
    add_row,
    ask_with_details,
    summarise,
)
from desktop_app.views.context import AppContext
from desktop_app.views.workshops.participant_dialogs import (
    ParticipantPickerDialog,
    fill_combo,
    set_combo,
)

NO_REPEAT = ""
DEMARCHES = "demarches"  # the theme whose administrative sub-themes La Coop asks for
ANONYMOUS_TITLES = {"gender": "Genre", "age": "Tranche d’âge", "status": "Statut"}


REPEAT_ERRORS = ("rule", "until", "count")


class SessionDialog(FormDialog):
    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        session_id: int | None = None,
        kind: str = "collectif",
        start: datetime | None = None,
    ) -> None:
        super().__init__("Nouvel atelier", parent, ctx=ctx, min_width=720)
        db = ctx.db
        self.db = db
        self.session_id = session_id
        self.saved_ids: list[int] = []
        self._keep: list[int] = []  # later occurrences changed on their own, kept as they are
        self.series_id: int | None = None
        self.participant_id: int | None = None
        self.setObjectName("sessionDialog")
        with db.session() as s:
            self.kit_categories = cf.kit_categories(s)
            venue = ss.default_venue(s)
            self.holders = cs.holders(s)
            self.room_names = rooms_service.rooms(s)
            existing = ss.get_session(s, session_id) if session_id else None
            self.series_text = (
                sr.series_label(s, existing.series_id) if existing and existing.series_id else ""
            )
        self._build(venue)
        if existing is not None:
            self.setWindowTitle("Modifier la séance")
            self._load(existing)
        else:
            set_combo(self.kind, kind)
            start = start or datetime.combine(ctx.today(), time(14, 0))
            self.date.set_value(start.date())
            self.time.set_value(start.time())
            if kind == "individuel":
                self.duration.setValue(45)
        # the scroll bar always there: one kind's rows fitting and the other's not would make
        # it come and go, and both columns shift sideways with it
        self._scroll_area().setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._kind_changed()
        self._repeat_changed()
        self._watch_for_stale_problems()
        # the first field a person fills: the toolkit keeps a focus the dialog has given
        self.title.setFocus(Qt.FocusReason.OtherFocusReason)

    def _arrange_for_first_show(self) -> None:
        """The toolkit's arrangement, then the Tab order of the two columns: the toolkit puts
        the buttons after the last field it knows, which is not the last one on screen here
        (the right column's equipment and kit come after the themes)."""
        super()._arrange_for_first_show()
        # a row's wrapper (``FieldWithError``) hands its focus to its field: it takes the
        # field's place in the chain, or Tab from « Annuler » would reach it out of order
        wrappers = {id(w.field): w for w in self.fields.values()}
        chain = [wrappers.get(id(w), w) for w in self.tab_chain()]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def tab_chain(self) -> list[QWidget]:
        """Every input in the order of the screen, then « Enregistrer » and « Annuler ».
        Hidden ones (the other kind's rows, the repetition of an existing session) stay in
        the chain: Tab skips them, and they are in place when shown."""
        left: list[QWidget] = [
            self.kind, self.title, self.level, self.person, self.choose_person, self.date,
            self.time, self.duration, *self.duration_presets, self.capacity, self.anonymous,
            self.place_type, self.venue, self.room, self.conseiller, self.status,
            self.autonomy, self.referred, self.redirection, self.referral, self.notes,
        ]
        left += [spin for spins in self.anonymous_counts.values() for spin in spins.values()]
        left += [self.repeat, self.until_radio, self.until, self.count_radio, self.count,
                 self.skip_closed, self.scope_one, self.scope_from]
        right: list[QWidget] = [self.themes, *self.admin_themes.values(), self.demarche_name,
                                *self.equipment.values(), *self.kit.values()]
        return [*left, *right, self.ok_button, self.cancel_button]

    def _watch_for_stale_problems(self) -> None:
        """A clash or a warning is about the try that was refused: changing what it is about
        (when, who, where, with what, how often) takes it away, so no message about a date
        that is no longer in the form stays under the buttons."""
        signals = [
            self.date.edit.textEdited, self.date.edited,
            self.time.edit.textEdited, self.time.edited,
            self.duration.valueChanged, self.place_type.currentIndexChanged,
            self.room.currentIndexChanged, self.conseiller.currentIndexChanged,
            self.conseiller.editTextChanged, self.status.currentIndexChanged,
            self.repeat.currentIndexChanged, self.until.edit.textEdited,
            self.until.edited, self.count.valueChanged, self.until_radio.toggled,
            self.skip_closed.toggled,
            *(spin.valueChanged for spin in self.kit.values()),
        ]
        for signal in signals:
            signal.connect(self._forget_last_try)

    def _forget_last_try(self, *_args: object) -> None:
        if self.problems.text():
            self.set_message("")

    # -- building --
    def _build(self, venue: str) -> None:
        self.kind = QComboBox()
        fill_combo(self.kind, SESSION_KINDS)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.title = QLineEdit()
        self.title.setMaxLength(200)
        self.title.setPlaceholderText("ex. Premiers pas sur tablette")
        self.level = QComboBox()
        self.level.addItem("Non précisé", None)
        fill_combo(self.level, LEVELS)
        self.person = QLineEdit()
        self.person.setReadOnly(True)
        self.person.setPlaceholderText("Aucune personne choisie")
        self.person.setAccessibleName("Personne accompagnée")
        self.choose_person = QPushButton("&Choisir…")
        self.choose_person.setAccessibleName("Choisir la personne accompagnée")
        self.choose_person.clicked.connect(self.pick_person)
        person_row = QWidget()
        pl = QHBoxLayout(person_row)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.addWidget(self.person, 1)
        pl.addWidget(self.choose_person)
        person_row.setFocusProxy(self.person)
        today = self.ctx.today()
        plausible = plausible_range(today)
        self.date = DateField(
            today, today=today,
            valid=DateRange(plausible.earliest, plausible.latest, "La date de la séance"),
            # planned ahead or noted after the fact: « 12/01 » typed in December is next
            # January, « 28/11 » last week
            yearless="nearest",
        )
        self.date.edit.setAccessibleName("Date de la séance")
        self.date.dateChanged.connect(self._repeat_changed)
        self.time = TimeField(time(14, 0))
        self.time.edit.setAccessibleName("Heure de début")
        self.duration = QSpinBox()
        self.duration.setRange(5, cf.MAX_DURATION_MIN)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(" min")
        self.duration.setAccessibleName("Durée en minutes")
        self.duration.setValue(60)
        duration_row = QWidget()
        dl = QHBoxLayout(duration_row)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.duration)
        self.duration_presets: list[QPushButton] = []
        for minutes in ss.DURATION_PRESETS:
            button = QPushButton(f"{minutes}")
            button.setAccessibleName(f"Durée {minutes} minutes")
            button.setToolTip(f"{minutes} minutes")
            button.setMaximumWidth(40)
            button.clicked.connect(lambda _c=False, m=minutes: self.duration.setValue(m))
            dl.addWidget(button)
            self.duration_presets.append(button)
        duration_row.setFocusProxy(self.duration)
        self.capacity = QSpinBox()
        self.capacity.setRange(1, ss.MAX_CAPACITY)
        self.capacity.setValue(10)
        self.capacity.setSuffix(" places")
        self.anonymous = QSpinBox()
        self.anonymous.setRange(0, ss.MAX_CAPACITY)
        self.anonymous.setToolTip(
            "Personnes venues sans inscription nominative, comptées pour le bilan d'activité"
        )
        self.place_type = QComboBox()
        fill_combo(self.place_type, PLACE_TYPES)
        self.venue = QLineEdit(venue)
        self.venue.setMaxLength(300)
        self.status = QComboBox()
        fill_combo(self.status, SESSION_STATUSES)
        self.autonomy = QComboBox()
        self.autonomy.addItem("Non précisé", None)
        fill_combo(self.autonomy, AUTONOMY)
        self.referral = QLineEdit()
        self.referral.setMaxLength(200)
        self.referral.setPlaceholderText("nom de la structure, ex. France Services de Luzy")
        self.referral.setAccessibleName("Nom de la structure de redirection")
        self._build_lacoop()
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(64)
        self.notes.setTabChangesFocus(True)
        self.notes.setAccessibleName("Notes")
        self._add_rows(person_row, duration_row)
        # after the rows: ``fields`` is in the order of the screen, which the toolkit follows
        # for the first field in error (and, but for the title given below, the first focus)
        self.fields["anonymous"] = FieldWithError(self.anonymous_box)

        # right column: themes, equipment, kit, repetition / scope
        self.themes = QListWidget()
        self.themes.setAccessibleName("Thématiques")
        for key, label in THEMES.items():
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.themes.addItem(item)
        # as tall as its items, whatever the left column holds: the list does not stretch and
        # shrink (its scroll bar coming and going) when the kind shows other rows
        rows_h = self.themes.sizeHintForRow(0) * self.themes.count()
        self.themes.setFixedHeight(max(230, rows_h + 2 * self.themes.frameWidth() + 4))
        self.themes.itemChanged.connect(lambda _item: self._themes_changed())
        themes_label = QLabel("Thé&matiques (une ou plusieurs)")
        themes_label.setBuddy(self.themes)
        themes_label.setWordWrap(True)
        self.fields["themes"] = FieldWithError(self.themes)

        equipment_box = QGroupBox("Matériel utilisé")
        grid = QGridLayout(equipment_box)
        self.equipment: dict[str, QCheckBox] = {}
        for i, (key, label) in enumerate(EQUIPMENT.items()):
            box = QCheckBox(label)
            self.equipment[key] = box
            grid.addWidget(box, i // 3, i % 3)
        self.equipment_error = QLabel()
        self.equipment_error.setStyleSheet(ERROR_STYLE)
        self.equipment_error.setVisible(False)
        grid.addWidget(self.equipment_error, 2, 0, 1, 3)

        kit_box = QGroupBox("Kit d'inclusion réservé (appareils)")
        kit_form = QFormLayout(kit_box)
        self.kit: dict[int, QSpinBox] = {}
        for cid, name in self.kit_categories:
            spin = QSpinBox()
            spin.setRange(0, 99)
            spin.setMaximumWidth(90)
            self.kit[cid] = spin
            add_row(kit_form, name, spin)
        if not self.kit_categories:
            kit_form.addRow(QLabel("Aucun matériel du kit n'est réservable."))

        self.repeat_box = QGroupBox("Répétition")
        rl = QFormLayout(self.repeat_box)
        self.repeat = QComboBox()
        self.repeat.addItem("Pas de répétition", NO_REPEAT)
        for key in ("weekly", "biweekly", "monthly_rank"):
            self.repeat.addItem("", key)
        self.repeat.currentIndexChanged.connect(self._repeat_changed)
        add_row(rl, "Fré&quence", self.repeat)
        self.until_radio = QRadioButton("&Jusqu'au")
        self.count_radio = QRadioButton("Pour un nom&bre de séances")
        self.until_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.until_radio)
        group.addButton(self.count_radio)
        self.until = DateField(
            add_months(today, 2), today=today,
            valid=DateRange(plausible.earliest, plausible.latest, "La date de la dernière séance"),
            yearless="upcoming",  # a series ends ahead
        )
        self.until.edit.setAccessibleName("Date de la dernière séance")
        self.count = QSpinBox()
        self.count.setRange(1, sr.MAX_OCCURRENCES)
        self.count.setValue(6)
        self.count.setAccessibleName("Nombre de séances")
        rl.addRow(self.until_radio, self.until)
        rl.addRow(self.count_radio, self.count)
        self.skip_closed = QCheckBox("E&xclure les jours fériés et les jours de fermeture")
        self.skip_closed.setToolTip(
            "Les jours fériés et les jours où la bibliothèque est fermée ne comptent pas : "
            "la série garde son nombre de séances."
        )
        rl.addRow(self.skip_closed)
        # the dates and their count, before anything is saved
        self.series_preview = QLabel()
        self.series_preview.setObjectName("seriesPreview")
        self.series_preview.setWordWrap(True)
        self.series_preview.setAccessibleName("Aperçu des dates de la série")
        rl.addRow(self.series_preview)
        for signal in (self.until.dateChanged, self.count.valueChanged,
                       self.until_radio.toggled, self.skip_closed.toggled):
            signal.connect(self._update_preview)
        self._first: date | None = None  # the first date the end date was last set against
        self.repeat_error = QLabel()
        self.repeat_error.setStyleSheet(ERROR_STYLE)
        self.repeat_error.setWordWrap(True)
        self.repeat_error.setVisible(False)
        rl.addRow(self.repeat_error)

        self.scope_box = QGroupBox("Appliquer la modification à")
        sl = QVBoxLayout(self.scope_box)
        self.series_info = QLabel()
        self.series_info.setWordWrap(True)
        # one mnemonic for the pair: the arrows move between the two choices
        self.scope_one = QRadioButton("&Juste cette séance")
        self.scope_from = QRadioButton("Cette séance et les suivantes de la série")
        self.scope_one.setChecked(True)
        sl.addWidget(self.series_info)
        sl.addWidget(self.scope_one)
        sl.addWidget(self.scope_from)

        right = QVBoxLayout()
        right.addWidget(themes_label)
        right.addWidget(self.fields["themes"])
        right.addWidget(self.admin_box)
        right.addWidget(equipment_box)
        right.addWidget(kit_box)
        right.addStretch(1)

        # the form's rows go in the left column, beside the themes and the equipment
        self.content_layout.removeItem(self.form)
        self.form.setParent(None)  # owned by the column from now on (no double deletion)
        left_box = QVBoxLayout()
        left_box.addLayout(self.form)
        left_box.addWidget(self.fields["anonymous"])
        left_box.addWidget(self.repeat_box)
        left_box.addWidget(self.scope_box)
        left_box.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left_box, 3)
        columns.addLayout(right, 2)
        self.content_layout.addLayout(columns)
        self.problems = self.message  # clashes and warnings, in red above the buttons
        self.problems.setObjectName("sessionProblems")
        self.resize(980, 660)  # with its frame, inside 1366×768 less a taskbar

    def _build_lacoop(self) -> None:
        """La Coop's fields: who holds it and where, the démarche, the referral, and the
        anonymous participants per genre, age bracket and status."""
        # a recruited conseiller or a mediator picked from the list, or a mediator's name typed
        self.conseiller = QComboBox()
        self.conseiller.setEditable(True)
        self.conseiller.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.conseiller.addItem(cs.UNNAMED, None)
        for holder in self.holders:
            if holder.key:
                self.conseiller.addItem(holder.label, holder)
        self.conseiller.setAccessibleName("Conseiller ou médiateur")
        self.conseiller.setToolTip(
            "Un conseiller recruté de la liste, ou tapez le nom d'un médiateur qui n'en est pas un"
        )
        line = self.conseiller.lineEdit()
        assert line is not None
        line.setMaxLength(200)
        self.room = QComboBox()
        self.room.addItem("Aucune salle", "")
        for name in self.room_names:
            self.room.addItem(name, name)
        self.room.setAccessibleName("Salle")
        self.referred = QCheckBox("Béné&ficiaire réorienté")
        self.referred.toggled.connect(self._referred_changed)
        self.redirection = QComboBox()
        self.redirection.addItem("Non précisée", None)
        fill_combo(self.redirection, REDIRECTIONS)
        self.redirection.setAccessibleName("Structure de redirection")
        self.redirection.setMinimumContentsLength(20)
        self.redirection.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )

        self.admin_box = QGroupBox("Démarches administratives")
        self.admin_box.setObjectName("adminThemes")
        al = QGridLayout(self.admin_box)
        self.admin_themes: dict[str, QCheckBox] = {}
        for i, (key, label) in enumerate(ADMIN_THEMES.items()):
            box = QCheckBox(label)
            self.admin_themes[key] = box
            al.addWidget(box, i // 2, i % 2)
        self.demarche_name = QLineEdit()
        self.demarche_name.setMaxLength(200)
        self.demarche_name.setAccessibleName("Nom de la démarche administrative")
        self.demarche_name.setPlaceholderText("ex. Demande de carte grise")
        name_label = QLabel("Nom de la démarche administrative")
        name_label.setBuddy(self.demarche_name)
        rows = (len(ADMIN_THEMES) + 1) // 2
        al.addWidget(name_label, rows, 0, 1, 2)
        al.addWidget(self.demarche_name, rows + 1, 0, 1, 2)
        self.demarche_error = QLabel()
        self.demarche_error.setStyleSheet(ERROR_STYLE)
        self.demarche_error.setWordWrap(True)
        self.demarche_error.setVisible(False)
        al.addWidget(self.demarche_error, rows + 2, 0, 1, 2)

        anonymous_box = QGroupBox("Venus sans inscription, par genre, tranche d’âge et statut")
        anonymous_box.setObjectName("anonymousGrid")
        grid = QGridLayout(anonymous_box)
        grid.setVerticalSpacing(2)
        self.anonymous_counts: dict[str, dict[str, QSpinBox]] = {}
        for col, (dim, labels) in enumerate(ANONYMOUS_DIMENSIONS.items()):
            head = QLabel(f"<b>{ANONYMOUS_TITLES[dim]}</b>")
            grid.addWidget(head, 0, col * 2, 1, 2)
            spins: dict[str, QSpinBox] = {}
            for row, (key, label) in enumerate(labels.items(), start=1):
                if key == "nc":  # what is not counted is "Non communiqué"
                    continue
                spin = QSpinBox()
                spin.setRange(0, ss.MAX_CAPACITY)
                spin.setMaximumWidth(64)
                spin.setAccessibleName(f"{ANONYMOUS_TITLES[dim]} : {label}")
                text = QLabel(label)
                text.setBuddy(spin)
                grid.addWidget(text, row, col * 2)
                grid.addWidget(spin, row, col * 2 + 1)
                spins[key] = spin
            self.anonymous_counts[dim] = spins
        hint = QLabel("Ce qui n'est pas réparti compte comme « Non communiqué ».")
        hint.setWordWrap(True)
        grid.addWidget(hint, 9, 0, 1, 6)
        self.anonymous_box = anonymous_box

    def _add_rows(self, person_row: QWidget, duration_row: QWidget) -> None:
        """The left column's labelled fields, each with its message under it."""
        self._left_form = self.form
        self.row("kind", "T&ype", self.kind)
        self.row("title", "&Titre", self.title)
        self.row("level", "Ni&veau", self.level)
        self.row("participant", "&Personne", person_row)
        self.row("start", "&Date", self.date)
        self.row("time", "&Heure de début", self.time)
        self.row("duration_min", "Du&rée", duration_row)
        self.row("capacity", "Pla&ces", self.capacity)
        self.row("anonymous_count", "Venus sans inscri&ption", self.anonymous)
        self.row("place_type", "Type de lie&u", self.place_type)
        self.row("venue", "L&ieu", self.venue)
        self.row("room", "S&alle", self.room)
        self.row("conseiller", "Consei&ller", self.conseiller)
        self.row("status", "&Statut", self.status)
        self.row("autonomy", "Ni&veau d’autonomie", self.autonomy)
        self.row("referred", "", self.referred)
        self.row("redirection", "Structure de redirection", self.redirection)
        self.row("referral", "Précisi&on", self.referral)
        self.row("notes", "&Notes", self.notes)
        # the label column as wide as its widest label, shown or not: a kind's rows (« Niveau
        # d'autonomie », « Structure de redirection ») no longer push every field sideways
        labels = [self.form.labelForField(w) for w in self.fields.values()]
        widest = max((label.sizeHint().width() for label in labels if label), default=0)
        for label in labels:
            if label is not None:
                label.setMinimumWidth(widest)
        # the duration's and the person's rows hold several widgets: the toolkit gives their
        # labels the row's focus proxy (the duration) or its first input (the person)

    def _load(self, d: ss.SessionDetail) -> None:
        set_combo(self.kind, d.kind)
        self.kind.setEnabled(False)  # a workshop does not turn into an appointment
        self.title.setText(d.title)
        set_combo(self.level, d.level)
        self.participant_id = d.participant_id
        self.person.setText(d.person_name)
        self.date.set_value(d.start.date())
        self.time.set_value(d.start.time())
        self.duration.setValue(d.duration_min)
        if d.capacity:
            self.capacity.setValue(d.capacity)
        self.anonymous.setValue(d.anonymous_count)
        set_combo(self.place_type, d.place_type)
        self.venue.setText(d.venue)
        set_combo(self.status, d.status)
        set_combo(self.autonomy, d.autonomy)
        self.referral.setText(d.referral)
        self._load_lacoop(d)
        self.notes.setPlainText(d.notes)
        self.set_themes(d.themes)
        for key, box in self.equipment.items():
            box.setChecked(key in d.equipment)
        for cid, spin in self.kit.items():
            spin.setValue(d.kit.get(cid, 0))
        self.series_id = d.series_id

    def _load_lacoop(self, d: ss.SessionDetail) -> None:
        self.set_conseiller(d.conseiller_profile_id, d.conseiller_name)
        if d.room and self.room.findData(d.room) < 0:  # a room since taken off the list
            self.room.addItem(d.room, d.room)
        set_combo(self.room, d.room)
        self.referred.setChecked(d.referred)
        set_combo(self.redirection, d.redirection)
        for key, box in self.admin_themes.items():
            box.setChecked(key in d.admin_themes)
        self.demarche_name.setText(d.demarche_name)
        for dim, spins in self.anonymous_counts.items():
            for key, spin in spins.items():
                spin.setValue(d.anonymous.get(dim, {}).get(key, 0))

    def set_conseiller(self, profile_id: int | None, name: str) -> None:
        """Show who holds the session: the matching entry of the list, else the name typed."""
        for i in range(1, self.conseiller.count()):
            holder = self.conseiller.itemData(i)
            if (profile_id and holder.profile_id == profile_id) or (
                not profile_id and not holder.profile_id and holder.name == name.strip()
            ):
                self.conseiller.setCurrentIndex(i)
                return
        if name.strip():
            self.conseiller.setEditText(name.strip())
        else:
            self.conseiller.setCurrentIndex(0)

    def conseiller_value(self) -> tuple[int | None, str]:
        """(profile id, name): an entry of the list, or a mediator's name typed in."""
        text = " ".join(self.conseiller.currentText().split())
        if not text or text == cs.UNNAMED:
            return None, ""
        i = self.conseiller.findText(text)
        holder = self.conseiller.itemData(i) if i > 0 else None
        if holder is not None:
            return holder.profile_id, holder.name
        return None, text

    # -- reactions --
    def _themes_changed(self) -> None:
        self.admin_box.setVisible(DEMARCHES in self.checked_themes())

    def _referred_changed(self) -> None:
        self.redirection.setEnabled(self.referred.isChecked())

    def _set_row_visible(self, field: QWidget, visible: bool) -> None:
        self._left_form.setRowVisible(field, visible)

    def _kind_changed(self) -> None:
        """The kind's own rows shown, the others hidden, without the dialog moving under the
        person's eyes: its size stays, and the field with the focus (the kind, changed from
        the keyboard or the mouse) stays where it was on screen."""
        focused = self.focusWidget()
        anchor = focused if focused is not None and self.isAncestorOf(focused) else None
        before = anchor.mapTo(self, QPoint(0, 0)).y() if anchor is not None else None
        size = self.size()
        self._show_kind_rows()
        if not self.isVisible():
            return
        self.layout().activate()
        if self.size() != size:
            self.resize(size)
        if anchor is not None and before is not None and anchor.isVisible():
            bar = self._scroll_bar()
            bar.setValue(bar.value() + anchor.mapTo(self, QPoint(0, 0)).y() - before)

    def _scroll_area(self) -> QScrollArea:
        scroll = self.content.parentWidget().parentWidget()  # the viewport, then the area
        assert isinstance(scroll, QScrollArea)
        return scroll

    def _scroll_bar(self) -> QScrollBar:
        return self._scroll_area().verticalScrollBar()

    def _show_kind_rows(self) -> None:
        individual = self.kind.currentData() == "individuel"
        if self.session_id is None:  # the title says what is being created, as the kind does
            self.setWindowTitle(
                "Nouvel accompagnement individuel" if individual else "Nouvel atelier"
            )
        self._set_row_visible(self.fields["level"], not individual)
        self._set_row_visible(self.fields["capacity"], not individual)
        self._set_row_visible(self.fields["anonymous_count"], not individual)
        self._set_row_visible(self.fields["participant"], individual)
        self._set_row_visible(self.fields["autonomy"], individual)
        self._set_row_visible(self.fields["referral"], individual)
        self._set_row_visible(self.fields["referred"], individual)
        self._set_row_visible(self.fields["redirection"], individual)
        self.fields["anonymous"].setVisible(not individual)
        self._themes_changed()
        self._referred_changed()
        self.repeat_box.setVisible(self.session_id is None)
        self.scope_box.setVisible(self.session_id is not None and self.series_id is not None)
        if self.series_id is not None:
            self.series_info.setText(f"Cette séance fait partie d'une série : {self.series_text}.")

    def _repeat_changed(self) -> None:
        first = self.date.date().toPython() if self.date.date().isValid() else None
        if first is None:  # a date being typed: the labels follow once it is one
            return
        for i in range(1, self.repeat.count()):
            self.repeat.setItemText(i, sr.rule_label(self.repeat.itemData(i), first))
        repeating = self.repeat.currentData() != NO_REPEAT
        for w in (self.until_radio, self.count_radio, self.until, self.count):
            w.setEnabled(repeating)
        until = self.until.date()
        previous, self._first = self._first, first
        if until.isValid() and previous is not None and previous != first:
            # the end follows the start both ways: the series keeps its length
            self.until.set_value(sr.follow_start(previous, first, until.toPython()))
        elif not until.isValid() or until.toPython() <= first:
            self.until.set_value(add_months(first, 2))
        self.skip_closed.setEnabled(repeating)
        self._update_preview()

    def _update_preview(self) -> None:
        rule = self.repeat.currentData()
        first = self.date.date().toPython() if self.date.date().isValid() else None
        until = self.until.date().toPython() if self.until.date().isValid() else None
        self.series_preview.setVisible(bool(rule) and first is not None)
        if not rule or first is None:
            return
        by_date = self.until_radio.isChecked()
        try:
            with self.db.session() as s:
                plan = sr.preview(
                    s, rule, first,
                    until=until if by_date else None,
                    count=None if by_date else self.count.value(),
                    skip_closed=self.skip_closed.isChecked(),
                )
        except ValueError as exc:  # a ValidationError: said in the preview's place
            self.series_preview.setText(str(exc))
            return
        self.series_preview.setText(plan.summary())

    def set_themes(self, keys: list[str]) -> None:
        for i in range(self.themes.count()):
            item = self.themes.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in keys
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def checked_themes(self) -> list[str]:
        return [
            self.themes.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.themes.count())
            if self.themes.item(i).checkState() == Qt.CheckState.Checked
        ]

    def pick_person(self) -> None:
        dialog = ParticipantPickerDialog(self.ctx, self)
        if self.run_dialog(dialog) and dialog.participant_id:
            self.set_person(dialog.participant_id)

    def run_dialog(self, dialog: QDialog) -> bool:
        """Shows a dialog modally; tests replace this to fill the dialog and accept it."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def set_person(self, participant_id: int) -> None:
        from desktop_app.services.workshops.participants import get_participant

        with self.db.session() as s:
            p = get_participant(s, participant_id)
        self.participant_id = participant_id
        self.person.setText(f"{p.first_name} {p.last_name}")
        self.fields["participant"].set_error(None)

    # -- saving --
    def value(self) -> ss.SessionInput:
        """What the form holds (typed date and time checked first by ``check_typed_fields``)."""
        day, moment = self.date.value(), self.time.value()
        assert day is not None and moment is not None
        start = datetime.combine(day, moment)
        individual = self.kind.currentData() == "individuel"
        conseiller_id, conseiller_name = self.conseiller_value()
        return ss.SessionInput(
            kind=self.kind.currentData(),
            title=self.title.text(),
            themes=self.checked_themes(),
            level=None if individual else self.level.currentData(),
            place_type=self.place_type.currentData(),
            venue=self.venue.text(),
            start=start.replace(second=0, microsecond=0),
            duration_min=self.duration.value(),
            capacity=None if individual else self.capacity.value(),
            equipment=[k for k, box in self.equipment.items() if box.isChecked()],
            kit={cid: spin.value() for cid, spin in self.kit.items() if spin.value()},
            notes=self.notes.toPlainText(),
            status=self.status.currentData(),
            autonomy=self.autonomy.currentData() if individual else None,
            referral=self.referral.text() if individual else "",
            participant_id=self.participant_id if individual else None,
            anonymous_count=0 if individual else self.anonymous.value(),
            admin_themes=[k for k, box in self.admin_themes.items() if box.isChecked()]
            if DEMARCHES in self.checked_themes() else [],
            demarche_name=self.demarche_name.text()
            if DEMARCHES in self.checked_themes() else "",
            referred=individual and self.referred.isChecked(),
            redirection=self.redirection.currentData()
            if individual and self.referred.isChecked() else None,
            anonymous={} if individual else {
                dim: {k: spin.value() for k, spin in spins.items() if spin.value()}
                for dim, spins in self.anonymous_counts.items()
            },
            conseiller_profile_id=conseiller_id,
            conseiller_name=conseiller_name,
            room=self.room.currentData() or "",
        )

    def confirm_warnings(self, messages: list[str]) -> bool:
        """Ask whether to save despite the warnings; a long list (every occurrence of a series)
        is summarised, the whole of it in a scrollable detail."""
        bullets = [f"• {m}" for m in messages]
        summary = summarise(bullets, 5) + "\n\nEnregistrer quand même ?"
        return ask_with_details(
            self, "À vérifier", summary, bullets if len(bullets) > 5 else []
        )

    def ask_own_changes(self, changes: list[sr.OwnChange]) -> str | None:
        """Later occurrences changed on their own: overwrite them ("overwrite"), keep them as
        they are ("keep"), or stop (None). Tests replace this."""
        from PySide6.QtWidgets import QMessageBox

        lines = summarise([f"• {c.sentence()}" for c in changes], 5)
        box = QMessageBox(QMessageBox.Icon.Question, "Séances modifiées à part",
                          "Des séances suivantes ont été modifiées une à une :\n"
                          f"{lines}\n\nQue faire de ces séances ?", parent=self)
        keep = box.addButton("Les &garder telles quelles", QMessageBox.ButtonRole.AcceptRole)
        overwrite = box.addButton("Les &modifier aussi", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Annuler", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        clicked = box.clickedButton()
        return "keep" if clicked is keep else "overwrite" if clicked is overwrite else None

    def show_errors(self, errors: dict[str, str] | FieldErrors, general: str = "") -> None:
        """The toolkit's placement, plus the equipment box and the repetition box."""
        if isinstance(errors, FieldErrors):
            errors = errors.errors
        errors = dict(errors)
        equipment = errors.pop("equipment", None)
        demarche = [errors.pop(k) for k in ("admin_themes", "demarche_name") if k in errors]
        self.demarche_error.setText("\n".join(demarche))
        self.demarche_error.setVisible(bool(demarche))
        repeat = [errors.pop(k) for k in REPEAT_ERRORS if k in errors]
        self.equipment_error.setText(equipment or "")
        self.equipment_error.setVisible(bool(equipment))
        self.repeat_error.setText("\n".join(repeat))
        self.repeat_error.setVisible(bool(repeat))
        super().show_errors(errors, general)

    def clear_errors(self) -> None:
        super().clear_errors()
        self.equipment_error.setVisible(False)
        self.repeat_error.setVisible(False)
        self.demarche_error.setVisible(False)

    def show_problem(self, text: str) -> None:
        self.set_message(text)

    def _saver(self, data: ss.SessionInput) -> Callable[[bool], list[int]]:
        """What saving will do, decided now from the widgets (the saving itself runs on the
        worker thread and must not read them)."""
        session_id, db = self.session_id, self.db
        from_here = self.series_id is not None and self.scope_from.isChecked()
        rule = self.repeat.currentData()
        until = self.until.value() if rule and self.until_radio.isChecked() else None
        count = self.count.value() if rule and self.count_radio.isChecked() else None
        skip_closed = self.skip_closed.isChecked()
        keep = self._keep

        def save(allow: bool) -> list[int]:
            with db.session() as s:
                if session_id is not None:
                    if from_here:
                        sr.update_from(s, session_id, data, allow_warnings=allow, keep=keep)
                    else:
                        ss.update_session(s, session_id, data, allow_warnings=allow)
                    return [session_id]
                if rule:
                    return sr.create_series(
                        s, data, rule, until=until, count=count, allow_warnings=allow,
                        skip_closed=skip_closed,
                    )
                return [ss.create_session(s, data, allow_warnings=allow)]

        return save

    def save(self) -> bool:
        self.clear_errors()
        if not self.check_typed_fields():
            return False
        if self.repeat.currentData() and self.until_radio.isChecked():
            problem = self.until.input_error()
            if problem:
                self.show_errors({"until": problem})
                self.until.setFocus()
                return False
        self._keep = []
        if self.series_id is not None and self.scope_from.isChecked():
            with self.db.session() as s:
                changes = sr.own_changes(s, self.session_id)  # type: ignore[arg-type]
            if changes:
                choice = self.ask_own_changes(changes)
                if choice is None:
                    return False
                if choice == "keep":
                    self._keep = [c.session_id for c in changes]
        save = self._saver(self.value())
        allow = False
        while not self.run_save(lambda a=allow: save(a), changes=("workshops",),
                                initiator=self.parentWidget()):
            refusal = self.last_outcome.error if self.last_outcome else None
            if isinstance(refusal, ConflictError):  # a long list is cut: the form stays on screen
                lines = summarise([f"• {m}" for m in refusal.messages], 5)
                self.show_problem(f"Enregistrement impossible :\n{lines}")
                return False
            if not isinstance(refusal, WarningsNotAccepted) or allow:
                return False
            if not self.confirm_warnings(refusal.messages):
                lines = summarise([f"• {m}" for m in refusal.messages], 5)
                self.show_problem(f"Non enregistré. À vérifier :\n{lines}")
                return False
            allow = True
        self.saved_ids = list(self.result_value)  # type: ignore[call-overload]
        return True

    def accept(self) -> None:
        if self.save():
            self.accept_saved()
