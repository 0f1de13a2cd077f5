import { describe, expect, it } from 'vitest';
import { defaultPair, keptPair } from './versionPair.ts';

describe('the versions a history compares', () => {
  it('opens on the latest against the one before, whatever order the list comes in', () => {
    expect(defaultPair([{ version: 3 }, { version: 5 }, { version: 4 }])).toEqual({ from: 4, to: 5 });
  });

  it('compares a single version with itself, and nothing when there is none', () => {
    expect(defaultPair([{ version: 1 }])).toEqual({ from: 1, to: 1 });
    expect(defaultPair([])).toBeNull();
  });

  it('keeps the pair the user chose while both versions are still listed', () => {
    expect(keptPair({ from: 1, to: 3 }, [{ version: 4 }, { version: 3 }, { version: 2 }, { version: 1 }])).toEqual({ from: 1, to: 3 });
  });

  it('falls back to the latest two when a chosen version is not listed (yet)', () => {
    expect(keptPair({ from: 1, to: 9 }, [{ version: 2 }, { version: 1 }])).toEqual({ from: 1, to: 2 });
    expect(keptPair(null, [{ version: 2 }, { version: 1 }])).toEqual({ from: 1, to: 2 });
  });
});
