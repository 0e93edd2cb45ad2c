// file_upload: the browser checks the limits, then sends the bytes to the upload endpoint in
// chunks over plain HTTP (docs/protocol.md, "Uploading files") before the form is submitted,
// showing progress with a Cancel button. A chunk that fails (the network dropped, a proxy
// answered 502-504) is retried from what the server holds, so an upload survives a dropped
// connection and a validation message does not make the person send the files again.

import type { FileMeta, FileSpec, UploadTarget } from '../protocol';
import type { SessionLink } from '../session';
import { apiUrl } from '../api_url';
import { t } from '../i18n';
import { Field } from './field';

/** Bytes per request: under nginx's default client_max_body_size of 1 MiB (the server takes 960 KiB). */
const CHUNK = 960 * 1024;
/** Requests of one file in flight at once: enough to keep the connection busy between answers. */
const IN_FLIGHT = 5;
/**
 * How far past the bytes the server holds without a gap a chunk may start: the server takes
 * eight chunks (docs/protocol.md); one less, so a chunk never lands past it even when the
 * answers say less than the server has. A slow request holds the others back, never past it.
 */
const WINDOW = 7 * CHUNK;
/** Show the progress bar (and Cancel) from this many bytes: smaller uploads are over at once. */
const SHOW_PROGRESS = 2 * CHUNK;
/** After a failed request: wait this long first, then this long between tries (milliseconds). */
const RETRY_FIRST_MS = 1000;
const RETRY_MS = 2000;
/**
 * A request that has not been answered after this long is given up and retried (milliseconds):
 * a chunk takes seconds on the slowest uplink, and a connection that died silently never answers.
 * A drop the session's own connection notices gives requests up at once.
 */
const REQUEST_TIMEOUT_MS = 60_000;
/** Statuses that a proxy answers for a backend it cannot reach now: worth a retry. */
const RETRIED_STATUSES = new Set([502, 503, 504]);

/** `size` bytes for a person, in the page's language: "1.5 MB" (pywebio/_languages.py's human_size). */
function humanSize(size: number): string {
  for (const [unit, factor] of [['sizeGB', 1024 ** 3], ['sizeMB', 1024 ** 2], ['sizeKB', 1024]] as const) {
    if (size >= factor) return t(unit, { n: Number((size / factor).toFixed(1)) });
  }
  return t('sizeB', { n: size });
}

/** The upload endpoint of this page's API URL: its http(s) address with `pywebio_upload` only. */
export function uploadEndpoint(key: string, api: URL = apiUrl()): string {
  const url = new URL(api.href);
  if (url.protocol === 'ws:') url.protocol = 'http:';
  else if (url.protocol === 'wss:') url.protocol = 'https:';
  url.search = '?pywebio_upload=' + encodeURIComponent(key);
  url.hash = '';
  return url.href;
}

type Answer = { status: number; stored: number; error: string };

/**
 * Endpoints whose POSTs do not reach the API (a 405, or a failure before any POST got through
 * while the session's own connection is up: a preflight the router refused): their API takes
 * uploads over a WebSocket instead. Endpoints where a POST got through stay on HTTP.
 */
const socketEndpoints = new Set<string>();
const httpEndpoints = new Set<string>();
/** Endpoints whose upload socket answered: the socket is what works there. */
const socketWorked = new Set<string>();

/**
 * The upload endpoint over a WebSocket: where POST does not reach the API's handler (an aiohttp
 * app that routes only GET to it, as PyWebIO 1.x's documentation shows). One request at a time:
 * a binary message (a 4-byte length, the JSON of the secret and the description, the bytes), and
 * the server's text answer. The server offers no compression on it: the bytes go as they are.
 */
class UploadSocket {
  private socket: WebSocket | null = null;
  private answer: ((text: string | null) => void) | null = null;

  constructor(private readonly url: string) {}

  private open(): Promise<WebSocket> {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) return Promise.resolve(this.socket);
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.url);
      socket.binaryType = 'arraybuffer';
      socket.onopen = () => {
        this.socket = socket;
        resolve(socket);
      };
      socket.onmessage = (event) => this.answer?.(typeof event.data === 'string' ? event.data : null);
      socket.onclose = () => {
        if (this.socket === socket) this.socket = null;
        this.answer?.(null);
        reject(new TypeError('the upload socket closed'));
      };
    });
  }

  async request(secret: string, header: object, body: Blob | null): Promise<Answer> {
    const socket = await this.open();
    const json = new TextEncoder().encode(JSON.stringify({ secret, chunk: header }));
    const bytes = new Uint8Array(body ? await body.arrayBuffer() : new ArrayBuffer(0));
    const message = new Uint8Array(4 + json.length + bytes.length);
    new DataView(message.buffer).setUint32(0, json.length);
    message.set(json, 4);
    message.set(bytes, 4 + json.length);
    const text = await new Promise<string | null>((resolve) => {
      this.answer = resolve;
      socket.send(message);
    });
    this.answer = null;
    if (text === null) throw new TypeError('the upload socket closed');
    const answer = JSON.parse(text) as { status: number; stored?: number; error?: string };
    return { status: answer.status, stored: answer.stored ?? 0, error: answer.error ?? '' };
  }

  close(): void {
    this.socket?.close();
    this.socket = null;
  }
}

/** Why an upload stopped before its end: a message for the field. */
class UploadStopped extends Error {}

interface ChunkHeader {
  field: string;
  file: number;
  offset: number | null;
  size: number;
  filename: string;
  mime_type: string;
  last_modified: number | null;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** The requests of one upload: one form's (or pin reading's) target, until it ends or is cancelled. */
class Upload {
  readonly endpoint: string;
  readonly abort = new AbortController();
  private socket: UploadSocket | null = null;
  private triedSocket = false;

  /** The request in flight: given up when the person cancels, the connection drops, or it stalls. */
  private inFlight: AbortController | null = null;
  private readonly stopWatching: () => void;

  constructor(private readonly target: UploadTarget, private readonly session: SessionLink) {
    this.endpoint = uploadEndpoint(target.key);
    this.abort.signal.addEventListener('abort', () => this.giveUp());
    // the network dropped: a request in flight may never be answered (a connection that died
    // silently); give it up and go on from what the server holds once it can be reached
    this.stopWatching = session.onDrop(() => this.giveUp());
  }

  private giveUp(): void {
    this.inFlight?.abort();
    this.socket?.close();
    this.socket = null;
  }

  /** One request, over HTTP or, where POST is not routed to the API, its upload socket. */
  private async request(header: ChunkHeader, body: Blob | null): Promise<Answer | null> {
    if (!socketEndpoints.has(this.endpoint)) {
      const inFlight = new AbortController();
      this.inFlight = inFlight;
      const timer = setTimeout(() => inFlight.abort(), REQUEST_TIMEOUT_MS);
      const response = await fetch(this.endpoint, {
        method: 'POST',
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { 'Content-Type': 'application/octet-stream', 'X-PyWebIO-Secret': this.target.secret,
          'X-PyWebIO-Chunk': encodeURIComponent(JSON.stringify(header)) },
        body,
        signal: inFlight.signal,
      }).finally(() => clearTimeout(timer));
      if (RETRIED_STATUSES.has(response.status)) return null;
      if (response.status !== 405) {
        httpEndpoints.add(this.endpoint);
        const answer = await response.json().catch(() => null) as { stored?: number; error?: string } | null;
        if (answer === null) return null; // the answer was cut off: ask again
        return { status: response.status, stored: answer.stored ?? 0, error: answer.error ?? '' };
      }
      socketEndpoints.add(this.endpoint);
    }
    this.socket ??= new UploadSocket(this.socketUrl());
    try {
      const answer = await this.socket.request(this.target.secret, header, body);
      socketWorked.add(this.endpoint);
      return answer;
    } catch (error) {
      // a socket that never answered here (an HTTP-only server, or the network was down):
      // try HTTP again next time, rather than staying on a way that may not exist
      if (!socketWorked.has(this.endpoint)) socketEndpoints.delete(this.endpoint);
      throw error;
    }
  }

  private socketUrl(): string {
    const url = new URL(this.endpoint);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return url.href;
  }

  /** The upload is over: close its socket, if it has one. */
  finish(): void {
    this.stopWatching();
    this.socket?.close();
  }

  /** POST one request; `{status, stored, error}`. Retries what a dropped network or a proxy fails. */
  async send(header: ChunkHeader, body: Blob | null): Promise<Answer> {
    let wait = RETRY_FIRST_MS;
    for (;;) {
      this.checkAborted();
      try {
        const answer = await this.request(header, body);
        if (answer) return answer;
      } catch (error) {
        this.checkAborted();
        // a network failure is a TypeError; a request given up (a drop, a stall) an AbortError
        if (!(error instanceof TypeError || (error instanceof DOMException && error.name === 'AbortError'))) throw error;
        if (!httpEndpoints.has(this.endpoint) && !socketEndpoints.has(this.endpoint) && !this.triedSocket) {
          this.triedSocket = true; // POST never got through here: try the socket at once, once
          socketEndpoints.add(this.endpoint);
          continue;
        }
      }
      if (this.session.closed) throw new UploadStopped(t('uploadStopped'));
      await sleep(wait, this.abort.signal);
      wait = RETRY_MS;
      // the request may have been stored before its answer was lost: ask where to go on from
      if ('offset' in header && header.offset !== null) {
        const where = await this.send({ ...header, offset: null }, null);
        if (where.status === 200) return { status: 409, stored: where.stored, error: '' };
        return where;
      }
    }
  }

  /** Tell the server to let go of what it holds (the person pressed Cancel): once, best effort. */
  cancel(): void {
    if (socketEndpoints.has(this.endpoint)) {
      const socket = new UploadSocket(this.socketUrl());
      void socket.request(this.target.secret, { cancel: true }, null).catch(() => undefined).finally(() => socket.close());
      return;
    }
    void fetch(this.endpoint, {
      method: 'POST', credentials: 'same-origin', cache: 'no-store',
      headers: { 'Content-Type': 'application/octet-stream', 'X-PyWebIO-Secret': this.target.secret,
        'X-PyWebIO-Chunk': encodeURIComponent(JSON.stringify({ cancel: true })) },
    }).catch(() => undefined);
  }

  private checkAborted(): void {
    if (this.abort.signal.aborted) throw new UploadStopped(t('uploadCancelled'));
  }
}

export class FileField extends Field {
  private readonly input: HTMLInputElement;
  private readonly progress: HTMLProgressElement;
  private readonly progressText: HTMLElement;
  private readonly cancelButton: HTMLButtonElement;
  private readonly progressBox: HTMLElement;
  private current: Upload | null = null;
  /** Whether files of this field were sent before for the same target: then ask what is there. */
  private sentTo: string | null = null;

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
    this.progress.className = 'flex-grow-1';
    this.progress.setAttribute('aria-label', t('uploadProgress'));
    this.progressText = document.createElement('span');
    this.progressText.className = 'small text-nowrap';
    this.cancelButton = document.createElement('button');
    this.cancelButton.type = 'button';
    this.cancelButton.className = 'btn btn-sm btn-outline-secondary';
    this.cancelButton.textContent = t('uploadCancel');
    this.cancelButton.addEventListener('click', () => this.current?.abort.abort());
    this.progressBox = document.createElement('div');
    this.progressBox.className = 'pywebio-upload-progress align-items-center gap-2 mt-2';
    this.progressBox.append(this.progress, this.progressText, this.cancelButton);
    this.showBox(false);
    this.element.append(this.label(id), input, this.progressBox);
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

  /**
   * Send the chosen files to the upload endpoint of `target`. True once the server holds every
   * byte; false if the upload stopped (cancelled, refused: the field says why), and then the
   * caller must not submit.
   */
  async upload(target: UploadTarget | undefined, session: SessionLink): Promise<boolean> {
    const files = this.files();
    if (files.length === 0) return true;
    if (!target) return false; // a server that takes no files here: nothing to send them to
    const upload = new Upload(target, session);
    this.current = upload;
    const total = files.reduce((sum, file) => sum + file.size, 0);
    const askFirst = this.sentTo === target.key;
    this.sentTo = target.key;
    this.showProgress(0, total);
    this.showBox(total >= SHOW_PROGRESS);
    this.cancelButton.disabled = false; // the form is busy, but Cancel must work
    let before = 0;
    try {
      for (const [index, file] of files.entries()) {
        const header: ChunkHeader = { field: this.spec.name, file: index, offset: 0, size: file.size,
          filename: file.name, mime_type: file.type, last_modified: file.lastModified / 1000 };
        let offset = 0;
        if (askFirst) {
          const where = await upload.send({ ...header, offset: null }, null);
          if (where.status !== 200) this.stopped(where);
          offset = where.stored;
        }
        await this.sendFile(upload, header, file, offset, (stored) => this.showProgress(before + stored, total));
        before += file.size;
      }
      return true;
    } catch (error) {
      if (!(error instanceof UploadStopped)) throw error;
      if (upload.abort.signal.aborted) {
        upload.cancel();
        this.sentTo = null;
      }
      this.setError(error.message);
      return false;
    } finally {
      upload.finish();
      this.current = null;
      this.showBox(false);
    }
  }

  /**
   * Send `file` from `offset`, keeping up to `IN_FLIGHT` chunks in flight (one request at a time
   * would leave the connection idle for a round trip between chunks); the server takes them in
   * any order within its window. After a 409 (not where the server expected) the requests in
   * flight settle, and the upload goes on from what the server holds; any other answer but 200
   * stops it.
   */
  private async sendFile(upload: Upload, header: ChunkHeader, file: File, offset: number,
    progress: (stored: number) => void): Promise<void> {
    let stored = offset;
    let next = offset;
    let launched = false;
    let refused: Answer | null = null;
    let resumeAt: number | null = null;
    const inFlight = new Set<Promise<void>>();
    const launch = (start: number): void => {
      const request: Promise<void> = upload.send({ ...header, offset: start }, file.slice(start, start + CHUNK))
        .then((answer) => {
          if (answer.status === 200) {
            stored = Math.max(stored, answer.stored);
            progress(stored);
          } else if (answer.status === 409) {
            resumeAt = Math.max(resumeAt ?? 0, answer.stored);
          } else {
            refused ??= answer;
          }
        })
        .finally(() => inFlight.delete(request));
      inFlight.add(request);
    };
    for (;;) {
      while (!refused && resumeAt === null && inFlight.size < IN_FLIGHT && next <= stored + WINDOW
             && (next < file.size || !launched)) {
        launch(next);
        launched = true;
        next = Math.min(file.size, next + CHUNK);
      }
      if (inFlight.size) {
        await Promise.race(inFlight);
        continue;
      }
      if (refused) this.stopped(refused);
      if (stored >= file.size) return;
      next = Math.max(stored, resumeAt ?? 0); // a 409, or every byte sent and a gap left: go on from there
      resumeAt = null;
      launched = false;
    }
  }

  private showBox(shown: boolean): void {
    this.progressBox.hidden = !shown;
    this.progressBox.style.display = shown ? 'flex' : 'none';
  }

  private stopped(answer: { status: number; error: string }): never {
    // 413, 507: the server's own words (the field's limit, no room); anything else: the form is gone
    throw new UploadStopped(answer.error && (answer.status === 413 || answer.status === 507) ? answer.error : t('uploadStopped'));
  }

  private showProgress(done: number, total: number): void {
    const percent = total ? Math.floor((done / total) * 100) : 100;
    const text = t('uploadDone', { done: humanSize(done), total: humanSize(total), percent });
    this.progress.max = Math.max(total, 1);
    this.progress.value = done;
    this.progress.setAttribute('aria-valuetext', text);
    this.progressText.textContent = text;
  }

  reset(): void {
    super.reset();
    this.current?.abort.abort();
    this.showBox(false);
  }
}
