"""Small trained models shipped with the package (JSON coefficients, loaded lazily)."""
