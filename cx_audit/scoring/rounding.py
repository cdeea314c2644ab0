"""Moved to :mod:`cx_audit.rounding` (files/ needs it too and must not import scoring/).

This alias keeps imports written before the move working; new code imports
``cx_audit.rounding``.
"""

from cx_audit.rounding import *  # noqa: F403
