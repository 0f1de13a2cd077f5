// Types of scripts/nodeBuild.mjs (plain JavaScript, so that it runs before anything is compiled).

/** Why dist/ does not hold the JavaScript of the sources as they are now, or null when it does. */
export function staleness(): string | null;
/** Compiles src/ into dist/ and records what it was made from. */
export function build(): Promise<{ modules: number }>;
