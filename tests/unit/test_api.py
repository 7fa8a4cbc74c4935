"""The public API: what ``namenorm`` exports, and that the exports are complete and sorted."""

from __future__ import annotations

import inspect

import namenorm


def test_all_is_sorted() -> None:
    assert namenorm.__all__ == sorted(namenorm.__all__)


def test_all_names_exist() -> None:
    for name in namenorm.__all__:
        assert hasattr(namenorm, name), name


def test_all_is_complete() -> None:
    """Every public class, function and constant defined in the package is exported."""
    public = {
        name
        for name, value in vars(namenorm).items()
        if not name.startswith("_")
        and not inspect.ismodule(value)
        and name not in {"annotations", "version", "PackageNotFoundError"}
    }
    assert public - set(namenorm.__all__) == set()


def test_every_error_derives_from_the_base() -> None:
    for name in namenorm.__all__:
        obj = getattr(namenorm, name)
        if inspect.isclass(obj) and issubclass(obj, Exception):
            assert issubclass(obj, namenorm.NamenormError), name


def test_public_callables_have_docstrings() -> None:
    for name in namenorm.__all__:
        obj = getattr(namenorm, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert inspect.getdoc(obj), name


def test_package_is_typed() -> None:
    from importlib import resources

    assert resources.files("namenorm").joinpath("py.typed").is_file()
