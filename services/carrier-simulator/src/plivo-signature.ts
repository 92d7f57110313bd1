import { createHmac, randomBytes } from 'node:crypto';

/** Form parameters as Plivo posts them: each name once, or repeated (an array). */
export type FormParams = Record<string, string | string[]>;

function sorted(values: string | string[]): string[] {
  return (Array.isArray(values) ? [...values] : [values]).sort();
}

/**
 * The string Plivo's V3 signature covers for a POST, built the way Plivo builds it (and the SDK's
 * validateV3Signature rebuilds it): scheme://host/path, then `?` + the URL's query parameters sorted as
 * `k=v` joined by `&` (and a `.` after them), then every body parameter sorted as `key` + `value`.
 */
export function signedBaseOf(url: string, params: FormParams): string {
  const parsed = new URL(url);
  const query: Record<string, string[]> = {};
  for (const [key, value] of parsed.searchParams) (query[key] ??= []).push(value);
  const queryString = Object.keys(query)
    .sort()
    .flatMap((key) => sorted(query[key]).map((value) => `${key}=${value}`))
    .join('&');
  const hasBody = Object.keys(params).length > 0;
  let base = `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  if (queryString.length > 0 || hasBody) base += `?${queryString}`;
  if (queryString.length > 0 && hasBody) base += '.';
  const bodyString = Object.keys(params)
    .sort()
    .flatMap((key) => sorted(params[key]).map((value) => `${key}${value}`))
    .join('');
  return base + bodyString;
}

/** `X-Plivo-Signature-V3` and its nonce for a POST of `params` to `url`, as Plivo signs them. */
export function signV3(
  authToken: string,
  url: string,
  params: FormParams,
  nonce = randomBytes(12).toString('base64url'),
): { signature: string; nonce: string } {
  const signature = createHmac('sha256', authToken)
    .update(`${signedBaseOf(url, params)}.${nonce}`)
    .digest('base64');
  return { signature, nonce };
}
