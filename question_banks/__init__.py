"""The built-in question banks, one YAML file each (docs/bank-format.md).

Installed as the package ``greenroom.question_banks`` (pyproject.toml maps this folder), so
``importlib.resources.files("greenroom.question_banks")`` finds the files in a source checkout,
an installed wheel and the PyInstaller bundle alike. This file only makes the folder a package.
"""
