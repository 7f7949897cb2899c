#!/usr/bin/env python3
"""Make sounds/: one short tone per cue, and spoken words in sounds/voice/.

Tones are synthesised with the standard library only, so the same script
always writes the same bytes. Each note has a short attack and release so
nothing clicks. The voice files are rendered by espeak-ng (Debian package
espeak-ng) and committed, so runners need no speech synthesiser; without
espeak-ng the script leaves the existing voice files alone.

    python scripts/make_sounds.py [--tones-only]
"""

from __future__ import annotations

import argparse
import array
import math
import shutil
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

RATE = 22050
PEAK = 0.5 * 32767
SOUNDS = Path(__file__).resolve().parent.parent / "sounds"

# (frequency start Hz, frequency end Hz, seconds); 0 Hz is silence.
Note = tuple[float, float, float]


def note(freq: float, seconds: float, end: float | None = None) -> Note:
    return (freq, freq if end is None else end, seconds)


def rest(seconds: float) -> Note:
    return (0.0, 0.0, seconds)


C5, D5, E5, G5, A5, C6, E6 = 523.25, 587.33, 659.25, 783.99, 880.0, 1046.5, 1318.5

TONES: dict[str, list[Note]] = {
    "get_ready": [note(C5, 0.12), rest(0.04), note(E5, 0.16)],
    "count": [note(A5, 0.08)],
    "go": [note(C6, 0.22)],
    "lower": [note(660, 0.45, 300)],  # a falling glide: the body goes down
    "tick": [note(1500, 0.035)],
    "pause": [note(440, 0.15)],
    "lift": [note(330, 0.25, 700)],  # a rising glide: back up
    "out": [note(G5, 0.12), rest(0.03), note(C5, 0.3)],  # a falling step: heels away, slowly
    "in": [note(C5, 0.12), rest(0.03), note(G5, 0.2)],  # a rising step: heels back in
    "hold": [note(D5, 0.35)],
    "contract": [note(392, 0.09), rest(0.05), note(392, 0.09)],
    "relax": [note(D5, 0.45, 392)],
    "stretch": [note(440, 0.55)],
    "halfway": [note(G5, 0.1), note(E6 / 1.333, 0.15)],
    "last_rep": [note(A5, 0.07), rest(0.04), note(A5, 0.07), rest(0.04), note(A5, 0.07)],
    "rep_done": [note(C6, 0.14)],
    "set_done": [note(C5, 0.12), note(E5, 0.12), note(G5, 0.22)],
    "switch_sides": [note(E5, 0.12), rest(0.03), note(494, 0.12), rest(0.03), note(E5, 0.12),
                     rest(0.03), note(494, 0.12)],
    "rest": [note(G5, 0.18), note(C5, 0.3)],
    "rest_almost_over": [note(740, 0.1), rest(0.06), note(740, 0.1)],
    "session_done": [note(C5, 0.15), note(E5, 0.15), note(G5, 0.15), note(C6, 0.45)],
}

# What the voice says for each cue; numbers are spoken from numbers/<n>.wav.
VOICE: dict[str, str] = {
    "get_ready": "get ready", "go": "go", "lower": "lower", "pause": "pause", "lift": "up", "out": "out", "in": "in",
    "hold": "hold", "contract": "contract", "relax": "relax", "stretch": "stretch",
    "halfway": "halfway", "last_rep": "last rep", "rep_done": "good", "set_done": "set done",
    "switch_sides": "switch sides", "rest": "rest", "rest_almost_over": "ten seconds",
    "session_done": "session complete. well done",
}
NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                "eighteen", "nineteen", "twenty"]


def synthesise(notes: list[Note]) -> array.array:
    samples = array.array("h")
    phase = 0.0
    for start, end, seconds in notes:
        count = int(RATE * seconds)
        ramp = min(int(RATE * 0.008), count // 2)  # 8 ms attack and release: no clicks
        for i in range(count):
            if start == 0:
                samples.append(0)
                continue
            freq = start + (end - start) * i / count
            phase += 2 * math.pi * freq / RATE
            envelope = min(1.0, i / ramp if ramp else 1.0, (count - 1 - i) / ramp if ramp else 1.0)
            # A touch of the octave makes a tone carry across a room.
            value = 0.8 * math.sin(phase) + 0.2 * math.sin(2 * phase)
            samples.append(int(PEAK * envelope * value))
    return samples


def write_wav(path: Path, samples: array.array) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if sys.byteorder != "little":
        samples = array.array("h", samples)
        samples.byteswap()
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(samples.tobytes())


def speak(text: str, path: Path, espeak: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw.wav"
        subprocess.run([espeak, "-v", "en-us", "-s", "165", "-a", "110", "-w", str(raw), text], check=True)
        with wave.open(str(raw), "rb") as spoken:
            if (spoken.getnchannels(), spoken.getsampwidth(), spoken.getframerate()) != (1, 2, RATE):
                raise SystemExit(f"espeak-ng wrote an unexpected format for {text!r}")
            samples = array.array("h", spoken.readframes(spoken.getnframes()))
    # Trim the silence espeak-ng leaves around words: every millisecond counts for a cue.
    loud = [i for i, v in enumerate(samples) if abs(v) > 300]
    if loud:
        start, end = max(0, loud[0] - int(RATE * 0.01)), min(len(samples), loud[-1] + int(RATE * 0.03))
        samples = samples[start:end]
    write_wav(path, samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tones-only", action="store_true", help="leave sounds/voice alone")
    args = parser.parse_args()
    for name, notes in TONES.items():
        write_wav(SOUNDS / f"{name}.wav", synthesise(notes))
    print(f"wrote {len(TONES)} tones to {SOUNDS}")
    if args.tones_only:
        return 0
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        print("espeak-ng not found (apt install espeak-ng): voice files left as they are")
        return 0
    for name, text in VOICE.items():
        speak(text, SOUNDS / "voice" / f"{name}.wav", espeak)
    for number, word in enumerate(NUMBER_WORDS):
        if number:
            speak(word, SOUNDS / "voice" / "numbers" / f"{number}.wav", espeak)
    print(f"wrote {len(VOICE) + len(NUMBER_WORDS) - 1} voice files to {SOUNDS / 'voice'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
