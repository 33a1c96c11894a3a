// Validates every object of rendered manifests (kustomize build output) against its schema: the
// Kubernetes API's for built-in kinds, the operators' CRDs for Strimzi, CloudNativePG, KEDA and the
// Prometheus Operator (the kubernetes-models packages, generated from those schemas), and the
// Keycloak and MinIO Operators' CRDs themselves (crds/, as the operators' releases publish them), checked
// with Ajv the way `kubectl apply --validate=strict` checks them: an unknown field is an error.
// An object whose kind has no known schema is an error too: nothing reaches a cluster unchecked.
//
//   node validate.mjs rendered.yaml [more.yaml ...]
import { readdirSync, readFileSync } from "node:fs";
import Ajv from "ajv";
import { parse, parseAllDocuments } from "yaml";

// apiVersion/kind → a compiled validator, from the CRDs in crds/.
const CRD_VALIDATORS = loadCrds(new URL("./crds/", import.meta.url));

function loadCrds(directory) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validators = new Map();
  for (const file of readdirSync(directory).filter((name) => name.endsWith(".yml"))) {
    const crd = parse(readFileSync(new URL(file, directory), "utf8"));
    for (const version of crd.spec.versions) {
      const schema = structuredClone(version.schema.openAPIV3Schema);
      // Every object has these; the CRD's schema describes only the rest.
      schema.properties.apiVersion ??= { type: "string" };
      schema.properties.kind ??= { type: "string" };
      schema.properties.metadata ??= { type: "object" };
      strictFields(schema);
      validators.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, ajv.compile(schema));
    }
  }
  return validators;
}

// The API server drops fields a structural schema does not know; strict validation refuses them.
function strictFields(schema) {
  if (schema && typeof schema === "object") {
    if (schema.properties && schema.additionalProperties === undefined
        && !schema["x-kubernetes-preserve-unknown-fields"]) {
      schema.additionalProperties = false;
    }
    for (const value of Object.values(schema)) {
      strictFields(value);
    }
  }
  return schema;
}

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
      const crd = CRD_VALIDATORS.get(`${object.apiVersion}/${object.kind}`);
      if (crd) {
        if (!crd(object)) {
          throw new Error(crd.errors.map((e) => `${e.instancePath || "/"} ${e.message}`
            + (e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : "")).join("; "));
        }
      } else {
        const Model = await modelFor(object.apiVersion, object.kind);
        new Model(object).validate();
      }
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
