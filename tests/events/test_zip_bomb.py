"""A zip-bomb XLSX is refused before parsing, with worker memory staying small."""

import tracemalloc
import zipfile

import pytest

from napmon.events.errors import EventImportError
from napmon.events.models import Event
from napmon.events.services import import_events

pytestmark = pytest.mark.django_db

CHUNK = b"<si><t>NAP Monitor</t></si>" * 4096  # ~110 KB of highly compressible XML


def _bomb(path, megabytes: int) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/sharedStrings.xml", "w") as member:
            for _ in range(megabytes * 1024 * 1024 // len(CHUNK)):
                member.write(CHUNK)


def test_a_zip_bomb_xlsx_is_refused_before_parsing(tmp_path, reference):
    path = tmp_path / "bomb.xlsx"
    _bomb(path, 60)
    assert path.stat().st_size < 1024 * 1024  # under 1 MB on disk, 60 MB inflated
    tracemalloc.start()
    try:
        with pytest.raises(EventImportError) as caught:
            import_events(path, "gtd")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.code == "zip_ratio" and caught.value.field == "file"
    assert "expands" in caught.value.message and "zip bomb" in caught.value.message
    assert peak < 16 * 1024 * 1024  # the stated bound: nothing was inflated
    assert Event.objects.count() == 0


def test_a_workbook_over_the_uncompressed_limit_is_refused(tmp_path, reference, settings):
    settings.NAPMON_MAX_UNZIPPED_MB = 2
    settings.NAPMON_MAX_ZIP_RATIO = 10**9
    path = tmp_path / "big.xlsx"
    _bomb(path, 3)
    with pytest.raises(EventImportError) as caught:
        import_events(path, "gtd")
    assert caught.value.code == "zip_too_large"
    assert "limit is 2 MB" in caught.value.message
