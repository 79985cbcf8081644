import { appendFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSystem } from '../../test/support/system.ts';
import { DEMO_TENANT, seedDemo } from '../demo.ts';
import { resumeJob, runJob, submitJob } from '../platform/jobs/index.ts';
import type { System } from '../system.ts';
import { catalogOf, EXPORT_JOB } from './index.ts';

/**
 * An export stopped after a few chunks — and, worse, stopped after a chunk had appended its rows but before
 * its checkpoint committed (simulated by rows appended behind the job's back) — resumes to exactly the files
 * of an export that ran through.
 */
const A = DEMO_TENANT;
const CHUNK = 40;

describe('export: a stopped export resumes to the same files', () => {
  let system: System;
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'yakuba-export-resume-'));
    system = await testSystem();
    await seedDemo(system, A, { residents: 60, seed: 4 });
  });
  afterAll(async () => {
    await system?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('cuts a file back to its checkpoint and continues after it', async () => {
    const whole = await submitJob(system.db, system.registry, A, EXPORT_JOB, { dir: path.join(work, 'whole') }, { chunkSize: CHUNK });
    expect((await runJob(system.db, system.registry, A, whole.id)).status).toBe('succeeded');

    const stopped = await submitJob(system.db, system.registry, A, EXPORT_JOB, { dir: path.join(work, 'stopped') }, { chunkSize: CHUNK });
    const stop = new AbortController();
    // Stopped half-way through a file (its cursor holds rows), after more than one file is done.
    const first = await runJob(system.db, system.registry, A, stopped.id, {
      signal: stop.signal,
      onProgress: (job) => {
        const c = job.cursor as { file: number; rows: number } | null;
        if (c && c.file >= 1 && c.rows > 0) stop.abort();
      },
    });
    expect(first.status).toBe('queued');
    expect(first.done).toBeGreaterThan(0);
    expect(first.done).toBeLessThan(first.total);
    // A chunk that wrote and died before its commit: rows in the file the cursor does not know of.
    const cursor = first.cursor as { file: number; rows: number };
    expect(cursor.rows).toBeGreaterThan(0);
    const inProgress = `${catalogOf(system.registry.modules).records[cursor.file]!.record.id}.csv`;
    await appendFile(path.join(work, 'stopped', inProgress), 'half,written,row\r\n');

    const ended = await resumeJob(system.db, system.registry, A, stopped.id);
    expect(ended.status).toBe('succeeded');
    const expected = (await readdir(path.join(work, 'whole'))).sort();
    expect((await readdir(path.join(work, 'stopped'))).sort()).toEqual(expected);
    for (const f of expected.filter((name) => name.endsWith('.csv'))) {
      expect(await readFile(path.join(work, 'stopped', f), 'utf8'), f).toBe(await readFile(path.join(work, 'whole', f), 'utf8'));
    }
    const manifest = async (d: string) => ({ ...JSON.parse(await readFile(path.join(work, d, 'manifest.json'), 'utf8')), asOf: null });
    expect(await manifest('stopped')).toEqual(await manifest('whole'));
  });
});
