"""The operators' live dashboard, served by the sync server at /dashboard.

`routes` (pages, live stream, actions), `live_state` (the event's picture as one dict),
`templates/` (Jinja2) and `static/` (the page's script and style, and Chart.js 4.6.1 from npm's
`chart.js` package, dist/chart.umd.min.js with its MIT licence: a well-kept charting library
with no build step, see docs/dashboard.md).
"""
