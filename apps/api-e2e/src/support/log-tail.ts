import fs from 'node:fs';

/** The last `lines` lines of a log file ('' when it does not exist). */
export function tail(file: string, lines = 60): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
