/** The OpenAPI document as the server serves it, without a server or a data directory (scripts, tests). */
import { openStore } from '../../store/openStore.ts';
import { buildApp } from '../app.ts';

/** Builds the app on an in-memory store and asks it for `/api/v1/openapi.json`. */
export async function servedOpenApi(): Promise<OpenApiDocument> {
  const store = await openStore({ kind: 'embedded', dataDir: 'memory://' });
  try {
    await store.migrate();
    const app = await buildApp(store);
    try {
      const response = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
      if (response.statusCode !== 200) throw new Error(`openapi.json: ${response.statusCode} ${response.body}`);
      return response.json();
    } finally {
      await app.close();
    }
  } finally {
    await store.close();
  }
}

/** The parts of an OpenAPI document the checks read. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; license?: { name: string } };
  servers?: Array<{ url: string }>;
  tags?: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { securitySchemes?: Record<string, unknown>; schemas?: Record<string, unknown> };
}

export interface OpenApiOperation {
  operationId?: string;
  tags?: string[];
  summary?: string;
  deprecated?: boolean;
  security?: Array<Record<string, string[]>>;
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
}
