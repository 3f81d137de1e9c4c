"""Fill a .po file from a Python dict of translations: `fill_po.py PO_FILE TRANSLATIONS.py`.

TRANSLATIONS.py defines T = {msgid: msgstr} and optionally PLURALS = {msgid: msgstr}. Prints the
msgids still untranslated, so a developer sees what is left after `makemessages`.
"""

import runpy
import sys

import polib


def main(po_path: str, table_path: str) -> int:
    table = runpy.run_path(table_path)
    singular, plurals = table.get("T", {}), table.get("PLURALS", {})
    po = polib.pofile(po_path)
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            if entry.msgid in plurals:
                entry.msgstr_plural = {0: plurals[entry.msgid]}
        elif entry.msgid in singular:
            entry.msgstr = singular[entry.msgid]
        if "fuzzy" in entry.flags and (entry.msgstr or entry.msgstr_plural.get(0)):
            entry.flags.remove("fuzzy")
        if not (entry.msgstr or entry.msgstr_plural.get(0)):
            missing.append(entry.msgid)
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    po.metadata["Language"] = "ja"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.save()
    for msgid in missing:
        print("untranslated:", msgid)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
