"""The direction of imports between the apps (docs/architecture.md), as `make lint` checks it with
import-linter (the contracts in pyproject.toml): every module of `serviceformules`, which lies in two
layers, has its layer; and the contracts do catch a step app that imports `verbeterplan`."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _contract(contract_id: str) -> dict:
    return next(contract for contract in CONFIG["contracts"] if contract["id"] == contract_id)


def _in_layers(package: str) -> set[str]:
    """The modules of `package` the layers contract names, by their name inside the package."""
    named = set()
    for layer in _contract("huis")["layers"]:
        for module in layer.replace("|", ":").split(":"):
            if module.strip().startswith(f"{package}."):
                named.add(module.strip().removeprefix(f"{package}."))
    return named


def _modules_of(package: str) -> set[str]:
    """The modules and subpackages directly inside `package`, by name."""
    modules = set()
    for path in (ROOT / package).iterdir():
        if path.suffix == ".py" and path.name != "__init__.py":
            modules.add(path.stem)
        elif path.is_dir() and (path / "__init__.py").exists():
            modules.add(path.name)
    return modules


def test_every_module_of_serviceformules_has_its_layer():
    """A new module of serviceformules must be placed: with the catalogue's data below trajecten, or
    with step 5 above it (a module no layer names would be checked by no one)."""
    assert _in_layers("serviceformules") == _modules_of("serviceformules")


def _lint_imports(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=tree, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_contracts_hold_and_catch_a_step_app_importing_verbeterplan(tmp_path):
    """On a copy of the code: the contracts are kept; a lazy import of verbeterplan inside a function
    of klantreis (the kind the step apps used to have) breaks the layers contract and is named."""
    for package in CONFIG["root_packages"]:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)

    kept = _lint_imports(tmp_path)
    assert kept.returncode == 0, kept.stdout + kept.stderr
    assert "0 broken" in kept.stdout

    lazy_import = (
        "\n\ndef _punten():\n"
        "    from verbeterplan.models import Verbeterpunt  # a step app's lazy import of the plan\n\n"
        "    return Verbeterpunt\n"
    )
    with (tmp_path / "klantreis" / "services.py").open("a", encoding="utf-8") as module:
        module.write(lazy_import)
    broken = _lint_imports(tmp_path)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "klantreis is not allowed to import verbeterplan" in broken.stdout
    assert "klantreis.services -> verbeterplan.models" in broken.stdout
