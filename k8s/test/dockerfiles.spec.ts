import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OVERLAYS, podTemplateOf, renderOverlay, REPO_ROOT } from './render';

/** No Docker engine here: the images are checked for their structure and against the manifests. */
interface Stage {
  from: string;
  lines: string[];
}

function stagesOf(path: string): Stage[] {
  const stages: Stage[] = [];
  for (const line of readFileSync(path, 'utf8')
    .split('\n')
    .map((text) => text.trim())) {
    if (!line || line.startsWith('#')) continue;
    if (/^FROM\s/i.test(line)) stages.push({ from: line.split(/\s+/)[1], lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  return stages;
}

const IMAGES = [
  ...['gateway', 'contacts', 'messaging', 'appointments', 'calls'].map((name) => ({
    name,
    dockerfile: `services/${name}/Dockerfile`,
    user: 10001,
  })),
  { name: 'frontends', dockerfile: 'frontends/Dockerfile', user: 101 },
];

describe.each(IMAGES)('image $name', ({ name, dockerfile, user }) => {
  const stages = stagesOf(join(REPO_ROOT, dockerfile));
  const final = stages.at(-1)!;

  it('is a multi-stage build on pinned base images', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.from).toMatch(/:\d+\.\d+\.\d+[-\w.]*$/);
  });

  it('runs as the non-root user the manifests expect and exposes 8080', () => {
    expect(final.lines).toContain(`USER ${user}:${user}`);
    expect(final.lines).toContain('EXPOSE 8080');
    const runAsUsers = OVERLAYS.flatMap((overlay) =>
      renderOverlay(overlay)
        .filter(
          (object) =>
            object.kind === 'Deployment' &&
            (object.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image.includes(
              `/${name}:`,
            ),
        )
        .map((object) => (podTemplateOf(object)!.spec.securityContext as { runAsUser?: number }).runAsUser),
    );
    expect(runAsUsers.length).toBeGreaterThan(0);
    expect(new Set(runAsUsers)).toEqual(new Set([user]));
  });

  it('starts an entry point that exists', () => {
    const command = final.lines.find((line) => line.startsWith('CMD'));
    if (name === 'frontends') {
      expect(existsSync(join(REPO_ROOT, 'frontends/nginx.conf.template'))).toBe(true);
      return;
    }
    const entry = (JSON.parse(command!.slice(3).trim()) as string[]).at(-1)!;
    expect(entry).toBe(`services/${name}/src/main.ts`);
    expect(existsSync(join(REPO_ROOT, entry))).toBe(true);
  });
});
