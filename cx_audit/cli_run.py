"""`run`: the guided interview (being written)."""
