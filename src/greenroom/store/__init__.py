"""Local storage: SQLAlchemy 2.0 models, migrations, and queries returning core dataclasses."""
