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

/** What the build (`${SERVICE}`) and the container's shell (`$SERVICE`) make of a line, given the build arguments. */
function expand(line: string, buildArgs: Record<string, string>): string {
  return line.replace(/\$\{?(\w+)\}?/g, (whole, name: string) => buildArgs[name] ?? whole);
}

/** One Dockerfile serves every Node service (`--build-arg SERVICE=<name>`); the frontends are one nginx image. */
const IMAGES = [
  ...['gateway', 'contacts', 'messaging', 'appointments', 'calls', 'webhooks'].map((name) => ({
    name,
    dockerfile: 'services/Dockerfile',
    buildArgs: { SERVICE: name },
    user: 10001,
  })),
  { name: 'frontends', dockerfile: 'frontends/Dockerfile', buildArgs: {}, user: 101 },
];

describe.each(IMAGES)('image $name', ({ name, dockerfile, buildArgs, user }) => {
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
    expect(final.lines).toContain('ARG SERVICE');
    expect(final.lines.find((line) => line.startsWith('ENV '))).toMatch(/\bSERVICE=\$\{SERVICE\}/);
    expect(final.lines.map((line) => expand(line, buildArgs))).toContain(`COPY services/${name} services/${name}`);
    // `exec` so node is PID 1 and gets the SIGTERM that starts a graceful shutdown.
    const [shell, flag, script] = JSON.parse(command!.slice(3).trim()) as string[];
    expect([shell, flag]).toEqual(['sh', '-c']);
    const entry = expand(script, buildArgs).match(/^exec node -r @swc-node\/register (\S+)$/)?.[1];
    expect(entry).toBe(`services/${name}/src/main.ts`);
    expect(existsSync(join(REPO_ROOT, entry!))).toBe(true);
  });
});
