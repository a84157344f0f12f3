"""The view toolkit every tab is built on — each concern once (see docs/architecture.md):

- ``operations``: the runner for every action that writes or may take long;
- ``forms``: the form-dialog base, field messages, discard confirmation, long messages;
- ``input_safety``: the mouse wheel never changes an unfocused field; windows fit the screen;
- ``date_fields``: the date, time and date-time fields typed as people type them;
- ``tables``: rows model, filter proxy and table set-up (French sorting, Tab leaves the table);
- ``files``: open/save pickers with a remembered folder per purpose, atomic document writing,
  "Aperçu" and "Enregistrer le PDF…";
- ``search_add``: search-and-add fields where Enter adds and never closes the dialog;
- ``amount_field``: the field for an amount (the keypad's dot read as the decimal mark).
"""
