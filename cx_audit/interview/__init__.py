"""The guided interview behind `cx-audit run`.

- :mod:`.session`: the state (applicability, order, back, skip, go to) and saving;
- :mod:`.flow`: the loop that reads keys and answers through an :class:`.asker.Asker`;
- :mod:`.asker`: the messages shown and the prompts asked, plus a scripted asker;
- :mod:`.terminal`: the rich implementation (the only module here importing rich);
- :mod:`.start`: locking, loading or starting the audit, comments, the summary;
- :mod:`.lock`, :mod:`.comments`: the OS lock, and comments a save would drop;
- :mod:`.bench`: timing one answer, for the benchmark.
"""
