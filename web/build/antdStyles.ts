/**
 * Ant Design's styles as a stylesheet made at build time. Ant Design styles its components at run
 * time (CSS-in-JS), which on a first visit cost the browser a quarter of a second before anything
 * showed. The production build renders, here in Node and with the app's theme, every Ant Design
 * component the bundle contains, keeps their CSS as `assets/antd-[hash].css` linked from index.html,
 * and the app runs in Ant Design's zero-runtime mode (web/src/App.tsx). Dev mode keeps run-time styles.
 */
import { extractStyle } from '@ant-design/static-style-extract';
import * as antd from 'antd';
import { transform } from 'lightningcss';
import { createElement } from 'react';
import type { Plugin } from 'vite';
import { ANTD_THEME } from '../src/theme.ts';

const ASSET_NAME = 'antd.css';
/** A module of a component's styles, e.g. `node_modules/antd/es/input-number/style/index.js`. */
const STYLE_MODULE = /[\\/]node_modules[\\/]antd[\\/]es[\\/]([a-z-]+)[\\/]style[\\/]/;
/** Style folders whose component is exported under another name than the folder's in PascalCase. */
const EXPORTS_OF: Readonly<Record<string, readonly string[]>> = { grid: ['Row', 'Col'], 'qr-code': ['QRCode'], message: ['message'], notification: ['notification'] };

/** The exported Ant Design components whose styles live in these folders; an unknown folder fails the build rather than ship unstyled. */
export function componentsOf(styleFolders: Iterable<string>): string[] {
  const names = new Set<string>();
  for (const folder of styleFolders) {
    const exports = EXPORTS_OF[folder] ?? [folder.replace(/(?:^|-)([a-z])/g, (_, c: string) => c.toUpperCase())];
    for (const name of exports) {
      if (!(name in antd)) throw new Error(`antd styles: no export "${name}" for antd/es/${folder}/style; map it in web/build/antdStyles.ts`);
      names.add(name);
    }
  }
  return [...names].sort();
}

/** The CSS of these Ant Design components under the app's theme, minified. */
export function antdStylesheet(components: readonly string[]): string {
  const css = extractStyle({ includes: [...components], customTheme: (node) => createElement(antd.ConfigProvider, { theme: ANTD_THEME }, node) });
  const minified = new TextDecoder().decode(transform({ filename: ASSET_NAME, code: new TextEncoder().encode(css), minify: true }).code);
  return withOneBoxSizingReset(minified);
}

/** A rule that only sets border-box on a component's inner parts, selected by class prefix: `.ant-form-css-var [class^=ant-form]`, … */
const PER_COMPONENT_RESET = /(?<=^|\})[^{}]*\[class[\^*]=[^{}]*\{box-sizing:border-box\}/g;

/**
 * Ant Design scopes a border-box reset to each component's parts with class-prefix attribute selectors,
 * six per component: a few hundred selectors that the browser tries on every element of the page at
 * each style recalculation. One reset for every `ant-` class does the same for all of them.
 */
export function withOneBoxSizingReset(css: string): string {
  const kept = css.replace(PER_COMPONENT_RESET, (rule) => {
    const selectors = (rule.split('{')[0] ?? '').split(',').filter((selector) => !/\[class[\^*]=\\? ?ant-/.test(selector));
    return selectors.length > 0 ? `${selectors.join(',')}{box-sizing:border-box}` : '';
  });
  return `[class^=ant-],[class*=" ant-"],[class^=ant-]:before,[class*=" ant-"]:before,[class^=ant-]:after,[class*=" ant-"]:after{box-sizing:border-box}${kept}`;
}

/** The Vite plugin: in a build, the styles of the components the bundle holds, as a stylesheet ahead of the app's own. */
export function antdStaticStyles(): Plugin {
  return {
    name: 'jixiao:antd-static-styles',
    apply: 'build',
    generateBundle(_options, bundle) {
      const folders = new Set<string>();
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        for (const id of output.moduleIds) {
          const folder = STYLE_MODULE.exec(id)?.[1];
          if (folder) folders.add(folder);
        }
      }
      this.emitFile({ type: 'asset', name: ASSET_NAME, source: antdStylesheet(componentsOf(folders)) });
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const asset = Object.values(ctx.bundle ?? {}).find((output) => output.type === 'asset' && output.names.includes(ASSET_NAME));
        if (!asset) throw new Error('antd styles: the stylesheet is missing from the bundle');
        const link = `<link rel="stylesheet" crossorigin href="/${asset.fileName}">`;
        // Before the app's own stylesheet, which overrides some of it.
        const first = html.indexOf('<link rel="stylesheet"');
        return first >= 0 ? `${html.slice(0, first)}${link}\n    ${html.slice(first)}` : html.replace('</head>', `  ${link}\n  </head>`);
      },
    },
  };
}
