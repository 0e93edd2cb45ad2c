// Builds the frontend into ../pywebio/html/, the package's STATIC_PATH.
// The output must be byte-for-byte reproducible: CI rebuilds it and fails if it differs from
// the committed copy.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';

const out = new URL('../pywebio/html/', import.meta.url).pathname;

for (const dir of ['js', 'css']) rmSync(out + dir, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await esbuild.build({
  entryPoints: { pywebio: 'src/main.ts' },
  bundle: true,
  format: 'esm',
  splitting: true, // heavy parts (the code editor) are loaded by import() only when used
  minify: true,
  target: 'es2020',
  outdir: out + 'js',
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
});

const css = { bundle: true, minify: true, outdir: out + 'css', legalComments: 'none', logLevel: 'warning' };

/** An esbuild plugin that rewrites the text of the CSS files whose path matches `filter`. */
const rewrite = (filter, edit) => ({
  name: 'rewrite',
  setup(build) {
    build.onLoad({ filter }, (args) => ({ contents: edit(readFileSync(args.path, 'utf8')), loader: 'css' }));
  },
});

/** Right to left: Bootstrap's (or Bootswatch's) RTL build of its stylesheet instead of the LTR one. */
const rtl = {
  name: 'rtl',
  setup(build) {
    build.onResolve({ filter: /^(bootstrap\/dist\/css|bootswatch\/dist\/\w+)\/bootstrap\.css$/ }, (args) =>
      ({ path: new URL('node_modules/' + args.path.replace(/\.css$/, '.rtl.css'), import.meta.url).pathname }));
  },
};

/** Build a theme's stylesheets: NAME.css, and NAME.rtl.css for pages in a language written right
 * to left (a Persian page: pywebio/platform/page.py and src/page_config.ts pick it). */
async function themeBuild(options) {
  await esbuild.build(options);
  await esbuild.build({
    ...options,
    entryPoints: Object.fromEntries(Object.entries(options.entryPoints).map(([name, path]) => [name + '.rtl', path])),
    plugins: [rtl, ...(options.plugins ?? [])],
  });
}

// the default theme: css/pywebio.css, the only stylesheet a page loads unless a theme is chosen
await themeBuild({ ...css, entryPoints: { pywebio: 'src/style.css' } });

// theme NAME is css/pywebio-NAME.css (pywebio/platform/page.py relies on this name), a complete
// stylesheet. Bootswatch themes @import Google Fonts: removed, pages never fetch from the internet
// (the themes' font stacks fall back to local fonts).
await themeBuild({
  ...css,
  entryPoints: Object.fromEntries(['sketchy', 'minty', 'yeti'].map((name) => ['pywebio-' + name, `src/themes/${name}.css`])),
  plugins: [rewrite(/bootswatch[\\/]dist[\\/].*\.css$/, (text) => text.replace(/@import url\([^)]*\);?/g, ''))],
});

// 'dark': Bootstrap's own dark colour mode, applied to the whole page without data-bs-theme
await themeBuild({
  ...css,
  entryPoints: { 'pywebio-dark': 'src/themes/dark.css' },
  plugins: [rewrite(/bootstrap[\\/]dist[\\/]css[\\/]bootstrap(\.rtl)?\.css$/, (text) => text.replaceAll('[data-bs-theme=dark]', ':root'))],
});

// put_datatable's grid (src/outputs/datatable_grid.ts) loads these when a page first shows a data
// table: AG Grid's own stylesheet with ours (css/datatable.css), then its theme's
// (css/datatable-alpine.css holds alpine and alpine-dark; balham likewise; material)
await esbuild.build({
  ...css,
  entryPoints: {
    datatable: 'src/outputs/datatable.css',
    ...Object.fromEntries(['alpine', 'balham', 'material'].map((name) =>
      ['datatable-' + name, `node_modules/ag-grid-community/styles/ag-theme-${name}.css`])),
  },
});

// put_markdown(..., math=True)'s typesetter (src/outputs/math_katex.ts) loads css/katex.css the
// first time a page shows math; KaTeX's fonts go to css/fonts/. Its @font-face rules are left
// with the woff2 fonts only (every browser the bundle targets reads them), so the woff and ttf
// copies are neither served nor shipped.
await esbuild.build({
  ...css,
  entryPoints: { katex: 'src/outputs/katex.css' },
  loader: { '.woff2': 'file' },
  assetNames: 'fonts/[name]-[hash]',
  plugins: [rewrite(/katex[\\/]dist[\\/]katex\.css$/, (text) =>
    text.replace(/,\s*url\([^)]*\.(?:woff|ttf)\)\s*format\("(?:woff|truetype)"\)/g, ''))],
});

for (const name of readdirSync(out + 'css').filter((name) => name.endsWith('.css'))) {
  const text = readFileSync(out + 'css/' + name, 'utf8');
  if (/@import|url\(\s*["']?(https?:)?\/\//.test(text)) throw new Error(`css/${name} loads something from another site`);
  for (const [, url] of text.matchAll(/url\(\s*["']?(?!data:)([^"')]+)/g)) {
    if (!existsSync(new URL(url, `file://${out}css/`).pathname)) throw new Error(`css/${name} names ${url}, which is not there`);
  }
}

copyFileSync('index.html', out + 'index.html');

// ECharts and chart.xkcd for notebook chart embeds that require('echarts') (pyecharts'
// render_notebook) or require('chartXkcd') (cutecharts'): src/amd.ts loads them from here instead
// of a CDN, only when such an embed is on the page
mkdirSync(out + 'js/vendor', { recursive: true });
copyFileSync('node_modules/echarts/dist/echarts.min.js', out + 'js/vendor/echarts.min.js');
// its browser build (chart.xkcd.min.js) needs Babel's regeneratorRuntime global; this UMD build does not
copyFileSync('node_modules/chart.xkcd/dist/index.js', out + 'js/vendor/chart.xkcd.js');
