"""Turning Python values into the fields of specs: URLs, images, files, sizes. Private.

Each helper checks its value and raises ``TypeError``/``ValueError`` with a message that names
the public function, so that `pywebio.output` reads as a list of specs.
"""
import base64
import io
import os
import re
import sys
from typing import Any, Optional, Union

BytesLike = Union[bytes, bytearray, memoryview]

# What the WHATWG URL parser ignores before reading a scheme: leading and trailing C0 controls
# and spaces, and tabs and newlines anywhere. "java\tscript:" is a javascript: URL to a browser.
_URL_IGNORED = re.compile(r'[\t\n\r]')
_SCHEME = re.compile(r'([a-zA-Z][a-zA-Z0-9+.\-]*):')

#: Schemes a link may not use: they run code or show content the developer did not mean.
UNSAFE_LINK_SCHEMES = frozenset({'javascript', 'vbscript', 'data'})


def url_scheme(url: str) -> str:
    """The scheme of ``url`` as a browser reads it, lower case; ``''`` for a relative URL."""
    cleaned = _URL_IGNORED.sub('', url).strip(''.join(chr(c) for c in range(0x21)))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else ''


def check_link_url(function: str, url: Any) -> str:
    if not isinstance(url, str):
        raise TypeError('%s(): url must be a string, got %r' % (function, url))
    scheme = url_scheme(url)
    if scheme in UNSAFE_LINK_SCHEMES:
        raise ValueError('%s(): %s: URLs are not allowed in links (they run code in the page); use '
                         'an http(s) URL, a relative URL, or put_buttons() for an action' % (function, scheme))
    return url


def check_text(function: str, argument: str, value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError('%s(): %s must be a string, got %r' % (function, argument, value))
    return value


def check_bytes(function: str, argument: str, value: Any) -> bytes:
    if isinstance(value, str):
        raise TypeError('%s(): %s must be bytes, got a str; encode it first, e.g. %s.encode("utf-8")'
                        % (function, argument, argument))
    if not isinstance(value, (bytes, bytearray, memoryview)):
        raise TypeError('%s(): %s must be bytes, got %r' % (function, argument, type(value).__name__))
    return bytes(value)


def base64_text(data: bytes) -> str:
    return base64.b64encode(data).decode('ascii')


def css_length(function: str, argument: str, value: Any) -> Optional[str]:
    """``None``, a number of pixels, or a CSS length string such as ``'50%'``."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < 0:
            raise ValueError('%s(): %s must not be negative, got %r' % (function, argument, value))
        return '%gpx' % value
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise TypeError("%s(): %s must be a number of pixels or a CSS length such as '50%%' or '10em', "
                    'got %r' % (function, argument, value))


# -- images ------------------------------------------------------------------------------------

_IMAGE_TYPES = {
    'png': 'image/png', 'jpg': 'image/jpeg', 'jpeg': 'image/jpeg', 'gif': 'image/gif',
    'webp': 'image/webp', 'bmp': 'image/bmp', 'ico': 'image/x-icon', 'svg': 'image/svg+xml',
    'avif': 'image/avif', 'tif': 'image/tiff', 'tiff': 'image/tiff',
}


def _sniff_image_type(data: bytes) -> Optional[str]:
    if data.startswith(b'\x89PNG\r\n\x1a\n'):
        return 'image/png'
    if data.startswith(b'\xff\xd8\xff'):
        return 'image/jpeg'
    if data[:6] in (b'GIF87a', b'GIF89a'):
        return 'image/gif'
    if data[:4] == b'RIFF' and data[8:12] == b'WEBP':
        return 'image/webp'
    if data[4:12] in (b'ftypavif', b'ftypavis'):
        return 'image/avif'
    if data.startswith(b'BM'):
        return 'image/bmp'
    if data.startswith(b'\x00\x00\x01\x00'):
        return 'image/x-icon'
    head = data[:512].lstrip().lower()
    if head.startswith(b'<svg') or (head.startswith(b'<?xml') and b'<svg' in head):
        return 'image/svg+xml'
    return None


def _image_type(function: str, image_format: Optional[str], data: Optional[bytes]) -> str:
    if image_format is not None:
        if not isinstance(image_format, str) or not image_format:
            raise TypeError("%s(): format must be a string such as 'png', got %r" % (function, image_format))
        name = image_format.lower().lstrip('.')
        if '/' in name:
            return name
        if name not in _IMAGE_TYPES:
            raise ValueError('%s(): unknown image format %r; use one of %s, or a MIME type such as '
                             "'image/png'" % (function, image_format, ', '.join(sorted(_IMAGE_TYPES))))
        return _IMAGE_TYPES[name]
    mime = _sniff_image_type(data or b'')
    if mime is None:
        raise ValueError("%s(): could not tell the format of the image bytes; pass format='png' "
                         "(or 'jpeg', 'gif', 'webp', 'svg'...)" % function)
    return mime


def _pil_image_class() -> Any:
    """Pillow's ``Image`` class if Pillow was imported; an image can only exist if it was."""
    module = sys.modules.get('PIL.Image')
    return getattr(module, 'Image', None)


def _matplotlib_figure_class() -> Any:
    """matplotlib's ``Figure`` class if matplotlib was imported; a figure can only exist if it was."""
    module = sys.modules.get('matplotlib.figure')
    return getattr(module, 'Figure', None)


def image_src(function: str, src: Any, image_format: Optional[str]) -> str:
    """The ``src`` field of an image spec: a URL, or a ``data:`` URL of the image's bytes."""
    if isinstance(src, str):
        scheme = url_scheme(src)
        if scheme in ('javascript', 'vbscript') or (scheme == 'data' and not src.strip().lower().startswith('data:image/')):
            raise ValueError('%s(): %r is not an image URL; pass an http(s) or relative URL, a '
                             'data:image/... URL, or the image bytes' % (function, src[:40]))
        return src
    pil_image = _pil_image_class()
    if pil_image is not None and isinstance(src, pil_image):
        name = (image_format or src.format or 'png').lower().lstrip('.')
        buffer = io.BytesIO()
        src.save(buffer, format='JPEG' if name == 'jpg' else name.upper())
        return 'data:%s;base64,%s' % (_image_type(function, name, None), base64_text(buffer.getvalue()))
    figure = _matplotlib_figure_class()
    if figure is not None and isinstance(src, figure):
        name = (image_format or 'png').lower().lstrip('.')
        mime = _image_type(function, name, None)
        buffer = io.BytesIO()
        src.savefig(buffer, format=name)  # its own size and dpi: figsize * dpi pixels
        return 'data:%s;base64,%s' % (mime, base64_text(buffer.getvalue()))
    if isinstance(src, (bytes, bytearray, memoryview)):
        data = bytes(src)
        return 'data:%s;base64,%s' % (_image_type(function, image_format, data), base64_text(data))
    raise TypeError('%s(): src must be image bytes, a PIL image, a matplotlib figure, or a URL string, got %r'
                    % (function, type(src).__name__))


# -- markdown ----------------------------------------------------------------------------------

def dedent_markdown(content: str, strip_indent: int, lstrip: Union[bool, str]) -> str:
    """Apply `put_markdown`'s ``strip_indent`` and ``lstrip`` to every line of ``content``.

    ``lstrip`` is True (remove all leading whitespace), False, or ``'common'`` (as PyWebIO 1.x
    does: the first line stays as written, since it follows the opening quotes of a string
    literal, and the others lose the whitespace that every non-blank one of them starts with).
    """
    lines = content.split('\n')
    if strip_indent:
        prefix = ' ' * strip_indent
        lines = [line[strip_indent:] if line.startswith(prefix) else line for line in lines]
    if lstrip == 'common':
        rest = lines[1:]
        indents = [line[:len(line) - len(line.lstrip())] for line in rest if line.strip()]
        common = len(os.path.commonprefix(indents)) if indents else 0
        lines = lines[:1] + [line[common:] if line.strip() else line.lstrip() for line in rest]
    elif lstrip:
        lines = [line.lstrip() for line in lines]
    return '\n'.join(lines)


# -- sizes -------------------------------------------------------------------------------------

_size_units = {'': 1, 'B': 1, 'K': 1024, 'M': 1024 ** 2, 'G': 1024 ** 3}


def parse_size(size: Union[int, str]) -> int:
    """``'16M'`` → 16777216; ``'512K'``, ``'1G'`` and plain ints work too."""
    if isinstance(size, int) and not isinstance(size, bool) and size >= 0:
        return size
    if isinstance(size, str):
        text = size.strip().upper()
        unit = text[-1:] if text[-1:].isalpha() else ''
        number = text[:-1] if unit else text
        if unit in _size_units and number.replace('.', '', 1).isdigit():
            return int(float(number) * _size_units[unit])
    raise ValueError('a size must be a non-negative int of bytes or a string like "512K", '
                     '"16M" or "1G", got %r' % (size,))
