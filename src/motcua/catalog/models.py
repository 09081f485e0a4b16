"""Models of catalog."""
