// Validates every object of rendered manifests (kustomize build output) against its schema: the
// Kubernetes API's for built-in kinds, the operators' CRDs for Strimzi, CloudNativePG, KEDA and the
// Prometheus Operator (the kubernetes-models packages, generated from those schemas).
// An object whose kind has no known schema is an error too: nothing reaches a cluster unchecked.
//
//   node validate.mjs rendered.yaml [more.yaml ...]
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const PACKAGES = {
  "": "kubernetes-models",
  "apps": "kubernetes-models",
  "policy": "kubernetes-models",
  "autoscaling": "kubernetes-models",
  "networking.k8s.io": "kubernetes-models",
  "kafka.strimzi.io": "@kubernetes-models/strimzi-kafka-operator",
  "postgresql.cnpg.io": "@kubernetes-models/cloudnative-pg",
  "keda.sh": "@kubernetes-models/keda",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
};

async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const pkg = PACKAGES[group];
  if (!pkg) {
    throw new Error(`no schema known for API group '${group}'`);
  }
  const path = `${pkg}/${group ? group + "/" : ""}${version}/${kind}`;
  try {
    return (await import(path))[kind];
  } catch (e) {
    throw new Error(`no schema for ${apiVersion} ${kind} (${path})`);
  }
}

let objects = 0;
const failures = [];
for (const file of process.argv.slice(2)) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length > 0) {
      failures.push(`${file}: not YAML: ${doc.errors[0].message}`);
      continue;
    }
    const object = doc.toJS();
    if (object == null) {
      continue;
    }
    objects++;
    const name = `${file}: ${object.kind} ${object.metadata?.name}`;
    try {
      const Model = await modelFor(object.apiVersion, object.kind);
      new Model(object).validate();
    } catch (e) {
      failures.push(`${name}: ${e.message}`);
    }
  }
}

if (objects === 0) {
  failures.push("no objects to validate");
}
for (const failure of failures) {
  console.error(failure);
}
console.log(`${objects} objects, ${failures.length} invalid`);
process.exit(failures.length === 0 ? 0 : 1);
