"""Excludes the images of a list of files (one file name per line, as imported) from a dataset, with a reason.

For a quality-control script that flagged files: they leave training, evaluation and the review queue, and
keep their labels. Running it again is safe: images already excluded are left as they are. Standard library only:
    LOUPE_URL=http://127.0.0.1:4000 LOUPE_TOKEN=loupe_… python3 docs/examples/exclude_files.py DATASET "REASON" < flagged.txt
"""
import json
import os
import sys
import urllib.error
import urllib.request

URL = os.environ.get("LOUPE_URL", "http://127.0.0.1:4000") + "/graphql"
TOKEN = os.environ["LOUPE_TOKEN"]
NAMES_PER_QUERY = 1000  # the most one sourceFileNames filter takes
IMAGES_PER_CHANGE = 500  # the most one excludeImages call takes


def graphql(query, variables=None):
    """Runs one operation; raises with the error's code (NOT_FOUND, BAD_INPUT, FORBIDDEN…) on failure."""
    request = urllib.request.Request(
        URL,
        data=json.dumps({"query": query, "variables": variables or {}}).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"},
    )
    try:
        with urllib.request.urlopen(request) as response:
            body = json.load(response)
    except urllib.error.HTTPError as error:  # 4xx answers still carry a GraphQL error body
        body = json.load(error)
    if body.get("errors"):
        first = body["errors"][0]
        raise RuntimeError(f"{first.get('extensions', {}).get('code')}: {first['message']}")
    return body["data"]


FIND = """
query Find($id: ID!, $names: [String!]!, $after: String) {
  dataset(id: $id) {
    images(first: 500, after: $after, filter: { sourceFileNames: $names }) {
      pageInfo { endCursor hasNextPage }
      edges { node { id sourceFileName exclusion { reason } } }
    }
  }
}
"""

EXCLUDE = "mutation($ids: [ID!]!, $reason: String!) { excludeImages(imageIds: $ids, reason: $reason) { id } }"


def find_images(dataset_id, names):
    """Every image of the dataset whose file name is listed (a name may match several images)."""
    found = []
    for start in range(0, len(names), NAMES_PER_QUERY):
        after = None
        while True:
            variables = {"id": dataset_id, "names": names[start:start + NAMES_PER_QUERY], "after": after}
            images = graphql(FIND, variables)["dataset"]["images"]
            found += [edge["node"] for edge in images["edges"]]
            if not images["pageInfo"]["hasNextPage"]:
                break
            after = images["pageInfo"]["endCursor"]
    return found


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: exclude_files.py DATASET REASON < file-names.txt")
    wanted, reason = sys.argv[1], sys.argv[2]
    dataset = next((d for d in graphql("{ datasets { id name } }")["datasets"] if d["name"] == wanted), None)
    if dataset is None:
        sys.exit(f"no dataset named {wanted!r}")
    names = list(dict.fromkeys(line.strip() for line in sys.stdin if line.strip()))
    images = find_images(dataset["id"], names)
    missing = sorted(set(names) - {image["sourceFileName"] for image in images})
    todo = [image["id"] for image in images if image["exclusion"] is None]
    for start in range(0, len(todo), IMAGES_PER_CHANGE):
        graphql(EXCLUDE, {"ids": todo[start:start + IMAGES_PER_CHANGE], "reason": reason})
    print(f"{dataset['name']}: excluded {len(todo)} images, {len(images) - len(todo)} already excluded")
    if missing:
        print(f"{len(missing)} file name(s) not in the dataset: {', '.join(missing)}", file=sys.stderr)


if __name__ == "__main__":
    main()
