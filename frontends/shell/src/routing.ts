/** The shell's one route with a parameter (F5): `/conversations/:contactId`. */
export function contactIdOfPath(pathname: string): string | null {
  const match = /^\/conversations\/([^/?#]+)\/?$/.exec(pathname);
  return match ? decodeURIComponent(match[1]) : null;
}

export function pathOfContact(contactId: string | null): string {
  return contactId ? `/conversations/${encodeURIComponent(contactId)}` : '/conversations';
}
