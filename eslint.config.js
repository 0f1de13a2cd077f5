// Lint rules. The one that matters most: the domain core (src/core) stays pure — no I/O, no
// framework, no other layer of Jixiao — so that it runs the same in the server, the CLI and the browser.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const CORE_FORBIDDEN = [
  { group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'stream', 'url', 'worker_threads'], message: 'src/core is pure: no I/O or Node built-ins.' },
  { group: ['fastify', 'fastify/*', '@fastify/*', 'react', 'react-*', 'kysely', 'pg', '@electric-sql/*', 'commander', 'exceljs', 'pdfkit', 'pdfjs-dist', 'zod', 'echarts', 'antd'], message: 'src/core is pure: no framework or storage imports.' },
  { group: ['../import/*', '../store/*', '../server/*', '../web/*', '../cli/*', '../format/*', '../*/..'], message: 'src/core must not depend on outer layers.' },
];

const WEB_FORBIDDEN = [{ group: ['node:*', '../../../src/server/*', '../../../src/store/*', '../../../src/cli/*'], message: 'the web app talks to the server over HTTP only; it may use the pure layers (core, import, format).' }];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'docs/screenshots/', 'examples/client/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: CORE_FORBIDDEN }],
      'no-restricted-globals': ['error', 'process', 'require', 'fetch', 'Buffer', 'setTimeout', 'setInterval'],
    },
  },
  {
    // A kind of document is a definition: pure data and functions the server, the CLI and the browser share.
    files: ['src/kinds/**/*.ts'],
    ignores: ['src/kinds/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [CORE_FORBIDDEN[0], { group: ['../../server/*', '../../store/*', '../../cli/*', '../../web/*', '../server/*', '../store/*', '../cli/*'], message: 'a kind is pure: the store, routes and pages read it, never the reverse.' }] }],
      'no-restricted-globals': ['error', 'process', 'require', 'fetch', 'Buffer', 'setTimeout', 'setInterval'],
    },
  },
  {
    files: ['src/import/**/*.ts'],
    ignores: ['src/import/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path'], message: 'importers are pure functions of their input; the CLI and server do the I/O.' }, { group: ['../../cli/*', '../../server/*', '../../store/*'], message: 'importers must not depend on outer layers.' }] }],
    },
  },
  {
    // The web app runs in the browser: browser globals, and the rules of hooks.
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', { patterns: WEB_FORBIDDEN }],
    },
  },
  {
    // The editor's chunk is the closure of its imports (web/vite.config.ts): a barrel import would pull
    // in every Ant Design component, and with them the other pages' tables and forms.
    files: ['web/src/pages/EditorPage.tsx', 'web/src/editor/**/*.{ts,tsx}', 'web/src/components/**/*.{ts,tsx}', 'web/src/declaration/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: WEB_FORBIDDEN,
          paths: [
            { name: 'antd', message: "import the component's own module, e.g. `import Button from 'antd/es/button'`." },
            { name: '@ant-design/icons', message: "import the icon's own module, e.g. `import PlusOutlined from '@ant-design/icons/es/icons/PlusOutlined'`." },
          ],
        },
      ],
    },
  },
);
