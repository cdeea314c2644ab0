"""The portfolio: every audit of the firm in one store (an index of scored results, rebuilt from the YAML files)."""
