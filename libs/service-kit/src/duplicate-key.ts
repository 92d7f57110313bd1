/** Whether a write failed on a unique index (MongoDB's code 11000, directly or in a bulk write's errors). */
export function isDuplicateKey(error: unknown): boolean {
  const candidate = error as { code?: number; writeErrors?: Array<{ code?: number; err?: { code?: number } }> };
  return candidate?.code === 11000 || !!candidate?.writeErrors?.some((writeError) => (writeError.code ?? writeError.err?.code) === 11000);
}
