#!/usr/bin/env python3
"""Lays the slowest freshness samples beside the apps' stop-the-world pauses.

Usage: gc-overlap.py <freshness report> <gc log>...

The report's "slowest" lines list samples as "<ms> <start, ISO UTC>"; each GC log must be written with UTC
decorations (-Xlog:gc:file=<name>-%p.log:utctime). A pause is logged when it ends, so it covers
[logged time - duration, logged time]. For every slow sample this prints the pauses that overlap its window
[start, start + latency], with the JVM (log file) each belongs to, and at the end how many slow samples had one.
"""
import re
import sys
from datetime import datetime, timedelta

SAMPLE = re.compile(r"(\d+\.\d+) (\d{4}-\d\d-\d\dT[\d:.]+Z)")
CHANCE_WINDOW_MS = 15  # about a median sample at 1,000 rows/s
PAUSE = re.compile(r"^\[(\d{4}-\d\d-\d\dT[\d:.]+)\+0000\].*Pause.* (\d+\.\d+)ms$")


def parse_time(text):
    text = text.rstrip("Z")
    if "." in text:
        whole, fraction = text.split(".")
        text = whole + "." + (fraction + "000000")[:6]
    return datetime.fromisoformat(text)


def pauses(log):
    found = []
    with open(log) as lines:
        for line in lines:
            match = PAUSE.match(line.strip())
            if match:
                end = parse_time(match.group(1))
                millis = float(match.group(2))
                found.append((end - timedelta(milliseconds=millis), end, millis))
    return found


def main(report, logs):
    by_log = {log: pauses(log) for log in logs}
    slow = []
    with open(report) as lines:
        for line in lines:
            if "slowest" in line:
                slow += [(float(ms), parse_time(at)) for ms, at in SAMPLE.findall(line)]
    overlapped = 0
    for millis, start in slow:
        end = start + timedelta(milliseconds=millis)
        hits = [(log, p_start, p_millis) for log, found in by_log.items()
                for p_start, p_end, p_millis in found if p_start < end and p_end > start]
        overlapped += 1 if hits else 0
        described = ", ".join(f"{log.split('/')[-1]} {p_millis:.1f} ms at +{(p_start - start).total_seconds() * 1000:.0f} ms"
                              for log, p_start, p_millis in hits) or "no pause"
        print(f"{millis:7.1f} ms from {start.time()}: {described}")
    print(f"{overlapped} of {len(slow)} slow samples overlap a pause")
    if slow:
        first = min(start for _, start in slow)
        last = max(start for _, start in slow)
        window = timedelta(milliseconds=CHANCE_WINDOW_MS)
        covered = sum((min(p_end, last) - max(p_start - window, first)).total_seconds()
                      for found in by_log.values() for p_start, p_end, _ in found
                      if p_end > first and p_start - window < last)
        span = (last - first).total_seconds()
        print(f"by chance (between the first and the last slow sample): a {CHANCE_WINDOW_MS} ms window overlaps a pause "
              f"{100 * covered / span:.0f} % of the time")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
