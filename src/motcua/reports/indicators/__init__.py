"""The Decision 766/QĐ-TTg indicators computed from the system's data (docs/indicators.md).

One module per indicator, one function each, citing its source and returning the two terms
(`measure.Terms`); `report.compute_indicators` scores them with the versioned rules
(`rules`, `data/scoring.json`), totals the groups and sets the action program's targets
(`targets`, `data/targets.json`) against them. `queries.get_indicator_report` is what the
command `motcua indicators` and `GET /api/v1/indicators` call.
"""
