// pywebio.session.download(): save the sent bytes as a file at once, without a click.

import type { DownloadSpec } from './protocol';
import { decodeBase64 } from './outputs/file';

export function saveDownload(spec: DownloadSpec): void {
  const blob = new Blob([decodeBase64(spec.content) as BlobPart], { type: 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = spec.name;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // the browser has started reading the Blob by now; keep the URL a while for slow starts
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
