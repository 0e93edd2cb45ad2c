"""One line per figure that has a limit: ``target(...)`` prints it beside its limit.

Each benchmark calls it for the figures the performance issues set limits on; `bench/all.py`
collects these lines from every benchmark of its run and prints them again, together, at the end.
"""

MARK = 'target |'


def target(figure: str, value: float, limit: float, unit: str = '', higher_is_better: bool = False) -> None:
    """Print ``figure``'s measured ``value`` beside its ``limit`` (at most, or at least if
    ``higher_is_better``), and whether it holds."""
    held = value >= limit if higher_is_better else value <= limit
    print('%s %-58s %10.3g %-5s limit %s %-8.3g %s' % (
        MARK, figure, value, unit, '>=' if higher_is_better else '<=', limit, 'met' if held else 'MISSED'), flush=True)
