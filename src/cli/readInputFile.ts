import { readFileSync, statSync } from 'node:fs';
import { MAX_SOURCE_BYTES } from '../readers/readerError.ts';
import { CliError } from './cliError.ts';

/** Largest input the CLI reads: the readers' own bound (a form is tens of kilobytes as text, a few MB as PDF). */
const MAX_BYTES = MAX_SOURCE_BYTES;

/** Reads a file given on the command line, turning every failure into a message naming the file. */
export function readInputFile(file: string): Uint8Array {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new CliError(`${file}：这是一个目录，不是文件`, `${file}: is a directory, not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${file}：文件不存在`, `${file}: no such file`);
    if (code === 'EACCES') throw new CliError(`${file}：没有读取权限`, `${file}: permission denied`);
    throw new CliError(`${file}：无法读取（${code ?? 'unknown'}）`, `${file}: cannot be read (${code ?? 'unknown'})`);
  }
  if (size > MAX_BYTES) throw new CliError(`${file}：文件过大（${(size / 1024 / 1024).toFixed(1)} MB，上限 ${MAX_BYTES / 1024 / 1024} MB；一份申报表通常不足 2 MB）`, `${file}: file too large (${(size / 1024 / 1024).toFixed(1)} MB, the limit is ${MAX_BYTES / 1024 / 1024} MB; a form is rarely over 2 MB)`);
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    throw new CliError(`${file}：无法读取（${code}）`, `${file}: cannot be read (${code})`);
  }
}
