"""The gold-data harness: each measure against public German gold data."""
