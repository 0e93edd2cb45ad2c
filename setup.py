import os

from setuptools import find_packages, setup

here = os.path.dirname(os.path.abspath(__file__))
about = {}
with open(os.path.join(here, 'pywebio', '__init__.py'), encoding='utf8') as f:
    for line in f:
        if line.startswith('__version__'):
            exec(line, about)

with open(os.path.join(here, 'README.md'), encoding='utf8') as f:
    long_description = f.read()

setup(
    name='pywebio',
    version=about['__version__'],
    description='Write interactive web apps in script style: input() waits for the browser, put_*() shows output.',
    long_description=long_description,
    long_description_content_type='text/markdown',
    license='MIT',
    python_requires='>=3.8',
    packages=find_packages(include=['pywebio', 'pywebio.*']),
    package_data={'pywebio': ['html/*', 'html/**/*', 'html/image/*'],  # image/: 1.x's STATIC_PATH + '/image'
                  'pywebio.__pyinstaller': ['hook-*.py']},
    include_package_data=True,
    # Tornado: pywebio/platform/tornado_deflate.py overrides private Tornado code, which is the same
    # from 6.0 on; 6.1 is the first that runs on Windows' default event loop. CI tests both ends.
    install_requires=['tornado>=6.1,<7', 'user-agents>=2.2'],
    # `pyinstaller app.py` bundles the frontend through PyWebIO's hook (pywebio/__pyinstaller)
    entry_points={'pyinstaller40': ['hook-dirs = pywebio.__pyinstaller:get_hook_dirs']},
    extras_require={
        'flask': ['flask>=2.0'],
        'django': ['django>=3.2'],
        'aiohttp': ['aiohttp>=3.8'],
        'fastapi': ['fastapi>=0.100', 'uvicorn>=0.20', 'websockets>=10'],
        # the test suite covers every integration and put_image's optional Pillow support
        # PyInstaller: test_a_packaged_app_finds_its_frontend builds a demo app; the chart
        # libraries: showing charts with the real libraries (docs/charts.md); IPython and Sphinx:
        # their introspection must never start script mode (test/unit/test_introspection.py).
        # pytest-xdist: the suite runs in two processes (test/run.sh). test/requirements.lock pins
        # all of it (docs/testing.md).
        'test': ['pytest>=7', 'pytest-xdist>=3', 'playwright>=1.40', 'pillow', 'flask>=2.0', 'django>=3.2',
                 'aiohttp>=3.8',
                 'fastapi>=0.100', 'uvicorn>=0.20', 'websockets>=10', 'httpx', 'pyinstaller>=5',
                 'plotly>=5', 'pyecharts>=2', 'bokeh>=3', 'cutecharts>=1.2', 'matplotlib>=3.5', 'ipython',
                 'sphinx>=7',
                 # pandas: the Bokeh applications of upstream's programs, redone in test/compat, use DataFrames
                 'pandas',
                 # PyWebIO's own add-on package, unchanged, must run on this library: its half-internal
                 # 1.x names (pywebio.io_ctrl, pin outputs' spec...) are tested through it
                 # (test/browser/test_battery.py, docs/compat.md)
                 'pywebio_battery==0.7.0',
                 # pywebio.shared's Redis store, tested against Debian's redis-server (test/run.sh)
                 'redis>=4.2'],
        # pywebio.shared across processes and machines (start_server(redis_url=...), docs/shared.md)
        'redis': ['redis>=4.2'],
        # the chart libraries docs/charts.md shows; PyWebIO needs none of them
        'charts': ['plotly>=5', 'pyecharts>=2', 'bokeh>=3', 'cutecharts>=1.2', 'matplotlib>=3.5'],
        'image': ['pillow'],
        'docs': ['sphinx>=7', 'myst-parser>=2'],
    },
    classifiers=[
        'Programming Language :: Python :: 3',
        'Framework :: Tornado',
        'Intended Audience :: Developers',
        'Topic :: Internet :: WWW/HTTP :: WSGI :: Application',
    ],
)
