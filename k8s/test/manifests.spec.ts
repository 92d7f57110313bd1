import { appointmentsConfigSchema } from '@conversations/appointments/src/config';
import { callsConfigSchema } from '@conversations/calls/src/config';
import { contactsConfigSchema } from '@conversations/contacts/src/config';
import { gatewayConfigSchema } from '@conversations/gateway/src/config';
import { messagingConfigSchema } from '@conversations/messaging/src/config';
import { webhooksConfigSchema } from '@conversations/webhooks/src/config';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { z } from 'zod';
import { type Container, type K8sObject, OVERLAYS, podTemplateOf, renderOverlay, REPO_ROOT } from './render';

/** What each backend Deployment runs: its environment must satisfy this schema. */
const CONFIG_SCHEMAS: Record<string, z.ZodObject> = {
  gateway: gatewayConfigSchema as unknown as z.ZodObject,
  contacts: contactsConfigSchema,
  messaging: messagingConfigSchema as unknown as z.ZodObject,
  appointments: appointmentsConfigSchema,
  calls: callsConfigSchema,
  webhooks: webhooksConfigSchema,
};
const BACKENDS = Object.keys(CONFIG_SCHEMAS);
const FRONTENDS = ['shell', 'inbox', 'conversation', 'contact-details'];

describe.each(OVERLAYS)('k8s overlay %s', (overlay) => {
  let objects: K8sObject[];
  const find = (kind: string, name: string) => objects.find((object) => object.kind === kind && object.metadata.name === name);
  const workloads = () => objects.filter((object) => podTemplateOf(object) && object.kind !== 'Job');

  beforeAll(() => {
    objects = renderOverlay(overlay);
  });

  it('renders, and every object is valid against the Kubernetes OpenAPI schema', () => {
    expect(objects.length).toBeGreaterThan(30);
    const output = execFileSync(process.execPath, [join(REPO_ROOT, 'k8s/test/validate-schemas.mjs')], {
      input: JSON.stringify(objects),
      encoding: 'utf8',
    });
    expect(JSON.parse(output)).toEqual([]);
  });

  it('puts everything in one namespace', () => {
    const namespaces = new Set(objects.filter((object) => object.kind !== 'Namespace').map((object) => object.metadata.namespace));
    expect(namespaces.size).toBe(1);
    expect(objects.filter((object) => object.kind === 'Namespace').map((object) => object.metadata.name)).toEqual([...namespaces]);
  });

  it('gives every service and frontend a Deployment, a Service and a disruption budget; every backend an autoscaler', () => {
    for (const name of [...BACKENDS, ...FRONTENDS]) {
      expect({
        name,
        deployment: !!find('Deployment', name),
        service: !!find('Service', name),
        budget: !!find('PodDisruptionBudget', name),
      }).toEqual({
        name,
        deployment: true,
        service: true,
        budget: true,
      });
    }
    for (const name of BACKENDS) expect(find('HorizontalPodAutoscaler', name)).toBeDefined();
    expect(find('StatefulSet', 'nats')).toMatchObject({ spec: { replicas: 3 } });
  });

  it('runs every workload non-root with probes, requests and limits', () => {
    for (const workload of workloads()) {
      const template = podTemplateOf(workload)!;
      expect({ workload: workload.metadata.name, nonRoot: template.spec.securityContext?.runAsNonRoot }).toEqual({
        workload: workload.metadata.name,
        nonRoot: true,
      });
      for (const container of template.spec.containers) {
        const summary = (c: Container) => ({
          container: c.name,
          readiness: !!c.readinessProbe,
          liveness: !!c.livenessProbe,
          requests: !!c.resources?.requests?.cpu && !!c.resources?.requests?.memory,
          limits: !!c.resources?.limits?.cpu && !!c.resources?.limits?.memory,
          escalation: c.securityContext?.allowPrivilegeEscalation,
        });
        expect(summary(container)).toEqual({
          container: container.name,
          readiness: true,
          liveness: true,
          requests: true,
          limits: true,
          escalation: false,
        });
      }
    }
  });

  it('selects pods that exist: every Service, budget and autoscaler points at a workload', () => {
    const podLabels = workloads().map((workload) => podTemplateOf(workload)!.metadata.labels);
    const selects = (selector: Record<string, string>) =>
      podLabels.some((labels) => Object.entries(selector).every(([key, value]) => labels[key] === value));
    for (const service of objects.filter((object) => object.kind === 'Service')) {
      expect({ service: service.metadata.name, matches: selects((service.spec as { selector: Record<string, string> }).selector) }).toEqual(
        { service: service.metadata.name, matches: true },
      );
    }
    for (const budget of objects.filter((object) => object.kind === 'PodDisruptionBudget')) {
      expect(selects((budget.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels)).toBe(true);
    }
    for (const autoscaler of objects.filter((object) => object.kind === 'HorizontalPodAutoscaler')) {
      expect(find('Deployment', (autoscaler.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name)).toBeDefined();
    }
  });

  it('lets ingress reach only the gateway and the frontends', () => {
    const ingress = objects.find((object) => object.kind === 'Ingress')!;
    const backends = (ingress.spec as { rules: { http: { paths: { backend: { service: { name: string } } }[] } }[] }).rules.flatMap(
      (rule) => rule.http.paths.map((path) => path.backend.service.name),
    );
    expect(new Set(backends)).toEqual(new Set(['gateway', ...FRONTENDS]));
    expect(find('NetworkPolicy', 'default-deny')).toMatchObject({ spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } });
  });

  it('tells the shell at run time where each remote and the API are (remotes.json)', () => {
    const remotes = JSON.parse(find('ConfigMap', 'frontend-remotes')!.data!['remotes.json']) as {
      apiBaseUrl: string;
      remotes: Record<string, string>;
      auth?: { issuer: string; clientId: string };
      devSignIn?: boolean;
    };
    const host = (objects.find((object) => object.kind === 'Ingress')!.spec as { rules: { host: string }[] }).rules[0].host;
    // The gateway origin: the API client adds /api/v1 itself.
    expect(remotes.apiBaseUrl).toBe(`https://${host}`);
    expect(Object.keys(remotes.remotes).sort()).toEqual(['contact_details', 'conversation', 'inbox']);
    for (const url of Object.values(remotes.remotes))
      expect(url).toMatch(new RegExp(`^https://${host.replace(/\./g, '\\.')}/remotes/[a-z-]+/mf-manifest\\.json$`));
    // #19: the shell signs in at the provider whose tokens the gateway accepts; no local sign-in in production.
    const config = find('ConfigMap', 'conversations-config')!.data!;
    expect(remotes.auth).toEqual({ issuer: config.OIDC_ISSUER, clientId: expect.any(String) });
    expect(remotes.devSignIn).toBe(false);
    expect(config.DEV_SIGN_IN).toBe('false');
  });

  it.each(BACKENDS)('provides every variable %s requires, each one valid, and none it does not read', (name) => {
    const schema = CONFIG_SCHEMAS[name];
    const container = podTemplateOf(find('Deployment', name)!)!.spec.containers[0];
    const provided = new Map<string, string | { secret: string; key: string }>();
    for (const source of container.envFrom ?? []) {
      const configMap = find('ConfigMap', source.configMapRef?.name ?? '');
      expect(configMap).toBeDefined();
      for (const [key, value] of Object.entries(configMap!.data ?? {})) if (key in schema.shape) provided.set(key, value);
    }
    for (const variable of container.env ?? []) {
      expect({ variable: variable.name, known: variable.name in schema.shape }).toEqual({ variable: variable.name, known: true });
      const secretRef = variable.valueFrom?.secretKeyRef;
      const configRef = variable.valueFrom?.configMapKeyRef;
      if (secretRef) {
        // A Secret rendered by the overlay must hold the key; one provisioned out of band cannot be checked here.
        const secret = find('Secret', secretRef.name);
        if (secret) expect(Object.keys({ ...secret.data, ...secret.stringData })).toContain(secretRef.key);
        provided.set(variable.name, { secret: secretRef.name, key: secretRef.key });
      } else if (configRef) {
        const value = find('ConfigMap', configRef.name)?.data?.[configRef.key];
        expect(value).toBeDefined();
        provided.set(variable.name, value!);
      } else {
        provided.set(variable.name, variable.value ?? '');
      }
    }
    for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      if (!field.safeParse(undefined).success)
        expect({ variable: key, provided: provided.has(key) }).toEqual({ variable: key, provided: true });
      const value = provided.get(key);
      if (typeof value === 'string') {
        const result = field.safeParse(value);
        expect({ variable: key, value, valid: result.success }).toEqual({ variable: key, value, valid: true });
      }
    }
    // In a pod the listener must accept the kubelet's probes and the Service's traffic.
    expect(provided.get('HTTP_HOST')).toBe('0.0.0.0');
  });
});
