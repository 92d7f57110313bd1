import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

export const REPO_ROOT = resolve(__dirname, '../..');
export const OVERLAYS = ['dev', 'production', 'tenants/acme'];

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  [field: string]: unknown;
}

export interface Container {
  name: string;
  image: string;
  env?: {
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: { name: string; key: string } };
  }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readinessProbe?: unknown;
  livenessProbe?: unknown;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { allowPrivilegeEscalation?: boolean };
}

export interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: { containers: Container[]; securityContext?: { runAsNonRoot?: boolean } };
}

/** Renders an overlay with the kustomize API (tools/k8s-render, built once and cached). */
export function renderOverlay(overlay: string): K8sObject[] {
  const binary = execFileSync('bash', [join(REPO_ROOT, 'tools/go-build.sh'), join(REPO_ROOT, 'tools/k8s-render'), 'k8s-render'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
    .trim()
    .split('\n')
    .pop() as string;
  const yaml = execFileSync(binary, [join(REPO_ROOT, 'k8s/overlays', overlay)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return parseAllDocuments(yaml)
    .map((document) => document.toJS() as K8sObject | null)
    .filter((object): object is K8sObject => object !== null);
}

export function podTemplateOf(object: K8sObject): PodTemplate | undefined {
  if (object.kind === 'Deployment' || object.kind === 'StatefulSet') return (object.spec as { template: PodTemplate }).template;
  if (object.kind === 'Job') return (object.spec as { template: PodTemplate }).template;
  return undefined;
}
