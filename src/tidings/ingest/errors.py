"""The one exception type of the ingest stage."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input, with a one-line message that says what is wrong and what to do.

    ``source`` names the file (or stream) the problem is in and ``line`` the 1-based
    line of a JSONL file, and ``article_id`` the "id" of a bad JSONL record, when
    known, so a caller can write an error record.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        article_id: str | None = None,
    ) -> None:
        one_line = " ".join(str(message).split())
        super().__init__(one_line)
        self.message = one_line
        self.source = source
        self.line = line
        self.article_id = article_id

    def __str__(self) -> str:
        return self.message

    def prefixed(self, prefix: str) -> InputError:
        """A copy of this error whose message starts with ``prefix``."""
        return InputError(
            f"{prefix}{self.message}",
            source=self.source,
            line=self.line,
            article_id=self.article_id,
        )
