"""Qt widgets: main window, one module per tab, dialogs, item models. Views stay thin: every rule
lives in ``desktop_app.services``."""
