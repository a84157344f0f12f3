"""phonenumbers without its geocoding, carrier and time-zone tables (43 MB the program never
reads: it only parses and formats numbers). Replaces the hook of pyinstaller-hooks-contrib, which
collects every submodule."""

from PyInstaller.utils.hooks import collect_submodules

_UNUSED = (
    "phonenumbers.geocoder",
    "phonenumbers.geodata",
    "phonenumbers.carrier",
    "phonenumbers.carrierdata",
    "phonenumbers.timezone",
    "phonenumbers.tzdata",
)

hiddenimports = collect_submodules("phonenumbers", filter=lambda name: not name.startswith(_UNUSED))
