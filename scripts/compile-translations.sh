#!/bin/sh
# Compile the UI catalogs (workbench/translations/*/LC_MESSAGES/messages.po -> .mo).
# Run before tests and before `workbench serve`; the Makefile calls it.
# To refresh the catalogs after changing UI strings:
#   pybabel extract -F workbench/web/babel.cfg -k _l -k lazy_gettext -k N_ --no-location \
#       --sort-output --project workbench -o workbench/translations/messages.pot .
#   pybabel update -i workbench/translations/messages.pot -d workbench/translations
set -eu
cd "$(dirname "$0")/.."
PYBABEL="${PYBABEL:-.venv/bin/pybabel}"
[ -x "$PYBABEL" ] || PYBABEL=pybabel
"$PYBABEL" compile --statistics -d workbench/translations
