/**
 * manifest.json of an export: whose data, which layout versions, as of when, and every file with its
 * row count and SHA-256, so that a receiver can tell a complete, unaltered export from anything else
 * before it reads a row.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { z } from 'zod';

export const MANIFEST_FILE = 'manifest.json';
export const FORMAT = 'yakuba-standard-data';

const manifestSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.literal(1),
  tenant: z.object({ code: z.string(), name: z.string(), prefecture: z.string() }),
  asOf: z.string(),
  modules: z.array(z.object({ id: z.string(), title: z.string(), version: z.string() })),
  files: z.array(z.object({ record: z.string(), module: z.string(), file: z.string(), rows: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** A manifest's text: keys in a fixed order and two-space indentation, so two exports of the same data compare equal. */
export const manifestText = (manifest: Manifest): string => `${JSON.stringify(manifest, null, 2)}\n`;

export function parseManifest(text: string): { manifest: Manifest } | { problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problems: ['manifest.json が JSON として読めません'] };
  }
  const parsed = manifestSchema.safeParse(json);
  if (parsed.success) return { manifest: parsed.data };
  return { problems: parsed.error.issues.map((i) => `manifest.json の ${i.path.join('.') || '全体'} が正しくありません（${i.message}）`) };
}

/** SHA-256 of a file, read as a stream (an export's files may be larger than memory). */
export function sha256OfFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
