# where the demos are deployed (v0.3.0's demos/config.py)
demo_host = 'http://pywebio-demos.wangweimin.site'

# where https://github.com/wang0618/pywebio-chart-gallery is deployed
charts_demo_host = 'http://pywebio-charts.wangweimin.site'
