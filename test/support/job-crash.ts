/** The crash tests' child: test/fixtures/job-worker.ts runs one job and is killed mid-run. */
import { spawn } from 'node:child_process';

/** Runs the job in a child process and SIGKILLs it once `killAfter` items are reported committed. */
export async function runAndKill(env: Record<string, string>, tenantCode: string, jobId: string, killAfter: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/job-worker.ts'], {
    env: { ...process.env, ...env, JOB_TENANT: tenantCode, JOB_ID: jobId },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const reported = await new Promise<number>((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const done = /^done (\d+) running$/.exec(line);
        if (done && Number(done[1]) >= killAfter) {
          child.kill('SIGKILL');
          resolve(Number(done[1]));
        }
      }
    });
    child.on('exit', (code, signal) => reject(new Error(`the job process ended before it was killed (${code ?? signal})`)));
  });
  await exited;
  return reported;
}
