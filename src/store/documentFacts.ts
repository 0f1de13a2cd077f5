/** The dashboard rows of a form (see core/documentFacts.ts), written with each of its versions. */
import type { Transaction } from 'kysely';
import type { TargetDocument } from '../core/document.ts';
import { budgetLines, countFindingsByFamily } from '../core/documentFacts.ts';
import type { Finding } from '../core/rules/finding.ts';
import type { Database } from './schema.ts';

/** Replaces a form's dashboard rows (findings by family, money by line) with those of its current version. */
export async function storeDocumentFacts(trx: Transaction<Database>, declarationId: string, content: TargetDocument, findings: readonly Finding[]): Promise<void> {
  await trx.deleteFrom('declaration_findings').where('declaration_id', '=', declarationId).execute();
  await trx.deleteFrom('declaration_budget_lines').where('declaration_id', '=', declarationId).execute();
  const counts = countFindingsByFamily(findings);
  if (counts.length > 0) await trx.insertInto('declaration_findings').values(counts.map((c) => ({ declaration_id: declarationId, family: c.family, severity: c.severity, n: c.n }))).execute();
  const lines = budgetLines(content);
  if (lines.length > 0) await trx.insertInto('declaration_budget_lines').values(lines.map((l) => ({ declaration_id: declarationId, line: l.line, amount: l.amount }))).execute();
}
