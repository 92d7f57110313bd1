/**
 * JS size of each frontend's build, raw and gzip (run after `npm run build`):
 *   node -r @swc-node/register frontends/e2e/src/bundle-report.ts
 * "entry" is what loads before the panel renders: the shell's main.js or a remote's remoteEntry.js;
 * "shared" are the chunks of React, react-dom and TanStack Query, which the page downloads once (from
 * whichever container loads first; the browser test checks react-dom is requested once).
 */
import { distOf, FRONTENDS } from '@conversations/static-server';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const SHARED = /react-dom|react_index|react_jsx|tanstack|scheduler/;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const rows: string[][] = [['frontend', 'all JS raw', 'all JS gzip', 'entry gzip', 'shared libs gzip', 'own code gzip']];
for (const { project } of FRONTENDS) {
  const files = readdirSync(distOf(project)).filter((file) => file.endsWith('.js'));
  let raw = 0;
  let gzip = 0;
  let entry = 0;
  let shared = 0;
  for (const file of files) {
    const content = readFileSync(join(distOf(project), file));
    const zipped = gzipSync(content, { level: 9 }).length;
    raw += content.length;
    gzip += zipped;
    if (file === 'main.js' || file === 'remoteEntry.js') entry += zipped;
    else if (SHARED.test(file)) shared += zipped;
  }
  rows.push([project, kb(raw), kb(gzip), kb(entry), kb(shared), kb(gzip - entry - shared)]);
}
const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column])).join('  '));
