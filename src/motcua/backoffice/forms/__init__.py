"""The back office's Django forms: list filters, the intake form and one form per act."""
