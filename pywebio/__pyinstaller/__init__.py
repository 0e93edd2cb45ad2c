"""PyInstaller support: the folder of PyWebIO's hook, registered as the ``pyinstaller40`` entry
point ``hook-dirs`` in setup.py, so that ``pyinstaller app.py`` bundles the frontend by itself."""
import os


def get_hook_dirs() -> list:
    """The folders PyInstaller searches for ``hook-<module>.py`` files (the entry point's target)."""
    return [os.path.dirname(os.path.abspath(__file__))]
