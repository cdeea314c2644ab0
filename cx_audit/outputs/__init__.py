"""The text outputs: the table, JSON, Markdown and JUnit of a result, a trend, an action list
and a metric. :mod:`.formats` is the registry every `--format` goes through."""
