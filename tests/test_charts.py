"""The shared chart helper gives inline SVG that the page's security policy and screen readers accept."""
import re

from labapp.charts import new_figure, to_svg


def _bar_chart(label="Appointments per person", labels=("Most deprived", "Least deprived")):
    with new_figure(4, 2.5) as fig:
        ax = fig.add_subplot()
        ax.bar(list(labels), [3.1, 4.6])
        ax.plot([0, 1], [3, 4], marker="o")
        return to_svg(fig, label=label)


def test_chart_has_no_inline_styles_and_a_text_alternative():
    svg = str(_bar_chart())
    assert svg.startswith("<svg")
    assert "style=" not in svg and "<style" not in svg
    assert 'role="img"' in svg
    assert 'aria-label="Appointments per person"' in svg
    assert "<title>Appointments per person</title>" in svg
    assert "Most deprived" in svg  # text stays text, so the reader's fonts draw it


def test_user_text_in_a_chart_is_escaped():
    svg = str(_bar_chart(label='<script>alert(1)</script>', labels=("<img src=x onerror=alert(1)>", "$5 & more")))
    assert "<script" not in svg and "<img" not in svg
    assert "&lt;img src=x onerror=alert(1)&gt;" in svg
    assert "$5 &amp; more" in svg  # a dollar sign is not read as mathematics


def test_two_different_charts_on_one_page_do_not_share_ids():
    first, second = str(_bar_chart("One")), str(_bar_chart("Two"))
    ids_first = set(re.findall(r' id="([^"]+)"', first))
    ids_second = set(re.findall(r' id="([^"]+)"', second))
    assert ids_first and not ids_first & ids_second
    for reference in re.findall(r'url\(#([^)]+)\)', first):
        assert reference in ids_first
