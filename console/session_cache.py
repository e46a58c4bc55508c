"""Values derived from the database that the rest of one transaction may reuse — the working calendar, office
hours and yellow threshold a deadline needs (`DeadlineClock`), the limit of a stage — so an import filing
thousands of cases in one transaction reads them once instead of once a case.

They live in `Session.info`, are dropped whenever the session's transaction (or a savepoint) ends, and at once
by every function that changes what they were read from (`settings.set_setting`, the calendar's year
replacement): within a transaction that changes the calendar, the next deadline reads it again.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

T = TypeVar("T")
_KEY = "gridconsole.session_cache"


def cached(session: Session, key: Hashable, make: Callable[[], T]) -> T:
    """`make()`'s value, read once for the rest of the session's transaction."""
    store: dict[Hashable, Any] = session.info.setdefault(_KEY, {})
    if key not in store:
        store[key] = make()
    return store[key]  # type: ignore[no-any-return]


def forget(session: Session) -> None:
    """Something these values are read from has changed in this transaction: read them again."""
    session.info.pop(_KEY, None)


@event.listens_for(Session, "after_transaction_end")
def _transaction_ended(session: Session, transaction: SessionTransaction) -> None:
    # the transaction itself or a savepoint (whose rollback may undo a change); not the inner ones every
    # flush opens and closes
    if transaction.parent is None or transaction.nested:
        forget(session)
