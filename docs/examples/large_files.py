"""Take videos of up to 4 GB and keep them: the server writes each one to disk as it arrives, and
the app moves the file where it belongs, never holding it in memory."""
import shutil
from pathlib import Path

from pywebio import start_server
from pywebio.input import file_upload
from pywebio.output import put_text

LIBRARY = Path('videos')


def main():
    video = file_upload('Your video', accept='video/*', max_size='4G', as_file=True)
    LIBRARY.mkdir(exist_ok=True)
    kept = shutil.move(video['path'], LIBRARY / Path(video['filename']).name)  # not deleted once moved
    put_text('Kept %s (%d bytes).' % (Path(kept).name, video['size']))


if __name__ == '__main__':
    start_server(main, port=8080)
