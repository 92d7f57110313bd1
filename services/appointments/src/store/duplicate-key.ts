/** Whether a write failed on a unique index (directly, or inside a bulk insert's write errors). */
export function isDuplicateKey(error: unknown): boolean {
  const candidate = error as { code?: number; writeErrors?: Array<{ code?: number; err?: { code?: number } }> };
  return candidate?.code === 11000 || !!candidate?.writeErrors?.some((writeError) => (writeError.code ?? writeError.err?.code) === 11000);
}
