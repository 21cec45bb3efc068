from ietfplan.load.catalog import Catalog


def test_bundled_meetings_load() -> None:
    numbers = [m.number for m in Catalog(user_dir=None).meetings]
    assert numbers == [101, 102]
