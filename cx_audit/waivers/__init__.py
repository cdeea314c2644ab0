"""Accepted exceptions as a consultant manages them: `exceptions add` and `exceptions list`.

The audit format and its checks are :mod:`cx_audit.files.exceptions`; what an exception
does to the score is :mod:`cx_audit.scoring.exceptions`.
"""
