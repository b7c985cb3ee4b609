#!/usr/bin/env bash
# Load figures for `palisade serve` on loopback (issue 13's "Must show"). Builds nothing: run
# `mvn -B -q -ntp -pl cli -am package -DskipTests` first. Starts the server with a fresh
# self-signed certificate on a free port, then runs wrk (TLS, HTTP/1.1 keep-alive) against
#   /healthz                        the floor: TLS + HTTP + routing, no engine
#   SubjectAccessReview (v1)        Kubernetes' bootstrap roles + the example RBAC and DSL policies
#   /validate (AdmissionReview v1)  a typical Pod under PodSecurity restricted + the shipped library
# and prints req/s, p99 and errors per endpoint, and each endpoint's ratio to /healthz.
#
# Then, when h2load is installed (apt-get install nghttp2-client), the same two engine endpoints at
# a FIXED rate (RATE requests/s in all, default 5000, over CONNECTIONS connections; open loop, so the
# tail is the server's latency at that rate rather than a saturated queue's), with p50/p99/p99.9
# from h2load's per-request log.
# Environment: DURATION (default 20s per measured run; a 5s warm-up run precedes each),
# CONNECTIONS (16), THREADS (1), PALISADE_CONFORMANCE_DIR (default ../shared/conformance beside
# the project; without it the bootstrap roles are left out and the script says so), JAVA_OPTS.
# Needs: java 17+, wrk, openssl, curl (apt-get install -y wrk openssl curl).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/cli/target/palisade-cli-0.1.0-SNAPSHOT-all.jar"
DURATION="${DURATION:-20s}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-1}"
# as the tests find it: a shared/conformance beside the project or one of its parent folders
CONFORMANCE="${PALISADE_CONFORMANCE_DIR:-}"
if [ -z "$CONFORMANCE" ]; then
  dir="$ROOT"
  while [ "$dir" != "/" ]; do
    if [ -d "$(dirname "$dir")/shared/conformance" ]; then CONFORMANCE="$(dirname "$dir")/shared/conformance"; break; fi
    dir="$(dirname "$dir")"
  done
fi

for tool in java wrk openssl curl; do
  command -v "$tool" >/dev/null || { echo "run-load.sh: $tool is not installed" >&2; exit 2; }
done
[ -f "$JAR" ] || { echo "run-load.sh: $JAR is missing; build it with: mvn -B -q -ntp -pl cli -am package -DskipTests" >&2; exit 2; }

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null

# the bootstrap roles as a second RBAC authorizer: both define cluster-admin, and one RBAC object
# set may not define a name twice
BOOTSTRAP=""
if [ -n "$CONFORMANCE" ] && [ -d "$CONFORMANCE/rbac-bootstrap-policy" ]; then
  BOOTSTRAP="    - type: RBAC
      name: bootstrap-rbac
      paths: [$CONFORMANCE/rbac-bootstrap-policy]"
else
  echo "note: shared/conformance/rbac-bootstrap-policy not found (set PALISADE_CONFORMANCE_DIR); RBAC is the example roles only" >&2
fi
LIBRARY=$(ls "$ROOT"/rules/policies/admission/*.pal | paste -sd, - | sed 's/,/, /g')
cat > "$WORK/palisade.yaml" <<YAML
apiVersion: palisade.dev/v1alpha1
kind: Configuration
authorization:
  authorizers:
    - type: Policy
      name: cluster-policy
      paths: [$ROOT/examples/policies]
    - type: RBAC
      paths: [$ROOT/examples/rbac]
$BOOTSTRAP
admission:
  plugins:
    - type: PodSecurity
      level: restricted
      version: latest
    - type: Policy
      name: library
      paths: [$LIBRARY]
YAML

head -1 "$ROOT/examples/reviews.jsonl" > "$WORK/sar.json"
cat > "$WORK/review.json" <<'JSON'
{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"0b3f5c1e-load","kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},"namespace":"payments","name":"api-7d9f","operation":"CREATE","userInfo":{"username":"system:serviceaccount:kube-system:replicaset-controller","groups":["system:serviceaccounts","system:authenticated"]},"object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"api-7d9f","namespace":"payments","labels":{"app":"api","pod-template-hash":"7d9f"}},"spec":{"securityContext":{"runAsNonRoot":true,"runAsUser":10001,"seccompProfile":{"type":"RuntimeDefault"}},"containers":[{"name":"api","image":"registry.example.com/payments/api:1.42.0","ports":[{"containerPort":8080}],"resources":{"requests":{"cpu":"250m","memory":"256Mi"},"limits":{"cpu":"1","memory":"512Mi"}},"securityContext":{"allowPrivilegeEscalation":false,"readOnlyRootFilesystem":true,"capabilities":{"drop":["ALL"]}},"volumeMounts":[{"name":"tmp","mountPath":"/tmp"},{"name":"config","mountPath":"/etc/api"}]},{"name":"proxy","image":"registry.example.com/mesh/proxy:1.20.3","securityContext":{"allowPrivilegeEscalation":false,"readOnlyRootFilesystem":true,"capabilities":{"drop":["ALL"]}}}],"volumes":[{"name":"tmp","emptyDir":{}},{"name":"config","configMap":{"name":"api-config"}}]}}}}
JSON
cat > "$WORK/post.lua" <<'LUA'
local f = assert(io.open(os.getenv("BODY"), "r"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
LUA

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -jar "$JAR" serve -c "$WORK/palisade.yaml" --bind-address 127.0.0.1 --secure-port "$PORT" \
  --tls-cert-file "$WORK/cert.pem" --tls-private-key-file "$WORK/key.pem" --access-log "$WORK/access.log" \
  2> "$WORK/server.err" &
SERVER_PID=$!
BASE="https://localhost:$PORT"
for _ in $(seq 1 120); do
  curl -sf --cacert "$WORK/cert.pem" "$BASE/readyz" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.err" >&2; exit 1; }
  sleep 0.5
done
curl -sf --cacert "$WORK/cert.pem" "$BASE/readyz" >/dev/null || { echo "server not ready within 60 s" >&2; cat "$WORK/server.err" >&2; exit 1; }

# the answers the load will repeat, checked once: an allowed review and an allowed Pod
SAR_ANSWER=$(curl -s --cacert "$WORK/cert.pem" -H 'Content-Type: application/json' --data-binary @"$WORK/sar.json" \
  "$BASE/apis/authorization.k8s.io/v1/subjectaccessreviews")
ADM_ANSWER=$(curl -s --cacert "$WORK/cert.pem" -H 'Content-Type: application/json' --data-binary @"$WORK/review.json" "$BASE/validate")
echo "SAR answer:       $SAR_ANSWER" | cut -c1-200
echo "/validate answer: $ADM_ANSWER" | cut -c1-200

declare -A RPS P99 ERRS
measure() { # name url [body]
  local name=$1 url=$2 body=${3:-} out
  local args=(-t"$THREADS" -c"$CONNECTIONS" --latency)
  if [ -n "$body" ]; then args+=(-s "$WORK/post.lua"); fi
  BODY="$body" wrk "${args[@]}" -d5s "$url" >/dev/null
  out=$(BODY="$body" wrk "${args[@]}" -d"$DURATION" "$url")
  echo "--- $name"; echo "$out" | sed 's/^/    /'
  RPS[$name]=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  P99[$name]=$(echo "$out" | awk '$1 == "99%" {print $2}')
  ERRS[$name]=$(echo "$out" | awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}')
}

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (after a 5s warm-up each); $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
measure healthz "$BASE/healthz"
measure sar "$BASE/apis/authorization.k8s.io/v1/subjectaccessreviews" "$WORK/sar.json"
measure validate "$BASE/validate" "$WORK/review.json"

echo
printf '%-10s %12s %10s %8s %14s\n' endpoint req/s p99 errors "ratio to healthz"
for name in healthz sar validate; do
  ratio=$(awk -v a="${RPS[$name]}" -v b="${RPS[healthz]}" 'BEGIN {printf "%.2f", a / b}')
  printf '%-10s %12s %10s %8s %14s\n' "$name" "${RPS[$name]}" "${P99[$name]}" "${ERRS[$name]}" "$ratio"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); access log lines: $(wc -l < "$WORK/access.log")"

if command -v h2load >/dev/null; then
  RATE="${RATE:-5000}"
  PER_CLIENT=$(( (RATE + CONNECTIONS - 1) / CONNECTIONS ))
  SECONDS_RUN="${DURATION%s}"
  fixed() { # name url body
    local name=$1 url=$2 body=$3
    h2load --h1 -c"$CONNECTIONS" -t1 --rps "$PER_CLIENT" -D 5 -d "$body" -H 'Content-Type: application/json' "$url" >/dev/null
    h2load --h1 -c"$CONNECTIONS" -t1 --rps "$PER_CLIENT" -D "$SECONDS_RUN" -d "$body" -H 'Content-Type: application/json' \
      --log-file "$WORK/$name.tsv" "$url" > "$WORK/$name.h2load"
    # columns: start (us since epoch), HTTP status, elapsed (us)
    sort -n -k3,3 "$WORK/$name.tsv" | awk -v name="$name" '
      { t[NR] = $3; if ($2 != 200) bad++ }
      END {
        if (NR == 0) { print name ": no requests"; exit }
        printf "%-10s %8d req in %ss (%.0f/s)  p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.2f ms  non-200 %d\n",
          name, NR, ENVIRON["SECONDS_RUN"], NR / ENVIRON["SECONDS_RUN"], t[int(NR*0.5)]/1000, t[int(NR*0.99)]/1000,
          t[int(NR*0.999)]/1000, t[NR]/1000, bad + 0 }'
  }
  echo
  echo "fixed rate: h2load --h1 -c$CONNECTIONS --rps $PER_CLIENT per connection (~$RATE/s) for $DURATION after a 5 s warm-up"
  export SECONDS_RUN
  fixed sar "$BASE/apis/authorization.k8s.io/v1/subjectaccessreviews" "$WORK/sar.json"
  fixed validate "$BASE/validate" "$WORK/review.json"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
else
  echo "(h2load not installed: no fixed-rate run; apt-get install nghttp2-client)"
fi
