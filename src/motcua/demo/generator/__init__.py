"""Synthetic province-years on the demo province (`motcua demo generate`); docs/demo-data.md."""
