#!/bin/sh
# Ajoute CNum Biblio au menu des applications de l'utilisateur (sans droits d'administrateur).
# « ./installer-menu.sh --retirer » retire l'entrée du menu. Les données ne sont jamais touchées.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
share="${XDG_DATA_HOME:-$HOME/.local/share}"
apps="$share/applications"
icons="$share/icons/hicolor/256x256/apps"

if [ "${1:-}" = "--retirer" ]; then
    rm -f "$apps/cnum-biblio.desktop" "$icons/cnum-biblio.png"
    echo "Entrée du menu retirée. Vos données restent dans « $share/CNum Biblio »."
    exit 0
fi

mkdir -p "$apps" "$icons"
cp "$here/cnum-biblio.png" "$icons/cnum-biblio.png"
# The menu entry points at this folder: Exec and TryExec get the absolute, quoted path.
sed -e "s|^Exec=.*|Exec=\"$here/cnum-biblio\"|" \
    -e "s|^TryExec=.*|TryExec=$here/cnum-biblio|" \
    "$here/cnum-biblio.desktop" > "$apps/cnum-biblio.desktop"
chmod 644 "$apps/cnum-biblio.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" >/dev/null 2>&1 || true
echo "CNum Biblio est dans le menu des applications (catégorie Bureautique)."
echo "Si vous déplacez ce dossier, relancez ce script."
