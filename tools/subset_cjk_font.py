"""Rebuild simex/report/fonts/NotoSansSC-simex-subset.otf, the Chinese font
shipped for report figures on computers that have none (simex.report.figure_text).

    python tools/subset_cjk_font.py /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

The source is Noto Sans CJK SC Regular (SIL Open Font License 1.1; Debian's
fonts-noto-cjk package, or github.com/notofonts/noto-cjk). Kept: the 3,755
level-1 characters of GB 2312 (the most common simplified characters),
CJK punctuation, full-width forms, and every character of the Chinese
catalog's figure labels; about 0.8 MB. The family is renamed, as the OFL
asks of a modified version and so that an installed full Noto Sans CJK SC is
never mistaken for the subset.
"""
from __future__ import annotations

import sys
from pathlib import Path

FAMILY = "Noto Sans SC simex subset"
POSTSCRIPT = "NotoSansSC-simex-subset"


def level1() -> set[int]:
    out = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                out.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return out


def main(source: str) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTCollection, TTFont

    from simex.report.figure_text import SHIPPED_CJK, catalog_words

    if source.endswith(".ttc"):
        font = next(f for f in TTCollection(source).fonts if f["name"].getDebugName(1) == "Noto Sans CJK SC")
    else:
        font = TTFont(source)
    wanted = level1() | set(range(0x3000, 0x3040)) | set(range(0xFF01, 0xFF5F)) | set(range(0x20, 0x7F))
    wanted |= {ord(c) for c in "".join(catalog_words("zh"))}
    options = subset.Options()
    options.layout_features, options.hinting, options.name_IDs = [], False, ["*"]
    sub = subset.Subsetter(options)
    sub.populate(unicodes=wanted)
    sub.subset(font)
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 4, 16):
            names.setName(FAMILY, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID in (3, 6):
            names.setName(POSTSCRIPT, record.nameID, record.platformID, record.platEncID, record.langID)
    if "CFF " in font:
        font["CFF "].cff.fontNames = [POSTSCRIPT]
    SHIPPED_CJK.parent.mkdir(exist_ok=True)
    font.save(SHIPPED_CJK)
    print(f"{SHIPPED_CJK}: {SHIPPED_CJK.stat().st_size} bytes, {len(wanted)} characters asked")


if __name__ == "__main__":
    main(sys.argv[1])
