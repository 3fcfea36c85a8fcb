"""Audio devices through QtMultimedia: microphone capture and playback."""
