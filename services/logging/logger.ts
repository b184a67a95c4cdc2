/**
 * Structured JSON logs (pino). Secrets and personal data never go in: the
 * redaction list is a safety net, the rule is not to log them at all.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level = 'info'): Logger {
  return pino({
    level,
    base: { app: 'rapportboten' },
    redact: {
      paths: ['*.password', '*.secret', '*.token', '*.authorization', '*.apiKey', '*.MicrosoftAppPassword', '*.text', '*.email', '*.name'],
      censor: '[dolt]',
    },
  });
}
