import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

/** A benchmark's child process as Linux sees it (/proc): CPU time and resident memory. */

/** User + system CPU seconds of the process so far (clock ticks of 10 ms). */
export function cpuSeconds(child: ChildProcess): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime
}

/** Resident memory now (VmRSS) or its peak so far (VmHWM), in MB. */
export function memoryMb(child: ChildProcess, field: 'VmRSS' | 'VmHWM'): number {
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1];
  return Number(kb) / 1024;
}

/** Starts a new peak: VmHWM becomes the current RSS (so a boot's own peak does not count). */
export function resetPeak(child: ChildProcess): void {
  writeFileSync(`/proc/${child.pid}/clear_refs`, '5');
}

export async function stopChild(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}
