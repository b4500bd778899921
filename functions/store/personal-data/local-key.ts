/**
 * The local runtime's personal-data key: 32 random bytes, generated once into the data folder
 * (readable by the owner only) and handed to the functions as `PERSONAL_DATA_KEY`. Losing the
 * file makes the stored personal data unreadable, as losing a KMS key would in the cloud.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function loadOrCreateLocalPersonalDataKey(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'keys', 'personal-data.key');
  try {
    const text = (await readFile(file, 'utf8')).trim();
    if (Buffer.from(text, 'base64').length === 32) return text;
    throw new Error(`${file} does not hold a 32-byte base64 key.`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32).toString('base64');
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // `wx`: two runtimes starting at once on one folder must not both write a key.
  try {
    await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateLocalPersonalDataKey(dataDir);
    throw error;
  }
  return key;
}
