/** Any document of the family, told apart by its `kind`. */
import { z } from 'zod';
import { declarationSchema } from './declarationSchema.ts';
import { projectTargetSchema } from './projectTargetSchema.ts';

export const documentSchema = z.discriminatedUnion('kind', [declarationSchema, projectTargetSchema]);
