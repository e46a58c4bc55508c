"""A load cut into chunks of `CHUNK` cases that any process can make on its own and get the same cases:
each chunk has its own random stream, each day its own report times, and case numbers follow from the
index of the case in the load."""

from __future__ import annotations

import random
from bisect import bisect
from collections import Counter
from datetime import datetime, timedelta
from itertools import accumulate
from typing import Any

from console.demo.casemaker import CaseMaker, Clock
from console.demo.township import Reference
from console.domain import CaseStatus

CHUNK = 10_000  # cases per batch handed to the writer

# every status, in the order the last cases of a load are forced into missing ones
_MIX_STATUSES = tuple(s.value for s in CaseStatus)
_HOUR_WEIGHTS = (1, 1, 1, 1, 1, 2, 4, 8, 14, 16, 16, 14, 8, 8, 14, 16, 16, 14, 10, 8, 6, 4, 2, 1)


class Job:
    """Everything a loader needs to make any chunk of the load, in any process (picklable)."""

    def __init__(
        self,
        ref: Reference,
        n: int,
        seed: int,
        start: datetime,
        end: datetime,
        sqlite: bool,
        case_base: int,
        counters: dict[int, int],
    ) -> None:
        self.ref, self.n, self.seed, self.sqlite, self.case_base = ref, n, seed, sqlite, case_base
        self.counters = dict(counters)
        self.chunk = CHUNK  # travels with the job: loader processes see the caller's chunk size
        self.t0 = datetime.combine(start.date() - timedelta(days=1), datetime.min.time())
        self.table_days = (end - self.t0).days + 120  # due dates beyond are clamped to the table's end
        self.start_m = int((start - self.t0).total_seconds() // 60)
        self.end_m = int((end - self.t0).total_seconds() // 60)
        # cases per day: fewer at weekends; a fixed share, so any chunk can find its days without the others
        self.day0, day_last = self.start_m // 1440, self.end_m // 1440
        weekday = self.t0.weekday()
        weights = [0.6 if (weekday + d) % 7 in (5, 6) else 1.0 for d in range(self.day0, day_last + 1)]
        cum = list(accumulate(weights))
        self.day_first = [0]  # index in the load of each day's first case (and n at the end)
        for c in cum:
            self.day_first.append(round(c / cum[-1] * n))
        # numbering: case i of year y gets seq = last before + (i - first index of y) + 1
        self.numbering: list[tuple[int, int, int]] = []  # (first index, year, seq of that index)
        seqs = dict(counters)
        for j in range(len(weights)):
            year = (self.t0 + timedelta(days=self.day0 + j)).year
            if not self.numbering or self.numbering[-1][1] != year:
                self.numbering.append((self.day_first[j], year, seqs.get(year, 0) + 1))
        self.last_seq = dict(counters)
        for k, (first, year, seq) in enumerate(self.numbering):
            upto = self.numbering[k + 1][0] if k + 1 < len(self.numbering) else n
            if upto > first:
                self.last_seq[year] = seq + upto - first - 1

    @property
    def chunks(self) -> int:
        return -(-self.n // self.chunk)


class ChunkMaker:
    """Makes chunk k (cases k·CHUNK …) the same way in any process: its own random stream per chunk and
    per day, so a load split across processes gives the same cases as one made in a single process."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.clk = Clock(job.t0, job.table_days, job.sqlite)
        self.maker = CaseMaker(job.ref, random.Random(0), self.clk, job.end_m)
        self.minute_cum = list(accumulate(_HOUR_WEIGHTS[m // 60] for m in range(1440)))

    def _day(self, j: int) -> list[int]:
        """Report minutes of the j-th day of the load, in order: fewer at night."""
        job = self.job
        k = job.day_first[j + 1] - job.day_first[j]
        d = job.day0 + j
        lo = max(job.start_m - d * 1440, 0)
        hi = min(job.end_m - d * 1440, 1439)
        cw = self.minute_cum[: hi + 1]
        base = cw[lo - 1] if lo > 0 else 0
        rnd = random.Random(f"{job.seed}:day:{d}").random
        span = cw[-1] - base
        return [
            d * 1440 + min(max(m, lo), hi) for m in sorted(bisect(cw, base + rnd() * span) for _ in range(k))
        ]

    def make(self, k: int, hid: int) -> tuple[list[Any], list[Any], list[tuple[int, int]], Counter[str]]:
        job, maker = self.job, self.maker
        lo, hi = k * job.chunk, min(job.n, (k + 1) * job.chunk)
        maker.rng = random.Random(f"{job.seed}:chunk:{k}")
        maker.last_by_cat, maker.last_any = {}, None
        day_first = job.day_first
        j = bisect(day_first, lo) - 1
        minutes = self._day(j)
        nb = bisect([f for f, _, _ in job.numbering], lo) - 1
        statuses: Counter[str] = Counter()
        cases: list[Any] = []
        hist: list[Any] = []
        codepts: list[tuple[int, int]] = []
        final = k == job.chunks - 1
        township_id = job.ref.township_id
        for i in range(lo, hi):
            while i >= day_first[j + 1]:
                j += 1
                minutes = self._day(j)
            while nb + 1 < len(job.numbering) and i >= job.numbering[nb + 1][0]:
                nb += 1
            first, year, seq0 = job.numbering[nb]
            seq = seq0 + i - first
            force = None
            if final and hi - i <= len(_MIX_STATUSES):  # the last few cases make sure every status appears
                missing = [s for s in _MIX_STATUSES if not statuses[s]]
                if missing and hi - i <= len(missing):
                    force = missing[0]
            row, status = maker.make(
                job.case_base + i,
                minutes[i - day_first[j]],
                f"{year}-{seq:06d}",
                year,
                seq,
                township_id,
                hist,
                hid,
                codepts,
                force,
            )
            statuses[status] += 1
            hid += row[-1]
            cases.append(row)
        return cases, hist, codepts, statuses
