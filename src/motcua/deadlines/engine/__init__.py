"""Working-time arithmetic in plain Python (no Django): calendars, due moments, classes."""
