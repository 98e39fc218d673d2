"""Filters for the application's logs."""

from __future__ import annotations

import logging


class WeigeringZonderTraceback(logging.Filter):
    """A refused request (403, 404 and other 4xx answers) is an ordinary event: one line, no traceback.

    Django's request logger attaches the exception to every ``PermissionDenied`` and ``Http404``, so
    each refusal would print a full traceback, hiding real errors between them. The line keeps the
    method-free message Django writes ("Forbidden (Permission denied): /trajecten/12/team/"): a path
    with object ids, never form data or other personal data. Server errors (5xx) keep their traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
            record.levelno = logging.INFO
            record.levelname = logging.getLevelName(logging.INFO)
        return True
