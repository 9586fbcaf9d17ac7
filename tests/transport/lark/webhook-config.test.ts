import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ConfigError, loadConfig } from '../../../src/config.js';
import { projectPath } from '../../../src/shared/project-root.js';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (err) {
    return (err as ConfigError).problems.join('\n');
  }
  return '';
};

describe('webhook settings (replay window, slow-client timeouts)', () => {
  it('E4: defaults to an 8-hour replay window (Feishu re-pushes for ≈ 7.1 h), 5 s for headers and 10 s for a whole request', () => {
    expect(loadConfig({}).webhook).toEqual({
      replayWindowMs: 8 * 3600 * 1000,
      headersTimeoutMs: 5000,
      requestTimeoutMs: 10_000,
    });
  });

  it('reads LARK_REPLAY_WINDOW_SECONDS, HTTP_HEADERS_TIMEOUT_MS and HTTP_REQUEST_TIMEOUT_MS', () => {
    const c = loadConfig({
      LARK_REPLAY_WINDOW_SECONDS: '36000',
      HTTP_HEADERS_TIMEOUT_MS: '2000',
      HTTP_REQUEST_TIMEOUT_MS: '3000',
    });
    expect(c.webhook).toEqual({ replayWindowMs: 36_000_000, headersTimeoutMs: 2000, requestTimeoutMs: 3000 });
  });

  it('refuses a headers timeout longer than the request timeout, and values that are not numbers or out of range', () => {
    expect(problemsOf({ HTTP_HEADERS_TIMEOUT_MS: '8000', HTTP_REQUEST_TIMEOUT_MS: '6000' })).toContain(
      'HTTP_HEADERS_TIMEOUT_MS (8000) must not exceed HTTP_REQUEST_TIMEOUT_MS (6000)',
    );
    expect(problemsOf({ HTTP_REQUEST_TIMEOUT_MS: 'soon' })).toContain('HTTP_REQUEST_TIMEOUT_MS');
    expect(problemsOf({ LARK_REPLAY_WINDOW_SECONDS: '60' })).toContain('LARK_REPLAY_WINDOW_SECONDS');
  });

  it('refuses a replay window longer than the inbox keeps event ids: a re-push would be handled twice', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zs-settings-'));
    const settings = JSON.parse(readFileSync(projectPath('config', 'settings.json'), 'utf8'));
    settings.inbox.retentionHours = 10;
    const file = join(dir, 'settings.json');
    writeFileSync(file, JSON.stringify(settings));
    expect(problemsOf({ SETTINGS_FILE: file, LARK_REPLAY_WINDOW_SECONDS: String(11 * 3600) })).toContain(
      'inbox.retentionHours (10 h)',
    );
    expect(
      loadConfig({ SETTINGS_FILE: file, LARK_REPLAY_WINDOW_SECONDS: String(10 * 3600) }).webhook.replayWindowMs,
    ).toBe(36_000_000);
  });
});
