"""Model data (JSON/NPZ weights) and model cards only; the code that reads a model lives with its measure."""
