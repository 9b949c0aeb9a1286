"""Collected static files carry gzip and brotli copies that decode to the original."""

import brotli

from napmon.core.staticfiles import collect_if_needed


def test_collected_files_have_brotli_and_gzip_copies(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    assert collect_if_needed() is True
    styles = [p for p in tmp_path.rglob("*.css") if p.stat().st_size > 1000]
    assert styles
    for path in styles[:3]:
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == (
            path.read_bytes()
        )
        assert path.with_name(path.name + ".gz").is_file()
    assert collect_if_needed() is False  # unchanged sources: nothing to do
