"""Synthetic client organisations of a chosen size, with a realistic mix of pitfalls."""
from __future__ import annotations

import random

_NAMES = ["GMV", "Contribution margin", "ACoS", "Conversion rate", "Review rating", "每日上新数量", "TACoS",
          "Inventory turnover", "Refund rate", "Content posts", "销售额", "Net profit", "Sessions"]
_MARKETS = ["US", "DE", "JP", "UK", "FR", "MY", "SG", "CN"]


def organisation(n_kpis: int, seed: int = 7) -> dict:
    """An intake dict with about `n_kpis` KPIs: 5 per role (some 6), 8 roles per site, sites under regions."""
    rnd = random.Random(seed)
    roles_needed = max(1, n_kpis // 5)
    sites = max(1, roles_needed // 8)
    regions = max(1, sites // 10)
    units = [{"id": "hq", "name": "HQ", "kind": "company"}]
    units += [{"id": f"r{r}", "name": f"Region {r}", "kind": "region", "parent": "hq"} for r in range(regions)]
    units += [{"id": f"s{s}", "name": f"Site {s}", "kind": "site", "parent": f"r{s % regions}",
               "market": _MARKETS[s % len(_MARKETS)], "platform": "amazon"} for s in range(sites)]
    roles = [{"id": "ceo", "name": "CEO", "unit": "hq", "leadership": True, "responsibilities": "P&L"}]
    roles += [{"id": f"lead{s}", "name": f"Site lead {s}", "unit": f"s{s}", "leadership": True,
               "responsibilities": "Site results"} for s in range(sites)]
    objectives = [{"id": "o-co", "name": "Company growth", "unit": "hq"}]
    objectives += [{"id": f"o{s}", "name": f"Site {s} objective", "unit": f"s{s}",
                    "parent": "o-co" if s % 7 else None} for s in range(sites)]
    metrics = [{"id": f"m{i}", "name": name, "formula": f"f{i % 3}", "source": ["erp", "bi", "spreadsheet"][i % 3],
                "currency": "USD"} for i, name in enumerate(_NAMES)]
    kpis, links, actuals = [], [], []
    for r in range(roles_needed):
        site = r % sites
        role = f"op{r}"
        roles.append({"id": role, "name": f"Operator {r}", "unit": f"s{site}",
                      "responsibilities": "Store operations" if r % 9 else None})
        count = 6 if r % 13 == 0 else 5
        for k in range(count):
            kid = f"k{r}-{k}"
            name_index = rnd.randrange(len(_NAMES))
            kpi = {"id": kid, "name": _NAMES[name_index], "owner": role, "weight": 100 // count,
                   "metric": f"m{name_index}", "objectives": [f"o{site}"] if k % 4 else [],
                   "target": 1000 * (site % 5 + 1), "frequency": "monthly"}
            if k % 3:
                kpi["baseline"] = 900
            kpis.append(kpi)
            if k < 2 and r % 6:
                links.append({"kpi": kid, "weight": 50})
            if k % 2:
                actuals.append({"kpi": kid, "period": "2026-10", "value": 950})
    incentives = [{"id": f"inc{i}", "name": f"Bonus {i}", "kind": "bonus",
                   "links": links[i * 40:(i + 1) * 40]} for i in range((len(links) + 39) // 40)]
    reviews = [{"id": f"rev{r}", "name": f"Region {r} weekly", "kind": "performance", "scope": f"r{r}",
                "cadence": "weekly", "attendees": ["ceo"], "held_on": ["2026-10-27"], "actions": 4}
               for r in range(regions) if r % 4]
    dashboards = [{"id": "d0", "name": "Board", "kpis": [k["id"] for k in kpis[::2]]}]
    return {
        "organization": {"id": "synthetic", "name": f"Synthetic {n_kpis}", "stage": "growth",
                         "audit_date": "2026-11-01", "champion": "p0", "kpi_system_revised_on": "2026-09-01"},
        "units": units, "roles": roles, "people": [{"id": "p0", "name": "Champion", "role": "ceo"}],
        "objectives": objectives, "metrics": metrics, "kpis": kpis, "incentives": incentives, "reviews": reviews,
        "dashboards": dashboards,
        "consultations": [{"id": "c0", "date": "2026-09-01", "topic": "kpi-design", "participants": ["op0"]}],
        "actuals": actuals,
    }
