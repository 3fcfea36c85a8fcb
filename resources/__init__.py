"""The app's resources: the window icon (icons/) and the Qt stylesheet (themes/).

Installed as the package ``greenroom.resources`` (pyproject.toml maps this folder), so
``importlib.resources.files("greenroom.resources")`` finds the files in a source checkout, an
installed wheel and the PyInstaller bundle alike. This file only makes the folder a package.
"""
