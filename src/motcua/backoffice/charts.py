"""Charts drawn on the server as SVG: no JavaScript, readable offline, and they print well.

`monthly_chart` lays out a year's months as paired bars (received, resolved) with the on-time
rate as a line on a 0–100% scale; the template draws the shapes and a table repeats the
numbers for screen readers and for print.
"""

from dataclasses import dataclass

from motcua.reports.queries import MonthPoint

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 48, 16, 32


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int


@dataclass(frozen=True)
class MonthSlot:
    month: int
    label_x: float
    received: Bar
    resolved: Bar


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    plot_bottom: float
    plot_left: float
    plot_right: float
    months: list[MonthSlot]
    rate_points: str  # SVG polyline "x,y x,y …" of the months with a rate
    scale_max: int
    gridlines: list[tuple[float, int]]  # (y, value)


def _nice_ceiling(value: int) -> int:
    """The smallest 2, 4 or 10 × 10ⁿ at least `value`: its half is a whole number."""
    step = 1
    while True:
        for factor in (2, 4, 10):
            if value <= factor * step:
                return factor * step
        step *= 10


def monthly_chart(points: list[MonthPoint]) -> Chart:
    plot_height = HEIGHT - TOP - BOTTOM
    plot_width = WIDTH - LEFT - RIGHT
    scale = _nice_ceiling(max([p.received for p in points] + [p.resolved for p in points] + [1]))
    slot = plot_width / max(len(points), 1)
    bar = slot * 0.35
    bottom = TOP + plot_height

    def bar_at(x: float, value: int) -> Bar:
        height = plot_height * value / scale
        return Bar(
            x=round(x, 1),
            y=round(bottom - height, 1),
            width=round(bar, 1),
            height=round(height, 1),
            value=value,
        )

    months, rate = [], []
    for index, point in enumerate(points):
        start = LEFT + index * slot + slot * 0.15
        months.append(
            MonthSlot(
                month=point.month,
                label_x=round(LEFT + index * slot + slot / 2, 1),
                received=bar_at(start, point.received),
                resolved=bar_at(start + bar, point.resolved),
            )
        )
        if point.on_time_rate is not None:
            x = LEFT + index * slot + slot / 2
            rate.append(f"{x:.1f},{bottom - plot_height * point.on_time_rate:.1f}")
    gridlines = [
        (round(bottom - plot_height * share, 1), int(scale * share)) for share in (0, 0.5, 1)
    ]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        plot_bottom=bottom,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        months=months,
        rate_points=" ".join(rate),
        scale_max=scale,
        gridlines=gridlines,
    )
