import type { FileOutputSpec } from '../protocol';

/** The bytes of a base64 string (file contents travel so in the protocol). */
export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A download link that saves exactly the sent bytes under the sent name. */
export function renderFile(spec: FileOutputSpec): HTMLElement {
  const link = document.createElement('a');
  link.className = 'pywebio-file';
  link.textContent = spec.label;
  link.download = spec.name;
  const blob = new Blob([decodeBase64(spec.content) as BlobPart], { type: 'application/octet-stream' });
  link.href = URL.createObjectURL(blob);
  return link;
}
