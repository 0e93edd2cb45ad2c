# PyInstaller hook for pywebio, found through the ``pyinstaller40`` ``hook-dirs`` entry point: bundle
# the frontend (pywebio/html), which pywebio serves from STATIC_PATH beside its modules.
from pywebio.utils import pyinstaller_datas

datas = pyinstaller_datas()
