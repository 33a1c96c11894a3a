// Writes deploy/base/keycloak/realm-import.yaml, the Keycloak Operator's KeycloakRealmImport, from
// deploy/base/keycloak/tadamon-realm.json, the realm ./tadamon run imports: one realm file, two ways
// of importing it. Run after editing the realm (npm run realm-import --prefix deploy/validation);
// KeycloakRealmImportTest fails while the two differ.
import { readFileSync, writeFileSync } from "node:fs";
import { stringify } from "yaml";

const keycloak = new URL("../base/keycloak/", import.meta.url);
const realm = JSON.parse(readFileSync(new URL("tadamon-realm.json", keycloak), "utf8"));
const secret = (key) => ({ secret: { name: "tadamon-keycloak-realm", key } });
const realmImport = {
  apiVersion: "k8s.keycloak.org/v2alpha1",
  kind: "KeycloakRealmImport",
  metadata: { name: "tadamon-realm" },
  spec: {
    keycloakCRName: "tadamon-keycloak",
    // The realm's ${…} placeholders that are the platform's: its web origin, the accounts client's secret.
    placeholders: {
      TADAMON_WEB_ORIGIN: secret("TADAMON_WEB_ORIGIN"),
      TADAMON_ACCOUNTS_CLIENT_SECRET: secret("TADAMON_ACCOUNTS_CLIENT_SECRET"),
    },
    realm,
  },
};
const header = `# The tadamon realm, imported by the Keycloak Operator. Generated from tadamon-realm.json (the file
# ./tadamon run imports) by deploy/validation/realm-import.mjs: edit the JSON, then run
# npm run realm-import --prefix deploy/validation. Its placeholders come from the Secret
# tadamon-keycloak-realm: the web origin and the tadamon-accounts client's secret.
`;
writeFileSync(new URL("realm-import.yaml", keycloak), header + stringify(realmImport, { lineWidth: 0 }));
