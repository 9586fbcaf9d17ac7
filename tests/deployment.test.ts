import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { serviceNodeFlags } from '../bench/service-flags.js';
import { projectPath } from '../src/shared/project-root.js';

const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');

describe('deployment', () => {
  it('npm start, the Docker image and the benchmarks run the compiled service with the same heap flags', () => {
    const flags = serviceNodeFlags();
    // The export's memory target was measured with these: without a heap limit V8 collects late.
    expect(flags).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^--max-old-space-size=\d+$/),
        expect.stringMatching(/^--max-semi-space-size=\d+$/),
      ]),
    );
    const cmd = /^CMD (\[.*\])$/m.exec(read('Dockerfile'));
    const argv = JSON.parse(cmd![1]!) as string[];
    expect(argv.filter((a) => a.startsWith('--max-'))).toEqual(flags);
    expect(argv.at(-1)).toBe('dist/src/main.js');
    expect(read('package.json')).toContain(`"start": "node ${flags.join(' ')} dist/src/main.js"`);
  });

  it('npm start runs what npm run build compiled, building first', () => {
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts.prestart).toBe('npm run build');
    const build = JSON.parse(read('tsconfig.build.json')) as {
      include: string[];
      compilerOptions: { outDir: string; rootDir: string };
    };
    expect(build.compilerOptions).toMatchObject({ outDir: 'dist', rootDir: '.' });
    expect(build.include).toEqual(expect.arrayContaining(['src', 'migrations']));
  });

  it('files people edit and static files are found from the project root, not next to the code', () => {
    expect(existsSync(projectPath('config', 'settings.json'))).toBe(true);
    expect(existsSync(projectPath('src', 'sandbox', 'public', 'index.html'))).toBe(true);
  });

  it('npm run sandbox is npm start with the sandbox on', () => {
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts.sandbox).toBe('SANDBOX=true npm start');
  });
});
