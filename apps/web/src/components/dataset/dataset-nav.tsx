'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { curatingSections, datasetPath, datasetSections } from '../../lib/routes';

type DatasetNavProps = {
  datasetId: string;
  /** Whether the viewer may curate: only then is the import screen listed. */
  canCurate: boolean;
};

/** Tabs between a dataset's screens; the current one is marked for assistive technology too. */
export function DatasetNav({ datasetId, canCurate }: DatasetNavProps) {
  const pathname = usePathname();
  const overview = datasetPath(datasetId);
  return (
    <nav aria-label="Dataset" className="dataset-nav">
      <ul>
        {datasetSections.map(({ section, title }) => {
          if (!canCurate && curatingSections.has(section)) return null;
          const href = datasetPath(datasetId, section);
          // The labeler belongs to the queue's tab.
          const current = section
            ? pathname.startsWith(href) || (section === 'queue' && pathname.startsWith(`${overview}/label/`))
            : pathname === href;
          return (
            <li key={section || 'overview'}>
              <Link href={href} aria-current={current ? 'page' : undefined} prefetch={false}>
                {title}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
