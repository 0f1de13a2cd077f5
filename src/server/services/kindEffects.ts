/**
 * What a kind's server side does after one of the generic commands, in the same transaction: a
 * rectification item tells its department when it is opened; an assessment writes its ex-ante decision into the project form it assessed when the bureau concludes,
 * and lists a person assigned to it as a scorer. The kinds themselves stay pure; a kind's service
 * registers its effects here when it is loaded.
 */
import type { Transaction } from 'kysely';
import type { Actor } from '../../core/policy.ts';
import type { DocumentPlace, KindContent } from '../../kinds/kindDefinition.ts';
import type { Database } from '../../store/schema.ts';

export interface KindEffects {
  /** After a document was created, by any door (its kind's own route or the generic one), its first version stored. */
  readonly afterCreate?: (trx: Transaction<Database>, input: { readonly actor: Actor | null; readonly id: string; readonly place: DocumentPlace; readonly content: KindContent }) => Promise<void>;
  /** After a step of the workflow (the state already moved). */
  readonly afterTransition?: (trx: Transaction<Database>, input: { readonly actor: Actor; readonly id: string; readonly action: string; readonly from: string; readonly to: string }) => Promise<void>;
  /** After a person was assigned (or their part changed). */
  readonly afterAssign?: (trx: Transaction<Database>, input: { readonly actor: Actor; readonly id: string; readonly user: { readonly id: string; readonly displayName: string }; readonly role: string }) => Promise<void>;
  /** After a person was taken off. */
  readonly afterUnassign?: (trx: Transaction<Database>, input: { readonly actor: Actor; readonly id: string; readonly userId: string }) => Promise<void>;
}

const EFFECTS = new Map<string, KindEffects>();

/** Registers a kind's effects (once per kind; a second registration replaces the first). */
export function registerKindEffects(kind: string, effects: KindEffects): void {
  EFFECTS.set(kind, effects);
}

/** The effects of a kind, if it has any. */
export function kindEffects(kind: string): KindEffects | undefined {
  return EFFECTS.get(kind);
}
