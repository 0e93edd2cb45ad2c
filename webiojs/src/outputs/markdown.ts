import DOMPurify from 'dompurify';
import { marked } from 'marked';
import type { MarkdownOutputSpec } from '../protocol';
import { highlightLater } from './code';
import { mathMarked, typesetMath } from './markdown_math';
import { SANITIZED_CLASS, SANITIZE_OPTIONS } from './sanitize';

/** GitHub-flavoured Markdown, cleaned by DOMPurify unless the developer turned that off; with
 * `math`, TeX between dollars is typeset once cleaned (./markdown_math). */
export function renderMarkdown(spec: MarkdownOutputSpec): HTMLElement {
  const node = document.createElement('div');
  node.className = 'pywebio-markdown';
  const html = (spec.math ? mathMarked() : marked).parse(spec.content, { async: false, gfm: true });
  if (spec.sanitize) {
    node.classList.add(SANITIZED_CLASS);
    node.appendChild(DOMPurify.sanitize(html, SANITIZE_OPTIONS));
  }
  else node.innerHTML = html;
  for (const code of node.querySelectorAll<HTMLElement>('pre > code[class^="language-"]')) {
    highlightLater(code, code.className.slice('language-'.length));
  }
  if (spec.math) typesetMath(node);
  return node;
}
