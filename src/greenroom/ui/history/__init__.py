"""History and progress: the session list, a session's detail, and the progress dashboard."""
