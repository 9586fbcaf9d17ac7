/**
 * Expected business outcomes. The bot's error boundary turns each into a Chinese reply or toast
 * through the message catalog; the domain names the message by key and never formats text itself.
 */
import type { MessageKey } from '../../i18n/index.js';

export type DomainErrorCode = 'forbidden' | 'not_found' | 'conflict' | 'invalid_input' | 'invalid_state';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly messageKey: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code}: ${messageKey}`);
    this.name = 'DomainError';
  }
}

/** A form whose fields failed validation: one message key per field, so the form can come back filled in. */
export class FormError extends DomainError {
  constructor(
    readonly fields: Record<string, { key: MessageKey; params?: Record<string, string | number> }>,
    readonly values: Record<string, unknown>,
  ) {
    super('invalid_input', 'form.has_errors', { count: Object.keys(fields).length });
    this.name = 'FormError';
  }
}

export const forbidden = (key: MessageKey, params?: Record<string, string | number>) =>
  new DomainError('forbidden', key, params);
export const notFound = (key: MessageKey, params?: Record<string, string | number>) =>
  new DomainError('not_found', key, params);
export const conflict = (key: MessageKey, params?: Record<string, string | number>) =>
  new DomainError('conflict', key, params);
export const invalidInput = (key: MessageKey, params?: Record<string, string | number>) =>
  new DomainError('invalid_input', key, params);
export const invalidState = (key: MessageKey, params?: Record<string, string | number>) =>
  new DomainError('invalid_state', key, params);
