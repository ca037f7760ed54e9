"""`kpi-audit batch --executor dask`: the same portfolio on a Dask LocalCluster gives the same summary as local
worker processes (workers load the intakes; the batch process writes the reports, the state and the summary)."""
from __future__ import annotations

from distributed import LocalCluster

from benchmarks.portfolio import synthetic_portfolio
from tests.test_batch import kpi_audit, statuses


def test_dask_cluster_gives_the_local_summary(tmp_path):
    clients = tmp_path / "clients"
    synthetic_portfolio(clients, 6)
    (clients / "broken.json").write_text("{", encoding="utf-8")
    local, remote = tmp_path / "local", tmp_path / "dask"
    assert kpi_audit("batch", clients, "--out", local, "--workers", "2", "--format", "json,html").returncode == 1
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = kpi_audit("batch", clients, "--out", remote, "--format", "json,html", "--executor", "dask",
                           "--scheduler", cluster.scheduler_address)
        assert result.returncode == 1, result.stderr
        assert statuses(remote)["broken"] == "failed"
        for name in ("portfolio.json", "portfolio.csv", "portfolio.html", "client-004.html", "client-004.json"):
            assert (remote / name).read_bytes() == (local / name).read_bytes(), name
        # rerun on the cluster: nothing changed, nothing audited again
        again = kpi_audit("batch", clients, "--out", remote, "--executor", "dask", "--format", "json,html",
                          "--scheduler", cluster.scheduler_address)
    assert "6 client(s) unchanged" in again.stderr
    assert set(statuses(remote).values()) == {"skipped", "failed"}

def test_unreachable_scheduler_is_a_usage_error(tmp_path):
    synthetic_portfolio(tmp_path / "clients", 1)
    result = kpi_audit("batch", tmp_path / "clients", "--out", tmp_path / "out", "--executor", "dask",
                       "--scheduler", "tcp://127.0.0.1:9")
    assert result.returncode == 2
    assert "cannot reach the Dask scheduler" in result.stderr
    assert not list((tmp_path / "out").glob("client-*"))
