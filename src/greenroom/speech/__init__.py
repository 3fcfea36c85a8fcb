"""Speech: audio I/O, voice activity detection, transcription engines, streaming, text-to-speech.

Imports only the standard library, ``greenroom.core`` and the speech libraries; never Qt.
Heavy engines (faster-whisper, PocketSphinx, pyttsx3) are imported lazily by the modules that
use them, so importing this package is cheap.
"""
