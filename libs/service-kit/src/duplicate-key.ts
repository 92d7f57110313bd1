/** Whether a write failed on a unique index (MongoDB's code 11000, directly or in a bulk write's errors). */
export function isDuplicateKey(error: unknown): boolean {
  const candidate = error as { code?: number; writeErrors?: Array<{ code?: number; err?: { code?: number } }> };
  // A bulk write counts only when every statement that failed failed on a duplicate: any other failure
  // is a real error (the driver copies the first write error's code to the top level).
  if (candidate?.writeErrors?.length)
    return candidate.writeErrors.every((writeError) => (writeError.code ?? writeError.err?.code) === 11000);
  return candidate?.code === 11000;
}
