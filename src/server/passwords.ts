/** Password hashing with argon2id (memory-hard), from a maintained native library. */
import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id is a const enum in the typings; its value is 2.
const ARGON2ID = 2;

/** Hashes a password for storage. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

/** Checks a password against a stored hash; false on any malformed hash. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
