"""The guided interview behind `cx-audit run`.

- :mod:`.session`: the state (applicability, order, back, skip, go to) and saving;
- :mod:`.flow`: the loop that reads keys and answers through an :class:`.asker.Asker`;
- :mod:`.asker`: the messages shown and the prompts asked, plus a scripted asker;
- :mod:`.terminal`: the rich implementation (the only module here importing rich);
- :mod:`.start`: opening the audit (:mod:`cx_audit.files.edit`), comments, the summary.
"""
