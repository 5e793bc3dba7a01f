/** "1 study", "1,875 images": a count with its noun in the right number. */
export function formatCount(value: number, singular: string, plural = `${singular}s`): string {
  return `${value.toLocaleString('en')} ${value === 1 ? singular : plural}`;
}
