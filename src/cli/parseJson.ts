import { CliError } from './cliError.ts';

/** Parses a file's JSON text; a syntax error names the file, what it should be, and where it broke (exit 2). */
export function parseJson(file: string, text: string, what?: { zh: string; en: string }): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new CliError(`${file}：${what?.zh ?? ''}不是有效的 JSON（${detail}）`, what ? `${file}: the ${what.en} is not valid JSON (${detail})` : `${file}: not valid JSON (${detail})`);
  }
}
