"""The ``runstrong`` console script (``[project.scripts]`` in pyproject.toml).

It lives outside ``runstrong.cli`` so that it can raise the young generation's
garbage-collection threshold (``runstrong.gc_threshold``) *before* Typer and Rich
are imported: the package ``runstrong.cli`` imports them at its top, and under the
default threshold their import alone set off 17-30 collections that freed nothing
(issue 11 item 8, docs/benchmarks.md).
"""

from __future__ import annotations

from runstrong.gc_threshold import raise_young_threshold


def main() -> None:
    """Console-script entry point: the threshold first, then ``runstrong.cli.main``."""
    raise_young_threshold()
    from runstrong.cli import main as cli_main

    cli_main()


if __name__ == "__main__":  # ``python -m runstrong.entry ARGS``, e.g. under -X importtime
    main()
