"""Write ui/sounds/alert.wav, the short two-tone chime a department seat hears when a case comes to it
(`ui.seat_alerts`). Generated rather than taken from elsewhere, so its origin and licence are this file.

Run: .venv/bin/python resources/sounds/make_alert_wav.py
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "ui" / "sounds" / "alert.wav"
RATE = 22_050
#: (frequency Hz, seconds): a rising fifth, E6 then B6, short enough not to startle
NOTES = ((1318.5, 0.11), (1975.5, 0.16))
VOLUME = 0.35


def samples() -> list[int]:
    out: list[int] = []
    for freq, secs in NOTES:
        n = int(RATE * secs)
        for i in range(n):
            fade = min(1.0, i / (0.005 * RATE), (n - i) / (0.04 * RATE))  # no clicks at either end
            out.append(int(32767 * VOLUME * fade * math.sin(2 * math.pi * freq * i / RATE)))
    return out


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(OUT), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", s) for s in samples()))
    print(f"{OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
