/** The canonical JSON of a rectification item (整改台账): every save is validated by it. */
import { z } from 'zod';
import { RECTIFICATION_SOURCES, isDay, type Rectification } from '../core/rectification/rectification.ts';

const text = (max: number) => z.string().max(max);

export const rectificationSchema: z.ZodType<Rectification> = z
  .object({
    kind: z.literal('rectification'),
    title: text(200).describe('the problem in a line'),
    problem: text(5000).describe('the problem as found: the opinion, advice or finding'),
    source: z
      .object({
        type: z.enum(RECTIFICATION_SOURCES),
        documentId: z.string().max(100).nullable(),
        documentKind: z.string().max(60).nullable(),
        ref: z.string().max(200).nullable(),
      })
      .strict(),
    projectName: text(200).nullable(),
    deadline: z.string().refine(isDay, 'a day YYYY-MM-DD such as "2025-06-30"'),
    requirement: text(5000),
    evidenceRequired: z.array(z.string().trim().min(1).max(200)).max(50),
    response: z
      .object({
        text: text(20_000).describe('整改情况: what the department did'),
        files: z.array(z.object({ item: z.string().max(500), file: z.string().max(100), name: z.string().max(255) }).strict()).max(200),
      })
      .strict(),
  })
  .strict();
