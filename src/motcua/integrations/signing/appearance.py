"""The visible signature: lines of Vietnamese text beside the QR code of the verification address.

pyHanko draws text with an embedded OpenType font. Liberation Serif (Times New Roman metrics,
as Decree 30/2020 asks) is cut once per process to the Latin and Vietnamese letters, so each
signature embeds a small subset of a small font instead of parsing the whole font again: that
keeps a signature well under 50 ms of CPU.
"""

import functools
import io
import logging
import shutil
import subprocess
from pathlib import Path
from typing import Any

from fontTools import subset, ttLib
from fontTools.ttLib.scaleUpem import scale_upem
from pyhanko.pdf_utils import text
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory
from pyhanko.pdf_utils.layout import AxisAlignment, InnerScaling, SimpleBoxLayoutRule
from pyhanko.stamp import QRStampStyle, TextStampStyle

from motcua.results.signers import SignatureAppearance

# fontTools reports every subsetting step at INFO; the project logs at INFO by default.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONT_FAMILY = "Liberation Serif"
_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
)
# What a stamp may say: ASCII, the Vietnamese letters (precomposed, as NFC text has them),
# the Latin-1 letters a name may carry, dashes, quotes and the ellipsis.
_CODE_POINTS = (
    set(range(0x20, 0x7F))
    | set(range(0xC0, 0x100))
    | {0x102, 0x103, 0x110, 0x111, 0x128, 0x129, 0x168, 0x169, 0x1A0, 0x1A1, 0x1AF, 0x1B0}
    | set(range(0x1EA0, 0x1EFA))
    | {0xA0, 0xB0, 0xB2, 0xB3, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026}
)
FONT_SIZE = 7
BORDER_WIDTH = 1


class FontMissing(RuntimeError):
    """Liberation Serif is not installed (Debian package fonts-liberation2)."""


def font_path() -> Path:
    for candidate in _FONT_CANDIDATES:
        if Path(candidate).is_file():
            return Path(candidate)
    fc_match = shutil.which("fc-match")
    if fc_match:
        found = subprocess.run(
            [fc_match, "-f", "%{file}", FONT_FAMILY], capture_output=True, text=True, check=False
        ).stdout.strip()
        if found.endswith((".ttf", ".otf")) and Path(found).is_file():
            return Path(found)
    raise FontMissing(
        "Liberation Serif is needed for visible signatures: install fonts-liberation2"
    )


@functools.cache
def _font_subset() -> bytes:
    font = ttLib.TTFont(str(font_path()))
    options = subset.Options()
    # Stamps are tiny and printed: no hinting instructions, no layout tables (the text is
    # precomposed NFC, so no marks need placing), no kerning. A smaller font is also what
    # makes pyHanko's per-signature subsetting cheap.
    options.hinting = False
    options.layout_features = []
    options.drop_tables += ["FFTM", "GSUB", "GPOS", "GDEF", "kern", "hdmx", "LTSH", "VDMX"]
    options.name_IDs = [1, 2, 3, 4, 6]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_CODE_POINTS)
    subsetter.subset(font)
    # pyHanko writes glyph widths in font units as if a font had 1000 units per em;
    # Liberation Serif has 2048, which would space every letter twice as wide.
    scale_upem(font, 1000)
    output = io.BytesIO()
    font.save(output)
    return output.getvalue()


class _SubsetFontFactory(GlyphAccumulatorFactory):
    """pyHanko's OpenType engine fed from the subset kept in memory, not from a file."""

    def create_font_engine(self, writer: Any, obj_stream: Any = None) -> GlyphAccumulator:
        if obj_stream is None and writer.stream_xrefs:
            obj_stream = writer.prepare_object_stream()
        return GlyphAccumulator(
            writer=writer,
            font_handle=io.BytesIO(_font_subset()),
            font_size=self.font_size,
            obj_stream=obj_stream,
        )


def _escaped(line: str) -> str:
    # pyHanko fills %(name)s placeholders in stamp text; a literal % must be doubled.
    return line.replace("%", "%%")


def stamp_style(appearance: SignatureAppearance) -> TextStampStyle:
    """The stamp for one signature: text lines, and the QR code when there is an address."""
    stamp_text = "\n".join(_escaped(line) for line in appearance.lines if line)
    common: dict[str, Any] = {
        "stamp_text": stamp_text,
        "text_box_style": text.TextBoxStyle(
            font=_SubsetFontFactory(font_file=str(font_path()), font_size=FONT_SIZE),
            font_size=FONT_SIZE,
            leading=FONT_SIZE + 2,
        ),
        "border_width": BORDER_WIDTH,
        "background": None,
        "inner_content_layout": SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MIN,
            y_align=AxisAlignment.ALIGN_MID,
            inner_content_scaling=InnerScaling.SHRINK_TO_FIT,
        ),
    }
    if appearance.qr_url:
        return QRStampStyle(**common)
    return TextStampStyle(**common)


def warm_up() -> None:
    """Cut the font subset now rather than during the first signature."""
    _font_subset()
