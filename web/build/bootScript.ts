/**
 * The boot script (web/src/boot.ts) as an entry of its own, loaded by index.html ahead of the app.
 * Vite merges every script of index.html into one entry, which would run only after React and Ant
 * Design are fetched and compiled; as its own async script the boot runs within milliseconds and
 * starts the opening page's requests while the app's code is still on its way.
 */
import { fileURLToPath } from 'node:url';
import type { Plugin, Rolldown } from 'vite';

type OutputChunk = Rolldown.OutputChunk;

export const BOOT_ENTRY = 'boot';
export const BOOT_MODULE = fileURLToPath(new URL('../src/boot.ts', import.meta.url));

/** The boot script's chunk in a bundle; a build without it is broken. */
function bootChunk(bundle: Rolldown.OutputBundle | undefined): OutputChunk {
  const boot = Object.values(bundle ?? {}).find((output): output is OutputChunk => output.type === 'chunk' && output.isEntry && output.name === BOOT_ENTRY);
  if (!boot) throw new Error('the boot entry (web/src/boot.ts) is missing from the build');
  return boot;
}

/** Adds `web/src/boot.ts` as a second entry of the build, in a chunk of its own, linked first from index.html (the dev server loads it through main.tsx). */
export function bootScript(): Plugin {
  return {
    name: 'jixiao:boot-script',
    apply: 'build',
    config() {
      return {
        build: {
          rolldownOptions: {
            input: {
              index: fileURLToPath(new URL('../index.html', import.meta.url)),
              [BOOT_ENTRY]: BOOT_MODULE,
            },
            // main.tsx imports what boot.ts exports.
            preserveEntrySignatures: 'allow-extension',
          },
        },
      };
    },
    generateBundle(_options, bundle) {
      const boot = bootChunk(bundle);
      if (boot.imports.length > 0) throw new Error(`the boot chunk must stand alone, but imports ${boot.imports.join(', ')}`);
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const boot = bootChunk(ctx.bundle);
        // First of the page's requests (browsers open a few connections per server and queue the rest in
        // document order), and async: it runs as soon as it arrives, not after the stylesheets and the app.
        const tag = `<script type="module" async crossorigin src="/${boot.fileName}"></script>`;
        if (!html.includes('</title>')) throw new Error('index.html has no <title> to put the boot script after');
        return html.replace('</title>', `</title>\n    ${tag}`);
      },
    },
  };
}
