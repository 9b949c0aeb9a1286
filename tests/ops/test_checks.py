"""Start-up checks (napmon.E001-E004) and `napmon check --deploy` with production settings."""

from pathlib import Path

from django.test import override_settings

from napmon.core import checks

from .helpers import napmon_env, production_env, run_napmon


def test_check_deploy_reports_nothing_with_production_settings(tmp_path):
    result = run_napmon("check", "--deploy", env=production_env(tmp_path))
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert result.stderr.strip() == ""


def test_check_deploy_warns_without_https(tmp_path):
    result = run_napmon("check", "--deploy", env=napmon_env(tmp_path), check=False)
    assert "napmon.W001" in result.stderr
    assert "security.W012" in result.stderr  # session cookie not secure


def test_short_secret_key_is_an_error(tmp_path):
    env = napmon_env(tmp_path, NAPMON_SECRET_KEY="too-short")
    result = run_napmon("check", env=env, check=False)
    assert result.returncode == 1
    assert "napmon.E002" in result.stderr


def test_unreachable_database_is_reported(tmp_path):
    # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    env = napmon_env(tmp_path, database_url="postgres://napmon:x@127.0.0.1:9/napmon")
    result = run_napmon("check", env=env, check=False)
    assert result.returncode == 1
    assert "napmon.E003" in result.stderr
    assert "NAPMON_DATABASE_URL" in result.stderr


def test_data_dir_that_is_a_file_is_reported(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with override_settings(MEDIA_ROOT=Path(blocker) / "media"):
        errors = checks.check_data_dir()
    assert [error.id for error in errors] == ["napmon.E001"]
    assert "media" in errors[0].msg


def test_upload_limit_must_be_positive():
    with override_settings(NAPMON_MAX_UPLOAD_MB=0):
        assert [e.id for e in checks.check_upload_limits()] == ["napmon.E004"]
    assert checks.check_upload_limits() == []
