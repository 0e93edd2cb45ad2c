// Math in put_markdown(..., math=True) (docs/protocol.md, "Math in Markdown"). This part is in the
// page's main bundle and stays small: marked extensions that find the dollar delimiters (pandoc's
// tex_math_dollars rule) and leave a placeholder holding the TeX source as text. KaTeX itself is
// the chunk ./math_katex, imported only when an output has a placeholder after cleaning.
//
// The patterns take linear time: each alternative of a repeated group starts with a character
// the others exclude, and none goes past the first closing delimiter.

import { Marked, Tokenizer, type Tokens } from 'marked';

const CLASS = 'pywebio-math';

/** After `$$`: display math up to the first `$$`; not empty, no blank line, no backquote (a code
 * span is never cut by math). */
const DISPLAY = '\\$\\$(?!\\s*\\$\\$)((?:[^$`\\n]|\\n(?![ \\t]*\\n)|\\$(?!\\$))+)\\$\\$';
/** A block of display math: `$$` at a line start (up to three spaces in), the closing `$$` ending
 * a line. */
const BLOCK = new RegExp(` {0,3}${DISPLAY}[ \\t]*(?:\\n|$)`, 'y');
/** A line that may open a block of display math, or a blank line (which ends a paragraph). */
const LINE = /^(?: {0,3}\$\$|[ \t]*$)/gm;
/** Inline: display math, or pandoc's `$...$`: a non-space after the opening `$`, the closing `$`
 * is the first unescaped one, has a non-space before it and no digit after it. */
const INLINE = new RegExp(`${DISPLAY}|\\$(?!\\s)((?:\\\\[^]|[^\\\\$\`])+?)(?<!\\s)\\$(?!\\d)`, 'y');

/** Where, in the rest of a paragraph (`src` is all that follows its first character), a block of
 * display math starts: marked ends the paragraph there. Looks no further than a blank line, so
 * that each paragraph costs time in its own length only. */
function blockStart(src: string): number | undefined {
  for (const { 0: line, index } of src.matchAll(LINE)) {
    if (!index) continue; // not a line start: the paragraph's first line goes on
    if (!line.includes('$')) return undefined;
    BLOCK.lastIndex = index;
    if (BLOCK.test(src)) return index;
  }
  return undefined;
}

/** A marked extension whose tokens are placeholders: `level` decides where it looks. */
function extension(level: 'block' | 'inline', here: RegExp, start: (src: string) => number | undefined) {
  return {
    name: 'math' + level,
    level,
    start,
    tokenizer(src: string): Tokens.Generic | undefined {
      here.lastIndex = 0;
      const found = here.exec(src);
      if (!found) return undefined;
      const display = found[2] === undefined;
      return { type: 'math' + level, raw: found[0], text: (found[1] ?? found[2]).trim(), display };
    },
    renderer({ text, display }: Tokens.Generic): string {
      const tag = level === 'block' ? 'div' : 'span';
      const source = (text as string).replace(/&/g, '&amp;').replace(/</g, '&lt;');
      return `<${tag} class="${CLASS}" data-display="${display}">${source}</${tag}>`;
    },
  };
}

let parser: Marked | undefined;

/** A marked parser that knows math; made the first time it is needed. */
export function mathMarked(): Marked {
  return parser ??= new Marked({
    tokenizer: {
      // a setext heading's text ends where a block of math starts, as a paragraph's does: else
      // each paragraph before a block would have marked look for an underline up to the next
      // blank line, past all the blocks, and the time would grow with the square of their number
      lheading(src) {
        const end = blockStart(src.slice(1));
        return end === undefined ? false : Tokenizer.prototype.lheading.call(this, src.slice(0, end + 1));
      },
    },
    extensions: [
      extension('block', BLOCK, blockStart),
      extension('inline', INLINE, (src) => src.indexOf('$')),
    ],
  });
}

/** Typeset the placeholders in `node`, if there are any: loads KaTeX the first time. */
export function typesetMath(node: HTMLElement): void {
  const places = [...node.querySelectorAll<HTMLElement>('.' + CLASS)];
  if (places.length) {
    import('./math_katex').then(
      ({ typeset }) => typeset(places),
      (error) => console.error('PyWebIO: the math typesetter could not load', error),
    );
  }
}
