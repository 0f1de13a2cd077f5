/** The module graph as the bundler shows it while it splits chunks. */
import { dirname, resolve } from 'node:path';

export interface ModuleGraph {
  getModuleInfo(id: string): { importedIds: readonly string[]; importers?: readonly string[]; code?: string | null } | null;
}

/** `compute` once per graph and root: chunking asks about every module of the build. */
function oncePerRoot(compute: (root: string, graph: ModuleGraph) => ReadonlySet<string>): (root: string, graph: ModuleGraph) => ReadonlySet<string> {
  const cache = new WeakMap<ModuleGraph, Map<string, ReadonlySet<string>>>();
  return (root, graph) => {
    let byRoot = cache.get(graph);
    if (!byRoot) cache.set(graph, (byRoot = new Map()));
    let known = byRoot.get(root);
    if (!known) byRoot.set(root, (known = compute(root, graph)));
    return known;
  };
}

/**
 * Every module `root` imports statically, directly or not (once per graph and root). Through a
 * barrel (`import { Button } from 'antd'`) this is every module the barrel re-exports, so code that
 * should have a tight closure imports deeply (`antd/es/button`). Ant Design's own small barrels
 * (`_util/hooks`, `style/motion`) are followed only to the modules that export the names imported
 * from them — see {@link barrelTargets} — so a chunk made of this closure does not carry their other
 * modules for chunks that import them from it.
 */
export const staticClosure = oncePerRoot((root, graph) => {
  const ids = new Set<string>();
  const visit = (id: string) => {
    if (ids.has(id)) return;
    ids.add(id);
    const info = graph.getModuleInfo(id);
    for (const imported of info?.importedIds ?? []) {
      const targets = barrelTargets(id, info?.code, imported, graph);
      if (!targets) visit(imported);
      else {
        // The barrel itself (its imports of the rest are left out), then what is used of it.
        ids.add(imported);
        targets.forEach(visit);
      }
    }
  };
  visit(root);
  return ids;
});

/**
 * The modules of `root`'s static closure that nothing outside it imports (`root` itself included,
 * whoever imports it dynamically): what a chunk of its own can hold without another chunk importing it.
 */
export const ownClosure = oncePerRoot((root, graph) => {
  const ids = new Set(staticClosure(root, graph));
  // Drop what an outsider imports, until every importer of what is left is inside.
  for (let changed = true; changed; ) {
    changed = false;
    for (const id of ids) {
      if (id === root) continue;
      if ((graph.getModuleInfo(id)?.importers ?? []).some((importer) => !ids.has(importer))) {
        ids.delete(id);
        changed = true;
      }
    }
  }
  return ids;
});

/** `import { a, b as c } from 'spec'` and `export { a } from 'spec'`: the names, by spec. */
const NAMED = /(?:import|export)\s*\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g;
/** Any other import or re-export of a spec (default, namespace, `export *`, side effect). */
const OTHER = /(?:import|export)\s*(?:[\w$]+\s*(?:,\s*\{[^}]*\})?\s*from|\*\s*(?:as\s+[\w$]+\s*)?from)?\s*['"]([^'"]+)['"]/g;

/** The module a relative spec names (ids carry the extension, specs in Ant Design's code do not). */
function sameModule(from: string, spec: string, id: string): boolean {
  if (!spec.startsWith('.')) return false;
  const path = resolve(dirname(from), spec);
  return id === path || id === `${path}.js` || id === `${path}/index.js`;
}

const imported = (list: string) => list.split(',').map((part) => part.trim().split(/\s+as\s+/)[0] ?? '').filter(Boolean);

/**
 * When `barrel` is a module of nothing but re-exports and `from` imports only names from it, the
 * modules among the barrel's that export those names; otherwise null (every import is followed).
 */
function barrelTargets(from: string, code: string | null | undefined, barrel: string, graph: ModuleGraph): string[] | null {
  if (!code || !/node_modules[\\/]antd[\\/]/.test(barrel)) return null;
  const info = graph.getModuleInfo(barrel);
  const source = info?.code;
  if (!info || !source || !isBarrel(source)) return null;
  const names = new Set<string>();
  for (const m of code.matchAll(OTHER)) if (m[1] && sameModule(from, m[1], barrel) && !/^(?:import|export)\s*\{/.test(m[0])) return null;
  for (const m of code.matchAll(NAMED)) if (m[2] && sameModule(from, m[2], barrel)) imported(m[1] ?? '').forEach((name) => names.add(name));
  if (names.size === 0) return null;
  return info.importedIds.filter((child) => {
    // `import { a } from './child'` (and `import a from './child'`) in the barrel, re-exported.
    for (const m of source.matchAll(/import\s*([\w$]+)?\s*,?\s*(?:\{([^}]*)\})?\s*from\s*['"]([^'"]+)['"]/g)) {
      if (!m[3] || !sameModule(barrel, m[3], child)) continue;
      if ((m[1] && names.has(m[1])) || imported(m[2] ?? '').some((name) => names.has(name))) return true;
    }
    // `export * from './child'`: the names the child declares.
    const childCode = graph.getModuleInfo(child)?.code ?? '';
    for (const m of source.matchAll(/export\s*\*\s*from\s*['"]([^'"]+)['"]/g)) {
      if (m[1] && sameModule(barrel, m[1], child) && [...names].some((name) => new RegExp(`export\\s+(?:default\\s+)?(?:function\\*?|const|let|var|class)\\s+${name}\\b|export\\s*\\{[^}]*\\b${name}\\b`).test(childCode))) return true;
    }
    return false;
  });
}

/** A module of only imports and exports from others (and `export { … }` of what it imported). */
function isBarrel(source: string): boolean {
  const rest = source
    .replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '')
    .replace(/import\s*[^'";]*?from\s*['"][^'"]+['"];?/g, '')
    .replace(/export\s*\*\s*from\s*['"][^'"]+['"];?/g, '')
    .replace(/export\s*\{[^}]*\}\s*(?:from\s*['"][^'"]+['"])?;?/g, '');
  return rest.trim() === '';
}
