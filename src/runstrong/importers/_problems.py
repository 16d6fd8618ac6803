"""Internal failure signals of the format decoders.

Decoders raise these with a bare reason (no file name); ``parse.py`` adds the
source name and turns them into the public ``ImportFileError`` /
``NotAnActivity`` or into a ``ParseResult``.
"""

from __future__ import annotations


class FormatProblem(Exception):
    """The content cannot be read as an activity; ``str(exc)`` is the reason."""


class NotActivityProblem(FormatProblem):
    """The content is readable but holds no activity (course, monitoring, settings)."""
