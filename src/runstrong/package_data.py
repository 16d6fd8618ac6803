"""Package data: the text of a file shipped inside the runstrong package.

``importlib.resources`` would do, but importing it loads ``tempfile``, ``random``,
``zipfile`` and friends: ~11 M instructions, 2.4 % of ``runstrong paces`` (issue 11
item 8, docs/benchmarks.md). The package's own loader reads the bytes instead
(``loader.get_data``, which a zip importer has too), as ``pkgutil.get_data`` does.
The files are ours, UTF-8 with ``\\n`` line ends; reading them is no I/O of the
athlete's: core stays pure (STYLE rule 1). A leaf module (standard library only) outside
``core``, as ``runstrong.text_file``, so that core's sub-packages may all use it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any


def package_text(package: str, name: str) -> str:
    """The UTF-8 text of ``name`` (``/``-separated) inside the imported ``package``."""
    spec = sys.modules[package].__spec__
    assert spec is not None and spec.origin is not None, package
    loader: Any = spec.loader
    data: bytes = loader.get_data(str(Path(spec.origin).parent.joinpath(*name.split("/"))))
    return data.decode("utf-8")
