"""Application services: what both the GUI and the command line do with the user's data.

Opening the store at start-up (``startup.open_store``), the bank library (seeding the built-in
banks, importing, exporting), history export, real interviews (``interviews``, with
``interview_input`` for typed values and ``interviews_export``), the coach (``coach``) and
deleting all data. They sit above the pure packages (``banks``, ``store``, ``speech`` do not
know each other) and below the two front ends, ``ui`` and ``cli``. No Qt and no printing:
import-linter and tests/test_layering.py check both.
"""
