"""The app's resources: the window icon (icons/), the Qt stylesheet (themes/) and the speech the
speech model hears once as it loads (sounds/, see sounds/SOURCES.md).

Installed as the package ``greenroom.resources`` (pyproject.toml maps this folder), so
``importlib.resources.files("greenroom.resources")`` finds the files in a source checkout, an
installed wheel and the PyInstaller bundle alike. This file only makes the folder a package.
"""
