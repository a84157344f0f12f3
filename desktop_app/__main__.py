"""``python -m desktop_app …``: the same program as ``cnum-biblio …``."""

import sys

from desktop_app.cli import main

sys.exit(main())
