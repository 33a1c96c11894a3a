#!/usr/bin/env bash
# Creates the Secrets the local overlay refers to, with fresh random values, in the current kubectl
# context's cluster. Run once before `kubectl apply -k deploy/overlays/local`; re-running replaces them.
# Nothing here is a real secret: the card and SMS peers are the repository's sandboxes.
set -euo pipefail
namespace=tadamon
random() { openssl rand -hex 24; }
apply() { kubectl -n "$namespace" create secret generic "$@" --dry-run=client -o yaml | kubectl apply -f -; }

kubectl get namespace "$namespace" >/dev/null 2>&1 || kubectl create namespace "$namespace"

for database in catalog orders payments notifications keycloak; do
  kubectl -n "$namespace" create secret generic "tadamon-pg-$database" --type=kubernetes.io/basic-auth \
    --from-literal=username="$database" --from-literal=password="$(random)" --dry-run=client -o yaml | kubectl apply -f -
done

# The realm's placeholders: the shop's origin (port-forwarded to localhost), the accounts client's secret.
apply tadamon-keycloak-realm --from-literal=TADAMON_WEB_ORIGIN=http://localhost:8080 \
  --from-literal=TADAMON_ACCOUNTS_CLIENT_SECRET="$(random)"

# Product photos: the MinIO tenant's root account, catalog-service's user on it, and the same keys for
# catalog-service (docs/photos.md).
apply photos-storage-configuration --from-literal=config.env="$(printf 'export MINIO_ROOT_USER=%s\nexport MINIO_ROOT_PASSWORD=%s\n' "$(openssl rand -hex 8)" "$(random)")"
photos_key=$(openssl rand -hex 10)
photos_secret=$(random)
apply photos-catalog-user --from-literal=CONSOLE_ACCESS_KEY="$photos_key" --from-literal=CONSOLE_SECRET_KEY="$photos_secret"
apply catalog-service-object-storage --from-literal=S3_ENDPOINT=http://minio.$namespace.svc.cluster.local \
  --from-literal=S3_ACCESS_KEY_ID="$photos_key" --from-literal=S3_SECRET_ACCESS_KEY="$photos_secret"

apply order-service-secrets --from-literal=ORDER_ACCESS_TOKEN_SECRET="$(random)" \
  --from-literal=PROOF_OF_WORK_SECRET="$(random)"

card_secret=$(random)
card_api_password=$(random)
apply payment-service-secrets \
  --from-literal=PAYMENT_CARD_GATEWAY_URL=http://localhost:8090/pay \
  --from-literal=PAYMENT_CARD_API_URL=http://card-gateway-sandbox/fim/api \
  --from-literal=PAYMENT_CARD_API_USER=tadamon-api \
  --from-literal=PAYMENT_CARD_API_PASSWORD="$card_api_password" \
  --from-literal=PAYMENT_CARD_MERCHANT_ID=tadamon-local \
  --from-literal=PAYMENT_CARD_SECRET="$card_secret"
apply card-gateway-sandbox-secrets --from-literal=SANDBOX_MERCHANT_ID=tadamon-local \
  --from-literal=SANDBOX_SECRET="$card_secret" --from-literal=SANDBOX_API_USER=tadamon-api \
  --from-literal=SANDBOX_API_PASSWORD="$card_api_password"

smpp_password=$(openssl rand -hex 4)
apply notification-service-secrets --from-literal=SMPP_SYSTEM_ID=tadamon --from-literal=SMPP_PASSWORD="$smpp_password" \
  --from-literal=SMS_INBOUND_TOKEN="$(random)" --from-literal=NOTIFICATION_PHONE_CODE_SECRET="$(random)"
apply sms-sandbox-secrets --from-literal=SMSC_SYSTEM_ID=tadamon --from-literal=SMSC_PASSWORD="$smpp_password"
