"""Read the barcodes and QR codes of a rendered PDF page the way a scanner does (zbar).

``read_codes`` renders one page with ``pdftoppm -r 300`` and decodes it. zbar guesses
the text encoding of a QR code without an ECI header and may "convert" UTF-8 bytes
(a name with ä or ö) from a wrong guess; the binary option makes it return the bytes
as they are in the code, which is what a banking app reads.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from ctypes import c_void_p, cast
from pathlib import Path

import pytest
from PIL import Image
from pyzbar import pyzbar
from pyzbar.wrapper import ZBarConfig, ZBarSymbol, zbar_image_scanner_set_config

# zbar 0.23's ZBAR_CFG_BINARY (pyzbar's enum predates it).
_CFG_BINARY = 4
_WANTED = (ZBarSymbol.CODE128, ZBarSymbol.QRCODE)


def render_page(pdf: bytes, page: int, dpi: int = 300) -> Image.Image:
    """Page ``page`` (1-based) of ``pdf`` as a picture; skips the test without pdftoppm."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "document.pdf"
        source.write_bytes(pdf)
        stem = Path(folder) / "page"
        pages = ["-f", str(page), "-l", str(page), "-singlefile"]
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-png", *pages, str(source), str(stem)], check=True
        )
        with Image.open(stem.with_suffix(".png")) as picture:
            return picture.convert("L")


def decode_codes(picture: Image.Image) -> dict[str, list[bytes]]:
    """The Code 128 and QR codes in ``picture``: type -> the raw bytes of each."""
    pixels, width, height = pyzbar._pixel_data(picture)
    found: dict[str, list[bytes]] = {}
    with pyzbar._image_scanner() as scanner:
        for symbol in set(ZBarSymbol).difference(_WANTED):
            zbar_image_scanner_set_config(scanner, symbol, ZBarConfig.CFG_ENABLE, 0)
        for symbol in _WANTED:
            zbar_image_scanner_set_config(scanner, symbol, ZBarConfig.CFG_ENABLE, 1)
        zbar_image_scanner_set_config(scanner, ZBarSymbol.QRCODE, _CFG_BINARY, 1)
        with pyzbar._image() as image:
            pyzbar.zbar_image_set_format(image, pyzbar._FOURCC["L800"])
            pyzbar.zbar_image_set_size(image, width, height)
            pyzbar.zbar_image_set_data(image, cast(pixels, c_void_p), len(pixels), None)
            pyzbar.zbar_scan_image(scanner, image)
            for decoded in pyzbar._decode_symbols(pyzbar._symbols_for_image(image)):
                found.setdefault(decoded.type, []).append(decoded.data)
    return found


def read_codes(pdf: bytes, page: int) -> dict[str, list[bytes]]:
    """The codes a scanner reads on page ``page`` of ``pdf`` printed at 300 dpi."""
    return decode_codes(render_page(pdf, page))
