#!/usr/bin/env bash
# Uploads the images of a folder into a dataset (created if new), 100 files per request, each sub-folder a study.
#   LOUPE_URL=http://127.0.0.1:4000 LOUPE_TOKEN=loupe_… bash docs/examples/upload-folder.sh FOLDER DATASET
set -euo pipefail
url="${LOUPE_URL:-http://127.0.0.1:4000}/graphql"
token="${LOUPE_TOKEN:?set LOUPE_TOKEN to an API token}"
folder="${1:?give the folder to upload}"
dataset="${2:?give the dataset name}"

# $1 with backslashes and double quotes escaped: a JSON string's content, and a name curl reads whole in quotes
# (file names with control characters are refused anyway).
escape() {
  local text="${1//\\/\\\\}"
  printf '%s' "${text//\"/\\\"}"
}
json_string() { printf '"%s"' "$(escape "$1")"; }

# One GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec) for the files
# given as arguments, by their paths inside the folder.
upload_batch() {
  local paths="" nulls="" map="" parts=() index=0 answer
  for path in "$@"; do
    paths+="${paths:+,}$(json_string "$path")"
    nulls+="${nulls:+,}null"
    map+="${map:+,}\"$index\":[\"variables.files.$index\"]"
    # Quoted, so that curl reads a name with ; or , as a name.
    parts+=(-F "$index=@\"$(escape "$folder/$path")\"")
    index=$((index + 1))
  done
  local query='mutation($name: String, $files: [Upload!]!, $paths: [String!]) { importFiles(datasetName: $name, files: $files, paths: $paths) { dataset { name imageCount studyCount } imported alreadyPresent failed failures { file code message } } }'
  if ! answer=$(curl --silent --show-error --fail-with-body "$url" \
    -H "Authorization: Bearer $token" \
    -H 'Apollo-Require-Preflight: true' \
    --form-string "operations={\"query\": $(json_string "$query"), \"variables\": {\"name\": $(json_string "$dataset"), \"files\": [$nulls], \"paths\": [$paths]}}" \
    --form-string "map={$map}" \
    "${parts[@]}"); then
    echo "$answer" >&2
    return 1
  fi
  printf '%s\n' "$answer"
}

# PNG, JPEG and DICOM files (DICOM files often have no extension), by their paths inside the folder.
mapfile -t files < <(cd "$folder" && find . -type f \( -iname '*.png' -o -iname '*.jpg' -o -iname '*.jpeg' \
  -o -iname '*.dcm' -o ! -name '*.*' \) | sed 's|^\./||' | sort)
[ "${#files[@]}" -gt 0 ] || { echo "no images in $folder" >&2; exit 1; }
for ((start = 0; start < ${#files[@]}; start += 100)); do
  upload_batch "${files[@]:start:100}"
done
