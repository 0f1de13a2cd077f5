// The web app's build: React + TypeScript with Vite. `npm run build:web` writes dist/web, which the
// Jixiao server serves; `npm run dev:web` serves it with hot reload and sends /api to a running server.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { antdStaticStyles } from './build/antdStyles.ts';
import { BOOT_ENTRY, BOOT_MODULE, bootScript } from './build/bootScript.ts';
import { ownClosure, staticClosure, type ModuleGraph } from './build/moduleGraph.ts';

const EDITOR_PAGE = fileURLToPath(new URL('src/pages/EditorPage.tsx', import.meta.url));
const PROJECT_EDITOR = fileURLToPath(new URL('src/pages/ProjectEditor.tsx', import.meta.url));

const apiTarget = process.env.JIXIAO_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), antdStaticStyles(), bootScript()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // A few large chunks rather than dozens of small ones: browsers fetch only a few scripts at
        // once from one server. The first match by priority takes a module.
        codeSplitting: {
          groups: [
            // Everything the boot script needs, in its own chunk: it must not wait for the app's (checked by the plugin).
            { name: (id: string, graph: ModuleGraph) => (staticClosure(BOOT_MODULE, graph).has(id) ? BOOT_ENTRY : null), debugName: 'boot', priority: 4 },
            // The app's frame (React, the router, the frames, Ant Design's core): what index.html loads.
            { name: 'app', tags: ['$initial'], priority: 3 },
            // The editor with everything it needs beyond the frame, so that opening a form does not also
            // fetch the tables and forms of the other pages (its files import Ant Design deeply for this).
            { name: (id: string, graph: ModuleGraph) => (staticClosure(EDITOR_PAGE, graph).has(id) || (staticClosure(PROJECT_EDITOR, graph).has(id) && !ownClosure(PROJECT_EDITOR, graph).has(id)) ? 'EditorPage' : null), debugName: 'editor', priority: 2 },
            // The project form's editor, fetched by the editor only for a project form: what it alone
            // imports. What other pages import too (core/projectTarget.ts) stays in the editor's chunk,
            // so that no other chunk imports this one, nor this one the shared chunk.
            { name: (id: string, graph: ModuleGraph) => (ownClosure(PROJECT_EDITOR, graph).has(id) ? 'ProjectEditor' : null), debugName: 'project-editor', priority: 1.5 },
            // What several other pages use.
            { name: 'shared', minShareCount: 2, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
});
