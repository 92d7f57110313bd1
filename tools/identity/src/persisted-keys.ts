import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

export const SIGNING_ALGORITHM = 'ES256';

export interface ProviderKeys {
  /** Private signing keys (JWK) for ID and access tokens; the provider publishes their public halves at /jwks. */
  jwks: { keys: JWK[] };
  /** Secrets signing the provider's cookies (session, interaction), newest first. */
  cookieKeys: string[];
}

/** Where the cookie-signing secrets live: beside the JWKS file, `<name>.cookie-keys.json`. */
export function cookieKeysFileFor(keysFile: string): string {
  const extension = extname(keysFile);
  return join(dirname(keysFile), `${basename(keysFile, extension)}.cookie-keys.json`);
}

/**
 * The provider's keys for this checkout: made on first start (mode 0600) and read back on every later one, so
 * tokens and sessions of an earlier run verify after a restart and a relying party's cached JWKS stays right.
 */
export async function loadOrCreateKeys(keysFile: string): Promise<ProviderKeys> {
  const jwks = await readOrCreate(keysFile, async () => ({ keys: [await newSigningKey()] }));
  const cookieKeys = await readOrCreate(cookieKeysFileFor(keysFile), async () => [randomBytes(32).toString('base64url')]);
  if (!Array.isArray(jwks.keys) || jwks.keys.length === 0 || !jwks.keys.every((key) => typeof key.d === 'string'))
    throw new Error(`${keysFile} holds no private JWKS (expected {"keys":[…]} with private keys); delete it to make a new one`);
  if (!Array.isArray(cookieKeys) || cookieKeys.length === 0 || !cookieKeys.every((key) => typeof key === 'string' && key))
    throw new Error(`${cookieKeysFileFor(keysFile)} holds no cookie keys; delete it to make a new one`);
  return { jwks, cookieKeys };
}

async function newSigningKey(): Promise<JWK> {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  return { ...(await exportJWK(privateKey)), kid: await calculateJwkThumbprint(publicJwk), alg: SIGNING_ALGORITHM, use: 'sig' };
}

/**
 * Reads `file`, or writes what `create` makes: to a private temporary file first, then hard-linked into place,
 * which fails if another process got there first, so two providers starting together end up with the same keys.
 */
async function readOrCreate<T>(file: string, create: () => Promise<T>): Promise<T> {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(await create(), null, 2)}\n`, { mode: 0o600 });
    try {
      linkSync(temporary, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temporary);
    }
  }
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}
