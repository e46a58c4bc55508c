"""The case queue (案件队列): filtering, ordering, keyset paging, the counts behind badges and the dashboard.

The Qt table model and `gridconsole queue` both read through here. Every page is one indexed query:

- Pages use keysets (`Cursor` = the sort values and id of the last row), never OFFSET, so page 5,000 costs
  what page 1 costs. `fetch_page_at` is the one exception (a scrollbar dragged deep into the table).
- An ordering that no single index yields (several statuses sorted by deadline, severity rank; by deadline,
  running clocks first, then paused ones, then none) is split into *segments* — one per status, per
  severity, per deadline rank —
  each an ordered range scan on a composite index that stops after `limit` rows; the segments are merged by
  one outer `ORDER BY … LIMIT` over at most `segments × limit` rows, in the same statement.
- Names (category, grid, lead department) come from correlated scalar subqueries evaluated only for the rows
  returned, so no join order can make the planner walk a small table first.

Time is always passed in (`now`), defaulting to `console.clock.now()`, so a page and its traffic lights agree.

The package, by what each module holds:

- `filters`: what the queue can be narrowed and sorted by (`QueueFilter`, `SortKey`, quick filters, status sets);
- `rows`: what it hands back (`QueueRow`, `Cursor`, `Page`, `GridCount`, `DashboardCounts`) and `light_of`;
- `sql`: the SQL-text builder and the WHERE text of a filter, free-text search included;
- `case_counts`: whether the maintained `case_counts` table answers for a connection, and `rebuild_counts`;
- `counts`: `count`, `status_counts`, `grid_counts`, `dashboard_counts`;
- `pages`: `fetch_page`, `fetch_page_at`, `fetch_rows`, and the segments behind them.

Callers import from `console.queue`; the names below are what they use.
"""

from __future__ import annotations

# The `X as X` names are outside `__all__`, as they were before the split: the CLI, the benchmark and the
# tests read them as attributes (`queue.WORKING_STATUSES`, `q.TrafficLight`, `queue.counts_usable`).
from console.domain import PAUSED_STATUSES as PAUSED_STATUSES
from console.domain import TrafficLight as TrafficLight
from console.grid_codes import subtree_prefix
from console.models.counts import OPEN_PREDICATE as OPEN_PREDICATE
from console.queue.case_counts import counts_usable as counts_usable
from console.queue.case_counts import rebuild_counts
from console.queue.counts import count, dashboard_counts, grid_counts, status_counts
from console.queue.filters import CLOCKED_STATUSES as CLOCKED_STATUSES
from console.queue.filters import QUICK_FILTERS, QueueFilter, SortKey, quick_filter
from console.queue.filters import WORKING_STATUSES as WORKING_STATUSES
from console.queue.pages import fetch_page, fetch_page_at, fetch_rows
from console.queue.rows import Cursor, DashboardCounts, GridCount, Page, QueueRow, light_of
from console.queue.sql import SEARCH_EXPR

__all__ = [
    "QUICK_FILTERS",
    "SEARCH_EXPR",
    "Cursor",
    "DashboardCounts",
    "GridCount",
    "Page",
    "QueueFilter",
    "QueueRow",
    "SortKey",
    "count",
    "dashboard_counts",
    "fetch_page",
    "fetch_page_at",
    "fetch_rows",
    "grid_counts",
    "light_of",
    "quick_filter",
    "rebuild_counts",
    "status_counts",
    "subtree_prefix",
]
