/** "1 study", "1,875 images": a count with its noun in the right number. */
export function formatCount(value: number, singular: string, plural = `${singular}s`): string {
  return `${value.toLocaleString('en')} ${value === 1 ? singular : plural}`;
}

const BYTE_UNITS = ['KiB', 'MiB', 'GiB'] as const;

/** "512 bytes", "3.4 MiB": a size in binary units, one decimal below ten. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return formatCount(bytes, 'byte');
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en')} ${BYTE_UNITS[unit]}`;
}
