// file_upload: the browser checks the limits, then streams the bytes in binary frames
// (file_chunk, docs/protocol.md) before the form is submitted, showing progress.

import type { FileMeta, FileSpec } from '../protocol';
import type { SessionLink } from '../session';
import { t } from '../i18n';
import { Field } from './field';

const CHUNK = 512 * 1024;
/** Keep at most this much waiting in the socket, so a large file is never all in memory. */
const HIGH_WATER = 4 * 1024 * 1024;

/** `size` bytes for a person, in the page's language: "1.5 MB" (pywebio/_languages.py's human_size). */
function humanSize(size: number): string {
  for (const [unit, factor] of [['sizeGB', 1024 ** 3], ['sizeMB', 1024 ** 2], ['sizeKB', 1024]] as const) {
    if (size >= factor) return t(unit, { n: Number((size / factor).toFixed(1)) });
  }
  return t('sizeB', { n: size });
}

function chunkFrame(header: object, bytes: ArrayBuffer): ArrayBuffer {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const frame = new Uint8Array(4 + json.length + bytes.byteLength);
  new DataView(frame.buffer).setUint32(0, json.length);
  frame.set(json, 4);
  frame.set(new Uint8Array(bytes), 4 + json.length);
  return frame.buffer;
}

const drained = (session: SessionLink): Promise<void> =>
  new Promise((resolve) => {
    const poll = (): void => (session.bufferedAmount < HIGH_WATER || session.closed ? resolve() : void setTimeout(poll, 10));
    poll();
  });

export class FileField extends Field {
  private readonly input: HTMLInputElement;
  private readonly progress: HTMLProgressElement;

  constructor(readonly spec: FileSpec, id: string) {
    super(spec, id);
    const input = document.createElement('input');
    input.type = 'file';
    input.id = id;
    input.name = spec.name;
    input.className = 'form-control';
    if (spec.accept) input.accept = spec.accept;
    input.multiple = spec.multiple;
    if (spec.required) input.required = true;
    if (spec.placeholder) input.title = spec.placeholder;
    this.input = input;
    this.progress = document.createElement('progress');
    this.progress.className = 'w-100 mt-2';
    this.progress.setAttribute('aria-label', t('uploadProgress'));
    this.progress.hidden = true;
    this.element.append(this.label(id), input, this.progress);
    this.finish();
    input.addEventListener('change', () => this.setError(null));
  }

  protected controls(): HTMLElement[] {
    return [this.input];
  }

  private files(): File[] {
    return Array.from(this.input.files ?? []);
  }

  value(): FileMeta[] {
    return this.files().map((file) => ({ filename: file.name, mime_type: file.type, size: file.size,
      last_modified: file.lastModified / 1000 }));
  }

  check(): string | null {
    const files = this.files();
    if (files.length === 0) return this.spec.required ? t('required') : null;
    const { max_size: maxSize, max_total_size: maxTotal } = this.spec;
    const large = files.find((file) => maxSize && file.size > maxSize);
    if (large) return t('fileTooLarge', { name: large.name, size: humanSize(maxSize) });
    const total = files.reduce((sum, file) => sum + file.size, 0);
    if (maxTotal && total > maxTotal) return t('filesTooLarge', { size: humanSize(maxTotal) });
    return null;
  }

  /** Stream the chosen files to the server; resolves once they are handed to the socket. */
  async upload(taskId: string, session: SessionLink): Promise<void> {
    const files = this.files();
    const total = files.reduce((sum, file) => sum + file.size, 0);
    if (total === 0 && files.length === 0) return;
    const startBuffered = session.bufferedAmount;
    this.progress.max = Math.max(total, 1);
    this.progress.value = 0;
    this.progress.hidden = total < CHUNK * 4; // progress only where it helps
    let queued = 0;
    for (const [index, file] of files.entries()) {
      for (let offset = 0; offset < file.size || offset === 0; offset += CHUNK) {
        const bytes = await file.slice(offset, offset + CHUNK).arrayBuffer();
        const header = { event: 'file_chunk', task_id: taskId,
          data: { name: this.spec.name, file: index, offset, filename: file.name } };
        session.sendBinary(chunkFrame(header, bytes));
        queued += bytes.byteLength;
        await drained(session);
        this.progress.value = Math.max(0, queued - Math.max(0, session.bufferedAmount - startBuffered));
        if (file.size === 0) break;
      }
    }
    this.progress.value = total;
  }

  reset(): void {
    super.reset();
    this.progress.hidden = true;
  }
}
