#!/usr/bin/env python3
"""Draws eng/package/icon.png, the 128x128 package icon (a framed picture: sun over hills).

Plain Python (zlib + struct), so it runs anywhere: python3 eng/package/make-icon.py
"""
import os, struct, zlib

N = 128
BLUE, WHITE, SUN, NONE = (31, 95, 191, 255), (255, 255, 255, 255), (245, 184, 46, 255), (0, 0, 0, 0)

def inside_rounded(x, y, r=22):
    cx = min(max(x, r), N - 1 - r)
    cy = min(max(y, r), N - 1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r

def hill(x, peak_x, peak_y, base_y, half):
    # height of a triangular hill at column x (None outside it)
    d = abs(x - peak_x)
    return None if d > half else peak_y + (base_y - peak_y) * d / half

def pixel(x, y):
    if not inside_rounded(x, y):
        return NONE
    frame = 22 <= x <= 105 and 28 <= y <= 99
    picture = 29 <= x <= 98 and 35 <= y <= 92
    if frame and not picture:
        return WHITE
    if picture:
        for px, py, half in ((52, 56, 34), (82, 68, 22)):
            top = hill(x, px, py, 92, half)
            if top is not None and y >= top:
                return WHITE
        if (x - 78) ** 2 + (y - 50) ** 2 <= 64:
            return SUN
    return BLUE

rows = b"".join(b"\x00" + bytes(c for x in range(N) for c in pixel(x, y)) for y in range(N))

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", N, N, 8, 6, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "icon.png"), "wb") as f:
    f.write(png)
