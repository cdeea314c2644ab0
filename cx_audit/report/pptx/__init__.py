"""The readout deck: a 16:9 PowerPoint file for the meeting where the consultant presents
the result (SPEC Part 3, "The readout deck").

:mod:`~cx_audit.report.pptx.deck` builds what the slides show as plain data (and
:mod:`~cx_audit.report.pptx.trend` the trend's one slide); :mod:`~cx_audit.report.pptx.slides`
draws them with python-pptx; :mod:`~cx_audit.report.pptx.fit` makes texts fit their boxes;
:mod:`~cx_audit.report.pptx.render` saves the bytes, pinned to the audit date.
"""
