"""Chromium reads the close code of a frame above the size limit (1009), not a reset (1006)."""
import pytest
from playwright.sync_api import expect

from pywebio.input import file_upload
from pywebio.output import put_text
from test.ws_servers import SERVERS

SESSION_OVER = 'The session has ended. Reload the page to start a new one.'

# a frame of `size` random characters, which permessage-deflate cannot shrink below the limit
SEND_TOO_BIG = '''([url, size]) => new Promise((resolve) => {
  const socket = new WebSocket(url);
  socket.onmessage = () => {
    const bytes = crypto.getRandomValues(new Uint8Array(65536));
    let text = '';
    for (let i = 0; i < size; i++) text += String.fromCharCode(33 + bytes[i % 65536] % 90 ^ (i >> 16) % 7);
    socket.send(text);
  };
  socket.onclose = (event) => resolve([event.code, event.reason]);
})'''


def upload_task():
    put_text('got %d bytes' % len(file_upload('Photo')['content']))


@pytest.mark.parametrize('platform', ['tornado', 'aiohttp'])  # uvicorn cannot: see docs/protocol.md
def test_chromium_reads_1009_for_a_frame_above_the_limit(platform, page):
    with SERVERS[platform](upload_task, max_payload_size='64K') as server:
        page.goto(server.url + 'io')  # any page of the server's origin
        for size in (200_000, 2_000_000):
            code, reason = page.evaluate(SEND_TOO_BIG, [server.ws_url, size])
            assert (code, reason) == (1009, 'message too big'), size


def test_a_file_larger_than_the_websocket_limit_uploads_beside_it(serve_app, page, tmp_path):
    """Files go to the upload endpoint over HTTP, not in WebSocket frames: a server's
    max_payload_size bounds events only, and a 1 MiB file reaches a server with a 64 KiB one."""
    page.add_init_script('''(() => {
      window.closeCodes = [];
      const Native = window.WebSocket;
      window.WebSocket = class extends Native {
        constructor(...args) { super(...args); this.addEventListener('close', (e) => window.closeCodes.push(e.code)); }
      };
    })()''')
    photo = tmp_path / 'photo.bin'
    photo.write_bytes(bytes(range(256)) * 4096)  # 1 MiB
    page.goto(serve_app(upload_task, max_payload_size='64K').url)
    page.get_by_label('Photo').set_input_files(str(photo))
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('got 1048576 bytes')).to_be_visible()
    expect(page.get_by_role('status')).to_have_text(SESSION_OVER)  # the task ended: a normal close
    assert page.evaluate('window.closeCodes') == [1000]
