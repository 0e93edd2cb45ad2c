import DOMPurify from 'dompurify';
import { marked } from 'marked';
import type { MarkdownOutputSpec } from '../protocol';
import { highlightLater } from './code';
import { SANITIZED_CLASS, SANITIZE_OPTIONS } from './sanitize';

/** GitHub-flavoured Markdown, cleaned by DOMPurify unless the developer turned that off. */
export function renderMarkdown(spec: MarkdownOutputSpec): HTMLElement {
  const node = document.createElement('div');
  node.className = 'pywebio-markdown';
  const html = marked.parse(spec.content, { async: false, gfm: true });
  if (spec.sanitize) {
    node.classList.add(SANITIZED_CLASS);
    node.appendChild(DOMPurify.sanitize(html, SANITIZE_OPTIONS));
  }
  else node.innerHTML = html;
  for (const code of node.querySelectorAll<HTMLElement>('pre > code[class^="language-"]')) {
    highlightLater(code, code.className.slice('language-'.length));
  }
  return node;
}
