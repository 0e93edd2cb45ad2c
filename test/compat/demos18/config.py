"""Where the demos are deployed, as upstream's demos/config.py says it (read by index.py).

Not an app: it has no ``main``, so `path_deploy` neither runs nor lists it."""

# the deployment address of the demos folder
demo_host = 'http://pywebio-demos.pywebio.online'

# the deployment address of the chart gallery
charts_demo_host = 'http://pywebio-charts.pywebio.online'
