// Builds the frontend into ../pywebio/html/, the package's STATIC_PATH.
// The output must be byte-for-byte reproducible: CI rebuilds it and fails if it differs from
// the committed copy.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';

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

await esbuild.build({
  entryPoints: { pywebio: 'src/style.css' },
  bundle: true,
  minify: true,
  outdir: out + 'css',
  legalComments: 'none',
  logLevel: 'warning',
});

copyFileSync('index.html', out + 'index.html');
