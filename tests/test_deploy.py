"""The deployment files say what the code does: settings that exist, commands
that exist, the state folders the backup saves. (No container engine runs on
the test machines: the images themselves are not built here.)"""

import re

import yaml
from click.testing import CliRunner

from bot.backup import KEPT_FOLDERS
from bot.cli import main
from bot.config import Settings
from tests.conftest import ROOT


def _setting_names() -> set[str]:
    return {name.upper() for name in Settings.model_fields}


def test_compose_sets_only_real_settings_and_keeps_the_state_in_volumes() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    bot = compose["services"]["bot"]
    assert set(bot["environment"]) <= _setting_names()
    mounted = {volume.split(":")[1] for volume in bot["volumes"]}
    assert mounted == {"/data", *(f"/app/knowledge/{folder}" for folder in KEPT_FOLDERS)}
    assert compose["services"]["chroma"]["command"][:2] == ["chroma", "run"]


def test_the_images_and_the_unit_run_commands_that_exist() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    unit = (ROOT / "deploy/terress-bot.service").read_text(encoding="utf-8")
    commands = re.findall(r"python -m bot (\w+)", dockerfile + unit)
    assert commands and set(commands) <= set(main.commands)
    assert "python ingest.py" in dockerfile and "ingest.py" in unit
    for command in ("serve", "backup", "restore"):
        assert CliRunner().invoke(main, [command, "--help"]).exit_code == 0


def test_every_setting_the_deploy_guide_names_exists() -> None:
    guide = (ROOT / "DEPLOY.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([A-Z][A-Z_]{3,})[=`]", guide))
    assert named and named <= _setting_names()
