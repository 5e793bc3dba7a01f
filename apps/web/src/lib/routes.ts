/** Path of a study's page; global IDs are opaque, so they are always encoded. */
export function studyPath(studyId: string): string {
  return `/studies/${encodeURIComponent(studyId)}`;
}

/**
 * Reads a study ID back from its path segment. Next 16.4 hands a page its segment still encoded but
 * `generateMetadata` the decoded one; global IDs are base64url (no `%`), so decoding either gives the ID.
 */
export function studyIdFromSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // Not valid percent-encoding, so it was decoded already.
    return segment;
  }
}
