#!/usr/bin/env bash
# Lists the datasets, then the 5 unlabelled images of the first one whose top-2 guesses are closest.
#   LOUPE_URL=http://127.0.0.1:4000 LOUPE_TOKEN=loupe_… bash docs/examples/query-datasets.sh
set -euo pipefail
url="${LOUPE_URL:-http://127.0.0.1:4000}/graphql"
token="${LOUPE_TOKEN:?set LOUPE_TOKEN to an API token}"

# One GraphQL request; on an HTTP error the answer (with its error code) goes to stderr and the script stops.
graphql() {
  local answer
  if ! answer=$(curl --silent --show-error --fail-with-body "$url" \
    -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' \
    --data "$1"); then
    echo "$answer" >&2
    return 1
  fi
  printf '%s' "$answer"
}

datasets=$(graphql '{"query": "{ datasets { id name imageCount studyCount } }"}')
echo "$datasets"

# The first dataset's id, without needing jq.
dataset_id=$(printf '%s' "$datasets" | sed -n 's/.*"datasets":\[{"id":"\([^"]*\)".*/\1/p')
[ -n "$dataset_id" ] || { echo "no dataset yet" >&2; exit 0; }

graphql "{\"query\": \"query(\$id: ID!) { dataset(id: \$id) { images(first: 5, filter: { labelled: false }, orderBy: { field: MARGIN }) { totalCount edges { node { id sourceFileName study { key } prediction { margin top1 { category { name } probability } top2 { category { name } probability } } } } } } }\", \"variables\": {\"id\": \"$dataset_id\"}}"
echo
