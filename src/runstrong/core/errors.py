"""The one error tree of runstrong.

Every error a user can provoke is a ``RunstrongError``; the shells (CLI, web)
catch this base class and print its message, never a traceback. Messages name
the bad value and what is allowed.

    RunstrongError
    ├── InputError              a value given by the user is malformed or out of range
    │   ├── DistanceError       a race distance that cannot be parsed or is not allowed
    │   ├── DurationError       a time/duration that cannot be parsed or is not allowed
    │   ├── ImplausibleResultError  a performance outside what humans can do
    │   └── UnknownExerciseError    an exercise name not in the library (suggests close names)
    ├── ProfileError            an athlete profile file is missing a field or contradicts itself
    ├── PlanFormatError         a plan file does not follow the documented plan format
    ├── ImportFileError         an activity file could not be read (corrupt, truncated, wrong type)
    │   ├── UnsafeArchiveError  an archive breaks a safety limit (traversal, bomb, size)
    │   └── NotAnActivity       a readable file with no activity (course, monitoring, settings)
    ├── StorageError            the database could not do what was asked
    │   └── NotFoundError       a requested record does not exist
    ├── SchedulingError         no plan can be produced at all for the given calendar
    └── ExerciseLibraryError    the exercise library data is malformed or inconsistent
"""

from __future__ import annotations


class RunstrongError(Exception):
    """Base class of every error runstrong reports to a user.

    The message is neutral: it reads right on a web page and in a terminal alike.
    ``cli_hint`` is advice only the command line can follow (an option, a command to
    run), written with its leading separator (" or an earlier --start"); the CLI
    appends it (``cli_message``), the web leaves it out. ``field``: the input field the
    error is about when one is (``start``, ``distance_m``, ``sets``), so a form can show
    the message next to it.
    """

    def __init__(self, *args: object, cli_hint: str = "", field: str | None = None) -> None:
        super().__init__(*args)
        self.cli_hint = cli_hint
        self.field = field


def cli_message(exc: RunstrongError) -> str:
    """The message as the CLI prints it: the neutral text and the command-line advice."""
    return f"{exc}{exc.cli_hint}"


class InputError(RunstrongError, ValueError):
    """A value given by the user is malformed or out of range."""


class DistanceError(InputError):
    """A race distance that cannot be parsed or is not allowed."""


class DurationError(InputError):
    """A time or duration that cannot be parsed or is not allowed."""


class ImplausibleResultError(InputError):
    """A performance outside what humans can do (faster than a world record)."""


class ProfileError(RunstrongError):
    """An athlete profile is missing a field or contradicts itself."""


class PlanFormatError(RunstrongError):
    """A plan file does not follow the documented plan format."""


class ImportFileError(RunstrongError):
    """An activity file could not be read (corrupt, truncated, wrong type)."""


class UnsafeArchiveError(ImportFileError):
    """An archive breaks a safety limit (path traversal, zip bomb, size cap)."""


class NotAnActivity(ImportFileError):
    """A readable file that holds no activity (FIT course/monitoring/settings, TCX course)."""


class StorageError(RunstrongError):
    """The database could not do what was asked."""


class NotFoundError(StorageError):
    """A requested record does not exist."""


class SchedulingError(RunstrongError):
    """No plan can be produced at all for the given calendar."""


class UnknownExerciseError(InputError):
    """An exercise name (or substitution reason) that the library does not know."""


class ExerciseLibraryError(RunstrongError):
    """The exercise library data is malformed or inconsistent."""


class ConflictError(RunstrongError):
    """What was asked cannot be done with what is stored; nothing was changed."""
