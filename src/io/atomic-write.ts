/**
 * Writes a file so that readers see the old content or the new, never half of
 * it: write a temporary file beside the target, flush it to disk, rename it over
 * the target. A crash leaves at worst a stray `.tmp` file.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { mkdirBounded } from './output-dir.js';

export async function writeFileAtomic(file: string, content: string | Uint8Array | Iterable<string>): Promise<void> {
  mkdirBounded(path.dirname(file));
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'w', 0o644);
    try {
      if (typeof content === 'string' || content instanceof Uint8Array) {
        await handle.writeFile(content);
      } else {
        // Chunks (a large findings file) are written as they come, never joined into one string.
        let buffer = '';
        for (const chunk of content) {
          buffer += chunk;
          if (buffer.length >= 1 << 20) {
            await handle.write(buffer);
            buffer = '';
          }
        }
        if (buffer) await handle.write(buffer);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
