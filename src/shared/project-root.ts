import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's root — the folder with package.json, config/ and the sandbox's static files — whether
 * the code runs from src/ (tsx, tests) or compiled from dist/src/ (`npm start`, the Docker image).
 * Files a person edits (config/settings.json) are read from the root, never from a copy in dist/.
 */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

export function projectPath(...parts: string[]): string {
  return join(projectRoot(), ...parts);
}
