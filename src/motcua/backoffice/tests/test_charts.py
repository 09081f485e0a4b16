"""The monthly chart's layout: bars scaled to a round maximum, the rate as a line."""

from motcua.backoffice.charts import monthly_chart
from motcua.reports.queries import MonthPoint


def point(month: int, received: int = 0, resolved: int = 0, on_time: int = 0) -> MonthPoint:
    return MonthPoint(
        month=month,
        received=received,
        resolved=resolved,
        resolved_on_time=on_time,
        received_online=0,
    )


def test_the_scale_is_a_round_number_with_a_whole_half() -> None:
    # given a busiest month of 37 received dossiers
    points = [point(month) for month in range(1, 13)]
    points[8] = point(9, received=37, resolved=30, on_time=27)
    # when laid out
    chart = monthly_chart(points)
    # then the scale tops at 40, its gridlines read 0, 20, 40
    assert chart.scale_max == 40
    assert [value for _, value in chart.gridlines] == [0, 20, 40]


def test_a_month_without_resolutions_has_no_point_on_the_rate_line() -> None:
    # given one month with resolutions, all on time
    points = [point(month) for month in range(1, 13)]
    points[0] = point(1, received=4, resolved=4, on_time=4)
    # when laid out
    chart = monthly_chart(points)
    # then the line has one point, at the top of the plot (100 %)
    assert len(chart.rate_points.split()) == 1
    assert chart.rate_points.split(",")[1] == f"{chart.plot_bottom - 212:.1f}"


def test_bar_heights_are_proportional() -> None:
    # given a month with 2 received and 1 resolved
    points = [point(1, received=2, resolved=1)]
    # when laid out on a scale of 2
    chart = monthly_chart(points)
    # then the resolved bar is half the received one
    slot = chart.months[0]
    assert slot.resolved.height * 2 == slot.received.height
