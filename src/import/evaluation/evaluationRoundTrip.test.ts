/**
 * The scored table Jixiao writes (PDF, .xlsx) reads back as the same self-evaluation: a department
 * can fill it offline, a bureau can score it with `jixiao score`.
 */
import { describe, expect, it } from 'vitest';
import { exampleEvaluation } from '../../core/evaluation/exampleEvaluation.ts';
import type { SelfEvaluation } from '../../core/selfEvaluation.ts';
import { readPdf } from '../../readers/pdfReader.ts';
import { readWorkbook } from '../../readers/workbookReader.ts';
import { documentDifferences } from '../../testing/documentDifferences.ts';
import { writePdf } from '../../writers/pdfWriter.ts';
import { writeWorkbook } from '../../writers/workbookWriter.ts';
import { readSelfEvaluationTables } from './readSelfEvaluation.ts';

/** The evaluation as its printed table holds it: the scores Jixiao computes, two decimals; nothing of its identity in Jixiao. */
function printed(e: SelfEvaluation): SelfEvaluation {
  return {
    ...e,
    target: { id: null, kind: e.target.kind, version: null },
    funds: { ...e.funds, points: '10', score: '9.60' },
    indicators: e.indicators.map((i) => ({ ...i, score: Number(i.score).toFixed(2), deviation: { reason: i.deviation.reason, measures: i.deviation.reason === '' ? '' : i.deviation.measures } })),
  };
}

function read(tables: Parameters<typeof readSelfEvaluationTables>[0]): SelfEvaluation {
  const outcome = readSelfEvaluationTables(tables);
  if (!outcome.ok) throw new Error(outcome.message.en);
  return outcome.evaluation;
}

describe('the scored self-evaluation table', () => {
  const evaluation = exampleEvaluation();
  Object.assign(evaluation.indicators[0] as object, { actual: '480人次', score: '19.20', deviation: { reason: '场地改造，两期合并', measures: '提前锁定场地' } });
  evaluation.total = '98.80';

  it('reads back from Jixiao’s .xlsx as the same evaluation', async () => {
    const back = read(readWorkbook(new Uint8Array(await writeWorkbook([evaluation]))));
    expect(documentDifferences(printed(evaluation), back)).toEqual([]);
  });

  it('reads back from Jixiao’s PDF as the same evaluation', async () => {
    const back = read(await readPdf(new Uint8Array(await writePdf([evaluation]))));
    expect(documentDifferences(printed(evaluation), back, { looseWhitespace: true })).toEqual([]);
  });
});
