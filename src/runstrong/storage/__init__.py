"""Persistence: SQLAlchemy 2 tables, engine/session setup, repositories, migrations.

Only ``services`` (and the web/cli shells through them) import this package;
``core`` never does. Repositories return ``core.model`` dataclasses or the
small frozen records of ``storage.records``, never ORM objects.
"""
