/**
 * The CLI's one error type: a message for the user in Chinese and English, and the exit code.
 * Anything else that escapes a command is a bug and is reported as such, without a stack trace.
 */
export class CliError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
    /** 2 for unreadable input (the linters' convention), 1 for failures found. */
    readonly exitCode: number = 2,
  ) {
    super(en);
    this.name = 'CliError';
  }
}

/** The language of the CLI's messages. */
export type Lang = 'zh' | 'en';

/** Picks the message of a language. */
export function say(lang: Lang, zh: string, en: string): string {
  return lang === 'en' ? en : zh;
}
