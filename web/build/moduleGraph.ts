/** The module graph as the bundler shows it while it splits chunks. */
export interface ModuleGraph {
  getModuleInfo(id: string): { importedIds: readonly string[] } | null;
}

const closures = new WeakMap<ModuleGraph, Map<string, Set<string>>>();

/**
 * Every module `root` imports statically, directly or not (once per graph and root). Through a
 * barrel (`import { Button } from 'antd'`) this is every module the barrel re-exports, so code that
 * should have a tight closure imports deeply (`antd/es/button`).
 */
export function staticClosure(root: string, graph: ModuleGraph): ReadonlySet<string> {
  let byRoot = closures.get(graph);
  if (!byRoot) closures.set(graph, (byRoot = new Map()));
  const known = byRoot.get(root);
  if (known) return known;
  const ids = new Set<string>();
  const visit = (id: string) => {
    if (ids.has(id)) return;
    ids.add(id);
    graph.getModuleInfo(id)?.importedIds.forEach(visit);
  };
  visit(root);
  byRoot.set(root, ids);
  return ids;
}
