"""PyInstaller entry point: the same `greenroom` command the wheel installs."""

from greenroom.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
