// Validates Kubernetes objects (a JSON array on stdin) against the Kubernetes OpenAPI schemas that
// ship with `kubernetes-models` (offline). Prints a JSON array of problems; exits 0 either way.
// An ES module of its own because kubernetes-models is ESM-only and jest here runs CommonJS.
import { readFileSync } from 'node:fs';

const objects = JSON.parse(readFileSync(0, 'utf8'));
const problems = [];
for (const object of objects) {
  const where = `${object.kind}/${object.metadata?.name}`;
  let Model;
  try {
    Model = (await import(`kubernetes-models/${object.apiVersion}/${object.kind}`))[object.kind];
  } catch {
    problems.push(`${where}: no schema for ${object.apiVersion} ${object.kind}`);
    continue;
  }
  try {
    new Model(object).validate();
  } catch (error) {
    problems.push(`${where}: ${error.message}`);
  }
}
process.stdout.write(JSON.stringify(problems));
