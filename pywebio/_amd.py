"""plotly.js for the chart embeds that ``require(["plotly"], ...)`` it: what plotly 5's
``fig.to_html(include_plotlyjs='require')`` makes for Jupyter's classic notebook, which configured
RequireJS to load plotly.js from a CDN. PyWebIO 1.x did the same on its page.

The page provides ``require`` itself (webiojs/src/amd.ts, loaded when an html output calls it),
and serves ECharts for pyecharts' ``render_notebook()``. plotly.js (4.6 MB) is not shipped with
PyWebIO: the copy of the installed ``plotly`` package travels inside the page instead, once per
session, with the first such embed, before it, as ``include_plotlyjs=True`` would put it. The page
then finds it as ``window.Plotly``. Without the ``plotly`` package the embed is left as it is.
(plotly 6 and later treat ``'require'`` as ``True`` and inline the library themselves.)
"""
import re
import threading

from .session.base import PerSession, Session

_REQUIRES_PLOTLY = re.compile(r'''\brequire(?:js)?\s*\(\s*\[[^\]]*["']plotly["']''')
_INLINED = re.compile(r'<script[^>]*>\s*/\*\*?\s*\*?\s*plotly\.js v')
#: per session: whether plotly.js was sent
_sent = PerSession(lambda: [False])
_lock = threading.Lock()


def with_required_libraries(session: Session, html: str) -> str:
    """``html`` of a ``put_html``, preceded by plotly.js if it requires 'plotly' and the session
    has not received it yet."""
    if 'plotly' not in html or not _REQUIRES_PLOTLY.search(html) or _INLINED.search(html):
        return html
    try:
        from plotly.offline import get_plotlyjs
    except ImportError:
        return html
    sent = _sent(session)
    with _lock:
        if sent[0]:
            return html
        sent[0] = True
    return ("<script>window.PlotlyConfig = {MathJaxConfig: 'local'};</script>\n<script>%s</script>\n%s"
            % (get_plotlyjs(), html))
