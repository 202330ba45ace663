// Structured logs as JSON lines on stderr (stdout carries only the ready line).
import { stringifyJson } from './jsonbig.mjs';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(level = 'info', write = (line) => process.stderr.write(line)) {
  if (!(level in LEVELS)) throw new Error(`unknown log level ${JSON.stringify(level)}: use debug, info, warn or error`);
  const threshold = LEVELS[level];
  const log = (lvl) => (msg, attrs = {}) => {
    if (LEVELS[lvl] < threshold) return;
    write(`${stringifyJson({ time: new Date().toISOString(), level: lvl.toUpperCase(), msg, ...attrs })}\n`);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
