// How user content is cleaned (DOMPurify): scripts and event handlers go, and so do ids and names
// that could clobber the page's own (SANITIZE_NAMED_PROPS prefixes every id and name with
// "user-content-"), so a post can never take the id of an output, a form or the page's containers.

export const SANITIZE_OPTIONS = { RETURN_DOM_FRAGMENT: true, SANITIZE_NAMED_PROPS: true } as const;

/** The class of an output of cleaned content. Its style (pywebio.css) makes it the containing
 * block and stacking context of what it holds: a `position: fixed` element of a post covers the
 * post, never the page, and cannot sit above the page's own controls. */
export const SANITIZED_CLASS = 'pywebio-sanitized';
