"""Pages through a dataset's unlabelled images, most ambiguous first, and writes them as CSV.

Standard library only:
    LOUPE_URL=http://127.0.0.1:4000 LOUPE_TOKEN=loupe_… python3 docs/examples/export_unlabelled.py [DATASET] > queue.csv
"""
import base64
import csv
import json
import os
import struct
import sys
import urllib.error
import urllib.request

URL = os.environ.get("LOUPE_URL", "http://127.0.0.1:4000") + "/graphql"
TOKEN = os.environ["LOUPE_TOKEN"]


def graphql(query, variables=None):
    """Runs one operation; raises with the error's code (NOT_FOUND, BAD_INPUT, UNAUTHENTICATED…) on failure."""
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


PAGE = """
query Page($id: ID!, $after: String) {
  dataset(id: $id) {
    images(first: 100, after: $after, filter: { labelled: false }, orderBy: { field: MARGIN, direction: ASC }) {
      totalCount
      pageInfo { endCursor hasNextPage }
      edges { node { id sourceFileName study { key }
        prediction { margin top1 { category { name } probability } top2 { category { name } probability } } } }
    }
  }
}
"""


def main():
    datasets = graphql("{ datasets { id name } }")["datasets"]
    wanted = sys.argv[1] if len(sys.argv) > 1 else None
    dataset = next((d for d in datasets if wanted in (None, d["name"])), None)
    if dataset is None:
        sys.exit(f"no dataset named {wanted!r}")
    out = csv.writer(sys.stdout)
    out.writerow(["image_id", "study", "file", "top1", "p1", "top2", "p2", "margin"])
    after, written = None, 0
    while True:
        images = graphql(PAGE, {"id": dataset["id"], "after": after})["dataset"]["images"]
        for edge in images["edges"]:
            image, prediction = edge["node"], edge["node"]["prediction"] or {}
            top1, top2 = prediction.get("top1") or {}, prediction.get("top2") or {}
            out.writerow([
                image["id"], image["study"]["key"], image["sourceFileName"],
                (top1.get("category") or {}).get("name"), top1.get("probability"),
                (top2.get("category") or {}).get("name"), top2.get("probability"), prediction.get("margin"),
            ])
            written += 1
        if not images["pageInfo"]["hasNextPage"]:
            break
        after = images["pageInfo"]["endCursor"]
    print(f"{dataset['name']}: wrote {written} of {images['totalCount']} unlabelled images", file=sys.stderr)

    # Embeddings for your own analysis: base64 little-endian float32, one vector per image.
    vectors = graphql(
        'query($id: ID!) { dataset(id: $id) { embeddings(first: 3, format: BASE64_FLOAT32) '
        '{ edges { node { dimensions base64 image { id } } } } } }',
        {"id": dataset["id"]},
    )["dataset"]["embeddings"]["edges"]
    for edge in vectors:
        node = edge["node"]
        vector = struct.unpack(f"<{node['dimensions']}f", base64.b64decode(node["base64"]))
        print(f"embedding of {node['image']['id']}: {len(vector)} values", file=sys.stderr)


if __name__ == "__main__":
    main()
