"""The one exception the library raises for a bad input, caught per input by the CLI."""

from __future__ import annotations


class InputError(Exception):
    """An input that cannot become an article: ``InputError("a.txt", "file is empty")``."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Errors cross process boundaries (the worker pool), so they must pickle
        # with both fields rather than the one formatted message.
        return (InputError, (self.source, self.reason))
