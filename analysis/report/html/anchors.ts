/** Element ids of the page's sections, unique and safe whatever the service names are. */

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

/** Id of the `index`-th service section (0-based): `service-1-catalog`. */
export function serviceAnchor(index: number, service: string): string {
  const readable = slug(service);
  return readable === '' ? `service-${index + 1}` : `service-${index + 1}-${readable}`;
}

/** Ids of the sections that every page has. */
export const SECTION_IDS = {
  summary: 'summary',
  runs: 'runs',
  notes: 'notes',
  method: 'how-to-read',
} as const;
