/** Which two versions the history compares, whatever the kind of document. */

/** The pair a history opens on: the latest version against the one before it (itself when it is the only one). */
export function defaultPair(versions: ReadonlyArray<{ readonly version: number }>): { from: number; to: number } | null {
  const numbers = versions.map((v) => v.version).sort((a, b) => b - a);
  const [latest, previous] = numbers;
  if (latest === undefined) return null;
  return { from: previous ?? latest, to: latest };
}

/** The pair kept while the list changes (a restore, a save elsewhere): a chosen version that is gone gives way to the default. */
export function keptPair(chosen: { from: number; to: number } | null, versions: ReadonlyArray<{ readonly version: number }>): { from: number; to: number } | null {
  const known = new Set(versions.map((v) => v.version));
  if (chosen && known.has(chosen.from) && known.has(chosen.to)) return chosen;
  return defaultPair(versions);
}
